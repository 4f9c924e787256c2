package central

import (
	"encoding/json"
	"testing"
)

func TestChangeKeysQuotedAsEncodingJSONDoes(t *testing.T) {
	for _, key := range []string{"", "310000W00000000A1B", "REG-310000-00000042", `a"b`, `back\slash`,
		"tab\t", "<script>", "é", "\x7f", "\xff", "u\u2028"} {
		want, _ := json.Marshal(key)
		if got := appendJSONString(nil, key); string(got) != string(want) {
			t.Errorf("key %q: %s, want %s", key, got, want)
		}
	}
}
