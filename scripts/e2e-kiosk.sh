#!/usr/bin/env bash
# End-to-end run of the kiosk in a real terminal (tmux): build, start `onecard demo`,
# sign in with a demo login, search a demo permit number and a name, open a record,
# lock, unlock, and leave with a supervisor's PIN. Every step checks the screen text;
# any failure exits non-zero. Needs tmux (apt-get install -y tmux).
set -euo pipefail

cd "$(dirname "$0")/.."
command -v tmux >/dev/null || { echo "e2e-kiosk: tmux is not installed" >&2; exit 2; }

work=$(mktemp -d)
session="onecard-e2e-$$"
cleanup() {
	tmux kill-session -t "$session" 2>/dev/null || true
	rm -rf "$work"
}
trap cleanup EXIT

go build -tags "${TAGS:-sqlite_fts5}" -o "$work/onecard" .

screen() { tmux capture-pane -p -t "$session"; }

# expect TEXT: wait up to 15 s for TEXT on screen, else print the screen and fail.
expect() {
	local i
	for i in $(seq 1 150); do
		if screen | grep -qF -- "$1"; then
			echo "ok: $1"
			return 0
		fi
		sleep 0.1
	done
	echo "e2e-kiosk: expected on screen: $1" >&2
	screen >&2
	exit 1
}

# absent TEXT: fail if TEXT is on screen now.
absent() {
	if screen | grep -qF -- "$1"; then
		echo "e2e-kiosk: not expected on screen: $1" >&2
		screen >&2
		exit 1
	fi
	echo "ok: not shown: $1"
}

keys() { tmux send-keys -t "$session" "$@"; }
typed() { tmux send-keys -t "$session" -l "$1"; }

data="$work/demo"
tmux new-session -d -s "$session" -x 100 -y 30 \
	"$work/onecard demo --data $data --persons 3000 2> $work/stderr; echo EXITED \$?; sleep 60"

# The demo starts in Chinese, lists the demo logins and, once its first round with the
# in-process central is done, says it is online.
expect "工作人员登录"
expect "C1001  135790"
expect "在线"
keys F2
expect "Staff sign-in"
expect "online"

# A wrong PIN first: refused, with the tries left.
typed C1001; keys Tab; typed 111333; keys Enter
expect "4 tries left"
typed 135790; keys Enter
expect "Welcome, 王芳 Wang Fang (counter)"
expect "C1001 counter"

# Search a demo permit number: it searches as soon as the 18th character is typed.
permit=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["permits"]["valid"][0])' "$data/demo.json")
keys Enter
expect "permit no. / SSN / passport / PR ID / name"
typed "$permit"
expect "results: 1 (as permit number"
expect "$permit"

# Search a name: surname typed without diacritics. Esc clears the field; wait for it,
# since an Esc followed at once by a letter reaches the program as Alt+letter.
keys Escape
expect "permit no. / SSN / passport / PR ID / name"
typed "muller"
expect "Müller"
expect "(as name)"

# Open the first result: the record with masked identifiers.
keys Down Enter
expect "Work permit"
expect "Physical card"
expect "19**-**-"

# Lock: the record disappears behind the lock dialog.
keys C-l
expect "Locked"
absent "Work permit"
typed 135790; keys Enter
expect "Work permit"

# Leaving needs a supervisor: a counter PIN is refused, the supervisor's quits.
keys C-c
expect "Leave the kiosk"
typed C1001; keys Tab; typed 135790; keys Enter
expect "This needs a supervisor."
keys BTab BSpace BSpace BSpace BSpace BSpace; typed S3001; keys Tab; typed 975310; keys Enter
expect "EXITED"
expect "EXITED 0"
# Back on the normal screen: the demo printed its logins before the kiosk started.
expect "S3001    975310   supervisor"

# The session left its trail, and the chain is intact.
"$work/onecard" audit verify --data "$data"
echo "e2e-kiosk: pass"
