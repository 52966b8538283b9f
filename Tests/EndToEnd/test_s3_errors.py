"""The exact answer S3 gives to each refusal issue 13 lists: one table row per case, sent with boto3 or as raw signed
HTTP, each checked for its HTTP status and S3 error code (HEAD answers carry no body: botocore names the code after the
status), and that the error carries a request id."""
import base64
import dataclasses
import datetime
import os
import re
from typing import Callable

import pytest
import requests
from botocore.exceptions import ClientError

from helpers import checksum, freeze_signing_time, md5_b64, sigv4_headers, unique_name
from servers import s3_client

pytestmark = pytest.mark.obslab_only(reason="moto checks neither signatures, SSE-C keys nor checksum values")

CUSTOMER_KEY = os.urandom(32)
OTHER_KEY = os.urandom(32)


def sse_c(key: bytes) -> dict:
    return {"SSECustomerAlgorithm": "AES256", "SSECustomerKey": key}


@dataclasses.dataclass
class Context:
    server: object
    s3: object
    bucket: str
    upload_id: str


@pytest.fixture(scope="module")
def ctx(server):
    """A bucket with one object of each kind the cases read, and an SSE-C multipart upload in progress."""
    s3 = server.client()
    bucket = unique_name("errors")
    s3.create_bucket(Bucket=bucket)
    s3.put_object(Bucket=bucket, Key="simple", Body=b"simple")
    s3.put_object(Bucket=bucket, Key="sse-c", Body=b"customer data", **sse_c(CUSTOMER_KEY))
    s3.put_object(Bucket=bucket, Key="kms", Body=b"kms data", ServerSideEncryption="aws:kms")
    created = s3.create_multipart_upload(Bucket=bucket, Key="sse-c-mp", **sse_c(CUSTOMER_KEY))
    part = s3.upload_part(Bucket=bucket, Key="sse-c-mp", UploadId=created["UploadId"], PartNumber=1, Body=b"one part",
                          **sse_c(CUSTOMER_KEY))
    s3.complete_multipart_upload(Bucket=bucket, Key="sse-c-mp", UploadId=created["UploadId"],
                                 MultipartUpload={"Parts": [{"PartNumber": 1, "ETag": part["ETag"]}]})
    upload_id = s3.create_multipart_upload(Bucket=bucket, Key="in-progress", **sse_c(CUSTOMER_KEY))["UploadId"]
    yield Context(server, s3, bucket, upload_id)
    s3.abort_multipart_upload(Bucket=bucket, Key="in-progress", UploadId=upload_id)
    for key in ["simple", "sse-c", "kms", "sse-c-mp"]:
        s3.delete_object(Bucket=bucket, Key=key)
    s3.delete_bucket(Bucket=bucket)


def with_header_change(ctx: Context, operation: str, change: Callable, call: Callable):
    """Runs `call` on a client of its own whose `operation` requests get `change(headers)` before they are signed."""
    client = ctx.server.client()
    client.meta.events.register(f"before-sign.s3.{operation}", lambda request, **_: change(request.headers))
    return call(client)


def presigned(ctx: Context, expires: int, signed_at: datetime.datetime | None = None) -> requests.Response:
    # botocore's Python signer: awscrt's refuses to presign for 0 seconds.
    client = s3_client(ctx.server, signature_version="s3v4", python_signer=True)
    with pytest.MonkeyPatch.context() as patch:
        if signed_at:
            freeze_signing_time(patch, signed_at)
        url = client.generate_presigned_url("get_object", Params={"Bucket": ctx.bucket, "Key": "simple"},
                                            ExpiresIn=expires)
    return requests.get(url)


def raw_get(ctx: Context, path: str) -> requests.Response:
    url = f"{ctx.server.http}/{ctx.bucket}/{path}"
    return requests.get(url, headers=sigv4_headers(ctx.server.access_key, ctx.server.secret_key, "GET", url))


def drop_key_md5(headers):
    del headers["x-amz-server-side-encryption-customer-key-MD5"]


def add_sse(headers):
    headers["x-amz-server-side-encryption"] = "aws:kms"


def wrong(algorithm: str) -> str:
    """A well-formed value of this algorithm that no body here has."""
    return base64.b64encode(os.urandom(8 if algorithm == "CRC64NVME" else 32 if algorithm == "SHA256" else 4)).decode()


ONE_HOUR_AGO = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(hours=1)

# (case, request, HTTP status, S3 error code)
CASES = [
    ("partNumber beyond a single PUT's one part",
     lambda c: c.s3.get_object(Bucket=c.bucket, Key="simple", PartNumber=2), 400, "InvalidPart"),
    ("partNumber beyond a multipart object's parts",
     lambda c: c.s3.get_object(Bucket=c.bucket, Key="sse-c-mp", PartNumber=2, **sse_c(CUSTOMER_KEY)), 400, "InvalidPart"),
    ("HEAD with partNumber beyond the parts",
     lambda c: c.s3.head_object(Bucket=c.bucket, Key="simple", PartNumber=3), 400, "400"),
    ("presigned URL with X-Amz-Expires=0", lambda c: presigned(c, 0), 403, "AccessDenied"),
    ("presigned URL valid for more than 7 days", lambda c: presigned(c, 604_801), 403, "AccessDenied"),
    ("presigned URL already expired", lambda c: presigned(c, 60, signed_at=ONE_HOUR_AGO), 403, "AccessDenied"),
    ("SSE-C GET with another key",
     lambda c: c.s3.get_object(Bucket=c.bucket, Key="sse-c", **sse_c(OTHER_KEY)), 400, "InvalidRequest"),
    ("SSE-C HEAD with another key",
     lambda c: c.s3.head_object(Bucket=c.bucket, Key="sse-c", **sse_c(OTHER_KEY)), 400, "400"),
    ("SSE-C GET of a multipart object with another key",
     lambda c: c.s3.get_object(Bucket=c.bucket, Key="sse-c-mp", **sse_c(OTHER_KEY)), 400, "InvalidRequest"),
    ("SSE-C GET without the object's key",
     lambda c: c.s3.get_object(Bucket=c.bucket, Key="sse-c"), 400, "InvalidRequest"),
    ("SSE-C part with another key than its upload's",
     lambda c: c.s3.upload_part(Bucket=c.bucket, Key="in-progress", UploadId=c.upload_id, PartNumber=1, Body=b"x",
                                **sse_c(OTHER_KEY)), 400, "InvalidRequest"),
    ("SSE-C key with an MD5 that is not its own",
     lambda c: c.s3.put_object(Bucket=c.bucket, Key="md5", Body=b"x", SSECustomerAlgorithm="AES256",
                               SSECustomerKey=base64.b64encode(CUSTOMER_KEY).decode(),
                               SSECustomerKeyMD5=md5_b64(b"other")), 400, "InvalidArgument"),
    ("SSE-C key without its MD5",
     lambda c: with_header_change(c, "PutObject", drop_key_md5, lambda client: client.put_object(
         Bucket=c.bucket, Key="no-md5", Body=b"x", **sse_c(CUSTOMER_KEY))), 400, "InvalidArgument"),
    ("SSE-C key for an object that has none",
     lambda c: c.s3.get_object(Bucket=c.bucket, Key="simple", **sse_c(CUSTOMER_KEY)), 400, "InvalidRequest"),
    ("x-amz-server-side-encryption on GET of an SSE-KMS object",
     lambda c: with_header_change(c, "GetObject", add_sse, lambda client: client.get_object(
         Bucket=c.bucket, Key="kms")), 400, "InvalidArgument"),
    ("x-amz-server-side-encryption on HEAD of an SSE-KMS object",
     lambda c: with_header_change(c, "HeadObject", add_sse, lambda client: client.head_object(
         Bucket=c.bucket, Key="kms")), 400, "400"),
    ("a key that is not UTF-8", lambda c: raw_get(c, "bad%FF%FEkey"), 400, "InvalidURI"),
    ("PUT with a wrong SHA-256",
     lambda c: c.s3.put_object(Bucket=c.bucket, Key="sum", Body=b"x", ChecksumSHA256=wrong("SHA256")), 400, "BadDigest"),
    ("PUT with a wrong CRC64NVME",
     lambda c: c.s3.put_object(Bucket=c.bucket, Key="sum", Body=b"x", ChecksumCRC64NVME=wrong("CRC64NVME")),
     400, "BadDigest"),
    ("PUT with a wrong CRC32",
     lambda c: c.s3.put_object(Bucket=c.bucket, Key="sum", Body=b"x", ChecksumCRC32=checksum("CRC32", b"y")),
     400, "BadDigest"),
    ("PUT with a wrong Content-MD5",
     lambda c: c.s3.put_object(Bucket=c.bucket, Key="sum", Body=b"x", ContentMD5=md5_b64(b"y")), 400, "BadDigest"),    ("Object Lock configuration of a bucket without lock",
     lambda c: c.s3.get_object_lock_configuration(Bucket=c.bucket), 404, "ObjectLockConfigurationNotFoundError"),
    ("Object Lock on a bucket without versioning",
     lambda c: c.s3.put_object_lock_configuration(Bucket=c.bucket, ObjectLockConfiguration={"ObjectLockEnabled": "Enabled"}),
     409, "InvalidBucketState"),
    ("retention in a bucket without lock",
     lambda c: c.s3.put_object_retention(Bucket=c.bucket, Key="simple", Retention={
         "Mode": "GOVERNANCE", "RetainUntilDate": datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=1)}),
     400, "InvalidRequest"),
    ("legal hold in a bucket without lock",
     lambda c: c.s3.get_object_legal_hold(Bucket=c.bucket, Key="simple"), 400, "InvalidRequest"),
    ("PUT with a legal hold in a bucket without lock",
     lambda c: c.s3.put_object(Bucket=c.bucket, Key="sum", Body=b"x", ObjectLockLegalHoldStatus="ON"), 400, "InvalidRequest"),
    ("restore of an object that is not cold",
     lambda c: c.s3.restore_object(Bucket=c.bucket, Key="simple", RestoreRequest={"Days": 1}), 403, "InvalidObjectState"),
]


def outcome(answer_of: Callable[[], object]) -> tuple[int, str | None, str | None]:
    """The status, error code and request id of an answer, from boto3's ClientError or a raw response."""
    try:
        answer = answer_of()
    except ClientError as error:
        meta = error.response["ResponseMetadata"]
        return meta["HTTPStatusCode"], error.response["Error"]["Code"], meta.get("RequestId")
    if isinstance(answer, requests.Response):
        code = re.search(r"<Code>([^<]*)</Code>", answer.text)
        request_id = re.search(r"<RequestId>([^<]+)</RequestId>", answer.text)
        return answer.status_code, code and code.group(1), request_id and request_id.group(1)
    return 200, None, None


@pytest.mark.parametrize("case,send,status,code", CASES, ids=[case[0] for case in CASES])
def test_refusal(ctx, case, send, status, code):
    got_status, got_code, request_id = outcome(lambda: send(ctx))
    assert (got_status, got_code) == (status, code), case
    assert request_id, f"{case}: the error names no request id"
    # No refused PUT left an object behind.
    for key in ("sum", "md5", "no-md5"):
        assert outcome(lambda: ctx.s3.head_object(Bucket=ctx.bucket, Key=key))[0] == 404, key
