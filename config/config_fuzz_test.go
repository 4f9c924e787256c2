package config

import (
	"os"
	"reflect"
	"strings"
	"testing"
)

// FuzzLoad writes a fuzzed DIR/config.json and checks that Load either refuses it with
// an error naming the file, or returns a configuration that Save writes and Load reads
// back unchanged (so an operator's edit survives the terminal rewriting the file).
func FuzzLoad(f *testing.F) {
	f.Add([]byte(`{"terminal_id":"T-ABCDEFGHIJ","branch":"b1","region":"310000","central_url":"https://central.example:8443","language":"en","idle_lock":"10m","lockout":{"max_failures":3,"duration":"30m"},"scanners":{"serial":"/dev/ttyACM0","baud":115200}}`))
	f.Add([]byte(`{"idle_lock":"5 minutes"}`))
	f.Add([]byte(`{"pin_rules":{"min_length":4,"digits_only":false}}`))
	f.Add([]byte(`{}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		dir, out := t.TempDir(), t.TempDir()
		if err := os.WriteFile(File(dir), b, 0o600); err != nil {
			t.Fatal(err)
		}
		c, err := Load(dir)
		if err != nil {
			if !strings.Contains(err.Error(), File(dir)) {
				t.Fatalf("error %q does not name the file", err)
			}
			return
		}
		if err := Save(out, c); err != nil {
			t.Fatal(err)
		}
		again, err := Load(out)
		if err != nil || !reflect.DeepEqual(again, c) {
			t.Fatalf("%q loaded as %+v, saved and loaded again as %+v (%v)", b, c, again, err)
		}
	})
}
