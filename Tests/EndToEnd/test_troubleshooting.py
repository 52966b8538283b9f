"""The encryption troubleshooting of issue 6: labeled data behind a bucket's default SSE-KMS encryption shows as
unlabeled; the diagnosis says why, sample by sample; the remediations fix it, even when killed half way and run again.
"""
from __future__ import annotations

import os
import re
import signal
import subprocess
import time

import pytest

from helpers import empty_and_delete, unique_name
from servers import REPO, obslab_binary
from test_labeling import PROJECT, ModelArtsAPI, api_endpoint_and_token

pytestmark = pytest.mark.obslab_only(reason="the labeling API and the remediations are obslab's own")

DEMO = REPO / "Buckets" / "demo" / "classification"
KMS_DEFAULT = {"Rules": [{"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "aws:kms"}}]}
AES256_DEFAULT = {"Rules": [{"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}}]}
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".bmp")


@pytest.fixture(scope="module")
def api(server) -> ModelArtsAPI:
    return ModelArtsAPI(*api_endpoint_and_token(server))


@pytest.fixture
def buckets(s3):
    """Buckets a test makes, or a remediation makes for it, emptied and removed afterwards."""
    names: list[str] = []
    yield names
    for name in names:
        empty_and_delete(s3, name)


def cli_env(server, api: ModelArtsAPI) -> dict:
    return {**os.environ, "OBSLAB_S3_ENDPOINT": server.http, "OBSLAB_API_ENDPOINT": api.endpoint, "OBSLAB_API_TOKEN": api.token,
            "OBSLAB_ACCESS_KEY": server.access_key, "OBSLAB_SECRET_KEY": server.secret_key}


def obslab(server, api: ModelArtsAPI, *args: str) -> str:
    command = [str(obslab_binary()), *args, "--project", PROJECT]
    result = subprocess.run(command, capture_output=True, text=True, timeout=300, env=cli_env(server, api))
    assert result.returncode == 0, f"{' '.join(args)} exited {result.returncode}:\n{result.stdout}\n{result.stderr}"
    return result.stdout


def demo_files() -> dict[str, bytes]:
    """The demo's labeled images and their label files."""
    files = {}
    for image in sorted(DEMO.iterdir()):
        sidecar = image.with_suffix(".txt")
        if image.suffix.lower() in IMAGE_SUFFIXES and sidecar.exists():
            files[image.name] = image.read_bytes()
            files[sidecar.name] = sidecar.read_bytes()
    assert files, f"no labeled images in {DEMO}"
    return files


def encrypted_copy(s3, buckets: list[str], files: dict[str, bytes], prefix: str = "images/", default=KMS_DEFAULT) -> str:
    bucket = unique_name("enc")
    buckets.append(bucket)
    s3.create_bucket(Bucket=bucket)
    s3.put_bucket_encryption(Bucket=bucket, ServerSideEncryptionConfiguration=default)
    for key, body in files.items():
        s3.put_object(Bucket=bucket, Key=prefix + key, Body=body)
    return bucket


def counts(api: ModelArtsAPI, dataset_id: str) -> tuple[int, int]:
    dataset = api.ok("GET", f"datasets/{dataset_id}")
    return dataset["annotated_sample_count"], dataset["total_sample_count"] - dataset["annotated_sample_count"]


def test_scenario_script_passes(server, api):
    env = {**cli_env(server, api), "OBSLAB": str(obslab_binary()), "AWS_CONFIG_FILE": os.devnull,
           "AWS_SHARED_CREDENTIALS_FILE": os.devnull, "SCENARIO_ID": unique_name("s")[2:]}
    env.pop("AWS_PROFILE", None)
    # The script speaks to the default project: the API ignores the project id.
    result = subprocess.run(["bash", str(REPO / "Scripts" / "scenario-encryption.sh")], capture_output=True, text=True,
                            timeout=600, env=env)
    assert result.returncode == 0, f"the scenario failed:\n{result.stdout[-6000:]}\n{result.stderr[-3000:]}"
    assert "Done:" in result.stdout


def test_the_story_through_the_rest_api_and_s3_alone(api, s3, buckets):
    """Symptom, diagnosis, trap and both fixes with plain HTTP on the ModelArts API and S3 calls, no obslab CLI."""
    files = demo_files()
    n = len(files) // 2

    def dataset_on(bucket: str) -> str:
        dataset_id = api.create_dataset(unique_name("rest"), 0, bucket, "images/")
        assert api.sync(dataset_id)["status"] == "COMPLETED"
        assert counts(api, dataset_id) == (0, n)
        return dataset_id

    # The symptom and its diagnosis.
    first = encrypted_copy(s3, buckets, files)
    first_id = dataset_on(first)
    diagnosis = api.ok("GET", f"datasets/{first_id}/diagnosis")
    assert diagnosis["encryption_is_cause"] is True
    assert diagnosis["unannotated_sample_count"] == n
    [group] = diagnosis["groups"]
    assert group["cause"] == "encrypted_kms" and group["sample_count"] == n
    assert group["kms_key_aliases"] == ["obs/default"] and group["principal"] == "modelarts-service"
    assert diagnosis["bucket_encryption"]["algorithm"] == "aws:kms" and diagnosis["bucket_encryption"]["since"] > 0
    name = api.ok("GET", f"datasets/{first_id}")["dataset_name"]
    assert [r["command"] for r in diagnosis["remediations"]] == [
        f"obslab remediate new-bucket {name} --bucket {first}-plain", f"obslab remediate disable-encryption {name}"]
    assert any("ModelArts.4826" in note for note in diagnosis["notes"])

    # The trap: the default encryption deleted, nothing uploaded again.
    s3.delete_bucket_encryption(Bucket=first)
    api.sync(first_id)
    assert counts(api, first_id) == (0, n)

    # Fix 1: copy into a new unencrypted bucket and point the dataset at it.
    plain = first + "-plain"
    buckets.append(plain)
    s3.create_bucket(Bucket=plain)
    for key in files:
        s3.copy_object(Bucket=plain, Key="images/" + key, CopySource={"Bucket": first, "Key": "images/" + key})
    api.ok("PUT", f"datasets/{first_id}", json={"data_sources": [{"data_type": 0, "data_path": f"/{plain}/images/"}]})
    assert api.ok("GET", f"datasets/{first_id}")["data_sources"][0]["data_path"] == f"/{plain}/images/"
    api.sync(first_id)
    assert counts(api, first_id) == (n, 0)
    assert "ServerSideEncryption" in s3.head_object(Bucket=first, Key="images/" + next(iter(files)))

    # Fix 2: delete the default encryption and upload again in place.
    second = encrypted_copy(s3, buckets, files)
    second_id = dataset_on(second)
    s3.delete_bucket_encryption(Bucket=second)
    for key in files:
        head = s3.head_object(Bucket=second, Key="images/" + key)
        s3.copy_object(Bucket=second, Key="images/" + key, CopySource={"Bucket": second, "Key": "images/" + key},
                       MetadataDirective="REPLACE", ContentType=head["ContentType"], Metadata=head["Metadata"])
    api.sync(second_id)
    assert counts(api, second_id) == (n, 0)
    assert api.ok("GET", f"datasets/{second_id}/diagnosis")["groups"] == []


def test_diagnosis_groups_each_cause_in_one_dataset(api, s3, buckets):
    bucket = unique_name("diag")
    buckets.append(bucket)
    s3.create_bucket(Bucket=bucket)
    customer_key = os.urandom(32)
    s3.put_object(Bucket=bucket, Key="d/bare.jpg", Body=b"\xff\xd8 bare")
    s3.put_object(Bucket=bucket, Key="d/kms.jpg", Body=b"\xff\xd8 kms")
    s3.put_object(Bucket=bucket, Key="d/kms.txt", Body=b"cat\n", ServerSideEncryption="aws:kms")
    s3.put_object(Bucket=bucket, Key="d/ssec.jpg", Body=b"\xff\xd8 ssec")
    s3.put_object(Bucket=bucket, Key="d/ssec.txt", Body=b"cat\n", SSECustomerAlgorithm="AES256", SSECustomerKey=customer_key)
    s3.put_object(Bucket=bucket, Key="d/broken.jpg", Body=b"\xff\xd8 broken")
    s3.put_object(Bucket=bucket, Key="d/broken.txt", Body=b"\n\n")
    s3.put_object(Bucket=bucket, Key="d/fine.jpg", Body=b"\xff\xd8 fine")
    s3.put_object(Bucket=bucket, Key="d/fine.txt", Body=b"dog\n", ServerSideEncryption="AES256")
    dataset_id = api.create_dataset(unique_name("diag"), 0, bucket, "d/")
    api.sync(dataset_id)

    diagnosis = api.ok("GET", f"datasets/{dataset_id}/diagnosis")

    assert (diagnosis["annotated_sample_count"], diagnosis["unannotated_sample_count"]) == (1, 4)
    groups = {group["cause"]: group for group in diagnosis["groups"]}
    assert set(groups) == {"no_label_file", "encrypted_kms", "encrypted_customer_key", "malformed"}
    sources = {cause: [s["source"] for s in group["samples"]] for cause, group in groups.items()}
    assert sources == {
        "no_label_file": [f"obs://{bucket}/d/bare.jpg"],
        "encrypted_kms": [f"obs://{bucket}/d/kms.jpg"],
        "encrypted_customer_key": [f"obs://{bucket}/d/ssec.jpg"],
        "malformed": [f"obs://{bucket}/d/broken.jpg"],
    }
    assert groups["encrypted_kms"]["kms_key_aliases"] == ["obs/default"]
    assert groups["encrypted_kms"]["samples"][0]["storage_error_code"] == "KMS.AccessDeniedException"
    assert groups["encrypted_customer_key"]["samples"][0]["sidecar"] == "d/ssec.txt"
    malformed = groups["malformed"]["samples"][0]
    assert malformed["sidecar"] == "d/broken.txt" and malformed["position"] and malformed["message"]
    assert diagnosis["encryption_is_cause"] is True
    assert any("SSE-C" in note for note in diagnosis["notes"])


@pytest.mark.parametrize("fix", ["new-bucket", "disable-encryption"])
def test_a_remediation_killed_half_way_finishes_when_run_again(server, api, s3, buckets, fix):
    # Enough objects that the kill lands in the middle: 80 images and their label files.
    files = {}
    for index in range(80):
        files[f"{index:03}.jpg"] = os.urandom(64 * 1024)
        files[f"{index:03}.txt"] = f"label{index % 3}\n".encode()
    bucket = encrypted_copy(s3, buckets, files)
    dataset_id = api.create_dataset(unique_name("kill"), 0, bucket, "images/")
    api.sync(dataset_id)
    assert counts(api, dataset_id) == (0, 80)
    target = bucket + "-plain"
    buckets.append(target)
    args = ["remediate", fix, dataset_id] + (["--bucket", target] if fix == "new-bucket" else [])

    process = subprocess.Popen([str(obslab_binary()), *args, "--verbose", "--project", PROJECT], stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, env=cli_env(server, api), text=True)
    done = 0
    for line in process.stdout:
        if line.startswith(("copied ", "rewrote ")) and "(" in line:
            done += 1
            if done == 40:
                process.send_signal(signal.SIGKILL)
                break
    process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL, f"the remediation ended before the kill (after {done} objects)"
    assert counts(api, dataset_id) == (0, 80)

    again = obslab(server, api, *args)
    assert "before: 0 of 80 samples labeled; after: 80 of 80 samples labeled" in again, again
    # The second run skips what the first one finished: 40 objects, or one more if the kill landed after it.
    pattern = r"copy (\d+) objects" if fix == "new-bucket" else r"rewrite (\d+) encrypted objects"
    remaining = int(re.search(pattern, again).group(1))
    assert 118 <= remaining <= 120, again
    read_from = target if fix == "new-bucket" else bucket
    keys = [item["Key"] for page in s3.get_paginator("list_objects_v2").paginate(Bucket=read_from) for item in page.get("Contents", [])]
    assert sorted(keys) == sorted("images/" + key for key in files), "every object present once"
    for key, body in files.items():
        got = s3.get_object(Bucket=read_from, Key="images/" + key)
        assert "ServerSideEncryption" not in got, f"{key} is still encrypted"
        assert got["Body"].read() == body, f"{key} differs from the original plaintext"
    assert counts(api, dataset_id) == (80, 0)


def test_sse_s3_default_labels_everything_and_is_not_blamed(api, s3, buckets):
    files = demo_files()
    bucket = encrypted_copy(s3, buckets, files, default=AES256_DEFAULT)
    assert s3.head_object(Bucket=bucket, Key="images/" + next(iter(files)))["ServerSideEncryption"] == "AES256"
    dataset_id = api.create_dataset(unique_name("sses3"), 0, bucket, "images/")
    api.sync(dataset_id)
    assert counts(api, dataset_id) == (len(files) // 2, 0)
    diagnosis = api.ok("GET", f"datasets/{dataset_id}/diagnosis")
    assert diagnosis["encryption_is_cause"] is False
    assert diagnosis["groups"] == [] and diagnosis["remediations"] == []
    assert diagnosis["bucket_encryption"]["algorithm"] == "AES256"
    assert any(note.startswith("Encryption is not the cause") for note in diagnosis["notes"]), diagnosis["notes"]
