package identity

import (
	"reflect"
	"strings"
	"testing"
)

func TestMRZName(t *testing.T) {
	tests := map[string]string{
		"Müller-Lüdenscheidt": "MUELLER<LUEDENSCHEIDT",
		"Hans Peter":          "HANS<PETER",
		"O'Brien":             "OBRIEN",
		"Ørsted":              "OERSTED",
		"Ångström":            "AANGSTROEM",
		"Weiß":                "WEISS",
		"Łukasz":              "LUKASZ",
		"José  María ":        "JOSE<MARIA",
		"Þórr":                "THORR",
		"":                    "",
	}
	for in, want := range tests {
		if got := MRZName(in); got != want {
			t.Errorf("MRZName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestAppendSearchTokens(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"Müller-Lüdenscheidt", []string{"muller", "mueller", "ludenscheidt", "luedenscheidt"}},
		{"O'Brien", []string{"obrien"}},
		{"Hans Peter", []string{"hans", "peter"}},
		{"王小明", []string{"王", "小", "明"}},
		{"Anna 王", []string{"anna", "王"}},
		{"Ørsted", []string{"orsted", "oersted"}},
	}
	for _, tt := range tests {
		if got := strings.Fields(string(AppendSearchTokens([]byte("kept "), tt.in))); !reflect.DeepEqual(got[1:], tt.want) || got[0] != "kept" {
			t.Errorf("AppendSearchTokens(%q) = %q, want %q after what was there", tt.in, got, tt.want)
		}
	}
}

func TestFoldWord(t *testing.T) {
	tests := map[string]string{"O'Brien": "obrien", "Łódź": "lodz", "Straße": "strasse", "Đorđe": "dorde", "Ørsted": "orsted", "Æbelø": "aebelo"}
	for in, want := range tests {
		if got := FoldWord(in); got != want {
			t.Errorf("FoldWord(%q) = %q, want %q", in, got, want)
		}
	}
}
