package assets

// residenceTable holds the texts of residence-permit verification.
func residenceTable() []entry {
	return []entry{}
}
