package identity

import "testing"

func TestMatchName(t *testing.T) {
	tests := []struct {
		name           string
		surname, given string
		mrz            string
		truncated      bool
		want           NameOutcome
		expected       string
	}{
		{"specimen", "Eriksson", "Anna Maria", "ERIKSSON<<ANNA<MARIA", false, NameExact, "ERIKSSON<<ANNA<MARIA"},
		{"trailing fillers ignored", "Eriksson", "Anna Maria", "ERIKSSON<<ANNA<MARIA<<<<<", false, NameExact, "ERIKSSON<<ANNA<MARIA"},
		{"ICAO umlauts and hyphen", "Müller-Lüdenscheidt", "Hans Peter", "MUELLER<LUEDENSCHEIDT<<HANS<PETER", false, NameExact, "MUELLER<LUEDENSCHEIDT<<HANS<PETER"},
		{"umlauts simply dropped", "Müller-Lüdenscheidt", "Hans Peter", "MULLER<LUDENSCHEIDT<<HANS<PETER", false, NameTransliteration, "MUELLER<LUEDENSCHEIDT<<HANS<PETER"},
		{"given names dropped diacritics only", "Jørgensen", "Søren", "JOERGENSEN<<SOREN", false, NameTransliteration, "JOERGENSEN<<SOEREN"},
		{"apostrophe removed", "O'Brien", "Seán", "OBRIEN<<SEAN", false, NameExact, "OBRIEN<<SEAN"},
		{"accents dropped by ICAO too", "Pérez García", "José", "PEREZ<GARCIA<<JOSE", false, NameExact, "PEREZ<GARCIA<<JOSE"},
		{"eszett", "Weiß", "Jürgen", "WEISS<<JUERGEN", false, NameExact, "WEISS<<JUERGEN"},
		{"lower-case record", "eriksson", "anna maria", "ERIKSSON<<ANNA<MARIA", false, NameExact, "ERIKSSON<<ANNA<MARIA"},
		{"surname only", "Suharto", "", "SUHARTO", false, NameExact, "SUHARTO"},
		{"truncated given names", "Wolfeschlegelsteinhausenbergerdorff", "Hubert Blaine",
			"WOLFESCHLEGELSTEINHAUSENBERGERDORFF<<HU", true, NameTruncated, "WOLFESCHLEGELSTEINHAUSENBERGERDORFF<<HUBERT<BLAINE"},
		{"truncated simple transliteration", "Müllerschönhausenbergerdorffstein", "Jürgen",
			"MULLERSCHONHAUSENBERGERDORFFSTEIN<<JUR", true, NameTruncated, "MUELLERSCHOENHAUSENBERGERDORFFSTEIN<<JUERGEN"},
		{"prefix without a full field", "Eriksson", "Anna Maria", "ERIKSSON<<ANNA", false, NameMismatch, "ERIKSSON<<ANNA<MARIA"},
		{"one of several given names missing", "Eriksson", "Anna Maria", "ERIKSSON<<MARIA", false, NameMismatch, "ERIKSSON<<ANNA<MARIA"},
		{"given names swapped", "Eriksson", "Anna Maria", "ERIKSSON<<MARIA<ANNA", false, NameMismatch, "ERIKSSON<<ANNA<MARIA"},
		{"wrong surname", "Eriksen", "Anna Maria", "ERIKSSON<<ANNA<MARIA", false, NameMismatch, "ERIKSEN<<ANNA<MARIA"},
		{"truncated but different", "Eriksson", "Anna Maria", "ERIKSSON<<ANNE", true, NameMismatch, "ERIKSSON<<ANNA<MARIA"},
		{"empty MRZ name", "Eriksson", "Anna", "", true, NameMismatch, "ERIKSSON<<ANNA"},
		{"surname and given swapped", "Anna", "Eriksson", "ERIKSSON<<ANNA", false, NameMismatch, "ANNA<<ERIKSSON"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := MatchName(tt.surname, tt.given, tt.mrz, tt.truncated)
			if got.Outcome != tt.want || got.Expected != tt.expected {
				t.Errorf("MatchName = %+v, want outcome %s expected %q", got, tt.want, tt.expected)
			}
			if got.Outcome.Matches() != (tt.want != NameMismatch) {
				t.Errorf("Matches() = %v", got.Outcome.Matches())
			}
		})
	}
}

func TestSimpleMRZName(t *testing.T) {
	tests := map[string]string{
		"Müller":        "MULLER",
		"Ørsted":        "ORSTED",
		"Ångström":      "ANGSTROM",
		"Weiß":          "WEISS",
		"Łódź":          "LODZ",
		"O'Brien-Kéy":   "OBRIEN<KEY",
		"  Anna  Maria": "ANNA<MARIA",
	}
	for in, want := range tests {
		if got := simpleMRZName(in); got != want {
			t.Errorf("simpleMRZName(%q) = %q, want %q", in, got, want)
		}
	}
}
