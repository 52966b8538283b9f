"""The Huawei OBS SDK (esdk-obs-python) against obslab, changing nothing but the server address.

Every test runs with the SDK in four settings:
- `obs`: the SDK's defaults. It negotiates the dialect (`HEAD /[bucket]?apiversion`, answered `x-obs-api: 3.0`) and then
  signs `OBS AK:signature` with `x-obs-*` headers. The server is named `localhost`, not 127.0.0.1: esdk-obs-python
  3.26 turns negotiation off and falls back from `obs` to `v2` whenever addressing is path-style, and it forces
  path-style for an IP address. So this variant uses the SDK's default virtual-hosted addressing
  (`<bucket>.localhost`, which servers.py resolves to the loopback address as RFC 6761 has it).
- `ip-defaults`: the SDK's defaults again, on `http://127.0.0.1:PORT`. This is the SDK's own path-style case: it
  forces path-style for an IP address and therefore, by itself, turns negotiation off and signs `v2`. Negotiation on
  *and* path-style together is a state no release of the SDK can be put in (3.20 to 3.26 all do the above).
- `v4` and `v2`: `signature='v4'` / `signature='v2'` on `http://127.0.0.1:PORT`, path-style (negotiation off): AWS
  signatures with `x-amz-*` headers, through the same SDK code.
"""
from __future__ import annotations

import base64
import email.utils
import hashlib
import hmac
import http.client
import os
import time
import xml.etree.ElementTree as ET

import pytest
import requests
from obs import (CompleteMultipartUploadRequest, CompletePart, CopyObjectHeader, CreateBucketHeader,
                 DeleteObjectsRequest, GetObjectHeader, GetObjectRequest, Object, ObsClient, PutObjectHeader, SseKmsHeader,
                 Versions)

from helpers import md5_hex, multipart_etag, sigv4_headers, unique_name

pytestmark = pytest.mark.obslab_only(reason="moto does not speak the OBS dialect")

MiB = 1024 * 1024
OBS_NAMESPACE = "http://obs.myhwclouds.com/doc/2015-06-30/"
SCHEMES = {"obs": "OBS ", "ip-defaults": "AWS ", "v4": "AWS4-HMAC-SHA256 ", "v2": "AWS "}


def make_client(server, variant: str, secret_key: str | None = None) -> ObsClient:
    secret = secret_key or server.secret_key
    if variant == "obs":
        return ObsClient(access_key_id=server.access_key, secret_access_key=secret, server=f"http://localhost:{server.port}")
    if variant == "ip-defaults":
        client = ObsClient(access_key_id=server.access_key, secret_access_key=secret, server=server.http)
        assert (client.path_style, client.is_signature_negotiation, client.signature) == (True, False, "v2")
        return client
    return ObsClient(access_key_id=server.access_key, secret_access_key=secret, server=server.http, signature=variant,
                     path_style=True)


@pytest.fixture(params=["obs", "ip-defaults", "v4", "v2"])
def variant(request) -> str:
    return request.param


@pytest.fixture
def obs(server, variant):
    client = make_client(server, variant)
    yield client
    client.close()


class Wire:
    """What the SDK puts on the wire: the request lines and headers sent through http.client."""

    def __init__(self):
        self.requests: list[tuple[str, str, dict]] = []

    def authorizations(self) -> list[str]:
        return [headers["authorization"] for _, _, headers in self.requests if "authorization" in headers]


@pytest.fixture
def wire(monkeypatch):
    recorded = Wire()
    real_putrequest, real_putheader = http.client.HTTPConnection.putrequest, http.client.HTTPConnection.putheader

    def putrequest(self, method, url, *args, **kwargs):
        recorded.requests.append((method, url, {}))
        return real_putrequest(self, method, url, *args, **kwargs)

    def putheader(self, header, *values):
        if recorded.requests:
            name = header.decode() if isinstance(header, bytes) else header
            recorded.requests[-1][2][name.lower()] = ", ".join(v.decode() if isinstance(v, bytes) else str(v) for v in values)
        return real_putheader(self, header, *values)

    monkeypatch.setattr(http.client.HTTPConnection, "putrequest", putrequest)
    monkeypatch.setattr(http.client.HTTPConnection, "putheader", putheader)
    return recorded


def ok(response, status: int = 200):
    """The SDK returns results rather than raising: check the status and hand the result back."""
    assert response.status == status, f"HTTP {response.status} {response.errorCode}: {response.errorMessage}"
    return response


def headers_of(response) -> dict:
    return dict(response.header)


def obs_request(server, method: str, bucket: str = "", key: str = "", query: str = "", headers: dict | None = None,
                body: bytes = b"", secret: str | None = None) -> requests.Response:
    """A path-style request signed by hand with the OBS signature (HMAC-SHA1 over the documented string to sign)."""
    headers = dict(headers or {})
    if "x-obs-date" not in headers:
        headers["Date"] = email.utils.formatdate(usegmt=True)
    lower = {k.lower(): v for k, v in headers.items()}
    obs_headers = "".join(f"{k}:{lower[k].strip()}\n" for k in sorted(lower) if k.startswith("x-obs-"))
    resource = "/" + bucket + ("/" + key if key else "")
    subresources = [part for part in query.split("&") if part.split("=")[0] in {"versions", "uploads", "uploadId", "delete", "encryption"}]
    if subresources:
        resource += "?" + "&".join(sorted(subresources))
    date = "" if "x-obs-date" in lower else lower.get("date", "")
    string_to_sign = f"{method}\n{lower.get('content-md5', '')}\n{lower.get('content-type', '')}\n{date}\n{obs_headers}{resource}"
    mac = hmac.new((secret or server.secret_key).encode(), string_to_sign.encode(), hashlib.sha1).digest()
    headers["Authorization"] = f"OBS {server.access_key}:{base64.b64encode(mac).decode()}"
    url = f"{server.http}{resource.split('?')[0]}" + (f"?{query}" if query else "")
    return requests.request(method, url, headers=headers, data=body)


# --- Negotiation and authentication -------------------------------------------------------------------------


def test_negotiation_answers_x_obs_api(server, bucket):
    for path in ("/", f"/{bucket}"):
        response = requests.head(f"{server.http}{path}?apiversion")
        assert response.status_code == 200
        assert response.headers["x-obs-api"] == "3.0"
    assert requests.head(f"{server.http}/{unique_name('missing')}?apiversion").status_code == 404
    # Without ?apiversion an anonymous HEAD is still refused.
    assert requests.head(f"{server.http}/{bucket}").status_code == 403


def test_each_variant_signs_as_configured(server, obs, variant, bucket, wire):
    ok(obs.putContent(bucket, "signed", "x"))
    ok(obs.getObject(bucket, "signed", loadStreamInMemory=True))
    authorizations = wire.authorizations()
    assert authorizations and all(a.startswith(SCHEMES[variant]) for a in authorizations), authorizations
    negotiations = [(method, url, headers) for method, url, headers in wire.requests if "apiversion" in url]
    if variant == "obs":
        # One unauthenticated HEAD of the bucket (virtual-hosted: `/` on <bucket>.localhost), cached for later calls.
        assert [(method, url) for method, url, _ in negotiations] == [("HEAD", "/?apiversion")]
        assert negotiations[0][2]["host"] == f"{bucket}.localhost:{server.port}"
        assert "authorization" not in negotiations[0][2]
    else:
        assert negotiations == []


def test_wrong_secret_is_signature_does_not_match(server, variant, bucket):
    client = make_client(server, variant, secret_key="not-the-secret")
    try:
        result = client.listObjects(bucket)
        assert result.status == 403
        assert result.errorCode == "SignatureDoesNotMatch"
        put = client.putContent(bucket, "k", "x")
        assert (put.status, put.errorCode) == (403, "SignatureDoesNotMatch")
    finally:
        client.close()


def test_obs_signature_error_body_is_the_s3_one(server, bucket):
    response = obs_request(server, "GET", bucket, "k", secret="wrong")
    assert response.status_code == 403
    root = ET.fromstring(response.content)
    assert root.tag == "Error"
    assert root.findtext("Code") == "SignatureDoesNotMatch"
    assert root.findtext("Message") == ("The request signature we calculated does not match the signature you provided. "
                                        "Check your key and signing method.")
    assert root.findtext("StringToSign").endswith(f"\n/{bucket}/k")
    assert root.findtext("RequestId") == response.headers["x-obs-request-id"]
    assert "x-amz-request-id" not in response.headers


def test_x_obs_date_stands_in_for_date(server, bucket):
    now = email.utils.formatdate(usegmt=True)
    put = obs_request(server, "PUT", bucket, "dated", body=b"x", headers={"x-obs-date": now})
    assert put.status_code == 200, put.text
    skewed = email.utils.formatdate(time.time() - 3600, usegmt=True)
    late = obs_request(server, "GET", bucket, "dated", headers={"x-obs-date": skewed})
    assert late.status_code == 403 and ET.fromstring(late.content).findtext("Code") == "RequestTimeTooSkewed"


# --- Wire format of the OBS dialect -------------------------------------------------------------------------


def test_obs_responses_use_obs_headers_and_namespace(server, s3, bucket):
    s3.put_bucket_versioning(Bucket=bucket, VersioningConfiguration={"Status": "Enabled"})
    put = obs_request(server, "PUT", bucket, "dialect.txt", body=b"obs body",
                      headers={"Content-Type": "text/plain", "x-obs-meta-colour": "blue", "x-obs-acl": "private",
                               "x-obs-storage-class": "STANDARD"})
    assert put.status_code == 200, put.text
    assert put.headers["x-obs-version-id"] and put.headers["x-obs-request-id"]
    assert not [name for name in put.headers if name.lower().startswith("x-amz-")]

    head = obs_request(server, "HEAD", bucket, "dialect.txt")
    assert head.headers["x-obs-meta-colour"] == "blue"
    assert head.headers["x-obs-version-id"] == put.headers["x-obs-version-id"]
    assert head.headers["ETag"] == f'"{md5_hex(b"obs body")}"'

    listing = obs_request(server, "GET", bucket)
    assert listing.status_code == 200
    assert ET.fromstring(listing.content).tag == f"{{{OBS_NAMESPACE}}}ListBucketResult"

    deleted = obs_request(server, "DELETE", bucket, "dialect.txt")
    assert deleted.status_code == 204
    assert deleted.headers["x-obs-delete-marker"] == "true"
    missing = obs_request(server, "GET", bucket, "dialect.txt")
    assert missing.status_code == 404 and missing.headers["x-obs-delete-marker"] == "true"

    # The same object seen in the S3 dialect keeps S3's names and namespace.
    url = f"{server.http}/{bucket}?versions"
    s3_listing = requests.get(url, headers=sigv4_headers(server.access_key, server.secret_key, "GET", url))
    assert ET.fromstring(s3_listing.content).tag == "{http://s3.amazonaws.com/doc/2006-03-01/}ListVersionsResult"
    assert "x-amz-request-id" in s3_listing.headers and "x-obs-request-id" not in s3_listing.headers


def test_obs_copy_headers(server, bucket):
    assert obs_request(server, "PUT", bucket, "src", body=b"copy me", headers={"x-obs-meta-a": "1"}).status_code == 200
    copied = obs_request(server, "PUT", bucket, "dst", headers={"x-obs-copy-source": f"/{bucket}/src",
                                                                 "x-obs-metadata-directive": "REPLACE",
                                                                 "x-obs-meta-b": "2"})
    assert copied.status_code == 200, copied.text
    assert ET.fromstring(copied.content).tag == f"{{{OBS_NAMESPACE}}}CopyObjectResult"
    head = obs_request(server, "HEAD", bucket, "dst")
    assert head.headers["x-obs-meta-b"] == "2" and "x-obs-meta-a" not in head.headers


# --- Buckets ------------------------------------------------------------------------------------------------


def test_bucket_lifecycle(obs, variant):
    name = unique_name("obs")
    ok(obs.createBucket(name, header=CreateBucketHeader(aclControl="private"), location="us-east-1"))
    try:
        ok(obs.headBucket(name))
        metadata = ok(obs.getBucketMetadata(name)).body
        assert metadata.location == "us-east-1"
        if variant == "obs":
            assert metadata.storageClass == "STANDARD"
            assert metadata.obsVersion == "3.0"
        listed = ok(obs.listBuckets()).body
        assert name in [b.name for b in listed.buckets]
        assert all(b.create_date for b in listed.buckets)
    finally:
        ok(obs.deleteBucket(name), 204)
    assert obs.headBucket(name).status == 404
    assert name not in [b.name for b in ok(obs.listBuckets()).body.buckets]


def test_delete_non_empty_bucket_fails(obs, bucket):
    ok(obs.putContent(bucket, "k", "x"))
    result = obs.deleteBucket(bucket)
    assert (result.status, result.errorCode) == (409, "BucketNotEmpty")


# --- Objects ------------------------------------------------------------------------------------------------


def test_put_content_and_read_back(obs, bucket, tmp_path):
    data = os.urandom(100_000)
    put = ok(obs.putContent(bucket, "dir/content.bin", data, metadata={"colour": "blue", "owner": "Ada"},
                            headers=PutObjectHeader(contentType="image/png", acl="private")))
    assert put.body.etag == f'"{md5_hex(data)}"'

    metadata = ok(obs.getObjectMetadata(bucket, "dir/content.bin"))
    assert metadata.body.etag == put.body.etag
    assert metadata.body.contentLength == len(data)
    assert metadata.body.contentType == "image/png"
    assert {k: v for k, v in headers_of(metadata).items() if k in ("colour", "owner")} == {"colour": "blue", "owner": "Ada"}

    in_memory = ok(obs.getObject(bucket, "dir/content.bin", loadStreamInMemory=True))
    assert in_memory.body.buffer == data
    assert in_memory.body.etag == put.body.etag

    ranged = ok(obs.getObject(bucket, "dir/content.bin", headers=GetObjectHeader(range="10-99"), loadStreamInMemory=True), 206)
    assert ranged.body.buffer == data[10:100]

    target = tmp_path / "downloaded.bin"
    to_file = ok(obs.getObject(bucket, "dir/content.bin", downloadPath=str(target)))
    assert target.read_bytes() == data and to_file.body.url == str(target)

    streamed = ok(obs.getObject(bucket, "dir/content.bin"))
    assert streamed.body.response.read() == data
    streamed.body.response.close()

    overridden = ok(obs.getObject(bucket, "dir/content.bin", getObjectRequest=GetObjectRequest(content_type="text/x-test"),
                                  loadStreamInMemory=True))
    assert overridden.body.contentType == "text/x-test"


def test_put_file(obs, bucket, tmp_path):
    source = tmp_path / "upload.txt"
    source.write_bytes(b"line\n" * 5000)
    put = ok(obs.putFile(bucket, "files/upload.txt", str(source), metadata={"origin": "file"}))
    assert put.body.etag == f'"{md5_hex(source.read_bytes())}"'
    target = tmp_path / "back.txt"
    ok(obs.getObject(bucket, "files/upload.txt", downloadPath=str(target)))
    assert target.read_bytes() == source.read_bytes()


def test_missing_object(obs, bucket):
    result = obs.getObject(bucket, "nothing-here", loadStreamInMemory=True)
    assert (result.status, result.errorCode) == (404, "NoSuchKey")
    assert obs.getObjectMetadata(bucket, "nothing-here").status == 404


def test_copy_object(obs, bucket):
    ok(obs.putContent(bucket, "src", "copy source", metadata={"a": "1"}, headers=PutObjectHeader(contentType="text/plain")))
    copied = ok(obs.copyObject(bucket, "src", bucket, "same-metadata"))
    assert copied.body.etag == f'"{md5_hex(b"copy source")}"'
    kept = ok(obs.getObjectMetadata(bucket, "same-metadata"))
    assert headers_of(kept).get("a") == "1" and kept.body.contentType == "text/plain"

    replaced = ok(obs.copyObject(bucket, "src", bucket, "new-metadata", metadata={"b": "2"},
                                 headers=CopyObjectHeader(directive="REPLACE", contentType="text/x-new")))
    assert replaced.body.etag == copied.body.etag
    head = ok(obs.getObjectMetadata(bucket, "new-metadata"))
    assert headers_of(head).get("b") == "2" and "a" not in headers_of(head)
    assert head.body.contentType == "text/x-new"
    assert ok(obs.getObject(bucket, "new-metadata", loadStreamInMemory=True)).body.buffer == b"copy source"

    missing = obs.copyObject(bucket, "no-such-source", bucket, "x")
    assert (missing.status, missing.errorCode) == (404, "NoSuchKey")


def test_delete_object_and_objects(obs, bucket):
    for key in ("d/1", "d/2", "d/3", "keep"):
        ok(obs.putContent(bucket, key, key))
    ok(obs.deleteObject(bucket, "d/1"), 204)
    assert obs.getObjectMetadata(bucket, "d/1").status == 404

    request = DeleteObjectsRequest(quiet=False, objects=[Object(key="d/2"), Object(key="d/3"), Object(key="never-was")])
    deleted = ok(obs.deleteObjects(bucket, request)).body
    assert sorted(d.key for d in deleted.deleted) == ["d/2", "d/3", "never-was"]
    assert not deleted.error
    quiet = ok(obs.deleteObjects(bucket, DeleteObjectsRequest(quiet=True, objects=[Object(key="keep")]))).body
    assert not quiet.deleted and not quiet.error
    assert ok(obs.listObjects(bucket)).body.contents == []


def test_list_objects(obs, bucket):
    keys = ["a/1", "a/2", "a/b/3", "b/1", "c", "d"]
    for key in keys:
        ok(obs.putContent(bucket, key, key))
    everything = ok(obs.listObjects(bucket)).body
    assert [c.key for c in everything.contents] == keys
    assert everything.contents[0].etag == f'"{md5_hex(b"a/1")}"' and everything.contents[0].size == 3
    assert everything.is_truncated is False

    prefixed = ok(obs.listObjects(bucket, prefix="a/")).body
    assert [c.key for c in prefixed.contents] == ["a/1", "a/2", "a/b/3"]

    delimited = ok(obs.listObjects(bucket, delimiter="/")).body
    assert [c.key for c in delimited.contents] == ["c", "d"]
    assert [p.prefix for p in delimited.commonPrefixs] == ["a/", "b/"]

    nested = ok(obs.listObjects(bucket, prefix="a/", delimiter="/")).body
    assert [c.key for c in nested.contents] == ["a/1", "a/2"] and [p.prefix for p in nested.commonPrefixs] == ["a/b/"]

    first = ok(obs.listObjects(bucket, max_keys=2)).body
    assert [c.key for c in first.contents] == ["a/1", "a/2"] and first.is_truncated is True
    rest = ok(obs.listObjects(bucket, marker="a/2")).body
    assert [c.key for c in rest.contents] == keys[2:]

    # Paging with a delimiter: NextMarker lands on a common prefix.
    page = ok(obs.listObjects(bucket, delimiter="/", max_keys=1)).body
    assert [p.prefix for p in page.commonPrefixs] == ["a/"] and page.next_marker == "a/"
    page = ok(obs.listObjects(bucket, delimiter="/", max_keys=2, marker=page.next_marker)).body
    assert [p.prefix for p in page.commonPrefixs] == ["b/"] and [c.key for c in page.contents] == ["c"]


# --- Multipart ----------------------------------------------------------------------------------------------


def test_multipart_upload(obs, bucket):
    parts = [os.urandom(5 * MiB), os.urandom(5 * MiB), os.urandom(1234)]
    initiated = ok(obs.initiateMultipartUpload(bucket, "mp/object", metadata={"kind": "multipart"},
                                               contentType="application/x-test")).body
    assert initiated.bucketName == bucket and initiated.objectKey == "mp/object"
    upload_id = initiated.uploadId
    etags = []
    for number, data in enumerate(parts, start=1):
        uploaded = ok(obs.uploadPart(bucket, "mp/object", number, upload_id, object=data)).body
        assert uploaded.etag == f'"{md5_hex(data)}"'
        etags.append(uploaded.etag)

    listed = ok(obs.listParts(bucket, "mp/object", upload_id)).body
    assert [p.partNumber for p in listed.parts] == [1, 2, 3]
    assert [p.etag for p in listed.parts] == etags
    assert [p.size for p in listed.parts] == [len(p) for p in parts]
    page = ok(obs.listParts(bucket, "mp/object", upload_id, maxParts=2)).body
    assert [p.partNumber for p in page.parts] == [1, 2] and page.isTruncated is True and page.nextPartNumberMarker == 2

    request = CompleteMultipartUploadRequest(parts=[CompletePart(partNum=n, etag=e) for n, e in enumerate(etags, start=1)])
    completed = ok(obs.completeMultipartUpload(bucket, "mp/object", upload_id, request)).body
    assert completed.etag == multipart_etag(parts)
    assert completed.bucket == bucket and completed.key == "mp/object"

    whole = ok(obs.getObject(bucket, "mp/object", loadStreamInMemory=True))
    assert whole.body.buffer == b"".join(parts)
    assert whole.body.contentType == "application/x-test"
    assert headers_of(whole).get("kind") == "multipart"


def test_abort_multipart_upload(obs, bucket):
    upload_id = ok(obs.initiateMultipartUpload(bucket, "aborted")).body.uploadId
    ok(obs.uploadPart(bucket, "aborted", 1, upload_id, object=b"part one"))
    ok(obs.abortMultipartUpload(bucket, "aborted", upload_id), 204)
    gone = obs.listParts(bucket, "aborted", upload_id)
    assert (gone.status, gone.errorCode) == (404, "NoSuchUpload")
    assert obs.getObjectMetadata(bucket, "aborted").status == 404


@pytest.mark.slow
def test_resumable_upload_and_download_50_mib(obs, bucket, tmp_path, wire):
    source = tmp_path / "big.bin"
    chunk = os.urandom(MiB)
    with open(source, "wb") as out:
        for index in range(50):
            out.write(bytes([index]) + chunk[1:])
    uploaded = ok(obs.uploadFile(bucket, "big/object.bin", str(source), partSize=8 * MiB, taskNum=4, enableCheckpoint=True,
                                 metadata={"transfer": "resumable"}))
    parts = [source.read_bytes()[offset:offset + 8 * MiB] for offset in range(0, 50 * MiB, 8 * MiB)]
    assert len(parts) == 7
    assert uploaded.body.etag == multipart_etag(parts)
    assert not (tmp_path / "big.bin.upload_record").exists()
    assert len([url for method, url, _ in wire.requests if method == "PUT" and "partNumber=" in url]) == 7

    target = tmp_path / "big.copy"
    downloaded = ok(obs.downloadFile(bucket, "big/object.bin", str(target), partSize=6 * MiB, taskNum=4,
                                     enableCheckpoint=True))
    assert downloaded.body.contentLength == 50 * MiB
    assert hashlib.sha256(target.read_bytes()).digest() == hashlib.sha256(source.read_bytes()).digest()
    assert len([h for method, _, h in wire.requests if method == "GET" and h.get("range", "").startswith("bytes=")]) == 9
    assert headers_of(ok(obs.getObjectMetadata(bucket, "big/object.bin"))).get("transfer") == "resumable"


# --- Versioning ---------------------------------------------------------------------------------------------


def test_versioning_and_list_versions(obs, bucket):
    ok(obs.setBucketVersioning(bucket, "Enabled"))
    assert ok(obs.getBucketVersioning(bucket)).body == "Enabled"
    first = ok(obs.putContent(bucket, "v", "first")).body
    second = ok(obs.putContent(bucket, "v", "second")).body
    assert first.versionId and second.versionId and first.versionId != second.versionId

    assert ok(obs.getObject(bucket, "v", loadStreamInMemory=True)).body.buffer == b"second"
    old = ok(obs.getObject(bucket, "v", getObjectRequest=GetObjectRequest(versionId=first.versionId), loadStreamInMemory=True))
    assert old.body.buffer == b"first" and old.body.versionId == first.versionId
    assert ok(obs.getObjectMetadata(bucket, "v", versionId=first.versionId)).body.versionId == first.versionId

    deleted = ok(obs.deleteObject(bucket, "v"), 204).body
    assert deleted.deleteMarker is True and deleted.versionId

    versions = ok(obs.listVersions(bucket)).body
    assert [(v.key, v.versionId, v.isLatest) for v in versions.versions] == [
        ("v", second.versionId, False), ("v", first.versionId, False)]
    assert [(m.key, m.versionId, m.isLatest) for m in versions.markers] == [("v", deleted.versionId, True)]
    paged = ok(obs.listVersions(bucket, Versions(prefix="v", max_keys=1))).body
    assert paged.head.isTruncated is True and len(paged.markers) + len(paged.versions) == 1

    restored = ok(obs.deleteObject(bucket, "v", versionId=deleted.versionId), 204).body
    assert restored.versionId == deleted.versionId
    assert ok(obs.getObject(bucket, "v", loadStreamInMemory=True)).body.buffer == b"second"

    ok(obs.setBucketVersioning(bucket, "Suspended"))
    assert ok(obs.getBucketVersioning(bucket)).body == "Suspended"


# --- Signed URLs --------------------------------------------------------------------------------------------


def test_signed_urls(obs, variant, bucket):
    put_url = obs.createSignedUrl("PUT", bucket, "signed/url.txt", expires=300, headers={"Content-Type": "text/plain"})
    query = put_url.signedUrl.split("?", 1)[1]
    expected = {"obs": "AccessKeyId=", "ip-defaults": "AWSAccessKeyId=", "v2": "AWSAccessKeyId=", "v4": "X-Amz-Credential="}[variant]
    assert expected in query
    put = requests.put(put_url.signedUrl, data=b"via a signed URL", headers=put_url.actualSignedRequestHeaders)
    assert put.status_code == 200, put.text

    get_url = obs.createSignedUrl("GET", bucket, "signed/url.txt", expires=300)
    got = requests.get(get_url.signedUrl, headers=get_url.actualSignedRequestHeaders)
    assert got.status_code == 200 and got.content == b"via a signed URL"
    assert got.headers["Content-Type"] == "text/plain"

    tampered = requests.get(get_url.signedUrl.replace("signed/url.txt", "signed/other.txt"),
                            headers=get_url.actualSignedRequestHeaders)
    assert tampered.status_code == 403
    assert ET.fromstring(tampered.content).findtext("Code") == "SignatureDoesNotMatch"

    expired = obs.createSignedUrl("GET", bucket, "signed/url.txt", expires=1)
    time.sleep(2.1)
    refused = requests.get(expired.signedUrl, headers=expired.actualSignedRequestHeaders)
    assert refused.status_code == 403 and ET.fromstring(refused.content).findtext("Code") == "AccessDenied"


# --- Across dialects ----------------------------------------------------------------------------------------


def test_written_by_the_obs_sdk_read_by_boto3(obs, s3, bucket):
    data = os.urandom(70_000)
    put = ok(obs.putContent(bucket, "cross/from-obs.bin", data, metadata={"writer": "obs-sdk"},
                            headers=PutObjectHeader(contentType="application/x-obs")))
    got = s3.get_object(Bucket=bucket, Key="cross/from-obs.bin")
    assert got["Body"].read() == data
    assert got["ETag"] == put.body.etag
    assert got["Metadata"] == {"writer": "obs-sdk"}
    assert got["ContentType"] == "application/x-obs"


def test_written_by_boto3_read_by_the_obs_sdk(obs, s3, bucket):
    data = os.urandom(70_000)
    put = s3.put_object(Bucket=bucket, Key="cross/from-boto3.bin", Body=data, Metadata={"writer": "boto3"},
                        ContentType="application/x-s3")
    got = ok(obs.getObject(bucket, "cross/from-boto3.bin", loadStreamInMemory=True))
    assert got.body.buffer == data
    assert got.body.etag == put["ETag"]
    assert got.body.contentType == "application/x-s3"
    assert headers_of(got).get("writer") == "boto3"
    metadata = ok(obs.getObjectMetadata(bucket, "cross/from-boto3.bin"))
    assert metadata.body.etag == put["ETag"] and headers_of(metadata).get("writer") == "boto3"


def test_multipart_by_the_obs_sdk_read_by_boto3(obs, s3, bucket, tmp_path):
    source = tmp_path / "mp.bin"
    source.write_bytes(os.urandom(12 * MiB))
    uploaded = ok(obs.uploadFile(bucket, "cross/mp.bin", str(source), partSize=5 * MiB, taskNum=2))
    got = s3.get_object(Bucket=bucket, Key="cross/mp.bin")
    assert got["ETag"] == uploaded.body.etag and got["ETag"].endswith('-3"')
    assert got["Body"].read() == source.read_bytes()


# --- Bucket encryption (the OBS side of issue 4) ------------------------------------------------------------


def test_bucket_encryption_in_the_obs_dialect(server, obs, variant, s3, bucket):
    # Asked by hand first: a bucket without a configuration answers 404 with the S3 code, in either dialect.
    unset = obs_request(server, "GET", bucket, query="encryption")
    assert unset.status_code == 404
    assert ET.fromstring(unset.content).findtext("Code") == "ServerSideEncryptionConfigurationNotFoundError"
    ok(obs.setBucketEncryption(bucket, "kms", key="testkey-1"))
    got = ok(obs.getBucketEncryption(bucket)).body
    assert (got.encryption, got.key) == ("kms", "testkey-1")
    # The same configuration read through the S3 dialect says aws:kms.
    rule = s3.get_bucket_encryption(Bucket=bucket)["ServerSideEncryptionConfiguration"]["Rules"][0]
    assert rule["ApplyServerSideEncryptionByDefault"]["SSEAlgorithm"] == "aws:kms"
    if variant == "obs":
        raw = obs_request(server, "GET", bucket, query="encryption")
        root = ET.fromstring(raw.content)
        assert root.tag == f"{{{OBS_NAMESPACE}}}ServerSideEncryptionConfiguration"
        assert root.findtext(f".//{{{OBS_NAMESPACE}}}SSEAlgorithm") == "kms"
    ok(obs.deleteBucketEncryption(bucket), 204)
    assert obs.getBucketEncryption(bucket).status == 404


def test_object_encryption_headers_in_each_dialect(obs, variant, s3, bucket):
    """The SDK names the algorithm `kms` in the OBS dialect and `aws:kms` in the S3 one, on the way out and back."""
    header = PutObjectHeader(sseHeader=SseKmsHeader.getInstance(key="testkey-1"))
    put = ok(obs.putContent(bucket, "sse/kms", "secret", headers=header))
    algorithm = "kms" if variant == "obs" else "aws:kms"
    assert put.body.sseKms == algorithm and put.body.sseKmsKey
    metadata = ok(obs.getObjectMetadata(bucket, "sse/kms")).body
    assert metadata.sseKms == algorithm and metadata.sseKmsKey == put.body.sseKmsKey
    assert ok(obs.getObject(bucket, "sse/kms", loadStreamInMemory=True)).body.buffer == b"secret"
    head = s3.head_object(Bucket=bucket, Key="sse/kms")
    assert head["ServerSideEncryption"] == "aws:kms" and head["SSEKMSKeyId"] == put.body.sseKmsKey


def test_storage_classes_keep_their_names_in_each_dialect(obs, variant, s3, bucket):
    """OBS's WARM and COLD are S3's STANDARD_IA and GLACIER: each client sees its own names for the same objects.

    The SDK takes OBS names whatever it signs; in the S3 dialect it sends and reads back the S3 names itself."""
    for key, obs_class, s3_class in [("warm", "WARM", "STANDARD_IA"), ("cold", "COLD", "GLACIER")]:
        ok(obs.putContent(bucket, f"classes/{key}", key, headers=PutObjectHeader(storageClass=obs_class)))
        shown = obs_class if variant == "obs" else s3_class
        assert ok(obs.getObjectMetadata(bucket, f"classes/{key}")).body.storageClass == shown
        assert s3.head_object(Bucket=bucket, Key=f"classes/{key}")["StorageClass"] == s3_class
    listed = {c.key: c.storageClass for c in ok(obs.listObjects(bucket, prefix="classes/")).body.contents}
    expected = {"classes/warm": "WARM", "classes/cold": "COLD"}
    assert listed == (expected if variant == "obs" else {"classes/warm": "STANDARD_IA", "classes/cold": "GLACIER"})
    listed_s3 = {o["Key"]: o["StorageClass"] for o in s3.list_objects_v2(Bucket=bucket, Prefix="classes/")["Contents"]}
    assert listed_s3 == {"classes/warm": "STANDARD_IA", "classes/cold": "GLACIER"}
