#!/usr/bin/env bash
# Measures the store's share of the migration's claim path: bench/StoreBench appends the claims of a generated
# export (default 100,000) and inserts their manifest leaves on one thread, with nothing read, digested or signed
# while it is timed. It runs once per variant of the claims table's indexes, each in a fresh process and a scratch
# database, and prints one JSON line per variant.
# Usage: bench/store.sh [CLAIMS]       Set BENCH_WORK to keep the files in a known folder.
# With BENCH_POSTGRES set to a server's connection string (or to 1 for $INTELGRAPH_TEST_POSTGRES, as
# scripts/with-postgres.sh sets it), each variant gets a new database on that server instead of an SQLite file.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
claims="${1:-100000}"
work="${BENCH_WORK:-$(mktemp -d)}"
mkdir -p "$work"

"$root/intelgraph" --help >/dev/null   # builds the CLI once, outside the measurements
dotnet build "$root/bench/StoreBench" -c Release --nologo -v quiet -clp:ErrorsOnly >&2

rm -rf "$work/export-$claims"
"$root/intelgraph" sample --out "$work/export-$claims" --claims "$claims" --deltas 0 --clean --seed 1 >/dev/null

for variant in full without-edge-index unique-id-only; do
    store="$work/store-$variant.db"
    rm -f "$store"*
    if [ -n "${BENCH_POSTGRES:-}" ]; then
        server="$BENCH_POSTGRES"
        [ "$server" = 1 ] && server="$INTELGRAPH_TEST_POSTGRES"
        name="store_${claims}_$$_${variant//-/_}"
        psql "$(echo "$server" | sed 's/Host=/host=/; s/;Port=/ port=/; s/;Username=/ user=/') dbname=postgres" -q -c "CREATE DATABASE $name;"
        store="$server;Database=$name"
    fi

    dotnet run --project "$root/bench/StoreBench" -c Release --no-build -- "$work/export-$claims/claims.json" "$store" "$variant"
    rm -f "$work/store-$variant.db"*
done
rm -rf "$work/export-$claims"
