package assets

func en() map[string]string { return map[string]string{} }
