#!/usr/bin/env bash
# Mutation testing with gremlins (github.com/go-gremlins/gremlins v0.6.0): mutants are put into each
# package's code one at a time and the package's own tests are run against each. A package passes
# when its tests kill at least 85% of the mutants they cover (efficacy) and cover at least 85% of the
# mutants (mutant coverage).
#   scripts/mutate.sh                        # analysis/
#   scripts/mutate.sh analysis ingest        # several packages, each with its own tests
#   EFFICACY=90 MCOVER=90 WORKERS=2 scripts/mutate.sh
# gremlins is installed with go install when it is not on PATH. The JSON results are written to
# mutate-<package>.json in $OUT (default: a temporary folder), never into the work tree.
set -euo pipefail
cd "$(dirname "$0")/.."
version=v0.6.0
gremlins=$(command -v gremlins || true)
if [ -z "$gremlins" ]; then
  go install "github.com/go-gremlins/gremlins/cmd/gremlins@${version}"
  gremlins="$(go env GOPATH)/bin/gremlins"
fi
out=${OUT:-$(mktemp -d)}
status=0
pkgs=("$@")
if [ ${#pkgs[@]} -eq 0 ]; then
  pkgs=(analysis)
fi
for pkg in "${pkgs[@]}"; do
  pkg=${pkg#./}
  pkg=${pkg%/}
  echo "== gremlins ${version} on ${pkg}/ (efficacy ≥ ${EFFICACY:-85}%, mutant coverage ≥ ${MCOVER:-85}%)"
  if ! "$gremlins" unleash "./${pkg}" \
    --threshold-efficacy "${EFFICACY:-85}" --threshold-mcover "${MCOVER:-85}" \
    --workers "${WORKERS:-1}" --timeout-coefficient "${TIMEOUT_COEFFICIENT:-10}" \
    --output "${out}/mutate-${pkg//\//-}.json"; then
    status=1
  fi
done
echo "results: ${out}"
exit $status
