#!/bin/sh
# qr-compare.sh: decode the ZXing blackbox QR corpus with onecard, zbarimg (zbar-tools)
# and ZXingReader (zxing-cpp-tools) in one run; print rate and time side by side.
# A tool that is not installed is reported as such; onecard's figures always print.
# Usage: scripts/qr-compare.sh [CORPUS_DIR]
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
corpus=${1:-${ONECARD_QR_CORPUS:-$root/../shared/qr/zxing-blackbox}}
[ -d "$corpus" ] || { echo "corpus not found: $corpus" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

(cd "$root" && go build -tags "${TAGS:-sqlite_fts5}" -o "$tmp/onecard" .)

# images with a label, one path per line
for f in "$corpus"/qrcode-*/*.png "$corpus"/qrcode-*/*.jpg; do
	[ -f "$f" ] && [ -f "${f%.*}.txt" ] && echo "$f"
done >"$tmp/list"
total=$(wc -l <"$tmp/list")

now() { date +%s.%N; }

# run NAME CMD...: CMD IMAGE prints the payloads of IMAGE, one per line; a hit is a
# run of output lines equal to the label exactly (labels may span lines).
run() {
	name=$1; shift
	if ! command -v "$1" >/dev/null 2>&1 && [ ! -x "$1" ] && [ "$1" != zxing_text ]; then
		printf '%-12s not installed\n' "$name"
		return
	fi
	ok=0; start=$(now)
	while IFS= read -r img; do
		"$@" "$img" >"$tmp/out" 2>/dev/null || true
		if python3 - "$tmp/out" "${img%.*}.txt" <<'PY'
import sys
out = open(sys.argv[1], 'rb').read().decode('utf-8', 'replace')
want = open(sys.argv[2], 'rb').read().decode('utf-8', 'replace')
# a decoder prints each payload followed by a newline; accept any line-run equal to want
lines = out.split('\n')
n = want.count('\n') + 1
hit = out.rstrip('\n') == want or any('\n'.join(lines[i:i + n]) == want for i in range(len(lines)))
sys.exit(0 if hit else 1)
PY
		then ok=$((ok + 1)); fi
	done <"$tmp/list"
	end=$(now)
	awk -v n="$name" -v ok="$ok" -v t="$total" -v s="$start" -v e="$end" \
		'BEGIN { printf "%-12s %3d/%d  %5.1f %%  %6.2f s  (%.1f ms/image)\n", n, ok, t, 100*ok/t, e-s, 1000*(e-s)/t }'
}

# zxing_text IMAGE prints the Text fields of ZXingReader's report, one per code.
zxing_text() {
	ZXingReader -format QRCode "$1" | python3 -c '
import re, sys
for t in re.findall(r"^Text:\s+\"(.*?)\"\n(?=\S)", sys.stdin.read(), re.S | re.M):
    print(t)'
}

echo "corpus: $corpus ($total labelled images)"
run onecard "$tmp/onecard" scan --image
run zbarimg zbarimg --quiet --raw -Sdisable -Sqrcode.enable
if command -v ZXingReader >/dev/null 2>&1; then
	run ZXingReader zxing_text
else
	printf '%-12s not installed\n' ZXingReader
fi
