"""Object Lock (issue 13): `?object-lock` on buckets, `?retention` and `?legal-hold` on versions, the
`x-amz-object-lock-*` headers on writes and reads, and their enforcement: a locked version refuses deletion (a DELETE
without a version id still adds a delete marker), GOVERNANCE yields to `x-amz-bypass-governance-retention` with
`s3:BypassGovernanceRetention`, COMPLIANCE to nothing but time, and lifecycle expiration leaves locked versions alone.
Also OBS's WORM through esdk-obs-python."""
import datetime
import json
import time

import pytest
from obs import ObjectLockConfiguration, ObjectLockRule, ObsClient

from helpers import s3_error, unique_name
from servers import s3_client
from test_access_control import allow, denied, policy, stranger, user_arn  # noqa: F401 (stranger is a fixture)
from test_s3_features_lifecycle import DAY, private_server, run  # noqa: F401 (private_server is a fixture)

pytestmark = pytest.mark.obslab_only(reason="moto's Object Lock errors differ from S3's")


def in_seconds(seconds: float) -> datetime.datetime:
    return datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(seconds=seconds)


def unlock_and_delete(client, bucket: str) -> None:
    """Removes every version, lifting legal holds and bypassing GOVERNANCE; COMPLIANCE versions are waited out."""
    versions = client.list_object_versions(Bucket=bucket)
    for item in versions.get("Versions", []) + versions.get("DeleteMarkers", []):
        if "ETag" in item:
            client.put_object_legal_hold(Bucket=bucket, Key=item["Key"], VersionId=item["VersionId"], LegalHold={"Status": "OFF"})
            head = client.head_object(Bucket=bucket, Key=item["Key"], VersionId=item["VersionId"])
            if head.get("ObjectLockMode") == "COMPLIANCE":
                time.sleep(max(0.0, (head["ObjectLockRetainUntilDate"] - in_seconds(0)).total_seconds()) + 0.1)
        client.delete_object(Bucket=bucket, Key=item["Key"], VersionId=item["VersionId"], BypassGovernanceRetention=True)
    client.delete_bucket(Bucket=bucket)


@pytest.fixture
def locked_bucket(s3):
    """A fresh bucket created with Object Lock enabled."""
    name = unique_name("lock")
    s3.create_bucket(Bucket=name, ObjectLockEnabledForBucket=True)
    yield name
    unlock_and_delete(s3, name)


def test_lock_configuration_round_trip_and_refusals(s3, locked_bucket, bucket):
    # Creating a bucket with lock turns versioning on, for good.
    assert s3.get_bucket_versioning(Bucket=locked_bucket)["Status"] == "Enabled"
    with s3_error("InvalidBucketState", 409):
        s3.put_bucket_versioning(Bucket=locked_bucket, VersioningConfiguration={"Status": "Suspended"})
    assert s3.get_object_lock_configuration(Bucket=locked_bucket)["ObjectLockConfiguration"] == {"ObjectLockEnabled": "Enabled"}
    rule = {"DefaultRetention": {"Mode": "GOVERNANCE", "Days": 1}}
    s3.put_object_lock_configuration(Bucket=locked_bucket, ObjectLockConfiguration={"ObjectLockEnabled": "Enabled", "Rule": rule})
    assert s3.get_object_lock_configuration(Bucket=locked_bucket)["ObjectLockConfiguration"]["Rule"] == rule

    refused = [
        ("MalformedXML", {"ObjectLockEnabled": "Enabled", "Rule": {"DefaultRetention": {"Mode": "GOVERNANCE", "Days": 1, "Years": 1}}}),
        ("MalformedXML", {"ObjectLockEnabled": "Enabled", "Rule": {"DefaultRetention": {"Mode": "governance", "Days": 1}}}),
        ("InvalidRetentionPeriod", {"ObjectLockEnabled": "Enabled", "Rule": {"DefaultRetention": {"Mode": "COMPLIANCE", "Days": 0}}}),
        ("InvalidRetentionPeriod", {"ObjectLockEnabled": "Enabled", "Rule": {"DefaultRetention": {"Mode": "COMPLIANCE", "Years": -1}}}),
    ]
    for code, configuration in refused:
        with s3_error(code, 400):
            s3.put_object_lock_configuration(Bucket=locked_bucket, ObjectLockConfiguration=configuration)
    assert s3.get_object_lock_configuration(Bucket=locked_bucket)["ObjectLockConfiguration"]["Rule"] == rule

    # A bucket without lock: none to read, none to set until versioning is on, no locks on its objects.
    with s3_error("ObjectLockConfigurationNotFoundError", 404):
        s3.get_object_lock_configuration(Bucket=bucket)
    with s3_error("InvalidBucketState", 409):
        s3.put_object_lock_configuration(Bucket=bucket, ObjectLockConfiguration={"ObjectLockEnabled": "Enabled"})
    s3.put_object(Bucket=bucket, Key="k", Body=b"x")
    with s3_error("InvalidRequest", 400):
        s3.put_object(Bucket=bucket, Key="held", Body=b"x", ObjectLockLegalHoldStatus="ON")
    with s3_error("InvalidRequest", 400):
        s3.put_object_retention(Bucket=bucket, Key="k", Retention={"Mode": "GOVERNANCE", "RetainUntilDate": in_seconds(60)})
    with s3_error("InvalidRequest", 400):
        s3.get_object_legal_hold(Bucket=bucket, Key="k")


def test_a_compliance_locked_version_refuses_deletion_until_its_date(s3, locked_bucket):
    until = in_seconds(4).replace(microsecond=0)  # headers carry whole seconds
    version = s3.put_object(Bucket=locked_bucket, Key="k", Body=b"kept", ObjectLockMode="COMPLIANCE",
                            ObjectLockRetainUntilDate=until)["VersionId"]
    head = s3.head_object(Bucket=locked_bucket, Key="k")
    assert head["ObjectLockMode"] == "COMPLIANCE"
    assert abs((head["ObjectLockRetainUntilDate"] - until).total_seconds()) < 0.01
    assert s3.get_object_retention(Bucket=locked_bucket, Key="k")["Retention"]["Mode"] == "COMPLIANCE"

    with s3_error("AccessDenied", 403):
        s3.delete_object(Bucket=locked_bucket, Key="k", VersionId=version)
    with s3_error("AccessDenied", 403):
        s3.delete_object(Bucket=locked_bucket, Key="k", VersionId=version, BypassGovernanceRetention=True)
    errors = s3.delete_objects(Bucket=locked_bucket, Delete={"Objects": [{"Key": "k", "VersionId": version}]})["Errors"]
    assert [(e["Key"], e["Code"]) for e in errors] == [("k", "AccessDenied")]
    # Neither shortened nor turned into GOVERNANCE, even by the owner with the bypass header.
    for retention in ({"Mode": "COMPLIANCE", "RetainUntilDate": in_seconds(1)}, {"Mode": "GOVERNANCE", "RetainUntilDate": in_seconds(60)}):
        with s3_error("AccessDenied", 403):
            s3.put_object_retention(Bucket=locked_bucket, Key="k", Retention=retention, BypassGovernanceRetention=True)

    # A DELETE without a version id only hides the object behind a delete marker.
    marker = s3.delete_object(Bucket=locked_bucket, Key="k")
    assert marker["DeleteMarker"] is True
    s3.delete_object(Bucket=locked_bucket, Key="k", VersionId=marker["VersionId"])
    assert s3.get_object(Bucket=locked_bucket, Key="k")["Body"].read() == b"kept"

    time.sleep(max(0.0, (until - in_seconds(0)).total_seconds()) + 0.2)
    s3.delete_object(Bucket=locked_bucket, Key="k", VersionId=version)
    with s3_error("NoSuchKey", 404):
        s3.get_object(Bucket=locked_bucket, Key="k")


def test_governance_yields_only_to_the_bypass_permission(s3, stranger, locked_bucket):  # noqa: F811
    s3.put_object_lock_configuration(Bucket=locked_bucket, ObjectLockConfiguration={
        "ObjectLockEnabled": "Enabled", "Rule": {"DefaultRetention": {"Mode": "GOVERNANCE", "Days": 1}}})
    version = s3.put_object(Bucket=locked_bucket, Key="k", Body=b"x")["VersionId"]
    retention = s3.get_object_retention(Bucket=locked_bucket, Key="k", VersionId=version)["Retention"]
    assert retention["Mode"] == "GOVERNANCE"
    assert abs((retention["RetainUntilDate"] - in_seconds(DAY)).total_seconds()) < 60

    me = user_arn(stranger.name)
    objects = f"arn:aws:s3:::{locked_bucket}/*"
    s3.put_bucket_policy(Bucket=locked_bucket, Policy=policy(allow(me, ["s3:DeleteObjectVersion"], objects, "Delete")))
    with s3_error("AccessDenied", 403):
        stranger.s3.delete_object(Bucket=locked_bucket, Key="k", VersionId=version)
    # Asking to bypass without the permission changes nothing.
    with s3_error("AccessDenied", 403):
        stranger.s3.delete_object(Bucket=locked_bucket, Key="k", VersionId=version, BypassGovernanceRetention=True)
    s3.put_bucket_policy(Bucket=locked_bucket, Policy=policy(
        allow(me, ["s3:DeleteObjectVersion", "s3:BypassGovernanceRetention"], objects, "Bypass")))
    with s3_error("AccessDenied", 403):
        stranger.s3.delete_object(Bucket=locked_bucket, Key="k", VersionId=version)
    stranger.s3.delete_object(Bucket=locked_bucket, Key="k", VersionId=version, BypassGovernanceRetention=True)
    assert "Versions" not in s3.list_object_versions(Bucket=locked_bucket)
    # DeleteObjects bypasses, key by key, with the same header and permission.
    version = s3.put_object(Bucket=locked_bucket, Key="k", Body=b"x")["VersionId"]
    batch = {"Objects": [{"Key": "k", "VersionId": version}]}
    assert [e["Code"] for e in stranger.s3.delete_objects(Bucket=locked_bucket, Delete=batch)["Errors"]] == ["AccessDenied"]
    assert "Errors" not in stranger.s3.delete_objects(Bucket=locked_bucket, Delete=batch, BypassGovernanceRetention=True)

    # A GOVERNANCE retention extends freely, and shortens only with the bypass.
    s3.put_object(Bucket=locked_bucket, Key="r", Body=b"x")
    s3.put_object_retention(Bucket=locked_bucket, Key="r", Retention={"Mode": "GOVERNANCE", "RetainUntilDate": in_seconds(2 * DAY)})
    with s3_error("AccessDenied", 403):
        s3.put_object_retention(Bucket=locked_bucket, Key="r", Retention={"Mode": "GOVERNANCE", "RetainUntilDate": in_seconds(60)})
    s3.put_object_retention(Bucket=locked_bucket, Key="r", Retention={"Mode": "GOVERNANCE", "RetainUntilDate": in_seconds(60)},
                            BypassGovernanceRetention=True)
    # Locking needs its own permissions, as does reading the lock.
    s3.put_bucket_policy(Bucket=locked_bucket, Policy=policy(allow(me, ["s3:PutObject", "s3:GetObject"], objects, "Write")))
    denied(stranger.s3.put_object, Bucket=locked_bucket, Key="s", Body=b"x", ObjectLockLegalHoldStatus="ON")
    denied(stranger.s3.put_object, Bucket=locked_bucket, Key="s", Body=b"x", ObjectLockMode="GOVERNANCE",
           ObjectLockRetainUntilDate=in_seconds(60))
    denied(stranger.s3.get_object_retention, Bucket=locked_bucket, Key="r")
    # HEAD shows a version's lock only to who may read it.
    assert "ObjectLockMode" not in stranger.s3.head_object(Bucket=locked_bucket, Key="r")
    s3.put_bucket_policy(Bucket=locked_bucket, Policy=policy(allow(me, ["s3:GetObject", "s3:GetObjectRetention"], objects, "Read")))
    assert stranger.s3.head_object(Bucket=locked_bucket, Key="r")["ObjectLockMode"] == "GOVERNANCE"
    denied(stranger.s3.put_object_legal_hold, Bucket=locked_bucket, Key="r", LegalHold={"Status": "ON"})


def test_retention_errors(s3, locked_bucket):
    s3.put_object(Bucket=locked_bucket, Key="k", Body=b"x")
    with s3_error("NoSuchObjectLockConfiguration", 404):
        s3.get_object_retention(Bucket=locked_bucket, Key="k")
    with s3_error("InvalidRequest", 400):
        s3.put_object_retention(Bucket=locked_bucket, Key="k", Retention={"Mode": "GOVERNANCE",
                                                                         "RetainUntilDate": in_seconds(-60)})
    with s3_error("MalformedXML", 400):
        s3.put_object_retention(Bucket=locked_bucket, Key="k", Retention={"Mode": "governance", "RetainUntilDate": in_seconds(60)})
    with s3_error("InvalidArgument", 400):
        s3.put_object(Bucket=locked_bucket, Key="k", Body=b"x", ObjectLockMode="GOVERNANCE")
    with s3_error("InvalidArgument", 400):
        s3.put_object(Bucket=locked_bucket, Key="k", Body=b"x", ObjectLockMode="COMPLIANCE", ObjectLockRetainUntilDate=in_seconds(-60))
    with s3_error("NoSuchKey", 404):
        s3.get_object_retention(Bucket=locked_bucket, Key="missing")


def test_legal_hold_protects_until_lifted(s3, locked_bucket):
    version = s3.put_object(Bucket=locked_bucket, Key="k", Body=b"x", ObjectLockLegalHoldStatus="ON")["VersionId"]
    assert s3.head_object(Bucket=locked_bucket, Key="k")["ObjectLockLegalHoldStatus"] == "ON"
    assert s3.get_object_legal_hold(Bucket=locked_bucket, Key="k")["LegalHold"] == {"Status": "ON"}
    with s3_error("AccessDenied", 403):
        s3.delete_object(Bucket=locked_bucket, Key="k", VersionId=version, BypassGovernanceRetention=True)
    with s3_error("MalformedXML", 400):
        s3.put_object_legal_hold(Bucket=locked_bucket, Key="k", LegalHold={"Status": "abc"})
    s3.put_object_legal_hold(Bucket=locked_bucket, Key="k", VersionId=version, LegalHold={"Status": "OFF"})
    assert s3.get_object_legal_hold(Bucket=locked_bucket, Key="k")["LegalHold"] == {"Status": "OFF"}
    s3.delete_object(Bucket=locked_bucket, Key="k", VersionId=version)


def test_copies_and_multipart_uploads_get_their_own_lock(s3, locked_bucket):
    s3.put_object(Bucket=locked_bucket, Key="src", Body=b"x", ObjectLockLegalHoldStatus="ON")
    s3.copy_object(Bucket=locked_bucket, Key="copy", CopySource={"Bucket": locked_bucket, "Key": "src"})
    head = s3.head_object(Bucket=locked_bucket, Key="copy")
    assert "ObjectLockLegalHoldStatus" not in head and "ObjectLockMode" not in head
    s3.copy_object(Bucket=locked_bucket, Key="copy", CopySource={"Bucket": locked_bucket, "Key": "src"},
                   ObjectLockMode="GOVERNANCE", ObjectLockRetainUntilDate=in_seconds(600))
    assert s3.head_object(Bucket=locked_bucket, Key="copy")["ObjectLockMode"] == "GOVERNANCE"

    upload = s3.create_multipart_upload(Bucket=locked_bucket, Key="mp", ObjectLockMode="GOVERNANCE",
                                        ObjectLockRetainUntilDate=in_seconds(600))["UploadId"]
    etag = s3.upload_part(Bucket=locked_bucket, Key="mp", UploadId=upload, PartNumber=1, Body=b"data")["ETag"]
    version = s3.complete_multipart_upload(Bucket=locked_bucket, Key="mp", UploadId=upload,
                                           MultipartUpload={"Parts": [{"PartNumber": 1, "ETag": etag}]})["VersionId"]
    with s3_error("AccessDenied", 403):
        s3.delete_object(Bucket=locked_bucket, Key="mp", VersionId=version)


def test_awscli_object_lock(aws, s3, tmp_path):
    name = unique_name("lockcli")
    aws("s3api", "create-bucket", "--bucket", name, "--object-lock-enabled-for-bucket")
    try:
        aws("s3api", "put-object-lock-configuration", "--bucket", name, "--object-lock-configuration",
            json.dumps({"ObjectLockEnabled": "Enabled", "Rule": {"DefaultRetention": {"Mode": "GOVERNANCE", "Days": 1}}}))
        got = json.loads(aws("s3api", "get-object-lock-configuration", "--bucket", name).stdout)
        assert got["ObjectLockConfiguration"]["Rule"]["DefaultRetention"] == {"Mode": "GOVERNANCE", "Days": 1}
        body = tmp_path / "doc.txt"
        body.write_text("locked")
        version = json.loads(aws("s3api", "put-object", "--bucket", name, "--key", "doc.txt", "--body", str(body),
                                 "--object-lock-legal-hold-status", "ON").stdout)["VersionId"]
        head = json.loads(aws("s3api", "head-object", "--bucket", name, "--key", "doc.txt").stdout)
        assert (head["ObjectLockMode"], head["ObjectLockLegalHoldStatus"]) == ("GOVERNANCE", "ON")
        refused = aws("s3api", "delete-object", "--bucket", name, "--key", "doc.txt", "--version-id", version, check=False)
        assert refused.returncode != 0 and "AccessDenied" in refused.stderr
        aws("s3api", "put-object-legal-hold", "--bucket", name, "--key", "doc.txt", "--legal-hold", "Status=OFF")
        refused = aws("s3api", "delete-object", "--bucket", name, "--key", "doc.txt", "--version-id", version, check=False)
        assert refused.returncode != 0 and "AccessDenied" in refused.stderr
        aws("s3api", "delete-object", "--bucket", name, "--key", "doc.txt", "--version-id", version, "--bypass-governance-retention")
    finally:
        unlock_and_delete(s3, name)


def test_lifecycle_leaves_locked_versions_until_their_retention_ends(private_server):  # noqa: F811
    client = s3_client(private_server)
    name = unique_name("locklc")
    client.create_bucket(Bucket=name, ObjectLockEnabledForBucket=True)
    client.put_object_lock_configuration(Bucket=name, ObjectLockConfiguration={
        "ObjectLockEnabled": "Enabled", "Rule": {"DefaultRetention": {"Mode": "GOVERNANCE", "Days": 3}}})
    old = client.put_object(Bucket=name, Key="k", Body=b"old")["VersionId"]
    client.put_object(Bucket=name, Key="k", Body=b"new")
    client.put_bucket_lifecycle_configuration(Bucket=name, LifecycleConfiguration={"Rules": [
        {"ID": "noncurrent", "Filter": {"Prefix": ""}, "Status": "Enabled", "NoncurrentVersionExpiration": {"NoncurrentDays": 1}}]})

    assert run(private_server, advance_days=2)["removedNoncurrentVersions"] == 0
    assert old in [v["VersionId"] for v in client.list_object_versions(Bucket=name)["Versions"]]
    assert run(private_server, advance_days=2)["removedNoncurrentVersions"] == 1
    assert old not in [v["VersionId"] for v in client.list_object_versions(Bucket=name)["Versions"]]


def test_obs_sdk_worm(server, s3):
    obs = ObsClient(access_key_id=server.access_key, secret_access_key=server.secret_key, server=f"http://localhost:{server.port}")
    name = unique_name("worm")
    created = obs.createBucket(name, extensionHeaders={"x-obs-bucket-object-lock-enabled": "true"})
    assert created.status == 200, created.errorMessage
    try:
        answer = obs.setBucketObjectLock(name, ObjectLockConfiguration("Enabled", ObjectLockRule(days=1, mode="COMPLIANCE")))
        assert answer.status == 200, answer.errorMessage
        got = obs.getBucketObjectLock(name)
        assert got.status == 200, got.errorMessage
        assert (got.body.objectLockEnabled, got.body.rule.mode, int(got.body.rule.days)) == ("Enabled", "COMPLIANCE", 1)
        # OBS's WORM knows only COMPLIANCE, and names a malformed rule its own way.
        refused = obs.setBucketObjectLock(name, ObjectLockConfiguration("Enabled", ObjectLockRule(days=1, mode="GOVERNANCE")))
        assert (refused.status, refused.errorCode) == (400, "MalformedObjectLockError")

        s3.put_object_lock_configuration(Bucket=name, ObjectLockConfiguration={"ObjectLockEnabled": "Enabled"})
        put = obs.putContent(name, "doc.txt", "worm")
        assert put.status == 200, put.errorMessage
        until_ms = int((time.time() + 3) * 1000)
        retained = obs.putObjectRetention(name, "doc.txt", "COMPLIANCE", until_ms, versionId=put.body.versionId)
        assert retained.status == 200, retained.errorMessage
        head = obs.getObjectMetadata(name, "doc.txt")
        headers = dict(head.header)
        assert headers["object-lock-mode"] == "COMPLIANCE"  # the SDK strips `x-obs-`
        assert headers["object-lock-retain-until-date"] == time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(until_ms // 1000))
        deleted = obs.deleteObject(name, "doc.txt", versionId=put.body.versionId)
        assert (deleted.status, deleted.errorCode) == (403, "AccessDenied")
    finally:
        unlock_and_delete(s3, name)
