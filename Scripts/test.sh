#!/usr/bin/env bash
# The test command: installs what is missing, builds obslab, checks the import graph (Scripts/check-architecture.sh) and
# the formatting (.swift-format), runs the Swift unit tests, then the end-to-end suite (boto3 and the aws CLI against the
# freshly built server), then every libFuzzer target for $FUZZ_SECONDS (default 5) seconds. The end-to-end files run in
# parallel (pytest-xdist, $E2E_WORKERS, default one per core). Extra arguments go to pytest, e.g.
#   Scripts/test.sh -k listing
# Exits non-zero if the build or any test fails; the unit tests and the end-to-end suite both run either way.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if ! command -v swift >/dev/null 2>&1 && [[ -x /opt/swift/usr/bin/swift ]]; then
    export PATH="/opt/swift/usr/bin:$PATH"
fi

for dir in "$HOME/.pyenv/bin" "$HOME/.pyenv/shims"; do  # the Python that setup.sh installs into
    [[ -d $dir && ":$PATH:" != *":$dir:"* ]] && PATH="$dir:$PATH"
done
export PATH

step() { printf '\n==> %s\n' "$*"; }

step "setup"
Scripts/setup.sh

step "swift build"
swift build

status=0
step "architecture (the import graph of Sources/)"
{ Scripts/check-architecture.sh && Scripts/check-architecture.sh --self-test >/dev/null; } || status=1

step "format (swift format lint --strict, the rules of .swift-format; fix with: swift format format -i -r Sources Tests Fuzz Benchmarks)"
swift format lint --strict -r Sources Tests Fuzz Benchmarks Package.swift || status=1

step "console assets (generated sources up to date, node --check on each script)"
Scripts/generate-console-assets.sh --check || status=1
for script in Sources/LabelingServer/Console/Assets/*.js; do node --check "$script" || status=1; done

step "swift test"
swift test || status=1

# One worker per core (E2E_WORKERS to change it), each with its own session servers; a file stays on one worker, in order.
step "end-to-end tests (Tests/EndToEnd), ${E2E_WORKERS:=$(nproc)} workers"
OBSLAB_BIN="${OBSLAB_BIN:-$PWD/.build/debug/obslab}" python3 -m pytest Tests/EndToEnd -q -rfE -n "$E2E_WORKERS" --dist loadfile "$@" \
    || status=1

step "fuzz targets, ${FUZZ_SECONDS:=5} s each (Scripts/fuzz.sh)"
Scripts/fuzz.sh all "$FUZZ_SECONDS" || status=1

if ((status)); then
    step "FAILED"
else
    step "all tests passed"
fi
exit "$status"
