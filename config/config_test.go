package config

import (
	"errors"
	"os"
	"strings"
	"testing"
)

func TestLoadRefusesWeakenedSafeguards(t *testing.T) {
	for name, doc := range map[string]string{
		"no idle lock":        `{"idle_lock":"0s"}`,
		"negative idle lock":  `{"idle_lock":"-5m"}`,
		"no lockout":          `{"lockout":{"max_failures":0,"duration":"15m"}}`,
		"lockout of a second": `{"lockout":{"max_failures":5,"duration":"1s"}}`,
		"three-digit PINs":    `{"pin_rules":{"min_length":3}}`,
		"max below min":       `{"pin_rules":{"min_length":6,"max_length":5}}`,
		"unknown language":    `{"language":"fr"}`,
		"stale bundles pass":  `{"max_bundle_age":"0s"}`,
		"negative skew":       `{"clock_skew":"-1s"}`,
	} {
		dir := t.TempDir()
		if err := os.WriteFile(File(dir), []byte(doc), 0o600); err != nil {
			t.Fatal(err)
		}
		_, err := Load(dir)
		if !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), File(dir)) {
			t.Errorf("%s: err = %v", name, err)
		}
	}
	dir := t.TempDir()
	if err := Save(dir, Default()); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(dir); err != nil {
		t.Fatalf("the defaults: %v", err)
	}
	if _, err := Load(t.TempDir()); !errors.Is(err, ErrNoConfig) {
		t.Fatalf("no config.json: %v", err)
	}
}
