package sync

import (
	"bytes"
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"onecard/demodata"
	"onecard/domain"
)

// BenchmarkDecodePage decodes a first-sync page of DefaultPageSize changes of a
// generated population, as central writes it: the kiosk's CPU per pulled change
// before the store writes it (parsing, validating, encoding for the batch).
func BenchmarkDecodePage(b *testing.B) {
	g := demodata.New(2, domain.MustDate("2026-11-27"))
	var page bytes.Buffer
	seq := int64(0)
	add := func(kind, key string, v any) {
		doc, err := MarshalDoc(v)
		if err != nil {
			b.Fatal(err)
		}
		seq++
		line, err := json.Marshal(Change{Seq: seq, Kind: kind, Key: key, Op: OpUpsert, Doc: doc})
		if err != nil {
			b.Fatal(err)
		}
		page.Write(append(line, '\n'))
	}
	for i := 0; seq < DefaultPageSize; i++ {
		h := g.Holder(i)
		add(KindPerson, fmt.Sprint(h.Person.ID), h.Person)
		add(KindPermit, h.Permit.Number, h.Permit)
		if h.ESSC != nil {
			add(KindESSC, fmt.Sprint(h.ESSC.PersonID), *h.ESSC)
		}
		if h.Registration != nil {
			add(KindRegistration, h.Registration.ID, *h.Registration)
		}
		if h.Card != nil {
			add(KindCard, fmt.Sprint(h.Card.PersonID), *h.Card)
		}
		if i%10 == 0 { // about the share of holders with an expiry reminder
			n := domain.Notification{ID: "expiry_90-" + h.Permit.Number, PersonID: h.Person.ID, Kind: "expiry_90",
				TextZH:    "您的工作许可 " + h.Permit.Number + " 将于 2027-02-20 到期(剩余 85 天),请及时办理延期。",
				TextEN:    "Your work permit " + h.Permit.Number + " ends on 2027-02-20 (85 days left); please apply for an extension.",
				CreatedAt: time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)}
			add(KindNotification, n.ID, n)
		}
	}
	end, err := json.Marshal(PageEnd{End: true, Cursor: seq, More: true, ServerTime: time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)})
	if err != nil {
		b.Fatal(err)
	}
	page.Write(append(end, '\n'))
	b.SetBytes(int64(page.Len()))
	batches := make(batchPool, 4)
	for b.Loop() {
		p := decodePage(bytes.NewReader(page.Bytes()), batches)
		if p.err != nil || p.n != int(seq) {
			b.Fatalf("decoded %d of %d changes: %v", p.n, seq, p.err)
		}
		batches.put(p.steps) // as Pull does once the page is written
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(seq), "ns/change")
}
