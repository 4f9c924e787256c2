package identity

import (
	"reflect"
	"testing"
	"time"
)

func specimenHolder() Holder {
	return Holder{
		Surname: "Eriksson", GivenNames: "Anna Maria", Nationality: "UTO",
		BirthDate: day(1974, 8, 12), Sex: "F", PassportNumber: "L898902C3",
		PassportExpiry: day(2012, 4, 15),
	}
}

func TestCompareDocument(t *testing.T) {
	valid := ParseMRZ(specimenTD3, specimenDay)
	tests := []struct {
		name     string
		doc      MRZ
		edit     func(*Holder)
		at       time.Time
		want     AuthOutcome
		mismatch []string
		expired  bool
	}{
		{"authenticated", valid, func(*Holder) {}, specimenDay, Authenticated, nil, false},
		{"last valid day", valid, func(*Holder) {}, day(2012, 4, 15), Authenticated, nil, false},
		{"passport number with space and lower case", valid, func(h *Holder) { h.PassportNumber = "l898 902c3" }, specimenDay, Authenticated, nil, false},
		{"expired", valid, func(*Holder) {}, day(2012, 4, 16), DocumentExpired, nil, true},
		{"wrong birth date", valid, func(h *Holder) { h.BirthDate = day(1974, 8, 13) }, specimenDay, AuthMismatch, []string{"birth_date"}, false},
		{"wrong name and sex", valid, func(h *Holder) { h.GivenNames = "Anna"; h.Sex = "M" }, specimenDay, AuthMismatch, []string{"name", "sex"}, false},
		{"new passport not recorded", valid, func(h *Holder) { h.PassportNumber = "X1234567"; h.PassportExpiry = day(2030, 1, 1) },
			specimenDay, AuthMismatch, []string{"passport_number", "passport_expiry"}, false},
		{"nationality not recorded", valid, func(h *Holder) { h.Nationality = "" }, specimenDay, AuthMismatch, []string{"nationality"}, false},
		{"mismatch outranks expiry", valid, func(h *Holder) { h.Nationality = "SWE" }, day(2013, 1, 1), AuthMismatch, []string{"nationality"}, true},
		{"MRZ invalid", ParseMRZ(setChar(specimenTD3, 2, 44, '1'), specimenDay), func(*Holder) {}, specimenDay, MRZInvalid, nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := specimenHolder()
			tt.edit(&h)
			got := CompareDocument(tt.doc, h, tt.at)
			if got.Outcome != tt.want || got.Expired != tt.expired || !reflect.DeepEqual(got.Mismatched(), tt.mismatch) {
				t.Errorf("got %s expired %v mismatched %v; want %s %v %v",
					got.Outcome, got.Expired, got.Mismatched(), tt.want, tt.expired, tt.mismatch)
			}
			if len(got.Fields) != 6 {
				t.Errorf("%d fields compared, want 6", len(got.Fields))
			}
		})
	}
}

func TestCompareDocumentGermanPassport(t *testing.T) {
	d := specimen()
	d.issuer, d.nat, d.name = "D<<", "D<<", "MUELLER<LUEDENSCHEIDT<<HANS<PETER"
	doc := ParseMRZ(d.td3(), specimenDay)
	h := specimenHolder()
	h.Surname, h.GivenNames, h.Nationality = "Müller-Lüdenscheidt", "Hans Peter", "DEU"
	got := CompareDocument(doc, h, specimenDay)
	if got.Outcome != Authenticated {
		t.Fatalf("outcome %s, mismatched %v", got.Outcome, got.Mismatched())
	}
	name := got.Fields[0]
	if name.Name == nil || name.Name.Outcome != NameExact || name.Document != "MUELLER<LUEDENSCHEIDT<<HANS<PETER" {
		t.Errorf("name field %+v", name)
	}
	if nat := got.Fields[1]; nat.Document != "DEU" || nat.Holder != "DEU" {
		t.Errorf("nationality field %+v", nat)
	}
}

func TestCompareDocumentShowsBothValues(t *testing.T) {
	h := specimenHolder()
	h.BirthDate = day(1975, 1, 2)
	got := CompareDocument(ParseMRZ(specimenTD3, specimenDay), h, specimenDay)
	want := FieldComparison{Field: "birth_date", Outcome: FieldMismatch, Document: "1974-08-12", Holder: "1975-01-02"}
	if got.Fields[2] != want {
		t.Errorf("birth date field %+v, want %+v", got.Fields[2], want)
	}
}
