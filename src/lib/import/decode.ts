/** Turning uploaded CSV bytes into text. */

export type CsvEncoding = 'utf-8' | 'gb18030';

export interface DecodedText {
	text: string;
	encoding: CsvEncoding;
}

/**
 * Decodes bytes as UTF-8, or as GB18030 when they are not valid UTF-8: spreadsheets saved by
 * Chinese-language Excel and WPS use GBK, which GB18030 contains. A UTF-8 byte order mark is
 * dropped.
 */
export function decodeCsvBytes(bytes: Uint8Array): DecodedText {
	try {
		return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
	} catch (error) {
		// A fatal TextDecoder throws a TypeError for invalid input; anything else is a real fault.
		if (!(error instanceof TypeError)) throw error;
		return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030' };
	}
}
