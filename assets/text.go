package assets

import "slices"

// entry is one catalogue id with its two texts; keeping both side by side in one table
// makes a missing or stale translation visible in review.
type entry struct{ id, zh, en string }

// table is the whole catalogue: one table per workflow, each in its own file, so a
// workflow's texts are reviewed together with it.
func table() []entry {
	return slices.Concat(shellTable(), enrollTable(), scanTable(), syncProblemsTable(), realnameTable(), residenceTable(), insuranceTable())
}

func zh() map[string]string { return column(func(e entry) string { return e.zh }) }

func en() map[string]string { return column(func(e entry) string { return e.en }) }

// column picks one language out of the table; an empty text means "not translated" and
// is left out, so that the catalogue test reports it.
func column(pick func(entry) string) map[string]string {
	out := make(map[string]string, len(table()))
	for _, e := range table() {
		if s := pick(e); s != "" {
			out[e.id] = s
		}
	}
	return out
}
