"""Object operations: Put/Get/Head/Delete, checksums, ranges, conditions, copies, key names, presigned URLs."""
import datetime
import hashlib
import os
import urllib.parse

import pytest

from helpers import (RequestRecorder, aws_chunked, botocore_supports, checksum, freeze_signing_time, header, md5_b64,
                     md5_hex, s3_error, sigv4_headers, unique_name)

BODY = b"abcdefghijklmnopqrstuvwxyz"


# --- PutObject / GetObject / HeadObject ---------------------------------------------------------------------


def test_put_get_with_metadata(any_s3, s3, bucket):
    data = os.urandom(3000)
    put = any_s3.put_object(Bucket=bucket, Key="meta.bin", Body=data, ContentType="image/png",
                            Metadata={"color": "blue", "Owner-Name": "Ada"}, CacheControl="max-age=60",
                            ContentDisposition='attachment; filename="m.bin"', ContentLanguage="en")
    assert put["ETag"] == f'"{md5_hex(data)}"'
    got = s3.get_object(Bucket=bucket, Key="meta.bin")
    assert got["Body"].read() == data
    assert got["ContentLength"] == len(data)
    assert got["ContentType"] == "image/png"
    assert got["Metadata"] == {"color": "blue", "owner-name": "Ada"}
    assert got["ETag"] == put["ETag"]
    assert got["CacheControl"] == "max-age=60"
    assert got["ContentDisposition"] == 'attachment; filename="m.bin"'
    assert got["ContentLanguage"] == "en"
    assert got["LastModified"].tzinfo is not None
    assert header(got, "accept-ranges") == "bytes"


def test_default_content_type(s3, bucket):
    s3.put_object(Bucket=bucket, Key="plain", Body=b"x")
    assert s3.head_object(Bucket=bucket, Key="plain")["ContentType"] == "binary/octet-stream"


def test_empty_object(any_s3, bucket):
    put = any_s3.put_object(Bucket=bucket, Key="empty", Body=b"")
    assert put["ETag"] == '"d41d8cd98f00b204e9800998ecf8427e"'
    got = any_s3.get_object(Bucket=bucket, Key="empty")
    assert got["ContentLength"] == 0 and got["Body"].read() == b""


def test_overwrite_replaces_content_and_metadata(s3, bucket):
    s3.put_object(Bucket=bucket, Key="k", Body=b"first", Metadata={"a": "1"})
    s3.put_object(Bucket=bucket, Key="k", Body=b"second!", Metadata={"b": "2"})
    got = s3.get_object(Bucket=bucket, Key="k")
    assert got["Body"].read() == b"second!"
    assert got["Metadata"] == {"b": "2"}


def test_head_object(s3, bucket):
    s3.put_object(Bucket=bucket, Key="h", Body=BODY, ContentType="text/plain", Metadata={"x": "y"})
    head = s3.head_object(Bucket=bucket, Key="h")
    assert head["ContentLength"] == len(BODY)
    assert head["ETag"] == f'"{md5_hex(BODY)}"'
    assert head["ContentType"] == "text/plain"
    assert head["Metadata"] == {"x": "y"}
    with s3_error("404", 404):
        s3.head_object(Bucket=bucket, Key="missing")


def test_content_md5(s3, bucket):
    s3.put_object(Bucket=bucket, Key="md5", Body=BODY, ContentMD5=md5_b64(BODY))
    assert s3.get_object(Bucket=bucket, Key="md5")["Body"].read() == BODY


@pytest.mark.obslab_only(reason="moto does not verify Content-MD5")
def test_bad_content_md5(s3, bucket):
    with s3_error("BadDigest", 400):
        s3.put_object(Bucket=bucket, Key="bad-md5", Body=BODY, ContentMD5=md5_b64(b"something else"))
    with s3_error("NoSuchKey", 404):
        s3.get_object(Bucket=bucket, Key="bad-md5")


@pytest.mark.obslab_only(reason="moto does not check the form of Content-MD5")
def test_malformed_content_md5(s3, bucket):
    with s3_error("InvalidDigest", 400):
        s3.put_object(Bucket=bucket, Key="bad-md5", Body=BODY, ContentMD5="not-base64-md5")


def test_https_put_streams_aws_chunked(s3_tls, s3, bucket):
    """Over HTTPS botocore streams the body as aws-chunked with a CRC32 trailer; the stored object must be the
    plain bytes, without the chunk framing and without `aws-chunked` in its Content-Encoding."""
    data = os.urandom(200_000)
    with RequestRecorder(s3_tls) as recorder:
        s3_tls.put_object(Bucket=bucket, Key="chunked.bin", Body=data)
    sent = {k.lower(): v.decode() if isinstance(v, bytes) else v for k, v in recorder.requests[-1].headers.items()}
    assert "aws-chunked" in sent.get("content-encoding", "")
    assert sent["x-amz-content-sha256"] == "STREAMING-UNSIGNED-PAYLOAD-TRAILER"
    assert sent["x-amz-trailer"] == "x-amz-checksum-crc32"
    got = s3.get_object(Bucket=bucket, Key="chunked.bin", ChecksumMode="ENABLED")
    assert got["Body"].read() == data
    assert got["ContentLength"] == len(data)
    assert "aws-chunked" not in (got.get("ContentEncoding") or "")
    assert got["ETag"] == f'"{md5_hex(data)}"'
    assert got["ChecksumCRC32"] == checksum("CRC32", data)


def test_https_put_keeps_other_content_encoding(s3_tls, s3, bucket):
    s3_tls.put_object(Bucket=bucket, Key="gz", Body=b"\x1f\x8b fake gzip", ContentEncoding="gzip")
    got = s3.get_object(Bucket=bucket, Key="gz")
    assert got["ContentEncoding"] == "gzip"
    assert got["Body"].read() == b"\x1f\x8b fake gzip"


ALGORITHMS = ["CRC32", "CRC32C", "SHA1", "SHA256", "CRC64NVME"]


@pytest.mark.parametrize("algorithm", ALGORITHMS)
def test_checksum_algorithms(any_s3, bucket, algorithm):
    if not botocore_supports(algorithm):
        pytest.skip(f"this botocore cannot compute {algorithm} (install awscrt)")
    data = os.urandom(5000)
    expected = checksum(algorithm, data)
    put = any_s3.put_object(Bucket=bucket, Key=f"sum-{algorithm}", Body=data, ChecksumAlgorithm=algorithm)
    assert put[f"Checksum{algorithm}"] == expected
    got = any_s3.get_object(Bucket=bucket, Key=f"sum-{algorithm}", ChecksumMode="ENABLED")
    assert got[f"Checksum{algorithm}"] == expected
    assert got["Body"].read() == data
    head = any_s3.head_object(Bucket=bucket, Key=f"sum-{algorithm}", ChecksumMode="ENABLED")
    assert head[f"Checksum{algorithm}"] == expected


@pytest.mark.obslab_only(reason="moto does not verify x-amz-checksum-* values")
@pytest.mark.parametrize("algorithm", ["CRC32", "SHA256"])
def test_wrong_checksum_value_rejected(s3, bucket, algorithm):
    wrong = checksum(algorithm, b"other bytes")
    with s3_error("BadDigest", 400):
        s3.put_object(Bucket=bucket, Key="wrong", Body=BODY, **{f"Checksum{algorithm}": wrong})
    with s3_error("NoSuchKey", 404):
        s3.get_object(Bucket=bucket, Key="wrong")


def _put_aws_chunked(server, http, bucket, key, data, trailer_value):
    url = f"{server.http}/{bucket}/{key}"
    body = aws_chunked(data, f"x-amz-checksum-crc32:{trailer_value}", chunk_size=1000)
    headers = sigv4_headers(server.access_key, server.secret_key, "PUT", url, {
        "Content-Encoding": "aws-chunked", "x-amz-trailer": "x-amz-checksum-crc32",
        "x-amz-decoded-content-length": str(len(data)), "Content-Length": str(len(body)),
    }, payload_hash="STREAMING-UNSIGNED-PAYLOAD-TRAILER")
    return http.put(url, data=body, headers=headers)


@pytest.mark.obslab_only(reason="moto does not verify the trailing checksum of an aws-chunked body")
def test_aws_chunked_trailer_checked(server, http, s3, bucket):
    data = os.urandom(4500)
    ok = _put_aws_chunked(server, http, bucket, "trailer-ok", data, checksum("CRC32", data))
    assert ok.status_code == 200, ok.text
    assert s3.get_object(Bucket=bucket, Key="trailer-ok")["Body"].read() == data
    bad = _put_aws_chunked(server, http, bucket, "trailer-bad", data, checksum("CRC32", b"nope"))
    assert bad.status_code == 400, bad.text
    assert "<Code>BadDigest</Code>" in bad.text
    with s3_error("NoSuchKey", 404):
        s3.get_object(Bucket=bucket, Key="trailer-bad")


def test_aws_chunked_raw_body_stored_plain(server, http, s3, bucket):
    data = b"hello chunked world" * 100
    response = _put_aws_chunked(server, http, bucket, "raw-chunked", data, checksum("CRC32", data))
    assert response.status_code == 200, response.text
    got = s3.get_object(Bucket=bucket, Key="raw-chunked")
    assert got["Body"].read() == data
    assert "aws-chunked" not in (got.get("ContentEncoding") or "")


# --- Ranges and conditions ----------------------------------------------------------------------------------


@pytest.mark.parametrize("spec, start, end", [("bytes=0-9", 0, 9), ("bytes=10-", 10, 25), ("bytes=-5", 21, 25),
                                              ("bytes=20-1000", 20, 25), ("bytes=25-25", 25, 25)])
def test_range_get(s3, bucket, spec, start, end):
    s3.put_object(Bucket=bucket, Key="r", Body=BODY)
    got = s3.get_object(Bucket=bucket, Key="r", Range=spec)
    assert got["ResponseMetadata"]["HTTPStatusCode"] == 206
    assert got["ContentRange"] == f"bytes {start}-{end}/{len(BODY)}"
    assert got["ContentLength"] == end - start + 1
    assert got["Body"].read() == BODY[start:end + 1]


def test_range_unsatisfiable(s3, bucket):
    s3.put_object(Bucket=bucket, Key="r", Body=BODY)
    with s3_error("InvalidRange", 416):
        s3.get_object(Bucket=bucket, Key="r", Range="bytes=26-30")
    with s3_error("InvalidRange", 416):
        s3.get_object(Bucket=bucket, Key="r", Range="bytes=100-")
    s3.put_object(Bucket=bucket, Key="empty", Body=b"")
    with s3_error("InvalidRange", 416):
        s3.get_object(Bucket=bucket, Key="empty", Range="bytes=0-0")


@pytest.mark.parametrize("spec", ["bytes=5-2", "bytes=abc", pytest.param("items=0-3", marks=pytest.mark.obslab_only(
    reason="moto treats any unit as bytes"))])
def test_malformed_range_is_ignored(s3, bucket, spec):
    # S3 ignores a Range header it cannot parse and answers 200 with the whole object.
    s3.put_object(Bucket=bucket, Key="r", Body=BODY)
    got = s3.get_object(Bucket=bucket, Key="r", Range=spec)
    assert got["ResponseMetadata"]["HTTPStatusCode"] == 200
    assert got["Body"].read() == BODY


def test_conditional_get(s3, bucket):
    put = s3.put_object(Bucket=bucket, Key="c", Body=BODY)
    etag = put["ETag"]
    modified = s3.head_object(Bucket=bucket, Key="c")["LastModified"]
    past, future = modified - datetime.timedelta(hours=1), modified + datetime.timedelta(hours=1)

    assert s3.get_object(Bucket=bucket, Key="c", IfMatch=etag)["Body"].read() == BODY
    assert s3.get_object(Bucket=bucket, Key="c", IfNoneMatch='"0123"')["Body"].read() == BODY
    assert s3.get_object(Bucket=bucket, Key="c", IfModifiedSince=past)["Body"].read() == BODY
    assert s3.get_object(Bucket=bucket, Key="c", IfUnmodifiedSince=future)["Body"].read() == BODY
    with s3_error("PreconditionFailed", 412):
        s3.get_object(Bucket=bucket, Key="c", IfMatch='"0123"')
    with s3_error("304", 304):
        s3.get_object(Bucket=bucket, Key="c", IfNoneMatch=etag)
    with s3_error("304", 304):
        s3.get_object(Bucket=bucket, Key="c", IfModifiedSince=future)
    with s3_error("PreconditionFailed", 412):
        s3.get_object(Bucket=bucket, Key="c", IfUnmodifiedSince=past)


@pytest.mark.obslab_only(reason="moto fails If-Match + a failing If-Unmodified-Since with 412")
def test_conditional_get_precedence(s3, bucket):
    etag = s3.put_object(Bucket=bucket, Key="c", Body=BODY)["ETag"]
    past = s3.head_object(Bucket=bucket, Key="c")["LastModified"] - datetime.timedelta(hours=1)
    # If-Match wins over If-Unmodified-Since, If-None-Match over If-Modified-Since (RFC 7232 as S3 applies it).
    assert s3.get_object(Bucket=bucket, Key="c", IfMatch=etag, IfUnmodifiedSince=past)["Body"].read() == BODY
    with s3_error("304", 304):
        s3.get_object(Bucket=bucket, Key="c", IfNoneMatch=etag, IfModifiedSince=past)


def test_conditional_head(s3, bucket):
    etag = s3.put_object(Bucket=bucket, Key="c", Body=BODY)["ETag"]
    assert s3.head_object(Bucket=bucket, Key="c", IfMatch=etag)["ETag"] == etag
    with s3_error("412", 412):
        s3.head_object(Bucket=bucket, Key="c", IfMatch='"0123"')
    with s3_error("304", 304):
        s3.head_object(Bucket=bucket, Key="c", IfNoneMatch=etag)


@pytest.mark.obslab_only(reason="moto ignores the response-* query parameters")
def test_response_header_overrides(s3, bucket):
    s3.put_object(Bucket=bucket, Key="o", Body=BODY, ContentType="text/plain")
    got = s3.get_object(Bucket=bucket, Key="o", ResponseContentType="application/json",
                        ResponseContentDisposition="attachment; filename=x.json", ResponseCacheControl="no-cache",
                        ResponseContentEncoding="identity", ResponseContentLanguage="fr",
                        ResponseExpires=datetime.datetime(2030, 1, 1, tzinfo=datetime.timezone.utc))
    assert got["ContentType"] == "application/json"
    assert got["ContentDisposition"] == "attachment; filename=x.json"
    assert got["CacheControl"] == "no-cache"
    assert got["ContentEncoding"] == "identity"
    assert got["ContentLanguage"] == "fr"
    assert "2030" in header(got, "expires")
    assert got["Body"].read() == BODY


def test_conditional_put(s3, bucket):
    """Conditional writes (S3, 2024): If-None-Match: * creates only; If-Match replaces only that ETag."""
    first = s3.put_object(Bucket=bucket, Key="cw", Body=b"first", IfNoneMatch="*")["ETag"]
    with s3_error("PreconditionFailed", 412):
        s3.put_object(Bucket=bucket, Key="cw", Body=b"second", IfNoneMatch="*")
    with s3_error("PreconditionFailed", 412):
        s3.put_object(Bucket=bucket, Key="cw", Body=b"third", IfMatch='"0123456789abcdef0123456789abcdef"')
    s3.put_object(Bucket=bucket, Key="cw", Body=b"fourth", IfMatch=first)
    assert s3.get_object(Bucket=bucket, Key="cw")["Body"].read() == b"fourth"


# --- Delete -------------------------------------------------------------------------------------------------


def test_delete_object(s3, bucket):
    s3.put_object(Bucket=bucket, Key="d", Body=b"x")
    assert s3.delete_object(Bucket=bucket, Key="d")["ResponseMetadata"]["HTTPStatusCode"] == 204
    with s3_error("NoSuchKey", 404):
        s3.get_object(Bucket=bucket, Key="d")
    # Deleting a key that does not exist succeeds too.
    assert s3.delete_object(Bucket=bucket, Key="never-there")["ResponseMetadata"]["HTTPStatusCode"] == 204


@pytest.mark.parametrize("quiet", [False, pytest.param(True, marks=pytest.mark.obslab_only(
    reason="moto lists the deleted keys in quiet mode too"))])
def test_delete_objects(any_s3, s3, bucket, quiet):
    keys = [f"multi/{i}" for i in range(5)]
    for key in keys:
        s3.put_object(Bucket=bucket, Key=key, Body=key.encode())
    s3.put_object(Bucket=bucket, Key="keep", Body=b"k")
    result = any_s3.delete_objects(Bucket=bucket, Delete={
        "Objects": [{"Key": k} for k in keys + ["missing-key"]], "Quiet": quiet})
    assert result.get("Errors", []) == []
    if quiet:
        assert result.get("Deleted", []) == []
    else:
        assert sorted(d["Key"] for d in result["Deleted"]) == sorted(keys + ["missing-key"])
    assert [o["Key"] for o in s3.list_objects_v2(Bucket=bucket)["Contents"]] == ["keep"]


@pytest.mark.obslab_only(reason="moto deletes nothing for a malformed version id and reports no error")
def test_delete_objects_per_key_error(s3, bucket):
    s3.put_bucket_versioning(Bucket=bucket, VersioningConfiguration={"Status": "Enabled"})
    s3.put_object(Bucket=bucket, Key="fine", Body=b"x")
    result = s3.delete_objects(Bucket=bucket, Delete={"Objects": [
        {"Key": "fine"}, {"Key": "odd", "VersionId": "not a version id"}]})
    assert [d["Key"] for d in result["Deleted"]] == ["fine"]
    assert [(e["Key"], e["Code"]) for e in result["Errors"]] in ([("odd", "NoSuchVersion")], [("odd", "InvalidArgument")])


@pytest.mark.obslab_only(reason="moto accepts more than 1000 keys")
def test_delete_objects_limit(s3, bucket):
    with s3_error("MalformedXML", 400):
        s3.delete_objects(Bucket=bucket, Delete={"Objects": [{"Key": f"k{i}"} for i in range(1001)]})
    result = s3.delete_objects(Bucket=bucket, Delete={"Objects": [{"Key": f"k{i}"} for i in range(1000)]})
    assert len(result["Deleted"]) == 1000


def test_delete_objects_missing_bucket(s3):
    with s3_error("NoSuchBucket", 404):
        s3.delete_objects(Bucket=unique_name("missing"), Delete={"Objects": [{"Key": "a"}]})


# --- Copy ---------------------------------------------------------------------------------------------------


def test_copy_same_bucket_keeps_metadata(s3, bucket):
    s3.put_object(Bucket=bucket, Key="src", Body=BODY, ContentType="text/plain", Metadata={"m": "1"})
    result = s3.copy_object(Bucket=bucket, Key="dst", CopySource={"Bucket": bucket, "Key": "src"})
    assert result["CopyObjectResult"]["ETag"] == f'"{md5_hex(BODY)}"'
    got = s3.get_object(Bucket=bucket, Key="dst")
    assert got["Body"].read() == BODY
    assert got["ContentType"] == "text/plain"
    assert got["Metadata"] == {"m": "1"}


def test_copy_other_bucket_replace_metadata(s3, bucket, bucket_factory):
    other = bucket_factory("copy")
    s3.put_object(Bucket=bucket, Key="src", Body=BODY, ContentType="text/plain", Metadata={"m": "1"})
    s3.copy_object(Bucket=other, Key="dst/key", CopySource=f"{bucket}/src", MetadataDirective="REPLACE",
                   ContentType="application/x-new", Metadata={"n": "2"})
    got = s3.get_object(Bucket=other, Key="dst/key")
    assert got["Body"].read() == BODY
    assert got["ContentType"] == "application/x-new"
    assert got["Metadata"] == {"n": "2"}
    # The source is untouched.
    assert s3.head_object(Bucket=bucket, Key="src")["Metadata"] == {"m": "1"}


def test_copy_onto_itself(s3, bucket):
    s3.put_object(Bucket=bucket, Key="self", Body=BODY, Metadata={"v": "1"})
    with s3_error("InvalidRequest", 400):
        s3.copy_object(Bucket=bucket, Key="self", CopySource={"Bucket": bucket, "Key": "self"})
    s3.copy_object(Bucket=bucket, Key="self", CopySource={"Bucket": bucket, "Key": "self"},
                   MetadataDirective="REPLACE", Metadata={"v": "2"})
    got = s3.get_object(Bucket=bucket, Key="self")
    assert got["Metadata"] == {"v": "2"}
    assert got["Body"].read() == BODY


@pytest.mark.obslab_only(reason="moto ignores the x-amz-copy-source-if-* headers")
def test_copy_conditions(s3, bucket):
    etag = s3.put_object(Bucket=bucket, Key="src", Body=BODY)["ETag"]
    source = {"Bucket": bucket, "Key": "src"}
    s3.copy_object(Bucket=bucket, Key="ok", CopySource=source, CopySourceIfMatch=etag)
    assert s3.get_object(Bucket=bucket, Key="ok")["Body"].read() == BODY
    with s3_error("PreconditionFailed", 412):
        s3.copy_object(Bucket=bucket, Key="no1", CopySource=source, CopySourceIfMatch='"0123"')
    with s3_error("PreconditionFailed", 412):
        s3.copy_object(Bucket=bucket, Key="no2", CopySource=source, CopySourceIfNoneMatch=etag)
    past = datetime.datetime(2001, 1, 1, tzinfo=datetime.timezone.utc)
    with s3_error("PreconditionFailed", 412):
        s3.copy_object(Bucket=bucket, Key="no3", CopySource=source, CopySourceIfUnmodifiedSince=past)
    listed = [o["Key"] for o in s3.list_objects_v2(Bucket=bucket)["Contents"]]
    assert listed == ["ok", "src"]


def test_copy_missing_source(s3, bucket):
    with s3_error("NoSuchKey", 404):
        s3.copy_object(Bucket=bucket, Key="dst", CopySource={"Bucket": bucket, "Key": "absent"})
    with s3_error("NoSuchBucket", 404):
        s3.copy_object(Bucket=bucket, Key="dst", CopySource={"Bucket": unique_name("missing"), "Key": "absent"})


# --- Key names and errors -----------------------------------------------------------------------------------

ODD_KEYS = ["a", "a/b", "a//b", "../x", "with space", "plus+sign", "per%cent", "ünïcödé/日本語.txt",
            "emoji-😀", "q?uery&x=1#frag", "tab\there", "trailing/", "~tilde*star'quote", "/leading", "k" * 1024]


def test_key_names(any_s3, s3, bucket):
    for key in ODD_KEYS:
        any_s3.put_object(Bucket=bucket, Key=key, Body=key.encode())
    listed = [o["Key"] for o in s3.list_objects_v2(Bucket=bucket)["Contents"]]
    assert listed == sorted(ODD_KEYS, key=lambda k: k.encode())
    for key in ODD_KEYS:
        assert any_s3.get_object(Bucket=bucket, Key=key)["Body"].read() == key.encode(), key


@pytest.mark.obslab_only(reason="moto accepts keys longer than 1024 bytes")
def test_key_too_long(s3, bucket):
    with s3_error("KeyTooLongError", 400):
        s3.put_object(Bucket=bucket, Key="k" * 1025, Body=b"x")


def test_multibyte_key_limit_counts_bytes(s3, bucket):
    key = "é" * 512  # 1024 bytes in UTF-8
    s3.put_object(Bucket=bucket, Key=key, Body=b"x")
    assert s3.head_object(Bucket=bucket, Key=key)["ContentLength"] == 1


def test_no_such_key_and_bucket(s3, bucket):
    with s3_error("NoSuchKey", 404) as holder:
        s3.get_object(Bucket=bucket, Key="nope")
    assert holder["response"]["Error"].get("Key", "nope") == "nope"
    missing = unique_name("missing")
    with s3_error("NoSuchBucket", 404):
        s3.get_object(Bucket=missing, Key="nope")
    with s3_error("NoSuchBucket", 404):
        s3.put_object(Bucket=missing, Key="nope", Body=b"x")
    with s3_error("NoSuchBucket", 404):
        s3.list_objects_v2(Bucket=missing)


# --- Presigned URLs -----------------------------------------------------------------------------------------


def test_presigned_get_and_put(server, http, bucket):
    s3 = server.client(signature_version="s3v4")  # a bare client presigns with SigV2 (see test_auth)
    put_url = s3.generate_presigned_url("put_object", Params={"Bucket": bucket, "Key": "pre/signed ü.txt"},
                                        ExpiresIn=300)
    assert "X-Amz-Signature=" in put_url
    response = http.put(put_url, data=b"presigned body")
    assert response.status_code == 200, response.text
    get_url = s3.generate_presigned_url("get_object", Params={"Bucket": bucket, "Key": "pre/signed ü.txt"},
                                        ExpiresIn=300)
    response = http.get(get_url)
    assert response.status_code == 200, response.text
    assert response.content == b"presigned body"
    assert response.headers["ETag"] == f'"{hashlib.md5(b"presigned body").hexdigest()}"'


def test_presigned_tls(server, http, bucket):
    s3_tls = server.client(tls=True, signature_version="s3v4")
    s3_tls.put_object(Bucket=bucket, Key="tls", Body=b"over tls")
    url = s3_tls.generate_presigned_url("get_object", Params={"Bucket": bucket, "Key": "tls"}, ExpiresIn=60)
    response = http.get(url, verify=str(server.cert))
    assert response.status_code == 200 and response.content == b"over tls"


@pytest.mark.obslab_only(reason="moto does not check signatures or expiry of presigned URLs")
def test_presigned_expired(server, http, bucket, monkeypatch):
    s3 = server.client(signature_version="s3v4")
    s3.put_object(Bucket=bucket, Key="old", Body=b"x")
    freeze_signing_time(monkeypatch, datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(hours=1))
    url = s3.generate_presigned_url("get_object", Params={"Bucket": bucket, "Key": "old"}, ExpiresIn=60)
    monkeypatch.undo()
    response = http.get(url)
    assert response.status_code == 403
    assert "<Code>AccessDenied</Code>" in response.text


@pytest.mark.obslab_only(reason="moto does not check signatures of presigned URLs")
def test_presigned_tampered(server, http, bucket):
    s3 = server.client(signature_version="s3v4")
    s3.put_object(Bucket=bucket, Key="a", Body=b"x")
    s3.put_object(Bucket=bucket, Key="b", Body=b"y")
    url = s3.generate_presigned_url("get_object", Params={"Bucket": bucket, "Key": "a"}, ExpiresIn=60)
    response = http.get(url.replace(f"/{bucket}/a?", f"/{bucket}/b?"))
    assert response.status_code == 403
    assert "<Code>SignatureDoesNotMatch</Code>" in response.text


def test_presigned_url_key_encoding(server, http, bucket):
    s3 = server.client(signature_version="s3v4")
    key = "dir/a b+c%d"
    s3.put_object(Bucket=bucket, Key=key, Body=b"encoded")
    url = s3.generate_presigned_url("get_object", Params={"Bucket": bucket, "Key": key}, ExpiresIn=60)
    assert urllib.parse.quote(key, safe="/~") in url
    assert http.get(url).content == b"encoded"


def test_storage_classes_are_kept_and_unknown_ones_refused(s3, bucket):
    s3.put_object(Bucket=bucket, Key="cold", Body=b"x", StorageClass="GLACIER")
    assert s3.head_object(Bucket=bucket, Key="cold")["StorageClass"] == "GLACIER"
    assert [o["StorageClass"] for o in s3.list_objects_v2(Bucket=bucket, Prefix="cold")["Contents"]] == ["GLACIER"]
    with s3_error("InvalidStorageClass", 400):
        s3.put_object(Bucket=bucket, Key="warm", Body=b"x", StorageClass="WARM")
    with s3_error("404", 404):
        s3.head_object(Bucket=bucket, Key="warm")
