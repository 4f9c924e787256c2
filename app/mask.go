package app

// Mask hides an identifier for display (PIPL minimum necessary; GB/T 35273 s.7.2): the
// first two and last two characters stay, every other letter or digit becomes *, and
// separators such as the dashes of a date stay so the shape is still readable. Values
// of four characters or fewer are hidden entirely.
func Mask(s string) string {
	r := []rune(s)
	if len(r) <= 4 {
		out := make([]rune, len(r))
		for i := range out {
			out[i] = '*'
		}
		return string(out)
	}
	for i := 2; i < len(r)-2; i++ {
		if r[i] != '-' && r[i] != ' ' && r[i] != '/' {
			r[i] = '*'
		}
	}
	return string(r)
}
