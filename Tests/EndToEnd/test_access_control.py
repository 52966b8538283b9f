"""Ownership and access control, driven with boto3, the aws CLI, esdk-obs-python and plain HTTP.

A bucket belongs to whoever created it; anyone else, a second user or an unsigned request, is refused with
AccessDenied until an ACL grant or a bucket policy allows exactly that; a policy's Deny beats every Allow. The
classic "deny unencrypted uploads" policy refuses a plain PUT and accepts an SSE-KMS one, as on S3.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import subprocess
import xml.etree.ElementTree as ET

import pytest
import requests
from botocore import UNSIGNED
from botocore.exceptions import ClientError
from obs import ACL, Grant, Grantee, ObsClient, PutObjectHeader

from helpers import empty_and_delete, s3_error, unique_name
from servers import AwsCli, obslab_binary, s3_client

pytestmark = pytest.mark.obslab_only(reason="moto does not enforce ACLs or bucket policies")

NO_RETRIES = {"retries": {"max_attempts": 1, "mode": "standard"}}
ALL_USERS = "http://acs.amazonaws.com/groups/global/AllUsers"


def canonical_id(name: str) -> str:
    """obslab's canonical user id of a principal: stable, computed from the name alone."""
    return hashlib.sha256(f"obslab-principal:{name}".encode()).hexdigest()


def user_arn(name: str) -> str:
    return f"arn:aws:iam::000000000000:user/{name}"


def cli(server, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    """The obslab CLI against the server, as its owner."""
    command = [str(obslab_binary()), *args, "--s3-endpoint", server.http,
               "--access-key", server.access_key, "--secret-key", server.secret_key]
    result = subprocess.run(command, capture_output=True, text=True, timeout=60)
    if check and result.returncode != 0:
        raise AssertionError(f"{' '.join(args)} exited {result.returncode}:\n{result.stdout}\n{result.stderr}")
    return result


@dataclasses.dataclass
class User:
    name: str
    access_key: str
    secret_key: str
    s3: object


@pytest.fixture(scope="module")
def stranger(server) -> User:
    """A second user (`obslab user create`): a principal of its own, owning nothing of the owner's."""
    name = unique_name("stranger")
    created = dict(line.split(": ", 1) for line in cli(server, "user", "create", name).stdout.splitlines())
    client = s3_client(server, access_key=created["access key"], secret_key=created["secret key"], **NO_RETRIES)
    return User(name, created["access key"], created["secret key"], client)


@pytest.fixture
def anonymous(server):
    """boto3 sending unsigned requests."""
    return server.client(signature_version=UNSIGNED, **NO_RETRIES)


def policy(*statements: dict) -> str:
    return json.dumps({"Version": "2012-10-17", "Statement": list(statements)})


def allow(principal: str, actions, resources, sid: str, **extra) -> dict:
    return {"Sid": sid, "Effect": "Allow", "Principal": {"AWS": principal}, "Action": actions, "Resource": resources, **extra}


def denied(call, *args, **kwargs) -> None:
    """The call fails with 403 AccessDenied (HEAD answers have no body, so no code)."""
    with pytest.raises(ClientError) as info:
        call(*args, **kwargs)
    error = info.value.response
    assert error["ResponseMetadata"]["HTTPStatusCode"] == 403, error
    assert error["Error"]["Code"] in ("AccessDenied", "403"), error["Error"]


# --- A second user on the owner's bucket -----------------------------------------------------------------------


def test_a_second_user_is_denied_everything_on_the_owners_bucket(s3, stranger, bucket):
    s3.put_object(Bucket=bucket, Key="doc.txt", Body=b"the owner's")
    s3.put_bucket_encryption(Bucket=bucket, ServerSideEncryptionConfiguration={
        "Rules": [{"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}}]})
    other = stranger.s3
    denied(other.get_object, Bucket=bucket, Key="doc.txt")
    denied(other.head_object, Bucket=bucket, Key="doc.txt")
    denied(other.put_object, Bucket=bucket, Key="doc.txt", Body=b"overwritten")
    denied(other.put_object, Bucket=bucket, Key="new.txt", Body=b"new")
    denied(other.delete_object, Bucket=bucket, Key="doc.txt")
    denied(other.list_objects_v2, Bucket=bucket)
    denied(other.list_objects, Bucket=bucket)
    denied(other.list_object_versions, Bucket=bucket)
    denied(other.head_bucket, Bucket=bucket)
    denied(other.copy_object, Bucket=bucket, Key="copy.txt", CopySource={"Bucket": bucket, "Key": "doc.txt"})
    denied(other.create_multipart_upload, Bucket=bucket, Key="multi")
    denied(other.get_bucket_encryption, Bucket=bucket)
    denied(other.delete_bucket_encryption, Bucket=bucket)
    denied(other.put_bucket_encryption, Bucket=bucket, ServerSideEncryptionConfiguration={
        "Rules": [{"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "aws:kms"}}]})
    denied(other.get_bucket_acl, Bucket=bucket)
    denied(other.put_bucket_acl, Bucket=bucket, ACL="public-read")
    denied(other.get_object_acl, Bucket=bucket, Key="doc.txt")
    denied(other.put_object_acl, Bucket=bucket, Key="doc.txt", ACL="public-read")
    denied(other.get_bucket_policy, Bucket=bucket)
    denied(other.put_bucket_policy, Bucket=bucket, Policy=policy(allow("*", "s3:*", f"arn:aws:s3:::{bucket}/*", "Open")))
    denied(other.delete_bucket_policy, Bucket=bucket)
    denied(other.get_bucket_versioning, Bucket=bucket)
    denied(other.put_bucket_versioning, Bucket=bucket, VersioningConfiguration={"Status": "Enabled"})
    denied(other.delete_bucket, Bucket=bucket)
    # DeleteObjects reports the refusal per key.
    result = other.delete_objects(Bucket=bucket, Delete={"Objects": [{"Key": "doc.txt"}]})
    assert [(e["Key"], e["Code"]) for e in result["Errors"]] == [("doc.txt", "AccessDenied")] and not result.get("Deleted")
    # Nothing changed, and the owner's bucket is not among the user's.
    assert s3.get_object(Bucket=bucket, Key="doc.txt")["Body"].read() == b"the owner's"
    assert [o["Key"] for o in s3.list_objects_v2(Bucket=bucket)["Contents"]] == ["doc.txt"]
    assert s3.get_bucket_encryption(Bucket=bucket)["ServerSideEncryptionConfiguration"]["Rules"][0][
        "ApplyServerSideEncryptionByDefault"]["SSEAlgorithm"] == "AES256"
    with s3_error("NoSuchBucketPolicy", 404):
        s3.get_bucket_policy(Bucket=bucket)
    assert bucket not in [b["Name"] for b in other.list_buckets()["Buckets"]]


def test_a_missing_key_is_a_404_only_to_who_may_list(s3, stranger, bucket):
    denied(stranger.s3.get_object, Bucket=bucket, Key="missing")
    s3.put_bucket_policy(Bucket=bucket, Policy=policy(
        allow(user_arn(stranger.name), "s3:ListBucket", f"arn:aws:s3:::{bucket}", "List")))
    with s3_error("NoSuchKey", 404):
        stranger.s3.get_object(Bucket=bucket, Key="missing")


def test_a_policy_allows_exactly_what_it_names(s3, stranger, bucket):
    s3.put_object(Bucket=bucket, Key="public/a.txt", Body=b"shared")
    s3.put_object(Bucket=bucket, Key="private/b.txt", Body=b"kept")
    s3.put_bucket_encryption(Bucket=bucket, ServerSideEncryptionConfiguration={
        "Rules": [{"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}}]})
    me = user_arn(stranger.name)
    statements = [allow(me, "s3:GetObject", f"arn:aws:s3:::{bucket}/public/*", "ReadPublic")]
    s3.put_bucket_policy(Bucket=bucket, Policy=policy(*statements))
    other = stranger.s3
    assert other.get_object(Bucket=bucket, Key="public/a.txt")["Body"].read() == b"shared"
    denied(other.get_object, Bucket=bucket, Key="private/b.txt")
    denied(other.put_object, Bucket=bucket, Key="public/c.txt", Body=b"x")
    denied(other.list_objects_v2, Bucket=bucket, Prefix="public/")
    denied(other.get_bucket_encryption, Bucket=bucket)
    denied(other.get_bucket_acl, Bucket=bucket)
    denied(other.get_bucket_policy, Bucket=bucket)

    # Listing, only under public/ (the s3:prefix condition people write), then ?encryption, ?acl and ?policy.
    statements += [
        allow(me, "s3:ListBucket", f"arn:aws:s3:::{bucket}", "ListPublic",
              Condition={"StringLike": {"s3:prefix": ["public/*"]}}),
        allow(me, ["s3:GetEncryptionConfiguration", "s3:GetBucketAcl", "s3:GetBucketPolicy"], f"arn:aws:s3:::{bucket}",
              "ReadSettings"),
    ]
    s3.put_bucket_policy(Bucket=bucket, Policy=policy(*statements))
    assert [o["Key"] for o in other.list_objects_v2(Bucket=bucket, Prefix="public/")["Contents"]] == ["public/a.txt"]
    denied(other.list_objects_v2, Bucket=bucket)
    denied(other.list_objects_v2, Bucket=bucket, Prefix="private/")
    assert other.get_bucket_encryption(Bucket=bucket)["ServerSideEncryptionConfiguration"]["Rules"]
    assert other.get_bucket_acl(Bucket=bucket)["Owner"]["ID"] == canonical_id("owner")
    assert json.loads(other.get_bucket_policy(Bucket=bucket)["Policy"])["Statement"][0]["Sid"] == "ReadPublic"
    denied(other.put_bucket_encryption, Bucket=bucket, ServerSideEncryptionConfiguration={
        "Rules": [{"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "aws:kms"}}]})
    denied(other.delete_bucket_policy, Bucket=bucket)
    denied(other.put_bucket_acl, Bucket=bucket, ACL="public-read-write")

    # Writes and deletes under public/ only.
    statements.append(allow(me, ["s3:PutObject", "s3:DeleteObject"], f"arn:aws:s3:::{bucket}/public/*", "WritePublic"))
    s3.put_bucket_policy(Bucket=bucket, Policy=policy(*statements))
    other.put_object(Bucket=bucket, Key="public/c.txt", Body=b"by the stranger")
    other.delete_object(Bucket=bucket, Key="public/a.txt")
    denied(other.put_object, Bucket=bucket, Key="private/c.txt", Body=b"x")
    denied(other.delete_object, Bucket=bucket, Key="private/b.txt")
    assert sorted(o["Key"] for o in s3.list_objects_v2(Bucket=bucket)["Contents"]) == ["private/b.txt", "public/c.txt"]


def test_acl_grants_allow_exactly_their_permission(s3, stranger, bucket):
    s3.put_object(Bucket=bucket, Key="doc.txt", Body=b"data")
    grantee = f'id="{canonical_id(stranger.name)}"'
    other = stranger.s3
    s3.put_bucket_acl(Bucket=bucket, GrantRead=grantee, GrantFullControl=f'id="{canonical_id("owner")}"')
    acl = s3.get_bucket_acl(Bucket=bucket)
    assert {(g["Grantee"].get("DisplayName"), g["Permission"]) for g in acl["Grants"]} == {
        ("owner", "FULL_CONTROL"), (stranger.name, "READ")}
    assert [o["Key"] for o in other.list_objects_v2(Bucket=bucket)["Contents"]] == ["doc.txt"]
    # READ on the bucket lists; reading the object needs the object's own grant.
    denied(other.get_object, Bucket=bucket, Key="doc.txt")
    denied(other.put_object, Bucket=bucket, Key="mine.txt", Body=b"x")
    denied(other.get_bucket_acl, Bucket=bucket)
    s3.put_object_acl(Bucket=bucket, Key="doc.txt", GrantRead=grantee)
    assert other.get_object(Bucket=bucket, Key="doc.txt")["Body"].read() == b"data"
    denied(other.get_object_acl, Bucket=bucket, Key="doc.txt")
    s3.put_object_acl(Bucket=bucket, Key="doc.txt", GrantRead=grantee, GrantReadACP=grantee)
    assert other.get_object_acl(Bucket=bucket, Key="doc.txt")["Owner"]["DisplayName"] == "owner"

    # WRITE on the bucket lets the stranger add objects, which are the stranger's: the bucket's owner needs a grant
    # to read them (as on S3), but may delete them.
    s3.put_bucket_acl(Bucket=bucket, GrantRead=grantee, GrantWrite=grantee, GrantFullControl=f'id="{canonical_id("owner")}"')
    other.put_object(Bucket=bucket, Key="theirs.txt", Body=b"theirs")
    other.put_object(Bucket=bucket, Key="shared.txt", Body=b"shared", ACL="bucket-owner-full-control")
    listed = s3.list_objects(Bucket=bucket)["Contents"]
    assert {o["Key"]: o["Owner"]["DisplayName"] for o in listed} == {
        "doc.txt": "owner", "theirs.txt": stranger.name, "shared.txt": stranger.name}
    denied(s3.get_object, Bucket=bucket, Key="theirs.txt")
    assert s3.get_object(Bucket=bucket, Key="shared.txt")["Body"].read() == b"shared"
    assert other.get_object(Bucket=bucket, Key="theirs.txt")["Body"].read() == b"theirs"
    s3.delete_object(Bucket=bucket, Key="theirs.txt")


def test_canned_acls_and_grant_headers_are_validated(s3, stranger, bucket):
    with s3_error("InvalidArgument", 400):
        s3.put_bucket_acl(Bucket=bucket, GrantRead='id="0000000000000000000000000000000000000000000000000000000000000000"')
    with s3_error("UnresolvableGrantByEmailAddress", 400):
        s3.put_bucket_acl(Bucket=bucket, GrantRead='emailAddress="nobody@example.com"')
    with s3_error("InvalidRequest", 400):
        s3.put_bucket_acl(Bucket=bucket, ACL="public-read", GrantRead=f'id="{canonical_id(stranger.name)}"')
    with s3_error("InvalidArgument", 400):
        s3.put_object(Bucket=bucket, Key="k", Body=b"x", ACL="public-read-delivered")
    with s3_error("MalformedACLError", 400):
        s3.put_bucket_acl(Bucket=bucket, AccessControlPolicy={
            "Owner": {"ID": canonical_id("owner")},
            "Grants": [{"Grantee": {"Type": "Group", "URI": ALL_USERS}, "Permission": "EVERYTHING"}]})
    # An XML body with typed grantees, as boto3 sends it.
    s3.put_bucket_acl(Bucket=bucket, AccessControlPolicy={
        "Owner": {"ID": canonical_id("owner")},
        "Grants": [{"Grantee": {"Type": "CanonicalUser", "ID": canonical_id("owner")}, "Permission": "FULL_CONTROL"},
                   {"Grantee": {"Type": "Group", "URI": ALL_USERS}, "Permission": "READ"}]})
    grants = s3.get_bucket_acl(Bucket=bucket)["Grants"]
    assert {(g["Grantee"]["Type"], g["Grantee"].get("URI") or g["Grantee"]["ID"], g["Permission"]) for g in grants} == {
        ("CanonicalUser", canonical_id("owner"), "FULL_CONTROL"), ("Group", ALL_USERS, "READ")}


# --- Anonymous requests ----------------------------------------------------------------------------------------


def test_public_read_works_anonymously(server, s3, anonymous, http):
    bucket = unique_name("public")
    s3.create_bucket(Bucket=bucket, ACL="public-read")
    try:
        s3.put_object(Bucket=bucket, Key="open.txt", Body=b"for everyone", ACL="public-read")
        s3.put_object(Bucket=bucket, Key="closed.txt", Body=b"private")
        # boto3 without signing, and a plain GET.
        assert sorted(o["Key"] for o in anonymous.list_objects_v2(Bucket=bucket)["Contents"]) == ["closed.txt", "open.txt"]
        assert anonymous.get_object(Bucket=bucket, Key="open.txt")["Body"].read() == b"for everyone"
        plain = http.get(f"{server.http}/{bucket}/open.txt")
        assert plain.status_code == 200 and plain.content == b"for everyone"
        # The bucket's READ lists; each object needs its own public-read.
        refused = http.get(f"{server.http}/{bucket}/closed.txt")
        assert refused.status_code == 403 and ET.fromstring(refused.content).findtext("Code") == "AccessDenied"
        denied(anonymous.get_object, Bucket=bucket, Key="closed.txt")
        denied(anonymous.put_object, Bucket=bucket, Key="graffiti.txt", Body=b"x")
        denied(anonymous.delete_object, Bucket=bucket, Key="open.txt")
        denied(anonymous.get_bucket_acl, Bucket=bucket)
        denied(anonymous.list_buckets)
        denied(anonymous.create_bucket, Bucket=unique_name("anon"))
        grants = s3.get_object_acl(Bucket=bucket, Key="open.txt")["Grants"]
        assert {(g["Grantee"].get("URI"), g["Permission"]) for g in grants} == {(None, "FULL_CONTROL"), (ALL_USERS, "READ")}
    finally:
        empty_and_delete(s3, bucket)


def test_a_public_read_policy_works_anonymously_and_reports_public(server, s3, anonymous, http, bucket):
    s3.put_object(Bucket=bucket, Key="site/index.html", Body=b"<h1>hi</h1>")
    with s3_error("NoSuchBucketPolicy", 404):
        s3.get_bucket_policy_status(Bucket=bucket)
    assert http.get(f"{server.http}/{bucket}/site/index.html").status_code == 403
    s3.put_bucket_policy(Bucket=bucket, Policy=policy(
        {"Sid": "PublicSite", "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject",
         "Resource": f"arn:aws:s3:::{bucket}/site/*"}))
    assert http.get(f"{server.http}/{bucket}/site/index.html").content == b"<h1>hi</h1>"
    assert anonymous.get_object(Bucket=bucket, Key="site/index.html")["Body"].read() == b"<h1>hi</h1>"
    denied(anonymous.list_objects_v2, Bucket=bucket)
    assert s3.get_bucket_policy_status(Bucket=bucket)["PolicyStatus"]["IsPublic"] is True
    s3.put_bucket_policy(Bucket=bucket, Policy=policy(
        {"Sid": "Office", "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject",
         "Resource": f"arn:aws:s3:::{bucket}/site/*", "Condition": {"IpAddress": {"aws:SourceIp": "127.0.0.0/8"}}}))
    assert s3.get_bucket_policy_status(Bucket=bucket)["PolicyStatus"]["IsPublic"] is False
    # The test client connects from 127.0.0.1: the address block lets it in, another one would not.
    assert http.get(f"{server.http}/{bucket}/site/index.html").status_code == 200
    s3.put_bucket_policy(Bucket=bucket, Policy=policy(
        {"Sid": "Elsewhere", "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject",
         "Resource": f"arn:aws:s3:::{bucket}/site/*", "Condition": {"IpAddress": {"aws:SourceIp": "10.0.0.0/8"}}}))
    assert http.get(f"{server.http}/{bucket}/site/index.html").status_code == 403
    s3.delete_bucket_policy(Bucket=bucket)
    with s3_error("NoSuchBucketPolicy", 404):
        s3.get_bucket_policy(Bucket=bucket)


# --- Deny wins --------------------------------------------------------------------------------------------------


def test_a_deny_statement_beats_an_allow(s3, stranger, anonymous, bucket):
    s3.put_object(Bucket=bucket, Key="keep.txt", Body=b"keep", ACL="public-read")
    s3.put_object(Bucket=bucket, Key="secret/plan.txt", Body=b"plan", ACL="public-read")
    me = user_arn(stranger.name)
    s3.put_bucket_policy(Bucket=bucket, Policy=policy(
        allow(me, "s3:*", [f"arn:aws:s3:::{bucket}", f"arn:aws:s3:::{bucket}/*"], "StrangerMayDoAll"),
        {"Sid": "NoDeletes", "Effect": "Deny", "Principal": {"AWS": me}, "Action": "s3:DeleteObject",
         "Resource": f"arn:aws:s3:::{bucket}/*"},
        {"Sid": "NoSecrets", "Effect": "Deny", "Principal": "*", "Action": "s3:GetObject",
         "Resource": f"arn:aws:s3:::{bucket}/secret/*"},
    ))
    other = stranger.s3
    assert other.get_object(Bucket=bucket, Key="keep.txt")["Body"].read() == b"keep"
    other.put_object(Bucket=bucket, Key="added.txt", Body=b"added")
    denied(other.delete_object, Bucket=bucket, Key="keep.txt")
    denied(other.delete_object, Bucket=bucket, Key="added.txt")
    # The Deny beats the public-read ACL and the owner's own rights.
    denied(anonymous.get_object, Bucket=bucket, Key="secret/plan.txt")
    denied(other.get_object, Bucket=bucket, Key="secret/plan.txt")
    denied(s3.get_object, Bucket=bucket, Key="secret/plan.txt")
    assert anonymous.get_object(Bucket=bucket, Key="keep.txt")["Body"].read() == b"keep"
    # The owner may still manage the policy, as an account root can.
    s3.delete_bucket_policy(Bucket=bucket)
    assert s3.get_object(Bucket=bucket, Key="secret/plan.txt")["Body"].read() == b"plan"


def test_the_deny_unencrypted_uploads_policy(server, s3, aws, bucket, tmp_path):
    s3.put_bucket_policy(Bucket=bucket, Policy=policy(
        {"Sid": "DenyIncorrectEncryptionHeader", "Effect": "Deny", "Principal": "*", "Action": "s3:PutObject",
         "Resource": f"arn:aws:s3:::{bucket}/*",
         "Condition": {"StringNotEquals": {"s3:x-amz-server-side-encryption": "aws:kms"}}},
        {"Sid": "DenyUnEncryptedObjectUploads", "Effect": "Deny", "Principal": "*", "Action": "s3:PutObject",
         "Resource": f"arn:aws:s3:::{bucket}/*", "Condition": {"Null": {"s3:x-amz-server-side-encryption": "true"}}},
    ))
    denied(s3.put_object, Bucket=bucket, Key="plain.txt", Body=b"plain")
    denied(s3.put_object, Bucket=bucket, Key="sse-s3.txt", Body=b"x", ServerSideEncryption="AES256")
    put = s3.put_object(Bucket=bucket, Key="kms.txt", Body=b"encrypted", ServerSideEncryption="aws:kms",
                        SSEKMSKeyId="testkey-1")
    assert put["ServerSideEncryption"] == "aws:kms"
    # Multipart: the upload's encryption, chosen when it starts, stands for its parts.
    upload = s3.create_multipart_upload(Bucket=bucket, Key="big", ServerSideEncryption="aws:kms", SSEKMSKeyId="testkey-1")
    part = s3.upload_part(Bucket=bucket, Key="big", UploadId=upload["UploadId"], PartNumber=1, Body=b"part")
    s3.complete_multipart_upload(Bucket=bucket, Key="big", UploadId=upload["UploadId"],
                                 MultipartUpload={"Parts": [{"PartNumber": 1, "ETag": part["ETag"]}]})
    denied(s3.create_multipart_upload, Bucket=bucket, Key="plain-big")
    # The same with the aws CLI.
    source = tmp_path / "f.txt"
    source.write_bytes(b"from the cli")
    refused = aws("s3", "cp", str(source), f"s3://{bucket}/cli-plain.txt", check=False)
    assert refused.returncode != 0 and "AccessDenied" in refused.stderr, refused.stderr
    aws("s3", "cp", str(source), f"s3://{bucket}/cli-kms.txt", "--sse", "aws:kms", "--sse-kms-key-id", "testkey-1")
    assert sorted(o["Key"] for o in s3.list_objects_v2(Bucket=bucket)["Contents"]) == ["big", "cli-kms.txt", "kms.txt"]


@pytest.mark.parametrize("document, message", [
    ("not json", "Policies must be valid JSON and the first byte must be '{'"),
    ('{"Version": "2012-10-17"}', "Missing required field Statement"),
    ('{"Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::BUCKET/*"}]}',
     "Missing required field Principal"),
    ('{"Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::000000000000:user/nobody-here"}, '
     '"Action": "s3:GetObject", "Resource": "arn:aws:s3:::BUCKET/*"}]}', "Invalid principal in policy"),
    ('{"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObjekt", "Resource": "arn:aws:s3:::BUCKET/*"}]}',
     "Policy has invalid action"),
    ('{"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::other/*"}]}',
     "Policy has invalid resource"),
    ('{"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::BUCKET"}]}',
     "Action does not apply to any resource(s) in statement"),
])
def test_malformed_policies_are_refused_with_s3s_message(s3, bucket, document, message):
    with s3_error("MalformedPolicy", 400) as holder:
        s3.put_bucket_policy(Bucket=bucket, Policy=document.replace("BUCKET", bucket))
    assert holder["response"]["Error"]["Message"] == message
    with s3_error("NoSuchBucketPolicy", 404):
        s3.get_bucket_policy(Bucket=bucket)


# --- Ownership ---------------------------------------------------------------------------------------------------


def test_buckets_belong_to_their_creator(server, s3, stranger):
    demo = s3.list_buckets()
    assert demo["Owner"] == {"ID": canonical_id("owner"), "DisplayName": "owner"}
    assert "demo" in [b["Name"] for b in demo["Buckets"]]  # the adopted demo folder is the owner's
    mine = unique_name("mine")
    stranger.s3.create_bucket(Bucket=mine)
    try:
        listed = stranger.s3.list_buckets()
        assert [b["Name"] for b in listed["Buckets"]] == [mine]
        assert listed["Owner"] == {"ID": canonical_id(stranger.name), "DisplayName": stranger.name}
        assert mine not in [b["Name"] for b in s3.list_buckets()["Buckets"]]
        stranger.s3.put_object(Bucket=mine, Key="x", Body=b"x")
        owner_of_x = stranger.s3.list_objects_v2(Bucket=mine, FetchOwner=True)["Contents"][0]["Owner"]
        assert owner_of_x == {"ID": canonical_id(stranger.name), "DisplayName": stranger.name}
        # The server's owner is just another principal here.
        denied(s3.list_objects_v2, Bucket=mine)
        denied(s3.delete_bucket, Bucket=mine)
        with s3_error("BucketAlreadyExists", 409):
            s3.create_bucket(Bucket=mine)
        # us-east-1's legacy rule: the owner's repeated CreateBucket answers 200 (test_buckets checks the bucket is kept).
        assert stranger.s3.create_bucket(Bucket=mine)["ResponseMetadata"]["HTTPStatusCode"] == 200
        with s3_error("BucketAlreadyExists", 409):
            stranger.s3.create_bucket(Bucket="demo")
    finally:
        empty_and_delete(stranger.s3, mine)


def test_awscli_acl_policy_and_a_denied_user(server, aws, s3, stranger, bucket, tmp_path):
    s3.put_object(Bucket=bucket, Key="a.txt", Body=b"a")
    document = tmp_path / "policy.json"
    document.write_text(policy(allow(user_arn(stranger.name), "s3:ListBucket", f"arn:aws:s3:::{bucket}", "List")))
    as_stranger = AwsCli(dataclasses.replace(server, access_key=stranger.access_key, secret_key=stranger.secret_key),
                         tmp_path)
    refused = as_stranger("s3", "ls", f"s3://{bucket}", check=False)
    assert refused.returncode != 0 and "AccessDenied" in refused.stderr
    aws("s3api", "put-bucket-policy", "--bucket", bucket, "--policy", f"file://{document}")
    assert "a.txt" in as_stranger("s3", "ls", f"s3://{bucket}").stdout
    refused = as_stranger("s3", "cp", f"s3://{bucket}/a.txt", str(tmp_path / "a.txt"), check=False)
    assert refused.returncode != 0 and "403" in refused.stderr
    status = json.loads(aws("s3api", "get-bucket-policy-status", "--bucket", bucket).stdout)
    assert status["PolicyStatus"]["IsPublic"] is False
    aws("s3api", "put-object-acl", "--bucket", bucket, "--key", "a.txt", "--acl", "public-read")
    grants = json.loads(aws("s3api", "get-object-acl", "--bucket", bucket, "--key", "a.txt").stdout)["Grants"]
    assert {"Grantee": {"Type": "Group", "URI": ALL_USERS}, "Permission": "READ"} in grants
    as_stranger("s3", "cp", f"s3://{bucket}/a.txt", str(tmp_path / "a.txt"))
    assert (tmp_path / "a.txt").read_bytes() == b"a"


# --- The obslab CLI ---------------------------------------------------------------------------------------------


def test_cli_explains_why(server, s3, stranger, bucket, tmp_path):
    s3.put_object(Bucket=bucket, Key="public/a.txt", Body=b"a")
    document = tmp_path / "policy.json"
    document.write_text(policy(
        allow(user_arn(stranger.name), "s3:GetObject", f"arn:aws:s3:::{bucket}/public/*", "ReadPublic"),
        {"Sid": "NoDeletes", "Effect": "Deny", "Principal": "*", "Action": "s3:DeleteObject",
         "Resource": f"arn:aws:s3:::{bucket}/*"}))
    assert "policy of" in cli(server, "policy", "set", bucket, str(document)).stdout
    assert json.loads(cli(server, "policy", "show", bucket).stdout)["Statement"][0]["Sid"] == "ReadPublic"
    explained = cli(server, "policy", bucket, "public/a.txt", "--principal", stranger.name).stdout
    lines = {line.split()[0]: line for line in explained.splitlines() if line.startswith("  s3:")}
    assert 'allowed by statement "ReadPublic" of the bucket policy' in lines["s3:GetObject"]
    assert "denied: no grant" in lines["s3:PutObject"]
    assert 'denied by statement "NoDeletes" of the bucket policy' in lines["s3:DeleteObject"]
    assert "owner owner" in explained
    # --action: the exit status says whether it is allowed.
    assert cli(server, "policy", bucket, "public/a.txt", "--principal", stranger.name, "--action", "s3:GetObject").returncode == 0
    assert cli(server, "policy", bucket, "private/b.txt", "--principal", stranger.name, "--action", "s3:GetObject",
               check=False).returncode == 1
    bad = cli(server, "policy", bucket, "--principal", "nobody-at-all", check=False)
    assert bad.returncode != 0 and "NoSuchPrincipal" in bad.stderr
    assert cli(server, "policy", "status", bucket).stdout.strip() == f"{bucket}: not public"
    cli(server, "acl", "set", bucket, "--canned", "public-read")
    shown = cli(server, "acl", bucket, "--principal", "anonymous").stdout
    assert "READ to AllUsers" in shown
    assert "allowed by ACL grant READ to AllUsers on the bucket" in [l for l in shown.splitlines() if "s3:ListBucket " in l][0]
    cli(server, "acl", "set", bucket, "public/a.txt", "--grant", f"read={stranger.name}", "--grant", "full-control=owner")
    assert "READ to " + stranger.name in cli(server, "acl", bucket, "public/a.txt").stdout
    cli(server, "policy", "delete", bucket)
    assert stranger.s3.get_object(Bucket=bucket, Key="public/a.txt")["Body"].read() == b"a"


def test_cli_agency_show_set_clear(server, s3, bucket):
    try:
        shown = cli(server, "agency", "show").stdout
        assert "agency of modelarts-service (default):" in shown and "*/*  read-write" in shown
        explained = cli(server, "policy", bucket, "k", "--principal", "modelarts-service", "--action", "s3:GetObject").stdout
        assert "allowed by the agency rule */* (read-write)" in explained
        narrowed = cli(server, "agency", "set", f"{bucket}/train/:read").stdout
        assert f"{bucket}/train/*  read" in narrowed and "(default)" not in narrowed
        assert cli(server, "policy", bucket, "train/a.jpg", "--principal", "modelarts-service", "--action", "s3:GetObject",
                   check=False).returncode == 0
        denied_write = cli(server, "policy", bucket, "train/a.jpg", "--principal", "modelarts-service", "--action",
                           "s3:PutObject", check=False)
        assert denied_write.returncode == 1 and "does not cover it" in denied_write.stdout
        assert "none: the service may do nothing" in cli(server, "agency", "clear").stdout
        refused = cli(server, "agency", "set", "no-such-bucket-here", check=False)
        assert refused.returncode != 0 and "NoSuchBucket" in refused.stderr
    finally:
        cli(server, "agency", "set", "*")
    assert "*/*  read-write" in cli(server, "agency", "show").stdout


# --- The OBS dialect ---------------------------------------------------------------------------------------------


def obs_client(server, access_key: str, secret_key: str) -> ObsClient:
    """esdk-obs-python in the OBS dialect (negotiated, virtual-hosted on localhost, as test_obs_sdk.py drives it)."""
    return ObsClient(access_key_id=access_key, secret_access_key=secret_key, server=f"http://localhost:{server.port}")


def test_obs_sdk_acl_policy_and_a_denied_user(server, s3, stranger, bucket):
    owner = obs_client(server, server.access_key, server.secret_key)
    other = obs_client(server, stranger.access_key, stranger.secret_key)
    try:
        assert owner.putContent(bucket, "doc.txt", "data").status == 200
        refused = other.getObject(bucket, "doc.txt", loadStreamInMemory=True)
        assert (refused.status, refused.errorCode) == (403, "AccessDenied")
        assert other.listObjects(bucket).status == 403
        assert other.getBucketAcl(bucket).status == 403
        assert other.getBucketPolicy(bucket).status == 403
        assert other.putContent(bucket, "x", "x").status == 403

        # OBS's policy form: principal ids `domain/…:user/…`, bare action names, bare resources.
        document = json.dumps({"Statement": [{
            "Sid": "obs-read", "Effect": "Allow",
            "Principal": {"ID": [f"domain/{canonical_id(stranger.name)}:user/{stranger.name}"]},
            "Action": ["GetObject", "ListBucket"], "Resource": [bucket, f"{bucket}/*"]}]})
        assert owner.setBucketPolicy(bucket, document).status == 204
        assert json.loads(owner.getBucketPolicy(bucket).body.policyJSON)["Statement"][0]["Sid"] == "obs-read"
        got = other.getObject(bucket, "doc.txt", loadStreamInMemory=True)
        assert got.status == 200 and got.body.buffer == b"data"
        assert [c.key for c in other.listObjects(bucket).body.contents] == ["doc.txt"]
        assert other.putContent(bucket, "x", "x").status == 403
        # The OBS form is the OBS dialect's: S3 refuses it.
        with s3_error("MalformedPolicy", 400):
            s3.put_bucket_policy(Bucket=bucket, Policy=document)
        assert owner.getBucketPolicyPublicStatus(bucket).body.status is False
        assert owner.deleteBucketPolicy(bucket).status == 204
        assert other.getObject(bucket, "doc.txt", loadStreamInMemory=True).status == 403

        # OBS ACLs: x-obs-acl on upload, and an ACL body with OBS's grantee forms.
        assert owner.putContent(bucket, "open.txt", "open", headers=PutObjectHeader(acl="public-read")).status == 200
        assert requests.get(f"{server.http}/{bucket}/open.txt").content == b"open"
        acl = ACL(owner=None, grants=[
            Grant(grantee=Grantee(grantee_id=canonical_id("owner")), permission="FULL_CONTROL"),
            Grant(grantee=Grantee(grantee_id=canonical_id(stranger.name)), permission="READ"),
            Grant(grantee=Grantee(group="Everyone"), permission="READ"),
        ])
        assert owner.setBucketAcl(bucket, acl).status == 200
        got_acl = owner.getBucketAcl(bucket).body
        assert got_acl.owner.owner_id == canonical_id("owner")
        assert {(g.grantee.grantee_id or g.grantee.group, g.permission) for g in got_acl.grants} == {
            (canonical_id("owner"), "FULL_CONTROL"), (canonical_id(stranger.name), "READ"), ("Everyone", "READ")}
        assert [c.key for c in other.listObjects(bucket).body.contents] == ["doc.txt", "open.txt"]
        assert owner.setBucketAcl(bucket, aclControl="private").status == 200
        assert other.listObjects(bucket).status == 403
        object_acl = owner.getObjectAcl(bucket, "open.txt").body
        assert ("Everyone", "READ") in {(g.grantee.group, g.permission) for g in object_acl.grants}
    finally:
        owner.close()
        other.close()
