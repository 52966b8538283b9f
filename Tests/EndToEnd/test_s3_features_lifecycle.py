"""Lifecycle (issue 13): `?lifecycle` stored and returned, and its rules applied by the server's lifecycle task, whose
clock the tests drive through the admin API (`POST /-/admin/lifecycle/run` with `advanceSeconds`). Each test that moves
the clock gets a server of its own, since the clock only goes forward."""
import json

import pytest
import requests
from obs import Expiration, Lifecycle, NoncurrentVersionExpiration, ObsClient, Rule

from helpers import s3_error, sigv4_headers, unique_name
from servers import s3_client, start_obslab

pytestmark = pytest.mark.obslab_only(reason="the lifecycle clock is obslab's admin API")

DAY = 86_400


@pytest.fixture
def private_server(tmp_path):
    """A server of its own with the background task off: only `run()` applies the rules."""
    data = tmp_path / "data"
    data.mkdir()
    server = start_obslab(data, tmp_path, extra_args=["--lifecycle-interval", "0"])
    yield server
    server.stop()


@pytest.fixture
def client(private_server):
    return s3_client(private_server)


def run(server, advance_days: float = 0) -> dict:
    url = f"{server.http}/-/admin/lifecycle/run"
    body = json.dumps({"advanceSeconds": advance_days * DAY}).encode()
    headers = sigv4_headers(server.access_key, server.secret_key, "POST", url, {"Content-Type": "application/json"})
    answer = requests.post(url, data=body, headers=headers)
    assert answer.status_code == 200, answer.text
    return answer.json()


def keys(client, bucket) -> list[str]:
    return [o["Key"] for o in client.list_objects_v2(Bucket=bucket).get("Contents", [])]


def test_configuration_round_trip_and_validation(s3, bucket):
    with s3_error("NoSuchLifecycleConfiguration", 404):
        s3.get_bucket_lifecycle_configuration(Bucket=bucket)
    rules = [
        {"ID": "tmp", "Filter": {"Prefix": "tmp/"}, "Status": "Enabled", "Expiration": {"Days": 30}},
        {"ID": "old", "Filter": {"And": {"Prefix": "logs/", "Tags": [{"Key": "keep", "Value": "no"}]}}, "Status": "Disabled",
         "NoncurrentVersionExpiration": {"NoncurrentDays": 7}},
        {"ID": "uploads", "Filter": {"Prefix": ""}, "Status": "Enabled", "AbortIncompleteMultipartUpload": {"DaysAfterInitiation": 2}},
    ]
    s3.put_bucket_lifecycle_configuration(Bucket=bucket, LifecycleConfiguration={"Rules": rules})
    assert s3.get_bucket_lifecycle_configuration(Bucket=bucket)["Rules"] == rules

    refused = [
        ("InvalidArgument", [{"ID": "a", "Filter": {"Prefix": ""}, "Status": "Enabled", "Expiration": {"Days": 0}}]),
        ("InvalidArgument", [{"ID": "a", "Filter": {"Prefix": ""}, "Status": "Enabled", "Expiration": {"Days": 1}},
                             {"ID": "a", "Filter": {"Prefix": "x"}, "Status": "Enabled", "Expiration": {"Days": 1}}]),
        ("InvalidRequest", [{"ID": "a", "Filter": {"Prefix": ""}, "Status": "Enabled"}]),
        ("NotImplemented", [{"ID": "a", "Filter": {"Prefix": ""}, "Status": "Enabled",
                             "Transitions": [{"Days": 30, "StorageClass": "GLACIER"}]}]),
    ]
    for code, bad in refused:
        with s3_error(code):
            s3.put_bucket_lifecycle_configuration(Bucket=bucket, LifecycleConfiguration={"Rules": bad})
    assert s3.get_bucket_lifecycle_configuration(Bucket=bucket)["Rules"] == rules
    assert s3.delete_bucket_lifecycle(Bucket=bucket)["ResponseMetadata"]["HTTPStatusCode"] == 204
    with s3_error("NoSuchLifecycleConfiguration", 404):
        s3.get_bucket_lifecycle_configuration(Bucket=bucket)


def test_current_versions_expire_after_the_driven_clock_passes(private_server, client):
    bucket = unique_name("lc")
    client.create_bucket(Bucket=bucket)
    for key in ("tmp/a", "tmp/b", "keep/c"):
        client.put_object(Bucket=bucket, Key=key, Body=b"x")
    client.put_object(Bucket=bucket, Key="tmp/tagged-keep", Body=b"x", Tagging="retain=yes")
    client.put_bucket_lifecycle_configuration(Bucket=bucket, LifecycleConfiguration={"Rules": [
        {"ID": "tmp", "Filter": {"Prefix": "tmp/"}, "Status": "Enabled", "Expiration": {"Days": 30}},
        {"ID": "tagged", "Filter": {"Tag": {"Key": "retain", "Value": "no"}}, "Status": "Enabled", "Expiration": {"Days": 1}},
    ]})
    assert run(private_server, 29)["expiredObjects"] == 0
    assert sorted(keys(client, bucket)) == ["keep/c", "tmp/a", "tmp/b", "tmp/tagged-keep"]
    report = run(private_server, 2)
    assert report["expiredObjects"] == 3
    assert keys(client, bucket) == ["keep/c"]


def test_versions_markers_and_uploads(private_server, client):
    bucket = unique_name("lc")
    client.create_bucket(Bucket=bucket)
    client.put_bucket_versioning(Bucket=bucket, VersioningConfiguration={"Status": "Enabled"})
    old = client.put_object(Bucket=bucket, Key="doc", Body=b"v1")["VersionId"]
    client.put_object(Bucket=bucket, Key="doc", Body=b"v2")
    client.put_object(Bucket=bucket, Key="gone", Body=b"x")
    client.delete_object(Bucket=bucket, Key="gone")
    client.put_object(Bucket=bucket, Key="gone", Body=b"y")  # "gone" now has two versions
    upload = client.create_multipart_upload(Bucket=bucket, Key="big")["UploadId"]
    client.put_bucket_lifecycle_configuration(Bucket=bucket, LifecycleConfiguration={"Rules": [
        {"ID": "noncurrent", "Filter": {"Prefix": ""}, "Status": "Enabled", "NoncurrentVersionExpiration": {"NoncurrentDays": 10}},
        {"ID": "current", "Filter": {"Prefix": "doc"}, "Status": "Enabled", "Expiration": {"Days": 20}},
        {"ID": "uploads", "Filter": {"Prefix": ""}, "Status": "Enabled", "AbortIncompleteMultipartUpload": {"DaysAfterInitiation": 7}},
    ]})
    assert run(private_server, 5) == {**run(private_server, 0), "expiredObjects": 0, "removedNoncurrentVersions": 0,
                                      "removedDeleteMarkers": 0, "abortedUploads": 0}
    report = run(private_server, 6)
    assert (report["removedNoncurrentVersions"], report["abortedUploads"]) == (3, 1)
    versions = client.list_object_versions(Bucket=bucket)
    assert old not in [v["VersionId"] for v in versions.get("Versions", [])]
    assert [(v["Key"], v["IsLatest"]) for v in versions["Versions"]] == [("doc", True), ("gone", True)]
    with s3_error("NoSuchUpload", 404):
        client.list_parts(Bucket=bucket, Key="big", UploadId=upload)

    # The current version of doc expires into a delete marker; ten days later its version is removed for good, and the
    # marker, left alone, with it.
    assert run(private_server, 10)["expiredObjects"] == 1
    assert keys(client, bucket) == ["gone"]
    report = run(private_server, 11)
    assert (report["removedNoncurrentVersions"], report["removedDeleteMarkers"]) == (1, 1)
    assert [v["Key"] for v in client.list_object_versions(Bucket=bucket)["Versions"]] == ["gone"]

    # A delete marker with nothing behind it goes with ExpiredObjectDeleteMarker.
    client.delete_object(Bucket=bucket, Key="never-written")
    client.put_bucket_lifecycle_configuration(Bucket=bucket, LifecycleConfiguration={"Rules": [
        {"ID": "markers", "Filter": {"Prefix": ""}, "Status": "Enabled", "Expiration": {"ExpiredObjectDeleteMarker": True}}]})
    assert run(private_server)["removedDeleteMarkers"] == 1
    assert "DeleteMarkers" not in client.list_object_versions(Bucket=bucket)


def test_awscli_and_obs_sdk_lifecycle(server, aws, bucket):
    document = json.dumps({"Rules": [{"ID": "cli", "Filter": {"Prefix": "tmp/"}, "Status": "Enabled", "Expiration": {"Days": 3}}]})
    aws("s3api", "put-bucket-lifecycle-configuration", "--bucket", bucket, "--lifecycle-configuration", document)
    got = json.loads(aws("s3api", "get-bucket-lifecycle-configuration", "--bucket", bucket).stdout)
    assert got["Rules"][0]["Expiration"] == {"Days": 3}

    client = ObsClient(access_key_id=server.access_key, secret_access_key=server.secret_key,
                       server=f"http://localhost:{server.port}")
    try:
        rule = Rule(id="obs", prefix="logs/", status="Enabled", expiration=Expiration(days=60),
                    noncurrentVersionExpiration=NoncurrentVersionExpiration(noncurrentDays=30))
        assert client.setBucketLifecycle(bucket, Lifecycle(rule=[rule])).status == 200
        stored = client.getBucketLifecycle(bucket)
        assert stored.status == 200
        (read,) = stored.body.lifecycleConfig.rule
        assert (read.id, read.prefix, read.expiration.days, read.noncurrentVersionExpiration.noncurrentDays) == ("obs", "logs/", 60, 30)
        assert client.deleteBucketLifecycle(bucket).status == 204
        assert client.getBucketLifecycle(bucket).errorCode == "NoSuchLifecycleConfiguration"
    finally:
        client.close()
