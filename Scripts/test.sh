#!/usr/bin/env bash
# The test command: installs what is missing, builds obslab, checks the import graph (Scripts/check-architecture.sh), runs
# the Swift unit tests, then the end-to-end suite (boto3 and the aws CLI against the freshly built server). Extra arguments
# go to pytest, e.g.
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

step "swift test"
swift test || status=1

step "end-to-end tests (Tests/EndToEnd)"
OBSLAB_BIN="${OBSLAB_BIN:-$PWD/.build/debug/obslab}" python3 -m pytest Tests/EndToEnd -q -rfE "$@" || status=1

if ((status)); then
    step "FAILED"
else
    step "all tests passed"
fi
exit "$status"
