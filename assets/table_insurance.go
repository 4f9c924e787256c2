package assets

// insuranceTable holds the texts of insurance registration, physical cards and one-card services.
func insuranceTable() []entry {
	return []entry{
		// Finding the holder (screens/insurance/holder).
		{"holder.placeholder", "扫描通知书或电子社保卡二维码，或输入工作许可证号", "Scan the Notification Letter or e-SSC code, or type the permit number"},
		{"holder.code_not_valid", "二维码未通过核验（%s）：%s", "The code did not verify (%s): %s"},
		{"holder.not_found", "本网点的数据中查不到该工作许可。", "This work permit is not in this branch's records."},
		{"holder.bad_number", "工作许可证号格式不对（18位数字或大写字母）。", "That is not a work permit number (18 digits or capitals)."},

		// Insurance registration (screens/insurance).
		{"ins.title", "参保登记", "Insurance registration"},
		{"ins.find", "凭外国人工作许可通知书或电子社保卡办理参保登记。", "Register on the strength of the Notification Letter or the e-SSC."},
		{"ins.via", "依据", "On the strength of"},
		{"ins.via.permit", "工作许可证号（系统查询）", "permit number (system query)"},
		{"ins.via.notice", "工作许可通知书二维码（已核验）", "Notification Letter code (verified)"},
		{"ins.via.essc", "电子社保卡二维码（已核验）", "e-SSC code (verified)"},
		{"ins.via.record", "已打开的档案", "the open record"},
		{"ins.deadline", "登记期限", "Deadline"},
		{"ins.deadline_value", "许可起始 %s，须于 %s 前登记（30日内）", "permit from %s, register by %s (within 30 days)"},
		{"ins.late", "逾期登记：许可起始后第 %d 天，予以受理并标记逾期", "Late: day %d after the permit's start; accepted and flagged late"},
		{"ins.registrant", "办理人", "Registrant"},
		{"ins.uscc", "单位信用代码", "Employer USCC"},
		{"ins.exempt", "协定免缴", "Exemption"},
		{"ins.exempt_none", "其国籍国与中国无生效的社保协定", "No agreement in force with the person's country"},
		{"ins.exempt_asked", "（申请免缴）", "(exemption asked for)"},
		{"ins.exempt_not_asked", "（未申请免缴）", "(not asked for)"},
		{"ins.kind.pension", "养老保险", "pension"},
		{"ins.kind.medical", "医疗保险", "medical"},
		{"ins.kind.unemployment", "失业保险", "unemployment"},
		{"ins.kind.work_injury", "工伤保险", "work injury"},
		{"ins.kind.maternity", "生育保险", "maternity"},
		{"ins.list_sep", "、", ", "},
		{"ins.agreements", "协定清单", "Agreement list"},
		{"ins.list", "%s，截至 %s", "%s, as of %s"},
		{"ins.list_builtin", "内置清单", "built-in list"},
		{"ins.list_synced", "中心下发清单", "list from central"},
		{"ins.list_source", "%s 协定自 %s 生效，来源：%s", "%s agreement in force since %s, source: %s"},
		{"ins.refused", "不能登记：", "Cannot register:"},
		{"ins.may_register", "符合登记条件，按回车核对后登记。", "The registration may be recorded; press Enter to check and record."},
		{"ins.confirm", "确认登记？回车确认，Esc 返回修改。", "Record this registration? Enter to confirm, Esc to go back."},
		{"ins.saved", "已登记 %s，待中心审核。", "Registration %s recorded, pending at central."},
		{"ins.saved_note", "中心审核通过后分配社会保障号码，同步后显示在档案和通知中。", "Central assigns the social security number when it accepts; it shows on the record and in the notices after the next sync."},
		{"ins.key.registrant", "单位/本人", "employer/self"},
		{"ins.key.exempt", "协定免缴", "exemption"},
		{"ins.key.check", "核对", "check"},
		{"ins.key.record", "登记", "record"},
	}
}
