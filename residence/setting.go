package residence

import "bytes"

// PolicySetting is the name of the synced setting that carries the policy central
// publishes (`onecard central setting NAME FILE`); a terminal keeps it in its store.
const PolicySetting = "residence_policy"

// PolicyFromSetting returns the policy a terminal should apply given the setting
// document it holds: the built-in default when central never sent one (doc is empty),
// the document's policy when it is valid, and the default together with the error when
// it is not, so that a bad update can never stop the counter deciding.
func PolicyFromSetting(doc []byte) (Policy, error) {
	if len(bytes.TrimSpace(doc)) == 0 {
		return DefaultPolicy(), nil
	}
	p, err := LoadPolicy(bytes.NewReader(doc))
	if err != nil {
		return DefaultPolicy(), err
	}
	return p, nil
}
