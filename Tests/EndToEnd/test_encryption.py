"""Server-side encryption (issue 4): SSE-S3, SSE-KMS and SSE-C with boto3, the aws CLI and esdk-obs-python; bucket
default encryption; what is on disk; the KMS permission model; the `obslab kms` and `obslab object stat` commands.

Expectations follow S3's documented behaviour. Where the issue decides for obslab (a bucket has no default
encryption until one is set; the default KMS key is `obs/default`), the test says so.
"""
from __future__ import annotations

import base64
import hashlib
import json
import os
import pathlib
import re
import subprocess
import uuid

import botocore.exceptions
import pytest
import urllib3.exceptions
from obs import CopyObjectHeader, GetObjectHeader, ObsClient, PutObjectHeader, SseCHeader, SseKmsHeader

from helpers import md5_b64, s3_error, unique_name
from servers import obslab_binary, s3_client

pytestmark = pytest.mark.obslab_only(reason="moto neither checks SSE-C keys nor has a KMS with grants")

KiB = 1024
MiB = 1024 * KiB
CHUNK = 64 * KiB  # the plaintext chunk of the envelope: ranges below straddle its boundaries
OBJECT_SIZE = 200 * KiB

# Ranges of a 200 KiB object (204800 bytes): across the 64 KiB chunk boundaries, on them, suffixes, open-ended.
RANGES = [
    ("bytes=0-0", 0, 0),
    ("bytes=65530-65545", 65530, 65545),
    ("bytes=65535-65536", 65535, 65536),
    ("bytes=65536-131071", 65536, 131071),
    ("bytes=131000-131100", 131000, 131100),
    ("bytes=131071-131072", 131071, 131072),
    ("bytes=100-200000", 100, 200000),
    ("bytes=196608-204799", 196608, 204799),
    ("bytes=150000-", 150000, OBJECT_SIZE - 1),
    ("bytes=-100", OBJECT_SIZE - 100, OBJECT_SIZE - 1),
    ("bytes=-70000", OBJECT_SIZE - 70000, OBJECT_SIZE - 1),
    ("bytes=204799-204799", 204799, 204799),
    ("bytes=200000-999999", 200000, OBJECT_SIZE - 1),
]


# --- Helpers ------------------------------------------------------------------------------------------------


def probe_text(size: int, tag: str | None = None) -> bytes:
    """`size` bytes of lines `<tag> <counter> <tag>`: every 16-byte window holds at least 8 characters of the tag,
    so a window found on disk can only come from this plaintext."""
    tag = tag or uuid.uuid4().hex[:16]
    lines, total, counter = [], 0, 0
    while total < size:
        line = f"{tag} {counter:08d} {tag}\n".encode()
        lines.append(line)
        total += len(line)
        counter += 1
    return b"".join(lines)[:size]


class PlaintextFinder:
    """Finds any 16-byte window of a plaintext in files. Only runs of bytes from the plaintext's alphabet can hold
    one, and ciphertext has no long such runs, so a regular expression finds the candidates quickly."""

    def __init__(self, plaintext: bytes):
        self.windows = {plaintext[i:i + 16] for i in range(len(plaintext) - 15)}
        alphabet = b"".join(re.escape(bytes([b])) for b in sorted(set(plaintext)))
        self.runs = re.compile(b"[" + alphabet + b"]{16,}")

    def find(self, data: bytes) -> int | None:
        for match in self.runs.finditer(data):
            run = match.group()
            for i in range(len(run) - 15):
                if run[i:i + 16] in self.windows:
                    return match.start() + i
        return None

    def files_containing(self, root: pathlib.Path) -> list[tuple[pathlib.Path, int]]:
        found = []
        for path in sorted(root.rglob("*")):
            if path.is_file():
                offset = self.find(path.read_bytes())
                if offset is not None:
                    found.append((path, offset))
        return found


def blob_root(server) -> pathlib.Path:
    return server.data_dir / ".obslab" / "blobs"


def blob_files(server) -> set[pathlib.Path]:
    return {path for path in blob_root(server).rglob("*") if path.is_file()}


def obslab(server, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    """Runs the obslab CLI against the server as its owner."""
    command = [str(obslab_binary()), *args, "--s3-endpoint", server.http,
               "--access-key", server.access_key, "--secret-key", server.secret_key]
    env = {k: v for k, v in os.environ.items() if not k.startswith("OBSLAB_")}
    result = subprocess.run(command, capture_output=True, text=True, timeout=60, env=env)
    if check and result.returncode != 0:
        raise AssertionError(f"{' '.join(args)} exited {result.returncode}:\n{result.stdout}\n{result.stderr}")
    return result


def fields(output: str) -> dict[str, str]:
    """`name: value` lines as a dictionary."""
    return dict(line.split(": ", 1) for line in output.splitlines() if ": " in line)


def describe_key(server, reference: str) -> dict[str, str]:
    return fields(obslab(server, "kms", "describe", reference).stdout)


def create_user(server, name: str):
    """A user made with `obslab user create` and a boto3 client signing with its keys."""
    created = fields(obslab(server, "user", "create", name).stdout)
    return s3_client(server, access_key=created["access key"], secret_key=created["secret key"])


def sse_c(key: bytes) -> dict:
    return {"SSECustomerAlgorithm": "AES256", "SSECustomerKey": key}


def copy_source_sse_c(key: bytes) -> dict:
    return {"CopySourceSSECustomerAlgorithm": "AES256", "CopySourceSSECustomerKey": key}


def assert_encryption(response: dict, mode: str, server=None, key: bytes | None = None, kms_key: str = "testkey-1"):
    """Checks the SSE fields of a response: `none`, `sse-s3`, `sse-kms` (with the ARN of `kms_key`) or `sse-c`."""
    algorithm = response.get("ServerSideEncryption")
    if mode == "none":
        assert algorithm is None and "SSECustomerAlgorithm" not in response and "SSEKMSKeyId" not in response, response
    elif mode == "sse-s3":
        assert algorithm == "AES256" and "SSEKMSKeyId" not in response, response
    elif mode == "sse-kms":
        assert algorithm == "aws:kms", response
        assert response.get("SSEKMSKeyId") == describe_key(server, kms_key)["arn"], response
    elif mode == "sse-c":
        assert algorithm is None, response
        assert response.get("SSECustomerAlgorithm") == "AES256", response
        assert response.get("SSECustomerKeyMD5") == md5_b64(key), response
    else:
        raise ValueError(mode)


@pytest.fixture
def customer_key() -> bytes:
    return os.urandom(32)


# The modes a write can ask for, as boto3 arguments (`key` is the SSE-C key of the test).
MODES = {
    "sse-s3": lambda key: {"ServerSideEncryption": "AES256"},
    "sse-kms": lambda key: {"ServerSideEncryption": "aws:kms", "SSEKMSKeyId": "testkey-1"},
    "sse-c": lambda key: sse_c(key),
}


def read_args(mode: str, key: bytes) -> dict:
    """What a GET or HEAD must send: the customer key for SSE-C, nothing otherwise."""
    return sse_c(key) if mode == "sse-c" else {}


# --- Every mode: PUT, GET, HEAD -----------------------------------------------------------------------------


@pytest.mark.parametrize("mode", list(MODES))
def test_put_get_head_in_every_mode(server, any_s3, bucket, mode, customer_key):
    """Over HTTP and HTTPS (aws-chunked bodies with a trailer), with both signers."""
    data = probe_text(150 * KiB)
    put = any_s3.put_object(Bucket=bucket, Key="object", Body=data, **MODES[mode](customer_key))
    assert_encryption(put, mode, server, customer_key)
    got = any_s3.get_object(Bucket=bucket, Key="object", **read_args(mode, customer_key))
    assert got["Body"].read() == data
    assert_encryption(got, mode, server, customer_key)
    head = any_s3.head_object(Bucket=bucket, Key="object", **read_args(mode, customer_key))
    assert head["ContentLength"] == len(data)
    assert head["ETag"] == put["ETag"]
    assert_encryption(head, mode, server, customer_key)


@pytest.mark.parametrize("reference", ["testkey-1", "alias/testkey-1", "alias-arn", "key-id", "key-arn"])
def test_sse_kms_key_references(server, s3, bucket, reference):
    """Every way of naming testkey-1 encrypts with it, and the responses name it by its key ARN, as S3 does."""
    key = describe_key(server, "testkey-1")
    given = {"alias-arn": "arn:aws:kms:us-east-1:000000000000:alias/testkey-1", "key-id": key["id"],
             "key-arn": key["arn"]}.get(reference, reference)
    put = s3.put_object(Bucket=bucket, Key="k", Body=b"named key", ServerSideEncryption="aws:kms", SSEKMSKeyId=given)
    assert (put["ServerSideEncryption"], put["SSEKMSKeyId"]) == ("aws:kms", key["arn"])
    head = s3.head_object(Bucket=bucket, Key="k")
    assert (head["ServerSideEncryption"], head["SSEKMSKeyId"]) == ("aws:kms", key["arn"])
    assert s3.get_object(Bucket=bucket, Key="k")["Body"].read() == b"named key"


def test_sse_kms_without_key_uses_the_default_key(server, s3, bucket):
    """`aws:kms` without a key id: obslab's default key is obs/default (OBS's name; AWS would use aws/s3),
    created on first use."""
    put = s3.put_object(Bucket=bucket, Key="k", Body=b"default key", ServerSideEncryption="aws:kms")
    default = describe_key(server, "obs/default")
    assert (put["ServerSideEncryption"], put["SSEKMSKeyId"]) == ("aws:kms", default["arn"])
    assert s3.head_object(Bucket=bucket, Key="k")["SSEKMSKeyId"] == default["arn"]
    assert s3.get_object(Bucket=bucket, Key="k")["Body"].read() == b"default key"


def test_sse_kms_bad_requests(s3, bucket):
    with s3_error("KMS.NotFoundException", 400):
        s3.put_object(Bucket=bucket, Key="k", Body=b"x", ServerSideEncryption="aws:kms", SSEKMSKeyId="no-such-key")
    with s3_error("InvalidArgument", 400):
        s3.put_object(Bucket=bucket, Key="k", Body=b"x", ServerSideEncryption="AES256", SSEKMSKeyId="testkey-1")
    with s3_error("InvalidArgument", 400):
        s3.put_object(Bucket=bucket, Key="k", Body=b"x", ServerSideEncryption="rot13")
    assert s3.list_objects_v2(Bucket=bucket)["KeyCount"] == 0


def test_sse_c_wrong_or_missing_key(s3, bucket, customer_key):
    s3.put_object(Bucket=bucket, Key="k", Body=b"customer data", **sse_c(customer_key))
    # Missing key: 400 InvalidRequest; wrong key: 400 InvalidRequest (ceph s3-tests' sse_c_other_key); HEAD answers the same statuses without a body.
    with s3_error("InvalidRequest", 400):
        s3.get_object(Bucket=bucket, Key="k")
    with s3_error("InvalidRequest", 400):
        s3.get_object(Bucket=bucket, Key="k", **sse_c(os.urandom(32)))
    with pytest.raises(botocore.exceptions.ClientError) as missing:
        s3.head_object(Bucket=bucket, Key="k")
    assert missing.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400
    with pytest.raises(botocore.exceptions.ClientError) as wrong:
        s3.head_object(Bucket=bucket, Key="k", **sse_c(os.urandom(32)))
    assert wrong.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400
    # A key whose MD5 is not the one sent, and a key of the wrong length: 400 InvalidArgument.
    with s3_error("InvalidArgument", 400):
        s3.get_object(Bucket=bucket, Key="k", SSECustomerAlgorithm="AES256",
                      SSECustomerKey=base64.b64encode(customer_key).decode(), SSECustomerKeyMD5=md5_b64(b"other"))
    with s3_error("InvalidArgument", 400):
        s3.put_object(Bucket=bucket, Key="short", Body=b"x", **sse_c(os.urandom(16)))
    # SSE-C together with x-amz-server-side-encryption is refused.
    with s3_error("InvalidArgument", 400):
        s3.put_object(Bucket=bucket, Key="both", Body=b"x", ServerSideEncryption="AES256", **sse_c(customer_key))
    # A customer key for an object that has none: 400 InvalidRequest.
    s3.put_object(Bucket=bucket, Key="plain", Body=b"plain")
    with s3_error("InvalidRequest", 400):
        s3.get_object(Bucket=bucket, Key="plain", **sse_c(customer_key))
    assert s3.get_object(Bucket=bucket, Key="k", **sse_c(customer_key))["Body"].read() == b"customer data"


# --- Ranges across chunk boundaries -------------------------------------------------------------------------


@pytest.mark.parametrize("mode", ["sse-kms", "sse-c", "sse-s3"])
def test_ranged_gets_across_chunk_boundaries(server, s3, bucket, mode, customer_key):
    data = os.urandom(OBJECT_SIZE)
    s3.put_object(Bucket=bucket, Key="ranged", Body=data, **MODES[mode](customer_key))
    for header_value, first, last in RANGES:
        got = s3.get_object(Bucket=bucket, Key="ranged", Range=header_value, **read_args(mode, customer_key))
        assert got["ResponseMetadata"]["HTTPStatusCode"] == 206, header_value
        assert got["ContentRange"] == f"bytes {first}-{last}/{OBJECT_SIZE}", header_value
        body = got["Body"].read()
        assert len(body) == got["ContentLength"] == last - first + 1, header_value
        assert body == data[first:last + 1], header_value
        assert_encryption(got, mode, server, customer_key)
    with s3_error("InvalidRange", 416):
        s3.get_object(Bucket=bucket, Key="ranged", Range=f"bytes={OBJECT_SIZE}-", **read_args(mode, customer_key))
    if mode == "sse-c":
        with s3_error("InvalidRequest", 400):
            s3.get_object(Bucket=bucket, Key="ranged", Range="bytes=65530-65545")


def test_ranged_gets_of_an_object_of_whole_chunks(s3, bucket):
    data = os.urandom(3 * CHUNK)
    s3.put_object(Bucket=bucket, Key="whole", Body=data, ServerSideEncryption="aws:kms", SSEKMSKeyId="testkey-2")
    for first, last in [(0, CHUNK - 1), (CHUNK - 1, CHUNK), (2 * CHUNK, 3 * CHUNK - 1), (3 * CHUNK - 1, 3 * CHUNK - 1)]:
        body = s3.get_object(Bucket=bucket, Key="whole", Range=f"bytes={first}-{last}")["Body"].read()
        assert body == data[first:last + 1], (first, last)
    assert s3.get_object(Bucket=bucket, Key="whole")["Body"].read() == data


def test_empty_encrypted_objects(server, s3, bucket, customer_key):
    for mode in MODES:
        put = s3.put_object(Bucket=bucket, Key=mode, Body=b"", **MODES[mode](customer_key))
        assert_encryption(put, mode, server, customer_key)
        got = s3.get_object(Bucket=bucket, Key=mode, **read_args(mode, customer_key))
        assert got["Body"].read() == b"" and got["ContentLength"] == 0
        assert_encryption(got, mode, server, customer_key)


# --- Multipart ----------------------------------------------------------------------------------------------


def multipart_parts() -> list[bytes]:
    """Parts whose boundaries fall inside chunks: 5 MiB + 1000 bytes, then 5 MiB + 7, then a short last part."""
    return [os.urandom(5 * MiB + 1000), os.urandom(5 * MiB + 7), os.urandom(100_003)]


def test_multipart_sse_kms(server, s3, bucket):
    created = s3.create_multipart_upload(Bucket=bucket, Key="mp", ServerSideEncryption="aws:kms", SSEKMSKeyId="testkey-1")
    assert_encryption(created, "sse-kms", server)
    parts = multipart_parts()
    etags = []
    for number, part in enumerate(parts, 1):
        uploaded = s3.upload_part(Bucket=bucket, Key="mp", UploadId=created["UploadId"], PartNumber=number, Body=part)
        assert_encryption(uploaded, "sse-kms", server)
        etags.append(uploaded["ETag"])
    completed = s3.complete_multipart_upload(
        Bucket=bucket, Key="mp", UploadId=created["UploadId"],
        MultipartUpload={"Parts": [{"PartNumber": n, "ETag": e} for n, e in enumerate(etags, 1)]})
    assert_encryption(completed, "sse-kms", server)
    data = b"".join(parts)
    assert_encryption(s3.head_object(Bucket=bucket, Key="mp"), "sse-kms", server)
    assert s3.get_object(Bucket=bucket, Key="mp")["Body"].read() == data
    boundary = len(parts[0])
    for first, last in [(boundary - 10, boundary + 10), (boundary - CHUNK, boundary + CHUNK), (len(data) - 100_010, len(data) - 1)]:
        got = s3.get_object(Bucket=bucket, Key="mp", Range=f"bytes={first}-{last}")
        assert got["Body"].read() == data[first:last + 1], (first, last)
    got = s3.get_object(Bucket=bucket, Key="mp", PartNumber=2)
    assert got["Body"].read() == parts[1]
    assert_encryption(got, "sse-kms", server)


def test_multipart_sse_c(server, s3, bucket, customer_key):
    """The customer key goes on CreateMultipartUpload and on every part (S3 needs it on Complete only for checksums)."""
    created = s3.create_multipart_upload(Bucket=bucket, Key="mp", **sse_c(customer_key))
    assert_encryption(created, "sse-c", key=customer_key)
    upload_id = created["UploadId"]
    parts = multipart_parts()
    # A part without the key is refused (400 InvalidRequest), one with another key too.
    with s3_error("InvalidRequest", 400):
        s3.upload_part(Bucket=bucket, Key="mp", UploadId=upload_id, PartNumber=1, Body=parts[0])
    with pytest.raises(botocore.exceptions.ClientError) as wrong:
        s3.upload_part(Bucket=bucket, Key="mp", UploadId=upload_id, PartNumber=1, Body=parts[0], **sse_c(os.urandom(32)))
    assert wrong.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400, wrong.value.response
    etags = []
    for number, part in enumerate(parts, 1):
        uploaded = s3.upload_part(Bucket=bucket, Key="mp", UploadId=upload_id, PartNumber=number, Body=part,
                                  **sse_c(customer_key))
        assert_encryption(uploaded, "sse-c", key=customer_key)
        etags.append(uploaded["ETag"])
    s3.complete_multipart_upload(Bucket=bucket, Key="mp", UploadId=upload_id,
                                 MultipartUpload={"Parts": [{"PartNumber": n, "ETag": e} for n, e in enumerate(etags, 1)]})
    data = b"".join(parts)
    assert_encryption(s3.head_object(Bucket=bucket, Key="mp", **sse_c(customer_key)), "sse-c", key=customer_key)
    assert s3.get_object(Bucket=bucket, Key="mp", **sse_c(customer_key))["Body"].read() == data
    boundary = len(parts[0]) + len(parts[1])
    got = s3.get_object(Bucket=bucket, Key="mp", Range=f"bytes={boundary - 70000}-{boundary + 50}", **sse_c(customer_key))
    assert got["Body"].read() == data[boundary - 70000:boundary + 51]
    with s3_error("InvalidRequest", 400):
        s3.get_object(Bucket=bucket, Key="mp")
    with s3_error("InvalidRequest", 400):
        s3.get_object(Bucket=bucket, Key="mp", **sse_c(os.urandom(32)))


# --- Copy ---------------------------------------------------------------------------------------------------


def test_copy_from_sse_c_to_sse_kms(server, s3, bucket, customer_key):
    data = probe_text(OBJECT_SIZE)
    s3.put_object(Bucket=bucket, Key="src", Body=data, **sse_c(customer_key))
    # Without the source's key the copy is refused, as a GET would be.
    with s3_error("InvalidRequest", 400):
        s3.copy_object(Bucket=bucket, Key="dst", CopySource={"Bucket": bucket, "Key": "src"},
                       ServerSideEncryption="aws:kms", SSEKMSKeyId="testkey-1")
    with s3_error("InvalidRequest", 400):
        s3.copy_object(Bucket=bucket, Key="dst", CopySource={"Bucket": bucket, "Key": "src"},
                       ServerSideEncryption="aws:kms", SSEKMSKeyId="testkey-1", **copy_source_sse_c(os.urandom(32)))
    copied = s3.copy_object(Bucket=bucket, Key="dst", CopySource={"Bucket": bucket, "Key": "src"},
                            ServerSideEncryption="aws:kms", SSEKMSKeyId="testkey-1", **copy_source_sse_c(customer_key))
    assert_encryption(copied, "sse-kms", server)
    got = s3.get_object(Bucket=bucket, Key="dst")
    assert got["Body"].read() == data
    assert_encryption(got, "sse-kms", server)
    assert s3.get_object(Bucket=bucket, Key="dst", Range="bytes=65530-65545")["Body"].read() == data[65530:65546]
    # The source is unchanged and still needs its key.
    assert s3.get_object(Bucket=bucket, Key="src", **sse_c(customer_key))["Body"].read() == data


def test_copy_re_encrypts_per_destination(server, s3, bucket, customer_key):
    """A copy decrypts with the source's key and encrypts as its own headers (or the bucket default) say."""
    data = probe_text(100 * KiB)
    s3.put_object(Bucket=bucket, Key="kms", Body=data, ServerSideEncryption="aws:kms", SSEKMSKeyId="testkey-1")
    to_c = s3.copy_object(Bucket=bucket, Key="to-c", CopySource={"Bucket": bucket, "Key": "kms"}, **sse_c(customer_key))
    assert_encryption(to_c, "sse-c", key=customer_key)
    assert s3.get_object(Bucket=bucket, Key="to-c", **sse_c(customer_key))["Body"].read() == data
    to_s3 = s3.copy_object(Bucket=bucket, Key="to-s3", CopySource={"Bucket": bucket, "Key": "to-c"},
                           ServerSideEncryption="AES256", **copy_source_sse_c(customer_key))
    assert_encryption(to_s3, "sse-s3")
    to_kms2 = s3.copy_object(Bucket=bucket, Key="to-kms2", CopySource={"Bucket": bucket, "Key": "to-s3"},
                             ServerSideEncryption="aws:kms", SSEKMSKeyId="testkey-2")
    assert_encryption(to_kms2, "sse-kms", server, kms_key="testkey-2")
    # No encryption headers and no bucket default: the copy is stored in plaintext, whatever the source was.
    plain = s3.copy_object(Bucket=bucket, Key="plain", CopySource={"Bucket": bucket, "Key": "to-kms2"})
    assert_encryption(plain, "none")
    assert_encryption(s3.head_object(Bucket=bucket, Key="plain"), "none")
    # A copy onto itself that changes only the encryption (S3 allows it when the encryption changes).
    rekeyed = s3.copy_object(Bucket=bucket, Key="kms", CopySource={"Bucket": bucket, "Key": "kms"},
                             ServerSideEncryption="aws:kms", SSEKMSKeyId="testkey-2")
    assert_encryption(rekeyed, "sse-kms", server, kms_key="testkey-2")
    for key, args in [("to-s3", {}), ("to-kms2", {}), ("plain", {}), ("kms", {})]:
        assert s3.get_object(Bucket=bucket, Key=key, **args)["Body"].read() == data, key


# --- Bucket default encryption ------------------------------------------------------------------------------


def default_rule(algorithm: str, key: str | None = None) -> dict:
    rule = {"SSEAlgorithm": algorithm}
    if key:
        rule["KMSMasterKeyID"] = key
    return {"Rules": [{"ApplyServerSideEncryptionByDefault": rule}]}


def test_bucket_encryption_configuration(s3, bucket):
    with s3_error("ServerSideEncryptionConfigurationNotFoundError", 404):
        s3.get_bucket_encryption(Bucket=bucket)
    s3.put_bucket_encryption(Bucket=bucket, ServerSideEncryptionConfiguration=default_rule("aws:kms", "testkey-1"))
    rule = s3.get_bucket_encryption(Bucket=bucket)["ServerSideEncryptionConfiguration"]["Rules"][0]
    assert rule["ApplyServerSideEncryptionByDefault"] == {"SSEAlgorithm": "aws:kms", "KMSMasterKeyID": "testkey-1"}
    s3.put_bucket_encryption(Bucket=bucket, ServerSideEncryptionConfiguration=default_rule("AES256"))
    rule = s3.get_bucket_encryption(Bucket=bucket)["ServerSideEncryptionConfiguration"]["Rules"][0]
    assert rule["ApplyServerSideEncryptionByDefault"] == {"SSEAlgorithm": "AES256"}
    deleted = s3.delete_bucket_encryption(Bucket=bucket)
    assert deleted["ResponseMetadata"]["HTTPStatusCode"] == 204
    with s3_error("ServerSideEncryptionConfigurationNotFoundError", 404):
        s3.get_bucket_encryption(Bucket=bucket)
    # Deleting a configuration that is not there is still 204, as in S3.
    assert s3.delete_bucket_encryption(Bucket=bucket)["ResponseMetadata"]["HTTPStatusCode"] == 204
    with s3_error("NoSuchBucket", 404):
        s3.get_bucket_encryption(Bucket=unique_name("missing"))


def test_bucket_encryption_rejects_bad_configurations(s3, bucket):
    with s3_error("InvalidArgument", 400):
        s3.put_bucket_encryption(Bucket=bucket, ServerSideEncryptionConfiguration=default_rule("rot13"))
    with s3_error("InvalidArgument", 400):
        s3.put_bucket_encryption(Bucket=bucket, ServerSideEncryptionConfiguration=default_rule("AES256", "testkey-1"))
    with s3_error("ServerSideEncryptionConfigurationNotFoundError", 404):
        s3.get_bucket_encryption(Bucket=bucket)


def test_bucket_default_applies_to_puts_copies_and_multipart(server, s3, bucket_factory, customer_key):
    bucket, other = bucket_factory("sse-default"), bucket_factory("sse-plain")
    s3.put_bucket_encryption(Bucket=bucket, ServerSideEncryptionConfiguration=default_rule("aws:kms", "testkey-1"))
    data = probe_text(100 * KiB)
    # A plain PUT follows the default.
    put = s3.put_object(Bucket=bucket, Key="put", Body=data)
    assert_encryption(put, "sse-kms", server)
    assert_encryption(s3.head_object(Bucket=bucket, Key="put"), "sse-kms", server)
    # A copy from an unencrypted bucket, without encryption headers, follows the destination's default.
    s3.put_object(Bucket=other, Key="plain", Body=data)
    copied = s3.copy_object(Bucket=bucket, Key="copy", CopySource={"Bucket": other, "Key": "plain"})
    assert_encryption(copied, "sse-kms", server)
    assert_encryption(s3.head_object(Bucket=bucket, Key="copy"), "sse-kms", server)
    # A multipart upload without encryption headers follows it from its creation.
    created = s3.create_multipart_upload(Bucket=bucket, Key="mp")
    assert_encryption(created, "sse-kms", server)
    part = s3.upload_part(Bucket=bucket, Key="mp", UploadId=created["UploadId"], PartNumber=1, Body=data)
    completed = s3.complete_multipart_upload(Bucket=bucket, Key="mp", UploadId=created["UploadId"],
                                             MultipartUpload={"Parts": [{"PartNumber": 1, "ETag": part["ETag"]}]})
    assert_encryption(completed, "sse-kms", server)
    assert_encryption(s3.head_object(Bucket=bucket, Key="mp"), "sse-kms", server)
    # Explicit headers win over the default.
    assert_encryption(s3.put_object(Bucket=bucket, Key="s3", Body=data, ServerSideEncryption="AES256"), "sse-s3")
    assert_encryption(s3.put_object(Bucket=bucket, Key="c", Body=data, **sse_c(customer_key)), "sse-c", key=customer_key)
    # Copying out of the bucket, without headers, into a bucket without default: plaintext.
    assert_encryption(s3.copy_object(Bucket=other, Key="out", CopySource={"Bucket": bucket, "Key": "put"}), "none")
    for key in ("put", "copy", "mp", "s3"):
        assert s3.get_object(Bucket=bucket, Key=key)["Body"].read() == data, key
    # An AES256 default and an aws:kms default without a key (obs/default).
    s3.put_bucket_encryption(Bucket=bucket, ServerSideEncryptionConfiguration=default_rule("AES256"))
    assert_encryption(s3.put_object(Bucket=bucket, Key="aes", Body=data), "sse-s3")
    s3.put_bucket_encryption(Bucket=bucket, ServerSideEncryptionConfiguration=default_rule("aws:kms"))
    assert_encryption(s3.put_object(Bucket=bucket, Key="default-key", Body=data), "sse-kms", server, kms_key="obs/default")
    assert s3.get_object(Bucket=bucket, Key="default-key")["Body"].read() == data


def test_deleting_the_default_leaves_existing_objects_encrypted(server, s3, bucket):
    s3.put_bucket_encryption(Bucket=bucket, ServerSideEncryptionConfiguration=default_rule("aws:kms", "testkey-1"))
    before_data, after_data = probe_text(100 * KiB), probe_text(100 * KiB)
    s3.put_object(Bucket=bucket, Key="before", Body=before_data)
    assert s3.delete_bucket_encryption(Bucket=bucket)["ResponseMetadata"]["HTTPStatusCode"] == 204
    with s3_error("ServerSideEncryptionConfigurationNotFoundError", 404):
        s3.get_bucket_encryption(Bucket=bucket)
    blobs_before = blob_files(server)
    s3.put_object(Bucket=bucket, Key="after", Body=after_data)
    new_blobs = blob_files(server) - blobs_before

    assert_encryption(s3.head_object(Bucket=bucket, Key="before"), "sse-kms", server)
    assert_encryption(s3.head_object(Bucket=bucket, Key="after"), "none")
    assert s3.get_object(Bucket=bucket, Key="before")["Body"].read() == before_data
    assert s3.get_object(Bucket=bucket, Key="after")["Body"].read() == after_data
    arn = describe_key(server, "testkey-1")["arn"]
    before = fields(obslab(server, "object", "stat", bucket, "before").stdout)
    assert (before["encryption"], before["kms-key"]) == ("aws:kms", arn)
    after = fields(obslab(server, "object", "stat", bucket, "after").stdout)
    assert after["encryption"] == "none" and "kms-key" not in after
    # On disk: the new object is stored as is, the old one is not.
    assert new_blobs and any(PlaintextFinder(after_data).find(path.read_bytes()) is not None for path in new_blobs)
    assert PlaintextFinder(before_data).files_containing(server.data_dir / ".obslab") == []


# --- On disk: no plaintext, tampering detected --------------------------------------------------------------


def test_no_plaintext_on_disk(server, s3, bucket, customer_key):
    data = probe_text(300 * KiB)
    finder = PlaintextFinder(data)
    s3.put_object(Bucket=bucket, Key="sse-s3", Body=data, ServerSideEncryption="AES256")
    s3.put_object(Bucket=bucket, Key="sse-kms", Body=data, ServerSideEncryption="aws:kms", SSEKMSKeyId="testkey-1")
    s3.put_object(Bucket=bucket, Key="sse-c", Body=data, **sse_c(customer_key))
    s3.copy_object(Bucket=bucket, Key="copy", CopySource={"Bucket": bucket, "Key": "sse-c"},
                   ServerSideEncryption="aws:kms", **copy_source_sse_c(customer_key))
    created = s3.create_multipart_upload(Bucket=bucket, Key="mp", ServerSideEncryption="aws:kms", SSEKMSKeyId="testkey-2")
    part = s3.upload_part(Bucket=bucket, Key="mp", UploadId=created["UploadId"], PartNumber=1, Body=data)
    s3.complete_multipart_upload(Bucket=bucket, Key="mp", UploadId=created["UploadId"],
                                 MultipartUpload={"Parts": [{"PartNumber": 1, "ETag": part["ETag"]}]})
    s3.put_bucket_encryption(Bucket=bucket, ServerSideEncryptionConfiguration=default_rule("aws:kms", "testkey-1"))
    s3.put_object(Bucket=bucket, Key="by-default", Body=data)
    for key, args in [("sse-s3", {}), ("sse-kms", {}), ("sse-c", sse_c(customer_key)), ("copy", {}), ("mp", {}),
                      ("by-default", {})]:
        assert s3.get_object(Bucket=bucket, Key=key, **args)["Body"].read() == data, key

    # Every stored file of the server (blobs, staging, catalog, KMS store): no 16-byte window of the plaintext.
    assert finder.files_containing(server.data_dir / ".obslab") == []

    # The check can fail: the same plaintext stored unencrypted is found, in the blob of that object.
    s3.delete_bucket_encryption(Bucket=bucket)
    blobs_before = blob_files(server)
    s3.put_object(Bucket=bucket, Key="plain", Body=data)
    found = finder.files_containing(blob_root(server))
    assert found and {path for path, _ in found} <= blob_files(server) - blobs_before


def flip_byte(path: pathlib.Path, offset: int) -> None:
    """Changes one byte in place (the file may be a hard link shared by no other object of this test)."""
    with open(path, "r+b") as file:
        file.seek(offset)
        byte = file.read(1)
        file.seek(offset)
        file.write(bytes([byte[0] ^ 0x5A]))


def fails_or_is_exact(client, expected: bytes, **args) -> str:
    """GETs and reads the body; returns 'failed' if the request or its stream failed, 'exact' if the bytes are
    the original ones. Any other body is wrong bytes: the test fails."""
    try:
        body = client.get_object(**args)["Body"].read()
    except botocore.exceptions.ClientError as error:
        assert error.response["ResponseMetadata"]["HTTPStatusCode"] >= 500, error.response
        return "failed"
    except (botocore.exceptions.ResponseStreamingError, botocore.exceptions.IncompleteReadError,
            urllib3.exceptions.ProtocolError, urllib3.exceptions.IncompleteRead, ConnectionError):
        return "failed"
    assert body == expected, f"the GET returned {len(body)} bytes that are not the object's ({args.get('Range')})"
    return "exact"


@pytest.mark.parametrize("mode", ["sse-kms", "sse-c", "sse-s3"])
def test_a_flipped_byte_makes_the_get_fail(server, bucket, mode, customer_key):
    # No retries (a 500 would be retried 4 times) and a bounded wait: a hang is not an error answer.
    client = s3_client(server, retries={"max_attempts": 1, "mode": "standard"}, read_timeout=30)
    data = os.urandom(OBJECT_SIZE)
    blobs_before = blob_files(server)
    client.put_object(Bucket=bucket, Key="victim", Body=data, **MODES[mode](customer_key))
    created = sorted(blob_files(server) - blobs_before)
    assert created, "the PUT created no blob file"
    for path in created:
        flip_byte(path, path.stat().st_size // 2)  # in the middle chunk (65536-131071 of the plaintext)
    args = {"Bucket": bucket, "Key": "victim", **read_args(mode, customer_key)}
    assert fails_or_is_exact(client, data, **args) == "failed"
    assert fails_or_is_exact(client, data, Range="bytes=100000-100100", **args) == "failed"
    # A range in an untouched chunk never returns other bytes (it may succeed, or fail if the whole is checked).
    fails_or_is_exact(client, data[:100], Range="bytes=0-99", **args)


# --- Permission model ---------------------------------------------------------------------------------------


def assert_kms_denied(error: dict, code: str, principal: str, key_id: str) -> None:
    assert error["ResponseMetadata"]["HTTPStatusCode"] == 403, error
    assert error["Error"]["Code"] == code, error["Error"]
    message = error["Error"]["Message"]
    assert principal in message, message
    assert key_id in message or "testkey-1" in message, message


def allow_user(s3, bucket: str, user: str, actions: list[str]) -> None:
    """A bucket policy that lets `user` perform `actions` on the bucket's objects: the bucket is the owner's."""
    s3.put_bucket_policy(Bucket=bucket, Policy=json.dumps({"Version": "2012-10-17", "Statement": [{
        "Sid": "AllowUser", "Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::000000000000:user/{user}"},
        "Action": actions, "Resource": f"arn:aws:s3:::{bucket}/*"}]}))


def test_kms_grants_and_disabled_keys(server, s3, bucket):
    key_id = describe_key(server, "testkey-1")["id"]
    reader_name = unique_name("reader")
    reader = create_user(server, reader_name)
    data = probe_text(100 * KiB)
    s3.put_object(Bucket=bucket, Key="kms", Body=data, ServerSideEncryption="aws:kms", SSEKMSKeyId="testkey-1")
    s3.put_object(Bucket=bucket, Key="aes", Body=data, ServerSideEncryption="AES256")
    # The bucket is the owner's: the reader is refused before the KMS is even asked, then allowed by a policy.
    with s3_error("AccessDenied", 403):
        reader.get_object(Bucket=bucket, Key="aes")
    allow_user(s3, bucket, reader_name, ["s3:GetObject", "s3:PutObject"])
    try:
        # The owner reads; the reader, without a grant, is refused with the KMS error naming it and the key.
        assert s3.get_object(Bucket=bucket, Key="kms")["Body"].read() == data
        with pytest.raises(botocore.exceptions.ClientError) as denied:
            reader.get_object(Bucket=bucket, Key="kms")
        assert denied.value.response["Error"]["Code"].startswith("KMS.")
        assert_kms_denied(denied.value.response, "KMS.AccessDeniedException", reader_name, key_id)
        with pytest.raises(botocore.exceptions.ClientError) as denied_put:
            reader.put_object(Bucket=bucket, Key="mine", Body=b"x", ServerSideEncryption="aws:kms", SSEKMSKeyId="testkey-1")
        assert_kms_denied(denied_put.value.response, "KMS.AccessDeniedException", reader_name, key_id)
        # SSE-S3 needs no grant: anyone who may read the bucket reads it.
        assert reader.get_object(Bucket=bucket, Key="aes")["Body"].read() == data

        obslab(server, "kms", "grant", "testkey-1", reader_name)
        assert reader.get_object(Bucket=bucket, Key="kms")["Body"].read() == data
        # The reader's object is the reader's: it gives the bucket's owner a grant to read it, as on S3.
        reader.put_object(Bucket=bucket, Key="mine", Body=b"mine", ServerSideEncryption="aws:kms", SSEKMSKeyId="testkey-1",
                          ACL="bucket-owner-full-control")
        assert s3.get_object(Bucket=bucket, Key="mine")["Body"].read() == b"mine"

        obslab(server, "kms", "disable", "testkey-1")
        for client, principal in [(s3, "owner"), (reader, reader_name)]:
            with pytest.raises(botocore.exceptions.ClientError) as disabled:
                client.get_object(Bucket=bucket, Key="kms")
            assert disabled.value.response["ResponseMetadata"]["HTTPStatusCode"] == 403
            assert disabled.value.response["Error"]["Code"] == "KMS.DisabledException", disabled.value.response["Error"]
        with s3_error("KMS.DisabledException"):
            s3.put_object(Bucket=bucket, Key="new", Body=b"x", ServerSideEncryption="aws:kms", SSEKMSKeyId="testkey-1")
        assert s3.get_object(Bucket=bucket, Key="aes")["Body"].read() == data

        obslab(server, "kms", "enable", "testkey-1")
        assert s3.get_object(Bucket=bucket, Key="kms")["Body"].read() == data
        assert reader.get_object(Bucket=bucket, Key="kms")["Body"].read() == data

        obslab(server, "kms", "revoke", "testkey-1", reader_name)
        with pytest.raises(botocore.exceptions.ClientError) as revoked:
            reader.get_object(Bucket=bucket, Key="kms")
        assert_kms_denied(revoked.value.response, "KMS.AccessDeniedException", reader_name, key_id)
    finally:
        obslab(server, "kms", "enable", "testkey-1", check=False)
        obslab(server, "kms", "revoke", "testkey-1", reader_name, check=False)


def test_head_of_an_sse_kms_object_needs_no_grant(server, s3, bucket):
    """As in S3, HEAD reads metadata only: a principal without kms:Decrypt still sees how the object is encrypted."""
    reader_name = unique_name("header")
    reader = create_user(server, reader_name)
    s3.put_object(Bucket=bucket, Key="kms", Body=b"data", ServerSideEncryption="aws:kms", SSEKMSKeyId="testkey-1")
    allow_user(s3, bucket, reader_name, ["s3:GetObject"])
    assert_encryption(reader.head_object(Bucket=bucket, Key="kms"), "sse-kms", server)


def test_the_labeling_service_has_no_grant_by_default(server):
    for line in obslab(server, "kms", "list").stdout.splitlines()[1:]:
        assert "modelarts-service" not in line, line


# --- The aws CLI --------------------------------------------------------------------------------------------


def test_awscli_cp_with_sse_kms_and_sse_s3(server, aws, s3, bucket, tmp_path):
    arn = describe_key(server, "testkey-1")["arn"]
    small, large = tmp_path / "small.txt", tmp_path / "large.bin"
    small.write_bytes(probe_text(100 * KiB))
    large.write_bytes(os.urandom(12 * MiB))  # above the CLI's 8 MiB multipart threshold
    aws("s3", "cp", str(small), f"s3://{bucket}/kms.txt", "--sse", "aws:kms", "--sse-kms-key-id", "testkey-1")
    aws("s3", "cp", str(large), f"s3://{bucket}/kms.bin", "--sse", "aws:kms", "--sse-kms-key-id", "testkey-1")
    aws("s3", "cp", str(small), f"s3://{bucket}/aes.txt", "--sse", "AES256")
    for key in ("kms.txt", "kms.bin"):
        head = s3.head_object(Bucket=bucket, Key=key)
        assert (head["ServerSideEncryption"], head["SSEKMSKeyId"]) == ("aws:kms", arn), key
    assert s3.head_object(Bucket=bucket, Key="aes.txt")["ServerSideEncryption"] == "AES256"
    aws("s3", "cp", f"s3://{bucket}/kms.bin", str(tmp_path / "back.bin"))
    assert (tmp_path / "back.bin").read_bytes() == large.read_bytes()
    head = aws("s3api", "head-object", "--bucket", bucket, "--key", "kms.txt").stdout
    assert '"ServerSideEncryption": "aws:kms"' in head and arn in head


def test_awscli_cp_with_sse_c(server, aws, s3, bucket, tmp_path, customer_key):
    key_file = tmp_path / "customer.key"
    key_file.write_bytes(customer_key)
    sse_c_args = ["--sse-c", "AES256", "--sse-c-key", f"fileb://{key_file}"]
    small, large = tmp_path / "small.txt", tmp_path / "large.bin"
    small.write_bytes(probe_text(OBJECT_SIZE))
    large.write_bytes(os.urandom(10 * MiB))
    aws("s3", "cp", str(small), f"s3://{bucket}/c.txt", *sse_c_args)
    aws("s3", "cp", str(large), f"s3://{bucket}/c.bin", *sse_c_args)  # multipart, the key on every request
    for key in ("c.txt", "c.bin"):
        assert_encryption(s3.head_object(Bucket=bucket, Key=key, **sse_c(customer_key)), "sse-c", key=customer_key)
    # Downloads: a plain GET, and ranged GETs for the large object.
    aws("s3", "cp", f"s3://{bucket}/c.txt", str(tmp_path / "c.txt"), *sse_c_args)
    aws("s3", "cp", f"s3://{bucket}/c.bin", str(tmp_path / "c.bin"), *sse_c_args)
    assert (tmp_path / "c.txt").read_bytes() == small.read_bytes()
    assert (tmp_path / "c.bin").read_bytes() == large.read_bytes()
    failed = aws("s3", "cp", f"s3://{bucket}/c.txt", str(tmp_path / "nokey.txt"), check=False)
    assert failed.returncode != 0 and "400" in failed.stderr, failed.stderr
    # Server-side copies out of SSE-C into SSE-KMS: CopyObject for the small one, UploadPartCopy for the large one.
    copy_args = ["--sse-c-copy-source", "AES256", "--sse-c-copy-source-key", f"fileb://{key_file}",
                 "--sse", "aws:kms", "--sse-kms-key-id", "testkey-1"]
    aws("s3", "cp", f"s3://{bucket}/c.txt", f"s3://{bucket}/k.txt", *copy_args)
    aws("s3", "cp", f"s3://{bucket}/c.bin", f"s3://{bucket}/k.bin", *copy_args)
    for key, source in (("k.txt", small), ("k.bin", large)):
        got = s3.get_object(Bucket=bucket, Key=key)
        assert_encryption(got, "sse-kms", server)
        assert got["Body"].read() == source.read_bytes(), key


# --- The OBS SDK --------------------------------------------------------------------------------------------


@pytest.fixture(params=["obs", "v4", "v2"])
def obs_variant(request) -> str:
    return request.param


@pytest.fixture
def obs_client(server, obs_variant):
    """esdk-obs-python as test_obs_sdk.py drives it: the OBS dialect by negotiation, or AWS signatures."""
    if obs_variant == "obs":
        client = ObsClient(access_key_id=server.access_key, secret_access_key=server.secret_key,
                           server=f"http://localhost:{server.port}")
    else:
        client = ObsClient(access_key_id=server.access_key, secret_access_key=server.secret_key, server=server.http,
                           signature=obs_variant, path_style=True)
    yield client
    client.close()


def obs_ok(response, status: int = 200):
    assert response.status == status, f"HTTP {response.status} {response.errorCode}: {response.errorMessage}"
    return response


def test_obs_sdk_bucket_encryption(server, obs_client, obs_variant, s3, bucket):
    assert obs_client.getBucketEncryption(bucket).status == 404
    obs_ok(obs_client.setBucketEncryption(bucket, "kms", key="testkey-1"))
    got = obs_ok(obs_client.getBucketEncryption(bucket)).body
    assert (got.encryption, got.key) == ("kms", "testkey-1")
    obs_ok(obs_client.putContent(bucket, "by-default", "follows the default"))
    key_id = describe_key(server, "testkey-1")["id"]
    head = s3.head_object(Bucket=bucket, Key="by-default")
    assert head["ServerSideEncryption"] == "aws:kms" and key_id in head["SSEKMSKeyId"]
    obs_ok(obs_client.deleteBucketEncryption(bucket), 204)
    assert obs_client.getBucketEncryption(bucket).status == 404
    with s3_error("ServerSideEncryptionConfigurationNotFoundError", 404):
        s3.get_bucket_encryption(Bucket=bucket)
    assert "ServerSideEncryption" in s3.head_object(Bucket=bucket, Key="by-default")


def test_obs_sdk_sse_kms_objects(server, obs_client, obs_variant, s3, bucket):
    algorithm = "kms" if obs_variant == "obs" else "aws:kms"  # the SDK reports the header of the dialect as is
    key_id = describe_key(server, "testkey-1")["id"]
    data = os.urandom(OBJECT_SIZE)
    put = obs_ok(obs_client.putContent(bucket, "kms", data, headers=PutObjectHeader(sseHeader=SseKmsHeader.getInstance(key="testkey-1"))))
    assert put.body.sseKms == algorithm and key_id in put.body.sseKmsKey
    metadata = obs_ok(obs_client.getObjectMetadata(bucket, "kms")).body
    assert metadata.sseKms == algorithm and key_id in metadata.sseKmsKey
    got = obs_ok(obs_client.getObject(bucket, "kms", loadStreamInMemory=True))
    assert got.body.buffer == data
    ranged = obs_ok(obs_client.getObject(bucket, "kms", headers=GetObjectHeader(range="65530-65545"),
                                         loadStreamInMemory=True), 206)
    assert ranged.body.buffer == data[65530:65546]
    head = s3.head_object(Bucket=bucket, Key="kms")
    assert head["ServerSideEncryption"] == "aws:kms" and key_id in head["SSEKMSKeyId"]


def test_obs_sdk_sse_c_objects(server, obs_client, obs_variant, s3, bucket):
    # A text key, as the SDK's documentation has it: its copy-source header mangles a bytes key (str(b"..."))
    customer_key = uuid.uuid4().hex.encode()
    header = SseCHeader(encryption="AES256", key=customer_key.decode())
    data = os.urandom(OBJECT_SIZE)
    put = obs_ok(obs_client.putContent(bucket, "c", data, headers=PutObjectHeader(sseHeader=header)))
    assert put.body.sseC == "AES256" and put.body.sseCKeyMd5 == md5_b64(customer_key)
    metadata = obs_ok(obs_client.getObjectMetadata(bucket, "c", sseHeader=header)).body
    assert metadata.sseC == "AES256" and metadata.sseCKeyMd5 == md5_b64(customer_key)
    got = obs_ok(obs_client.getObject(bucket, "c", headers=GetObjectHeader(sseHeader=header), loadStreamInMemory=True))
    assert got.body.buffer == data
    ranged = obs_ok(obs_client.getObject(bucket, "c", headers=GetObjectHeader(range="131000-131100", sseHeader=header),
                                         loadStreamInMemory=True), 206)
    assert ranged.body.buffer == data[131000:131101]
    missing = obs_client.getObject(bucket, "c", loadStreamInMemory=True)
    assert (missing.status, missing.errorCode) == (400, "InvalidRequest")
    wrong = obs_client.getObject(bucket, "c", headers=GetObjectHeader(sseHeader=SseCHeader(encryption="AES256", key=os.urandom(32))),
                                 loadStreamInMemory=True)
    assert (wrong.status, wrong.errorCode) == (400, "InvalidRequest")
    # A copy out of SSE-C into SSE-KMS in the SDK's terms.
    copied = obs_ok(obs_client.copyObject(bucket, "c", bucket, "k", headers=CopyObjectHeader(
        sourceSseHeader=header, destSseHeader=SseKmsHeader.getInstance(key="testkey-1"))))
    assert copied.body.sseKms in ("kms", "aws:kms")
    assert s3.get_object(Bucket=bucket, Key="k")["Body"].read() == data
    assert s3.get_object(Bucket=bucket, Key="c", **sse_c(customer_key))["Body"].read() == data


# --- The obslab CLI -----------------------------------------------------------------------------------------


def test_cli_kms_list_and_describe(server):
    listing = obslab(server, "kms", "list").stdout.splitlines()
    assert listing[0].split() == ["ID", "ALIASES", "STATE", "OWNER", "GRANTS"]
    rows = {row.split()[1]: row.split() for row in listing[1:]}
    for alias in ("alias/testkey-1", "alias/testkey-2"):
        assert alias in rows, listing
        assert rows[alias][2:4] == ["Enabled", "owner"], rows[alias]
    key = describe_key(server, "testkey-1")
    assert re.fullmatch(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", key["id"]), key
    assert key["arn"] == f"arn:aws:kms:us-east-1:000000000000:key/{key['id']}"
    assert (key["aliases"], key["owner"], key["state"]) == ("alias/testkey-1", "owner", "Enabled")
    assert "grants" in key
    assert rows["alias/testkey-1"][0] == key["id"]
    # Any reference to the key describes it.
    for reference in ("alias/testkey-1", key["id"], key["arn"], "arn:aws:kms:us-east-1:000000000000:alias/testkey-1"):
        assert describe_key(server, reference)["id"] == key["id"], reference


def test_cli_kms_errors(server):
    missing = obslab(server, "kms", "describe", "no-such-key", check=False)
    assert missing.returncode != 0
    assert "NotFoundException" in missing.stderr and "no-such-key" in missing.stderr, missing.stderr
    invalid = obslab(server, "kms", "describe", "bad alias!", check=False)
    assert invalid.returncode != 0 and "ValidationException" in invalid.stderr, invalid.stderr
    for command in (["grant", "no-such-key", "owner"], ["enable", "no-such-key"], ["disable", "no-such-key"]):
        result = obslab(server, "kms", *command, check=False)
        assert result.returncode != 0 and "NotFoundException" in result.stderr, (command, result.stderr)
    stranger = unique_name("stranger")
    unknown = obslab(server, "kms", "grant", "testkey-1", stranger, check=False)
    assert unknown.returncode != 0
    assert "NoSuchPrincipal" in unknown.stderr and stranger in unknown.stderr, unknown.stderr
    unknown = obslab(server, "kms", "revoke", "testkey-1", stranger, check=False)
    assert unknown.returncode != 0 and "NoSuchPrincipal" in unknown.stderr, unknown.stderr
    # Revoking what was never granted, or the owner's own right, is an error too.
    no_grant = obslab(server, "kms", "revoke", "testkey-2", "modelarts-service", check=False)
    assert no_grant.returncode != 0 and "NotFoundException" in no_grant.stderr, no_grant.stderr
    owner = obslab(server, "kms", "revoke", "testkey-2", "owner", check=False)
    assert owner.returncode != 0 and "ValidationException" in owner.stderr, owner.stderr
    assert "Error" in obslab(server, "kms", "grant", "testkey-1", check=False).stderr  # missing argument


def test_cli_user_names_of_principals_are_reserved(server):
    """A user named like the owner or the labeling service would share its KMS grants."""
    for name in ("owner", "modelarts-service"):
        result = obslab(server, "user", "create", name, check=False)
        assert result.returncode != 0 and "ReservedPrincipal" in result.stderr, result.stderr
    assert "owner" not in obslab(server, "user", "list").stdout.split()


def test_cli_kms_create_grant_revoke(server, s3, bucket):
    alias = f"team/{uuid.uuid4().hex[:8]}"  # an alias with a '/', sent percent-encoded
    created = fields(obslab(server, "kms", "create", "--alias", alias, "--description", "CLI test key").stdout)
    assert (created["aliases"], created["owner"], created["state"]) == (f"alias/{alias}", "owner", "Enabled")
    assert created["description"] == "CLI test key"
    assert describe_key(server, f"alias/{alias}")["id"] == created["id"]
    assert created["id"] in obslab(server, "kms", "list").stdout
    taken = obslab(server, "kms", "create", "--alias", alias, check=False)
    assert taken.returncode != 0 and "AlreadyExistsException" in taken.stderr, taken.stderr
    anonymous = fields(obslab(server, "kms", "create").stdout)
    assert anonymous["aliases"] == "-" and anonymous["id"] != created["id"]

    user = unique_name("grantee")
    obslab(server, "user", "create", user)
    granted = obslab(server, "kms", "grant", alias, user).stdout
    assert user in granted
    obslab(server, "kms", "grant", alias, "modelarts-service")  # the service principal needs no user record
    assert describe_key(server, alias)["grants"] == ", ".join(sorted([user, "modelarts-service"]))
    assert user in obslab(server, "kms", "list").stdout
    obslab(server, "kms", "revoke", alias, "modelarts-service")
    assert describe_key(server, alias)["grants"] == user
    obslab(server, "kms", "revoke", alias, user)
    assert describe_key(server, alias)["grants"].startswith("none")

    assert "Disabled" in obslab(server, "kms", "disable", created["id"]).stdout
    assert describe_key(server, alias)["state"] == "Disabled"
    assert "Enabled" in obslab(server, "kms", "enable", created["arn"]).stdout
    # The new key encrypts objects.
    put = s3.put_object(Bucket=bucket, Key="k", Body=b"new key", ServerSideEncryption="aws:kms", SSEKMSKeyId=f"alias/{alias}")
    assert put["SSEKMSKeyId"] == created["arn"]


def test_cli_object_stat_shows_encryption(server, s3, bucket, customer_key):
    s3.put_object(Bucket=bucket, Key="kms", Body=b"x", ServerSideEncryption="aws:kms", SSEKMSKeyId="testkey-2")
    s3.put_object(Bucket=bucket, Key="aes", Body=b"x", ServerSideEncryption="AES256")
    s3.put_object(Bucket=bucket, Key="plain", Body=b"x")
    kms = fields(obslab(server, "object", "stat", bucket, "kms").stdout)
    assert (kms["encryption"], kms["kms-key"]) == ("aws:kms", describe_key(server, "testkey-2")["arn"])
    assert fields(obslab(server, "object", "stat", bucket, "aes").stdout)["encryption"] == "AES256"
    assert fields(obslab(server, "object", "stat", bucket, "plain").stdout)["encryption"] == "none"
    # An SSE-C object answers HEAD only with its key.
    s3.put_object(Bucket=bucket, Key="ssec", Body=b"x", SSECustomerAlgorithm="AES256", SSECustomerKey=customer_key)
    key = base64.b64encode(customer_key).decode()
    shown = fields(obslab(server, "object", "stat", bucket, "ssec", "--sse-c-key", key).stdout)
    assert shown["customer-algorithm"] == "AES256"
    assert shown["customer-key-md5"] == base64.b64encode(hashlib.md5(customer_key).digest()).decode()
    missing = obslab(server, "object", "stat", bucket, "ssec", check=False)
    assert missing.returncode != 0 and "--sse-c-key" in missing.stderr, missing.stderr
    wrong = obslab(server, "object", "stat", bucket, "ssec", "--sse-c-key", base64.b64encode(os.urandom(32)).decode(), check=False)
    assert wrong.returncode != 0 and "InvalidRequest" in wrong.stderr, wrong.stderr
