package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strconv"
	"time"

	"onecard/central"
	"onecard/config"
	"onecard/credential"
	"onecard/domain"
	"onecard/slip"
	"onecard/sync"
)

// qrPNGScale is the module size of a PNG code: large enough for a phone camera or a
// handheld scanner to read from a screen.
const qrPNGScale = 8

// runQR mints a demo code from central's issuer: `notice` the static Notification-Letter
// code, `essc` a dynamic e-SSC code from a simulated holder phone that has just refreshed.
// The payload goes to stdout alone (so it can be piped to `onecard verify -`); the code
// is drawn to stderr, or written to --png.
func runQR(ctx context.Context, env Env, args []string) error {
	if len(args) == 0 || (args[0] != "notice" && args[0] != "essc") {
		return fmt.Errorf("%w: onecard qr notice|essc --data DIR --permit NUMBER [--png FILE]", errUsage)
	}
	kind := args[0]
	fs := newFlags(env, "qr "+kind)
	dir := fs.String("data", "", "data directory holding central's store (central.db)")
	number := fs.String("permit", "", "work permit number")
	png := fs.String("png", "", "write the code as a PNG image to FILE instead of drawing it")
	if err := parseFlags(fs, args[1:]); err != nil {
		return err
	}
	if *dir == "" || *number == "" {
		return fmt.Errorf("%w: --data DIR and --permit NUMBER are required", errUsage)
	}
	if _, err := os.Stat(config.CentralDB(*dir)); err != nil {
		return fmt.Errorf("%s has no central store (central.db): seed it with `onecard seed` first", *dir)
	}
	db, err := central.OpenSQLite(ctx, config.CentralDB(*dir))
	if err != nil {
		return err
	}
	defer db.Close()
	payload, err := mintCode(ctx, db, kind, *number, time.Now())
	if err != nil {
		return err
	}
	fmt.Fprintln(env.Stdout, payload)
	code, err := credential.EncodeQR(payload)
	if err != nil {
		return err
	}
	if *png != "" {
		b, err := code.PNG(qrPNGScale)
		if err != nil {
			return err
		}
		return slip.Write(*png, b)
	}
	fmt.Fprint(env.Stderr, code.Text(false))
	return nil
}

// mintCode signs a code for the permit and its holder as central records them.
func mintCode(ctx context.Context, db *central.DB, kind, number string, now time.Time) (string, error) {
	var w domain.WorkPermit
	if _, err := db.Get(ctx, sync.KindPermit, number, &w); errors.Is(err, central.ErrNotFound) {
		return "", fmt.Errorf("permit %s: not known to central", number)
	} else if err != nil {
		return "", err
	}
	var p domain.Person
	if _, err := db.Get(ctx, sync.KindPerson, strconv.FormatInt(w.PersonID, 10), &p); err != nil {
		return "", fmt.Errorf("holder of permit %s: %w", number, err)
	}
	issuer, err := db.Issuer(ctx)
	if err != nil {
		return "", err
	}
	claims := credential.PermitOf(p, w)
	if kind == "notice" {
		return issuer.IssueNotice(claims, now)
	}
	phone, err := issuer.NewHolder(claims, now)
	if err != nil {
		return "", err
	}
	return phone.Code(now)
}
