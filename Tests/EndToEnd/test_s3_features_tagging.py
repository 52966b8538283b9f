"""Object and bucket tagging (issue 13): `?tagging` on objects and buckets, `x-amz-tagging` on writes, the copy's
tagging directive, `x-amz-tagging-count`, S3's limits, access control, and the OBS dialect through esdk-obs-python."""
import json

import pytest
from obs import ObsClient, TagInfo

from helpers import s3_error
from test_access_control import allow, denied, policy, stranger, user_arn  # noqa: F401 (stranger is a fixture)

pytestmark = pytest.mark.obslab_only(reason="moto's tag limits and errors differ from S3's")


def tag_set(**tags):
    return [{"Key": k, "Value": v} for k, v in tags.items()]


def test_object_tags_round_trip(s3, bucket):
    s3.put_object(Bucket=bucket, Key="k", Body=b"x", Tagging="team=vision&note=a%20b&empty=")
    assert s3.get_object_tagging(Bucket=bucket, Key="k")["TagSet"] == tag_set(empty="", note="a b", team="vision")
    assert s3.get_object(Bucket=bucket, Key="k")["TagCount"] == 3
    head = s3.head_object(Bucket=bucket, Key="k")
    assert head["ResponseMetadata"]["HTTPHeaders"]["x-amz-tagging-count"] == "3"

    s3.put_object_tagging(Bucket=bucket, Key="k", Tagging={"TagSet": tag_set(stage="train")})
    assert s3.get_object_tagging(Bucket=bucket, Key="k")["TagSet"] == tag_set(stage="train")
    assert s3.get_object(Bucket=bucket, Key="k")["TagCount"] == 1
    assert s3.delete_object_tagging(Bucket=bucket, Key="k")["ResponseMetadata"]["HTTPStatusCode"] == 204
    # S3 answers an object without tags with an empty set, and no count.
    assert s3.get_object_tagging(Bucket=bucket, Key="k")["TagSet"] == []
    assert "TagCount" not in s3.get_object(Bucket=bucket, Key="k")
    with s3_error("NoSuchKey", 404):
        s3.get_object_tagging(Bucket=bucket, Key="missing")


def test_tags_of_versions_copies_and_multipart_uploads(s3, bucket):
    s3.put_bucket_versioning(Bucket=bucket, VersioningConfiguration={"Status": "Enabled"})
    first = s3.put_object(Bucket=bucket, Key="v", Body=b"1", Tagging="n=1")["VersionId"]
    s3.put_object(Bucket=bucket, Key="v", Body=b"2", Tagging="n=2")
    answer = s3.put_object_tagging(Bucket=bucket, Key="v", VersionId=first, Tagging={"TagSet": tag_set(n="one")})
    assert answer["VersionId"] == first
    assert s3.get_object_tagging(Bucket=bucket, Key="v", VersionId=first)["TagSet"] == tag_set(n="one")
    assert s3.get_object_tagging(Bucket=bucket, Key="v")["TagSet"] == tag_set(n="2")

    # COPY (the default) keeps the source's tags; REPLACE takes the request's, or none.
    s3.copy_object(Bucket=bucket, Key="copied", CopySource={"Bucket": bucket, "Key": "v", "VersionId": first})
    assert s3.get_object_tagging(Bucket=bucket, Key="copied")["TagSet"] == tag_set(n="one")
    s3.copy_object(Bucket=bucket, Key="replaced", CopySource={"Bucket": bucket, "Key": "v"}, TaggingDirective="REPLACE",
                   Tagging="fresh=yes")
    assert s3.get_object_tagging(Bucket=bucket, Key="replaced")["TagSet"] == tag_set(fresh="yes")
    s3.copy_object(Bucket=bucket, Key="bare", CopySource={"Bucket": bucket, "Key": "v"}, TaggingDirective="REPLACE")
    assert s3.get_object_tagging(Bucket=bucket, Key="bare")["TagSet"] == []

    upload = s3.create_multipart_upload(Bucket=bucket, Key="mp", Tagging="kind=multipart")["UploadId"]
    etag = s3.upload_part(Bucket=bucket, Key="mp", UploadId=upload, PartNumber=1, Body=b"data")["ETag"]
    s3.complete_multipart_upload(Bucket=bucket, Key="mp", UploadId=upload,
                                 MultipartUpload={"Parts": [{"PartNumber": 1, "ETag": etag}]})
    assert s3.get_object_tagging(Bucket=bucket, Key="mp")["TagSet"] == tag_set(kind="multipart")


@pytest.mark.parametrize("tags", [
    [{"Key": f"k{i}", "Value": "v"} for i in range(11)],
    [{"Key": "k" * 129, "Value": "v"}],
    [{"Key": "k", "Value": "v" * 257}],
    [{"Key": "same", "Value": "1"}, {"Key": "same", "Value": "2"}],
    [{"Key": "bad<char", "Value": "v"}],
])
def test_object_tag_limits_are_invalid_tag(s3, bucket, tags):
    s3.put_object(Bucket=bucket, Key="k", Body=b"x", Tagging="kept=yes")
    with s3_error("InvalidTag", 400):
        s3.put_object_tagging(Bucket=bucket, Key="k", Tagging={"TagSet": tags})
    # Nothing already stored is lost.
    assert s3.get_object_tagging(Bucket=bucket, Key="k")["TagSet"] == tag_set(kept="yes")


def test_a_bad_tagging_header_writes_nothing(s3, bucket):
    with s3_error("InvalidArgument", 400):
        s3.put_object(Bucket=bucket, Key="k", Body=b"x", Tagging="a=1&a=2")
    with s3_error("InvalidTag", 400):
        s3.put_object(Bucket=bucket, Key="k", Body=b"x", Tagging="&".join(f"k{i}=v" for i in range(11)))
    with s3_error("InvalidArgument", 400):
        s3.copy_object(Bucket=bucket, Key="c", CopySource={"Bucket": bucket, "Key": "k"}, TaggingDirective="MERGE")
    assert "Contents" not in s3.list_objects_v2(Bucket=bucket)


def test_bucket_tags(s3, bucket):
    with s3_error("NoSuchTagSet", 404):
        s3.get_bucket_tagging(Bucket=bucket)
    fifty = [{"Key": f"key-{i:02}", "Value": f"value {i}"} for i in range(50)]
    assert s3.put_bucket_tagging(Bucket=bucket, Tagging={"TagSet": fifty})["ResponseMetadata"]["HTTPStatusCode"] == 204
    assert s3.get_bucket_tagging(Bucket=bucket)["TagSet"] == fifty
    with s3_error("InvalidTag", 400):
        s3.put_bucket_tagging(Bucket=bucket, Tagging={"TagSet": fifty + [{"Key": "one-more", "Value": ""}]})
    with s3_error("InvalidTag", 400):
        s3.put_bucket_tagging(Bucket=bucket, Tagging={"TagSet": tag_set(**{"aws:reserved": "x"})})
    assert len(s3.get_bucket_tagging(Bucket=bucket)["TagSet"]) == 50
    assert s3.delete_bucket_tagging(Bucket=bucket)["ResponseMetadata"]["HTTPStatusCode"] == 204
    with s3_error("NoSuchTagSet", 404):
        s3.get_bucket_tagging(Bucket=bucket)
    with s3_error("NoSuchBucket", 404):
        s3.get_bucket_tagging(Bucket=bucket + "-missing")


def test_tagging_is_authorized(s3, stranger, bucket):  # noqa: F811
    s3.put_object(Bucket=bucket, Key="k", Body=b"x", Tagging="a=1")
    me = user_arn(stranger.name)
    s3.put_bucket_policy(Bucket=bucket, Policy=policy(
        allow(me, ["s3:GetObject", "s3:PutObject"], f"arn:aws:s3:::{bucket}/*", "ReadWrite")))
    assert stranger.s3.get_object(Bucket=bucket, Key="k")["Body"].read() == b"x"
    denied(stranger.s3.get_object_tagging, Bucket=bucket, Key="k")
    denied(stranger.s3.put_object_tagging, Bucket=bucket, Key="k", Tagging={"TagSet": tag_set(b="2")})
    denied(stranger.s3.delete_object_tagging, Bucket=bucket, Key="k")
    # Tags given with a write need s3:PutObjectTagging too.
    denied(stranger.s3.put_object, Bucket=bucket, Key="tagged", Body=b"y", Tagging="b=2")
    denied(stranger.s3.get_bucket_tagging, Bucket=bucket)

    s3.put_bucket_policy(Bucket=bucket, Policy=policy(
        allow(me, ["s3:PutObject", "s3:PutObjectTagging", "s3:GetObjectTagging"], f"arn:aws:s3:::{bucket}/*", "Tags")))
    stranger.s3.put_object(Bucket=bucket, Key="tagged", Body=b"y", Tagging="b=2")
    assert stranger.s3.get_object_tagging(Bucket=bucket, Key="tagged")["TagSet"] == tag_set(b="2")
    assert s3.get_object_tagging(Bucket=bucket, Key="k")["TagSet"] == tag_set(a="1")


def test_awscli_tagging(aws, s3, bucket, tmp_path):
    s3.put_object(Bucket=bucket, Key="doc.txt", Body=b"x")
    aws("s3api", "put-object-tagging", "--bucket", bucket, "--key", "doc.txt",
        "--tagging", json.dumps({"TagSet": tag_set(source="cli")}))
    got = json.loads(aws("s3api", "get-object-tagging", "--bucket", bucket, "--key", "doc.txt").stdout)
    assert got["TagSet"] == tag_set(source="cli")
    aws("s3api", "put-bucket-tagging", "--bucket", bucket, "--tagging", json.dumps({"TagSet": tag_set(project="p1")}))
    assert json.loads(aws("s3api", "get-bucket-tagging", "--bucket", bucket).stdout)["TagSet"] == tag_set(project="p1")
    missing = aws("s3api", "get-object-tagging", "--bucket", bucket, "--key", "nope", check=False)
    assert missing.returncode != 0 and "NoSuchKey" in missing.stderr


def test_obs_sdk_tagging(server, s3, bucket):
    client = ObsClient(access_key_id=server.access_key, secret_access_key=server.secret_key,
                       server=f"http://localhost:{server.port}")
    try:
        assert client.putContent(bucket, "doc.txt", "data", headers=None).status == 200
        # OBS answers an object without tags NoSuchTagSet, where S3 answers an empty set.
        missing = client.getObjectTagging(bucket, "doc.txt")
        assert (missing.status, missing.errorCode) == (404, "NoSuchTagSet")
        assert s3.get_object_tagging(Bucket=bucket, Key="doc.txt")["TagSet"] == []

        assert client.setObjectTagging(bucket, "doc.txt", {"team": "vision", "stage": "raw"}).status == 200
        got = client.getObjectTagging(bucket, "doc.txt")
        assert got.status == 200
        assert {t.key: t.value for t in got.body.tags} == {"team": "vision", "stage": "raw"}
        head = client.getObjectMetadata(bucket, "doc.txt")
        assert dict(head.header).get("tagging-count") == "2" or dict(head.header).get("x-obs-tagging-count") == "2"
        # OBS's own limits: keys of at most 36 characters, none of `,/|<>=*\`.
        assert client.setObjectTagging(bucket, "doc.txt", {"k" * 37: "v"}).errorCode == "InvalidTag"
        assert client.setObjectTagging(bucket, "doc.txt", {"a/b": "v"}).errorCode == "InvalidTag"
        assert client.deleteObjectTagging(bucket, "doc.txt").status == 204

        assert client.setBucketTagging(bucket, TagInfo().addTag("project", "p1")).status == 204
        assert {t.key: t.value for t in client.getBucketTagging(bucket).body.tagSet} == {"project": "p1"}
        assert client.deleteBucketTagging(bucket).status == 204
        assert client.getBucketTagging(bucket).errorCode == "NoSuchTagSet"
    finally:
        client.close()
