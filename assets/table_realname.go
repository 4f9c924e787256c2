package assets

// realnameTable holds the texts of real-name authentication.
func realnameTable() []entry {
	return []entry{}
}
