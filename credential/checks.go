package credential

import (
	"context"
	"crypto/ed25519"
	"fmt"
	"time"
)

// The verification steps, in the order Verifier.check runs them. Each returns an empty
// reason when it passes.

// checkClock catches a terminal clock set back before the last sync: central's time
// then is a floor for any honest local time.
func (v *Verifier) checkClock(now time.Time) (Reason, error) {
	if !v.cfg.LastSync.IsZero() && now.Before(v.cfg.LastSync.Add(-v.cfg.Skew)) {
		return ReasonClockRollback, fmt.Errorf("clock %s is before the last sync at %s",
			now.UTC().Format(time.RFC3339), v.cfg.LastSync.UTC().Format(time.RFC3339))
	}
	return "", nil
}

func (v *Verifier) checkBundle(now time.Time, r *Result) (Reason, error) {
	b := v.cfg.Bundle
	if b == nil {
		return ReasonNoTrustBundle, nil
	}
	age := b.Age(now)
	r.Bundle = &BundleInfo{Version: b.Version, IssuedAt: b.IssuedAt, AgeSeconds: int64(age / time.Second)}
	if age < -v.cfg.Skew {
		return ReasonClockRollback, fmt.Errorf("trust bundle issued %s after the local clock", -age)
	}
	if age > v.cfg.MaxBundleAge {
		return ReasonBundleStale, fmt.Errorf("trust bundle %d is %s old, limit %s", b.Version, age, v.cfg.MaxBundleAge)
	}
	return "", nil
}

func (v *Verifier) checkAlg(p *Payload) (Reason, error) {
	if !algAllowed(p.Alg) {
		return ReasonAlgNotAllowed, fmt.Errorf("algorithm %v", p.Alg)
	}
	return "", nil
}

func (v *Verifier) checkKeyKnown(p *Payload) (Reason, error) {
	if len(v.keys[p.KeyID]) == 0 {
		return ReasonUnknownKey, fmt.Errorf("key id %q", p.KeyID)
	}
	return "", nil
}

// checkSignature tries every trusted key with the payload's key id whose algorithm is
// the header's, and returns the one that verifies.
func (v *Verifier) checkSignature(p *Payload) (KeyInfo, Reason, error) {
	tried := 0
	for _, k := range v.keys[p.KeyID] {
		if k.info.Alg != p.Alg {
			continue
		}
		tried++
		if p.sig.msg.Verify(nil, k.verifier) == nil {
			return k.info, "", nil
		}
	}
	if tried == 0 {
		return KeyInfo{}, ReasonKeyAlgMismatch, fmt.Errorf("no key %q with algorithm %v", p.KeyID, p.Alg)
	}
	return KeyInfo{}, ReasonBadSignature, fmt.Errorf("%d key(s) %q tried", tried, p.KeyID)
}

func checkKeyValidity(k KeyInfo, p *Payload) (Reason, error) {
	iat := p.Claims.IssuedAtTime()
	if iat.Before(k.NotBefore) {
		return ReasonKeyNotYetValid, fmt.Errorf("issued %s, key %s valid from %s", iat.Format(time.RFC3339), k.ID, k.NotBefore.Format(time.RFC3339))
	}
	if iat.After(k.NotAfter) {
		return ReasonKeyExpired, fmt.Errorf("issued %s, key %s valid until %s", iat.Format(time.RFC3339), k.ID, k.NotAfter.Format(time.RFC3339))
	}
	return "", nil
}

func checkUse(k KeyInfo, p *Payload) (Reason, error) {
	if !k.Allows(p.Kind) {
		return ReasonWrongUse, fmt.Errorf("key %s may not sign %s credentials", k.ID, p.Kind)
	}
	return "", nil
}

func (v *Verifier) checkValidity(now time.Time, p *Payload) (Reason, error) {
	if now.After(p.Claims.ExpiresTime().Add(v.cfg.Skew)) {
		return ReasonCodeExpired, fmt.Errorf("expired %s", p.Claims.ExpiresTime().Format(time.RFC3339))
	}
	if p.Claims.IssuedAtTime().After(now.Add(v.cfg.Skew)) {
		return ReasonNotYetValid, fmt.Errorf("issued %s", p.Claims.IssuedAtTime().Format(time.RFC3339))
	}
	return "", nil
}

func (v *Verifier) checkHolder(p *Payload) (Reason, error) {
	msg, err := v.d.proofMessage(p.Claims.ID, p.Proof.Time.Unix(), p.Proof.Nonce)
	if err != nil {
		return ReasonMalformed, err
	}
	if !ed25519.Verify(ed25519.PublicKey(p.Claims.DeviceKey), msg, p.Proof.Signature) {
		return ReasonHolderSignatureBad, nil
	}
	return "", nil
}

func (v *Verifier) checkFreshness(now time.Time, p *Payload) (Reason, error) {
	t := p.Proof.Time
	if now.After(t.Add(v.cfg.TTL + v.cfg.Skew)) {
		return ReasonHolderCodeStale, fmt.Errorf("code made %s ago, TTL %s", now.Sub(t), v.cfg.TTL)
	}
	if t.After(now.Add(v.cfg.Skew)) {
		return ReasonHolderClockAhead, fmt.Errorf("code made %s ahead of the local clock", t.Sub(now))
	}
	return "", nil
}

func (v *Verifier) checkReplay(ctx context.Context, p *Payload) (Reason, error) {
	seen, err := v.cfg.Nonces.SeenNonce(ctx, p.Claims.ID, p.Proof.Nonce, p.Proof.Time)
	if err != nil {
		return ReasonStoreError, fmt.Errorf("nonce log: %w", err)
	}
	if seen {
		return ReasonReplayed, nil
	}
	return "", nil
}

func (v *Verifier) checkRevocation(p *Payload) (Reason, error) {
	if v.revokedCreds[p.Claims.ID] {
		return ReasonCredentialRevoked, nil
	}
	if v.revokedKeys[p.KeyID] {
		return ReasonKeyRevoked, nil
	}
	return "", nil
}

// checkLocal cross-checks the permit against the local store: a permit cancelled,
// revoked or expired since the code was issued makes the code INVALID. A permit the
// store does not hold is not a failure: a branch only syncs its own region's permits,
// while the signature and the national revocation lists have been checked, so the
// verdict stays VALID with reason permit_not_local, telling the clerk to confirm by
// system query.
func (v *Verifier) checkLocal(ctx context.Context, now time.Time, p *Payload, r *Result) (Reason, error) {
	rec, err := v.cfg.Permits.PermitStatus(ctx, p.Claims.Permit)
	if err != nil {
		return ReasonStoreError, fmt.Errorf("permit record: %w", err)
	}
	if !rec.Found {
		r.LocalRecord = "not_found"
		return ReasonPermitNotLocal, nil
	}
	r.LocalRecord = rec.Status
	switch rec.Status {
	case PermitValid:
		if !rec.ValidUntil.IsZero() && !now.Before(rec.ValidUntil) {
			return ReasonPermitExpired, fmt.Errorf("local record valid until %s", rec.ValidUntil.Format(time.RFC3339))
		}
		return "", nil
	case PermitExpired:
		return ReasonPermitExpired, nil
	case PermitCancelled:
		return ReasonPermitCancelled, nil
	case PermitRevoked:
		return ReasonPermitRevoked, nil
	}
	return ReasonPermitStatusUnknown, fmt.Errorf("status %q", rec.Status)
}
