package store

import (
	"context"
	"fmt"
)

// syncedTables maps the record kinds central sends (see package sync) to the kiosk
// table and key column a removal deletes from. Persons are not here: DeletePerson
// takes every linked record along.
var syncedTables = map[string][2]string{
	"permit":       {"permits", "number"},
	"essc":         {"essc", "person_id"},
	"card":         {"cards", "person_id"},
	"registration": {"insurance_registrations", "id"},
	"verification": {"residence_verifications", "ref"},
	"notification": {"notifications", "id"},
	"staff":        {"staff", "id"},
	"setting":      {"settings", "name"},
	"card_event":   {"card_events", "id"},
}

// DeleteSynced removes one record that central removed from this branch's scope (a
// staff account moved to another branch, a withdrawn permit, ...).
func (w *Writer) DeleteSynced(ctx context.Context, kind, key string) error {
	t, ok := syncedTables[kind]
	if !ok {
		return fmt.Errorf("delete %s %s: unknown record kind", kind, key)
	}
	// Table and column names come from the fixed map above, never from input.
	if _, err := w.exec(ctx, `DELETE FROM `+t[0]+` WHERE `+t[1]+` = ?`, key); err != nil {
		return fmt.Errorf("delete %s %s: %w", kind, key, err)
	}
	return nil
}
