#!/usr/bin/env bash
# Installs what the tests need (Debian packages, Azurite and the web app's npm packages) and runs
# every suite: the C# style check, .NET tests, web unit tests, the web lint and browser end-to-end
# tests. Ends with one line "N passed, N failed" and exits non-zero on any failure.
set -uo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
results="$root/test-results"
rm -rf "$results" && mkdir -p "$results"
cd "$root"

passed=0
failed=0
status=0

log() { printf '\n== %s\n' "$*"; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else "$@"; fi
}

install_system_packages() {
  local missing=()
  command -v redis-server >/dev/null || missing+=(redis-server)
  if [ -f web/package.json ] && ! command -v chromium >/dev/null; then missing+=(chromium); fi
  if [ ${#missing[@]} -gt 0 ]; then
    log "Installing ${missing[*]}"
    as_root apt-get update -qq && DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

# Adds the counters of every TRX file in a folder to the totals.
count_trx() {
  local file p f
  for file in "$1"/*.trx; do
    [ -f "$file" ] || continue
    p=$(grep -o '<Counters [^>]*' "$file" | grep -o ' passed="[0-9]*"' | grep -o '[0-9]*')
    f=$(grep -o '<Counters [^>]*' "$file" | grep -o ' failed="[0-9]*"' | grep -o '[0-9]*')
    passed=$((passed + ${p:-0}))
    failed=$((failed + ${f:-0}))
  done
}

# Names every failed test in the TRX files of a folder, so the end of the output says which failed.
list_failed_trx() {
  local file
  for file in "$1"/*.trx; do
    [ -f "$file" ] || continue
    grep -o '<UnitTestResult [^>]*outcome="Failed"' "$file" | grep -o 'testName="[^"]*"' | sed 's/^testName="\(.*\)"$/  failed: \1/'
  done
}

# Adds a JSON report's counts (Vitest or Playwright) to the totals; a missing report is a failure.
count_json() {
  local report="$1" counts
  counts=$(node -e '
    const r = require(require("path").resolve(process.argv[1]));
    const s = r.stats;
    const p = s ? s.expected + (s.flaky || 0) : r.numPassedTests;
    const f = s ? s.unexpected : r.numFailedTests + (r.numRuntimeErrorTestSuites || 0);
    console.log(`${p} ${f}`);' "$report" 2>/dev/null)
  if [[ ! "$counts" =~ ^[0-9]+\ [0-9]+$ ]]; then
    echo "no readable test report at $report"
    failed=$((failed + 1))
    return
  fi
  passed=$((passed + ${counts% *}))
  failed=$((failed + ${counts#* }))
}

# Azurite, Microsoft's Azure Storage emulator, for the tests that run on Azure Storage.
install_azurite() {
  if [ ! -x tools/azurite/node_modules/.bin/azurite ]; then
    log "Installing Azurite (npm ci in tools/azurite)"
    (cd tools/azurite && npm ci --no-audit --no-fund >/dev/null)
  fi
}

install_system_packages
if ! install_azurite; then
  echo "npm ci in tools/azurite failed"
  echo "0 passed, 1 failed"
  exit 1
fi

log "Building (Release)"
if ! dotnet build LiveClass.sln -c Release -nologo -v q -clp:ErrorsOnly; then
  echo "build failed"
  echo "0 passed, 1 failed"
  exit 1
fi

log "C# code style (dotnet format, rules in .editorconfig)"
# Counts as one test: the C# code follows the conventions in .editorconfig.
if dotnet format LiveClass.sln --verify-no-changes --no-restore -v q; then
  passed=$((passed + 1))
else
  echo "run 'dotnet format LiveClass.sln' to apply the conventions"
  failed=$((failed + 1))
  status=1
fi

log ".NET tests"
for project in tests/*/*.csproj; do
  grep -q 'Include="xunit.v3"' "$project" || continue # shared test support, no tests of its own
  name=$(basename "$project" .csproj)
  dotnet test "$project" -c Release --no-build -nologo \
    --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=normal" \
    --results-directory "$results/dotnet" || status=1
  if [ ! -f "$results/dotnet/$name.trx" ]; then
    echo "$name produced no test results"
    failed=$((failed + 1))
  fi
done
count_trx "$results/dotnet"

if [ -f web/package.json ]; then
  log "Web unit tests"
  (cd web && npm ci --no-audit --no-fund >/dev/null && npm run test:unit) || status=1
  count_json web/test-results/unit.json

  log "Web lint (ESLint, Prettier)"
  # Counts as one test: the web code passes its lint rules and is formatted.
  if (cd web && npm run lint); then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
  fi

  log "Browser end-to-end tests"
  (cd web && CHROMIUM_PATH="$(command -v chromium)" npm run test:e2e) || status=1
  count_json web/test-results/e2e.json
fi

[ "$failed" -gt 0 ] && status=1
echo
list_failed_trx "$results/dotnet"
echo
echo "$passed passed, $failed failed"
exit $status
