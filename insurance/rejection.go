package insurance

import (
	"slices"
	"strings"
)

// Central answers a refused registration or card request with Rejection text: the
// reason's stable code, then a detail for the log. The kiosk reads the code back with
// ParseRejection and shows Message in the counter's language, so the clerk reads out
// the same words whichever branch or language central's answer came from.

// Rejection is the text central sends back for r.
func Rejection(r Reason, detail string) string {
	if detail == "" {
		return string(r)
	}
	return string(r) + ": " + detail
}

// ParseRejection returns the reason of a Rejection text, or false for a text that does
// not start with a known reason code (a rejection from another part of central).
func ParseRejection(s string) (Reason, bool) {
	code, _, _ := strings.Cut(s, ":")
	r := Reason(code)
	return r, slices.Contains(Reasons(), r)
}
