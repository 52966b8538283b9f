"""Durability: a server killed with SIGKILL in the middle of uploads, and a clean restart, on their own data roots."""
import hashlib
import os
import random
import signal
import threading
import time

import pytest
from botocore.exceptions import BotoCoreError, ClientError

from helpers import md5_hex, s3_error, unique_name
from servers import start_obslab

pytestmark = pytest.mark.obslab_only(reason="moto keeps nothing across restarts")

KiB, MiB = 1024, 1024 * 1024
SIZES = [0, 1, 1 * KiB, 64 * KiB, 300 * KiB, 1 * MiB, 3 * MiB + 17]
THREADS = 6


@pytest.fixture
def data_dir(tmp_path):
    path = tmp_path / "data"
    path.mkdir()
    return path


def client_for(srv, tls=False):
    # No retries: a request cut by the kill must fail, not be replayed against the restarted server.
    return srv.client(tls=tls, retries={"max_attempts": 0}, connect_timeout=2, read_timeout=20)


def test_kill_during_uploads(tmp_path, data_dir, certificate):
    """Three rounds of: concurrent uploads over HTTP and HTTPS, SIGKILL mid-stream, restart, check every key."""
    cert, key_file = certificate
    keys = [f"obj/{i:02d}" for i in range(24)]
    attempted = {key: set() for key in keys}  # every md5 ever sent for the key
    last_acknowledged = {}                    # key -> md5 of the last PUT answered 200
    uncertain = set()                         # keys whose last PUT was cut: old or new content, never a mix
    bucket = unique_name("crash")
    lock = threading.Lock()

    srv = start_obslab(data_dir, tmp_path, cert, key_file)
    client_for(srv).create_bucket(Bucket=bucket)
    client_for(srv).put_object(Bucket=bucket, Key="before", Body=b"written before the uploads")
    for round_number in range(3):
        stop, successes = threading.Event(), []

        def worker(seed, srv=srv, stop=stop, successes=successes):
            # Each thread owns its keys, so the PUTs of one key are sequential and "last acknowledged" is exact.
            rng, own = random.Random(seed * 100 + round_number), keys[seed::THREADS]
            client = client_for(srv, tls=seed % 2 == 1)  # HTTPS: aws-chunked bodies with CRC32 trailers
            while not stop.is_set():
                key, size = rng.choice(own), rng.choice(SIZES)
                data = rng.randbytes(size)
                digest = md5_hex(data)
                with lock:
                    attempted[key].add(digest)
                    uncertain.add(key)
                try:
                    if size > 2 * MiB and rng.random() < 0.5:
                        upload_as_one_part(client, bucket, key, data)
                    else:
                        client.put_object(Bucket=bucket, Key=key, Body=data)
                except (ClientError, BotoCoreError, OSError):
                    return  # the server is gone: the outcome of this PUT is unknown
                with lock:
                    uncertain.discard(key)
                    last_acknowledged[key] = digest
                    successes.append(key)

        threads = [threading.Thread(target=worker, args=(seed,)) for seed in range(THREADS)]
        try:
            for thread in threads:
                thread.start()
            deadline = time.monotonic() + 30
            while len(successes) < 30 and time.monotonic() < deadline:
                time.sleep(0.02)
            assert len(successes) >= 30, f"only {len(successes)} uploads succeeded:\n{srv.log()[-3000:]}"
            time.sleep(random.uniform(0.05, 0.3))
            srv.process.send_signal(signal.SIGKILL)
            srv.process.wait(10)
        finally:
            stop.set()
            for thread in threads:
                thread.join(30)
            srv.stop(signal.SIGKILL)
        assert not any(thread.is_alive() for thread in threads)

        srv = start_obslab(data_dir, tmp_path, cert, key_file)
        s3 = client_for(srv)
        assert s3.get_object(Bucket=bucket, Key="before")["Body"].read() == b"written before the uploads"
        listed = {o["Key"]: o for o in s3.list_objects_v2(Bucket=bucket)["Contents"]}
        for key in keys:
            if key not in listed:
                with s3_error("NoSuchKey", 404):
                    s3.get_object(Bucket=bucket, Key=key)
                # An acknowledged PUT must survive: a killed process loses nothing the kernel already has.
                assert key not in last_acknowledged or key in uncertain, f"{key} was acknowledged and is lost"
                continue
            got = s3.get_object(Bucket=bucket, Key=key)
            body = got["Body"].read()
            digest = md5_hex(body)
            assert digest in attempted[key], f"{key}: {len(body)} bytes match no upload (partial or mixed)"
            assert len(body) == listed[key]["Size"] == got["ContentLength"]
            if "-" not in listed[key]["ETag"]:  # not a multipart ETag
                assert listed[key]["ETag"] == f'"{digest}"'
            if key not in uncertain and key in last_acknowledged:
                assert digest == last_acknowledged[key], f"{key}: an older version came back"

    try:
        # The server still works after the crashes, and stops cleanly.
        s3 = client_for(srv)
        s3.put_object(Bucket=bucket, Key="after", Body=b"after the crash")
        assert s3.get_object(Bucket=bucket, Key="after")["Body"].read() == b"after the crash"
        for upload in s3.list_multipart_uploads(Bucket=bucket).get("Uploads", []):
            s3.abort_multipart_upload(Bucket=bucket, Key=upload["Key"], UploadId=upload["UploadId"])
        assert srv.stop() == 0
    finally:
        srv.stop(signal.SIGKILL)


def upload_as_one_part(client, bucket, key, data):
    """A multipart upload of a single part (parts but the last must be 5 MiB): exercises the commit of uploads."""
    upload_id = client.create_multipart_upload(Bucket=bucket, Key=key)["UploadId"]
    etag = client.upload_part(Bucket=bucket, Key=key, UploadId=upload_id, PartNumber=1, Body=data)["ETag"]
    client.complete_multipart_upload(Bucket=bucket, Key=key, UploadId=upload_id,
                                     MultipartUpload={"Parts": [{"PartNumber": 1, "ETag": etag}]})


def test_clean_restart_keeps_everything(tmp_path, data_dir):
    (data_dir / "adopted" / "sub").mkdir(parents=True)
    (data_dir / "adopted" / "sub" / "file.txt").write_bytes(b"a plain file")
    srv = start_obslab(data_dir, tmp_path)
    s3 = srv.client()
    assert s3.get_object(Bucket="adopted", Key="sub/file.txt")["Body"].read() == b"a plain file"
    bucket = unique_name("restart")
    s3.create_bucket(Bucket=bucket)
    s3.put_bucket_versioning(Bucket=bucket, VersioningConfiguration={"Status": "Enabled"})
    big = os.urandom(2 * MiB + 5)
    s3.put_object(Bucket=bucket, Key="big.bin", Body=big, ContentType="application/x-big",
                  Metadata={"origin": "restart-test"}, ChecksumAlgorithm="SHA256")
    v1 = s3.put_object(Bucket=bucket, Key="doc", Body=b"one")["VersionId"]
    v2 = s3.put_object(Bucket=bucket, Key="doc", Body=b"two")["VersionId"]
    marker = s3.delete_object(Bucket=bucket, Key="doc")["VersionId"]
    upload_id = s3.create_multipart_upload(Bucket=bucket, Key="pending")["UploadId"]
    part = os.urandom(5 * MiB)
    etag = s3.upload_part(Bucket=bucket, Key="pending", UploadId=upload_id, PartNumber=1, Body=part)["ETag"]
    assert srv.stop() == 0
    # A graceful stop closes the labeling catalog, then the store, once the servers are done, each write-ahead log folded
    # into its database (emptied, if SQLite keeps the file).
    logs = {path.name: path.stat().st_size for path in (data_dir / ".obslab").glob("*.sqlite-wal")}
    assert all(size == 0 for size in logs.values()), logs
    log = srv.log()
    assert 0 <= log.index("closed the labeling catalog") < log.index("closed the object store"), log[-2000:]

    (data_dir / "newcomer").mkdir()
    (data_dir / "newcomer" / "hello.txt").write_bytes(b"adopted on the second start")
    srv = start_obslab(data_dir, tmp_path)
    try:
        s3 = srv.client()
        names = [b["Name"] for b in s3.list_buckets()["Buckets"]]
        assert {"adopted", "newcomer", bucket} <= set(names)
        assert len(names) == len(set(names))
        assert [o["Key"] for o in s3.list_objects_v2(Bucket="adopted")["Contents"]] == ["sub/file.txt"]
        assert s3.get_object(Bucket="newcomer", Key="hello.txt")["Body"].read() == b"adopted on the second start"
        assert s3.get_bucket_versioning(Bucket=bucket)["Status"] == "Enabled"
        got = s3.get_object(Bucket=bucket, Key="big.bin", ChecksumMode="ENABLED")
        assert hashlib.sha256(got["Body"].read()).digest() == hashlib.sha256(big).digest()
        assert got["ContentType"] == "application/x-big"
        assert got["Metadata"] == {"origin": "restart-test"}
        assert got["ChecksumSHA256"]
        versions = s3.list_object_versions(Bucket=bucket, Prefix="doc")
        assert [v["VersionId"] for v in versions["Versions"]] == [v2, v1]
        assert [m["VersionId"] for m in versions["DeleteMarkers"]] == [marker]
        assert s3.get_object(Bucket=bucket, Key="doc", VersionId=v1)["Body"].read() == b"one"
        with s3_error("NoSuchKey", 404):
            s3.get_object(Bucket=bucket, Key="doc")
        uploads = s3.list_multipart_uploads(Bucket=bucket)["Uploads"]
        assert [(u["Key"], u["UploadId"]) for u in uploads] == [("pending", upload_id)]
        s3.complete_multipart_upload(Bucket=bucket, Key="pending", UploadId=upload_id,
                                     MultipartUpload={"Parts": [{"PartNumber": 1, "ETag": etag}]})
        assert s3.get_object(Bucket=bucket, Key="pending")["Body"].read() == part
        assert srv.stop() == 0
    finally:
        srv.stop(signal.SIGKILL)


def test_custom_credentials_from_environment(tmp_path, data_dir):
    env = {"OBSLAB_ROOT_ACCESS_KEY": "customkey", "OBSLAB_ROOT_SECRET_KEY": "custom-secret-value"}
    srv = start_obslab(data_dir, tmp_path, env=env)
    try:
        assert srv.access_key == "customkey"
        assert "obslab access key: customkey" in srv.log().splitlines()
        s3 = srv.client()
        s3.create_bucket(Bucket="custom-creds")
        assert "custom-creds" in [b["Name"] for b in s3.list_buckets()["Buckets"]]
        default = srv.client(access_key="obslabroot", secret_key="obslabroot-secret", retries={"max_attempts": 0})
        with s3_error("InvalidAccessKeyId", 403):
            default.list_buckets()
        assert srv.stop() == 0
    finally:
        srv.stop(signal.SIGKILL)


def test_a_second_server_on_the_same_data_root_is_refused(tmp_path, data_dir):
    """Two servers on one data root would sweep each other's staged uploads: the second stops with a clear error."""
    srv = start_obslab(data_dir, tmp_path)
    try:
        s3 = srv.client()
        bucket = unique_name("locked")
        s3.create_bucket(Bucket=bucket)
        s3.put_object(Bucket=bucket, Key="kept", Body=b"still here")
        with pytest.raises(RuntimeError) as refused:
            start_obslab(data_dir, tmp_path)
        assert f"is in use by another obslab process (pid {srv.process.pid})" in str(refused.value)
        assert s3.get_object(Bucket=bucket, Key="kept")["Body"].read() == b"still here"
    finally:
        assert srv.stop() == 0
    # Stopped, the root is free again.
    srv = start_obslab(data_dir, tmp_path)
    try:
        assert srv.client().get_object(Bucket=bucket, Key="kept")["Body"].read() == b"still here"
    finally:
        srv.stop()
