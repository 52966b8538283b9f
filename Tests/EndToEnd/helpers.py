"""Small helpers shared by the end-to-end tests."""
from __future__ import annotations

import base64
import contextlib
import datetime
import hashlib
import os
import struct
import uuid
import zlib

import pytest
from botocore.exceptions import ClientError


def unique_name(prefix: str = "e2e") -> str:
    return f"{prefix}-{uuid.uuid4().hex[:12]}"


def empty_and_delete(client, bucket: str) -> None:
    """Removes every version, delete marker and multipart upload, then the bucket; tolerant of a missing bucket."""
    try:
        for page in client.get_paginator("list_object_versions").paginate(Bucket=bucket):
            for item in page.get("Versions", []) + page.get("DeleteMarkers", []):
                client.delete_object(Bucket=bucket, Key=item["Key"], VersionId=item["VersionId"])
        for page in client.get_paginator("list_objects_v2").paginate(Bucket=bucket):
            for item in page.get("Contents", []):
                client.delete_object(Bucket=bucket, Key=item["Key"])
        for upload in client.list_multipart_uploads(Bucket=bucket).get("Uploads", []):
            client.abort_multipart_upload(Bucket=bucket, Key=upload["Key"], UploadId=upload["UploadId"])
        client.delete_bucket(Bucket=bucket)
    except ClientError as error:
        if error.response["Error"]["Code"] != "NoSuchBucket":
            raise


@contextlib.contextmanager
def s3_error(code: str, status: int | None = None):
    """Expects a ClientError with this S3 error code (and HTTP status); yields a holder for the error."""
    holder = {}
    with pytest.raises(ClientError) as info:
        yield holder
    error = info.value.response
    holder["response"] = error
    assert error["Error"]["Code"] == code, f"expected {code}, got {error['Error']} (HTTP {error['ResponseMetadata']['HTTPStatusCode']})"
    if status is not None:
        assert error["ResponseMetadata"]["HTTPStatusCode"] == status


def header(response: dict, name: str) -> str | None:
    return response["ResponseMetadata"]["HTTPHeaders"].get(name.lower())


def md5_hex(data: bytes) -> str:
    return hashlib.md5(data).hexdigest()


def md5_b64(data: bytes) -> str:
    return base64.b64encode(hashlib.md5(data).digest()).decode()


def checksum(algorithm: str, data: bytes) -> str:
    """The base64 value S3 reports for a flexible checksum, computed here independently of botocore."""
    algorithm = algorithm.upper()
    if algorithm == "SHA1":
        return base64.b64encode(hashlib.sha1(data).digest()).decode()
    if algorithm == "SHA256":
        return base64.b64encode(hashlib.sha256(data).digest()).decode()
    if algorithm == "CRC32":
        return base64.b64encode(struct.pack(">I", zlib.crc32(data))).decode()
    from awscrt import checksums  # CRC32C and CRC64NVME: botocore needs awscrt for them too

    if algorithm == "CRC32C":
        return base64.b64encode(struct.pack(">I", checksums.crc32c(data))).decode()
    if algorithm == "CRC64NVME":
        return base64.b64encode(struct.pack(">Q", checksums.crc64nvme(data))).decode()
    raise ValueError(algorithm)


def botocore_supports(algorithm: str) -> bool:
    """Whether this botocore can compute the checksum (CRC32C and CRC64NVME need awscrt)."""
    from botocore import httpchecksum

    supported = getattr(httpchecksum, "_CHECKSUM_CLS", None)
    if supported is not None:
        return algorithm.lower() in supported
    return algorithm.upper() in ("CRC32", "SHA1", "SHA256") or getattr(httpchecksum, "HAS_CRT", False)


def multipart_etag(parts: list[bytes]) -> str:
    digest = hashlib.md5(b"".join(hashlib.md5(p).digest() for p in parts)).hexdigest()
    return f'"{digest}-{len(parts)}"'


class RequestRecorder:
    """Remembers the headers of the requests a boto3 client sends (registered on `before-send`)."""

    def __init__(self, client, event: str = "before-send.s3"):
        self.requests = []
        client.meta.events.register(event, self._record)
        self._client, self._event = client, event

    def _record(self, request, **kwargs):
        self.requests.append(request)

    def close(self):
        self._client.meta.events.unregister(self._event, self._record)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def sigv4_headers(access_key: str, secret_key: str, method: str, url: str, headers: dict | None = None,
                  payload_hash: str = "UNSIGNED-PAYLOAD") -> dict:
    """Headers of a request signed by hand with botocore's SigV4 signer (for requests boto3 would not send)."""
    from botocore.auth import SigV4Auth
    from botocore.awsrequest import AWSRequest
    from botocore.credentials import Credentials

    request = AWSRequest(method, url, headers=dict(headers or {}))
    request.headers["x-amz-content-sha256"] = payload_hash
    SigV4Auth(Credentials(access_key, secret_key), "s3", "us-east-1").add_auth(request)
    return dict(request.headers.items())


def aws_chunked(data: bytes, trailer: str, chunk_size: int = 8192) -> bytes:
    """An aws-chunked body with unsigned chunks and a trailing header, as botocore streams it over HTTPS."""
    out = bytearray()
    for start in range(0, len(data), chunk_size):
        chunk = data[start:start + chunk_size]
        out += b"%x\r\n" % len(chunk) + chunk + b"\r\n"
    out += b"0\r\n" + trailer.encode() + b"\r\n\r\n"
    return bytes(out)


# False when the suite runs against moto: guards the few single assertions where moto is known to differ
# from S3 (each such place says how), so that the rest of the test is still checked against moto.
STRICT = os.environ.get("OBSLAB_E2E_TARGET", "obslab") != "moto"


def freeze_signing_time(monkeypatch, when: datetime.datetime) -> None:
    """Makes botocore sign with this UTC time, in its Python signers and in the awscrt ones it prefers when
    awscrt is installed."""
    import botocore.auth
    import botocore.signers

    aware = when.replace(tzinfo=datetime.timezone.utc)

    def fake(remove_tzinfo=True):
        return aware.replace(tzinfo=None) if remove_tzinfo else aware

    modules = [botocore.auth, botocore.signers]
    with contextlib.suppress(ImportError):
        import botocore.crt.auth

        modules.append(botocore.crt.auth)
    for module in modules:
        monkeypatch.setattr(module, "get_current_datetime", fake)
