-- Bulk loading (Writer.BeginBulkLoad): while a first sync fills an empty store, the name
-- index triggers and the non-unique secondary indexes are dropped and their definitions
-- kept here, exactly as sqlite_master had them; FinishBulkLoad fills the name index from
-- persons in one statement and replays them. A row here means a bulk load is under way.
CREATE TABLE bulk_load (
	name TEXT PRIMARY KEY,
	sql  TEXT NOT NULL
) WITHOUT ROWID;
