package assets

// syncProblemsTable holds the texts of the supervisor's sync-problems screen.
func syncProblemsTable() []entry {
	return []entry{
		{"menu.syncproblems", "同步问题", "Sync problems"},
		{"syncproblems.title", "与中心同步的问题", "Problems syncing with central"},
		{"syncproblems.pending", "待发送事件：%d", "Events waiting to be sent: %d"},
		{"syncproblems.loading", "正在读取……", "Loading…"},
		{"syncproblems.none", "中心没有拒绝任何事件。", "Central has rejected no events."},
		{"syncproblems.count", "中心拒绝了 %d 个事件，不会再次发送：", "Central rejected %d events; they will not be sent again:"},
		{"syncproblems.advice", "请按原因在窗口跟进处理（如重新办理或更正记录）。", "Follow each up at the counter as its reason says (redo the business, or correct the record)."},
		{"syncproblems.last_sync", "上次同步：%s", "last sync: %s"},
		{"syncproblems.last_error", "最近错误：%s", "last error: %s"},
		{"syncproblems.col.seq", "序号", "Seq"},
		{"syncproblems.col.time", "时间", "Time"},
		{"syncproblems.col.kind", "业务", "Kind"},
		{"syncproblems.col.reason", "中心的拒绝原因", "Central's reason"},
		{"key.refresh", "刷新", "refresh"},
	}
}
