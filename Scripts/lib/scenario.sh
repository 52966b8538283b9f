# Shared by the Scripts/scenario-*.sh walk-throughs: the endpoints and keys of a running `obslab serve` (overridable
# from the environment), the labeled images of a demo folder, and the helpers that print each step and stop at the
# first surprise. Source it; it sets `-euo pipefail`.
#
# Environment (defaults in brackets): OBSLAB_S3_ENDPOINT [http://127.0.0.1:9000], OBSLAB_API_ENDPOINT
# [http://127.0.0.1:9001], OBSLAB_API_TOKEN [obslab-api-token], OBSLAB_ACCESS_KEY/OBSLAB_SECRET_KEY [the default
# owner's: obslabroot/obslabroot-secret], OBSLAB [obslab], DEMO_DIR [Buckets/demo/classification of this checkout],
# SCENARIO_ID [a fresh one; names the buckets and datasets].
set -euo pipefail

export OBSLAB_S3_ENDPOINT="${OBSLAB_S3_ENDPOINT:-http://127.0.0.1:9000}"
export OBSLAB_API_ENDPOINT="${OBSLAB_API_ENDPOINT:-http://127.0.0.1:9001}"
export OBSLAB_API_TOKEN="${OBSLAB_API_TOKEN:-obslab-api-token}"
export OBSLAB_ACCESS_KEY="${OBSLAB_ACCESS_KEY:-obslabroot}"
export OBSLAB_SECRET_KEY="${OBSLAB_SECRET_KEY:-obslabroot-secret}"
export AWS_ACCESS_KEY_ID="$OBSLAB_ACCESS_KEY" AWS_SECRET_ACCESS_KEY="$OBSLAB_SECRET_KEY"
export AWS_DEFAULT_REGION="${AWS_DEFAULT_REGION:-us-east-1}" AWS_PAGER=""
OBSLAB="${OBSLAB:-obslab}"
DEMO_DIR="${DEMO_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/Buckets/demo/classification}"
SCENARIO_ID="${SCENARIO_ID:-$(date +%s)$$}"

step() { printf '\n==> %s\n' "$*"; }
fail() { printf '\nSCENARIO FAILED: %s\n' "$*" >&2; exit 1; }
s3api() { aws --endpoint-url "$OBSLAB_S3_ENDPOINT" s3api "$@"; }
run() { printf '$ %s\n' "$*"; "$@"; }

expect_in() {
    grep -qF -- "$2" <<<"$1" || fail "expected '$2' in the output above"
}

# The labeled images of the demo: those with a label file next to them.
IMAGES=()
for file in "$DEMO_DIR"/*; do
    case "$file" in *.jpg | *.jpeg | *.png | *.bmp) [[ -f "${file%.*}.txt" ]] && IMAGES+=("$(basename "$file")") ;; esac
done
N=${#IMAGES[@]}
((N > 0)) || fail "no labeled images (an image with a .txt next to it) in $DEMO_DIR"
command -v aws >/dev/null || fail "the aws command line is not installed"
command -v "$OBSLAB" >/dev/null || fail "no obslab command at '$OBSLAB'"
