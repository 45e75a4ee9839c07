#!/usr/bin/env bash
# Builds the solution and runs every test project, then prints one summary line of all results.
set -euo pipefail
cd "$(dirname "$0")/.."

results="$(mktemp -d)"
trap 'rm -rf "$results"' EXIT

dotnet build IntelGraph.slnx -c Release --nologo -v quiet -clp:ErrorsOnly
status=0
dotnet test IntelGraph.slnx -c Release --no-build --nologo --logger "trx" --results-directory "$results" || status=$?

passed=0
failed=0
skipped=0
for trx in "$results"/*.trx; do
    [ -f "$trx" ] || continue
    counters="$(grep -o '<Counters [^>]*>' "$trx" | head -1)"
    value() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*' || echo 0; }
    passed=$((passed + $(value passed)))
    failed=$((failed + $(value failed) + $(value error) + $(value timeout)))
    skipped=$((skipped + $(value notExecuted)))
done
echo "$passed passed, $failed failed, $skipped skipped"
exit $status
