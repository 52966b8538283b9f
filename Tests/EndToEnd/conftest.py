"""Fixtures of the end-to-end suite: a live server, boto3 clients over HTTP and HTTPS, the aws CLI.

The suite drives `obslab serve` (binary from OBSLAB_BIN, default .build/debug/obslab). With
OBSLAB_E2E_TARGET=moto it drives `moto_server` instead, behind a small TLS proxy, which is how the
tests themselves were checked against an independent S3 implementation. Tests that need what moto
does not do (signature checks, persistence, adopted folders) carry the `obslab_only` marker.
"""
from __future__ import annotations

import pathlib
import shutil
import tempfile

import pytest
import requests

from helpers import empty_and_delete, unique_name
from servers import DEMO_SOURCE, TARGET, AwsCli, make_certificate, s3_client, start_moto, start_obslab


def pytest_configure(config):
    config.addinivalue_line("markers", "obslab_only(reason): moto does not behave like S3 here; skipped against moto")
    config.addinivalue_line("markers", "slow: large transfers (100 MiB, 500 files)")


def pytest_collection_modifyitems(config, items):
    if TARGET != "moto":
        return
    for item in items:
        marker = item.get_closest_marker("obslab_only")
        if marker:
            reason = marker.kwargs.get("reason") or (marker.args[0] if marker.args else "moto differs from S3")
            item.add_marker(pytest.mark.skip(reason=f"moto: {reason}"))


@pytest.fixture(scope="session")
def workdir():
    path = pathlib.Path(tempfile.mkdtemp(prefix="obslab-e2e-"))
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture(scope="session")
def certificate(workdir):
    return make_certificate(workdir)


@pytest.fixture(scope="session")
def server(workdir, certificate):
    """The server shared by the suite. Its data root starts with a copy of Buckets/demo (adopted as bucket `demo`)."""
    cert, key = certificate
    if TARGET == "moto":
        srv = start_moto(workdir, cert, key)
    else:
        data_dir = workdir / "data"
        shutil.copytree(DEMO_SOURCE, data_dir / "demo")
        srv = start_obslab(data_dir, workdir, cert, key)
    yield srv
    code = srv.stop()
    if srv.kind == "obslab":
        assert code == 0, f"obslab exited with {code} on SIGTERM:\n{srv.log()[-4000:]}"


@pytest.fixture(scope="session")
def s3(server):
    """boto3 over plain HTTP, path-style."""
    return s3_client(server)


@pytest.fixture(scope="session")
def s3_tls(server):
    """boto3 over HTTPS (the transport on which botocore streams aws-chunked bodies with a CRC32 trailer)."""
    return s3_client(server, tls=True)


@pytest.fixture(scope="session")
def s3_virtual(server):
    """boto3 with virtual-hosted-style addressing: requests go to http://<bucket>.localhost:<port>/<key>."""
    return s3_client(server, endpoint=f"http://localhost:{server.port}", addressing_style="virtual")


@pytest.fixture(scope="session")
def s3_python_signer(server):
    """boto3 over HTTP signing with botocore's Python SigV4 signer (the default signer is awscrt's when installed)."""
    return s3_client(server, python_signer=True)


@pytest.fixture(scope="session")
def s3_tls_python_signer(server):
    return s3_client(server, tls=True, python_signer=True)


@pytest.fixture(params=["http", "https", "http-pysigner", "https-pysigner"])
def any_s3(request):
    """Both transports, for the operations whose body encoding differs between them, with both SigV4 signers."""
    return request.getfixturevalue({"http": "s3", "https": "s3_tls", "http-pysigner": "s3_python_signer",
                                    "https-pysigner": "s3_tls_python_signer"}[request.param])


@pytest.fixture
def bucket(s3):
    """A fresh, empty bucket, removed with its content after the test."""
    name = unique_name()
    s3.create_bucket(Bucket=name)
    yield name
    empty_and_delete(s3, name)


@pytest.fixture
def bucket_factory(s3):
    names = []

    def make(prefix: str = "e2e") -> str:
        name = unique_name(prefix)
        s3.create_bucket(Bucket=name)
        names.append(name)
        return name

    yield make
    for name in names:
        empty_and_delete(s3, name)


@pytest.fixture(scope="session")
def aws(server, workdir):
    home = workdir / "aws-home"
    home.mkdir(exist_ok=True)
    return AwsCli(server, home)


@pytest.fixture(scope="session")
def http():
    """A plain requests session (for presigned URLs and hand-built requests)."""
    with requests.Session() as session:
        yield session

