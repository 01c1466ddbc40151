#!/usr/bin/env bash
# Runs every fuzz target of the module for a set time each (default 60s):
#   scripts/fuzz.sh            # 60 s per target
#   FUZZTIME=10m scripts/fuzz.sh
# New crashers are written by go test under the package's testdata/fuzz/<Target>/; commit them so the
# plain `go test ./...` replays them.
set -euo pipefail
cd "$(dirname "$0")/.."
fuzztime=${FUZZTIME:-60s}
status=0
for pkg in $(go list ./...); do
  for target in $(go test -list '^Fuzz' "$pkg" 2>/dev/null | grep '^Fuzz' || true); do
    echo "== $pkg $target ($fuzztime)"
    if ! go test "$pkg" -run '^$' -fuzz "^${target}\$" -fuzztime "$fuzztime" -fuzzminimizetime 5s; then
      status=1
    fi
  done
done
exit $status
