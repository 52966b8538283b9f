"""OBS-only operations (issue 13) through esdk-obs-python at its default settings: append upload (`appendObject`,
`POST ?append&position=N` with `x-obs-next-append-position`), and in parallel file systems (`CreateBucketHeader(isPFS=True)`)
rename (`renameFile`) and truncate (`truncateFile`); the restore of COLD objects (`restoreObject`), whose delay runs on
the server's drivable clock."""
import pytest
from obs import AppendObjectContent, CreateBucketHeader, ObsClient, PutObjectHeader

from helpers import md5_hex, s3_error, unique_name
from servers import s3_client
from test_encryption import PlaintextFinder, blob_root, probe_text
from test_s3_features_lifecycle import DAY, private_server, run  # noqa: F401 (private_server is a fixture)

pytestmark = pytest.mark.obslab_only(reason="moto does not speak the OBS dialect")


@pytest.fixture
def obs(server):
    """The SDK's defaults: dialect negotiation, virtual-hosted addressing on `localhost` (see test_obs_sdk.py)."""
    client = ObsClient(access_key_id=server.access_key, secret_access_key=server.secret_key,
                       server=f"http://localhost:{server.port}")
    yield client
    client.close()


def append(obs, bucket: str, key: str, data: bytes, position: int):
    return obs.appendObject(bucket, key, AppendObjectContent(content=data, position=position))


def test_append_upload_grows_an_appendable_object(obs, s3, bucket):
    first = append(obs, bucket, "log.txt", b"hello ", 0)
    assert first.status == 200, first.errorMessage
    assert first.body.nextPosition == 6
    second = append(obs, bucket, "log.txt", b"world", first.body.nextPosition)
    assert second.status == 200, second.errorMessage
    assert second.body.nextPosition == 11
    assert second.body.etag.strip('"') == md5_hex(b"hello world")  # a plaintext object's ETag stays its MD5
    assert s3.get_object(Bucket=bucket, Key="log.txt")["Body"].read() == b"hello world"
    head = obs.getObjectMetadata(bucket, "log.txt")
    headers = {k.lower(): v for k, v in head.header}
    assert headers.get("object-type", headers.get("x-obs-object-type")) == "Appendable"
    assert str(headers.get("next-append-position", headers.get("x-obs-next-append-position"))) == "11"

    # A position other than the length is refused and the object is left as it was.
    wrong = append(obs, bucket, "log.txt", b"!", 3)
    assert (wrong.status, wrong.errorCode) == (409, "PositionNotEqualToLength")
    fresh = append(obs, bucket, "new.txt", b"x", 5)
    assert (fresh.status, fresh.errorCode) == (409, "PositionNotEqualToLength")
    # An object written by PUT takes no appended data.
    assert obs.putContent(bucket, "plain.txt", "put").status == 200
    refused = append(obs, bucket, "plain.txt", b"more", 3)
    assert (refused.status, refused.errorCode) == (409, "ObjectNotAppendable")
    assert s3.get_object(Bucket=bucket, Key="log.txt")["Body"].read() == b"hello world"


def test_appended_data_stays_encrypted_as_the_object_is(server, obs, s3, bucket):
    s3.put_bucket_encryption(Bucket=bucket, ServerSideEncryptionConfiguration={"Rules": [
        {"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "aws:kms", "KMSMasterKeyID": "testkey-1"}}]})
    first, second = probe_text(100_000), probe_text(70_000)
    position = append(obs, bucket, "secret.log", first, 0).body.nextPosition
    answer = append(obs, bucket, "secret.log", second, position)
    assert answer.status == 200, answer.errorMessage
    got = s3.get_object(Bucket=bucket, Key="secret.log")
    assert got["ServerSideEncryption"] == "aws:kms"
    assert got["Body"].read() == first + second
    ranged = s3.get_object(Bucket=bucket, Key="secret.log", Range=f"bytes={len(first) - 10}-{len(first) + 9}")
    assert ranged["Body"].read() == (first + second)[len(first) - 10:len(first) + 10]
    for plaintext in (first, second):
        assert PlaintextFinder(plaintext).files_containing(blob_root(server)) == []


def test_append_is_authorized_as_a_put(server, obs, bucket):
    name = unique_name("other")
    assert obs.createBucket(name).status == 200
    try:
        stranger = ObsClient(access_key_id="nobody", secret_access_key="nothing", server=f"http://localhost:{server.port}")
        refused = append(stranger, name, "k", b"x", 0)
        assert refused.status == 403
    finally:
        obs.deleteBucket(name)


@pytest.fixture
def file_system(obs, s3):
    """A parallel file system bucket, made by the SDK."""
    name = unique_name("pfs")
    created = obs.createBucket(name, header=CreateBucketHeader(isPFS=True))
    assert created.status == 200, created.errorMessage
    yield name
    for item in s3.list_objects_v2(Bucket=name).get("Contents", []):
        s3.delete_object(Bucket=name, Key=item["Key"])
    s3.delete_bucket(Bucket=name)


def test_rename_and_truncate_in_a_parallel_file_system(obs, s3, file_system, bucket):
    head = obs.headBucket(file_system)
    assert dict(head.header)["fs-file-interface"] == "Enabled"  # the SDK strips `x-obs-`
    assert "fs-file-interface" not in dict(obs.headBucket(bucket).header)
    posix = [b.name for b in obs.listBuckets(bucketType="POSIX").body.buckets]
    objects = [b.name for b in obs.listBuckets(bucketType="OBJECT").body.buckets]
    assert file_system in posix and file_system not in objects and bucket in objects and bucket not in posix
    assert {b.name: b.bucket_type for b in obs.listBuckets().body.buckets}[file_system] == "POSIX"
    assert obs.putContent(file_system, "dir/a.txt", "0123456789").status == 200
    assert obs.putContent(file_system, "dir/b.txt", "old b").status == 200

    renamed = obs.renameFile(file_system, "dir/a.txt", "dir/b.txt")
    assert renamed.status == 204, renamed.errorMessage
    assert s3.get_object(Bucket=file_system, Key="dir/b.txt")["Body"].read() == b"0123456789"
    assert [o["Key"] for o in s3.list_objects_v2(Bucket=file_system)["Contents"]] == ["dir/b.txt"]
    missing = obs.renameFile(file_system, "dir/a.txt", "dir/c.txt")
    assert (missing.status, missing.errorCode) == (404, "NoSuchKey")

    # A folder (a key ending in `/`) moves with everything under it.
    assert obs.putContent(file_system, "dir/sub/c.txt", "c").status == 200
    assert obs.renameFile(file_system, "dir/sub/", "moved").status == 204
    assert sorted(o["Key"] for o in s3.list_objects_v2(Bucket=file_system)["Contents"]) == ["dir/b.txt", "moved/c.txt"]

    truncated = obs.truncateFile(file_system, "dir/b.txt", 4)
    assert truncated.status == 204, truncated.errorMessage
    assert s3.get_object(Bucket=file_system, Key="dir/b.txt")["Body"].read() == b"0123"
    assert obs.truncateFile(file_system, "dir/b.txt", 0).status == 204
    assert s3.get_object(Bucket=file_system, Key="dir/b.txt")["ContentLength"] == 0
    too_long = obs.truncateFile(file_system, "dir/b.txt", 10)
    assert (too_long.status, too_long.errorCode) == (400, "InvalidArgument")


def test_truncate_keeps_an_object_encrypted(server, obs, s3, file_system):
    s3.put_bucket_encryption(Bucket=file_system, ServerSideEncryptionConfiguration={"Rules": [
        {"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "aws:kms", "KMSMasterKeyID": "testkey-1"}}]})
    text = probe_text(200_000)
    s3.put_object(Bucket=file_system, Key="big.txt", Body=text)
    assert obs.truncateFile(file_system, "big.txt", 150_001).status == 204
    got = s3.get_object(Bucket=file_system, Key="big.txt")
    assert got["ServerSideEncryption"] == "aws:kms"
    assert got["Body"].read() == text[:150_001]
    assert PlaintextFinder(text).files_containing(blob_root(server)) == []


def test_object_buckets_neither_rename_nor_truncate(obs, s3, bucket):
    s3.put_object(Bucket=bucket, Key="k", Body=b"data")
    assert obs.renameFile(bucket, "k", "other").status == 405
    assert obs.truncateFile(bucket, "k", 1).status == 405
    assert s3.get_object(Bucket=bucket, Key="k")["Body"].read() == b"data"


def test_restore_of_a_cold_object_takes_its_time(private_server):  # noqa: F811
    obs = ObsClient(access_key_id=private_server.access_key, secret_access_key=private_server.secret_key,
                    server=f"http://localhost:{private_server.port}")
    s3 = s3_client(private_server)
    name = unique_name("cold")
    assert obs.createBucket(name).status == 200
    s3.put_object(Bucket=name, Key="warm.txt", Body=b"warm")
    put = obs.putContent(name, "cold.txt", "frozen", headers=PutObjectHeader(storageClass="COLD"))
    assert put.status == 200, put.errorMessage
    assert s3.head_object(Bucket=name, Key="cold.txt")["StorageClass"] == "GLACIER"
    with s3_error("InvalidObjectState", 403):
        s3.get_object(Bucket=name, Key="cold.txt")
    assert obs.getObject(name, "cold.txt", loadStreamInMemory=True).status == 403

    started = obs.restoreObject(name, "cold.txt", days=1, tier="Expedited")
    assert started.status == 202, started.errorMessage
    again = obs.restoreObject(name, "cold.txt", days=1, tier="Expedited")
    assert (again.status, again.errorCode) == (409, "RestoreAlreadyInProgress")
    assert s3.head_object(Bucket=name, Key="cold.txt")["Restore"] == 'ongoing-request="true"'
    with s3_error("InvalidObjectState", 403):
        s3.get_object(Bucket=name, Key="cold.txt")

    with s3_error("InvalidObjectState", 403):
        s3.copy_object(Bucket=name, Key="copy.txt", CopySource={"Bucket": name, "Key": "cold.txt"})

    run(private_server, advance_days=301 / DAY)  # Expedited: within 5 minutes
    assert s3.get_object(Bucket=name, Key="cold.txt")["Body"].read() == b"frozen"
    s3.copy_object(Bucket=name, Key="copy.txt", CopySource={"Bucket": name, "Key": "cold.txt"}, StorageClass="STANDARD")
    assert s3.get_object(Bucket=name, Key="copy.txt")["Body"].read() == b"frozen"
    assert s3.head_object(Bucket=name, Key="cold.txt")["Restore"].startswith('ongoing-request="false", expiry-date=')
    assert obs.restoreObject(name, "cold.txt", days=2).status == 200  # extends the restored copy
    shorter = obs.restoreObject(name, "cold.txt", days=1)
    assert (shorter.status, shorter.errorCode) == (409, "ObjectHasAlreadyRestored")
    too_long = obs.restoreObject(name, "cold.txt", days=31)
    assert (too_long.status, too_long.errorCode) == (400, "InvalidArgument")
    not_cold = obs.restoreObject(name, "warm.txt", days=1)
    assert (not_cold.status, not_cold.errorCode) == (403, "InvalidObjectState")

    run(private_server, advance_days=3)  # the restored copy is gone
    with s3_error("InvalidObjectState", 403):
        s3.get_object(Bucket=name, Key="cold.txt")
    # boto3 speaks S3's form of the request.
    assert s3.restore_object(Bucket=name, Key="cold.txt", RestoreRequest={
        "Days": 1, "GlacierJobParameters": {"Tier": "Standard"}})["ResponseMetadata"]["HTTPStatusCode"] == 202
