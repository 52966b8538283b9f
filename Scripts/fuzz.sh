#!/usr/bin/env bash
# Runs obslab's libFuzzer targets (the Fuzz package) against their committed seed corpus.
#   Scripts/fuzz.sh TARGET SECONDS [libFuzzer options...]   one target, for SECONDS seconds
#   Scripts/fuzz.sh all SECONDS [libFuzzer options...]      every target, SECONDS each
#   Scripts/fuzz.sh list                                    the targets
# e.g. Scripts/fuzz.sh pascal-voc 60, or Scripts/fuzz.sh manifest 0 -runs=10000000 (0: no time limit).
# Builds with `-sanitize=fuzzer,address` in $FUZZ_SCRATCH (default .build-fuzz). New inputs go to a work corpus in
# $FUZZ_OUT (default /tmp/obslab-fuzz), never into Fuzz/Corpus; a crash is saved there and makes the script fail.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if ! command -v swift >/dev/null 2>&1 && [[ -x /opt/swift/usr/bin/swift ]]; then
    export PATH="/opt/swift/usr/bin:$PATH"
fi

TARGETS=(request-xml aws-chunked authorization-header presigned-query pascal-voc image-classification text-classification
    manifest sidecar-pairing)
usage() { echo "usage: Scripts/fuzz.sh TARGET|all SECONDS [libFuzzer options]; targets: ${TARGETS[*]}" >&2; exit 2; }

[[ ${1:-} == list ]] && { printf '%s\n' "${TARGETS[@]}"; exit 0; }
(($# >= 2)) || usage
target=$1 seconds=$2
shift 2
[[ $seconds =~ ^[0-9]+$ ]] || usage
if [[ $target == all ]]; then
    selected=("${TARGETS[@]}")
elif [[ " ${TARGETS[*]} " == *" $target "* ]]; then
    selected=("$target")
else
    usage
fi

scratch=${FUZZ_SCRATCH:-.build-fuzz}
out=${FUZZ_OUT:-/tmp/obslab-fuzz}
# lld links the sanitized targets: gold stops with an internal error on their DWARF.
flags=(--package-path Fuzz --scratch-path "$scratch" -c release -Xswiftc -sanitize=fuzzer,address
    -Xswiftc -Xclang-linker -Xswiftc -fuse-ld=lld)
echo "==> building the fuzz targets (sanitizers: fuzzer, address) in $scratch"
swift build "${flags[@]}" >&2
bin=$(swift build "${flags[@]}" --show-bin-path)

# FoundationXML leaks a CFString for each XML parse error (in its own error callback): LeakSanitizer would report it as
# ours at every exit, so leak detection is off; every other sanitizer finding fails the run.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0}
status=0
for name in "${selected[@]}"; do
    mkdir -p "$out/$name/corpus" "$out/$name/crashes"
    log="$out/$name/fuzz.log"
    echo "==> fuzz-$name for ${seconds}s"
    # -rss_limit_mb: an input that makes a parser hold more than this is a finding too.
    if "$bin/fuzz-$name" -max_total_time="$seconds" -print_final_stats=1 -rss_limit_mb=2048 -timeout=10 -detect_leaks=0 \
        -artifact_prefix="$out/$name/crashes/" "$@" "$out/$name/corpus" "Fuzz/Corpus/$name" >"$log" 2>&1; then
        runs=$(grep -o 'stat::number_of_executed_units: [0-9]*' "$log" | grep -o '[0-9]*$' || echo "?")
        echo "    fuzz-$name: $runs executions, no crash"
    else
        status=1
        echo "    fuzz-$name FAILED; the crashing input is in $out/$name/crashes, the log in $log:" >&2
        tail -40 "$log" >&2
    fi
done
exit "$status"
