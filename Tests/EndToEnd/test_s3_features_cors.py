"""CORS (issue 13): `?cors` stored and returned, applied to the browser's preflight (`OPTIONS`) and to the actual
cross-origin request, in both dialects."""
import json

import pytest
import requests
from obs import CorsRule, ObsClient, Options

from helpers import s3_error

pytestmark = pytest.mark.obslab_only(reason="moto answers preflights without checking the rules")

RULES = [
    {"ID": "app", "AllowedOrigins": ["https://app.example.com"], "AllowedMethods": ["GET", "PUT"],
     "AllowedHeaders": ["content-type", "x-amz-*"], "ExposeHeaders": ["ETag", "x-amz-version-id"], "MaxAgeSeconds": 600},
    {"AllowedOrigins": ["http://*.example.org"], "AllowedMethods": ["GET"]},
]


def preflight(server, bucket, key="", origin="https://app.example.com", method="PUT", headers=None):
    sent = {"Origin": origin, "Access-Control-Request-Method": method}
    if headers:
        sent["Access-Control-Request-Headers"] = headers
    return requests.options(f"{server.http}/{bucket}/{key}", headers={k: v for k, v in sent.items() if v is not None})


def test_cors_configuration_round_trip(s3, bucket):
    with s3_error("NoSuchCORSConfiguration", 404):
        s3.get_bucket_cors(Bucket=bucket)
    s3.put_bucket_cors(Bucket=bucket, CORSConfiguration={"CORSRules": RULES})
    assert s3.get_bucket_cors(Bucket=bucket)["CORSRules"] == RULES
    with s3_error("InvalidRequest", 400):
        s3.put_bucket_cors(Bucket=bucket, CORSConfiguration={"CORSRules": [
            {"AllowedOrigins": ["*"], "AllowedMethods": ["PATCH"]}]})
    with s3_error("InvalidRequest", 400):
        s3.put_bucket_cors(Bucket=bucket, CORSConfiguration={"CORSRules": [
            {"AllowedOrigins": ["https://*.*.example.com"], "AllowedMethods": ["GET"]}]})
    assert s3.get_bucket_cors(Bucket=bucket)["CORSRules"] == RULES  # a refused configuration changes nothing
    assert s3.delete_bucket_cors(Bucket=bucket)["ResponseMetadata"]["HTTPStatusCode"] == 204
    with s3_error("NoSuchCORSConfiguration", 404):
        s3.get_bucket_cors(Bucket=bucket)


def test_preflight_is_answered_by_the_matching_rule(server, s3, bucket):
    refused = preflight(server, bucket, "photo.png")
    assert refused.status_code == 403 and "<Code>AccessForbidden</Code>" in refused.text
    s3.put_bucket_cors(Bucket=bucket, CORSConfiguration={"CORSRules": RULES})

    answer = preflight(server, bucket, "photo.png", headers="Content-Type, X-Amz-Meta-Owner")
    assert answer.status_code == 200, answer.text
    assert answer.headers["Access-Control-Allow-Origin"] == "https://app.example.com"
    assert answer.headers["Access-Control-Allow-Methods"] == "GET, PUT"
    assert answer.headers["Access-Control-Allow-Headers"] == "content-type, x-amz-meta-owner"
    assert answer.headers["Access-Control-Expose-Headers"] == "ETag, x-amz-version-id"
    assert answer.headers["Access-Control-Max-Age"] == "600"
    assert answer.headers["Access-Control-Allow-Credentials"] == "true"
    assert "Origin" in answer.headers["Vary"]

    # The wildcard origin rule allows GET only; a header outside the rule, another origin or method are refused.
    assert preflight(server, bucket, origin="http://cdn.example.org", method="GET").status_code == 200
    assert preflight(server, bucket, origin="http://cdn.example.org", method="PUT").status_code == 403
    assert preflight(server, bucket, "photo.png", headers="authorization").status_code == 403
    assert preflight(server, bucket, origin="https://evil.example.com").status_code == 403
    assert preflight(server, bucket, method="PATCH").status_code == 400
    assert preflight(server, bucket, origin=None).status_code == 400
    assert preflight(server, bucket + "-missing").status_code == 404


def test_actual_requests_carry_the_rule_headers(server, s3, bucket):
    s3.put_bucket_cors(Bucket=bucket, CORSConfiguration={"CORSRules": RULES})
    s3.put_object(Bucket=bucket, Key="photo.png", Body=b"png")
    url = s3.generate_presigned_url("get_object", Params={"Bucket": bucket, "Key": "photo.png"})
    got = requests.get(url, headers={"Origin": "https://app.example.com"})
    assert got.status_code == 200 and got.content == b"png"
    assert got.headers["Access-Control-Allow-Origin"] == "https://app.example.com"
    assert got.headers["Access-Control-Expose-Headers"] == "ETag, x-amz-version-id"
    assert "Origin" in got.headers["Vary"]
    other = requests.get(url, headers={"Origin": "https://evil.example.com"})
    assert other.status_code == 200 and "Access-Control-Allow-Origin" not in other.headers
    assert "Access-Control-Allow-Origin" not in requests.get(url).headers


def test_awscli_cors(aws, server, bucket):
    document = json.dumps({"CORSRules": [{"AllowedOrigins": ["*"], "AllowedMethods": ["GET", "HEAD"]}]})
    aws("s3api", "put-bucket-cors", "--bucket", bucket, "--cors-configuration", document)
    assert json.loads(aws("s3api", "get-bucket-cors", "--bucket", bucket).stdout)["CORSRules"][0]["AllowedMethods"] == ["GET", "HEAD"]
    answer = preflight(server, bucket, origin="https://anywhere.example", method="HEAD")
    assert answer.status_code == 200 and answer.headers["Access-Control-Allow-Origin"] == "*"
    aws("s3api", "delete-bucket-cors", "--bucket", bucket)
    assert "NoSuchCORSConfiguration" in aws("s3api", "get-bucket-cors", "--bucket", bucket, check=False).stderr


def test_obs_sdk_cors(server, bucket):
    client = ObsClient(access_key_id=server.access_key, secret_access_key=server.secret_key,
                       server=f"http://localhost:{server.port}")
    try:
        rule = CorsRule(id="web", allowedMethod=["GET", "PUT"], allowedOrigin=["https://app.example.com"],
                        allowedHeader=["*"], maxAgeSecond=100, exposeHeader=["x-obs-request-id"])
        assert client.setBucketCors(bucket, [rule]).status == 200
        stored = client.getBucketCors(bucket)
        assert stored.status == 200
        assert stored.body[0].allowedOrigin == ["https://app.example.com"]
        assert stored.body[0].allowedMethod == ["GET", "PUT"]
        answer = client.optionsObject(bucket, "doc.txt", Options(origin="https://app.example.com",
                                                                 accessControlRequestMethods=["GET", "PUT"],
                                                                 accessControlRequestHeaders=["x-obs-meta-a"]))
        assert answer.status == 200, answer.errorMessage
        assert answer.body.accessContorlAllowOrigin == "https://app.example.com"
        assert answer.body.accessContorlMaxAge == 100
        refused = client.optionsBucket(bucket, Options(origin="https://evil.example.com", accessControlRequestMethods=["GET"]))
        assert refused.status == 403
        assert client.deleteBucketCors(bucket).status == 204
        assert client.getBucketCors(bucket).errorCode == "NoSuchCORSConfiguration"
    finally:
        client.close()
