/** Strings of view-only links: the read-only editor, the dashboard wall link and TV mode. */
export const viewer = {
	en: {
		'viewer.editorReadOnly': 'View only: this link cannot change the card.',
		'viewer.dashboardLink': 'Dashboard wall link',
		'viewer.dashboardLinkHint':
			'A view-only link that opens the dashboard in TV mode, for a screen on the wall.',
		'viewer.createDashboardLink': 'Create dashboard link',
		'tv.fullscreen': 'Full screen',
		'tv.exitFullscreen': 'Leave full screen',
		'tv.fullscreenFailed': 'Full screen is not available: {message}'
	},
	zh: {
		'viewer.editorReadOnly': '仅查看：此链接无法修改卡片。',
		'viewer.dashboardLink': '仪表盘大屏链接',
		'viewer.dashboardLinkHint': '仅查看链接，以电视模式打开仪表盘，适合挂在墙上的屏幕。',
		'viewer.createDashboardLink': '生成仪表盘链接',
		'tv.fullscreen': '全屏',
		'tv.exitFullscreen': '退出全屏',
		'tv.fullscreenFailed': '无法进入全屏：{message}'
	}
};
