package central

import "testing"

// inOrder accepts a chunk only when its seqs climb from the cursor, and counts it.
func TestInOrder(t *testing.T) {
	ok := "{\"seq\":5,\"kind\":\"person\"}\n{\"seq\":9,\"kind\":\"permit\"}\n"
	if n, last, err := inOrder([]byte(ok), 4); n != 2 || last != 9 || err != nil {
		t.Fatalf("in order: %d lines, last %d, %v", n, last, err)
	}
	if n, last, err := inOrder(nil, 4); n != 0 || last != 4 || err != nil {
		t.Fatalf("empty: %d lines, last %d, %v", n, last, err)
	}
	for _, bad := range []struct {
		lines  string
		cursor int64
	}{
		{"{\"seq\":9,\"k\":1}\n{\"seq\":5,\"k\":1}\n", 0}, // backwards
		{"{\"seq\":5,\"k\":1}\n{\"seq\":5,\"k\":1}\n", 0}, // repeated
		{"{\"seq\":5,\"k\":1}\n", 5},                      // not after the cursor
		{"{\"seq\":5,\"k\":1}", 0},                        // no newline
		{"{\"kind\":\"person\"}\n", 0},                    // no seq first
		{"{\"seq\":x,\"k\":1}\n", 0},                      // not a number
	} {
		if n, last, err := inOrder([]byte(bad.lines), bad.cursor); err == nil {
			t.Errorf("%q after %d: accepted (%d lines, last %d)", bad.lines, bad.cursor, n, last)
		}
	}
}
