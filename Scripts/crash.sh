#!/usr/bin/env bash
# Durability under SIGKILL, the long run: ROUNDS rounds (default 100) of concurrent writes of every kind against one data
# root (PUT in every encryption mode, multipart upload and completion, copy, versioned delete, bucket encryption
# changes, sync, label edits, sample deletion with source files, both remediations), each ended by SIGKILL at a random
# moment, then `obslab fsck` on the killed root, a restart that checks every acknowledged write (complete, readable, its
# checksum), a sync of every dataset against its bucket, a graceful stop and a clean `obslab fsck --deep`.
# The rounds are Tests/EndToEnd/crash_rounds.py; Tests/EndToEnd/test_crash.py runs a few in the end-to-end suite.
#
#   Scripts/crash.sh [ROUNDS] [--seed N] [--work DIR]     OBSLAB_BIN=path uses that binary instead of building one
#
# Exits 1 at the first lost or partial write, or fsck finding, keeping the data root and the server logs.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if ! command -v swift >/dev/null 2>&1 && [[ -x /opt/swift/usr/bin/swift ]]; then
    export PATH="/opt/swift/usr/bin:$PATH"
fi
for dir in "$HOME/.pyenv/bin" "$HOME/.pyenv/shims"; do
    [[ -d $dir && ":$PATH:" != *":$dir:"* ]] && PATH="$dir:$PATH"
done
export PATH

rounds=100
if [[ ${1:-} =~ ^[0-9]+$ ]]; then
    rounds=$1
    shift
fi
Scripts/setup.sh
if [[ -z ${OBSLAB_BIN:-} ]]; then
    swift build --product obslab
    OBSLAB_BIN="$PWD/.build/debug/obslab"
fi
export OBSLAB_BIN
exec python3 Tests/EndToEnd/crash_rounds.py --rounds "$rounds" "$@"
