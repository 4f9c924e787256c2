package store

import (
	"testing"

	"onecard/demodata"
	"onecard/domain"
)

// BenchmarkNameTokens is the name-index text of a generated population's persons, as
// a bulk load computes it for each person it writes.
func BenchmarkNameTokens(b *testing.B) {
	g := demodata.New(1, domain.MustDate("2025-06-01"))
	persons := make([]domain.Person, 200_000)
	for i := range persons {
		persons[i] = g.Holder(i).Person
	}
	var buf []byte
	i := 0
	for b.Loop() {
		buf = appendNameTokens(buf[:0], persons[i%len(persons)])
		i++
	}
}
