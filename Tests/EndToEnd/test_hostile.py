"""Hostile input against a live server of its own: nested and huge XML bodies, nested and huge label files synced
through a dataset, NUL and invalid keys, bad chunk framing (plain HTTP and aws-chunked), slow and half-open
connections, oversize and malformed JSON on every labeling API endpoint that takes a body, bad signatures and unsigned
headers.

Every case asserts its exact status and error code (or, for a connection, that the server closed it), then that the
server still answers and that a control object (bytes and ETag) and a control dataset (its samples and their labels)
are unchanged. The server runs with short timeouts (--header-timeout 2 --idle-timeout 3) and a small connection limit,
so that the slow cases end quickly.
"""
from __future__ import annotations

import base64
import concurrent.futures
import dataclasses
import email.utils
import hashlib
import hmac
import json
import os
import socket
import ssl
import time
import urllib.parse
import xml.etree.ElementTree as ET

import botocore.exceptions
import pytest
import requests

from helpers import aws_chunked, checksum, sigv4_headers
from servers import Server, s3_client, start_obslab
from test_labeling import ModelArtsAPI, api_endpoint_and_token, upload

pytestmark = pytest.mark.obslab_only(reason="hostile input against obslab's own limits, timeouts and labeling API")

HEADER_TIMEOUT, IDLE_TIMEOUT, MAX_CONNECTIONS = 2, 3, 64
CONTROL_BUCKET, CONTROL_KEY = "hostile-control", "control.bin"
CONTROL_BYTES = os.urandom(64 * 1024)
LABELS_BUCKET = "hostile-labels"
MiB = 1 << 20


@dataclasses.dataclass
class Env:
    server: Server
    api: ModelArtsAPI
    api_port: int
    control_etag: str
    control_dataset: str
    control_samples: list
    label_samples: dict  # sidecar name -> sample of the hostile-labels dataset
    s3: object  # a boto3 client
    presigner: object  # a boto3 client presigning with SigV4, which signs host alone


def sample_view(samples: list[dict]) -> list:
    return sorted((s["source"], s["sample_status"], sorted(label["name"] for label in s["labels"])) for s in samples)


def nested(depth: int, root: str, inner: str = "a") -> bytes:
    return f"<{root}>".encode() + f"<{inner}>".encode() * depth + f"</{inner}>".encode() * depth + f"</{root}>".encode()


VOC_OK = b"<annotation><object><name>cat</name><bndbox><xmin>1</xmin><ymin>1</ymin><xmax>5</xmax><ymax>5</ymax></bndbox>" \
         b"</object></annotation>"
# Label files synced through one object detection dataset: the name of each, its bytes, the reason its sample gets.
LABEL_FILES = {
    "ok": (VOC_OK, None),
    "deep": (nested(100_000, "annotation", "object"), "sidecar_malformed"),
    "wide": (b"<annotation>" + b"<x/>" * 200_001 + b"</annotation>", "sidecar_malformed"),
    "laughs": (b'<?xml version="1.0"?><!DOCTYPE annotation [<!ENTITY a "aaaaaaaaaa">'
               + b"".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">'.encode() for i in range(9))
               + b"]><annotation><object><name>&j;</name></object></annotation>", "sidecar_malformed"),
    "huge": (b"<annotation>" + b" " * (9 * MiB) + b"</annotation>", "sidecar_unreadable"),
    "not-xml": (b"\x00\xff\xfe garbage", "sidecar_malformed"),
}


@pytest.fixture(scope="module")
def env(workdir, certificate):
    cert, key = certificate
    data_dir = workdir / "hostile-data"
    data_dir.mkdir()
    server = start_obslab(data_dir, workdir, cert, key, extra_args=[
        "--header-timeout", str(HEADER_TIMEOUT), "--idle-timeout", str(IDLE_TIMEOUT),
        "--max-connections", str(MAX_CONNECTIONS)])
    endpoint, token = api_endpoint_and_token(server)
    api = ModelArtsAPI(endpoint, token)
    s3 = s3_client(server)
    s3.create_bucket(Bucket=CONTROL_BUCKET)
    etag = s3.put_object(Bucket=CONTROL_BUCKET, Key=CONTROL_KEY, Body=CONTROL_BYTES)["ETag"]
    upload(s3, CONTROL_BUCKET, "images/", {"1.jpg": b"\xff\xd8 one", "1.txt": b"cat\n", "2.jpg": b"\xff\xd8 two",
                                           "2.txt": b"dog\ncat\n", "3.jpg": b"\xff\xd8 three"})
    dataset = api.create_dataset("hostile-control", 0, CONTROL_BUCKET, "images/")
    assert api.sync(dataset)["status"] == "COMPLETED"
    control_samples = sample_view(api.samples(dataset))
    assert len(control_samples) == 3 and sum(1 for s in control_samples if s[1] == "__ALL__") == 2

    s3.create_bucket(Bucket=LABELS_BUCKET)
    for name, (body, _) in LABEL_FILES.items():
        upload(s3, LABELS_BUCKET, "voc/", {f"{name}.jpg": b"\xff\xd8 " + name.encode(), f"{name}.xml": body})
    labels_dataset = api.create_dataset("hostile-labels", 1, LABELS_BUCKET, "voc/")
    assert api.sync(labels_dataset)["status"] == "COMPLETED"
    by_name = {s["source"].rsplit("/", 1)[1].removesuffix(".jpg"): s for s in api.samples(labels_dataset)}
    yield Env(server, api, urllib.parse.urlsplit(endpoint).port, etag, dataset, control_samples, by_name, s3,
              s3_client(server, signature_version="s3v4"))
    code = server.stop()
    assert code == 0, f"obslab exited with {code} on SIGTERM:\n{server.log()[-4000:]}"


def assert_unharmed(env: Env) -> None:
    """The server still answers, the control object and the control dataset are as they were."""
    assert env.server.process.poll() is None, f"the server died:\n{env.server.log()[-4000:]}"
    got = env.s3.get_object(Bucket=CONTROL_BUCKET, Key=CONTROL_KEY)
    assert got["ETag"] == env.control_etag and got["Body"].read() == CONTROL_BYTES
    assert sample_view(env.api.samples(env.control_dataset)) == env.control_samples


# MARK: signing by hand

def signed(env: Env, method: str, path: str, query: str = "", headers: dict | None = None, body: bytes = b"",
           payload_hash: str | None = None) -> requests.Response:
    """A path-style request signed with SigV4 in the header (botocore's signer), sent with requests."""
    url = f"{env.server.http}{path}" + (f"?{query}" if query else "")
    digest = payload_hash or hashlib.sha256(body).hexdigest()
    all_headers = sigv4_headers(env.server.access_key, env.server.secret_key, method, url, headers, digest)
    return requests.request(method, url, headers=all_headers, data=body, timeout=60)


def obs_signed(env: Env, method: str, path: str, query: str = "", headers: dict | None = None, body: bytes = b"",
               scheme: str = "OBS", signed_prefixes: tuple = ("x-obs-",)) -> requests.Response:
    """A path-style request with the OBS signature (or SigV2 with scheme AWS), over the headers of `signed_prefixes`."""
    headers = dict(headers or {})
    headers.setdefault("Date", email.utils.formatdate(usegmt=True))
    lower = {k.lower(): v for k, v in headers.items()}
    canonical = "".join(f"{k}:{lower[k].strip()}\n" for k in sorted(lower) if k.startswith(signed_prefixes))
    sub = [p for p in query.split("&") if p and p.split("=")[0] in {"delete", "uploads", "uploadId", "encryption",
                                                                       "versioning"}]
    resource = path + ("?" + "&".join(sorted(sub)) if sub else "")
    to_sign = f"{method}\n{lower.get('content-md5', '')}\n{lower.get('content-type', '')}\n{lower['date']}\n{canonical}{resource}"
    mac = hmac.new(env.server.secret_key.encode(), to_sign.encode(), hashlib.sha1).digest()
    headers["Authorization"] = f"{scheme} {env.server.access_key}:{base64.b64encode(mac).decode()}"
    url = f"{env.server.http}{path}" + (f"?{query}" if query else "")
    return requests.request(method, url, headers=headers, data=body, timeout=60)


def error_code(response: requests.Response) -> str | None:
    if not response.content:
        return None
    try:
        return ET.fromstring(response.content).findtext("Code")
    except ET.ParseError:
        return json.loads(response.content).get("error_code")


def expect(response: requests.Response, status: int, code: str | None) -> None:
    assert (response.status_code, error_code(response)) == (status, code), response.text[:2000]


def raw(port: int, data: bytes, tls: bool = False, timeout: float = 20) -> tuple[int | None, bytes]:
    """Sends bytes on a fresh connection, half-closes it, and reads the answer: (status, body), status None if the
    server closed without one."""
    sock = socket.create_connection(("127.0.0.1", port), timeout=timeout)
    if tls:
        context = ssl.create_default_context()
        context.check_hostname, context.verify_mode = False, ssl.CERT_NONE
        sock = context.wrap_socket(sock)
    with sock:
        try:
            sock.sendall(data)
        except OSError:
            pass  # the server may answer and close before reading everything
        received = b""
        try:
            while chunk := sock.recv(65536):
                received += chunk
                if b"\r\n\r\n" in received:
                    head, _, rest = received.partition(b"\r\n\r\n")
                    length = next((int(line.split(b":")[1]) for line in head.split(b"\r\n")
                                   if line.lower().startswith(b"content-length:")), None)
                    if length is not None and len(rest) >= length:
                        break
        except OSError:
            pass
    if not received.startswith(b"HTTP/1.1 "):
        return None, received
    head, _, body = received.partition(b"\r\n\r\n")
    return int(head.split(b" ")[1]), body


def raw_code(body: bytes) -> str | None:
    try:
        return ET.fromstring(body).findtext("Code")
    except ET.ParseError:
        return json.loads(body).get("error_code") if body.startswith(b"{") else None


# MARK: nested and oversized XML bodies, for every operation that takes one

def xml_operations(env: Env, bucket: str):
    """Each XML-taking operation: (method, path, query)."""
    return {
        "DeleteObjects": ("POST", f"/{bucket}", "delete"),
        "CompleteMultipartUpload": ("POST", f"/{bucket}/k", "uploadId=none"),
        "PutBucketEncryption": ("PUT", f"/{bucket}", "encryption"),
        "PutBucketVersioning": ("PUT", f"/{bucket}", "versioning"),
        "CreateBucket": ("PUT", "/hostile-new-bucket", ""),
    }


ROOTS = {"DeleteObjects": "Delete", "CompleteMultipartUpload": "CompleteMultipartUpload",
         "PutBucketEncryption": "ServerSideEncryptionConfiguration", "PutBucketVersioning": "VersioningConfiguration",
         "CreateBucket": "CreateBucketConfiguration"}


@pytest.mark.parametrize("signer", ["sigv4", "obs"])
@pytest.mark.parametrize("depth", [40_000, 11])
@pytest.mark.parametrize("operation", list(ROOTS))
def test_nested_xml_body(env, operation, depth, signer):
    """The 720 KB body nested 40,000 deep overflowed the stack; 11 is one past the limit. Both are MalformedXML. A
    configuration may hold 64 KiB: its deep body is 4,000 levels (28 KB), past that it is MaxMessageLengthExceeded."""
    method, path, query = xml_operations(env, CONTROL_BUCKET)[operation]
    if operation not in ("DeleteObjects", "CompleteMultipartUpload"):
        depth = min(depth, 4_000)
    body = nested(depth, ROOTS[operation])
    send = signed if signer == "sigv4" else obs_signed
    response = send(env, method, path, query, {"Content-Type": "application/xml"}, body)
    expect(response, 400, "MalformedXML")
    assert_unharmed(env)


def test_nested_delete_on_a_missing_bucket(env):
    # As on S3, the bucket is looked up (to authorize the request) before its body is read.
    expect(signed(env, "POST", "/no-such-bucket-hostile", "delete", body=nested(40_000, "Delete")), 404, "NoSuchBucket")
    assert_unharmed(env)


def deleting(count: int, key: str = "k") -> bytes:
    return b"<Delete>" + f"<Object><Key>{key}</Key></Object>".encode() * count + b"</Delete>"


@pytest.mark.parametrize("operation, body, status, code", [
    ("DeleteObjects", deleting(1001), 400, "MalformedXML"),
    ("DeleteObjects", deleting(100_000), 400, "MaxMessageLengthExceeded"),
    ("DeleteObjects", b"<Delete>" + b"<Object><Key>k</Key>" + b"<e/>" * 10_001 + b"</Object></Delete>", 400, "MalformedXML"),
    ("DeleteObjects", b"<Delete><Object><Key>" + b"k" * (3 * MiB) + b"</Key></Object></Delete>", 400,
     "MaxMessageLengthExceeded"),
    ("DeleteObjects", b'<!DOCTYPE Delete [<!ENTITY a "b">]><Delete><Object><Key>&a;</Key></Object></Delete>', 400,
     "MalformedXML"),
    ("DeleteObjects", b"<Delete><Object><Key>k</Key></Object>", 400, "MalformedXML"),
    ("DeleteObjects", b"<Delete></Delete>", 400, "MalformedXML"),
    ("CompleteMultipartUpload", b"<CompleteMultipartUpload>" + b"<Part><PartNumber>1</PartNumber><ETag>e</ETag></Part>"
     * 10_001 + b"</CompleteMultipartUpload>", 400, "MalformedXML"),
    ("PutBucketEncryption", b"<ServerSideEncryptionConfiguration>" + b" " * (70 * 1024)
     + b"</ServerSideEncryptionConfiguration>", 400, "MaxMessageLengthExceeded"),
    ("PutBucketVersioning", b"<VersioningConfiguration><Status>" + b"\xff\xfe" + b"</Status></VersioningConfiguration>",
     400, "MalformedXML"),
    # Found by fuzzing: a processing instruction without data made Foundation's parser call strlen on NULL.
    ("DeleteObjects", b"<?xServerSideEncryptionConfiguration?><Delete><Object><Key>a&amp;b</Key></Object></Delete>", 400,
     "MalformedXML"),
], ids=["1001-keys", "100000-keys", "10001-elements", "3MiB-key", "doctype", "unclosed", "no-object",
        "10001-parts", "70KiB-config", "invalid-utf8", "processing-instruction"])
def test_oversized_or_malformed_xml_body(env, operation, body, status, code):
    method, path, query = xml_operations(env, CONTROL_BUCKET)[operation]
    expect(signed(env, method, path, query, {"Content-Type": "application/xml"}, body), status, code)
    assert_unharmed(env)


def test_concurrent_8mb_delete_bodies_are_refused_by_their_length(env):
    """Eight 8 MB DeleteObjects bodies at once took the server to 830 MB; each is now refused by its declared length."""
    body = deleting(8 * MiB // 29)
    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        responses = list(pool.map(lambda _: signed(env, "POST", f"/{CONTROL_BUCKET}", "delete", body=body), range(8)))
    for response in responses:
        expect(response, 400, "MaxMessageLengthExceeded")
    assert_unharmed(env)


# MARK: label files synced through a dataset

@pytest.mark.parametrize("name", list(LABEL_FILES))
def test_hostile_label_file_synced(env, name):
    """Each file became a sample with its exact reason (the sync completed, the server did not crash)."""
    sample = env.label_samples[name]
    expected = LABEL_FILES[name][1]
    if expected is None:
        assert sample["sample_status"] == "__ALL__" and [label["name"] for label in sample["labels"]] == ["cat"]
    else:
        assert sample["sample_status"] == "__NONE__" and sample["unlabeled_reason"]["code"] == expected, sample
    assert_unharmed(env)


def test_nested_manifest_line_is_skipped_on_import(env):
    """A manifest whose one line nests 100,000 arrays deep: the line is skipped, the good line imported."""
    s3 = env.s3
    good = {"source": f"s3://{LABELS_BUCKET}/manifest/a.jpg",
            "annotation": [{"type": "modelarts/image_classification", "name": "cat"}]}
    manifest = json.dumps(good).encode() + b"\n" + b"[" * 100_000 + b"]" * 100_000 + b"\n"
    upload(s3, LABELS_BUCKET, "manifest/", {"a.jpg": b"\xff\xd8 a", "in.manifest": manifest})
    dataset = env.api.create_dataset("hostile-manifest", 0, LABELS_BUCKET, "manifest/")
    task = env.api.ok("POST", f"datasets/{dataset}/import-tasks", json={
        "import_type": "manifest", "import_path": f"s3://{LABELS_BUCKET}/manifest/in.manifest"})
    status = env.api.ok("GET", f"datasets/{dataset}/import-tasks/{task['task_id']}")
    assert (status["status"], status["imported_sample_count"]) == ("COMPLETED", 1), status
    assert [s["labels"][0]["name"] for s in env.api.samples(dataset)] == ["cat"]
    assert_unharmed(env)


# MARK: huge bodies and heads

def test_declared_upload_over_5gib_is_entity_too_large(env):
    response = raw(env.server.port, b"PUT /%s/big HTTP/1.1\r\n" % CONTROL_BUCKET.encode()
                   + signed_head(env, "PUT", f"/{CONTROL_BUCKET}/big", {"Content-Length": str(6 << 30)}) + b"\r\n")
    assert (response[0], raw_code(response[1])) == (400, "EntityTooLarge")
    assert_unharmed(env)


def signed_head(env: Env, method: str, path: str, extra: dict) -> bytes:
    """Signed header lines (UNSIGNED-PAYLOAD) for a hand-written request on the S3 port."""
    url = f"{env.server.http}{path}"
    headers = sigv4_headers(env.server.access_key, env.server.secret_key, method, url, {})
    headers.update(extra)
    headers["Host"] = f"127.0.0.1:{env.server.port}"
    return b"".join(f"{k}: {v}\r\n".encode() for k, v in headers.items())


@pytest.mark.parametrize("request_bytes", [
    b"GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * (100 * 1024) + b"\r\n\r\n",
    b"GET / HTTP/1.1\r\nHost: x\r\n" + b"".join(b"X-H%d: v\r\n" % i for i in range(2000)) + b"\r\n",
    b"GET /" + b"a" * (100 * 1024) + b" HTTP/1.1\r\nHost: x\r\n\r\n",
    b"NOT-HTTP\r\n\r\n",
    b"GET / HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n",
    b"GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab",
    b"GET / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n0\r\n\r\n",
], ids=["100KiB-header", "2000-headers", "100KiB-path", "not-http", "negative-length", "two-lengths", "te-and-cl"])
@pytest.mark.parametrize("port_name", ["s3", "api"])
def test_malformed_request_head(env, request_bytes, port_name):
    """A head HTTP cannot parse is answered 400 and the connection closed, on both listeners."""
    port = env.server.port if port_name == "s3" else env.api_port
    status, _ = raw(port, request_bytes)
    assert status in (400, 431), status
    assert_unharmed(env)


# MARK: NUL and invalid keys

@pytest.mark.parametrize("method, path, query, headers, status, code", [
    ("PUT", "/%s/control.bin%%00x", "", {}, 400, "InvalidArgument"),
    ("DELETE", "/%s/control.bin%%00y", "", {}, 400, "InvalidArgument"),
    ("GET", "/%s/control.bin%%00z", "", {}, 400, "InvalidArgument"),
    ("POST", "/%s/control.bin%%00u", "uploads", {}, 400, "InvalidArgument"),
    ("PUT", "/%s/copy", "", {"x-amz-copy-source": "/%s/control.bin%%00x"}, 400, "InvalidArgument"),
    ("GET", "/%s", "prefix=control.bin%00x", {}, 400, "InvalidArgument"),
    ("PUT", "/%s/" + "k" * 1025, "", {}, 400, "KeyTooLongError"),
], ids=["put-nul", "delete-nul", "get-nul", "multipart-nul", "copy-source-nul", "prefix-nul", "1025-bytes"])
def test_invalid_key(env, method, path, query, headers, status, code):
    path = path.replace("%s", CONTROL_BUCKET, 1).replace("%%", "%")
    headers = {k: v.replace("%s", CONTROL_BUCKET, 1).replace("%%", "%") for k, v in headers.items()}
    url = f"{env.server.http}{path}" + (f"?{query}" if query else "")
    signed_headers = sigv4_headers(env.server.access_key, env.server.secret_key, method, url, headers,
                                   hashlib.sha256(b"evil").hexdigest() if method == "PUT" else hashlib.sha256(b"").hexdigest())
    session = requests.Session()
    prepared = requests.Request(method, url, headers=signed_headers, data=b"evil" if method == "PUT" else b"").prepare()
    prepared.url = url  # exactly as signed: requests would re-quote %00 and %zz otherwise
    expect(session.send(prepared, timeout=60), status, code)
    assert_unharmed(env)


@pytest.mark.parametrize("target", [b"/%s/bad%%zzescape", b"/%s/bad%%ffutf8", b"/%s/x?prefix=%%zz", b"/%s/%%C0%%AF"],
                         ids=["bad-escape", "not-utf8", "bad-query-escape", "overlong-utf8"])
def test_uri_that_does_not_decode(env, target):
    """Sent as is on the wire (a client library would re-encode it): InvalidURI, before any signature is looked at."""
    path = target.replace(b"%s", CONTROL_BUCKET.encode(), 1).replace(b"%%", b"%")
    status, body = raw(env.server.port, b"PUT " + path + b" HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 4\r\n\r\nevil")
    assert (status, raw_code(body)) == (400, "InvalidURI")
    assert_unharmed(env)


def test_nul_key_over_obs_signature(env):
    expect(obs_signed(env, "PUT", f"/{CONTROL_BUCKET}/control.bin%00x", body=b"evil"), 400, "InvalidArgument")
    assert_unharmed(env)


# MARK: bad chunk framing

def chunked_put(env: Env, key: str, body: bytes, aws: bool = False, extra: dict | None = None) -> tuple[int | None, bytes]:
    headers = {"Transfer-Encoding": "chunked"}
    payload = "UNSIGNED-PAYLOAD"
    if aws:
        payload = "STREAMING-UNSIGNED-PAYLOAD-TRAILER"
        headers.update({"Content-Encoding": "aws-chunked", "x-amz-trailer": "x-amz-checksum-crc32",
                        "x-amz-decoded-content-length": "20"})
    headers.update(extra or {})
    url = f"{env.server.http}/{CONTROL_BUCKET}/{key}"
    signed_headers = sigv4_headers(env.server.access_key, env.server.secret_key, "PUT", url,
                                   {k: v for k, v in headers.items() if k.startswith("x-amz-")}, payload)
    signed_headers.update(headers)
    signed_headers["Host"] = f"127.0.0.1:{env.server.port}"
    head = b"PUT /%s/%s HTTP/1.1\r\n" % (CONTROL_BUCKET.encode(), key.encode()) + b"".join(
        f"{k}: {v}\r\n".encode() for k, v in signed_headers.items()) + b"\r\n"
    if aws:
        # The aws-chunked body travels inside plain HTTP chunks, as botocore sends it.
        body = b"%x\r\n" % len(body) + body + b"\r\n0\r\n\r\n"
    return raw(env.server.port, head + body)


TWENTY = b"hello, aws-chunked!!"
CRC = checksum("CRC32", TWENTY).encode()


HTTP_CHUNKS = {
    "non-hex-size": b"zz\r\nhello\r\n0\r\n\r\n",
    "missing-crlf": b"5\r\nhelloXX0\r\n\r\n",
    "huge-size": b"ffffffffffffffffffff\r\nhello\r\n0\r\n\r\n",
    "negative-size": b"-5\r\nhello\r\n0\r\n\r\n",
    "empty-size": b"\r\nhello\r\n0\r\n\r\n",
    "truncated": b"5\r\nhel",
}


@pytest.mark.parametrize("name", list(HTTP_CHUNKS))
def test_bad_http_chunk_framing(env, name):
    """Plain HTTP chunked framing that cannot be read: a 400 (IncompleteBody when the handler was reading it), or, for a
    body that just stops, the connection closed at the idle timeout; never a 500, and nothing stored."""
    status, response = chunked_put(env, f"framing-{name}", HTTP_CHUNKS[name])
    if name == "truncated":
        assert status is None, response[:500]
    else:
        assert status == 400, (status, response[:500])
        assert raw_code(response) in ("IncompleteBody", None)  # None: HTTP's own 400, before any handler ran
    assert_unharmed(env)
    with pytest.raises(botocore.exceptions.ClientError):
        env.s3.head_object(Bucket=CONTROL_BUCKET, Key=f"framing-{name}")


@pytest.mark.parametrize("body, code", [
    (b"zz\r\n" + TWENTY + b"\r\n0\r\nx-amz-checksum-crc32:" + CRC + b"\r\n\r\n", "InvalidChunkSizeError"),
    (b"14\r\n" + TWENTY + b"XX0\r\n\r\n", "IncompleteBody"),
    (b"14\r\n" + TWENTY + b"\r\n0\r\nx-amz-checksum-crc32:AAAAAA==\r\n\r\n", "BadDigest"),
    (b"14\r\n" + TWENTY + b"\r\n0\r\nnot a trailer\r\n\r\n", "MalformedTrailerError"),
    (b"14\r\n" + TWENTY + b"\r\n0\r\n\r\n", "MalformedTrailerError"),
    (b"15\r\n" + TWENTY + b"!\r\n0\r\nx-amz-checksum-crc32:" + CRC + b"\r\n\r\n", "IncompleteBody"),
    (b"14\r\n" + TWENTY + b"\r\n", "IncompleteBody"),
    (b"1" * 5000 + b"\r\n", "InvalidChunkSizeError"),
    (b"14\r\n" + TWENTY + b"\r\n0\r\nx-amz-checksum-crc32:" + CRC + b"\r\n\r\ntrailing junk", "InvalidRequest"),
], ids=["non-hex-size", "missing-crlf", "wrong-checksum", "malformed-trailer", "missing-trailer", "longer-than-declared",
        "no-final-chunk", "size-line-too-long", "junk-after-end"])
def test_bad_aws_chunked_framing(env, body, code):
    status, response = chunked_put(env, "aws-framing", body, aws=True)
    expected_status = 403 if code == "InvalidChunkSizeError" else 400
    assert (status, raw_code(response)) == (expected_status, code), response[:1000]
    assert_unharmed(env)


def test_good_aws_chunked_upload_still_works(env):
    """The control for the framing cases: the same request with correct framing stores the object."""
    status, response = chunked_put(env, "aws-good", aws_chunked(TWENTY, "x-amz-checksum-crc32:" + CRC.decode()).rstrip(b"\r\n")
                                   + b"\r\n\r\n", aws=True)
    assert status == 200, response
    assert env.s3.get_object(Bucket=CONTROL_BUCKET, Key="aws-good")["Body"].read() == TWENTY
    assert_unharmed(env)


# MARK: slow and half-open connections

def wait_closed(sock: socket.socket, limit: float) -> str:
    """'closed' once the server closes the connection (EOF or reset), 'open' if it is still open after `limit`."""
    sock.settimeout(limit)
    try:
        while sock.recv(4096):
            pass
        return "closed"
    except ConnectionResetError:
        return "closed"
    except (socket.timeout, TimeoutError):
        return "open"


def slow_scenario(name: str, s3_port: int, api_port: int, tls_port: int) -> str:
    limit = HEADER_TIMEOUT + IDLE_TIMEOUT + 10
    port = api_port if name.startswith("api") else tls_port if name.startswith("tls") else s3_port
    sock = socket.create_connection(("127.0.0.1", port), timeout=limit)
    with sock:
        if name.endswith("silent"):
            return wait_closed(sock, limit)
        if name == "tls-stalled-handshake":
            sock.sendall(b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03")  # the start of a ClientHello
            return wait_closed(sock, limit)
        if name.endswith("slowloris"):
            sock.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n")
            deadline = time.monotonic() + limit
            sock.settimeout(0.3)
            while time.monotonic() < deadline:
                try:
                    sock.sendall(b"X")
                    if sock.recv(4096) == b"":
                        return "closed"
                except (socket.timeout, TimeoutError):
                    continue
                except OSError:
                    return "closed"
            return "open"
        if name.endswith("stalled-body"):
            path = b"/v2/p/datasets" if name.startswith("api") else b"/bucket/key"
            sock.sendall(b"PUT " + path + b" HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n0123456789")
            return wait_closed(sock, limit)
        if name == "s3-idle-keepalive":
            sock.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
            sock.settimeout(limit)
            first = sock.recv(65536)
            assert first.startswith(b"HTTP/1.1 403"), first
            return wait_closed(sock, limit)
    raise AssertionError(name)


SLOW = ["s3-silent", "api-silent", "tls-silent", "tls-stalled-handshake", "s3-slowloris", "api-slowloris",
        "s3-stalled-body", "api-stalled-body", "s3-idle-keepalive"]


@pytest.fixture(scope="module")
def slow_outcomes(env):
    """Every slow scenario at once (each ends when the server closes it), so that they take seconds in all."""
    with concurrent.futures.ThreadPoolExecutor(len(SLOW)) as pool:
        futures = {name: pool.submit(slow_scenario, name, env.server.port, env.api_port, env.server.tls_port)
                   for name in SLOW}
        return {name: future.result() for name, future in futures.items()}


@pytest.mark.parametrize("scenario", SLOW)
def test_slow_connection_is_closed(env, slow_outcomes, scenario):
    assert slow_outcomes[scenario] == "closed"
    assert_unharmed(env)


@pytest.mark.parametrize("port_name", ["s3", "api"])
def test_a_flood_of_half_open_connections_does_not_stop_the_server(env, port_name):
    """Three times the connection limit of silent connections: a real client still gets through, once the header
    timeout frees their places, and every one of them is closed."""
    port = env.server.port if port_name == "s3" else env.api_port
    flood = [socket.create_connection(("127.0.0.1", port), timeout=30) for _ in range(3 * MAX_CONNECTIONS)]
    try:
        if port_name == "s3":
            assert env.s3.head_object(Bucket=CONTROL_BUCKET, Key=CONTROL_KEY)["ETag"] == env.control_etag
        else:
            assert env.api.request("GET", "datasets").status_code == 200
        with concurrent.futures.ThreadPoolExecutor(32) as pool:
            outcomes = list(pool.map(lambda s: wait_closed(s, 4 * HEADER_TIMEOUT + 20), flood))
        assert outcomes.count("closed") == len(flood)
    finally:
        for sock in flood:
            sock.close()
    assert_unharmed(env)


# MARK: the labeling API: malformed JSON and oversize bodies on every endpoint that takes one

def body_endpoints(env: Env) -> dict:
    dataset = f"datasets/{env.control_dataset}"
    return {
        "create-dataset": ("POST", "datasets"),
        "update-dataset": ("PUT", dataset),
        "add-samples": ("POST", f"{dataset}/data-annotations/samples"),
        "update-samples": ("PUT", f"{dataset}/data-annotations/samples"),
        "delete-samples": ("POST", f"{dataset}/data-annotations/samples/delete"),
        "deletion-impact": ("POST", f"{dataset}/data-annotations/samples/delete-impact"),
        "create-labels": ("POST", f"{dataset}/data-annotations/labels"),
        "update-labels": ("PUT", f"{dataset}/data-annotations/labels"),
        "update-label": ("PUT", f"{dataset}/data-annotations/labels/cat"),
        "delete-labels": ("POST", f"{dataset}/data-annotations/labels/delete"),
        "import-task": ("POST", f"{dataset}/import-tasks"),
        "export-task": ("POST", f"{dataset}/export-tasks"),
        "publish-version": ("POST", f"{dataset}/versions"),
        "workforce-task": ("POST", f"{dataset}/workforce-tasks"),
    }


ENDPOINTS = ["create-dataset", "update-dataset", "add-samples", "update-samples", "delete-samples", "deletion-impact",
             "create-labels", "update-labels", "update-label", "delete-labels", "import-task", "export-task",
             "publish-version", "workforce-task"]
MALFORMED_JSON = {
    "truncated": b'{"dataset_name": ',
    "not-an-object": b"[1, 2, 3]",
    "nested-100000": b"[" * 100_000 + b"]" * 100_000,
    "not-utf8": b'\xff\xfe{}',
}


@pytest.mark.parametrize("variant", list(MALFORMED_JSON))
@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_malformed_json_body(env, endpoint, variant):
    method, path = body_endpoints(env)[endpoint]
    response = env.api.request(method, path, data=MALFORMED_JSON[variant], headers={"Content-Type": "application/json"})
    assert (response.status_code, response.json().get("error_code")) == (400, "ModelArts.0104"), response.text[:500]
    assert_unharmed(env)


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_oversize_json_body(env, endpoint):
    """A body over the endpoint's limit (1 MiB; 64 MiB for add-samples, which carries files) is a 413, not a 500."""
    method, path = body_endpoints(env)[endpoint]
    limit = 64 * MiB if endpoint == "add-samples" else MiB
    body = b'{"description": "' + b"a" * limit + b'"}'
    response = env.api.request(method, path, data=body, headers={"Content-Type": "application/json"})
    assert (response.status_code, response.json().get("error_code")) == (413, "ModelArts.0104"), response.text[:500]
    assert_unharmed(env)


@pytest.mark.parametrize("body", [b"zz\r\n{}\r\n0\r\n\r\n", b"2\r\n{}XX0\r\n\r\n"], ids=["non-hex-size", "missing-crlf"])
def test_bad_chunk_framing_on_the_api(env, body):
    head = (f"POST /v2/p/datasets HTTP/1.1\r\nHost: x\r\nX-Auth-Token: {env.api.token}\r\n"
            "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n").encode()
    status, response = raw(env.api_port, head + body)
    assert status in (400, None), response[:500]
    if status == 400 and response.startswith(b"{"):
        assert raw_code(response) == "ModelArts.0104"
    assert_unharmed(env)


# MARK: bad signatures and unsigned headers

def presigned(env: Env, method: str, key: str) -> str:
    """A SigV4 presigned URL, as boto3 makes it: it signs host alone."""
    return env.presigner.generate_presigned_url({"PUT": "put_object", "GET": "get_object"}[method],
                                         Params={"Bucket": CONTROL_BUCKET, "Key": key}, ExpiresIn=300)


@pytest.mark.parametrize("method, key, header, value", [
    ("PUT", "stolen", "x-amz-copy-source", f"/{CONTROL_BUCKET}/{CONTROL_KEY}"),
    ("PUT", CONTROL_KEY, "x-amz-server-side-encryption", "AES256"),
    ("PUT", CONTROL_KEY, "x-obs-copy-source", f"/{CONTROL_BUCKET}/{CONTROL_KEY}"),
    ("GET", CONTROL_KEY, "x-amz-server-side-encryption-customer-algorithm", "AES256"),
    ("PUT", CONTROL_KEY, "x-amz-meta-owner", "mallory"),
], ids=["copy-source", "sse", "obs-copy-source", "sse-c-on-get", "metadata"])
def test_presigned_url_with_an_unsigned_header_is_refused(env, method, key, header, value):
    """boto3's presigned URLs sign only host: an x-amz-* (or x-obs-*) header added by the URL's holder is refused."""
    url = presigned(env, method, key)
    response = requests.request(method, url, headers={header: value}, data=b"" if method == "PUT" else None, timeout=60)
    expect(response, 403, "AccessDenied")
    assert ET.fromstring(response.content).findtext("HeadersNotSigned") == header
    assert_unharmed(env)


def test_presigned_url_with_an_ordinary_header_still_works(env):
    url = presigned(env, "PUT", "presigned-ok")
    response = requests.put(url, data=b"fine", headers={"Content-Type": "text/plain"}, timeout=60)
    assert response.status_code == 200, response.text
    assert env.s3.get_object(Bucket=CONTROL_BUCKET, Key="presigned-ok")["Body"].read() == b"fine"
    assert_unharmed(env)


def test_header_signature_with_a_header_added_after_signing(env):
    url = f"{env.server.http}/{CONTROL_BUCKET}/{CONTROL_KEY}"
    headers = sigv4_headers(env.server.access_key, env.server.secret_key, "PUT", url, {}, hashlib.sha256(b"x").hexdigest())
    headers["x-amz-acl"] = "public-read-write"
    expect(requests.put(url, headers=headers, data=b"x", timeout=60), 403, "AccessDenied")
    assert_unharmed(env)


def test_header_signature_without_host(env):
    url = f"{env.server.http}/{CONTROL_BUCKET}/{CONTROL_KEY}"
    headers = sigv4_headers(env.server.access_key, env.server.secret_key, "GET", url, {}, hashlib.sha256(b"").hexdigest())
    headers["Authorization"] = headers["Authorization"].replace("SignedHeaders=host;", "SignedHeaders=")
    response = requests.get(url, headers=headers, timeout=60)
    expect(response, 403, "AccessDenied")
    assert ET.fromstring(response.content).findtext("HeadersNotSigned") == "host"
    assert_unharmed(env)


@pytest.mark.parametrize("scheme, prefixes, header", [
    ("AWS", ("x-amz-",), "x-obs-copy-source"),
    ("OBS", ("x-obs-",), "x-amz-copy-source"),
])
def test_v2_signature_leaving_the_other_dialects_header_unsigned(env, scheme, prefixes, header):
    """SigV2 signs x-amz-*, the OBS signature x-obs-*: a header of the other prefix they did not sign is refused."""
    response = obs_signed(env, "PUT", f"/{CONTROL_BUCKET}/stolen", headers={header: f"/{CONTROL_BUCKET}/{CONTROL_KEY}"},
                          scheme=scheme, signed_prefixes=prefixes)
    expect(response, 403, "AccessDenied")
    assert_unharmed(env)


def test_mixing_dialects_for_one_header_is_refused(env):
    headers = {"x-amz-acl": "private", "x-obs-acl": "public-read-write"}
    response = obs_signed(env, "PUT", f"/{CONTROL_BUCKET}/{CONTROL_KEY}", headers=headers, body=b"mixed",
                          signed_prefixes=("x-amz-", "x-obs-"))
    expect(response, 400, "InvalidArgument")
    assert_unharmed(env)


@pytest.mark.parametrize("authorization, status, code", [
    ("AWS4-HMAC-SHA256 garbage", 400, "AuthorizationHeaderMalformed"),
    ("AWS4-HMAC-SHA256 Credential=obslabroot/2013/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=0", 400,
     "AuthorizationHeaderMalformed"),
    ("AWS4-HMAC-SHA256 " + "a=b," * 10_000, 400, "AuthorizationHeaderMalformed"),
    ("AWS obslabroot", 400, "InvalidArgument"),
    ("OBS :", 400, "InvalidArgument"),
    ("Bearer token", 400, "InvalidArgument"),
    ("AWS nobody:c2lnbmF0dXJl", 403, "InvalidAccessKeyId"),
], ids=["garbage", "bad-scope", "10000-fields", "v2-no-colon", "obs-empty", "unknown-scheme", "unknown-key"])
def test_malformed_authorization(env, authorization, status, code):
    headers = {"Authorization": authorization, "x-amz-date": time.strftime("%Y%m%dT%H%M%SZ", time.gmtime()),
               "x-amz-content-sha256": "UNSIGNED-PAYLOAD", "Date": email.utils.formatdate(usegmt=True)}
    expect(requests.get(f"{env.server.http}/{CONTROL_BUCKET}/{CONTROL_KEY}", headers=headers, timeout=60), status, code)
    assert_unharmed(env)


@pytest.mark.parametrize("query, status, code", [
    ("X-Amz-Algorithm=AWS4-HMAC-SHA256", 400, "AuthorizationQueryParametersError"),
    ("X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=obslabroot%2F20130524%2Fus-east-1%2Fs3%2Faws4_request"
     "&X-Amz-Date=20130524T000000Z&X-Amz-Expires=99999999&X-Amz-SignedHeaders=host&X-Amz-Signature=0", 403,
     "AccessDenied"),  # S3 answers an expiry beyond a week with 403 (ceph s3-tests; test_s3_errors)
    ("AWSAccessKeyId=obslabroot&Expires=notanumber&Signature=x", 403, "AccessDenied"),
    ("AccessKeyId=obslabroot&Expires=1&Signature=x", 403, "AccessDenied"),
], ids=["v4-incomplete", "v4-expires-too-long", "v2-bad-expires", "obs-expired"])
def test_malformed_presigned_query(env, query, status, code):
    expect(requests.get(f"{env.server.http}/{CONTROL_BUCKET}/{CONTROL_KEY}?{query}", timeout=60), status, code)
    assert_unharmed(env)
