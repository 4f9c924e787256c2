// Package credential is onecard's signed QR credential format (DESIGN.md section 4):
// issuing Notification-Letter/permit codes (WPN1:) and e-SSC dynamic codes (ESC1:),
// the trust bundle a terminal verifies them against, and offline verification with
// verdicts VALID, INVALID and CANNOT_VERIFY.
//
// A payload is PREFIX + Base45(zlib(CBOR)). For WPN1 the CBOR is a tagged COSE_Sign1
// over the claims. For ESC1 it is an array [COSE_Sign1 credential, time, nonce,
// device signature]: the issuer-signed credential carries the holder's device key and
// the phone signs (credential id, time, nonce) with it on every refresh, so a
// screenshot goes stale within the code's TTL.
//
// The package does no I/O of its own: the permit register and the nonce log are
// interfaces the store implements, and the clock is injected.
package credential
