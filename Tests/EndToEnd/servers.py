"""Starting servers for the end-to-end tests: obslab, or moto behind a TLS proxy; boto3 clients; the aws CLI."""
from __future__ import annotations

import contextlib
import dataclasses
import os
import pathlib
import signal
import socket
import ssl
import subprocess
import threading
import time

import base64

import boto3
import pytest
from botocore.config import Config

REPO = pathlib.Path(__file__).resolve().parents[2]
TARGET = os.environ.get("OBSLAB_E2E_TARGET", "obslab")
REGION = "us-east-1"
DEFAULT_ACCESS_KEY = "obslabroot"
DEFAULT_SECRET_KEY = "obslabroot-secret"
DEMO_SOURCE = REPO / "Buckets" / "demo"

_real_getaddrinfo = socket.getaddrinfo


def _getaddrinfo(host, *args, **kwargs):
    """Resolves `<bucket>.localhost` like `localhost`, as browsers and systemd-resolved do (RFC 6761),
    so that a boto3 client with virtual-hosted addressing reaches the local server."""
    if isinstance(host, str) and host.endswith(".localhost"):
        host = "localhost"
    return _real_getaddrinfo(host, *args, **kwargs)


socket.getaddrinfo = _getaddrinfo


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port: int, process: subprocess.Popen | None, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode} before listening on {port}")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return
        time.sleep(0.05)
    raise RuntimeError(f"nothing listens on port {port} after {timeout} s")


def make_certificate(directory: pathlib.Path) -> tuple[pathlib.Path, pathlib.Path]:
    """A self-signed certificate for 127.0.0.1 and localhost (with subjectAltName, which clients require)."""
    cert, key = directory / "cert.pem", directory / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
         "-subj", "/CN=localhost", "-keyout", str(key), "-out", str(cert),
         "-addext", "subjectAltName=DNS:localhost,DNS:*.localhost,IP:127.0.0.1",
         "-addext", "basicConstraints=critical,CA:TRUE"],
        check=True, capture_output=True,
    )
    return cert, key


def obslab_binary() -> pathlib.Path:
    path = pathlib.Path(os.environ.get("OBSLAB_BIN", REPO / ".build" / "debug" / "obslab"))
    if not path.is_absolute():
        path = REPO / path
    if not path.is_file():
        pytest.exit(f"obslab binary not found at {path}: build it with `swift build` or set OBSLAB_BIN", returncode=2)
    return path


@dataclasses.dataclass
class Server:
    """A running S3 server: its endpoints, credentials and process."""

    kind: str
    http: str
    https: str | None
    port: int
    tls_port: int | None
    cert: pathlib.Path | None
    access_key: str
    secret_key: str
    data_dir: pathlib.Path | None
    process: subprocess.Popen
    log_path: pathlib.Path
    banner: list[str] = dataclasses.field(default_factory=list)
    _proxy: "TLSProxy | None" = None

    def client(self, tls: bool = False, **config) -> "boto3.client":
        return s3_client(self, tls=tls, **config)

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 20) -> int:
        if self._proxy:
            self._proxy.close()
        if self.process.poll() is None:
            self.process.send_signal(sig)
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
                raise AssertionError(f"{self.kind} did not exit within {timeout} s of signal {sig}")
        return self.process.returncode


def root_key_file(work: pathlib.Path) -> pathlib.Path:
    """The root key of the servers started in `work`: `work/root.key`, made (base64, mode 0600) on first use."""
    path = work / "root.key"
    if not path.exists():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as file:
            file.write(base64.b64encode(os.urandom(32)).decode() + "\n")
    return path


def server_environment(work: pathlib.Path, env: dict | None = None) -> dict:
    """The environment of a server started by the tests: a configuration folder in `work`, so that nothing (the default
    root key file above all) is ever written to the real ~/.config, and no OBSLAB_ROOT_KEY from the caller's shell."""
    base = {k: v for k, v in os.environ.items() if k != "OBSLAB_ROOT_KEY"}
    return {**base, "XDG_CONFIG_HOME": str(work / "config"), **(env or {})}


def start_obslab(data_dir: pathlib.Path, work: pathlib.Path, cert: pathlib.Path | None = None,
                 key: pathlib.Path | None = None, env: dict | None = None, extra_args: list[str] | None = None,
                 root_key: pathlib.Path | None | str = "work") -> Server:
    """Starts `obslab serve` on free ports (with `extra_args`) and waits until the S3 port and the TLS port accept
    connections. `root_key` is the --root-key-file: by default `root_key_file(work)`; None gives no flag (the
    environment decides)."""
    port, api_port = free_port(), free_port()
    tls_port = free_port() if cert else None
    args = [str(obslab_binary()), "serve", "--host", "127.0.0.1", "--port", str(port),
            "--api-port", str(api_port), "--data-dir", str(data_dir)]
    if cert:
        args += ["--tls-port", str(tls_port), "--tls-cert", str(cert), "--tls-key", str(key)]
    if root_key is not None:
        args += ["--root-key-file", str(root_key_file(work) if root_key == "work" else root_key)]
    args += extra_args or []
    log_path = work / f"obslab-{port}.log"
    log = open(log_path, "w")
    process = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT, cwd=work,
                               env=server_environment(work, env))
    try:
        wait_for_port(port, process)
        if tls_port:
            wait_for_port(tls_port, process)
        banner = wait_for_banner(log_path, process, tls=bool(cert))
    except Exception:
        process.kill()
        raise RuntimeError(f"obslab did not start:\n{log_path.read_text(errors='replace')}")
    access_key = (env or {}).get("OBSLAB_ROOT_ACCESS_KEY", DEFAULT_ACCESS_KEY)
    secret_key = (env or {}).get("OBSLAB_ROOT_SECRET_KEY", DEFAULT_SECRET_KEY)
    return Server("obslab", f"http://127.0.0.1:{port}", f"https://127.0.0.1:{tls_port}" if tls_port else None,
                  port, tls_port, cert, access_key, secret_key, data_dir, process, log_path, banner)


def wait_for_banner(log_path: pathlib.Path, process: subprocess.Popen, tls: bool, timeout: float = 10) -> list[str]:
    """The start-up lines (endpoint, keys, data root); the contract says they are printed before serving."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        lines = log_path.read_text(errors="replace").splitlines()
        if any(line.startswith("obslab data root:") for line in lines):
            return lines
        time.sleep(0.05)
    return log_path.read_text(errors="replace").splitlines()


class TLSProxy:
    """Terminates TLS on a port and forwards the plain bytes to a local HTTP port (for moto, which serves one
    scheme per process): both schemes then reach one store, as they do on obslab."""

    def __init__(self, port: int, backend: int, cert: pathlib.Path, key: pathlib.Path):
        self.backend = backend
        self.context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        self.context.load_cert_chain(cert, key)
        self.listener = socket.create_server(("127.0.0.1", port))
        self.closed = False
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while not self.closed:
            try:
                conn, _ = self.listener.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _serve(self, conn):
        try:
            tls = self.context.wrap_socket(conn, server_side=True)
            upstream = socket.create_connection(("127.0.0.1", self.backend))
        except OSError:
            conn.close()
            return

        def pump(src, dst):
            try:
                while data := src.recv(65536):
                    dst.sendall(data)
            except OSError:
                pass
            finally:
                with contextlib.suppress(OSError):
                    dst.shutdown(socket.SHUT_WR)

        threading.Thread(target=pump, args=(upstream, tls), daemon=True).start()
        pump(tls, upstream)

    def close(self):
        self.closed = True
        self.listener.close()


def start_moto(work: pathlib.Path, cert: pathlib.Path, key: pathlib.Path) -> Server:
    port, tls_port = free_port(), free_port()
    log_path = work / f"moto-{port}.log"
    process = subprocess.Popen(["moto_server", "-H", "127.0.0.1", "-p", str(port)],
                               stdout=open(log_path, "w"), stderr=subprocess.STDOUT)
    wait_for_port(port, process)
    proxy = TLSProxy(tls_port, port, cert, key)
    server = Server("moto", f"http://127.0.0.1:{port}", f"https://127.0.0.1:{tls_port}", port, tls_port, cert,
                    DEFAULT_ACCESS_KEY, DEFAULT_SECRET_KEY, None, process, log_path, [], proxy)
    # moto has no folder adoption: upload the demo files so that the listing tests see the same bucket.
    client = s3_client(server)
    client.create_bucket(Bucket="demo")
    for path in sorted(DEMO_SOURCE.rglob("*")):
        if path.is_file():
            client.put_object(Bucket="demo", Key=path.relative_to(DEMO_SOURCE).as_posix(), Body=path.read_bytes())
    return server


def s3_client(server: Server, tls: bool = False, access_key: str | None = None, secret_key: str | None = None,
              endpoint: str | None = None, python_signer: bool = False, **config):
    """A boto3 S3 client with the library's current defaults (flexible checksums included), path-style unless
    `addressing_style` says otherwise. With awscrt installed botocore signs SigV4 with awscrt's signer;
    `python_signer` makes this client use botocore's own Python signer, what a plain `pip install boto3` runs."""
    addressing = config.pop("addressing_style", "path")
    client = boto3.client(
        "s3",
        endpoint_url=endpoint or (server.https if tls else server.http),
        region_name=REGION,
        aws_access_key_id=access_key or server.access_key,
        aws_secret_access_key=secret_key or server.secret_key,
        verify=str(server.cert) if tls else None,
        config=Config(s3={"addressing_style": addressing}, **config),
    )
    if python_signer:
        use_python_signer(client)
    return client


def use_python_signer(client) -> None:
    import botocore.auth

    botocore.auth.AUTH_TYPE_MAPS.setdefault("s3v4-python", botocore.auth.S3SigV4Auth)
    botocore.auth.AUTH_TYPE_MAPS.setdefault("s3v4-python-query", botocore.auth.S3SigV4QueryAuth)

    def choose(signature_version, **kwargs):
        if signature_version in ("v4", "s3v4", "v4-query", "s3v4-query"):
            return "s3v4-python"  # botocore appends "-query" for presigned URLs
        return None

    client.meta.events.register_first("choose-signer.s3", choose)


@dataclasses.dataclass
class AwsCli:
    """Runs the `aws` command line against the server, with credentials in the environment and a config of
    its own so that the user's ~/.aws does not leak in."""

    server: Server
    home: pathlib.Path

    def env(self) -> dict:
        config, credentials = self.home / "config", self.home / "credentials"
        config.write_text("[default]\nregion = us-east-1\n")
        credentials.write_text("")
        env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
        env.update(AWS_ACCESS_KEY_ID=self.server.access_key, AWS_SECRET_ACCESS_KEY=self.server.secret_key,
                   AWS_DEFAULT_REGION=REGION, AWS_CONFIG_FILE=str(config),
                   AWS_SHARED_CREDENTIALS_FILE=str(credentials), AWS_CA_BUNDLE=str(self.server.cert or ""),
                   AWS_PAGER="", AWS_EC2_METADATA_DISABLED="true")
        return env

    def __call__(self, *args: str, tls: bool = False, check: bool = True, timeout: float = 240,
                 cwd: str | None = None) -> subprocess.CompletedProcess:
        endpoint = self.server.https if tls else self.server.http
        command = ["aws", "--endpoint-url", endpoint, *args]
        result = subprocess.run(command, env=self.env(), capture_output=True, text=True, timeout=timeout, cwd=cwd)
        if check and result.returncode != 0:
            raise AssertionError(f"{' '.join(command)} exited {result.returncode}:\n{result.stdout}\n{result.stderr}")
        return result
