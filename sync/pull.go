package sync

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"runtime/debug"
	"strconv"
	"strings"
	gosync "sync"
	"unsafe"

	"onecard/store"
)

// page is one complete pull page, decoded: its changes as steps, in order.
type page struct {
	steps []step
	n     int // changes
	end   PageEnd
	err   error
}

// step is one write of a page: a batch of population records (a run of upserts of
// the kinds store.Batch takes, decoded, validated and encoded beside the writer), or
// one other change.
type step struct {
	batch *store.Batch
	rec   record
}

// Pull applies every page central has for this terminal, each page with its cursor in
// one store transaction, and returns how many records it applied. The next page is
// fetched and decoded while the current one is written, so the network, JSON decoding
// and SQLite overlap; memory holds at most three pages.
func (c *Client) Pull(ctx context.Context) (applied int, err error) {
	cur, err := c.st.State(ctx, StateCursor)
	if err != nil {
		return 0, err
	}
	cursor := int64(0)
	if cur != "" {
		if cursor, err = strconv.ParseInt(cur, 10, 64); err != nil {
			return 0, fmt.Errorf("stored cursor %q: %w", cur, err)
		}
	}
	installed, err := c.installedBundle(ctx)
	if err != nil {
		return 0, err
	}
	// Read before the fetching goroutine starts moving cursor on.
	first := cursor == 0
	gcBack := func() {}
	if first {
		gcBack = lessGC()
		defer gcBack()
	}
	if first && c.opt.Alone {
		end, err := c.st.LoadAlone(ctx)
		if err != nil {
			return 0, err
		}
		defer func() { err = errors.Join(err, end(context.WithoutCancel(ctx))) }()
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	pages := make(chan page, 1)
	batches := make(batchPool, 4) // a page decoding, one waiting, one writing: a few batches each
	go func() {
		defer close(pages)
		for {
			p := c.fetchPage(ctx, cursor, batches)
			select {
			case pages <- p:
			case <-ctx.Done():
				return
			}
			if p.err != nil || !p.end.More {
				return
			}
			cursor = p.end.Cursor
		}
	}()
	for p := range pages {
		if p.err != nil {
			return applied, p.err
		}
		err := c.st.Update(ctx, func(w *store.Writer) error {
			// A first sync into an empty store loads in bulk: the store defers its name
			// index to the last page (store.Writer.BeginBulkLoad).
			// The switch commits with the first page, or not at all.
			if first {
				if _, err := w.BeginBulkLoad(ctx); err != nil {
					return err
				}
			}
			a := applier{w: w, root: c.root, bundleVersion: installed, now: c.opt.Clock()}
			if err := a.applyPage(ctx, p); err != nil {
				return err
			}
			installed = a.bundleVersion
			if !p.end.More {
				gcBack() // before the name index is filled, the decoded pages' memory goes back
				// Also completes a bulk load that an interrupted sync left unfinished.
				if err := w.FinishBulkLoad(ctx); err != nil {
					return err
				}
			}
			return a.finish(ctx, p.end, c.opt.Clock())
		})
		first = false
		if err != nil {
			return applied, fmt.Errorf("apply page after %d: %w", p.end.Cursor, err)
		}
		applied += p.n
		batches.put(p.steps)
	}
	return applied, ctx.Err()
}

// lessGC lets the garbage collector run less often while a first sync decodes a
// million persons' pages: collecting a heap of a few pages hundreds of times a minute
// was a tenth of the kiosk's CPU. The Go heap may grow to three times what is live,
// never past 40 MiB (debug.SetMemoryLimit), which keeps the kiosk inside its RSS budget
// (DESIGN.md s.8). The returned func restores both and gives the freed memory back to
// the system; calling it again does nothing.
func lessGC() (restore func()) {
	gc := debug.SetGCPercent(200)
	limit := debug.SetMemoryLimit(40 << 20)
	return gosync.OnceFunc(func() {
		debug.SetGCPercent(gc)
		debug.SetMemoryLimit(limit)
		debug.FreeOSMemory()
	})
}

func (c *Client) installedBundle(ctx context.Context) (uint64, error) {
	b, err := c.st.TrustBundle(ctx)
	if errors.Is(err, store.ErrNotFound) {
		return 0, nil
	}
	return b.Version, err
}

// fetchPage reads one page; a page without its end line is an error and is dropped.
func (c *Client) fetchPage(ctx context.Context, cursor int64, batches batchPool) page {
	q := url.Values{"cursor": {strconv.FormatInt(cursor, 10)}, "limit": {strconv.Itoa(c.opt.PageSize)}}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.base+PathChanges+"?"+q.Encode(), nil)
	if err != nil {
		return page{err: err}
	}
	req.Header.Set(HeaderRegion, c.cfg.Region)
	resp, err := c.http.Do(req)
	if err != nil {
		return page{err: fmt.Errorf("pull: %w", err)}
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return page{err: answerError(resp)}
	}
	p := decodePage(resp.Body, batches)
	// Read past the end line to the end of the body, so that the connection is kept
	// for the next page instead of a new TLS handshake for each one.
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	return p
}

// line is a pull line: a Change or, with End set, the PageEnd.
type line struct {
	Change
	PageEnd
}

// decodePage reads the JSON lines of one page incrementally, gathering runs of
// population records in batches from batches. Central writes one JSON object per line,
// so lines are split without a JSON scanner; each line is parsed once (parseChangeLine),
// not scanned by a json.Decoder and then decoded again, and in place: what is kept of a
// line past it is copied (see parseChangeLine). An error may still quote a line where it
// lies, which is safe because nothing reads into the buffer once decodePage returns.
func decodePage(r io.Reader, batches batchPool) page {
	br := bufio.NewReaderSize(r, 64<<10)
	var p page
	var batch *store.Batch // the run of population upserts being gathered
	var long []byte
	for {
		b, err := br.ReadSlice('\n')
		if errors.Is(err, bufio.ErrBufferFull) {
			// A line longer than the buffer (a trust bundle, a setting): gather it.
			long = append(long[:0], b...)
			for errors.Is(err, bufio.ErrBufferFull) {
				b, err = br.ReadSlice('\n')
				long = append(long, b...)
			}
			b = long
		}
		if len(bytes.TrimSpace(b)) == 0 {
			if err == nil {
				continue
			}
			return page{err: readError(err)}
		}
		// A last line without its newline is still a whole line if it parses.
		c, ok := parseChangeLine(b)
		if !ok {
			var l line
			if jerr := json.Unmarshal(b, &l); jerr != nil {
				if err != nil {
					return page{err: readError(err)} // a line cut short
				}
				return page{err: fmt.Errorf("pull: %w", jerr)}
			}
			if l.End {
				if batch != nil {
					p.steps = append(p.steps, step{batch: batch})
				}
				p.end = l.PageEnd
				return p
			}
			c = l.Change
		}
		var derr error
		if batched(c) {
			if batch == nil {
				batch = batches.get()
			}
			derr = addToBatch(batch, c)
			if derr != nil && c.docText != "" {
				// parseChangeLine takes the rest of the line as the document; a line with
				// members after it is not central's form, and encoding/json decides.
				var again line
				if json.Unmarshal(b, &again) == nil && batched(again.Change) {
					derr = addToBatch(batch, again.Change)
				}
			}
		} else {
			// Any other change ends the run: the batch is written before it.
			if batch != nil {
				p.steps = append(p.steps, step{batch: batch})
				batch = nil
			}
			var rec record
			rec, derr = decodeChange(c.detached())
			p.steps = append(p.steps, step{rec: rec})
		}
		if derr != nil {
			return page{err: derr}
		}
		p.n++
		if err != nil {
			return page{err: readError(err)}
		}
	}
}

// batchPool holds emptied batches of pages already written, for the pages still to be
// decoded: a page's batch grows to megabytes, and growing a new one for every page cost
// the decoding some 7 % of its time in copying and clearing memory (BenchmarkDecodePage).
// A nil pool gives new batches and keeps none.
type batchPool chan *store.Batch

func (bp batchPool) get() *store.Batch {
	select {
	case b := <-bp:
		return b
	default:
		return &store.Batch{}
	}
}

// put empties the batches of a written page's steps and keeps them while there is room.
func (bp batchPool) put(steps []step) {
	for _, s := range steps {
		if s.batch == nil {
			continue
		}
		s.batch.Reset()
		select {
		case bp <- s.batch:
		default:
		}
	}
}

// readError is a page's stream ending before its end line.
func readError(err error) error {
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return ErrIncompletePage
	}
	return fmt.Errorf("pull: %w", err)
}

// bulkKind reports whether kind's documents are decoded by the hand codec
// (UnmarshalDoc), which validates them, and taken by a store.Batch; a change of any
// other kind is parsed by encoding/json, so a malformed document fails the page as it
// always did. (A switch, not a map: it is asked twice for every pulled line.)
func bulkKind(kind string) bool {
	switch kind {
	case KindPerson, KindPermit, KindESSC, KindCard, KindRegistration, KindNotification:
		return true
	}
	return false
}

// detached is c with copies of its own of what parseChangeLine let it share with the
// read buffer, for a change kept past its line.
func (c Change) detached() Change {
	c.Kind, c.Key, c.Op = strings.Clone(c.Kind), strings.Clone(c.Key), strings.Clone(c.Op)
	c.Doc = bytes.Clone(c.Doc)
	c.docText = "" // only batched upserts use it
	return c
}

// parseChangeLine reads a change line in exactly the form central writes it,
// {"seq":N,"kind":"K","key":"K","op":"O","doc":{...}} (doc last, or absent), without
// escapes in kind, key and op; any other line is not ok and goes to encoding/json. The
// document is the rest of the line: if anything follows it, the hand codec refuses it
// and decodePage reads the line again with encoding/json.
//
// Kind, key, op, Doc and the document's text all share b's memory, which is the read
// buffer's and holds the next line soon after: the change is only good until then.
// A batched upsert is copied into its batch before the next line is read; any other
// change is detached first. Copying every line into a string of its own was a tenth of
// the decoding (BenchmarkDecodePage).
func parseChangeLine(b []byte) (Change, bool) {
	var c Change
	for len(b) > 0 && (b[len(b)-1] == '\n' || b[len(b)-1] == '\r' || b[len(b)-1] == ' ' || b[len(b)-1] == '\t') {
		b = b[:len(b)-1] // bytes.TrimRight, without building its cutset for every line
	}
	line := unsafe.String(unsafe.SliceData(b), len(b))
	rest, ok := strings.CutPrefix(line, `{"seq":`)
	if !ok {
		return c, false
	}
	n := 0
	for n < len(rest) && rest[n] >= '0' && rest[n] <= '9' {
		n++
	}
	seq, err := strconv.ParseInt(rest[:n], 10, 64)
	if n == 0 || err != nil {
		return c, false
	}
	c.Seq = seq
	rest = rest[n:]
	for _, f := range []struct {
		prefix string
		dst    *string
	}{{`,"kind":`, &c.Kind}, {`,"key":`, &c.Key}, {`,"op":`, &c.Op}} {
		if rest, ok = strings.CutPrefix(rest, f.prefix); !ok {
			return c, false
		}
		s, end, ok := scanString(rest, 0)
		if !ok {
			return c, false
		}
		*f.dst, rest = s, rest[end:]
	}
	if !bulkKind(c.Kind) && c.Op != OpDelete {
		return c, false
	}
	if rest == "}" {
		return c, true
	}
	if c.Op != OpUpsert {
		return c, false // only an upsert's document is checked (UnmarshalDoc); others go to encoding/json
	}
	doc, ok := strings.CutPrefix(rest, `,"doc":`)
	if !ok || len(doc) < 3 || doc[0] != '{' || doc[len(doc)-1] != '}' || doc[len(doc)-2] != '}' {
		return c, false
	}
	c.docText = doc[:len(doc)-1]
	c.Doc = b[len(line)-len(doc) : len(b)-1]
	return c, true
}
