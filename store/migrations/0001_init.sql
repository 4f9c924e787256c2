-- onecard kiosk store, schema version 1.
-- Dates are TEXT YYYY-MM-DD; instants are INTEGER Unix milliseconds (UTC).

CREATE TABLE persons (
	id              INTEGER PRIMARY KEY,
	surname         TEXT NOT NULL,
	given_names     TEXT NOT NULL,
	chinese_name    TEXT NOT NULL DEFAULT '',
	nationality     TEXT NOT NULL,
	sex             TEXT NOT NULL,
	birth_date      TEXT NOT NULL,
	passport_number TEXT NOT NULL,
	passport_expiry TEXT NOT NULL,
	pr_id           TEXT,
	region          TEXT NOT NULL,
	name_tokens     TEXT NOT NULL, -- identity.SearchTokens of all names, space-separated
	updated_at      INTEGER NOT NULL
);
CREATE INDEX persons_passport ON persons(passport_number, nationality);
CREATE UNIQUE INDEX persons_pr_id ON persons(pr_id) WHERE pr_id IS NOT NULL;

-- Name search over persons.name_tokens; rowid is persons.id. Triggers keep it in step
-- inside SQLite, so a bulk load pays one statement per person.
CREATE VIRTUAL TABLE person_names USING fts5(
	tokens, content='', contentless_delete=1,
	tokenize='unicode61 remove_diacritics 2', prefix='2 3'
);
CREATE TRIGGER persons_names_insert AFTER INSERT ON persons
BEGIN INSERT INTO person_names (rowid, tokens) VALUES (new.id, new.name_tokens); END;
CREATE TRIGGER persons_names_update AFTER UPDATE OF name_tokens ON persons
BEGIN
	DELETE FROM person_names WHERE rowid = old.id;
	INSERT INTO person_names (rowid, tokens) VALUES (new.id, new.name_tokens);
END;
CREATE TRIGGER persons_names_delete AFTER DELETE ON persons
BEGIN DELETE FROM person_names WHERE rowid = old.id; END;

CREATE TABLE permits (
	number        TEXT PRIMARY KEY,
	person_id     INTEGER NOT NULL,
	category      TEXT NOT NULL,
	track         TEXT NOT NULL,
	employer_name TEXT NOT NULL,
	employer_uscc TEXT NOT NULL,
	position      TEXT NOT NULL,
	region        TEXT NOT NULL,
	valid_from    TEXT NOT NULL,
	valid_until   TEXT NOT NULL,
	status        TEXT NOT NULL,
	form          TEXT NOT NULL,
	updated_at    INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX permits_person ON permits(person_id);

CREATE TABLE essc (
	person_id        INTEGER PRIMARY KEY,
	permit_number    TEXT NOT NULL DEFAULT '',
	ssn              TEXT,
	registered_at    INTEGER,
	real_name        TEXT NOT NULL,
	authenticated_at INTEGER,
	updated_at       INTEGER NOT NULL
);
CREATE UNIQUE INDEX essc_ssn ON essc(ssn) WHERE ssn IS NOT NULL;

CREATE TABLE insurance_registrations (
	id            TEXT PRIMARY KEY,
	person_id     INTEGER NOT NULL,
	permit_number TEXT NOT NULL,
	registrant    TEXT NOT NULL,
	employer_uscc TEXT NOT NULL DEFAULT '',
	registered_on TEXT NOT NULL,
	late          INTEGER NOT NULL DEFAULT 0,
	exempt        TEXT NOT NULL DEFAULT '[]',
	branch        TEXT NOT NULL DEFAULT '',
	status        TEXT NOT NULL,
	reason        TEXT NOT NULL DEFAULT '',
	updated_at    INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX insurance_person ON insurance_registrations(person_id);

CREATE TABLE cards (
	person_id     INTEGER PRIMARY KEY,
	ssn           TEXT NOT NULL,
	state         TEXT NOT NULL,
	bank_branch   TEXT NOT NULL DEFAULT '',
	photo_receipt TEXT NOT NULL DEFAULT '',
	applied_on    TEXT,
	updated_at    INTEGER NOT NULL
);

CREATE TABLE residence_verifications (
	ref           TEXT PRIMARY KEY,
	person_id     INTEGER NOT NULL,
	permit_number TEXT NOT NULL,
	decision      TEXT NOT NULL,
	valid_until   TEXT,
	rules         BLOB,
	staff_id      TEXT NOT NULL,
	branch        TEXT NOT NULL,
	decided_at    INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX residence_person ON residence_verifications(person_id);

CREATE TABLE notifications (
	id         TEXT PRIMARY KEY,
	person_id  INTEGER NOT NULL,
	kind       TEXT NOT NULL,
	text_zh    TEXT NOT NULL,
	text_en    TEXT NOT NULL,
	created_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX notifications_person ON notifications(person_id);

CREATE TABLE staff (
	id            TEXT PRIMARY KEY,
	name          TEXT NOT NULL,
	role          TEXT NOT NULL,
	branch        TEXT NOT NULL DEFAULT '',
	pin_hash      TEXT NOT NULL,
	active        INTEGER NOT NULL DEFAULT 1,
	failed_logins INTEGER NOT NULL DEFAULT 0,
	locked_until  INTEGER,
	updated_at    INTEGER NOT NULL
) WITHOUT ROWID;

-- The audit trail is append-only: each entry's hash covers the one before it.
CREATE TABLE audit_log (
	seq       INTEGER PRIMARY KEY,
	at        INTEGER NOT NULL,
	terminal  TEXT NOT NULL,
	staff_id  TEXT NOT NULL,
	event     TEXT NOT NULL,
	subject   TEXT NOT NULL,
	outcome   TEXT NOT NULL,
	detail    TEXT NOT NULL DEFAULT '',
	prev_hash TEXT NOT NULL,
	hash      TEXT NOT NULL
);
CREATE INDEX audit_event ON audit_log(event, at);
CREATE INDEX audit_staff ON audit_log(staff_id, at);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;

-- The newest entry's seq and hash, kept apart from the log (and sent to central) so that
-- cutting off the newest entries is noticed.
CREATE TABLE audit_head (
	id   INTEGER PRIMARY KEY CHECK (id = 1),
	seq  INTEGER NOT NULL,
	hash TEXT NOT NULL
);

CREATE TABLE outbox (
	seq        INTEGER PRIMARY KEY AUTOINCREMENT,
	kind       TEXT NOT NULL,
	payload    BLOB NOT NULL,
	created_at INTEGER NOT NULL,
	state      TEXT NOT NULL DEFAULT 'pending',
	reason     TEXT NOT NULL DEFAULT '',
	acked_at   INTEGER
);
CREATE INDEX outbox_state ON outbox(state, seq);

CREATE TABLE sync_state (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
) WITHOUT ROWID;

-- The installed QR trust bundle (issuer keys and revocations), exactly as central signed
-- it; replaced whole in one transaction, so a bad or partial bundle never displaces a good one.
CREATE TABLE trust_bundle (
	id           INTEGER PRIMARY KEY CHECK (id = 1),
	version      INTEGER NOT NULL,
	issued_at    INTEGER NOT NULL,
	installed_at INTEGER NOT NULL,
	raw          BLOB NOT NULL
);

-- e-SSC dynamic-code nonces already seen, to flag replays across restarts.
CREATE TABLE seen_nonces (
	credential_id TEXT NOT NULL,
	nonce         BLOB NOT NULL,
	code_time     INTEGER NOT NULL,
	PRIMARY KEY (credential_id, nonce)
) WITHOUT ROWID;
CREATE INDEX seen_nonces_time ON seen_nonces(code_time);
