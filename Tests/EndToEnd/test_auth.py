"""Authentication: SigV4 (header, query, signed chunks), SigV2 (header, query), failures and error bodies."""
import datetime
import hashlib
import hmac
import xml.etree.ElementTree as ET

import pytest
from botocore import UNSIGNED

from helpers import STRICT, freeze_signing_time, s3_error, sigv4_headers, unique_name

NO_RETRIES = {"max_attempts": 0}


@pytest.mark.obslab_only(reason="moto does not check signatures")
def test_wrong_secret(server, bucket):
    client = server.client(secret_key="not-the-secret", retries=NO_RETRIES)
    with s3_error("SignatureDoesNotMatch", 403):
        client.list_objects_v2(Bucket=bucket)
    with s3_error("SignatureDoesNotMatch", 403):
        client.put_object(Bucket=bucket, Key="k", Body=b"x")


@pytest.mark.obslab_only(reason="moto does not check access keys")
def test_unknown_access_key(server, bucket):
    client = server.client(access_key="AKIDUNKNOWN0000000000", retries=NO_RETRIES)
    with s3_error("InvalidAccessKeyId", 403):
        client.list_buckets()
    with s3_error("InvalidAccessKeyId", 403):
        client.get_object(Bucket=bucket, Key="k")


@pytest.mark.obslab_only(reason="moto does not check request times")
@pytest.mark.parametrize("skew", [datetime.timedelta(hours=-1), datetime.timedelta(hours=1)])
def test_clock_skew(server, bucket, monkeypatch, skew):
    client = server.client(retries=NO_RETRIES)
    freeze_signing_time(monkeypatch, datetime.datetime.now(datetime.timezone.utc) + skew)
    with s3_error("RequestTimeTooSkewed", 403):
        client.list_objects_v2(Bucket=bucket)


@pytest.mark.obslab_only(reason="moto serves anonymous requests")
def test_anonymous_request(server, http, s3, bucket):
    s3.put_object(Bucket=bucket, Key="private", Body=b"secret")
    response = http.get(f"{server.http}/{bucket}/private")
    assert response.status_code == 403
    assert ET.fromstring(response.content).findtext("Code") == "AccessDenied"
    unsigned = server.client(signature_version=UNSIGNED, retries=NO_RETRIES)
    with s3_error("AccessDenied", 403):
        unsigned.get_object(Bucket=bucket, Key="private")
    with s3_error("AccessDenied", 403):
        unsigned.list_buckets()


def test_sigv2_client(server, s3, bucket):
    v2 = server.client(signature_version="s3")
    v2.put_object(Bucket=bucket, Key="v2/obj ü", Body=b"signed with v2", Metadata={"sig": "v2"},
                  ContentType="text/plain")
    got = v2.get_object(Bucket=bucket, Key="v2/obj ü")
    assert got["Body"].read() == b"signed with v2" and got["Metadata"] == {"sig": "v2"}
    assert [o["Key"] for o in v2.list_objects(Bucket=bucket, Prefix="v2/")["Contents"]] == ["v2/obj ü"]
    assert s3.get_object(Bucket=bucket, Key="v2/obj ü")["ContentType"] == "text/plain"
    v2.delete_object(Bucket=bucket, Key="v2/obj ü")
    assert "Contents" not in s3.list_objects_v2(Bucket=bucket)


@pytest.mark.obslab_only(reason="moto does not check signatures")
def test_sigv2_wrong_secret(server, bucket):
    client = server.client(signature_version="s3", secret_key="wrong", retries=NO_RETRIES)
    with s3_error("SignatureDoesNotMatch", 403):
        client.list_objects(Bucket=bucket)


def test_sigv2_presigned_url(server, http, s3, bucket):
    s3.put_object(Bucket=bucket, Key="shared file.txt", Body=b"v2 presigned")
    v2 = server.client(signature_version="s3")
    url = v2.generate_presigned_url("get_object", Params={"Bucket": bucket, "Key": "shared file.txt"}, ExpiresIn=120)
    assert "Signature=" in url and "AWSAccessKeyId=" in url and "Expires=" in url
    response = http.get(url)
    assert response.status_code == 200, response.text
    assert response.content == b"v2 presigned"
    if STRICT:  # moto does not check presigned signatures
        tampered = http.get(url.replace("Signature=", "Signature=AAAA"))
        assert tampered.status_code == 403
        assert ET.fromstring(tampered.content).findtext("Code") == "SignatureDoesNotMatch"


@pytest.mark.obslab_only(reason="moto does not check presigned URL expiry")
def test_sigv2_presigned_url_expired(server, http, s3, bucket):
    s3.put_object(Bucket=bucket, Key="k", Body=b"x")
    url = server.client(signature_version="s3").generate_presigned_url(
        "get_object", Params={"Bucket": bucket, "Key": "k"}, ExpiresIn=-10)
    response = http.get(url)
    assert response.status_code == 403
    assert ET.fromstring(response.content).findtext("Code") == "AccessDenied"


def test_error_body_is_s3_xml(server, http, bucket):
    url = f"{server.http}/{bucket}/no/such/key"
    response = http.get(url, headers=sigv4_headers(server.access_key, server.secret_key, "GET", url))
    assert response.status_code == 404
    assert response.headers["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)
    assert root.tag == "Error"
    assert root.findtext("Code") == "NoSuchKey"
    assert root.findtext("Message")
    if STRICT:  # moto leaves out Resource and RequestId
        assert root.findtext("Resource") == f"/{bucket}/no/such/key"
        assert root.findtext("RequestId")
        assert response.headers.get("x-amz-request-id") == root.findtext("RequestId")


def test_error_body_for_bucket_errors(server, http):
    missing = unique_name("missing")
    url = f"{server.http}/{missing}"
    response = http.get(url, headers=sigv4_headers(server.access_key, server.secret_key, "GET", url))
    assert response.status_code == 404
    root = ET.fromstring(response.content)
    assert root.findtext("Code") == "NoSuchBucket"
    if STRICT:  # moto leaves out BucketName and RequestId
        assert root.findtext("BucketName") == missing
        assert root.findtext("RequestId")


def _signing_key(secret: str, date: str) -> bytes:
    key = f"AWS4{secret}".encode()
    for part in (date, "us-east-1", "s3", "aws4_request"):
        key = hmac.new(key, part.encode(), hashlib.sha256).digest()
    return key


def signed_chunked_body(server, url, data: bytes, chunk_size: int, corrupt: bool = False):
    """A STREAMING-AWS4-HMAC-SHA256-PAYLOAD upload (what the Java and Go SDKs send over HTTP): each chunk carries
    a signature chained from the seed signature of the headers."""
    sizes = list(range(0, len(data), chunk_size))
    body_length = sum(len(f"{min(chunk_size, len(data) - s):x};chunk-signature=") + 64 + 4
                      + min(chunk_size, len(data) - s) for s in sizes) + len("0;chunk-signature=") + 64 + 4
    headers = sigv4_headers(server.access_key, server.secret_key, "PUT", url, {
        "Content-Encoding": "aws-chunked", "x-amz-decoded-content-length": str(len(data)),
        "Content-Length": str(body_length)}, payload_hash="STREAMING-AWS4-HMAC-SHA256-PAYLOAD")
    timestamp = headers["X-Amz-Date"]
    scope = f"{timestamp[:8]}/us-east-1/s3/aws4_request"
    key = _signing_key(server.secret_key, timestamp[:8])
    previous = headers["Authorization"].rsplit("Signature=", 1)[1]
    empty = hashlib.sha256(b"").hexdigest()
    body = bytearray()
    for chunk in [data[s:s + chunk_size] for s in sizes] + [b""]:
        to_sign = "\n".join(["AWS4-HMAC-SHA256-PAYLOAD", timestamp, scope, previous, empty,
                             hashlib.sha256(chunk).hexdigest()])
        signature = hmac.new(key, to_sign.encode(), hashlib.sha256).hexdigest()
        if corrupt and chunk:
            signature = "0" * 64
        body += f"{len(chunk):x};chunk-signature={signature}\r\n".encode() + chunk + b"\r\n"
        previous = signature
    assert len(body) == body_length
    return headers, bytes(body)


def test_signed_streaming_upload(server, http, s3, bucket):
    data = bytes(range(256)) * 300
    url = f"{server.http}/{bucket}/streamed"
    headers, body = signed_chunked_body(server, url, data, chunk_size=16 * 1024)
    response = http.put(url, data=body, headers=headers)
    assert response.status_code == 200, response.text
    got = s3.get_object(Bucket=bucket, Key="streamed")
    assert got["Body"].read() == data
    assert "aws-chunked" not in (got.get("ContentEncoding") or "")


@pytest.mark.obslab_only(reason="moto does not check chunk signatures")
def test_signed_streaming_upload_bad_chunk_signature(server, http, s3, bucket):
    url = f"{server.http}/{bucket}/streamed-bad"
    headers, body = signed_chunked_body(server, url, b"z" * 40000, chunk_size=16 * 1024, corrupt=True)
    response = http.put(url, data=body, headers=headers)
    assert response.status_code == 403
    assert ET.fromstring(response.content).findtext("Code") == "SignatureDoesNotMatch"
    with s3_error("NoSuchKey", 404):
        s3.get_object(Bucket=bucket, Key="streamed-bad")


@pytest.mark.obslab_only(reason="moto does not check payload hashes")
def test_payload_hash_mismatch(server, http, bucket):
    url = f"{server.http}/{bucket}/hash"
    headers = sigv4_headers(server.access_key, server.secret_key, "PUT", url,
                            payload_hash=hashlib.sha256(b"declared body").hexdigest())
    response = http.put(url, data=b"another body", headers=headers)
    assert response.status_code in (400, 403)
    assert ET.fromstring(response.content).findtext("Code") in ("XAmzContentSHA256Mismatch", "SignatureDoesNotMatch")


def test_credentials_in_banner(server):
    if server.kind != "obslab":
        pytest.skip("only obslab prints a banner")
    text = server.log()  # the endpoint lines come when the listeners are bound, possibly after the others
    assert f"obslab S3 endpoint: {server.http}" in text
    assert f"obslab S3 endpoint (TLS): {server.https}" in text
    assert f"obslab access key: {server.access_key}" in text
    assert f"obslab secret key: {server.secret_key}" in text
    assert f"obslab data root: {server.data_dir}" in text
