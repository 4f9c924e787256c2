package scanner

// The attempt lists are ordered by how much each step added on the ZXing blackbox
// corpus per millisecond spent (see corpus_test.go): the cheap, likely readings first.

// liveAttempts is the per-frame plan for camera streams, bounded by the budget.
func liveAttempts() []attempt {
	return []attempt{
		{multi: true},
		{global: true},
		{view: view{invert: true}},
		{view: view{scale: 2}},
	}
}

// thoroughAttempts is the plan for still images: everything that helped on the corpus.
func thoroughAttempts() []attempt {
	var as []attempt
	add := func(v view, global bool) {
		as = append(as, attempt{view: v, global: global, harder: true})
	}
	as = append(as, attempt{multi: true, harder: true})
	add(view{}, false)
	add(view{}, true)
	add(view{invert: true}, false)
	add(view{scale: 2}, false)
	add(view{scale: 2}, true)
	add(view{scale: 3}, false)
	add(view{scale: -2}, false)
	add(view{scale: -2}, true)
	add(view{scale: -3}, false)
	for _, r := range []int{90, 180, 270} {
		add(view{rotate: r}, false)
		add(view{rotate: r}, true)
		add(view{scale: 2, rotate: r}, false)
		add(view{scale: -2, rotate: r}, true)
	}
	add(view{invert: true}, true)
	add(view{scale: 2, invert: true}, false)
	as = append(as, attempt{pure: true}, attempt{view: view{invert: true}, pure: true})
	return as
}
