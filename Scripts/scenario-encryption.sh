#!/usr/bin/env bash
# The encryption symptom of ModelArts, reproduced, explained and fixed against a running `obslab serve`:
# labeled images uploaded to a bucket with default encryption SSE-KMS (key obs/default) all show as unlabeled after a
# sync, because the labeling service may not use the key. Deleting the bucket encryption alone changes nothing (the
# trap); each fix (`obslab remediate new-bucket`, `obslab remediate disable-encryption`) is applied to its own copy of
# the data and labels every sample.
#
# One-line run, with `obslab serve` running on its default ports and `obslab` and `aws` on the PATH:
#   Scripts/scenario-encryption.sh
#
# Environment: see Scripts/lib/scenario.sh. Prints each step; exits non-zero at the first surprise.
source "$(dirname "${BASH_SOURCE[0]}")/lib/scenario.sh"
PREFIX="images/"

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

# A bucket encrypting new objects with SSE-KMS by default (no key named: obs/default), holding the labeled demo data.
make_encrypted_copy() {
    local bucket="$1"
    run s3api create-bucket --bucket "$bucket" >/dev/null
    run s3api put-bucket-encryption --bucket "$bucket" \
        --server-side-encryption-configuration '{"Rules":[{"ApplyServerSideEncryptionByDefault":{"SSEAlgorithm":"aws:kms"}}]}'
    for image in "${IMAGES[@]}"; do
        local stem="${image%.*}"
        s3api put-object --bucket "$bucket" --key "$PREFIX$image" --body "$DEMO_DIR/$image" >/dev/null
        s3api put-object --bucket "$bucket" --key "$PREFIX$stem.txt" --body "$DEMO_DIR/$stem.txt" >/dev/null
    done
    echo "uploaded ${#IMAGES[@]} images and their label files to obs://$bucket/$PREFIX"
    local encryption
    encryption="$(s3api head-object --bucket "$bucket" --key "$PREFIX${IMAGES[0]%.*}.txt" --query ServerSideEncryption --output text)"
    [[ "$encryption" == "aws:kms" ]] || fail "the label files of $bucket should be SSE-KMS encrypted, not '$encryption'"
}

make_dataset() {
    run "$OBSLAB" dataset create "$1" --type image-classification --input "obs://$2/$PREFIX" --output "obs://$2/output/"
}

NEW_BUCKET="enc-new-$SCENARIO_ID"
TRAP_BUCKET="enc-trap-$SCENARIO_ID"
DISABLE_BUCKET="enc-disable-$SCENARIO_ID"

step "1. The symptom: $N labeled images in a bucket with default encryption SSE-KMS"
make_encrypted_copy "$NEW_BUCKET"
make_dataset "enc-new-$SCENARIO_ID" "$NEW_BUCKET"
run "$OBSLAB" sync "enc-new-$SCENARIO_ID"
expect_counts "enc-new-$SCENARIO_ID" 0 "$N"

step "2. The diagnosis"
diagnosis="$("$OBSLAB" diagnose "enc-new-$SCENARIO_ID")"
echo "$diagnosis"
expect_in "$diagnosis" "$N unlabeled: encrypted_kms"
expect_in "$diagnosis" "alias/obs/default"
expect_in "$diagnosis" "obslab remediate new-bucket enc-new-$SCENARIO_ID --bucket $NEW_BUCKET-plain"
expect_in "$diagnosis" "obslab remediate disable-encryption enc-new-$SCENARIO_ID"
expect_in "$diagnosis" "ModelArts.4826"

step "3. The trap: deleting the bucket encryption without uploading again changes nothing"
make_encrypted_copy "$TRAP_BUCKET"
make_dataset "enc-trap-$SCENARIO_ID" "$TRAP_BUCKET"
run "$OBSLAB" sync "enc-trap-$SCENARIO_ID"
expect_counts "enc-trap-$SCENARIO_ID" 0 "$N"
run s3api delete-bucket-encryption --bucket "$TRAP_BUCKET"
run "$OBSLAB" sync "enc-trap-$SCENARIO_ID"
expect_counts "enc-trap-$SCENARIO_ID" 0 "$N"
trap_diagnosis="$("$OBSLAB" diagnose "enc-trap-$SCENARIO_ID")"
expect_in "$trap_diagnosis" "does not decrypt objects already stored"
echo "still $N unlabeled: the objects stay encrypted until they are uploaded again"

step "4. Fix 1: a new unencrypted bucket (dry run first)"
plan="$(run "$OBSLAB" remediate new-bucket "enc-new-$SCENARIO_ID" --bucket "$NEW_BUCKET-plain" --dry-run)"
echo "$plan"
expect_in "$plan" "copy $((2 * N)) objects"
if s3api head-bucket --bucket "$NEW_BUCKET-plain" >/dev/null 2>&1; then fail "the dry run created $NEW_BUCKET-plain"; fi
run "$OBSLAB" remediate new-bucket "enc-new-$SCENARIO_ID" --bucket "$NEW_BUCKET-plain"
expect_counts "enc-new-$SCENARIO_ID" "$N" 0
original="$(s3api head-object --bucket "$NEW_BUCKET" --key "$PREFIX${IMAGES[0]%.*}.txt" --query ServerSideEncryption --output text)"
[[ "$original" == "aws:kms" ]] || fail "the original bucket must be left untouched (its objects SSE-KMS), found '$original'"
echo "the original bucket $NEW_BUCKET is untouched"

step "5. Fix 2: disable the bucket encryption and upload again in place (dry run first)"
make_encrypted_copy "$DISABLE_BUCKET"
make_dataset "enc-disable-$SCENARIO_ID" "$DISABLE_BUCKET"
run "$OBSLAB" sync "enc-disable-$SCENARIO_ID"
expect_counts "enc-disable-$SCENARIO_ID" 0 "$N"
plan="$(run "$OBSLAB" remediate disable-encryption "enc-disable-$SCENARIO_ID" --dry-run)"
echo "$plan"
expect_in "$plan" "rewrite $((2 * N)) encrypted objects"
s3api get-bucket-encryption --bucket "$DISABLE_BUCKET" >/dev/null || fail "the dry run deleted the bucket encryption"
run "$OBSLAB" remediate disable-encryption "enc-disable-$SCENARIO_ID"
expect_counts "enc-disable-$SCENARIO_ID" "$N" 0

step "Done: $N unlabeled became $N labeled with each fix"
