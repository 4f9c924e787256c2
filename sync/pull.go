package sync

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"

	"onecard/store"
)

// page is one complete pull page, decoded.
type page struct {
	records []record
	end     PageEnd
	err     error
}

// Pull applies every page central has for this terminal, each page with its cursor in
// one store transaction, and returns how many records it applied. The next page is
// fetched and decoded while the current one is written, so the network, JSON decoding
// and SQLite overlap; memory holds at most three pages.
func (c *Client) Pull(ctx context.Context) (int, error) {
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
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	pages := make(chan page, 1)
	go func() {
		defer close(pages)
		for {
			p := c.fetchPage(ctx, cursor)
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
	applied := 0
	for p := range pages {
		if p.err != nil {
			return applied, p.err
		}
		err := c.st.Update(ctx, func(w *store.Writer) error {
			a := applier{w: w, root: c.root, bundleVersion: installed, now: c.opt.Clock()}
			for _, r := range p.records {
				if err := a.apply(ctx, r); err != nil {
					return err
				}
			}
			installed = a.bundleVersion
			return a.finish(ctx, p.end, c.opt.Clock())
		})
		if err != nil {
			return applied, fmt.Errorf("apply page after %d: %w", p.end.Cursor, err)
		}
		applied += len(p.records)
	}
	return applied, ctx.Err()
}

func (c *Client) installedBundle(ctx context.Context) (uint64, error) {
	b, err := c.st.TrustBundle(ctx)
	if errors.Is(err, store.ErrNotFound) {
		return 0, nil
	}
	return b.Version, err
}

// fetchPage reads one page; a page without its end line is an error and is dropped.
func (c *Client) fetchPage(ctx context.Context, cursor int64) page {
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
	return decodePage(resp.Body, c.opt.PageSize)
}

// line is a pull line: a Change or, with End set, the PageEnd.
type line struct {
	Change
	PageEnd
}

// decodePage reads the JSON lines of one page incrementally.
func decodePage(r io.Reader, size int) page {
	d := json.NewDecoder(r)
	p := page{records: make([]record, 0, size)}
	for {
		var l line
		err := d.Decode(&l)
		if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			return page{err: ErrIncompletePage}
		}
		if err != nil {
			return page{err: fmt.Errorf("pull: %w", err)}
		}
		if l.End {
			p.end = l.PageEnd
			return p
		}
		rec, err := decodeChange(l.Change)
		if err != nil {
			return page{err: err}
		}
		p.records = append(p.records, rec)
	}
}
