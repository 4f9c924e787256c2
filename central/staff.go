package central

import (
	"context"
	"fmt"
	"time"

	"onecard/domain"
	"onecard/sync"
)

// DisableStaff deactivates a staff account everywhere: the change reaches the branch's
// terminals by sync, and a deactivated account cannot sign in.
func (db *DB) DisableStaff(ctx context.Context, id string, now time.Time) error {
	return db.Update(ctx, func(t *Tx) error {
		var s domain.Staff
		if _, err := t.get(ctx, sync.KindStaff, id, &s); err != nil {
			return fmt.Errorf("staff %s: %w", id, err)
		}
		s.Active, s.UpdatedAt = false, now
		return t.PutStaff(ctx, s)
	})
}
