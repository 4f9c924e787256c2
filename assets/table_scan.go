package assets

// scanTable holds the texts of the scan screen and the verdict of a scanned code.
func scanTable() []entry {
	return []entry{
		{"menu.scan", "扫码核验", "Scan and verify a QR code"},
		{"scan.title", "扫码核验", "Scan and verify"},
		{"scan.placeholder", "扫描二维码，或粘贴码内容后按回车", "scan a QR code, or paste its content and press Enter"},
		{"scan.hint", "将电子社保卡或通知书二维码对准扫描枪或摄像头。", "Hold the e-SSC or Notification-Letter QR code to the scanner or the camera."},
		{"scan.checking", "正在核验……", "Verifying…"},
		{"scan.ignored_signed_out", "已读到一个码，但尚未登录或终端已锁定，已忽略。", "A code was read while no one is signed in or the kiosk is locked; it was ignored."},
		{"scan.device_error", "扫描设备 %s 出错，正在重试。", "Scanner %s failed; retrying."},
		{"scan.devices", "扫描设备：", "Scanners:"},
		{"scan.no_devices", "未连接扫描设备：可使用键盘输入式扫描枪扫入上方输入框。", "No scanner attached: a keyboard-wedge scanner can scan into the field above."},
		{"scan.camera_waiting", "摄像头：等待画面……", "Camera: waiting for a picture…"},
		{"scan.recent", "最近读取", "Recent codes"},
		{"scan.holder", "码中的持证人信息（请与本人核对）", "Holder as the code states (compare with the person)"},
		{"scan.field.name", "姓名", "Name"},
		{"scan.field.nationality", "国籍", "Nationality"},
		{"scan.field.birth", "出生日期", "Date of birth"},
		{"scan.field.permit", "工作许可证号", "Work permit"},
		{"scan.field.category", "类别", "Category"},
		{"scan.field.employer", "用人单位", "Employer"},
		{"scan.field.validity", "有效期", "Valid"},
		{"scan.field.code_time", "动态码生成于", "Code made at"},
		{"scan.bundle", "信任包第 %d 版，%s", "trust bundle version %d, %s"},
		{"scan.kind.notice", "通知书/许可码", "Notification Letter / permit code"},
		{"scan.kind.essc", "电子社保卡动态码", "e-SSC dynamic code"},
		{"scan.kind.unknown", "无法识别的码", "unrecognised code"},
		{"verdict.VALID", "✔ 有效 VALID", "✔ VALID 有效"},
		{"verdict.INVALID", "✖ 无效 INVALID", "✖ INVALID 无效"},
		{"verdict.CANNOT_VERIFY", "？ 无法核验 CANNOT VERIFY", "? CANNOT VERIFY 无法核验"},
		{"key.verify", "核验", "verify"},
		{"key.open_record", "打开档案", "open record"},
	}
}
