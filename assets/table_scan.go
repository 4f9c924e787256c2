package assets

// scanTable holds the texts of the scan screen and the verdict of a scanned code.
func scanTable() []entry {
	return []entry{
		{"scan.ignored_signed_out", "已读到一个码，但尚未登录或终端已锁定，已忽略。", "A code was read while no one is signed in or the kiosk is locked; it was ignored."},
		{"scan.device_error", "扫描设备 %s 出错，正在重试。", "Scanner %s failed; retrying."},
	}
}
