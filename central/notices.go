package central

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"onecard/domain"
	"onecard/sync"
)

// Notification kinds central creates for holders.
const (
	NoticeExpiry90     = "expiry_90"
	NoticeExpiry30     = "expiry_30"
	NoticeVerification = "verification"
)

func verificationNotice(v domain.ResidenceVerification) domain.Notification {
	n := domain.Notification{ID: "verification-" + v.Ref, PersonID: v.PersonID, Kind: NoticeVerification, CreatedAt: v.DecidedAt.UTC()}
	switch v.Decision {
	case domain.DecisionEligible:
		n.TextZH = fmt.Sprintf("您的居留许可核验(%s)结果:符合条件。", v.Ref)
		n.TextEN = fmt.Sprintf("Your residence permit check (%s): eligible.", v.Ref)
	case domain.DecisionNotEligible:
		n.TextZH = fmt.Sprintf("您的居留许可核验(%s)结果:不符合条件。", v.Ref)
		n.TextEN = fmt.Sprintf("Your residence permit check (%s): not eligible.", v.Ref)
	default:
		n.TextZH = fmt.Sprintf("您的居留许可核验(%s)需进一步审查。", v.Ref)
		n.TextEN = fmt.Sprintf("Your residence permit check (%s) was referred for review.", v.Ref)
	}
	return n
}

// reminderDays are the days before a permit ends when its holder is reminded.
var reminderDays = []struct {
	days int
	kind string
}{{90, NoticeExpiry90}, {30, NoticeExpiry30}}

// Remind creates the expiry reminders due on today: a holder whose valid permit ends
// within 90 (and again within 30) days gets one notice per permit end date. It can run
// any number of times a day, on any number of instances: a reminder's id names its
// permit, end date and threshold, and an existing reminder is left alone. It returns
// how many reminders it created.
func (db *DB) Remind(ctx context.Context, today domain.Date, now time.Time) (int, error) {
	type due struct {
		number   string
		personID int64
		until    domain.Date
		scope    string // the holder's region; "": not found by the join, looked up as before
	}
	// The holder's region comes with each permit (one join instead of a lookup per
	// reminder); a permit whose holder the join does not find is left to personScope,
	// which reports it as before. "c.kind || ''" keeps SQLite, which has no statistics,
	// from reading every permit through changes_entity's kind prefix: it walks the due
	// range of changes_due instead (in order, so without a sort), a tenth of the rows.
	rows, err := db.query(ctx, `SELECT c.ekey, c.person_id, c.due, p.scope FROM changes c
LEFT JOIN changes p ON p.kind = ? AND p.ekey = CAST(c.person_id AS TEXT) AND p.op = 'upsert'
WHERE c.due IS NOT NULL AND c.due >= ? AND c.due <= ? AND c.kind || '' = ? AND c.op = 'upsert' ORDER BY c.due`,
		sync.KindPerson, today.String(), today.AddDays(reminderDays[0].days).String(), sync.KindPermit)
	if err != nil {
		return 0, err
	}
	var list []due
	for rows.Next() {
		var d due
		var until string
		var scope sql.NullString
		if err := rows.Scan(&d.number, &d.personID, &until, &scope); err != nil {
			rows.Close()
			return 0, err
		}
		if d.until, err = domain.ParseDate(until); err != nil {
			rows.Close()
			return 0, err
		}
		d.scope = scope.String
		list = append(list, d)
	}
	if err := errors.Join(rows.Err(), rows.Close()); err != nil {
		return 0, err
	}
	made := 0
	const batch = 1000
	for lo := 0; lo < len(list); lo += batch {
		err := db.Update(ctx, func(t *Tx) error {
			type reminder struct {
				d due
				expiryReminder
			}
			var todo []reminder
			for _, d := range list[lo:min(lo+batch, len(list))] {
				for _, r := range dueReminders(d.number, d.until, today) {
					todo = append(todo, reminder{d, r})
				}
			}
			ids := make([]string, len(todo))
			for i, r := range todo {
				ids[i] = r.id
			}
			// Which reminders exist is read in this write transaction, in one statement
			// per batch, so a concurrent run's reminders count as they did one by one.
			exist, err := t.existing(ctx, sync.KindNotification, ids)
			if err != nil {
				return err
			}
			for _, r := range todo {
				if exist[r.id] {
					continue
				}
				exist[r.id] = true // a permit listed twice is reminded once
				if err := t.putReminder(ctx, r.d.number, r.d.personID, r.d.scope, r.d.until, r.expiryReminder, now); err != nil {
					return err
				}
				made++
			}
			return nil
		})
		if err != nil {
			return made, fmt.Errorf("expiry reminders: %w", err)
		}
	}
	return made, nil
}

// expiryReminder is one reminder a permit is due: its kind, id and days left.
type expiryReminder struct {
	kind, id string
	left     int
}

// dueReminders lists the reminders due on today for a valid permit that ends on until:
// none once it has ended, one for each threshold it is within.
func dueReminders(number string, until, today domain.Date) []expiryReminder {
	var due []expiryReminder
	left := today.DaysUntil(until)
	if left < 0 {
		return nil
	}
	for _, r := range reminderDays {
		if left <= r.days {
			due = append(due, expiryReminder{kind: r.kind, id: reminderID(r.kind, number, until), left: left})
		}
	}
	return due
}

func reminderID(kind, number string, until domain.Date) string {
	return kind + "-" + number + "-" + until.String()
}

// existing returns which of keys have a row of kind in the change log, in any scope
// and either op.
func (t *Tx) existing(ctx context.Context, kind string, keys []string) (map[string]bool, error) {
	found := make(map[string]bool, len(keys))
	const chunk = 500 // bound parameters per statement stay far below both backends' limits
	for lo := 0; lo < len(keys); lo += chunk {
		part := keys[lo:min(lo+chunk, len(keys))]
		args := make([]any, 0, len(part)+1)
		args = append(args, kind)
		for _, k := range part {
			args = append(args, k)
		}
		rows, err := t.query(ctx, `SELECT ekey FROM changes WHERE kind = ? AND ekey IN (?`+strings.Repeat(", ?", len(part)-1)+`)`, args...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var k string
			if err := rows.Scan(&k); err != nil {
				rows.Close()
				return nil, err
			}
			found[k] = true
		}
		if err := errors.Join(rows.Err(), rows.Close()); err != nil {
			return nil, err
		}
	}
	return found, nil
}

// putReminder records a reminder that existing has just found absent in this
// transaction: no scope holds it, so there is nothing to relocate (put's absent).
func (t *Tx) putReminder(ctx context.Context, number string, personID int64, scope string, until domain.Date, r expiryReminder, now time.Time) error {
	e := reminderEntity(number, personID, scope, until, r, now)
	if scope == "" || personID <= 0 {
		return t.PutNotification(ctx, e.doc.(domain.Notification)) // the checks and lookups of any other put
	}
	return t.put(ctx, e)
}

// reminderEntity is an expiry reminder for a permit's holder, known to be absent (see
// entity.absent).
func reminderEntity(number string, personID int64, scope string, until domain.Date, r expiryReminder, now time.Time) entity {
	n := domain.Notification{ID: r.id, PersonID: personID, Kind: r.kind, CreatedAt: now.UTC(),
		TextZH: fmt.Sprintf("您的工作许可 %s 将于 %s 到期(剩余 %d 天),请及时办理延期。", number, until, r.left),
		TextEN: fmt.Sprintf("Your work permit %s ends on %s (%d days left); please apply for an extension.", number, until, r.left)}
	return entity{kind: sync.KindNotification, key: r.id, scope: scope, personID: personID, doc: n, absent: true}
}
