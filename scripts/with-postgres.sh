#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster on a Unix socket and 127.0.0.1, runs the given command with
# INTELGRAPH_TEST_POSTGRES naming it, then stops the cluster and deletes it, whatever the command's result.
#   bash scripts/with-postgres.sh dotnet test IntelGraph.slnx
# Installs Debian's postgresql package first when it is missing and this runs as root.
set -euo pipefail

if [ $# -eq 0 ]; then
    echo "usage: scripts/with-postgres.sh COMMAND [ARGS...]" >&2
    exit 2
fi

bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)"
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
    if [ "$(id -u)" -eq 0 ]; then
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >/dev/null
        bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
    else
        echo "PostgreSQL is not installed: run 'sudo apt-get install postgresql' (Debian) and try again." >&2
        exit 1
    fi
fi

# PostgreSQL refuses to run as root, so as root the cluster belongs to the postgres user.
as_owner=()
if [ "$(id -u)" -eq 0 ]; then
    as_owner=(runuser -u postgres --)
fi

cluster="$(mktemp -d /tmp/intelgraph-pg.XXXXXX)"
chmod 755 "$cluster"
[ ${#as_owner[@]} -eq 0 ] || chown postgres "$cluster"
port="${INTELGRAPH_TEST_POSTGRES_PORT:-55432}"
while (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done

stop_cluster() {
    "${as_owner[@]}" "$bin/pg_ctl" -D "$cluster/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$cluster"
}
trap stop_cluster EXIT

"${as_owner[@]}" "$bin/initdb" -D "$cluster/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$cluster/initdb.log" 2>&1 \
    || { cat "$cluster/initdb.log" >&2; exit 1; }

# The cluster is thrown away after the run, so durability settings that only protect against power loss are off.
"${as_owner[@]}" "$bin/pg_ctl" -D "$cluster/data" -l "$cluster/server.log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $cluster -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
    start >/dev/null || { cat "$cluster/server.log" >&2; exit 1; }

export INTELGRAPH_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres"
export INTELGRAPH_PG_BIN="$bin"
status=0
"$@" || status=$?
exit $status
