// Package sync is the branch side of onecard's sync with central and the protocol both
// sides speak (DESIGN.md section 6).
//
// Pull: GET /v1/changes?cursor=N&limit=L streams JSON lines, one Change per line,
// ended by a PageEnd line. A page without its PageEnd line is incomplete and is thrown
// away, so a connection cut mid-page loses nothing: the kiosk applies a page and its new
// cursor in one store transaction.
//
// Push: POST /v1/events sends outbox events keyed by (terminal id, sequence); central
// answers each with accepted or rejected and a reason, and applies each at most once.
//
// Enrollment: POST /v1/enroll trades a one-time code and a certificate request for a
// client certificate; every other call authenticates with that certificate (mutual TLS).
package sync
