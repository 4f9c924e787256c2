package sync

import (
	"bytes"
	"encoding/json"
	"fmt"
	"testing"
	"testing/iotest"
	"time"

	"onecard/domain"
)

// Pulled lines are parsed where they lie in the read buffer (parseChangeLine). A change
// kept past its line, here a removal, must hold its own copy: the buffer is refilled
// with the lines after it, hundreds of kilobytes of notices here, read a byte at a
// time so that every line lands at a new place in it.
func TestDecodedChangesOutliveTheReadBuffer(t *testing.T) {
	var page bytes.Buffer
	seq := int64(0)
	line := func(c any) {
		b, err := json.Marshal(c)
		if err != nil {
			t.Fatal(err)
		}
		page.Write(append(b, '\n'))
	}
	removed := []string{"1001", "1002", "1003"}
	for _, key := range removed {
		seq++
		line(Change{Seq: seq, Kind: KindPerson, Key: key, Op: OpDelete})
		for i := range 600 {
			n := domain.Notification{ID: fmt.Sprintf("notice-%s-%03d", key, i), PersonID: int64(i + 1), Kind: "expiry_90",
				TextZH: "您的工作许可将于 90 天后到期。", TextEN: "Your work permit ends in 90 days; please apply for an extension.",
				CreatedAt: time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)}
			doc, err := MarshalDoc(n)
			if err != nil {
				t.Fatal(err)
			}
			seq++
			line(Change{Seq: seq, Kind: KindNotification, Key: n.ID, Op: OpUpsert, Doc: doc})
		}
	}
	line(PageEnd{End: true, Cursor: seq, ServerTime: time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)})

	p := decodePage(iotest.OneByteReader(bytes.NewReader(page.Bytes())), nil)
	if p.err != nil || p.n != int(seq) {
		t.Fatalf("decoded %d of %d changes: %v", p.n, seq, p.err)
	}
	var got []record
	for _, s := range p.steps {
		if s.batch == nil {
			got = append(got, s.rec)
		}
	}
	if len(got) != len(removed) {
		t.Fatalf("%d removals decoded, want %d", len(got), len(removed))
	}
	for i, r := range got {
		if r.kind != KindPerson || r.key != removed[i] || r.op != OpDelete {
			t.Errorf("removal %d reads %q %q %q after the lines behind it were read; want person %q delete",
				i, r.kind, r.key, r.op, removed[i])
		}
	}
}
