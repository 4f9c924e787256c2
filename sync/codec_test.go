package sync

import (
	"bytes"
	"encoding/json"
	"reflect"
	"testing"
	"time"

	"onecard/demodata"
	"onecard/domain"
)

// codecSamples is a generated population's documents plus hand-made edge cases: the
// characters encoding/json escapes, invalid UTF-8, zero times, lists, a distant year.
func codecSamples() []any {
	g := demodata.New(3, domain.MustDate("2026-03-01"))
	var out []any
	for i := range 3000 {
		h := g.Holder(i)
		out = append(out, h.Person, h.Permit)
		if h.ESSC != nil {
			out = append(out, *h.ESSC)
		}
		if h.Registration != nil {
			out = append(out, *h.Registration)
		}
		if h.Card != nil {
			out = append(out, *h.Card)
		}
	}
	out = append(out, domain.Notification{ID: "expiry_30-110000W0000000002A-2026-12-25", PersonID: 82, Kind: "expiry_30",
		TextZH:    "您的工作许可 110000W0000000002A 将于 2026-12-25 到期(剩余 28 天),请及时办理延期。",
		TextEN:    "Your work permit ends on 2026-12-25 (28 days left); please apply for an extension.",
		CreatedAt: time.Date(2026, 11, 27, 13, 15, 13, 754542684, time.UTC)},
		domain.Notification{ID: "n<1>", TextEN: "R&D \"lab\"", CreatedAt: time.Date(2026, 1, 2, 3, 4, 5, 0, time.FixedZone("CST", 8*3600))},
		domain.Notification{})
	h := g.Holder(1)
	odd := h.Person
	odd.Surname, odd.GivenNames, odd.ChineseName = `O"Brien <&> \ x`, "Zoë\u2028Ann", "李\xffa"
	odd.UpdatedAt = time.Date(2025, 5, 6, 7, 8, 9, 123456789, time.FixedZone("CST", 8*3600))
	out = append(out, odd, domain.Person{}, domain.WorkPermit{}, domain.ESSC{}, domain.PhysicalCard{})
	reg := domain.InsuranceRegistration{ID: "R1", PersonID: 1, Exempt: []string{"pension", "unemployment"}, Reason: "tab\there"}
	out = append(out, reg, domain.InsuranceRegistration{})
	far := h.Permit
	far.UpdatedAt = time.Date(12000, 1, 1, 0, 0, 0, 0, time.UTC)
	return append(out, far)
}

func TestMarshalDocMatchesEncodingJSON(t *testing.T) {
	for _, v := range codecSamples() {
		want, wantErr := json.Marshal(v)
		got, err := MarshalDoc(v)
		if (err != nil) != (wantErr != nil) || !bytes.Equal(got, want) {
			t.Fatalf("%T:\n got %s (%v)\nwant %s (%v)", v, got, err, want, wantErr)
		}
	}
}

func TestUnmarshalDocMatchesEncodingJSON(t *testing.T) {
	check := func(t *testing.T, doc []byte, typ reflect.Type) {
		t.Helper()
		want, got := reflect.New(typ), reflect.New(typ)
		wantErr := json.Unmarshal(doc, want.Interface())
		err := UnmarshalDoc(doc, got.Interface())
		if (err != nil) != (wantErr != nil) || !reflect.DeepEqual(got.Interface(), want.Interface()) {
			t.Fatalf("%s %s:\n got %+v (%v)\nwant %+v (%v)", typ, doc, got.Elem(), err, want.Elem(), wantErr)
		}
	}
	for _, v := range codecSamples() {
		doc, err := json.Marshal(v)
		if err != nil {
			continue // the distant year: nothing to decode
		}
		check(t, doc, reflect.TypeOf(v))
	}
	// Documents off the hand codec's path decode as encoding/json decodes them.
	person := reflect.TypeFor[domain.Person]()
	for _, doc := range []string{
		`{"id":1,"surname":"A\u00e9"}`, `{"ID":2}`, `{"id":"3"}`, `{"id":1.5}`, `{"id":4,"extra":{"a":1}}`,
		` { "id" : 5 , "birth_date" : null , "updated_at" : null } `, `{"birth_date":"2025-02-30"}`,
		`{"birth_date":""}`, `{"surname":null}`, `{"id":6}x`, `{"id":7,}`, `{`, `[]`, `{"id":8,"id":9}`,
		`{"updated_at":"2025-01-02T03:04:05.5+08:00"}`, `{"updated_at":"yesterday"}`,
	} {
		check(t, []byte(doc), person)
	}
	reg := reflect.TypeFor[domain.InsuranceRegistration]()
	for _, doc := range []string{`{"late":true,"exempt":["a"]}`, `{"late":null}`, `{"late":1}`} {
		check(t, []byte(doc), reg)
	}
}

// TestCodecFieldsMatchTypes fails when a record type gains or loses a JSON field: the
// hand codec then leaves the type to encoding/json (fastTypes), which is correct but
// slow, so codecFields and the codec want updating with the type.
func TestCodecFieldsMatchTypes(t *testing.T) {
	for typ, keys := range codecFields {
		if got := jsonKeys(typ); !reflect.DeepEqual(got, keys) {
			t.Errorf("%s has JSON fields %v; the hand codec knows %v", typ, got, keys)
		}
		if !fastTypes[typ] {
			t.Errorf("%s is not on the hand codec's path", typ)
		}
	}
}
