#!/usr/bin/env bash
# Builds the solution and runs every test project twice: on the embedded SQLite store, then on a
# throwaway PostgreSQL cluster (scripts/with-postgres.sh), and prints one summary line of all results.
#   bash scripts/test.sh                 both stores
#   bash scripts/test.sh --store sqlite  only SQLite (no PostgreSQL needed)
#   bash scripts/test.sh --store postgres
set -euo pipefail
cd "$(dirname "$0")/.."

stores="sqlite postgres"
if [ "${1:-}" = "--store" ]; then
    case "${2:-}" in
        sqlite | postgres) stores="$2" ;;
        *) echo "usage: scripts/test.sh [--store sqlite|postgres]" >&2; exit 2 ;;
    esac
fi

results="$(mktemp -d)"
trap 'rm -rf "$results"' EXIT

dotnet build IntelGraph.slnx -c Release --nologo -v quiet -clp:ErrorsOnly

# Counts the test results in the TRX files of one folder as "passed failed skipped". Each result's own
# outcome is counted, because the summary counters of the TRX logger leave out skipped tests.
count() {
    local passed=0 failed=0 skipped=0
    for trx in "$1"/*.trx; do
        [ -f "$trx" ] || continue
        outcomes="$(grep -o '<UnitTestResult [^>]*' "$trx" | grep -o ' outcome="[A-Za-z]*"' || true)"
        passed=$((passed + $(echo "$outcomes" | grep -c '"Passed"' || true)))
        failed=$((failed + $(echo "$outcomes" | grep -cE '"(Failed|Error|Timeout|Aborted)"' || true)))
        skipped=$((skipped + $(echo "$outcomes" | grep -c '"NotExecuted"' || true)))
    done
    echo "$passed $failed $skipped"
}

status=0
total_passed=0
total_failed=0
total_skipped=0
for store in $stores; do
    echo "== Tests on $store =="
    test_command=(dotnet test IntelGraph.slnx -c Release --no-build --nologo --logger "trx" --results-directory "$results/$store")
    if [ "$store" = postgres ]; then
        bash scripts/with-postgres.sh "${test_command[@]}" || status=$?
    else
        "${test_command[@]}" || status=$?
    fi

    read -r passed failed skipped < <(count "$results/$store")
    echo "on $store: $passed passed, $failed failed, $skipped skipped"
    total_passed=$((total_passed + passed))
    total_failed=$((total_failed + failed))
    total_skipped=$((total_skipped + skipped))
done

echo "$total_passed passed, $total_failed failed, $total_skipped skipped"
exit $status
