#!/usr/bin/env bash
# The whole test run, on a fresh machine too: installs what is missing (tmux for the
# terminal end-to-end run, PostgreSQL for central's second store, poppler and a CJK
# font for the PDF slip), starts a throwaway
# PostgreSQL cluster, runs the tests, the race detector and the end-to-end run, and
# stops the cluster whatever happens.
set -euo pipefail
cd "$(dirname "$0")/.."
GO=${GO:-go}
TAGS=${TAGS:-sqlite_fts5}
RACE_PKGS=${RACE_PKGS:-./...}

need=()
command -v tmux >/dev/null || need+=(tmux)
command -v pdftotext >/dev/null || need+=(poppler-utils) # reads the PDF slip back in tests
[ -f /usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf ] || need+=(fonts-droid-fallback) # CJK glyphs for PDFs
[ -x /usr/lib/postgresql/15/bin/initdb ] || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
if [ ${#need[@]} -gt 0 ]; then
	echo "installing: ${need[*]}"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq && apt-get install -y -qq "${need[@]}" >/dev/null
fi

if [ -x scripts/pg-test.sh ]; then
	eval "$(scripts/pg-test.sh start)"
	trap 'scripts/pg-test.sh stop >/dev/null 2>&1 || true' EXIT
fi

"$GO" vet -tags "$TAGS" ./...
"$GO" test -tags "$TAGS" -count=1 ./...
# Only the listed packages that exist yet; a pattern that matches nothing is an error.
race=()
for p in $RACE_PKGS; do
	[ -d "${p%/...}" ] && race+=("$p")
done
if [ ${#race[@]} -gt 0 ]; then
	"$GO" test -race -tags "$TAGS" -count=1 "${race[@]}"
fi
if [ -x scripts/e2e-kiosk.sh ]; then
	scripts/e2e-kiosk.sh
fi
