-- The physical social security card's history as central recorded it (insurance.CardEvent),
-- one row per application or state change, so the counter shows it offline.
CREATE TABLE card_events (
	id         TEXT PRIMARY KEY,
	person_id  INTEGER NOT NULL,
	ref        TEXT NOT NULL,
	action     TEXT NOT NULL,
	from_state TEXT NOT NULL DEFAULT '',
	to_state   TEXT NOT NULL,
	at         INTEGER NOT NULL,
	branch     TEXT NOT NULL DEFAULT '',
	staff_id   TEXT NOT NULL DEFAULT ''
) WITHOUT ROWID;
CREATE INDEX card_events_person ON card_events(person_id, at);

-- A person leaving this branch (or removed by central) takes the card history along,
-- like every other linked record DeletePerson removes.
CREATE TRIGGER card_events_person_delete AFTER DELETE ON persons
BEGIN DELETE FROM card_events WHERE person_id = old.id; END;
