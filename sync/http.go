package sync

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
)

// RefusedError is central turning this terminal away (unenrolled, revoked, wrong
// region, a bad enrollment code): retrying will not help until an operator acts.
type RefusedError struct {
	Status int
	Problem
}

func (e *RefusedError) Error() string {
	return fmt.Sprintf("central refused (%s): %s", e.Code, e.Message)
}

// ErrIncompletePage means a pull page ended before its end line (a cut connection).
var ErrIncompletePage = errors.New("pull page ended early")

// answerError turns a non-2xx answer into an error: a RefusedError for 401/403.
func answerError(resp *http.Response) error {
	var p Problem
	b, _ := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
	if err := json.Unmarshal(b, &p); err != nil || p.Code == "" {
		p = Problem{Code: "http", Message: fmt.Sprintf("%s: %.200s", resp.Status, b)}
	}
	if resp.StatusCode == http.StatusUnauthorized || resp.StatusCode == http.StatusForbidden {
		return &RefusedError{Status: resp.StatusCode, Problem: p}
	}
	return fmt.Errorf("central answered %s: %s (%s)", resp.Status, p.Message, p.Code)
}
