package store

import (
	"context"
	"fmt"
	"time"
)

// PutSetting stores a setting document central sent, in the writer's transaction.
func (w *Writer) PutSetting(ctx context.Context, name string, doc []byte, at time.Time) error {
	if _, err := w.exec(ctx, `INSERT INTO settings (name, doc, updated_at) VALUES (?, ?, ?)
		ON CONFLICT(name) DO UPDATE SET doc = excluded.doc, updated_at = excluded.updated_at`,
		name, doc, at.UnixMilli()); err != nil {
		return fmt.Errorf("put setting %s: %w", name, err)
	}
	return nil
}

// Setting returns a setting document, or ErrNotFound when central never sent one (the
// caller then uses the defaults built into this binary).
func (s *Store) Setting(ctx context.Context, name string) ([]byte, error) {
	var doc []byte
	err := s.reader.QueryRowContext(ctx, `SELECT doc FROM settings WHERE name = ?`, name).Scan(&doc)
	return doc, notFound(err, "setting "+name)
}
