#!/usr/bin/env bash
# obslab's benchmark report: builds obslab and the Benchmarks package in release, installs wrk (and valgrind for
# --callgrind) when missing, and prints one report where every figure stands beside its peer (the bare Hummingbird
# server of Benchmarks/, moto_server, swift-crypto's AES-GCM on one core), all measured in the same run, with the ratio
# and each target of issue 12 marked PASS or MISS. The load is wrk over loopback with presigned SigV4 URLs.
#
#   Scripts/bench.sh [--quick] [--only s3,list,large,sync,labeling] [--work DIR]   the report (--quick: small sizes, minutes)
#   Scripts/bench.sh --callgrind                                               instructions per request, repeatable
#
# OBSLAB_BUILD_PATH (default .build) is the build folder of both packages' release builds.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if ! command -v swift >/dev/null 2>&1 && [[ -x /opt/swift/usr/bin/swift ]]; then
    export PATH="/opt/swift/usr/bin:$PATH"
fi
for dir in "$HOME/.pyenv/bin" "$HOME/.pyenv/shims"; do
    [[ -d $dir && ":$PATH:" != *":$dir:"* ]] && PATH="$dir:$PATH"
done
export PATH

packages=(wrk curl)
[[ " $* " == *" --callgrind "* ]] && packages+=(valgrind)
missing=()
for package in "${packages[@]}"; do
    dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if ((${#missing[@]})); then
    echo "bench: installing ${missing[*]}"
    sudo=()
    [[ $(id -u) -eq 0 ]] || sudo=(sudo)
    "${sudo[@]}" apt-get update -q
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
Scripts/setup.sh >/dev/null  # boto3, requests and moto[server], as for the tests

build="${OBSLAB_BUILD_PATH:-.build}"
echo "bench: building obslab and Benchmarks/ in release (the first time takes about 15 minutes on 2 cores)"
swift build -c release --scratch-path "$build" --product obslab
swift build -c release --package-path Benchmarks --scratch-path "$PWD/$build/benchmarks"
exec python3 Benchmarks/bench.py --obslab "$PWD/$build/release/obslab" --tools "$PWD/$build/benchmarks/release" "$@"
