package assets

func zh() map[string]string { return map[string]string{} }
