#!/usr/bin/env python3
"""Small-object S3 benchmark: obslab against moto_server, same load, same run, loopback only.

Starts `obslab serve` (release binary if built, else debug; or --obslab-bin / OBSLAB_BIN) on a fresh data root
and `moto_server`, each on free ports, then runs against each in turn: N PUTs of SIZE bytes, N GETs, N HEADs,
M LIST pages (ListObjectsV2, 100 keys per page), N DELETEs, sequentially with one boto3 client, and optionally
the PUTs again from several threads. Prints ops/s per server and the obslab/moto ratio per operation.
Every phase stops at --max-seconds, so a slow server cannot make the run unbounded.

    Scripts/bench-s3.py                 # N=500, 4 KiB objects, 50 LIST pages
    Scripts/bench-s3.py -n 2000 --threads 4 --size 65536
"""
import argparse
import contextlib
import os
import pathlib
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time

import boto3
from botocore.config import Config

REPO = pathlib.Path(__file__).resolve().parent.parent


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port, process, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"server exited with {process.returncode} before listening on port {port}")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return
        time.sleep(0.05)
    sys.exit(f"nothing listens on port {port} after {timeout} s")


def default_binary():
    for flavour in ("release", "debug"):
        path = REPO / ".build" / flavour / "obslab"
        if path.is_file():
            return path
    return REPO / ".build" / "release" / "obslab"


def start_obslab(binary, workdir):
    port = free_port()
    data = workdir / "obslab-data"
    data.mkdir()
    process = subprocess.Popen([str(binary), "serve", "--host", "127.0.0.1", "--port", str(port),
                                "--api-port", str(free_port()), "--data-dir", str(data)],
                               stdout=open(workdir / "obslab.log", "w"), stderr=subprocess.STDOUT, cwd=workdir)
    wait_for_port(port, process)
    keys = (os.environ.get("OBSLAB_ROOT_ACCESS_KEY", "obslabroot"),
            os.environ.get("OBSLAB_ROOT_SECRET_KEY", "obslabroot-secret"))
    return process, f"http://127.0.0.1:{port}", keys


def start_moto(workdir):
    port = free_port()
    process = subprocess.Popen(["moto_server", "-H", "127.0.0.1", "-p", str(port)],
                               stdout=open(workdir / "moto.log", "w"), stderr=subprocess.STDOUT)
    wait_for_port(port, process)
    return process, f"http://127.0.0.1:{port}", ("bench", "bench-secret")


def client(endpoint, keys, pool=10):
    return boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id=keys[0],
                        aws_secret_access_key=keys[1],
                        config=Config(s3={"addressing_style": "path"}, max_pool_connections=pool,
                                      retries={"max_attempts": 0}))


def timed(count, max_seconds, operation):
    """Runs operation(i) for i in range(count) or until max_seconds; returns (done, seconds)."""
    start = time.perf_counter()
    done = 0
    for i in range(count):
        operation(i)
        done += 1
        if time.perf_counter() - start > max_seconds:
            break
    return done, time.perf_counter() - start


def run_load(endpoint, keys, args):
    s3 = client(endpoint, keys)
    bucket = "bench"
    s3.create_bucket(Bucket=bucket)
    body = os.urandom(args.size)
    names = [f"obj/{i // 100:03d}/{i:06d}" for i in range(args.n)]
    results = {}

    def record(name, count, seconds):
        results[name] = count / seconds if seconds > 0 else float("inf")

    # One warm-up request so that connection set-up is not in the first phase.
    s3.list_objects_v2(Bucket=bucket, MaxKeys=1)
    record("PUT", *timed(args.n, args.max_seconds, lambda i: s3.put_object(Bucket=bucket, Key=names[i], Body=body)))
    written = len(s3.list_objects_v2(Bucket=bucket, MaxKeys=1000).get("Contents", []))

    def get(i):
        data = s3.get_object(Bucket=bucket, Key=names[i % written])["Body"].read()
        assert len(data) == args.size

    record("GET", *timed(args.n, args.max_seconds, get))
    record("HEAD", *timed(args.n, args.max_seconds, lambda i: s3.head_object(Bucket=bucket, Key=names[i % written])))
    token = {}

    def list_page(_):
        extra = {"ContinuationToken": token["next"]} if token.get("next") else {}
        page = s3.list_objects_v2(Bucket=bucket, MaxKeys=100, **extra)
        token["next"] = page.get("NextContinuationToken")

    record("LIST (100 keys)", *timed(args.pages, args.max_seconds, list_page))
    if args.threads > 1:
        clients = [client(endpoint, keys) for _ in range(args.threads)]
        per_thread = args.n // args.threads
        counts = [0] * args.threads

        def worker(t):
            done, _ = timed(per_thread, args.max_seconds, lambda i: clients[t].put_object(
                Bucket=bucket, Key=f"threaded/{t}/{i}", Body=body))
            counts[t] = done

        threads = [threading.Thread(target=worker, args=(t,)) for t in range(args.threads)]
        start = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        record(f"PUT x{args.threads} threads", sum(counts), time.perf_counter() - start)
    record("DELETE", *timed(args.n, args.max_seconds, lambda i: s3.delete_object(Bucket=bucket, Key=names[i])))
    return results


def stop(process):
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--obslab-bin", default=os.environ.get("OBSLAB_BIN") or default_binary(), type=pathlib.Path)
    parser.add_argument("-n", type=int, default=500, help="objects to PUT, GET, HEAD and DELETE (default 500)")
    parser.add_argument("--size", type=int, default=4096, help="object size in bytes (default 4096)")
    parser.add_argument("--pages", type=int, default=50, help="LIST pages of 100 keys (default 50)")
    parser.add_argument("--threads", type=int, default=1, help="also PUT from this many threads (default: off)")
    parser.add_argument("--max-seconds", type=float, default=60, help="time limit of each phase (default 60)")
    args = parser.parse_args()
    if not args.obslab_bin.is_file():
        sys.exit(f"obslab binary not found at {args.obslab_bin}: run `swift build -c release` or pass --obslab-bin")
    if shutil.which("moto_server") is None:
        sys.exit("moto_server is not installed: run Scripts/setup.sh")

    workdir = pathlib.Path(tempfile.mkdtemp(prefix="obslab-bench-"))
    results = {}
    try:
        for name, start in (("obslab", lambda: start_obslab(args.obslab_bin, workdir)),
                            ("moto", lambda: start_moto(workdir))):
            process, endpoint, keys = start()
            try:
                print(f"benchmarking {name} at {endpoint} ...", file=sys.stderr)
                results[name] = run_load(endpoint, keys, args)
            finally:
                stop(process)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)

    print(f"\n{args.n} objects of {args.size} bytes, {args.pages} LIST pages; obslab: {args.obslab_bin}\n")
    print(f"{'operation':<22}{'obslab ops/s':>14}{'moto ops/s':>14}{'obslab/moto':>14}")
    print("-" * 64)
    for operation in results["obslab"]:
        ours, theirs = results["obslab"][operation], results["moto"].get(operation, 0)
        ratio = f"{ours / theirs:.2f}x" if theirs else "-"
        print(f"{operation:<22}{ours:>14.1f}{theirs:>14.1f}{ratio:>14}")


if __name__ == "__main__":
    main()
