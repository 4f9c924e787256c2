package central

import "strings"

// schema is central's database, written once for both dialects; {{...}} tokens are the
// few type names that differ (see dialect).
//
// changes is a compacted change log that is also the entity store: one row per
// (kind, key, scope) holding the entity's latest change. An upsert row carries the
// entity's current JSON document; a delete row (a tombstone) tells the scope it left
// to drop it. Every write takes the next value of counters.changes as its seq, so a
// branch pulls "seq > cursor" in its scopes and never misses a change.
const schema = `
CREATE TABLE IF NOT EXISTS settings (
	name  TEXT PRIMARY KEY,
	value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS counters (
	name TEXT PRIMARY KEY,
	n    BIGINT NOT NULL
);
INSERT INTO counters (name, n) VALUES ('changes', 0) ON CONFLICT (name) DO NOTHING;
CREATE TABLE IF NOT EXISTS changes (
	seq       {{seqpk}},
	scope     TEXT NOT NULL,
	kind      TEXT NOT NULL,
	ekey      TEXT NOT NULL,
	op        TEXT NOT NULL,
	person_id BIGINT,
	due       TEXT,
	doc       TEXT
);
CREATE UNIQUE INDEX IF NOT EXISTS changes_entity ON changes (kind, ekey, scope);
CREATE INDEX IF NOT EXISTS changes_person ON changes (person_id) WHERE person_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS changes_due ON changes (due) WHERE due IS NOT NULL;
CREATE TABLE IF NOT EXISTS terminals (
	id           TEXT PRIMARY KEY,
	branch       TEXT NOT NULL,
	region       TEXT NOT NULL,
	cert_serial  TEXT NOT NULL,
	enrolled_at  BIGINT NOT NULL,
	revoked_at   BIGINT,
	last_seen_at BIGINT,
	cursor       BIGINT NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS enroll_codes (
	id          TEXT PRIMARY KEY,
	secret_hash TEXT NOT NULL,
	branch      TEXT NOT NULL,
	region      TEXT NOT NULL,
	created_at  BIGINT NOT NULL,
	expires_at  BIGINT NOT NULL,
	used_at     BIGINT,
	terminal_id TEXT
);
CREATE TABLE IF NOT EXISTS events (
	terminal_id TEXT NOT NULL,
	seq         BIGINT NOT NULL,
	kind        TEXT NOT NULL,
	payload     {{blob}} NOT NULL,
	created_at  BIGINT NOT NULL,
	received_at BIGINT NOT NULL,
	state       TEXT NOT NULL,
	reason      TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (terminal_id, seq)
);
CREATE TABLE IF NOT EXISTS audit_entries (
	terminal_id TEXT NOT NULL,
	seq         BIGINT NOT NULL,
	prev_hash   TEXT NOT NULL,
	hash        TEXT NOT NULL,
	doc         TEXT NOT NULL,
	PRIMARY KEY (terminal_id, seq)
);
CREATE TABLE IF NOT EXISTS audit_heads (
	terminal_id TEXT PRIMARY KEY,
	seq         BIGINT NOT NULL,
	hash        TEXT NOT NULL,
	at          BIGINT NOT NULL
);
CREATE TABLE IF NOT EXISTS issuer_keys (
	id         TEXT PRIMARY KEY,
	private    TEXT NOT NULL,
	created_at BIGINT NOT NULL
);
CREATE TABLE IF NOT EXISTS revocations (
	kind TEXT NOT NULL,
	id   TEXT NOT NULL,
	at   BIGINT NOT NULL,
	PRIMARY KEY (kind, id)
);
`

// statements splits the schema for drivers that take one statement per Exec.
func (d dialect) statements() []string {
	s := strings.NewReplacer("{{seqpk}}", d.seqPK, "{{blob}}", d.blob).Replace(schema)
	var out []string
	for _, st := range strings.Split(s, ";") {
		if strings.TrimSpace(st) != "" {
			out = append(out, st)
		}
	}
	return out
}
