package sync

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"database/sql"
	"encoding/json"
	"fmt"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"onecard/demodata"
	"onecard/domain"
	"onecard/store"
)

// fuzzPage writes a pull page as central does: a change line per record, then the end line.
func fuzzPage(f *testing.F, h demodata.Holder, more bool) []byte {
	var b bytes.Buffer
	add := func(seq int64, kind, key string, v any) {
		doc, err := MarshalDoc(v)
		if err != nil {
			f.Fatal(err)
		}
		line, err := json.Marshal(Change{Seq: seq, Kind: kind, Key: key, Op: OpUpsert, Doc: doc})
		if err != nil {
			f.Fatal(err)
		}
		b.Write(append(line, '\n'))
	}
	add(1, KindPerson, fmt.Sprint(h.Person.ID), h.Person)
	add(2, KindPermit, h.Permit.Number, h.Permit)
	if h.ESSC != nil {
		add(3, KindESSC, h.ESSC.SSN, *h.ESSC)
	}
	if h.Registration != nil {
		add(4, KindRegistration, h.Registration.ID, *h.Registration)
	}
	add(5, KindNotification, "expiry_90-"+h.Permit.Number, domain.Notification{ID: "expiry_90-" + h.Permit.Number,
		PersonID: h.Person.ID, Kind: "expiry_90", TextZH: "您的工作许可将于 90 天后到期。", TextEN: "Your work permit ends in 90 days.",
		CreatedAt: time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)})
	fmt.Fprintf(&b, "{\"seq\":5,\"kind\":\"setting\",\"key\":\"residence_policy\",\"op\":\"upsert\",\"doc\":{\"apply_within_days\":45}}\n")
	fmt.Fprintf(&b, "{\"seq\":6,\"kind\":\"person\",\"key\":\"99\",\"op\":\"delete\"}\n")
	end, err := json.Marshal(PageEnd{End: true, Cursor: 6, More: more, ServerTime: time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)})
	if err != nil {
		f.Fatal(err)
	}
	b.Write(append(end, '\n'))
	return b.Bytes()
}

// FuzzDecodePage feeds central's pull page format to the kiosk's decoder and applies
// what it accepts to a real store. It checks that:
//   - a page is accepted only with its end line, after nothing but well-formed changes
//     (each non-blank line before it valid JSON, one record per line);
//   - the hand-written fast paths agree with encoding/json: a change line read by
//     parseChangeLine reads the same through json.Unmarshal, and a record document read
//     by UnmarshalDoc is the value json.Unmarshal gives;
//   - applying a page that fails writes nothing: no commit reaches the database file.
//
// The store is opened once per fuzz process; a page that applies cleanly stays in it, so
// later inputs meet existing rows as a real kiosk does.
func FuzzDecodePage(f *testing.F) {
	gen := demodata.New(7, domain.MustDate("2026-11-27"))
	for i := range 3 {
		f.Add(fuzzPage(f, gen.Holder(i), i == 1))
	}
	f.Add([]byte("{\"seq\":1,\"kind\":\"person\",\"key\":\"1\",\"op\":\"delete\"}\n"))
	f.Add([]byte("{\"end\":true,\"cursor\":0,\"more\":false,\"server_time\":\"2026-11-27T09:00:00Z\"}"))
	ctx := context.Background()
	path := filepath.Join(f.TempDir(), "kiosk.db")
	st, err := store.Open(ctx, path)
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { st.Close() })
	// A connection of its own: PRAGMA data_version changes when another connection
	// commits, so it tells whether a failed apply wrote anything.
	watch, err := sql.Open("sqlite3", "file:"+path+"?mode=ro")
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { watch.Close() })
	conn, err := watch.Conn(ctx)
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { conn.Close() })
	dataVersion := func(t *testing.T) int64 {
		var v int64
		if err := conn.QueryRowContext(ctx, "PRAGMA data_version").Scan(&v); err != nil {
			t.Fatal(err)
		}
		return v
	}
	root := ed25519.NewKeyFromSeed(bytes.Repeat([]byte{0x52}, ed25519.SeedSize)).Public().(ed25519.PublicKey)

	f.Fuzz(func(t *testing.T, data []byte) {
		var lines [][]byte
		for _, l := range bytes.Split(data, []byte("\n")) {
			if len(bytes.TrimSpace(l)) > 0 {
				lines = append(lines, l)
			}
		}
		for _, l := range lines {
			checkChangeLine(t, l)
		}
		p := decodePage(bytes.NewReader(data), nil)
		if p.err != nil {
			return
		}
		if len(lines) == 0 || p.n >= len(lines) {
			t.Fatalf("page of %d lines accepted with %d records", len(lines), p.n)
		}
		for i, l := range lines[:p.n+1] {
			var end struct {
				End *bool `json:"end"`
			}
			if err := json.Unmarshal(l, &end); err != nil {
				t.Fatalf("accepted line %d, which is not JSON: %q: %v", i, l, err)
			}
			if isEnd := end.End != nil && *end.End; isEnd != (i == p.n) {
				t.Fatalf("line %d %q: end %v, but %d records came before the end", i, l, isEnd, p.n)
			}
		}

		before := dataVersion(t)
		cursor, err := st.State(ctx, StateCursor)
		if err != nil {
			t.Fatal(err)
		}
		err = st.Update(ctx, func(w *store.Writer) error {
			a := applier{w: w, root: root, now: time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)}
			if err := a.applyPage(ctx, p); err != nil {
				return err
			}
			return a.finish(ctx, p.end, a.now)
		})
		if err == nil {
			return
		}
		if after := dataVersion(t); after != before {
			t.Fatalf("the page failed (%v) but the database changed", err)
		}
		if again, serr := st.State(ctx, StateCursor); serr != nil || again != cursor {
			t.Fatalf("the page failed (%v) but the cursor moved from %q to %q (%v)", err, cursor, again, serr)
		}
	})
}

// checkChangeLine compares the fast change-line reader with encoding/json on a line both read,
// and the hand codec with encoding/json on the line's document.
func checkChangeLine(t *testing.T, l []byte) {
	c, ok := parseChangeLine(l)
	if !ok {
		return
	}
	var want Change
	if json.Unmarshal(l, &want) != nil {
		return // the fast reader leaves the document to UnmarshalDoc; the page check covers the rest
	}
	var doc, wantDoc bytes.Buffer
	if len(c.Doc) > 0 && json.Compact(&doc, c.Doc) != nil {
		// Members after the document: the hand codec must refuse it, so that
		// decodePage reads the line again with encoding/json.
		for _, v := range []any{new(domain.Person), new(domain.WorkPermit), new(domain.ESSC), new(domain.PhysicalCard),
			new(domain.InsuranceRegistration), new(domain.Notification)} {
			if err := UnmarshalDoc(c.Doc, v); err == nil {
				t.Fatalf("parseChangeLine read %q with document %q, and the hand codec took it as %T", l, c.Doc, v)
			}
		}
		return
	}
	if len(want.Doc) > 0 {
		json.Compact(&wantDoc, want.Doc)
	}
	if c.Seq != want.Seq || c.Kind != want.Kind || c.Key != want.Key || c.Op != want.Op || doc.String() != wantDoc.String() {
		t.Fatalf("%q: parseChangeLine %+v, encoding/json %+v", l, c, want)
	}
	if c.Op != OpUpsert {
		return
	}
	types := map[string]reflect.Type{KindPerson: reflect.TypeFor[domain.Person](), KindPermit: reflect.TypeFor[domain.WorkPermit](),
		KindESSC: reflect.TypeFor[domain.ESSC](), KindCard: reflect.TypeFor[domain.PhysicalCard](),
		KindRegistration: reflect.TypeFor[domain.InsuranceRegistration](), KindNotification: reflect.TypeFor[domain.Notification]()}
	typ, ok := types[c.Kind]
	if !ok {
		return
	}
	fast, slow := reflect.New(typ), reflect.New(typ)
	ferr := UnmarshalDoc(c.Doc, fast.Interface())
	serr := json.Unmarshal(c.Doc, slow.Interface())
	if (ferr == nil) != (serr == nil) {
		t.Fatalf("%s document %q: hand codec %v, encoding/json %v", c.Kind, c.Doc, ferr, serr)
	}
	if ferr != nil {
		return
	}
	fj, _ := json.Marshal(fast.Interface())
	sj, _ := json.Marshal(slow.Interface())
	if !bytes.Equal(fj, sj) {
		t.Fatalf("%s document %q: hand codec %s, encoding/json %s", c.Kind, c.Doc, fj, sj)
	}
}
