package central

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
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
	}
	rows, err := db.query(ctx, `SELECT ekey, person_id, due FROM changes
WHERE due IS NOT NULL AND due >= ? AND due <= ? AND kind = ? AND op = 'upsert' ORDER BY due`,
		today.String(), today.AddDays(reminderDays[0].days).String(), sync.KindPermit)
	if err != nil {
		return 0, err
	}
	var list []due
	for rows.Next() {
		var d due
		var until string
		if err := rows.Scan(&d.number, &d.personID, &until); err != nil {
			rows.Close()
			return 0, err
		}
		if d.until, err = domain.ParseDate(until); err != nil {
			rows.Close()
			return 0, err
		}
		list = append(list, d)
	}
	if err := errors.Join(rows.Err(), rows.Close()); err != nil {
		return 0, err
	}
	made := 0
	const batch = 1000
	for lo := 0; lo < len(list); lo += batch {
		err := db.Update(ctx, func(t *Tx) error {
			for _, d := range list[lo:min(lo+batch, len(list))] {
				for _, r := range reminderDays {
					left := today.DaysUntil(d.until)
					if left > r.days {
						continue
					}
					ok, err := t.remind(ctx, d.number, d.personID, d.until, left, r.kind, now)
					if err != nil {
						return err
					}
					if ok {
						made++
					}
				}
			}
			return nil
		})
		if err != nil {
			return made, fmt.Errorf("expiry reminders: %w", err)
		}
	}
	return made, nil
}

func (t *Tx) remind(ctx context.Context, number string, personID int64, until domain.Date, left int, kind string, now time.Time) (bool, error) {
	id := fmt.Sprintf("%s-%s-%s", kind, number, until)
	var one int
	err := t.queryRow(ctx, `SELECT 1 FROM changes WHERE kind = ? AND ekey = ?`, sync.KindNotification, id).Scan(&one)
	if err == nil {
		return false, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return false, err
	}
	n := domain.Notification{ID: id, PersonID: personID, Kind: kind, CreatedAt: now.UTC(),
		TextZH: fmt.Sprintf("您的工作许可 %s 将于 %s 到期(剩余 %d 天),请及时办理延期。", number, until, left),
		TextEN: fmt.Sprintf("Your work permit %s ends on %s (%d days left); please apply for an extension.", number, until, left)}
	return true, t.PutNotification(ctx, n)
}
