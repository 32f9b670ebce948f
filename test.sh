#!/usr/bin/env bash
# Runs every test of Trappen: Go (SQLite always; PostgreSQL when reachable),
# the front-end build check and the browser tests in Debian's Chromium.
# CI=true makes every optional part mandatory: nothing may be skipped.
set -euo pipefail
cd "$(dirname "$0")"
trap 'echo "total wall time: ${SECONDS}s"' EXIT

if [[ -z "${TRAPPEN_TEST_DATABASE_URL:-}" ]] && command -v pg_isready >/dev/null && pg_isready -q -h 127.0.0.1 -p 5432; then
  export TRAPPEN_TEST_DATABASE_URL="postgres://postgres@127.0.0.1:5432/test?sslmode=disable"
fi
if [[ ! -d pwa/node_modules ]] && command -v npm >/dev/null; then
  (cd pwa && npm ci --no-audit --no-fund --loglevel=error)
fi

echo "== gofmt, go vet"
unformatted=$(gofmt -l $(git ls-files '*.go' 2>/dev/null || find . -name '*.go' -not -path './pwa/node_modules/*'))
if [[ -n "$unformatted" ]]; then echo "gofmt would change: $unformatted"; exit 1; fi
go vet ./...

if [[ -n "${TRAPPEN_TEST_DATABASE_URL:-}" ]]; then pg=yes; else pg="no (SQLite only)"; fi
echo "== front-end unit tests (node --test)"
if command -v node >/dev/null; then
  (cd pwa && node --test test/)
elif [[ -n "${CI:-}" ]]; then
  echo "CI: node is needed for the front-end tests"; exit 1
else
  echo "node not found: front-end unit tests skipped"
fi

# Packages run side by side (-p) and so do the tests inside each (-parallel;
# every test has its own database, port and clock). Most tests wait on a
# database rather than on the CPU, so more tests than cores keeps both
# cores busy; the browser tests hold at most two Chromiums themselves.
# TRAPPEN_TEST_PARALLEL overrides the number, e.g. 1 to run one at a time.
cores=$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 2)
parallel=${TRAPPEN_TEST_PARALLEL:-$((cores * 2))}
echo "== go test (PostgreSQL: $pg; -p $cores -parallel $parallel)"
log=$(mktemp)
set +e
go test -count=1 -v -timeout 25m -p "$cores" -parallel "$parallel" ./... >"$log" 2>&1
status=$?
set -e
grep -E '^(ok|FAIL|---|panic|\?)|^\s+--- FAIL|_test.go:[0-9]+:' "$log" | grep -v -- '--- PASS' | grep -v -E '^\s*--- SKIP' | tail -n 200 || true
skips=$(grep -E -- '--- SKIP' "$log" || true)
passed=$(grep -cE -- '^\s*--- PASS' "$log" || true)
failed=$(grep -cE -- '^\s*--- FAIL' "$log" || true)
skipped=$(grep -cE -- '^\s*--- SKIP' "$log" || true)
rm -f "$log"
if [[ -n "$skips" ]]; then
  echo "skipped tests:"; echo "$skips" | head -20
  if [[ -n "${CI:-}" ]]; then echo "CI: no test may be skipped"; exit 1; fi
fi
echo "$passed passed, $failed failed, $skipped skipped"
exit $status
