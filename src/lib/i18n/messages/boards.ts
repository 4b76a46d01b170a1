/** Strings of the board list page. */
export const boards = {
	en: {
		'boards.title': 'Boards',
		'boards.loading': 'Loading boards…',
		'boards.loadFailed': 'Could not load the boards: {message}',
		'boards.empty': 'No boards yet. Create the first one above.',
		'boards.create.label': 'New board name',
		'boards.create.placeholder': 'For example: East China key accounts',
		'boards.create.submit': 'Create board',
		'boards.create.creating': 'Creating…',
		'boards.create.nameRequired': 'Enter a name for the board.',
		'boards.create.nameTooLong': 'A board name is at most {max} characters; this one has {length}.',
		'boards.create.failed': 'Could not create the board: {message}',
		'boards.cards.one': '{count} card',
		'boards.cards.other': '{count} cards',
		'boards.lastChange': 'Changed {time}',
		'boards.neverChanged': 'No changes yet',
		'boards.list': 'Your boards'
	},
	zh: {
		'boards.title': '看板',
		'boards.loading': '正在加载看板…',
		'boards.loadFailed': '无法加载看板：{message}',
		'boards.empty': '还没有看板。在上方创建第一个。',
		'boards.create.label': '新看板名称',
		'boards.create.placeholder': '例如：华东重点客户',
		'boards.create.submit': '创建看板',
		'boards.create.creating': '正在创建…',
		'boards.create.nameRequired': '请输入看板名称。',
		'boards.create.nameTooLong': '看板名称最多 {max} 个字符，当前为 {length} 个。',
		'boards.create.failed': '无法创建看板：{message}',
		'boards.cards.other': '{count} 张卡片',
		'boards.lastChange': '{time}更新',
		'boards.neverChanged': '尚无更改',
		'boards.list': '你的看板'
	}
};
