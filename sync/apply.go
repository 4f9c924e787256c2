package sync

import (
	"context"
	"crypto/ed25519"
	"fmt"
	"strconv"
	"time"

	"onecard/domain"
	"onecard/insurance"
	"onecard/store"
	"onecard/trust"
)

// Sync-state keys the kiosk store holds (store.State / Writer.SetState).
const (
	StateCursor     = "cursor"              // last change number applied
	StateLastSync   = "last_sync_at"        // RFC 3339, when the store last caught up with central
	StateServerTime = trust.StateServerTime // RFC 3339, central's clock at the last page
)

// setting is a setting document, kept as the JSON central sent: the package that owns
// the setting (residence, insurance) parses it when it is used.
type setting struct {
	name string
	doc  []byte
}

// record is a decoded change, ready to write.
type record struct {
	kind, key, op string
	v             any
}

// decodeChange turns a change line into a typed record. An unknown kind is an error,
// not a skip: skipping would move the cursor past a record this binary cannot store.
func decodeChange(c Change) (record, error) {
	r := record{kind: c.Kind, key: c.Key, op: c.Op}
	if c.Op == OpDelete {
		return r, nil
	}
	if c.Op != OpUpsert {
		return r, fmt.Errorf("change %d: unknown op %q", c.Seq, c.Op)
	}
	var err error
	switch c.Kind {
	case KindVerification:
		r.v, err = unmarshal[domain.ResidenceVerification](c.Doc)
	case KindStaff:
		r.v, err = unmarshal[domain.Staff](c.Doc)
	case KindBundle:
		r.v, err = unmarshal[Bundle](c.Doc)
	case KindSetting:
		r.v = setting{name: c.Key, doc: append([]byte(nil), c.Doc...)}
	case KindCardEvent:
		r.v, err = unmarshal[insurance.CardEvent](c.Doc)
	default:
		return r, fmt.Errorf("change %d: unknown kind %q (upgrade onecard)", c.Seq, c.Kind)
	}
	if err != nil {
		return r, fmt.Errorf("change %d (%s %s): %w", c.Seq, c.Kind, c.Key, err)
	}
	return r, nil
}

// unmarshal is json.Unmarshal of a document, by hand for the population's types. The
// document is copied first: the decoded strings outlive the pulled line it lies in.
func unmarshal[T any](doc []byte) (T, error) { return decodeDoc[T](string(doc)) }

// batched reports whether c goes into a store.Batch: an upsert of a population kind.
// Every other change is decodeChange's.
func batched(c Change) bool { return c.Op == OpUpsert && bulkKind(c.Kind) }

// addToBatch decodes a batched change into b, validated.
func addToBatch(b *store.Batch, c Change) error {
	var err error
	switch c.Kind {
	case KindPerson:
		err = addDoc(c, b.AddPerson)
	case KindPermit:
		err = addDoc(c, b.AddPermit)
	case KindESSC:
		err = addDoc(c, b.AddESSC)
	case KindCard:
		err = addDoc(c, b.AddCard)
	case KindRegistration:
		err = addDoc(c, b.AddRegistration)
	case KindNotification:
		err = addDoc(c, b.AddNotification)
	default:
		err = fmt.Errorf("not a population kind")
	}
	if err != nil {
		return fmt.Errorf("change %d (%s %s): %w", c.Seq, c.Kind, c.Key, err)
	}
	return nil
}

func addDoc[T any](c Change, add func(T) error) error {
	text := c.docText
	if text == "" {
		text = string(c.Doc) // a line encoding/json read
	}
	v, err := decodeDoc[T](text)
	if err != nil {
		return err
	}
	return add(v)
}

// applier writes records into one kiosk transaction.
type applier struct {
	w             *store.Writer
	root          ed25519.PublicKey
	bundleVersion uint64 // installed trust bundle version, raised as bundles apply
	now           time.Time
}

// applyPage writes a page's steps in order.
func (a *applier) applyPage(ctx context.Context, p page) error {
	for _, s := range p.steps {
		if s.batch != nil {
			if err := a.w.PutBatch(ctx, s.batch); err != nil {
				return err
			}
			continue
		}
		if err := a.apply(ctx, s.rec); err != nil {
			return err
		}
	}
	return nil
}

func (a *applier) apply(ctx context.Context, r record) error {
	if r.op == OpDelete {
		if r.kind == KindPerson {
			id, err := strconv.ParseInt(r.key, 10, 64)
			if err != nil {
				return fmt.Errorf("delete person %q: %w", r.key, err)
			}
			return a.w.DeletePerson(ctx, id)
		}
		return a.w.DeleteSynced(ctx, r.kind, r.key)
	}
	switch v := r.v.(type) {
	case domain.ResidenceVerification:
		return a.w.PutVerification(ctx, v)
	case domain.Staff:
		return a.w.PutStaff(ctx, v)
	case Bundle:
		return a.installBundle(ctx, v)
	case setting:
		return a.w.PutSetting(ctx, v.name, v.doc, a.now)
	case insurance.CardEvent:
		return a.w.PutCardEvent(ctx, v)
	}
	return fmt.Errorf("%s %s: nothing to write", r.kind, r.key)
}

// installBundle checks the bundle against the pinned trust root and installs it in the
// store's trust-bundle table with the page: a bundle that does not verify, or is older
// than the installed one, stops the sync.
func (a *applier) installBundle(ctx context.Context, b Bundle) error {
	parsed, err := trust.Install(ctx, a.w, a.root, a.bundleVersion, b.Signed, a.now)
	if err != nil {
		return fmt.Errorf("trust bundle %d: %w", b.Version, err)
	}
	a.bundleVersion = parsed.Version
	return nil
}

// finish records the page's cursor and central's clock with the page.
func (a *applier) finish(ctx context.Context, end PageEnd, now time.Time) error {
	if err := a.w.SetState(ctx, StateCursor, strconv.FormatInt(end.Cursor, 10)); err != nil {
		return err
	}
	if err := a.w.SetState(ctx, StateServerTime, end.ServerTime.UTC().Format(time.RFC3339)); err != nil {
		return err
	}
	if end.More {
		return nil
	}
	return a.w.SetState(ctx, StateLastSync, now.UTC().Format(time.RFC3339))
}
