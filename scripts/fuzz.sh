#!/usr/bin/env bash
# Runs every Fuzz target in the module for FUZZTIME each (go test -fuzz takes one at a time).
set -euo pipefail
cd "$(dirname "$0")/.."
GO=${GO:-go}
TAGS=${TAGS:-sqlite_fts5}
FUZZTIME=${FUZZTIME:-30s}
grep -rl --include='*_test.go' '^func Fuzz' . | while read -r file; do
	pkg=./$(dirname "${file#./}")
	grep -o '^func Fuzz[A-Za-z0-9_]*' "$file" | sed 's/^func //' | while read -r target; do
		echo "== $pkg $target"
		"$GO" test -tags "$TAGS" -run '^$' -fuzz "^${target}\$" -fuzztime "$FUZZTIME" "$pkg"
	done
done
