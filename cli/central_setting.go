package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"

	"onecard/central"
	"onecard/insurance"
	"onecard/residence"
)

// insuranceAgreementsSetting names the bilateral social-security agreement list central
// publishes; the kiosk's insurance screens read it under this name.
const insuranceAgreementsSetting = "insurance_agreements"

// maxSettingSize bounds a setting document: the policy and the agreement list are a
// few kilobytes, and every branch stores and pulls what is published.
const maxSettingSize = 1 << 20

// settingCheckers validate the settings whose readers are known, with the reader the
// terminals use, so that central never publishes a document they would refuse.
func settingCheckers() map[string]func([]byte) error {
	return map[string]func([]byte) error{
		residence.PolicySetting: func(b []byte) error {
			_, err := residence.LoadPolicy(bytes.NewReader(b))
			return err
		},
		insuranceAgreementsSetting: func(b []byte) error {
			_, err := insurance.ParseAgreements(b)
			return err
		},
	}
}

// runCentralSetting publishes a setting document to every branch:
// onecard central setting --data DIR|--postgres DSN NAME FILE (- for stdin).
func runCentralSetting(ctx context.Context, env Env, args []string) error {
	fs := newFlags(env, "central setting")
	cf := addCentralFlags(fs)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 2 || fs.Arg(0) == "" {
		return fmt.Errorf("%w: onecard central setting --data DIR|--postgres DSN NAME FILE (- for stdin)", errUsage)
	}
	name := fs.Arg(0)
	db, err := cf.open(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	doc, err := readSetting(env, fs.Arg(1))
	if err != nil {
		return err
	}
	if check, ok := settingCheckers()[name]; ok {
		err = check(doc)
	} else if !json.Valid(doc) {
		err = fmt.Errorf("not a JSON document")
	}
	if err != nil {
		return &ExitError{Code: 1, Err: fmt.Errorf("setting %s not published: %w", name, err)}
	}
	if err := db.Update(ctx, func(t *central.Tx) error {
		return t.PutSetting(ctx, name, json.RawMessage(doc))
	}); err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "setting %s published (%d bytes)\n", name, len(doc))
	return nil
}

func readSetting(env Env, path string) ([]byte, error) {
	in := env.Stdin
	if path != "-" {
		f, err := os.Open(path)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		in = f
	}
	doc, err := io.ReadAll(io.LimitReader(in, maxSettingSize+1))
	if err != nil {
		return nil, err
	}
	if len(doc) > maxSettingSize {
		return nil, &ExitError{Code: 1, Err: fmt.Errorf("setting document over %d bytes", maxSettingSize)}
	}
	return doc, nil
}
