#!/usr/bin/env bash
# NotifyContract's main command (README). A thin wrapper: builds the harness when a source changed since its last
# build, then
#   no arguments      -> the main job: the conformance run against the embedded reference stub (tests: dotnet test)
#   any arguments     -> the harness command line (--endpoint, --export-cases, --serve, --bench, ...)
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# Replay lines and the pointer to --help name this script (the installed tool names itself).
export NOTIFYCONTRACT_LAUNCHER=./run-tests.sh
# A 32 MB gen0 budget: the harness and the in-process stub allocate per request, and with the default budget on this
# 2-core machine --bench measured ~1,350 requests/s against ~2,100 with it. The runtime reads it from the environment only.
export DOTNET_GCgen0size="${DOTNET_GCgen0size:-0x2000000}"

harness=harness/bin/Release/net10.0/notify-contract.dll
# Touched as the last successful build began: a source newer than it changed since (an edit during that build too).
stamp=harness/bin/Release/net10.0/run-tests.stamp

# The harness's sources as git sees them (tracked or new, not ignored; tests, samples and docs are not among them) and
# the folders holding them (a removed file changes its folder). A file that no longer exists makes find fail: changed.
changed() {
  [ -f "$harness" ] && [ -f "$stamp" ] || return 0
  local sources
  sources=$(git ls-files -co --exclude-standard -- . ':!tests' ':!samples' ':!.ci' ':!docs' ':!*.md' 2>/dev/null) &&
    [ -n "$sources" ] || return 0 # not a git checkout: always build
  local newer
  newer=$({ echo "$sources"; sed -n 's|/[^/]*$||p' <<<"$sources" | sort -u; } |
    tr '\n' '\0' | xargs -0 sh -c 'find "$@" -maxdepth 0 -newer "$0" -print -quit' "$stamp" 2>/dev/null) || return 0
  [ -n "$newer" ]
}

if changed; then
  build_log=$(mktemp)
  trap 'rm -f "$build_log" "$stamp.new"' EXIT
  mkdir -p "$(dirname "$stamp")" && touch "$stamp.new"
  if ! dotnet build harness/NotifyContract.Harness.csproj -c Release -nologo -v q >"$build_log" 2>&1; then
    cat "$build_log" >&2
    echo "run-tests.sh: build failed" >&2
    exit 2
  fi
  mv "$stamp.new" "$stamp" # keeps the time the build began
  rm -f "$build_log"
fi

exec dotnet "$harness" "$@"
