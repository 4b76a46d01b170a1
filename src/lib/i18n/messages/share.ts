/** Strings of the share dialog and the view-only badge. */
export const share = {
	en: {
		'share.open': 'Share',
		'share.title': 'Share this board',
		'share.role': 'Access',
		'share.editor': 'Can edit',
		'share.viewer': 'View only',
		'share.expires': 'Link expires after (days)',
		'share.create': 'Create link',
		'share.link': 'Share link',
		'share.copy': 'Copy',
		'share.copied': 'Copied to the clipboard.',
		'share.copyFailed': 'Copy failed; select the link and copy it by hand.',
		'share.rotate': 'Revoke all links',
		'share.rotateConfirm':
			'Every link shared so far stops working, and people using one are disconnected. Revoke all links?',
		'share.rotateYes': 'Yes, revoke all links',
		'share.cancel': 'Cancel',
		'share.rotated': 'All earlier links are revoked. Create new links to share the board again.',
		'share.failed': 'Failed: {message}',
		'share.viewOnly': 'View only',
		'share.viewOnlyHint': 'You opened a view-only link, so your changes are not saved.'
	},
	zh: {
		'share.open': '分享',
		'share.title': '分享此看板',
		'share.role': '权限',
		'share.editor': '可编辑',
		'share.viewer': '仅查看',
		'share.expires': '链接有效期（天）',
		'share.create': '生成链接',
		'share.link': '分享链接',
		'share.copy': '复制',
		'share.copied': '已复制到剪贴板。',
		'share.copyFailed': '复制失败，请选中链接后手动复制。',
		'share.rotate': '撤销所有链接',
		'share.rotateConfirm':
			'此前分享的所有链接都将失效，正在使用这些链接的人会被断开。确定撤销所有链接吗？',
		'share.rotateYes': '确定撤销',
		'share.cancel': '取消',
		'share.rotated': '此前的链接已全部撤销。如需继续分享，请生成新链接。',
		'share.failed': '操作失败：{message}',
		'share.viewOnly': '仅查看',
		'share.viewOnlyHint': '你打开的是仅查看链接，所做的修改不会被保存。'
	}
};
