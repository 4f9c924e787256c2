#!/usr/bin/env bash
# The whole test run, on a fresh machine too: installs what is missing (tmux for the
# terminal end-to-end run, PostgreSQL for central's second store, poppler and a CJK font
# for the PDF slips), starts a throwaway PostgreSQL cluster, vets, runs every test once
# plainly and once under the race detector, runs the end-to-end kiosk session in tmux,
# and stops the cluster whatever happens.
set -euo pipefail
cd "$(dirname "$0")/.."
GO=${GO:-go}
TAGS=${TAGS:-sqlite_fts5}

need=()
command -v tmux >/dev/null || need+=(tmux)
command -v pdftotext >/dev/null || need+=(poppler-utils)
[ -f /usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf ] || need+=(fonts-droid-fallback)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
if [ ${#need[@]} -gt 0 ]; then
	echo "installing: ${need[*]}"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq && apt-get install -y -qq "${need[@]}" >/dev/null
fi

eval "$(scripts/pg-test.sh start)"
trap 'scripts/pg-test.sh stop >/dev/null 2>&1 || true' EXIT

"$GO" vet -tags "$TAGS" ./...
"$GO" test -tags "$TAGS" -count=1 ./...
"$GO" test -race -tags "$TAGS" -count=1 ./...
scripts/e2e-kiosk.sh
