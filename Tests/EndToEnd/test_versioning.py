"""Bucket versioning: configuration, version ids, delete markers, ListObjectVersions, restoring old versions."""
import pytest

from helpers import STRICT, header, s3_error


@pytest.fixture
def versioned(s3, bucket):
    s3.put_bucket_versioning(Bucket=bucket, VersioningConfiguration={"Status": "Enabled"})
    return bucket


def test_versioning_configuration(s3, bucket):
    assert "Status" not in s3.get_bucket_versioning(Bucket=bucket)
    s3.put_bucket_versioning(Bucket=bucket, VersioningConfiguration={"Status": "Enabled"})
    assert s3.get_bucket_versioning(Bucket=bucket)["Status"] == "Enabled"
    s3.put_bucket_versioning(Bucket=bucket, VersioningConfiguration={"Status": "Suspended"})
    assert s3.get_bucket_versioning(Bucket=bucket)["Status"] == "Suspended"


def test_unversioned_bucket_has_no_version_ids(s3, bucket):
    put = s3.put_object(Bucket=bucket, Key="k", Body=b"x")
    assert put.get("VersionId") in (None, "null")
    assert s3.get_object(Bucket=bucket, Key="k").get("VersionId") in (None, "null")


def test_version_ids(s3, versioned):
    v1 = s3.put_object(Bucket=versioned, Key="doc", Body=b"one", Metadata={"rev": "1"})["VersionId"]
    v2 = s3.put_object(Bucket=versioned, Key="doc", Body=b"two!", Metadata={"rev": "2"})["VersionId"]
    assert v1 and v2 and v1 != v2 and "null" not in (v1, v2)
    latest = s3.get_object(Bucket=versioned, Key="doc")
    assert latest["Body"].read() == b"two!" and latest["VersionId"] == v2
    old = s3.get_object(Bucket=versioned, Key="doc", VersionId=v1)
    assert old["Body"].read() == b"one" and old["VersionId"] == v1 and old["Metadata"] == {"rev": "1"}
    head = s3.head_object(Bucket=versioned, Key="doc", VersionId=v1)
    assert head["ContentLength"] == 3 and head["VersionId"] == v1
    assert s3.head_object(Bucket=versioned, Key="doc")["VersionId"] == v2
    # A version id in the server's own format that no longer exists.
    v3 = s3.put_object(Bucket=versioned, Key="doc", Body=b"three")["VersionId"]
    s3.delete_object(Bucket=versioned, Key="doc", VersionId=v3)
    with s3_error("NoSuchVersion", 404):
        s3.get_object(Bucket=versioned, Key="doc", VersionId=v3)
    assert s3.get_object(Bucket=versioned, Key="doc")["VersionId"] == v2


def test_delete_marker(s3, versioned):
    v1 = s3.put_object(Bucket=versioned, Key="gone", Body=b"data")["VersionId"]
    deleted = s3.delete_object(Bucket=versioned, Key="gone")
    assert deleted["DeleteMarker"] is True
    marker = deleted["VersionId"]
    assert marker and marker != v1
    with s3_error("NoSuchKey", 404) as holder:
        s3.get_object(Bucket=versioned, Key="gone")
    if STRICT:  # moto leaves out x-amz-delete-marker and x-amz-version-id on this 404
        assert header(holder["response"], "x-amz-delete-marker") == "true"
        assert holder["response"]["ResponseMetadata"]["HTTPHeaders"].get("x-amz-version-id") == marker
    with s3_error("404", 404):
        s3.head_object(Bucket=versioned, Key="gone")
    # The old version is still there, and the key is no longer listed.
    assert s3.get_object(Bucket=versioned, Key="gone", VersionId=v1)["Body"].read() == b"data"
    assert "Contents" not in s3.list_objects_v2(Bucket=versioned)
    # Removing the delete marker brings the object back.
    removed = s3.delete_object(Bucket=versioned, Key="gone", VersionId=marker)
    assert removed["VersionId"] == marker
    if STRICT:  # moto leaves out x-amz-delete-marker when a delete marker itself is deleted
        assert removed["DeleteMarker"] is True
    assert s3.get_object(Bucket=versioned, Key="gone")["Body"].read() == b"data"


@pytest.mark.obslab_only(reason="moto answers 404 instead of 405 for GET of a delete marker's version")
def test_get_delete_marker_version(s3, versioned):
    s3.put_object(Bucket=versioned, Key="m", Body=b"x")
    marker = s3.delete_object(Bucket=versioned, Key="m")["VersionId"]
    with s3_error("MethodNotAllowed", 405) as holder:
        s3.get_object(Bucket=versioned, Key="m", VersionId=marker)
    assert header(holder["response"], "x-amz-delete-marker") == "true"


def test_list_object_versions(s3, versioned):
    a1 = s3.put_object(Bucket=versioned, Key="a", Body=b"a1")["VersionId"]
    a2 = s3.put_object(Bucket=versioned, Key="a", Body=b"a22")["VersionId"]
    b1 = s3.put_object(Bucket=versioned, Key="b", Body=b"b1")["VersionId"]
    marker = s3.delete_object(Bucket=versioned, Key="b")["VersionId"]
    listed = s3.list_object_versions(Bucket=versioned)
    versions = [(v["Key"], v["VersionId"], v["IsLatest"], v["Size"]) for v in listed["Versions"]]
    assert versions == [("a", a2, True, 3), ("a", a1, False, 2), ("b", b1, False, 2)]
    assert [(m["Key"], m["VersionId"], m["IsLatest"]) for m in listed["DeleteMarkers"]] == [("b", marker, True)]
    assert all(v["ETag"].startswith('"') for v in listed["Versions"])
    only_a = s3.list_object_versions(Bucket=versioned, Prefix="a")
    assert [v["VersionId"] for v in only_a["Versions"]] == [a2, a1]
    assert "DeleteMarkers" not in only_a


def test_list_object_versions_pagination(s3, versioned):
    expected = []
    for key in ["k1", "k2", "k3"]:
        ids = [s3.put_object(Bucket=versioned, Key=key, Body=str(i).encode())["VersionId"] for i in range(3)]
        expected += [(key, v) for v in reversed(ids)]
    collected, args = [], {}
    for _ in range(20):
        page = s3.list_object_versions(Bucket=versioned, MaxKeys=2, **args)
        collected += [(v["Key"], v["VersionId"]) for v in page.get("Versions", [])]
        if not page["IsTruncated"]:
            break
        args = {"KeyMarker": page["NextKeyMarker"], "VersionIdMarker": page["NextVersionIdMarker"]}
    assert collected == expected


def test_delete_specific_version(s3, versioned):
    v1 = s3.put_object(Bucket=versioned, Key="k", Body=b"one")["VersionId"]
    v2 = s3.put_object(Bucket=versioned, Key="k", Body=b"two")["VersionId"]
    result = s3.delete_object(Bucket=versioned, Key="k", VersionId=v2)
    assert result["VersionId"] == v2 and not result.get("DeleteMarker")
    # The previous version becomes the latest; no delete marker was made.
    assert s3.get_object(Bucket=versioned, Key="k")["Body"].read() == b"one"
    listed = s3.list_object_versions(Bucket=versioned)
    assert [v["VersionId"] for v in listed["Versions"]] == [v1]
    assert "DeleteMarkers" not in listed
    s3.delete_object(Bucket=versioned, Key="k", VersionId=v1)
    assert "Versions" not in s3.list_object_versions(Bucket=versioned)


def test_restore_old_version_by_copy(s3, versioned):
    v1 = s3.put_object(Bucket=versioned, Key="doc", Body=b"good version", Metadata={"state": "good"})["VersionId"]
    s3.put_object(Bucket=versioned, Key="doc", Body=b"broken", Metadata={"state": "bad"})
    s3.delete_object(Bucket=versioned, Key="doc")
    copied = s3.copy_object(Bucket=versioned, Key="doc", CopySource={"Bucket": versioned, "Key": "doc", "VersionId": v1})
    assert copied["CopySourceVersionId"] == v1
    restored = copied["VersionId"]
    got = s3.get_object(Bucket=versioned, Key="doc")
    assert got["Body"].read() == b"good version"
    assert got["Metadata"] == {"state": "good"}
    assert got["VersionId"] == restored != v1
    assert len(s3.list_object_versions(Bucket=versioned)["Versions"]) == 3


def test_delete_objects_with_versions(s3, versioned):
    v1 = s3.put_object(Bucket=versioned, Key="x", Body=b"1")["VersionId"]
    s3.put_object(Bucket=versioned, Key="y", Body=b"2")
    result = s3.delete_objects(Bucket=versioned, Delete={"Objects": [{"Key": "x", "VersionId": v1}, {"Key": "y"}]})
    deleted = {d["Key"]: d for d in result["Deleted"]}
    assert deleted["x"]["VersionId"] == v1
    assert deleted["y"]["DeleteMarker"] is True and deleted["y"]["DeleteMarkerVersionId"]
    listed = s3.list_object_versions(Bucket=versioned)
    assert [v["Key"] for v in listed["Versions"]] == ["y"]
    assert [m["Key"] for m in listed["DeleteMarkers"]] == ["y"]


def test_suspended_versioning_uses_null_version(s3, versioned):
    v1 = s3.put_object(Bucket=versioned, Key="s", Body=b"versioned")["VersionId"]
    s3.put_bucket_versioning(Bucket=versioned, VersioningConfiguration={"Status": "Suspended"})
    put = s3.put_object(Bucket=versioned, Key="s", Body=b"null one")
    assert put.get("VersionId") in (None, "null")
    s3.put_object(Bucket=versioned, Key="s", Body=b"null two")  # replaces the null version
    assert s3.get_object(Bucket=versioned, Key="s", VersionId="null")["Body"].read() == b"null two"
    assert s3.get_object(Bucket=versioned, Key="s")["Body"].read() == b"null two"
    if STRICT:  # moto drops the versions made while versioning was enabled
        versions = s3.list_object_versions(Bucket=versioned)["Versions"]
        assert [(v["VersionId"], v["IsLatest"]) for v in versions] == [("null", True), (v1, False)]
        assert s3.get_object(Bucket=versioned, Key="s", VersionId=v1)["Body"].read() == b"versioned"


def test_delete_versioned_bucket_needs_all_versions_gone(s3, versioned):
    v1 = s3.put_object(Bucket=versioned, Key="k", Body=b"x")["VersionId"]
    marker = s3.delete_object(Bucket=versioned, Key="k")["VersionId"]
    with s3_error("BucketNotEmpty", 409):
        s3.delete_bucket(Bucket=versioned)
    s3.delete_object(Bucket=versioned, Key="k", VersionId=v1)
    s3.delete_object(Bucket=versioned, Key="k", VersionId=marker)
    s3.delete_bucket(Bucket=versioned)
    with s3_error("404", 404):
        s3.head_bucket(Bucket=versioned)
