"""Browser-based POST uploads (issue 13): a form signed with a policy (boto3's `generate_presigned_post`, esdk-obs-python's
`createPostSignature`), posted with `requests` as a browser would, the policy's conditions enforced."""
import os
import xml.etree.ElementTree as ET
from urllib.parse import parse_qs, urlparse

import pytest
import requests
from obs import ObsClient

from helpers import md5_hex
from servers import s3_client

pytestmark = pytest.mark.obslab_only(reason="moto does not enforce POST policy conditions")

S3_NS = "{http://s3.amazonaws.com/doc/2006-03-01/}"


@pytest.fixture(params=["default", "s3v4"])
def poster(request, server, s3):
    """boto3 signing its POST policies as it does by default (S3's V2 form, `AWSAccessKeyId` and `signature`), or SigV4
    (`x-amz-algorithm`, `x-amz-credential`, `x-amz-date`, `x-amz-signature`)."""
    return s3 if request.param == "default" else s3_client(server, signature_version="s3v4")


def forged(fields: dict) -> dict:
    name = "x-amz-signature" if "x-amz-signature" in fields else "signature"
    return {name: "A" + fields[name][1:]}


def post(presigned, data: bytes, filename="upload.bin", **extra_fields):
    fields = {**presigned["fields"], **extra_fields}
    return requests.post(presigned["url"], data=fields, files={"file": (filename, data)}, allow_redirects=False)


def error_of(response):
    root = ET.fromstring(response.content)
    return root.findtext("Code"), root.findtext("Message")


def test_presigned_post_uploads_and_answers_as_asked(s3, poster, bucket):
    data = os.urandom(300_000)
    form = poster.generate_presigned_post(bucket, "uploads/${filename}", ExpiresIn=600, Fields={"Content-Type": "image/png"},
                                      Conditions=[["starts-with", "$key", "uploads/"], {"Content-Type": "image/png"},
                                                  ["content-length-range", 1, 1_000_000]])
    answer = post(form, data, filename="cat.png")
    assert answer.status_code == 204, answer.text
    assert answer.headers["ETag"] == f'"{md5_hex(data)}"'
    assert answer.headers["Location"].endswith(f"/{bucket}/uploads/cat.png")
    got = s3.get_object(Bucket=bucket, Key="uploads/cat.png")
    assert got["Body"].read() == data and got["ContentType"] == "image/png"

    form = poster.generate_presigned_post(bucket, "created.txt", Fields={"success_action_status": "201"},
                                      Conditions=[{"success_action_status": "201"}])
    created = post(form, b"hello")
    assert created.status_code == 201, created.text
    root = ET.fromstring(created.content)
    assert (root.findtext(f"{S3_NS}Bucket"), root.findtext(f"{S3_NS}Key")) == (bucket, "created.txt")
    assert root.findtext(f"{S3_NS}ETag") == f'"{md5_hex(b"hello")}"'

    form = poster.generate_presigned_post(bucket, "redirected.txt",
                                      Fields={"success_action_redirect": "https://app.example.com/done?from=form"},
                                      Conditions=[["starts-with", "$success_action_redirect", "https://app.example.com/"]])
    redirected = post(form, b"bye")
    assert redirected.status_code == 303
    target = urlparse(redirected.headers["Location"])
    assert (target.netloc, target.path) == ("app.example.com", "/done")
    query = parse_qs(target.query)
    assert query["bucket"] == [bucket] and query["key"] == ["redirected.txt"] and query["from"] == ["form"]
    assert query["etag"] == [f'"{md5_hex(b"bye")}"']


def test_policy_conditions_are_enforced(s3, poster, bucket):
    form = poster.generate_presigned_post(bucket, "uploads/a.bin", Conditions=[["starts-with", "$key", "uploads/"],
                                                                         ["content-length-range", 10, 100]])
    too_large = post(form, b"x" * 101)
    assert too_large.status_code == 400 and error_of(too_large)[0] == "EntityTooLarge"
    too_small = post(form, b"x" * 9)
    assert too_small.status_code == 400 and error_of(too_small)[0] == "EntityTooSmall"

    elsewhere = post(form, b"x" * 50, key="private/a.bin")
    assert elsewhere.status_code == 403, elsewhere.text
    code, message = error_of(elsewhere)
    assert code == "AccessDenied" and message.startswith("Invalid according to Policy: Policy Condition failed")

    extra = post(form, b"x" * 50, **{"x-amz-meta-sneaky": "yes"})
    assert extra.status_code == 403 and error_of(extra) == ("AccessDenied", "Invalid according to Policy: Extra input fields: x-amz-meta-sneaky")

    expired = post(poster.generate_presigned_post(bucket, "late.bin", ExpiresIn=-60), b"late")
    assert expired.status_code == 403 and error_of(expired) == ("AccessDenied", "Invalid according to Policy: Policy expired.")

    tampered = post(form, b"x" * 50, **forged(form["fields"]))
    assert tampered.status_code == 403 and error_of(tampered)[0] == "SignatureDoesNotMatch", tampered.text

    # A policy for one bucket does not open another, whatever the form's own `bucket` field says.
    other = s3.create_bucket(Bucket=bucket + "-other") and bucket + "-other"
    try:
        moved = requests.post(form["url"].replace(bucket, other), data={**form["fields"], "bucket": bucket},
                              files={"file": ("a", b"x" * 50)})
        assert moved.status_code == 403 and error_of(moved)[0] == "AccessDenied", moved.text
        assert "Contents" not in s3.list_objects_v2(Bucket=other)
    finally:
        s3.delete_bucket(Bucket=other)

    no_file = requests.post(form["url"], data=form["fields"], files={"other": ("a", b"")})
    assert no_file.status_code == 400

    assert "Contents" not in s3.list_objects_v2(Bucket=bucket)
    assert post(form, b"x" * 50).status_code == 204


def test_form_fields_are_the_puts_headers(s3, bucket):
    fields = {"x-amz-server-side-encryption": "AES256", "x-amz-meta-owner": "vision-team", "Cache-Control": "max-age=60",
              "tagging": "<Tagging><TagSet><Tag><Key>stage</Key><Value>raw</Value></Tag></TagSet></Tagging>"}
    form = s3.generate_presigned_post(bucket, "enc.bin", Fields=fields, Conditions=[{k: v} for k, v in fields.items()])
    assert post(form, b"secret").status_code == 204
    head = s3.head_object(Bucket=bucket, Key="enc.bin")
    assert head["ServerSideEncryption"] == "AES256"
    assert head["Metadata"] == {"owner": "vision-team"} and head["CacheControl"] == "max-age=60"
    assert s3.get_object_tagging(Bucket=bucket, Key="enc.bin")["TagSet"] == [{"Key": "stage", "Value": "raw"}]


def test_an_unsigned_form_is_anonymous(server, s3, bucket):
    answer = requests.post(f"{server.http}/{bucket}", data={"key": "anon.txt"}, files={"file": ("a", b"a")})
    assert answer.status_code == 403 and error_of(answer)[0] == "AccessDenied"
    assert "Contents" not in s3.list_objects_v2(Bucket=bucket)


def test_a_large_file_streams_through(s3, bucket):
    data = os.urandom(12 * 1024 * 1024 + 17)
    form = s3.generate_presigned_post(bucket, "big.bin")
    assert post(form, data).status_code == 204
    assert s3.head_object(Bucket=bucket, Key="big.bin")["ContentLength"] == len(data)
    assert s3.get_object(Bucket=bucket, Key="big.bin")["Body"].read() == data


def test_obs_sdk_post_signature(server, s3, bucket):
    client = ObsClient(access_key_id=server.access_key, secret_access_key=server.secret_key,
                       server=f"http://localhost:{server.port}")
    try:
        signed = client.createPostSignature(bucket, "obs/form.txt", expires=300,
                                            formParams={"x-obs-acl": "public-read", "content-type": "text/plain"})
        fields = {"key": "obs/form.txt", "policy": signed.policy, "signature": signed.signature,
                  "AccessKeyId": server.access_key, "x-obs-acl": "public-read", "content-type": "text/plain"}
        answer = requests.post(f"{server.http}/{bucket}", data=fields, files={"file": ("form.txt", b"from obs")})
        assert answer.status_code == 204, answer.text
        got = client.getObject(bucket, "obs/form.txt", loadStreamInMemory=True)
        assert got.status == 200 and got.body.buffer == b"from obs"
        assert s3.head_object(Bucket=bucket, Key="obs/form.txt")["ContentType"] == "text/plain"
        # The policy binds the key: another key is refused.
        fields["key"] = "obs/other.txt"
        refused = requests.post(f"{server.http}/{bucket}", data=fields, files={"file": ("form.txt", b"x")})
        assert refused.status_code == 403
    finally:
        client.close()
