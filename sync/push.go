package sync

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"

	"onecard/domain"
	"onecard/store"
)

// Push sends the outbox to central in batches and records each answer; a rejected
// event is acknowledged as rejected and never sent again. It returns how many events
// central answered.
func (c *Client) Push(ctx context.Context) (int, error) {
	answered := 0
	for {
		evs, err := c.st.PendingEvents(ctx, c.opt.PushBatch)
		if err != nil {
			return answered, err
		}
		if len(evs) == 0 {
			return answered, nil
		}
		req := PushRequest{Events: make([]Event, len(evs))}
		for i, e := range evs {
			req.Events[i] = Event{Seq: e.Seq, Kind: e.Kind, Payload: e.Payload, CreatedAt: e.CreatedAt}
		}
		resp, err := c.pushBatch(ctx, req)
		if err != nil {
			return answered, err
		}
		if len(resp.Answers) != len(evs) {
			return answered, fmt.Errorf("push: %d answers for %d events", len(resp.Answers), len(evs))
		}
		now := c.opt.Clock()
		sent := make(map[int64]domain.OutboxEvent, len(evs))
		for _, e := range evs {
			sent[e.Seq] = e
		}
		err = c.st.Update(ctx, func(w *store.Writer) error {
			for _, a := range resp.Answers {
				state := domain.OutboxState(a.State)
				if err := w.Acknowledge(ctx, a.Seq, state, a.Reason, now); err != nil {
					return err
				}
				if state == domain.OutboxRejected {
					if err := recordRejection(ctx, w, sent[a.Seq], a.Reason, now); err != nil {
						return err
					}
				}
			}
			return nil
		})
		if err != nil {
			return answered, err
		}
		answered += len(evs)
	}
}

func (c *Client) pushBatch(ctx context.Context, body PushRequest) (PushResponse, error) {
	var out PushResponse
	b, err := json.Marshal(body)
	if err != nil {
		return out, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.base+PathEvents, bytes.NewReader(b))
	if err != nil {
		return out, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set(HeaderRegion, c.cfg.Region)
	resp, err := c.http.Do(req)
	if err != nil {
		return out, fmt.Errorf("push: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return out, answerError(resp)
	}
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		return out, fmt.Errorf("push answer: %w", err)
	}
	return out, nil
}
