/** Strings of the board's past view: the day picker, the banner and the read-only columns. */
export const history = {
	en: {
		'history.asOf': 'Board as of',
		'history.live': 'Back to live',
		'history.banner': 'Showing the board as of {date}, read only',
		'history.invalid': 'Invalid day in the address: {message} The live board is shown.',
		'history.cards': 'Cards in {stage} on {date}',
		'history.count': '{count} cards',
		'history.empty': 'No cards'
	},
	zh: {
		'history.asOf': '查看某日看板',
		'history.live': '返回实时看板',
		'history.banner': '正在查看 {date} 的看板（只读）',
		'history.invalid': '地址中的日期无效：{message} 现显示实时看板。',
		'history.cards': '{date} {stage} 中的卡片',
		'history.count': '{count} 张卡片',
		'history.empty': '没有卡片'
	}
};
