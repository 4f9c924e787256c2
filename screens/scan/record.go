package scan

import (
	"context"
	"encoding/json"
	"fmt"

	"onecard/credential"
	"onecard/domain"
	"onecard/store"
	"onecard/sync"
)

// recordVerification writes the verification's audit entry and its event for central
// in one transaction: the trail and central both see every code presented, valid or not.
func recordVerification(ctx context.Context, st *store.Store, e domain.AuditEntry, res credential.Result) error {
	e.Subject = res.Permit
	e.Outcome = domain.OutcomeOK
	if res.Verdict != credential.Valid {
		e.Outcome = domain.OutcomeDenied
	}
	e.Detail = fmt.Sprintf("%s %s %s via %s", res.Kind, res.Verdict, res.Reason, e.Detail)
	ev := sync.EventScan{Permit: res.Permit, Kind: string(res.Kind), Verdict: string(res.Verdict),
		Reason: string(res.Reason), At: e.At, StaffID: e.StaffID}
	if res.Credential != nil {
		ev.CredentialID = res.Credential.ID
	}
	payload, err := json.Marshal(ev)
	if err != nil {
		return err
	}
	return st.Update(ctx, func(w *store.Writer) error {
		if _, err := w.Audit(ctx, e); err != nil {
			return err
		}
		_, err := w.Enqueue(ctx, sync.EventKindScan, payload, e.At)
		return err
	})
}
