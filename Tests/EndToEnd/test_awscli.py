"""The aws command line with its default settings: s3 mb/ls/cp/rm/rb/sync, s3api, a 100 MiB multipart copy."""
import filecmp
import hashlib
import json
import os
import pathlib
import time

import pytest
import requests

from helpers import empty_and_delete, unique_name

MiB = 1024 * 1024


def file_sha256(path: pathlib.Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        while block := f.read(4 * MiB):
            digest.update(block)
    return digest.hexdigest()


@pytest.fixture
def cli_bucket(s3):
    name = unique_name("cli")
    yield name
    empty_and_delete(s3, name)


@pytest.mark.parametrize("tls", [False, True], ids=["http", "https"])
def test_s3_high_level_commands(aws, s3, tmp_path, cli_bucket, tls):
    assert f"make_bucket: {cli_bucket}" in aws("s3", "mb", f"s3://{cli_bucket}", tls=tls).stdout
    assert cli_bucket in aws("s3", "ls", tls=tls).stdout
    source = tmp_path / "hello.txt"
    source.write_bytes(b"hello from the aws cli\n")
    aws("s3", "cp", str(source), f"s3://{cli_bucket}/dir/hello.txt", tls=tls)
    assert s3.get_object(Bucket=cli_bucket, Key="dir/hello.txt")["Body"].read() == source.read_bytes()
    listing = aws("s3", "ls", f"s3://{cli_bucket}/", tls=tls).stdout
    assert "PRE dir/" in listing
    listing = aws("s3", "ls", "--recursive", f"s3://{cli_bucket}", tls=tls).stdout
    assert "dir/hello.txt" in listing and " 23 " in listing
    back = tmp_path / "back.txt"
    aws("s3", "cp", f"s3://{cli_bucket}/dir/hello.txt", str(back), tls=tls)
    assert back.read_bytes() == source.read_bytes()
    assert aws("s3", "cp", f"s3://{cli_bucket}/dir/hello.txt", "-", tls=tls).stdout == source.read_text()
    aws("s3", "cp", f"s3://{cli_bucket}/dir/hello.txt", f"s3://{cli_bucket}/copy.txt", tls=tls)
    assert s3.get_object(Bucket=cli_bucket, Key="copy.txt")["Body"].read() == source.read_bytes()
    url = aws("s3", "presign", f"s3://{cli_bucket}/dir/hello.txt", "--expires-in", "60", tls=tls).stdout.strip()
    assert requests.get(url, verify=str(aws.server.cert)).content == source.read_bytes()
    aws("s3", "mv", f"s3://{cli_bucket}/copy.txt", f"s3://{cli_bucket}/moved.txt", tls=tls)
    assert [o["Key"] for o in s3.list_objects_v2(Bucket=cli_bucket, Prefix="m")["Contents"]] == ["moved.txt"]
    aws("s3", "rm", f"s3://{cli_bucket}/dir/hello.txt", tls=tls)
    failed = aws("s3", "rb", f"s3://{cli_bucket}", tls=tls, check=False)
    assert failed.returncode != 0 and "BucketNotEmpty" in failed.stderr
    aws("s3", "rm", "--recursive", f"s3://{cli_bucket}/", tls=tls)
    assert "remove_bucket" in aws("s3", "rb", f"s3://{cli_bucket}", tls=tls).stdout
    assert cli_bucket not in [b["Name"] for b in s3.list_buckets()["Buckets"]]


@pytest.mark.parametrize("tls", [False, True], ids=["http", "https"])
def test_s3api_commands(aws, s3, tmp_path, bucket, tls):
    body = tmp_path / "body.bin"
    body.write_bytes(os.urandom(2048))
    put = json.loads(aws("s3api", "put-object", "--bucket", bucket, "--key", "api/obj", "--body", str(body),
                         "--metadata", "origin=cli", "--content-type", "application/x-test", tls=tls).stdout)
    assert put["ETag"] == f'"{hashlib.md5(body.read_bytes()).hexdigest()}"'
    head = json.loads(aws("s3api", "head-object", "--bucket", bucket, "--key", "api/obj", tls=tls).stdout)
    assert head["ContentLength"] == 2048 and head["Metadata"] == {"origin": "cli"}
    assert head["ContentType"] == "application/x-test"
    listed = json.loads(aws("s3api", "list-objects-v2", "--bucket", bucket, tls=tls).stdout)
    assert [o["Key"] for o in listed["Contents"]] == ["api/obj"]
    out = tmp_path / "out.bin"
    aws("s3api", "get-object", "--bucket", bucket, "--key", "api/obj", str(out), tls=tls)
    assert out.read_bytes() == body.read_bytes()
    missing = aws("s3api", "head-object", "--bucket", bucket, "--key", "missing", tls=tls, check=False)
    assert missing.returncode != 0 and "404" in missing.stderr
    aws("s3api", "put-bucket-versioning", "--bucket", bucket, "--versioning-configuration", "Status=Enabled", tls=tls)
    versioning = json.loads(aws("s3api", "get-bucket-versioning", "--bucket", bucket, tls=tls).stdout)
    assert versioning["Status"] == "Enabled"
    aws("s3api", "delete-object", "--bucket", bucket, "--key", "api/obj", tls=tls)
    assert "Contents" not in s3.list_objects_v2(Bucket=bucket)


@pytest.mark.slow
@pytest.mark.parametrize("tls", [False, True], ids=["http", "https"])
def test_large_file_multipart(aws, s3, tmp_path, bucket, tls):
    """100 MiB through `aws s3 cp` with its defaults: a multipart upload of 8 MiB parts with CRC32 checksums."""
    source = tmp_path / "big.bin"
    with open(source, "wb") as f:
        for _ in range(100):
            f.write(os.urandom(MiB))
    aws("s3", "cp", str(source), f"s3://{bucket}/big.bin", tls=tls)
    head = s3.head_object(Bucket=bucket, Key="big.bin")
    assert head["ContentLength"] == 100 * MiB
    assert head["ETag"].endswith('-13"')  # 100 MiB in 8 MiB parts
    back = tmp_path / "back.bin"
    aws("s3", "cp", f"s3://{bucket}/big.bin", str(back), tls=tls)
    assert back.stat().st_size == source.stat().st_size
    assert file_sha256(back) == file_sha256(source)
    # A server-side copy of a large object: the CLI copies it in 8 MiB ranges with UploadPartCopy.
    aws("s3", "cp", f"s3://{bucket}/big.bin", f"s3://{bucket}/copy/big.bin", tls=tls)
    copied = s3.head_object(Bucket=bucket, Key="copy/big.bin")
    assert copied["ContentLength"] == 100 * MiB
    assert copied["ETag"] == head["ETag"]  # same parts, so the same multipart ETag


@pytest.mark.slow
def test_sync_500_files(aws, s3, tmp_path, bucket):
    up = tmp_path / "up"
    for i in range(500):
        path = up / f"dir{i % 7}" / f"sub{i % 3}" / f"file-{i:03d}.dat"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(os.urandom(64 + (i * 37) % 3000))
        # Older than the upload by far, so that the second sync does not depend on the precision of LastModified.
        os.utime(path, (time.time() - 3600, time.time() - 3600))
    aws("s3", "sync", str(up), f"s3://{bucket}/tree", tls=True)
    keys = [o["Key"] for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix="tree/")
            for o in page.get("Contents", [])]
    assert len(keys) == 500
    down = tmp_path / "down"
    aws("s3", "sync", f"s3://{bucket}/tree", str(down))
    names = sorted(p.relative_to(up).as_posix() for p in up.rglob("*") if p.is_file())
    assert sorted(p.relative_to(down).as_posix() for p in down.rglob("*") if p.is_file()) == names
    match, mismatch, errors = filecmp.cmpfiles(up, down, names, shallow=False)
    assert (len(match), mismatch, errors) == (500, [], [])
    # A second sync finds nothing to do.
    again = aws("s3", "sync", str(up), f"s3://{bucket}/tree")
    assert "upload:" not in again.stdout
    # --delete removes what is gone locally (a DeleteObjects call).
    removed = sorted(up.rglob("file-0[0-4]*.dat"))
    for path in removed:
        path.unlink()
    assert len(removed) == 50
    aws("s3", "sync", "--delete", str(up), f"s3://{bucket}/tree")
    keys = [o["Key"] for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix="tree/")
            for o in page.get("Contents", [])]
    assert sorted(keys) == sorted(f"tree/{p.relative_to(up).as_posix()}" for p in up.rglob("*") if p.is_file())
