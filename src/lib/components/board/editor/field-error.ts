/** Turns a rejected card change into a message for the field it concerns. */
import { BoardError, MAX_TAGS, MAX_TEXT_LENGTH, MAX_TITLE_LENGTH } from '$lib/board';
import { t } from '$lib/i18n/index.svelte';

export function fieldErrorMessage(error: BoardError): string {
	switch (error.field) {
		case 'title':
			return t('editor.error.title', { max: MAX_TITLE_LENGTH });
		case 'company':
		case 'contact':
		case 'source':
			return t('editor.error.text', { max: MAX_TEXT_LENGTH });
		case 'value':
			return t('editor.error.value');
		case 'tags':
			return t('editor.error.tags', { max: MAX_TAGS });
		case 'dueAt':
			return t('editor.error.dueAt');
		case 'satisfaction':
			return t('editor.error.satisfaction');
		default:
			return t('editor.error.other', { message: error.message });
	}
}
