/** Strings shared by every page. Each feature keeps its strings in a file of its own beside this. */
export const common = {
	en: {
		'app.name': 'Tandem',
		'app.tagline': 'One board for sales and operations',
		'nav.boards': 'Boards',
		'nav.board': 'Board',
		'nav.dashboard': 'Dashboard',
		'action.cancel': 'Cancel',
		'action.save': 'Save',
		'action.close': 'Close',
		'action.retry': 'Retry',
		'state.loading': 'Loading…',
		'settings.language': 'Language',
		'settings.theme': 'Theme',
		'theme.light': 'Light',
		'theme.dark': 'Dark',
		'theme.system': 'System'
	},
	zh: {
		'app.name': 'Tandem',
		'app.tagline': '销售与运营共用的看板',
		'nav.boards': '看板',
		'nav.board': '看板',
		'nav.dashboard': '仪表盘',
		'action.cancel': '取消',
		'action.save': '保存',
		'action.close': '关闭',
		'action.retry': '重试',
		'state.loading': '加载中…',
		'settings.language': '语言',
		'settings.theme': '主题',
		'theme.light': '浅色',
		'theme.dark': '深色',
		'theme.system': '跟随系统'
	}
} as const;
