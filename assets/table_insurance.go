package assets

// insuranceTable holds the texts of insurance registration, physical cards and one-card services.
func insuranceTable() []entry {
	return []entry{}
}
