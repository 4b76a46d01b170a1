/** Strings of the KPI dashboard: tiles, charts, their captions and table views. */
export const dashboard = {
	en: {
		'dashboard.title': 'Dashboard',
		'dashboard.backToBoard': 'Back to the board',
		'dashboard.loading': 'Loading the board…',
		'dashboard.waiting':
			'The server cannot be reached. The dashboard fills in as soon as it connects.',
		'dashboard.invalidId': 'There is no board at this address: {id} is not a valid board id.',
		'dashboard.empty':
			'This board has no cards yet, so there is nothing to chart. Add cards on the board and the figures appear here as you work.',
		'dashboard.live': 'Live: updates as the board changes',
		'dashboard.cardCount': '{count} cards',
		'dashboard.noData': 'No data yet',
		'dashboard.showTable': 'Show table',
		'dashboard.showChart': 'Show chart',
		'dashboard.days': '{days} days',

		'dashboard.tile.openPipeline': 'Open pipeline',
		'dashboard.tile.openPipeline.help': 'Summed value of the cards in open sales stages.',
		'dashboard.tile.weightedPipeline': 'Weighted pipeline',
		'dashboard.tile.weightedPipeline.help': 'Each open card’s value times its stage’s probability.',
		'dashboard.tile.wonValue': 'Won value',
		'dashboard.tile.wonValue.help': 'Summed value of the cards in won stages or in operations.',
		'dashboard.tile.retention': 'Retention',
		'dashboard.tile.retention.help': 'Operations cards not churned, out of all operations cards.',
		'dashboard.tile.satisfaction': 'Satisfaction',
		'dashboard.tile.satisfaction.help': 'Mean score (1–5) of the cards that have one.',
		'dashboard.tile.satisfaction.value': '{score} / 5',
		'dashboard.tile.handoffLag': 'Handoff lag',
		'dashboard.tile.handoffLag.help': 'Median days from the win to the first operations stage.',
		'dashboard.tile.overdue': 'Overdue',
		'dashboard.tile.overdue.help': 'Cards past their due date and not won, lost or churned.',

		'dashboard.valueByStage.title': 'Value by stage',
		'dashboard.valueByStage.caption':
			'Summed card value per stage of both swimlanes, archived cards excluded.',
		'dashboard.valueByStage.stage': 'Stage',
		'dashboard.valueByStage.lane': 'Swimlane',
		'dashboard.valueByStage.cards': 'Cards',
		'dashboard.valueByStage.value': 'Value',

		'dashboard.wonByMonth.title': 'Won deals by month',
		'dashboard.wonByMonth.caption':
			'Deals won per calendar month (UTC) of their first move into a won or operations stage, or of their close date. Bars: value; line: count.',
		'dashboard.wonByMonth.month': 'Month',
		'dashboard.wonByMonth.count': 'Deals won',
		'dashboard.wonByMonth.value': 'Value won',

		'dashboard.winRate.title': 'Win rate',
		'dashboard.winRate.caption':
			'Won deals / (won + lost). Cards in operations count as won; cards moved back to an open stage count as neither.',
		'dashboard.winRate.won': 'Won',
		'dashboard.winRate.lost': 'Lost',
		'dashboard.winRate.rate': 'Win rate',
		'dashboard.winRate.none': 'No deal is won or lost yet.',

		'dashboard.retention.title': 'Retention by month',
		'dashboard.retention.caption':
			'Operations cards at the end of each month: retention is the share not in a churned stage.',
		'dashboard.retention.month': 'Month',
		'dashboard.retention.active': 'Active',
		'dashboard.retention.churned': 'Churned',
		'dashboard.retention.rate': 'Retention',
		'dashboard.retention.tooltip': 'Retention {rate}: {active} active, {churned} churned',

		'dashboard.cycle.title': 'Sales cycle and handoff',
		'dashboard.cycle.caption':
			'Sales cycle: days from a card’s creation to its win. Handoff lag: days from the win to the first operations stage. The pale bar spans the middle half of the cards.',
		'dashboard.cycle.measure': 'Measure',
		'dashboard.cycle.salesCycle': 'Sales cycle',
		'dashboard.cycle.handoffLag': 'Handoff lag',
		'dashboard.cycle.median': 'Median',
		'dashboard.cycle.mean': 'Mean',
		'dashboard.cycle.spread': 'Middle half (25th–75th percentile)',
		'dashboard.cycle.p25': '25th percentile',
		'dashboard.cycle.p75': '75th percentile',
		'dashboard.cycle.count': 'Cards',
		'dashboard.cycle.unit': 'days',

		'dashboard.funnel.title': 'Sales funnel',
		'dashboard.funnel.caption':
			'Cards that have reached each sales stage or a later one, from their move history and current stage. A card in operations has reached Won. Lost stages are left out; archived cards count nowhere.',
		'dashboard.funnel.cards': 'Cards',
		'dashboard.funnel.ofFirst': 'Of first stage',
		'dashboard.funnel.ofPrevious': 'Of previous stage',
		'dashboard.funnel.tooltip': '{count} cards ({share} of the first stage)',

		'dashboard.pipeline.title': 'Open and weighted pipeline',
		'dashboard.pipeline.caption':
			'Per open sales stage: the summed value of its cards, and that sum times the stage’s win probability.',
		'dashboard.pipeline.open': 'Open value',
		'dashboard.pipeline.weighted': 'Weighted value',
		'dashboard.pipeline.probability': 'Probability',

		'dashboard.timeInStage.title': 'Time in stage',
		'dashboard.timeInStage.caption':
			'Median days of the finished stays in each stage, from an entry into the stage to the next move out of it. Stays still going on are not counted.',

		'dashboard.overdue.title': 'Overdue cards by owner',
		'dashboard.overdue.caption':
			'Cards past their due date and not won, lost or churned, counted for the owner of the card’s current swimlane.',
		'dashboard.overdue.cards': 'Overdue cards',
		'dashboard.overdue.owner': 'Owner',
		'dashboard.overdue.noOwner': 'No owner',
		'dashboard.overdue.none': 'No card is overdue.',
		'dashboard.overdue.tooltip': '{count} overdue cards',

		'dashboard.wip.title': 'WIP limits',
		'dashboard.wip.caption':
			'Cards in each stage that has a WIP limit, against that limit (the line across the bar). Red bars are stages over their limit.',
		'dashboard.wip.cards': 'Cards',
		'dashboard.wip.limit': 'WIP limit',
		'dashboard.wip.over': 'Over the limit',
		'dashboard.wip.none': 'No stage has a WIP limit.',

		'dashboard.timeTravel.label': 'Board as of',
		'dashboard.timeTravel.live': 'Today (live)',
		'dashboard.timeTravel.backToLive': 'Back to live',
		'dashboard.timeTravel.showing':
			'Showing the KPIs at the end of the chosen day (UTC), with each card’s stage replayed from its moves. Values, owners and due dates are today’s; deleted cards are left out.',
		'dashboard.changes.title': 'Changes since {date}',
		'dashboard.changes.sinceStandup': 'Changes since the last stand-up ({date})',
		'dashboard.changes.none': 'No card has moved since then.',
		'dashboard.changes.more': 'and {count} earlier changes',
		'dashboard.changes.kind.moved': 'Moved',
		'dashboard.changes.kind.won': 'Won',
		'dashboard.changes.kind.lost': 'Lost',
		'dashboard.changes.kind.handoff': 'Handed over'
	},
	zh: {
		'dashboard.title': '仪表盘',
		'dashboard.backToBoard': '返回看板',
		'dashboard.loading': '正在加载看板…',
		'dashboard.waiting': '无法连接服务器。连接后仪表盘会自动显示数据。',
		'dashboard.invalidId': '此地址没有看板：{id} 不是有效的看板 ID。',
		'dashboard.empty':
			'这个看板还没有卡片，暂无可绘制的数据。在看板上添加卡片后，数据会随操作实时显示在这里。',
		'dashboard.live': '实时：随看板变化更新',
		'dashboard.cardCount': '{count} 张卡片',
		'dashboard.noData': '暂无数据',
		'dashboard.showTable': '显示表格',
		'dashboard.showChart': '显示图表',
		'dashboard.days': '{days} 天',

		'dashboard.tile.openPipeline': '在途商机',
		'dashboard.tile.openPipeline.help': '处于进行中销售阶段的卡片金额之和。',
		'dashboard.tile.weightedPipeline': '加权商机',
		'dashboard.tile.weightedPipeline.help': '每张进行中卡片的金额乘以所在阶段的赢单概率。',
		'dashboard.tile.wonValue': '赢单金额',
		'dashboard.tile.wonValue.help': '处于赢单阶段或运营泳道的卡片金额之和。',
		'dashboard.tile.retention': '留存率',
		'dashboard.tile.retention.help': '运营卡片中未流失的比例。',
		'dashboard.tile.satisfaction': '满意度',
		'dashboard.tile.satisfaction.help': '有评分的卡片的平均分（1–5）。',
		'dashboard.tile.satisfaction.value': '{score} / 5',
		'dashboard.tile.handoffLag': '交接用时',
		'dashboard.tile.handoffLag.help': '从赢单到进入第一个运营阶段的天数中位数。',
		'dashboard.tile.overdue': '逾期',
		'dashboard.tile.overdue.help': '已过截止日期且未赢单、输单或流失的卡片。',

		'dashboard.valueByStage.title': '各阶段金额',
		'dashboard.valueByStage.caption': '两个泳道每个阶段的卡片金额之和，不含已归档卡片。',
		'dashboard.valueByStage.stage': '阶段',
		'dashboard.valueByStage.lane': '泳道',
		'dashboard.valueByStage.cards': '卡片数',
		'dashboard.valueByStage.value': '金额',

		'dashboard.wonByMonth.title': '每月赢单',
		'dashboard.wonByMonth.caption':
			'按首次进入赢单或运营阶段的日期（无此记录时按成交日期）所在的自然月（UTC）统计。柱：金额；线：单数。',
		'dashboard.wonByMonth.month': '月份',
		'dashboard.wonByMonth.count': '赢单数',
		'dashboard.wonByMonth.value': '赢单金额',

		'dashboard.winRate.title': '赢单率',
		'dashboard.winRate.caption':
			'赢单数 ÷（赢单数 + 输单数）。运营泳道中的卡片算作赢单；移回进行中阶段的卡片两者都不算。',
		'dashboard.winRate.won': '赢单',
		'dashboard.winRate.lost': '输单',
		'dashboard.winRate.rate': '赢单率',
		'dashboard.winRate.none': '还没有赢单或输单的商机。',

		'dashboard.retention.title': '每月留存',
		'dashboard.retention.caption': '每月月末的运营卡片：留存率是不在流失阶段的卡片所占比例。',
		'dashboard.retention.month': '月份',
		'dashboard.retention.active': '在用',
		'dashboard.retention.churned': '已流失',
		'dashboard.retention.rate': '留存率',
		'dashboard.retention.tooltip': '留存率 {rate}：{active} 个在用，{churned} 个已流失',

		'dashboard.cycle.title': '销售周期与交接',
		'dashboard.cycle.caption':
			'销售周期：从卡片创建到赢单的天数。交接用时：从赢单到进入第一个运营阶段的天数。浅色条覆盖中间一半的卡片。',
		'dashboard.cycle.measure': '指标',
		'dashboard.cycle.salesCycle': '销售周期',
		'dashboard.cycle.handoffLag': '交接用时',
		'dashboard.cycle.median': '中位数',
		'dashboard.cycle.mean': '平均值',
		'dashboard.cycle.spread': '中间一半（第 25–75 百分位）',
		'dashboard.cycle.p25': '第 25 百分位',
		'dashboard.cycle.p75': '第 75 百分位',
		'dashboard.cycle.count': '卡片数',
		'dashboard.cycle.unit': '天',

		'dashboard.funnel.title': '销售漏斗',
		'dashboard.funnel.caption':
			'根据移动记录和当前阶段，统计到达过每个销售阶段或其后阶段的卡片数。运营泳道中的卡片视为已到达赢单。不含输单阶段，已归档卡片不计入。',
		'dashboard.funnel.cards': '卡片数',
		'dashboard.funnel.ofFirst': '占首阶段',
		'dashboard.funnel.ofPrevious': '占上一阶段',
		'dashboard.funnel.tooltip': '{count} 张卡片（占首阶段 {share}）',

		'dashboard.pipeline.title': '在途与加权商机',
		'dashboard.pipeline.caption': '每个进行中销售阶段的卡片金额之和，以及该金额乘以阶段赢单概率。',
		'dashboard.pipeline.open': '在途金额',
		'dashboard.pipeline.weighted': '加权金额',
		'dashboard.pipeline.probability': '赢单概率',

		'dashboard.timeInStage.title': '阶段停留时间',
		'dashboard.timeInStage.caption':
			'每个阶段已结束停留的天数中位数：从进入该阶段到移出为止。仍在进行中的停留不计入。',

		'dashboard.overdue.title': '各负责人的逾期卡片',
		'dashboard.overdue.caption':
			'已过截止日期且未赢单、输单或流失的卡片，按卡片当前泳道的负责人统计。',
		'dashboard.overdue.cards': '逾期卡片',
		'dashboard.overdue.owner': '负责人',
		'dashboard.overdue.noOwner': '无负责人',
		'dashboard.overdue.none': '没有逾期的卡片。',
		'dashboard.overdue.tooltip': '{count} 张逾期卡片',

		'dashboard.wip.title': 'WIP 上限',
		'dashboard.wip.caption':
			'设有 WIP 上限的阶段中的卡片数与上限（柱上的横线）。红色柱表示超出上限的阶段。',
		'dashboard.wip.cards': '卡片数',
		'dashboard.wip.limit': 'WIP 上限',
		'dashboard.wip.over': '超出数',
		'dashboard.wip.none': '没有设置 WIP 上限的阶段。',

		'dashboard.timeTravel.label': '查看日期',
		'dashboard.timeTravel.live': '今天（实时）',
		'dashboard.timeTravel.backToLive': '回到实时',
		'dashboard.timeTravel.showing':
			'显示所选日期结束时（UTC）的指标，每张卡片的阶段按其移动记录回放。金额、负责人和截止日期为当前值；已删除的卡片不计入。',
		'dashboard.changes.title': '{date} 之后的变化',
		'dashboard.changes.sinceStandup': '上次站会（{date}）之后的变化',
		'dashboard.changes.none': '此后没有卡片移动。',
		'dashboard.changes.more': '以及更早的 {count} 条变化',
		'dashboard.changes.kind.moved': '移动',
		'dashboard.changes.kind.won': '赢单',
		'dashboard.changes.kind.lost': '输单',
		'dashboard.changes.kind.handoff': '交接'
	}
} as const;
