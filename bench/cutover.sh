#!/usr/bin/env bash
# Measures a whole cutover under load on loopback. Two `intelgraph serve` processes run over SQLite stores
# with pilot-ics migrated in, behind the edge. Two readers and one writer send requests through the edge
# while `intelgraph cutover run` moves the traffic from blue to green. The script runs the cutover test
# that checks nothing is lost, and prints what it measured: the write freeze, each step's duration, read
# and write counts, and read p99 before the freeze and around the switch.
# Usage: bench/cutover.sh [RUNS] (default 3). Needs ../shared/datasets/pilot-ics beside the repository.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
runs="${1:-3}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

dotnet build "$root/tests/IntelGraph.Cli.Tests" -c Release -v q >/dev/null

for run in $(seq 1 "$runs"); do
    INTELGRAPH_CUTOVER_FIGURES="$work/figures-$run.json" dotnet test "$root/tests/IntelGraph.Cli.Tests" -c Release --no-build \
        --filter "FullyQualifiedName~CutoverRunTests.Cutover_under_load_loses_nothing" >/dev/null
    python3 - "$work/figures-$run.json" "$run" <<'PY'
import json, sys
figures = json.load(open(sys.argv[1]))
steps = ", ".join(f"{name} {seconds:.3f}" for name, seconds in figures["steps"].items())
print(f"run {sys.argv[2]}: write freeze {figures['freezeSeconds']:.3f} s; "
      f"reads {figures['reads']} ({figures['failedReads']} failed); "
      f"writes {figures['writes']} ({figures['acknowledgedWrites']} acknowledged, {figures['refusedWrites']} refused with 503); "
      f"read p99 {figures['readP99BeforeMs']:.1f} ms before the freeze, {figures['readP99AroundSwitchMs']:.1f} ms around the switch "
      f"({figures['readsAroundSwitch']} reads)")
print(f"  steps (s): {steps}")
PY
done
