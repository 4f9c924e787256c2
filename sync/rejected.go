package sync

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"onecard/domain"
	"onecard/store"
)

// recordRejection carries central's refusal into the local record the event was about,
// so the counter sees it where it looks: a registration recorded as pending turns
// rejected, with central's reason. Other kinds leave no local record to correct; their
// rejection shows on the sync-problems screen.
func recordRejection(ctx context.Context, w *store.Writer, ev domain.OutboxEvent, reason string, now time.Time) error {
	if ev.Kind != EventKindRegistration {
		return nil
	}
	var p EventRegistration
	if err := json.Unmarshal(ev.Payload, &p); err != nil {
		return fmt.Errorf("rejected event %d: %w", ev.Seq, err)
	}
	r := p.Registration
	r.Status, r.Reason, r.UpdatedAt = domain.RegistrationRejected, reason, now
	return w.PutRegistration(ctx, r)
}
