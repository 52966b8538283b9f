"""Bucket operations: ListBuckets, CreateBucket, HeadBucket, DeleteBucket, GetBucketLocation, adopted folders."""
import pytest
import requests
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

from helpers import s3_error, unique_name

DEMO_FILES = {
    "classification/bird_1.png", "classification/cat_1.png", "classification/cat_1.txt",
    "classification/dog_1.png", "classification/dog_1.txt",
    "detection/street_1.png", "detection/street_1.xml", "detection/street_2.png",
}


def test_create_list_head_delete(s3):
    name = unique_name("life")
    created = s3.create_bucket(Bucket=name)
    assert created["ResponseMetadata"]["HTTPStatusCode"] == 200
    assert created["Location"] in (f"/{name}", name)
    listed = s3.list_buckets()
    assert name in [b["Name"] for b in listed["Buckets"]]
    entry = next(b for b in listed["Buckets"] if b["Name"] == name)
    assert entry["CreationDate"] is not None
    assert "ID" in listed["Owner"]
    assert s3.head_bucket(Bucket=name)["ResponseMetadata"]["HTTPStatusCode"] == 200
    assert s3.delete_bucket(Bucket=name)["ResponseMetadata"]["HTTPStatusCode"] == 204
    assert name not in [b["Name"] for b in s3.list_buckets()["Buckets"]]


def moto_accepts(name):
    # moto checks only the length and upper case of bucket names; these are rejected by S3.
    return pytest.param(name, marks=pytest.mark.obslab_only(reason="moto accepts this bucket name"))


@pytest.mark.parametrize("name", ["AB", "a", "ab", "x" * 64, moto_accepts("-ab"), moto_accepts("ab-"),
                                  moto_accepts("a_b"), moto_accepts("192.168.1.1"), moto_accepts("a..b")])
def test_invalid_bucket_names(s3, name):
    with s3_error("InvalidBucketName", 400):
        s3.create_bucket(Bucket=name)
    assert name not in [b["Name"] for b in s3.list_buckets()["Buckets"]]


@pytest.mark.parametrize("name", ["abc", "a.b-c", "0ab", "x" * 63])
def test_valid_bucket_names(s3, name):
    name = name if len(name) == 63 else f"{name}-{unique_name('v')}"[:63]
    s3.create_bucket(Bucket=name)
    try:
        assert s3.head_bucket(Bucket=name)["ResponseMetadata"]["HTTPStatusCode"] == 200
        assert name in [b["Name"] for b in s3.list_buckets()["Buckets"]]
    finally:
        s3.delete_bucket(Bucket=name)


def test_create_existing_bucket(s3, bucket):
    # AWS answers 200 to a repeated CreateBucket by the owner in us-east-1 only (legacy behaviour, obslab's region)
    # and BucketAlreadyOwnedByYou everywhere else; the bucket and its objects stay as they were.
    s3.put_object(Bucket=bucket, Key="kept", Body=b"kept")
    assert s3.create_bucket(Bucket=bucket)["ResponseMetadata"]["HTTPStatusCode"] == 200
    assert s3.get_object(Bucket=bucket, Key="kept")["Body"].read() == b"kept"


def test_head_missing_bucket(s3):
    with s3_error("404", 404):
        s3.head_bucket(Bucket=unique_name("missing"))


def test_delete_missing_bucket(s3):
    with s3_error("NoSuchBucket", 404):
        s3.delete_bucket(Bucket=unique_name("missing"))


def test_delete_non_empty_bucket(s3, bucket):
    s3.put_object(Bucket=bucket, Key="k", Body=b"x")
    with s3_error("BucketNotEmpty", 409):
        s3.delete_bucket(Bucket=bucket)
    s3.head_bucket(Bucket=bucket)
    s3.delete_object(Bucket=bucket, Key="k")
    s3.delete_bucket(Bucket=bucket)
    with s3_error("404", 404):
        s3.head_bucket(Bucket=bucket)


def test_get_bucket_location(s3, bucket):
    location = s3.get_bucket_location(Bucket=bucket)
    # us-east-1 is reported as an empty LocationConstraint.
    assert location.get("LocationConstraint") in (None, "", "us-east-1")
    with s3_error("NoSuchBucket", 404):
        s3.get_bucket_location(Bucket=unique_name("missing"))


def test_adopted_demo_bucket(s3):
    assert "demo" in [b["Name"] for b in s3.list_buckets()["Buckets"]]
    keys = {o["Key"]: o for o in s3.list_objects_v2(Bucket="demo")["Contents"]}
    assert DEMO_FILES <= set(keys)
    body = s3.get_object(Bucket="demo", Key="classification/cat_1.txt")["Body"].read()
    assert body == b"cat\n"
    png = s3.get_object(Bucket="demo", Key="classification/cat_1.png")["Body"].read()
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    assert keys["classification/cat_1.png"]["Size"] == len(png)


def test_virtual_hosted_style(s3_virtual, s3, bucket):
    s3_virtual.put_object(Bucket=bucket, Key="dir/virtual.txt", Body=b"virtual host")
    assert s3.get_object(Bucket=bucket, Key="dir/virtual.txt")["Body"].read() == b"virtual host"
    assert s3_virtual.get_object(Bucket=bucket, Key="dir/virtual.txt")["Body"].read() == b"virtual host"
    assert [o["Key"] for o in s3_virtual.list_objects_v2(Bucket=bucket)["Contents"]] == ["dir/virtual.txt"]
    s3_virtual.head_bucket(Bucket=bucket)


def test_virtual_hosted_style_raw_host_header(server, s3, bucket):
    """The same through a hand-signed request whose Host header names the bucket (no name resolution involved)."""
    s3.put_object(Bucket=bucket, Key="raw.txt", Body=b"raw")
    host = f"{bucket}.localhost:{server.port}"
    request = AWSRequest("GET", f"http://{host}/raw.txt", headers={"Host": host})
    request.headers["x-amz-content-sha256"] = "UNSIGNED-PAYLOAD"
    SigV4Auth(Credentials(server.access_key, server.secret_key), "s3", "us-east-1").add_auth(request)
    response = requests.get(f"http://127.0.0.1:{server.port}/raw.txt", headers=dict(request.headers.items()))
    assert response.status_code == 200, response.text
    assert response.content == b"raw"
