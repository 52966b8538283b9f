"""A full disk: obslab's data root on a small tmpfs the test mounts, filled to the last byte by a ballast file.

Writes then answer 507 InsufficientStorageSpace (the S3 XML error, naming the object), a sync that cannot write its
catalog fails with a ModelArts error that says the disk is full, nothing stored before is lost, and once the ballast is
deleted the same server takes writes and syncs again, without a restart. A graceful stop and `obslab fsck --deep`
then find no leftover of the refused writes. The tmpfs is mounted as root, or else in a user and mount namespace of the
test's own, so that a CI machine without root runs it too."""
import base64
import errno
import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time

import pytest
from botocore.exceptions import ClientError

from crash_rounds import ModelArts, TOKEN
from servers import obslab_binary, start_obslab

pytestmark = pytest.mark.obslab_only(reason="moto has no data root on disk")

KiB, MiB = 1024, 1024 * 1024
CUSTOMER_KEY = bytes(range(32))
SSE_C = {"SSECustomerAlgorithm": "AES256", "SSECustomerKey": base64.b64encode(CUSTOMER_KEY).decode(),
         "SSECustomerKeyMD5": base64.b64encode(hashlib.md5(CUSTOMER_KEY).digest()).decode()}


@pytest.fixture
def small_disk(tmp_path, request):
    """A 24 MiB tmpfs mounted for this test. As root (the project's machines) it is mounted here. Otherwise the test
    runs again in a user and mount namespace of its own (`unshare --user --map-root-user --mount`), where an
    unprivileged user may mount a tmpfs, and this fixture yields None once that run passed."""
    if os.geteuid() != 0:
        run_in_own_namespace(request, tmp_path)
        yield None
        return
    if shutil.which("mount") is None:
        pytest.skip("no `mount` command here: a small file system cannot be mounted, so a full disk cannot be tested")
    disk = tmp_path / "disk"
    disk.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=24m", "tmpfs", str(disk)], capture_output=True, text=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here ({mounted.stderr.strip()}): a full disk cannot be tested")
    try:
        yield disk
    finally:
        subprocess.run(["umount", "-l", str(disk)], capture_output=True)


def run_in_own_namespace(request, tmp_path) -> None:
    """Runs this test in a new user and mount namespace, as its root; fails with that run's output if it fails, and
    skips with its reason if it skipped."""
    if shutil.which("unshare") is None:
        pytest.skip("not root and no `unshare` command: a small file system cannot be mounted, so a full disk cannot be tested")
    probe = subprocess.run(["unshare", "--user", "--map-root-user", "--mount", "true"], capture_output=True, text=True)
    if probe.returncode != 0:
        pytest.skip("not root and this machine allows no unprivileged user namespace "
                    f"({probe.stderr.strip()}): a small file system cannot be mounted, so a full disk cannot be tested")
    inner = subprocess.run(["unshare", "--user", "--map-root-user", "--mount", sys.executable, "-m", "pytest", "-q", "-rs",
                            "-p", "no:cacheprovider", f"--basetemp={tmp_path / 'namespace'}", request.node.nodeid],
                           cwd=request.config.rootpath, capture_output=True, text=True, timeout=600)
    output = inner.stdout + inner.stderr
    assert inner.returncode == 0, f"the run in a user and mount namespace failed:\n{output[-6000:]}"
    if " passed" not in output:
        pytest.skip(f"in a user and mount namespace: {output.strip().splitlines()[-2:]}")


def fill(path) -> int:
    """Writes a ballast file until the file system has no byte left; returns its size."""
    size = 0
    with open(path, "wb", buffering=0) as ballast:
        for chunk in (MiB, 64 * KiB, 4 * KiB, 512, 1):
            block = b"\0" * chunk
            while True:
                try:
                    ballast.write(block)
                    size += chunk
                except OSError as error:
                    assert error.errno == errno.ENOSPC, error
                    break
        os.fsync(ballast.fileno())
    return size


def insufficient_storage(call, *args, **kwargs) -> None:
    with pytest.raises(ClientError) as refused:
        call(*args, **kwargs)
    error = refused.value.response
    assert error["ResponseMetadata"]["HTTPStatusCode"] == 507, error
    assert error["Error"]["Code"] == "InsufficientStorageSpace", error
    assert "disk is full" in error["Error"]["Message"], error


def test_a_full_disk_refuses_writes_clearly_loses_nothing_and_recovers_without_a_restart(tmp_path, small_disk):
    if small_disk is None:
        return  # it ran, and passed, in a namespace of its own (see small_disk)
    data_dir = small_disk / "data"
    srv = start_obslab(data_dir, tmp_path, env={"OBSLAB_API_TOKEN": TOKEN})
    try:
        s3 = srv.client(retries={"max_attempts": 0})
        api = ModelArts(next(line.split(": ", 1)[1] for line in wait_for_api(srv)))
        stored = {}

        def put(bucket, key, data, **extra):
            answer = s3.put_object(Bucket=bucket, Key=key, Body=data, ChecksumAlgorithm="SHA256", **extra)
            stored[(bucket, key, answer.get("VersionId"))] = (data, extra)

        s3.create_bucket(Bucket="kept")
        put("kept", "plain", os.urandom(300 * KiB))
        put("kept", "kms", os.urandom(100 * KiB), ServerSideEncryption="aws:kms", SSEKMSKeyId="testkey-1")
        put("kept", "customer", os.urandom(50 * KiB), **SSE_C)
        s3.create_bucket(Bucket="versions")
        s3.put_bucket_versioning(Bucket="versions", VersioningConfiguration={"Status": "Enabled"})
        put("versions", "doc", b"first")
        put("versions", "doc", b"second")
        part = os.urandom(200 * KiB)
        upload = s3.create_multipart_upload(Bucket="kept", Key="assembled")["UploadId"]
        etag = s3.upload_part(Bucket="kept", Key="assembled", UploadId=upload, PartNumber=1, Body=part)["ETag"]
        pending = s3.create_multipart_upload(Bucket="kept", Key="pending")["UploadId"]

        s3.create_bucket(Bucket="images")
        for index in range(5):
            put("images", f"set/{index}.jpg", f"image {index}".encode())
            put("images", f"set/{index}.txt", b"cat")
        dataset = api.create_dataset("full-disk", "images", "set/")
        assert api.sync(dataset)["status"] == "COMPLETED"
        assert len(api.samples(dataset)) == 5
        for index in range(5, 205):  # waiting for the next sync, which must write 200 samples
            s3.put_object(Bucket="images", Key=f"set/{index}.jpg", Body=f"image {index}".encode())
            s3.put_object(Bucket="images", Key=f"set/{index}.txt", Body=b"dog")

        ballast = small_disk / "ballast"
        assert fill(ballast) > 0

        insufficient_storage(s3.put_object, Bucket="kept", Key="big", Body=os.urandom(MiB))
        insufficient_storage(s3.put_object, Bucket="kept", Key="plain", Body=b"a new version of plain")
        insufficient_storage(s3.put_object, Bucket="kept", Key="kms-new", Body=os.urandom(64 * KiB),
                             ServerSideEncryption="aws:kms", SSEKMSKeyId="testkey-1")
        insufficient_storage(s3.upload_part, Bucket="kept", Key="pending", UploadId=pending, PartNumber=1,
                             Body=os.urandom(100 * KiB))
        insufficient_storage(s3.complete_multipart_upload, Bucket="kept", Key="assembled", UploadId=upload,
                             MultipartUpload={"Parts": [{"PartNumber": 1, "ETag": etag}]})
        insufficient_storage(s3.copy_object, Bucket="kept", Key="kms-copy", CopySource={"Bucket": "kept", "Key": "plain"},
                             ServerSideEncryption="aws:kms", SSEKMSKeyId="testkey-2")

        status = api.sync(dataset)
        assert status["status"] == "FAILED", status
        assert "disk is full" in status.get("error_msg", ""), status  # the catalog's (ModelArts.0010) or the samples' (4360)

        check_everything_stored(s3, stored)  # reads work on a full disk, and nothing was lost
        assert [p["PartNumber"] for p in s3.list_parts(Bucket="kept", Key="assembled", UploadId=upload)["Parts"]] == [1]

        ballast.unlink()  # space returns; the same server goes on

        put("kept", "big", os.urandom(MiB))
        put("kept", "plain", b"a new version of plain")
        s3.upload_part(Bucket="kept", Key="pending", UploadId=pending, PartNumber=1, Body=os.urandom(100 * KiB))
        s3.complete_multipart_upload(Bucket="kept", Key="assembled", UploadId=upload,
                                     MultipartUpload={"Parts": [{"PartNumber": 1, "ETag": etag}]})
        stored[("kept", "assembled", None)] = (part, {})
        s3.abort_multipart_upload(Bucket="kept", Key="pending", UploadId=pending)
        status = api.sync(dataset)
        assert status["status"] == "COMPLETED", status
        samples = api.samples(dataset)
        assert len(samples) == 205
        assert all(sample["sample_status"] == "__ALL__" for sample in samples)
        check_everything_stored(s3, stored)
        assert srv.stop() == 0
    finally:
        srv.stop(signal.SIGKILL)

    fsck = subprocess.run([str(obslab_binary()), "fsck", "--deep", "--data-dir", str(data_dir)],
                          capture_output=True, text=True, timeout=120)
    assert fsck.returncode == 0, fsck.stdout + fsck.stderr


def check_everything_stored(s3, stored: dict) -> None:
    for (bucket, key, version), (data, extra) in stored.items():
        sse_c = {name: value for name, value in extra.items() if name.startswith("SSECustomer")}
        version_argument = {"VersionId": version} if version else {}
        got = s3.get_object(Bucket=bucket, Key=key, ChecksumMode="ENABLED", **version_argument, **sse_c)
        assert got["Body"].read() == data, f"{bucket}/{key} changed"


def wait_for_api(srv, timeout: float = 30) -> list[str]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        lines = [line for line in srv.log().splitlines() if line.startswith("obslab ModelArts API endpoint: ")]
        if lines:
            return lines
        time.sleep(0.05)
    raise AssertionError(f"no API endpoint printed:\n{srv.log()[-3000:]}")
