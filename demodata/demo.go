package demodata

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"onecard/domain"
)

// Login is a demo staff login. The PINs are printed by `onecard demo` and shown on the
// login screen in demo mode only.
type Login struct {
	ID   string      `json:"id"`
	PIN  string      `json:"pin"`
	Role domain.Role `json:"role"`
	Name string      `json:"name"`
}

// Logins returns the demo staff, one per role.
func Logins() []Login {
	return []Login{
		{"C1001", "135790", domain.RoleCounter, "王芳 Wang Fang"},
		{"E2001", "246802", domain.RoleExitEntry, "李强 Li Qiang"},
		{"S3001", "975310", domain.RoleSupervisor, "张伟 Zhang Wei"},
		{"A4001", "864200", domain.RoleAuditor, "陈静 Chen Jing"},
	}
}

// Demo is DIR/demo.json: what a tester or trainer needs to drive the demo.
type Demo struct {
	Seed    uint64                   `json:"seed"`
	Today   domain.Date              `json:"today"`
	Persons int                      `json:"persons"`
	Staff   []Login                  `json:"staff"`
	Permits map[PermitState][]string `json:"permits"` // a few permit numbers per state
	Regions []string                 `json:"regions"`
}

// samplesPerState is how many permit numbers demo.json lists for each state.
const samplesPerState = 5

// Collect notes a holder's permit number if its state still needs samples.
func (d *Demo) Collect(h Holder) {
	if d.Permits == nil {
		d.Permits = map[PermitState][]string{}
	}
	if len(d.Permits[h.State]) < samplesPerState {
		d.Permits[h.State] = append(d.Permits[h.State], h.Permit.Number)
	}
}

// DemoFile is where demo.json lives in a data directory.
func DemoFile(dir string) string { return filepath.Join(dir, "demo.json") }

// Save writes demo.json.
func (d Demo) Save(dir string) error {
	b, err := json.MarshalIndent(d, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(DemoFile(dir), append(b, '\n'), 0o600)
}

// LoadDemo reads demo.json.
func LoadDemo(dir string) (Demo, error) {
	var d Demo
	b, err := os.ReadFile(DemoFile(dir))
	if err != nil {
		return d, err
	}
	if err := json.Unmarshal(b, &d); err != nil {
		return d, fmt.Errorf("%s: %w", DemoFile(dir), err)
	}
	return d, nil
}
