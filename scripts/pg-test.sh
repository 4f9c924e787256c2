#!/usr/bin/env bash
# Throwaway PostgreSQL cluster for onecard's central tests.
#
#   eval "$(scripts/pg-test.sh)"   # start (or reuse) the cluster; prints
#                                  #   export ONECARD_TEST_POSTGRES=postgres://...
#   go test -tags sqlite_fts5 ./central/... ./sync/...
#   scripts/pg-test.sh stop        # stop it and delete its files
#
# The cluster lives in $ONECARD_PG_DIR (default /tmp/onecard-pg-test), listens on a
# free loopback port, trusts local connections and runs with fsync off: test data only.
# initdb refuses to run as root, so as root the server runs as the postgres user.
set -euo pipefail

BASE=${ONECARD_PG_DIR:-/tmp/onecard-pg-test}
DATA=$BASE/data

pgbin() {
	local d
	d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
	if [[ -z "$d" && $(id -u) -eq 0 ]]; then
		echo "pg-test: installing postgresql" >&2
		DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql >&2
		d=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
	fi
	[[ -n "$d" ]] || { echo "pg-test: PostgreSQL not found" >&2; exit 1; }
	echo "$d"
}

# as_pg runs a command as the cluster's owner.
as_pg() {
	if [[ $(id -u) -eq 0 ]]; then
		runuser -u postgres -- "$@"
	else
		"$@"
	fi
}

free_port() {
	local p
	for p in $(seq 55432 55632); do
		if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
			echo "$p"
			return
		fi
	done
	echo "pg-test: no free port" >&2
	exit 1
}

dsn() { echo "export ONECARD_TEST_POSTGRES=postgres://postgres@127.0.0.1:$(cat "$BASE/port")/postgres?sslmode=disable"; }

BIN=$(pgbin)

if [[ "${1:-start}" == "stop" ]]; then
	if [[ -f "$DATA/PG_VERSION" ]]; then
		as_pg "$BIN/pg_ctl" -D "$DATA" -m fast -w stop >&2 || true
	fi
	rm -rf "$BASE"
	exit 0
fi

if [[ -f "$BASE/port" ]] && as_pg "$BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; then
	dsn
	exit 0
fi

rm -rf "$BASE"
mkdir -p "$BASE"
if [[ $(id -u) -eq 0 ]]; then
	chown postgres "$BASE"
fi
as_pg "$BIN/initdb" -D "$DATA" -U postgres --auth=trust -E UTF8 --no-sync >"$BASE/initdb.log" 2>&1 ||
	{ cat "$BASE/initdb.log" >&2; exit 1; }
PORT=$(free_port)
as_pg "$BIN/pg_ctl" -D "$DATA" -l "$BASE/server.log" -w -o \
	"-p $PORT -k $BASE -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
	start >&2 || { cat "$BASE/server.log" >&2; exit 1; }
echo "$PORT" >"$BASE/port"
dsn
