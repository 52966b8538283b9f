"""S3 parity (issue 13): GetObjectAttributes, flexible checksums through multipart uploads and copies, a retried
CompleteMultipartUpload, and the details SDKs read back (metadata, Content-Encoding, encoding-type, delete markers,
ListBuckets paging)."""
import base64
import email.header
import os

import pytest

from helpers import botocore_supports, checksum, md5_b64, s3_error, unique_name

MiB = 1024 * 1024
PART = 5 * MiB
ALL_ATTRIBUTES = ["ETag", "Checksum", "ObjectParts", "StorageClass", "ObjectSize"]
pytestmark = pytest.mark.obslab_only(reason="moto has no GetObjectAttributes checksums nor multipart checksum types")


@pytest.fixture(scope="module")
def parts():
    return [os.urandom(PART), os.urandom(PART), os.urandom(321)]


def needs(algorithm):
    if not botocore_supports(algorithm):
        pytest.skip(f"this botocore cannot compute {algorithm} (install awscrt)")


def composite(algorithm, parts):
    """S3's COMPOSITE checksum: the checksum of the parts' binary checksums, then `-N`."""
    digests = b"".join(base64.b64decode(checksum(algorithm, p)) for p in parts)
    return checksum(algorithm, digests) + f"-{len(parts)}"


def upload_with_checksums(s3, bucket, key, parts, algorithm, checksum_type=None):
    """Creates an upload with this algorithm (and type), uploads each part with its checksum; returns the upload id and
    the parts as CompleteMultipartUpload takes them."""
    extra = {"ChecksumType": checksum_type} if checksum_type else {}
    upload_id = s3.create_multipart_upload(Bucket=bucket, Key=key, ChecksumAlgorithm=algorithm, **extra)["UploadId"]
    completed = []
    for number, data in enumerate(parts, start=1):
        value = checksum(algorithm, data)
        answer = s3.upload_part(Bucket=bucket, Key=key, UploadId=upload_id, PartNumber=number, Body=data,
                                **{f"Checksum{algorithm}": value})
        assert answer[f"Checksum{algorithm}"] == value
        completed.append({"PartNumber": number, "ETag": answer["ETag"], f"Checksum{algorithm}": value})
    return upload_id, completed


@pytest.mark.parametrize("algorithm,checksum_type", [
    ("CRC32", "COMPOSITE"), ("CRC32C", "COMPOSITE"), ("SHA1", "COMPOSITE"), ("SHA256", "COMPOSITE"),
    ("CRC32", "FULL_OBJECT"), ("CRC32C", "FULL_OBJECT"), ("CRC64NVME", "FULL_OBJECT"),
])
def test_multipart_checksum_types_read_back(s3, bucket, parts, algorithm, checksum_type):
    needs(algorithm)
    key = f"mp-{algorithm}-{checksum_type}"
    upload_id, completed = upload_with_checksums(s3, bucket, key, parts, algorithm, checksum_type)
    listed = s3.list_parts(Bucket=bucket, Key=key, UploadId=upload_id)
    assert [p[f"Checksum{algorithm}"] for p in listed["Parts"]] == [c[f"Checksum{algorithm}"] for c in completed]
    expected = composite(algorithm, parts) if checksum_type == "COMPOSITE" else checksum(algorithm, b"".join(parts))
    done = s3.complete_multipart_upload(Bucket=bucket, Key=key, UploadId=upload_id, MultipartUpload={"Parts": completed})
    assert done[f"Checksum{algorithm}"] == expected
    assert done["ChecksumType"] == checksum_type

    head = s3.head_object(Bucket=bucket, Key=key, ChecksumMode="ENABLED")
    assert head[f"Checksum{algorithm}"] == expected and head["ChecksumType"] == checksum_type
    got = s3.get_object(Bucket=bucket, Key=key, ChecksumMode="ENABLED", PartNumber=2)
    assert got[f"Checksum{algorithm}"] == checksum(algorithm, parts[1])

    attributes = s3.get_object_attributes(Bucket=bucket, Key=key, ObjectAttributes=ALL_ATTRIBUTES)
    assert attributes["Checksum"] == {f"Checksum{algorithm}": expected, "ChecksumType": checksum_type}
    assert attributes["ETag"] == head["ETag"].strip('"')
    assert attributes["ObjectSize"] == sum(len(p) for p in parts)
    assert attributes["StorageClass"] == "STANDARD"
    object_parts = attributes["ObjectParts"]
    assert object_parts["TotalPartsCount"] == 3
    assert [(p["PartNumber"], p["Size"], p[f"Checksum{algorithm}"]) for p in object_parts["Parts"]] == [
        (n, len(data), checksum(algorithm, data)) for n, data in enumerate(parts, start=1)]


def test_object_parts_are_paged(s3, bucket, parts):
    upload_id, completed = upload_with_checksums(s3, bucket, "paged", parts, "SHA256")
    s3.complete_multipart_upload(Bucket=bucket, Key="paged", UploadId=upload_id, MultipartUpload={"Parts": completed})
    first = s3.get_object_attributes(Bucket=bucket, Key="paged", ObjectAttributes=["ObjectParts"], MaxParts=2)
    page = first["ObjectParts"]
    assert [p["PartNumber"] for p in page["Parts"]] == [1, 2]
    assert page["IsTruncated"] is True and page["NextPartNumberMarker"] == 2 and page["MaxParts"] == 2
    assert "Checksum" not in first and "ETag" not in first  # only what was asked for
    second = s3.get_object_attributes(Bucket=bucket, Key="paged", ObjectAttributes=["ObjectParts"], MaxParts=2,
                                      PartNumberMarker=2)["ObjectParts"]
    assert [p["PartNumber"] for p in second["Parts"]] == [3]
    assert second["IsTruncated"] is False and second["PartNumberMarker"] == 2


def test_attributes_of_a_single_put(s3, bucket):
    data = os.urandom(3000)
    s3.put_object(Bucket=bucket, Key="one", Body=data, ChecksumAlgorithm="SHA256", StorageClass="STANDARD_IA")
    got = s3.get_object_attributes(Bucket=bucket, Key="one", ObjectAttributes=ALL_ATTRIBUTES)
    assert got["Checksum"] == {"ChecksumSHA256": checksum("SHA256", data), "ChecksumType": "FULL_OBJECT"}
    assert got["ObjectSize"] == 3000 and got["StorageClass"] == "STANDARD_IA"
    assert "ObjectParts" not in got  # a single PUT has no parts
    with s3_error("NoSuchKey", 404):
        s3.get_object_attributes(Bucket=bucket, Key="missing", ObjectAttributes=["ETag"])
    with s3_error("InvalidArgument", 400):
        s3.get_object_attributes(Bucket=bucket, Key="one", ObjectAttributes=["Colour"])


def test_attributes_of_an_sse_c_object(s3_tls, bucket):
    key = os.urandom(32)
    sse = {"SSECustomerAlgorithm": "AES256", "SSECustomerKey": key}
    s3_tls.put_object(Bucket=bucket, Key="secret", Body=b"secret bytes", **sse)
    got = s3_tls.get_object_attributes(Bucket=bucket, Key="secret", ObjectAttributes=["ObjectSize", "ETag"],
                                       **encoded_sse_c(key))
    assert got["ObjectSize"] == len(b"secret bytes")
    with s3_error("InvalidRequest", 400):
        s3_tls.get_object_attributes(Bucket=bucket, Key="secret", ObjectAttributes=["ObjectSize"])
    with s3_error("InvalidRequest", 400):
        s3_tls.get_object_attributes(Bucket=bucket, Key="secret", ObjectAttributes=["ObjectSize"],
                                     **encoded_sse_c(os.urandom(32)))


def encoded_sse_c(key: bytes) -> dict:
    """SSE-C arguments as GetObjectAttributes takes them: botocore encodes the key and adds its MD5 only for the
    older operations."""
    return {"SSECustomerAlgorithm": "AES256", "SSECustomerKey": base64.b64encode(key).decode(),
            "SSECustomerKeyMD5": md5_b64(key)}


def test_retried_completion_answers_again(s3, bucket, parts):
    upload_id, completed = upload_with_checksums(s3, bucket, "retried", parts[1:], "CRC32")
    first = s3.complete_multipart_upload(Bucket=bucket, Key="retried", UploadId=upload_id,
                                         MultipartUpload={"Parts": completed})
    again = s3.complete_multipart_upload(Bucket=bucket, Key="retried", UploadId=upload_id,
                                         MultipartUpload={"Parts": completed})
    assert again["ETag"] == first["ETag"] and again["ChecksumCRC32"] == first["ChecksumCRC32"]
    assert s3.get_object(Bucket=bucket, Key="retried")["Body"].read() == b"".join(parts[1:])
    assert s3.list_object_versions(Bucket=bucket, Prefix="retried")["Versions"][0]["ETag"] == first["ETag"]
    with s3_error("NoSuchUpload", 404):
        s3.abort_multipart_upload(Bucket=bucket, Key="retried", UploadId=upload_id)


def test_checksum_mismatches_are_bad_digest(s3, bucket, parts):
    upload_id = s3.create_multipart_upload(Bucket=bucket, Key="bad", ChecksumAlgorithm="SHA256")["UploadId"]
    with s3_error("BadDigest", 400):
        s3.upload_part(Bucket=bucket, Key="bad", UploadId=upload_id, PartNumber=1, Body=parts[2],
                       ChecksumSHA256=checksum("SHA256", b"other"))
    answer = s3.upload_part(Bucket=bucket, Key="bad", UploadId=upload_id, PartNumber=1, Body=parts[2],
                            ChecksumSHA256=checksum("SHA256", parts[2]))
    done = [{"PartNumber": 1, "ETag": answer["ETag"], "ChecksumSHA256": answer["ChecksumSHA256"]}]
    with s3_error("BadDigest", 400):
        s3.complete_multipart_upload(Bucket=bucket, Key="bad", UploadId=upload_id, MultipartUpload={"Parts": done},
                                     ChecksumSHA256=checksum("SHA256", b"not the object"))
    s3.complete_multipart_upload(Bucket=bucket, Key="bad", UploadId=upload_id, MultipartUpload={"Parts": done})


def test_copy_computes_the_checksum_asked_for(s3, bucket, parts):
    upload_id, completed = upload_with_checksums(s3, bucket, "source", parts, "SHA1")
    s3.complete_multipart_upload(Bucket=bucket, Key="source", UploadId=upload_id, MultipartUpload={"Parts": completed})
    whole = b"".join(parts)
    copied = s3.copy_object(Bucket=bucket, Key="copy", CopySource={"Bucket": bucket, "Key": "source"},
                            ChecksumAlgorithm="SHA256")["CopyObjectResult"]
    assert copied["ChecksumSHA256"] == checksum("SHA256", whole) and copied["ChecksumType"] == "FULL_OBJECT"
    head = s3.head_object(Bucket=bucket, Key="copy", ChecksumMode="ENABLED")
    assert head["ChecksumSHA256"] == checksum("SHA256", whole) and "ChecksumSHA1" not in head
    kept = s3.copy_object(Bucket=bucket, Key="copy-kept", CopySource={"Bucket": bucket, "Key": "source"})
    assert kept["CopyObjectResult"]["ChecksumSHA1"] == composite("SHA1", parts)


def test_non_ascii_metadata_comes_back_as_s3_encodes_it(server, s3, bucket):
    client = server.client()

    def non_ascii(params, **_):  # boto3 refuses non-ASCII Metadata; this is how ceph's s3-tests send it (as UTF-8)
        params["headers"]["x-amz-meta-meta1"] = "Hello Worldé"

    client.meta.events.register("before-call.s3.PutObject", non_ascii)
    client.put_object(Bucket=bucket, Key="meta", Body=b"x", Metadata={"plain": "ascii"})
    got = s3.head_object(Bucket=bucket, Key="meta")["Metadata"]
    # RFC 2047, as S3 documents it: HTTP clients read header bytes as ISO-8859-1, so raw UTF-8 would be mojibake.
    assert got["plain"] == "ascii"
    assert got["meta1"] == "=?UTF-8?B?" + base64.b64encode("Hello Worldé".encode()).decode() + "?="
    assert str(email.header.make_header(email.header.decode_header(got["meta1"]))) == "Hello Worldé"
    # A value sent encoded is stored decoded, and so comes back the same.
    s3.put_object(Bucket=bucket, Key="encoded", Body=b"x", Metadata={"meta1": got["meta1"]})
    assert s3.head_object(Bucket=bucket, Key="encoded")["Metadata"]["meta1"] == got["meta1"]


def test_content_encoding_kept_as_sent(s3, bucket):
    s3.put_object(Bucket=bucket, Key="ce", Body=b"x", ContentEncoding="deflate, gzip")
    assert s3.head_object(Bucket=bucket, Key="ce")["ContentEncoding"] == "deflate, gzip"


def test_url_encoding_type_keeps_v1_prefix_as_sent(s3, bucket):
    s3.put_object(Bucket=bucket, Key="a b/c+d", Body=b"x")
    v1 = s3.list_objects(Bucket=bucket, Prefix="a b/", EncodingType="url")
    assert v1["Prefix"] == "a b/"
    assert [o["Key"] for o in v1["Contents"]] == ["a%20b/c%2Bd"]
    v2 = s3.list_objects_v2(Bucket=bucket, Prefix="a b/", EncodingType="url")
    assert v2["Prefix"] == "a%20b/" and [o["Key"] for o in v2["Contents"]] == ["a%20b/c%2Bd"]


def test_delete_marker_header(s3, bucket):
    s3.put_object(Bucket=bucket, Key="gone", Body=b"x")
    unversioned = s3.delete_object(Bucket=bucket, Key="gone")
    assert unversioned["ResponseMetadata"]["HTTPHeaders"]["x-amz-delete-marker"] == "false"
    assert "DeleteMarker" in unversioned and unversioned["DeleteMarker"] is False
    s3.put_bucket_versioning(Bucket=bucket, VersioningConfiguration={"Status": "Enabled"})
    s3.put_object(Bucket=bucket, Key="gone", Body=b"x")
    assert s3.delete_object(Bucket=bucket, Key="gone")["DeleteMarker"] is True


def test_list_buckets_pages(s3):
    prefix = unique_name("lb")
    names = [f"{prefix}-{n}" for n in range(3)]
    for name in names:
        s3.create_bucket(Bucket=name)
    try:
        first = s3.list_buckets(MaxBuckets=2, Prefix=prefix)
        assert [b["Name"] for b in first["Buckets"]] == names[:2]
        assert first["Prefix"] == prefix and first["ContinuationToken"]
        assert {b["BucketRegion"] for b in first["Buckets"]} == {"us-east-1"}
        second = s3.list_buckets(MaxBuckets=2, Prefix=prefix, ContinuationToken=first["ContinuationToken"])
        assert [b["Name"] for b in second["Buckets"]] == names[2:] and "ContinuationToken" not in second
        paged = [b["Name"] for page in s3.get_paginator("list_buckets").paginate(Prefix=prefix, PaginationConfig={
            "PageSize": 1}) for b in page["Buckets"]]
        assert paged == names
        assert s3.list_buckets(Prefix=prefix, BucketRegion="eu-west-1")["Buckets"] == []
        with s3_error("InvalidArgument", 400):
            s3.list_buckets(ContinuationToken="%%%not-a-token")
    finally:
        for name in names:
            s3.delete_bucket(Bucket=name)


def test_obs_list_buckets_pages_and_locations(server, s3):
    """esdk-obs-python in the OBS dialect: marker/max-keys paging, Location only when x-obs-location asks for it."""
    from obs import ObsClient

    prefix = unique_name("obslb")
    names = [f"{prefix}-{n}" for n in range(3)]
    for name in names:
        s3.create_bucket(Bucket=name)
    client = ObsClient(access_key_id=server.access_key, secret_access_key=server.secret_key,
                       server=f"http://localhost:{server.port}")
    try:
        first = client.listBuckets(isQueryLocation=True, maxKeys=2, marker=f"{prefix}-")
        assert first.status == 200, first.errorMessage
        assert [(b.name, b.location, b.bucket_type) for b in first.body.buckets] == [
            (name, "us-east-1", "OBJECT") for name in names[:2]]
        assert first.body.nextMarker == names[1]  # the SDK keeps NextMarker (and drops IsTruncated)
        second = client.listBuckets(isQueryLocation=False, maxKeys=2, marker=first.body.nextMarker)
        assert second.body.buckets[0].name == names[2] and second.body.buckets[0].location is None
        # Object buckets are not parallel file systems.
        assert not set(names) & {b.name for b in client.listBuckets(bucketType="POSIX").body.buckets}
    finally:
        client.close()
        for name in names:
            s3.delete_bucket(Bucket=name)


def test_aws_cli_reads_back_a_multipart_checksum(aws, bucket, tmp_path):
    """`aws s3 cp` uploads 12 MiB in 8 MiB parts with its default checksum; s3api reads it back."""
    import json

    data = os.urandom(12 * MiB)
    path = tmp_path / "big.bin"
    path.write_bytes(data)
    aws("s3", "cp", str(path), f"s3://{bucket}/big.bin")
    attributes = json.loads(aws("s3api", "get-object-attributes", "--bucket", bucket, "--key", "big.bin",
                                "--object-attributes", "Checksum", "ObjectParts", "ObjectSize").stdout)
    head = json.loads(aws("s3api", "head-object", "--bucket", bucket, "--key", "big.bin", "--checksum-mode",
                          "ENABLED").stdout)
    assert attributes["ObjectSize"] == len(data) and attributes["ObjectParts"]["TotalPartsCount"] == 2
    (name, value), = [(k, v) for k, v in attributes["Checksum"].items() if k != "ChecksumType"]
    algorithm = name.removeprefix("Checksum")
    needs(algorithm)
    parts = [data[:8 * MiB], data[8 * MiB:]]
    full_object = attributes["Checksum"]["ChecksumType"] == "FULL_OBJECT"
    whole = checksum(algorithm, data) if full_object else composite(algorithm, parts)
    assert value == whole and head[name] == whole
