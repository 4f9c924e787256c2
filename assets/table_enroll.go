package assets

// enrollTable holds the texts of a new terminal's enrollment screen.
func enrollTable() []entry {
	return []entry{
		{"enroll.title", "终端注册", "Enroll this terminal"},
		{"enroll.intro", "本终端尚未注册。请输入中心系统地址和管理员提供的一次性注册码。", "This terminal is not enrolled yet. Type central's address and the one-time code from the operator."},
		{"enroll.address", "中心地址", "Central's address"},
		{"enroll.code", "注册码", "Enrollment code"},
		{"enroll.code_hint", "形如 ID-密钥-指纹", "looks like ID-SECRET-FINGERPRINT"},
		{"enroll.working", "正在注册并首次同步数据，请稍候……", "Enrolling and running the first sync; please wait…"},
		{"enroll.bad_address", "中心地址须以 https:// 开头，例如 https://10.0.0.5:8443。", "Central's address must start with https://, for example https://10.0.0.5:8443."},
		{"enroll.no_code", "请输入注册码。", "Type the enrollment code."},
		{"enroll.bad_code", "注册码格式不正确，请逐字核对。", "The code is malformed: check it character by character."},
		{"enroll.refused", "中心拒绝了该注册码（可能已使用、已过期或已作废），请向管理员重新申请。", "Central refused the code (used, expired or withdrawn): ask the operator for a new one."},
		{"enroll.failed", "注册失败：%s", "Enrollment failed: %s"},
		{"key.enroll", "注册", "enroll"},
		{"key.quit_enroll", "退出", "quit"},
	}
}
