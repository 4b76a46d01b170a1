/** Strings of presence (who else is on the board) and of unconfirmed changes. */
export const presence = {
	en: {
		'presence.list': 'People on this board',
		'presence.you': '{name} (you)',
		'presence.more': '{count} more: {names}',
		'presence.editing': '{name} is editing this card',
		'presence.moving': '{name} is moving this card',
		'presence.nameLabel': 'Your name',
		'presence.nameHint': 'Others on this board see this name.',
		'presence.nameSave': 'Save',
		'presence.nameEdit': 'Change your name ({name})',
		'connection.pending.one': '{count} change not yet confirmed by the server',
		'connection.pending.other': '{count} changes not yet confirmed by the server'
	},
	zh: {
		'presence.list': '正在查看此看板的人',
		'presence.you': '{name}（你）',
		'presence.more': '另外 {count} 人：{names}',
		'presence.editing': '{name} 正在编辑此卡片',
		'presence.moving': '{name} 正在移动此卡片',
		'presence.nameLabel': '你的名字',
		'presence.nameHint': '此看板上的其他人会看到这个名字。',
		'presence.nameSave': '保存',
		'presence.nameEdit': '修改你的名字（{name}）',
		'connection.pending.one': '{count} 项更改尚未得到服务器确认',
		'connection.pending.other': '{count} 项更改尚未得到服务器确认'
	}
};
