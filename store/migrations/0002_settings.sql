-- Settings central distributes as data (the residence rules, the bilateral
-- social-security agreements, ...): one JSON document per name.
CREATE TABLE settings (
	name       TEXT PRIMARY KEY,
	doc        BLOB NOT NULL,
	updated_at INTEGER NOT NULL
) WITHOUT ROWID;
