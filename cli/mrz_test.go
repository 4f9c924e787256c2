package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"
)

func runMRZCommand(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := Run(context.Background(), append([]string{"mrz"}, args...), Env{Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errb})
	return code, out.String(), errb.String()
}

func TestMRZCommand(t *testing.T) {
	const td3 = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10\n"
	tests := []struct {
		name     string
		stdin    string
		args     []string
		code     int
		valid    bool
		problems int
	}{
		{"valid TD3", td3, []string{"--at", "2010-01-01"}, 0, true, 0},
		{"blank lines and CRLF", "\r\n" + strings.ReplaceAll(td3, "\n", "\r\n\r\n"), []string{"--at", "2010-01-01"}, 0, true, 0},
		{"TD1", "I<UTOD231458907<<<<<<<<<<<<<<<\n7408122F1204159UTO<<<<<<<<<<<6\nERIKSSON<<ANNA<MARIA<<<<<<<<<<\n", []string{"--at", "2010-01-01"}, 0, true, 0},
		{"broken composite", strings.Replace(td3, "<<<<<10", "<<<<<11", 1), []string{"--at", "2010-01-01"}, 1, false, 0},
		{"O for 0", strings.Replace(td3, "7408122", "74O8122", 1), nil, 1, false, 1},
		{"one line", "P<UTOERIKSSON\n", nil, 1, false, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, stderr := runMRZCommand(t, tt.stdin, tt.args...)
			if code != tt.code {
				t.Fatalf("exit %d, want %d; stderr %q", code, tt.code, stderr)
			}
			var got struct {
				Valid  bool `json:"valid"`
				Name   string
				Checks []struct {
					Name, Expected, Found string
					OK                    bool
				}
				Problems []struct{ Code, Message string }
			}
			if err := json.Unmarshal([]byte(out), &got); err != nil {
				t.Fatalf("output is not one JSON object: %v\n%s", err, out)
			}
			if strings.Count(strings.TrimSpace(out), "\n") != 0 {
				t.Errorf("output is more than one line: %q", out)
			}
			if got.Valid != tt.valid || len(got.Problems) != tt.problems {
				t.Errorf("valid %v problems %+v", got.Valid, got.Problems)
			}
			if tt.valid && (len(got.Checks) == 0 || got.Name != "ERIKSSON<<ANNA<MARIA") {
				t.Errorf("checks %+v name %q", got.Checks, got.Name)
			}
		})
	}
}

func TestMRZCommandReferenceDate(t *testing.T) {
	const td3 = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10\n"
	// A birth date is the latest matching day not after the reference day, so one day
	// before 1974-08-12 the specimen's 740812 can only be 1874-08-12.
	_, out, _ := runMRZCommand(t, td3, "--at", "1974-08-11")
	if !strings.Contains(out, `"date":"1874-08-12"`) {
		t.Errorf("birth date not resolved against --at: %s", out)
	}
}

func TestMRZCommandUsage(t *testing.T) {
	for _, args := range [][]string{{"--at", "12/04/2010"}, {"extra"}, {"--nope"}} {
		if code, _, _ := runMRZCommand(t, "", args...); code != 64 {
			t.Errorf("args %v: exit %d, want 64", args, code)
		}
	}
}
