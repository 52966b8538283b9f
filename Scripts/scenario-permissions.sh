#!/usr/bin/env bash
# The permission cause of ModelArts's "labeled data shows as unlabeled", reproduced, explained and fixed against a
# running `obslab serve`: the labeling service (modelarts-service) reads buckets through the owner's agency, and a bucket
# policy that denies it part of the input path leaves exactly those samples unlabeled. The diagnosis names the policy
# statement and the command that fixes it; after the fix a sync labels them. A policy that denies the listing fails the
# sync, naming the bucket. Last, one dataset holds a sample the KMS refuses and one the policy refuses: the diagnosis
# tells them apart, sample by sample.
#
# One-line run, with `obslab serve` running on its default ports and `obslab` and `aws` on the PATH:
#   Scripts/scenario-permissions.sh
#
# Environment: see Scripts/lib/scenario.sh. Prints each step; exits non-zero at the first surprise.
source "$(dirname "${BASH_SOURCE[0]}")/lib/scenario.sh"
SERVICE="arn:aws:iam::000000000000:user/modelarts-service"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

# "LABELED UNLABELED" of a dataset, from `obslab dataset show`.
counts() {
    "$OBSLAB" dataset show "$1" | sed -n 's/^samples: [0-9]* (labeled \([0-9]*\), unlabeled \([0-9]*\)).*/\1 \2/p'
}

expect_counts() {
    local actual
    actual="$(counts "$1")"
    [[ "$actual" == "$2 $3" ]] || fail "dataset $1: expected $2 labeled and $3 unlabeled, got '${actual:-nothing}'"
    echo "dataset $1: $2 labeled, $3 unlabeled, as expected"
}

# The labeled demo images and their label files under PREFIX of BUCKET (extra arguments go to each label file's upload).
upload_labeled() {
    local bucket="$1" prefix="$2"
    shift 2
    for image in "${IMAGES[@]}"; do
        s3api put-object --bucket "$bucket" --key "$prefix$image" --body "$DEMO_DIR/$image" >/dev/null
        s3api put-object --bucket "$bucket" --key "$prefix${image%.*}.txt" --body "$DEMO_DIR/${image%.*}.txt" "$@" >/dev/null
    done
    echo "uploaded $N labeled images to obs://$bucket/$prefix"
}

# A bucket policy of one Deny statement for the labeling service: SID ACTION RESOURCE.
deny_policy() {
    cat <<EOF
{"Version":"2012-10-17","Statement":[{"Sid":"$1","Effect":"Deny","Principal":{"AWS":"$SERVICE"},"Action":"$2","Resource":"$3"}]}
EOF
}

# Runs the command of the first `fix:` line of a diagnosis (with this script's obslab).
apply_fix() {
    local fix
    fix="$(sed -n 's/^  fix: obslab //p' <<<"$1" | head -n 1)"
    [[ -n "$fix" ]] || fail "the diagnosis proposes no fix"
    # shellcheck disable=SC2086 # the fix is a command line: its words are the arguments
    run "$OBSLAB" $fix
}

BUCKET="perm-$SCENARIO_ID"
DATASET="perm-$SCENARIO_ID"
STATEMENT="DenyLabelingRestricted"

step "1. $((2 * N)) labeled images in one bucket; a policy statement denies modelarts-service the restricted half"
run s3api create-bucket --bucket "$BUCKET" >/dev/null
upload_labeled "$BUCKET" "images/open/"
upload_labeled "$BUCKET" "images/restricted/"
deny_policy "$STATEMENT" "s3:GetObject" "arn:aws:s3:::$BUCKET/images/restricted/*" >"$WORK/policy.json"
cat "$WORK/policy.json"
run "$OBSLAB" policy set "$BUCKET" "$WORK/policy.json"
explained="$(run "$OBSLAB" policy "$BUCKET" "images/restricted/${IMAGES[0]}" --principal modelarts-service --action s3:GetObject || true)"
echo "$explained"
expect_in "$explained" "denied by statement \"$STATEMENT\" of the bucket policy"

step "2. The symptom: after a sync, exactly the restricted samples are unlabeled"
run "$OBSLAB" dataset create "$DATASET" --type image-classification --input "obs://$BUCKET/images/" --output "obs://$BUCKET/output/"
run "$OBSLAB" sync "$DATASET"
expect_counts "$DATASET" "$N" "$N"
unlabeled="$(run "$OBSLAB" samples list "$DATASET" --state unlabeled)"
echo "$unlabeled"
expect_in "$unlabeled" "access_denied (AccessDenied): denied by bucket policy statement \"$STATEMENT\""
if grep -q "images/open/" <<<"$unlabeled"; then fail "a sample outside images/restricted/ is unlabeled"; fi

step "3. The diagnosis names the statement and the fix"
diagnosis="$("$OBSLAB" diagnose "$DATASET")"
echo "$diagnosis"
expect_in "$diagnosis" "$N unlabeled: access_denied"
expect_in "$diagnosis" "the labeling service may not read obs://$BUCKET/images/restricted/${IMAGES[0]%.*}.txt (denied by bucket policy statement \"$STATEMENT\")"
expect_in "$diagnosis" "fix: obslab policy remove-statement $BUCKET $STATEMENT"
expect_in "$diagnosis" "encryption is not the cause"

step "4. Apply the fix, sync: every sample is labeled"
apply_fix "$diagnosis"
run "$OBSLAB" sync "$DATASET"
expect_counts "$DATASET" "$((2 * N))" 0

step "5. A policy that denies the listing fails the sync, naming the bucket (not an empty dataset)"
deny_policy "DenyLabelingList" "s3:ListBucket" "arn:aws:s3:::$BUCKET" >"$WORK/list-policy.json"
run "$OBSLAB" policy set "$BUCKET" "$WORK/list-policy.json"
if failed="$("$OBSLAB" sync "$DATASET" 2>&1)"; then fail "the sync succeeded without the listing"; fi
echo "$failed"
expect_in "$failed" "ModelArts.4364"
expect_in "$failed" "may not list obs://$BUCKET/images/ (denied by bucket policy statement \"DenyLabelingList\")"
expect_counts "$DATASET" "$((2 * N))" 0
run "$OBSLAB" policy remove-statement "$BUCKET" DenyLabelingList
run "$OBSLAB" sync "$DATASET"

MIXED="perm-mixed-$SCENARIO_ID"
step "6. Both causes on one dataset: label files under kms/ are SSE-KMS, those under restricted/ denied by the policy"
run s3api create-bucket --bucket "$MIXED" >/dev/null
upload_labeled "$MIXED" "data/open/"
upload_labeled "$MIXED" "data/kms/" --server-side-encryption aws:kms
upload_labeled "$MIXED" "data/restricted/"
deny_policy "$STATEMENT" "s3:GetObject" "arn:aws:s3:::$MIXED/data/restricted/*" >"$WORK/mixed-policy.json"
run "$OBSLAB" policy set "$MIXED" "$WORK/mixed-policy.json"
run "$OBSLAB" dataset create "$MIXED" --type image-classification --input "obs://$MIXED/data/" --output "obs://$MIXED/output/"
run "$OBSLAB" sync "$MIXED"
expect_counts "$MIXED" "$N" "$((2 * N))"
mixed="$("$OBSLAB" diagnose "$MIXED")"
echo "$mixed"
expect_in "$mixed" "$N unlabeled: access_denied"
expect_in "$mixed" "$N unlabeled: encrypted_kms"
expect_in "$mixed" "encryption IS a cause"
samples="$(run "$OBSLAB" samples list "$MIXED" --state unlabeled)"
echo "$samples"
for image in "${IMAGES[@]}"; do
    grep -F "data/kms/$image" <<<"$samples" | grep -qF "sidecar_unreadable (KMS.AccessDeniedException)" \
        || fail "data/kms/$image should be unlabeled by the KMS"
    grep -F "data/restricted/$image" <<<"$samples" | grep -qF "access_denied (AccessDenied)" \
        || fail "data/restricted/$image should be unlabeled by the bucket policy"
done
echo "each unlabeled sample has its own cause: the KMS for data/kms/, the bucket policy for data/restricted/"
apply_fix "$mixed"
run "$OBSLAB" sync "$MIXED"
expect_counts "$MIXED" "$((2 * N))" "$N"
echo "the policy's samples are labeled; the KMS's stay unlabeled until the encryption is fixed (Scripts/scenario-encryption.sh)"

step "Done: the permission cause found, named, fixed, and told apart from the KMS cause"
