"""The permission cause of "labeled data shows as unlabeled" (issue 10, acceptance 2).

The labeling service (modelarts-service) reads and writes buckets through the owner's agency, and a bucket policy can
deny it. A policy denying it part of an input path makes exactly those samples unlabeled (or the sync fail, when it
denies the listing); the diagnosis names the statement and the fix; after the fix a sync labels them; and the KMS cause
and the permission cause on one dataset are told apart sample by sample. The policy is set with boto3, the labeling
layer driven over the ModelArts REST API with plain HTTP, the fixes applied with the obslab CLI.
"""
from __future__ import annotations

import json
import os
import pathlib
import subprocess

import pytest
from botocore.exceptions import ClientError

from helpers import empty_and_delete, unique_name
from servers import REPO, free_port, obslab_binary, root_key_file, server_environment, wait_for_port
from test_labeling import ModelArtsAPI, api_endpoint_and_token

pytestmark = pytest.mark.obslab_only(reason="the labeling service's permissions are obslab's own")

SERVICE = "arn:aws:iam::000000000000:user/modelarts-service"
LABELS = {"a": "cat", "b": "dog", "c": "cat", "d": "dog"}


@pytest.fixture(scope="module")
def api(server) -> ModelArtsAPI:
    return ModelArtsAPI(*api_endpoint_and_token(server))


@pytest.fixture
def bucket(s3):
    name = unique_name("perm")
    s3.create_bucket(Bucket=name)
    yield name
    s3.delete_bucket_policy(Bucket=name)
    empty_and_delete(s3, name)


def cli(server, api: ModelArtsAPI, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    """The obslab CLI against the server, as its owner."""
    env = {**os.environ, "OBSLAB_S3_ENDPOINT": server.http, "OBSLAB_API_ENDPOINT": api.endpoint, "OBSLAB_API_TOKEN": api.token,
           "OBSLAB_ACCESS_KEY": server.access_key, "OBSLAB_SECRET_KEY": server.secret_key}
    result = subprocess.run([str(obslab_binary()), *args], capture_output=True, text=True, timeout=120, env=env)
    if check:
        assert result.returncode == 0, f"{' '.join(args)} exited {result.returncode}:\n{result.stdout}\n{result.stderr}"
    return result


def upload_labeled(s3, bucket: str, prefix: str, **sidecar_args) -> None:
    for stem, label in LABELS.items():
        s3.put_object(Bucket=bucket, Key=f"{prefix}{stem}.jpg", Body=b"\xff\xd8 " + stem.encode())
        s3.put_object(Bucket=bucket, Key=f"{prefix}{stem}.txt", Body=f"{label}\n".encode(), **sidecar_args)


def deny(sid: str, action: str, resource: str) -> dict:
    return {"Sid": sid, "Effect": "Deny", "Principal": {"AWS": SERVICE}, "Action": action, "Resource": resource}


def set_policy(s3, bucket: str, *statements: dict) -> None:
    s3.put_bucket_policy(Bucket=bucket, Policy=json.dumps({"Version": "2012-10-17", "Statement": list(statements)}))


def unlabeled_reasons(api: ModelArtsAPI, dataset_id: str) -> dict[str, dict]:
    """The unlabeled samples' reasons, by key."""
    return {sample["source"].split("/", 3)[3]: sample["unlabeled_reason"] for sample in api.samples(dataset_id, "__NONE__")}


def labeled_keys(api: ModelArtsAPI, dataset_id: str) -> set[str]:
    return {sample["source"].split("/", 3)[3] for sample in api.samples(dataset_id, "__ALL__")}


def test_a_policy_denial_unlabels_exactly_its_samples_the_diagnosis_names_it_and_the_fix_labels_them(server, api, s3, bucket):
    upload_labeled(s3, bucket, "images/open/")
    upload_labeled(s3, bucket, "images/restricted/")
    set_policy(s3, bucket, deny("DenyLabeling", "s3:GetObject", f"arn:aws:s3:::{bucket}/images/restricted/*"))
    dataset_id = api.create_dataset(unique_name("perm"), 0, bucket, "images/")

    status = api.sync(dataset_id)
    assert status["status"] == "COMPLETED" and status["total_sample_count"] == 8
    restricted = {f"images/restricted/{stem}.jpg" for stem in LABELS}
    reasons = unlabeled_reasons(api, dataset_id)
    assert set(reasons) == restricted
    assert labeled_keys(api, dataset_id) == {f"images/open/{stem}.jpg" for stem in LABELS}
    reason = reasons["images/restricted/a.jpg"]
    assert reason["code"] == "access_denied"
    assert reason["storage_error_code"] == "AccessDenied" and reason["principal"] == "modelarts-service"
    assert reason["denied_by"] == 'denied by bucket policy statement "DenyLabeling"'
    assert reason["message"] == (f"the labeling service may not read obs://{bucket}/images/restricted/a.txt "
                                 '(denied by bucket policy statement "DenyLabeling")')

    diagnosis = api.ok("GET", f"datasets/{dataset_id}/diagnosis")
    assert diagnosis["encryption_is_cause"] is False
    [group] = diagnosis["groups"]
    assert group["cause"] == "access_denied" and group["sample_count"] == 4
    assert group["policy_statement"] == "DenyLabeling" and group["principal"] == "modelarts-service"
    assert {sample["source"] for sample in group["samples"]} == {f"obs://{bucket}/{key}" for key in restricted}
    [fix] = group["remediations"]
    assert fix["command"] == f"obslab policy remove-statement {bucket} DenyLabeling"
    assert diagnosis["remediations"] == []

    # The CLI's diagnosis says the same, and its fix is the command that fixes it.
    name = api.ok("GET", f"datasets/{dataset_id}")["dataset_name"]
    report = cli(server, api, "diagnose", name).stdout
    assert "4 unlabeled: access_denied" in report and f"fix: {fix['command']}" in report
    cli(server, api, *fix["command"].split()[1:])
    with pytest.raises(ClientError) as gone:
        s3.get_bucket_policy(Bucket=bucket)
    assert gone.value.response["Error"]["Code"] == "NoSuchBucketPolicy"

    status = api.sync(dataset_id)
    assert status["status"] == "COMPLETED" and status["add_sample_count"] == 0
    assert unlabeled_reasons(api, dataset_id) == {}
    assert len(labeled_keys(api, dataset_id)) == 8


def test_a_listing_denial_fails_the_sync_naming_the_bucket(server, api, s3, bucket):
    upload_labeled(s3, bucket, "images/")
    dataset_id = api.create_dataset(unique_name("perm"), 0, bucket, "images/")
    assert api.sync(dataset_id)["total_sample_count"] == 4
    set_policy(s3, bucket, deny("Keep", "s3:PutBucketAcl", f"arn:aws:s3:::{bucket}"),
               deny("DenyListing", "s3:ListBucket", f"arn:aws:s3:::{bucket}"))

    status = api.sync(dataset_id)
    assert status["status"] == "FAILED"
    assert status["error_code"] == "ModelArts.4364"
    assert (f'may not list obs://{bucket}/images/ (denied by bucket policy statement "DenyListing")'
            in status["error_msg"]), status
    assert f"bucket {bucket} refuses modelarts-service" in status["error_msg"]
    # Not a silent empty dataset: the samples are kept, and the CLI's sync fails with the same words.
    assert api.ok("GET", f"datasets/{dataset_id}")["total_sample_count"] == 4
    name = api.ok("GET", f"datasets/{dataset_id}")["dataset_name"]
    failed = cli(server, api, "sync", name, check=False)
    assert failed.returncode != 0 and "ModelArts.4364" in failed.stderr and bucket in failed.stderr
    assert any("The last sync failed" in note for note in api.ok("GET", f"datasets/{dataset_id}/diagnosis")["notes"])

    cli(server, api, "policy", "remove-statement", bucket, "#2")
    assert "DenyListing" not in s3.get_bucket_policy(Bucket=bucket)["Policy"]
    assert api.sync(dataset_id)["status"] == "COMPLETED"


def test_the_kms_cause_and_the_permission_cause_are_told_apart_sample_by_sample(api, s3, bucket):
    upload_labeled(s3, bucket, "data/open/")
    upload_labeled(s3, bucket, "data/kms/", ServerSideEncryption="aws:kms")
    upload_labeled(s3, bucket, "data/restricted/")
    set_policy(s3, bucket, deny("DenyLabeling", "s3:GetObject", f"arn:aws:s3:::{bucket}/data/restricted/*"))
    dataset_id = api.create_dataset(unique_name("both"), 0, bucket, "data/")
    api.sync(dataset_id)

    reasons = unlabeled_reasons(api, dataset_id)
    assert len(reasons) == 8
    for stem in LABELS:
        kms = reasons[f"data/kms/{stem}.jpg"]
        assert kms["code"] == "sidecar_unreadable" and kms["storage_error_code"] == "KMS.AccessDeniedException", kms
        assert "denied_by" not in kms
        denied = reasons[f"data/restricted/{stem}.jpg"]
        assert denied["code"] == "access_denied" and denied["storage_error_code"] == "AccessDenied", denied

    diagnosis = api.ok("GET", f"datasets/{dataset_id}/diagnosis")
    assert diagnosis["encryption_is_cause"] is True
    groups = {group["cause"]: group for group in diagnosis["groups"]}
    assert set(groups) == {"access_denied", "encrypted_kms"}
    by_cause = {cause: {sample["source"].split("/", 3)[3] for sample in group["samples"]} for cause, group in groups.items()}
    assert by_cause == {"access_denied": {f"data/restricted/{stem}.jpg" for stem in LABELS},
                        "encrypted_kms": {f"data/kms/{stem}.jpg" for stem in LABELS}}
    assert groups["access_denied"]["remediations"][0]["command"] == f"obslab policy remove-statement {bucket} DenyLabeling"
    assert "remediations" not in groups["encrypted_kms"]
    assert [r["command"].split()[1:3] for r in diagnosis["remediations"]] == [["remediate", "new-bucket"], ["remediate", "disable-encryption"]]
    assert any(note.startswith("Permissions, not encryption, keep 4 samples unlabeled") for note in diagnosis["notes"])


def test_a_narrowed_agency_refuses_a_publish_clearly_and_loses_nothing(server, api, s3, bucket):
    upload_labeled(s3, bucket, "images/")
    dataset_id = api.create_dataset(unique_name("agency"), 0, bucket, "images/")
    try:
        cli(server, api, "agency", "set", f"{bucket}/images/:read")
        assert api.sync(dataset_id)["status"] == "COMPLETED"
        assert len(labeled_keys(api, dataset_id)) == 4

        refused = api.request("POST", f"datasets/{dataset_id}/versions", json={"version_name": "V001"})
        assert refused.status_code == 403 and refused.json()["error_code"] == "ModelArts.4364", refused.text
        assert f"may not write obs://{bucket}/output/" in refused.json()["error_msg"]
        assert "(no agency grant for this bucket/prefix)" in refused.json()["error_msg"]
        assert refused.json()["error_msg"].endswith("so version V001 was not published")
        assert api.ok("GET", f"datasets/{dataset_id}/versions")["total_number"] == 0
        assert "Contents" not in s3.list_objects_v2(Bucket=bucket, Prefix="output/")
        assert len(labeled_keys(api, dataset_id)) == 4

        added = cli(server, api, "agency", "add", f"{bucket}/output/").stdout
        assert f"{bucket}/images/*  read" in added and f"{bucket}/output/*  read-write" in added
        api.ok("POST", f"datasets/{dataset_id}/versions", 201, json={"version_name": "V001"})
        assert api.ok("GET", f"datasets/{dataset_id}/versions")["total_number"] == 1
    finally:
        cli(server, api, "agency", "set", "*")


@pytest.fixture
def reader(server, api, bucket):
    """A user whose keys a second obslab's labeling layer signs with (`--labeling-storage s3`): the S3 adapter."""
    name = unique_name("reader")
    created = dict(line.split(": ", 1) for line in cli(server, api, "user", "create", name).stdout.splitlines())
    return name, created["access key"], created["secret key"]


def test_the_s3_adapter_gets_the_same_answers(server, api, s3, bucket, reader, workdir):
    """The same policy, one principal read locally, the other over S3: the same samples unlabeled, by the same cause."""
    name, access_key, secret_key = reader
    upload_labeled(s3, bucket, "images/open/")
    upload_labeled(s3, bucket, "images/restricted/")
    arn = f"arn:aws:iam::000000000000:user/{name}"
    set_policy(s3, bucket,
               {"Sid": "ReaderMayRead", "Effect": "Allow", "Principal": {"AWS": arn}, "Action": ["s3:GetObject", "s3:ListBucket"],
                "Resource": [f"arn:aws:s3:::{bucket}", f"arn:aws:s3:::{bucket}/*"]},
               {"Sid": "DenyLabeling", "Effect": "Deny", "Principal": {"AWS": [SERVICE, arn]}, "Action": "s3:GetObject",
                "Resource": f"arn:aws:s3:::{bucket}/images/restricted/*"})
    data = pathlib.Path(workdir) / unique_name("remote")
    data.mkdir()
    port, api_port = free_port(), free_port()
    env = server_environment(pathlib.Path(workdir), {
        "OBSLAB_LABELING_ACCESS_KEY": access_key, "OBSLAB_LABELING_SECRET_KEY": secret_key, "OBSLAB_API_TOKEN": "remote-token"})
    log = open(data.parent / f"{data.name}.log", "w")
    process = subprocess.Popen(
        [str(obslab_binary()), "serve", "--host", "127.0.0.1", "--port", str(port), "--api-port", str(api_port),
         "--data-dir", str(data), "--labeling-storage", "s3", "--labeling-storage-endpoint", server.http,
         "--root-key-file", str(root_key_file(pathlib.Path(workdir)))],
        stdout=log, stderr=subprocess.STDOUT, env=env)
    try:
        wait_for_port(api_port, process)
        remote = ModelArtsAPI(f"http://127.0.0.1:{api_port}", "remote-token")
        local_id = api.create_dataset(unique_name("local"), 0, bucket, "images/")
        remote_id = remote.create_dataset(unique_name("remote"), 0, bucket, "images/")
        assert api.sync(local_id)["status"] == remote.sync(remote_id)["status"] == "COMPLETED"

        local, over_s3 = unlabeled_reasons(api, local_id), unlabeled_reasons(remote, remote_id)
        assert set(local) == set(over_s3) == {f"images/restricted/{stem}.jpg" for stem in LABELS}
        assert {r["code"] for r in local.values()} == {r["code"] for r in over_s3.values()} == {"access_denied"}
        assert labeled_keys(api, local_id) == labeled_keys(remote, remote_id)
        # S3 does not say which statement denied: the remote diagnosis proposes to ask.
        [group] = remote.ok("GET", f"datasets/{remote_id}/diagnosis")["groups"]
        assert group["cause"] == "access_denied"
        assert group["remediations"][0]["command"].startswith(f"obslab policy {bucket} images/restricted/")
    finally:
        process.terminate()
        process.wait(20)
        log.close()


def test_scenario_script_passes(server, api):
    env = {**os.environ, "OBSLAB_S3_ENDPOINT": server.http, "OBSLAB_API_ENDPOINT": api.endpoint, "OBSLAB_API_TOKEN": api.token,
           "OBSLAB_ACCESS_KEY": server.access_key, "OBSLAB_SECRET_KEY": server.secret_key, "OBSLAB": str(obslab_binary()),
           "AWS_CONFIG_FILE": os.devnull, "AWS_SHARED_CREDENTIALS_FILE": os.devnull, "SCENARIO_ID": unique_name("s")[2:]}
    env.pop("AWS_PROFILE", None)
    result = subprocess.run(["bash", str(REPO / "Scripts" / "scenario-permissions.sh")], capture_output=True, text=True,
                            timeout=600, env=env)
    assert result.returncode == 0, f"the scenario failed:\n{result.stdout[-6000:]}\n{result.stderr[-3000:]}"
    assert "Done:" in result.stdout
