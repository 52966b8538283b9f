#!/usr/bin/env bash
# Deleting samples "with their source files", simulated against a running `obslab serve`: two datasets and a published
# version share the demo images; deleting one image with its source file from the first dataset would break the
# second dataset and its version. obslab shows that before (dry run, refusal without --force) and after (the source
# check names who deleted what), and because the bucket keeps versions the file comes back by removing its delete
# marker with the command obslab prints.
#
# One-line run, with `obslab serve` running on its default ports and `obslab`, `aws` and `jq` on the PATH:
#   Scripts/scenario-source-deletion.sh
#
# Environment: see Scripts/lib/scenario.sh. Prints each step; exits non-zero at the first surprise.
source "$(dirname "${BASH_SOURCE[0]}")/lib/scenario.sh"
command -v jq >/dev/null || fail "jq is not installed"

BUCKET="deletion-$SCENARIO_ID"
PREFIX="pets/"
ALL="all-$SCENARIO_ID"
KEPT="kept-$SCENARIO_ID"
IMAGE="${IMAGES[0]}"

# The id of the sample of `$2` in dataset `$1`.
sample_id() {
    "$OBSLAB" samples list "$1" --json | jq -r --arg key "$PREFIX$2" '.samples[] | select(.source | endswith("/" + $key)) | .sample_id'
}

step "1. $N labeled images in a bucket that keeps versions, two datasets over them, and a version of the second"
run s3api create-bucket --bucket "$BUCKET" >/dev/null
run s3api put-bucket-versioning --bucket "$BUCKET" --versioning-configuration Status=Enabled
for image in "${IMAGES[@]}"; do
    s3api put-object --bucket "$BUCKET" --key "$PREFIX$image" --body "$DEMO_DIR/$image" >/dev/null
    s3api put-object --bucket "$BUCKET" --key "$PREFIX${image%.*}.txt" --body "$DEMO_DIR/${image%.*}.txt" >/dev/null
done
for dataset in "$ALL" "$KEPT"; do
    run "$OBSLAB" dataset create "$dataset" --type image-classification --input "obs://$BUCKET/$PREFIX" \
        --output "obs://$BUCKET/output/" >/dev/null
    run "$OBSLAB" sync "$dataset" >/dev/null
done
run "$OBSLAB" version publish "$KEPT"
TARGET="$(sample_id "$ALL" "$IMAGE")"
[[ -n "$TARGET" ]] || fail "dataset $ALL has no sample of $IMAGE"

step "2. Before: the dry run names what deleting $IMAGE with its source file would break"
impact="$(run "$OBSLAB" samples delete "$ALL" "$TARGET" --delete-source --dry-run)"
echo "$impact"
expect_in "$impact" "obs://$BUCKET/$PREFIX$IMAGE"
expect_in "$impact" "other datasets that lose samples (1)"
expect_in "$impact" "$KEPT"
expect_in "$impact" "$KEPT/V001"
expect_in "$impact" "dry run: nothing deleted"
s3api head-object --bucket "$BUCKET" --key "$PREFIX$IMAGE" >/dev/null || fail "the dry run deleted $IMAGE"

step "3. Without --force obslab refuses, and deletes nothing"
if refusal="$("$OBSLAB" samples delete "$ALL" "$TARGET" --delete-source 2>&1)"; then
    fail "the deletion that breaks $KEPT was not refused"
fi
echo "$refusal"
expect_in "$refusal" "nothing deleted"
s3api head-object --bucket "$BUCKET" --key "$PREFIX$IMAGE" >/dev/null || fail "the refused deletion deleted $IMAGE"

step "4. With --force: the file goes behind a delete marker"
deletion="$(run "$OBSLAB" samples delete "$ALL" "$TARGET" --delete-source --force)"
echo "$deletion"
expect_in "$deletion" "hidden behind delete marker"
if s3api head-object --bucket "$BUCKET" --key "$PREFIX$IMAGE" >/dev/null 2>&1; then fail "$IMAGE is still there"; fi

step "5. After: the source check of $KEPT shows the broken sample and version, who broke them, and how to restore"
if check="$("$OBSLAB" dataset check-sources "$KEPT")"; then fail "the source check of $KEPT says it is intact"; fi
echo "$check"
expect_in "$check" "1 missing their file"
expect_in "$check" "version V001"
expect_in "$check" "deleted by dataset $ALL"
restore="$(sed -n 's/^  \(aws s3api delete-object .*\)$/\1/p' <<<"$check" | head -n 1)"
[[ -n "$restore" ]] || fail "the source check printed no restore command"

step "6. Restore: remove the delete marker, as printed"
printf '$ %s\n' "$restore"
bash -c "$restore" >/dev/null
run "$OBSLAB" dataset check-sources "$KEPT" || fail "the source check of $KEPT still finds missing files"
run "$OBSLAB" sync "$ALL"

step "Done: the deletion's impact was shown before and after, and the file is back"
