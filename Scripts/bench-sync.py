#!/usr/bin/env python3
"""Benchmark of "Synchronize New Data": a full sync of a bucket of 20,000 images with 20,000 PASCAL VOC sidecars, then an
incremental sync after 1% new objects. Prints objects per second for each and the server's peak RSS.

The bucket is generated as a folder of the data root, which `obslab serve` adopts at start-up (far faster than 40,000
uploads); the new objects of the incremental sync are uploaded with boto3 over many threads. Everything runs on
loopback, in a temporary folder removed at the end.

    Scripts/bench-sync.py [--bin .build/release/obslab] [--images 20000] [--new-fraction 0.01]
"""
from __future__ import annotations

import argparse
import concurrent.futures
import os
import pathlib
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

import boto3
import requests
from botocore.config import Config

REPO = pathlib.Path(__file__).resolve().parents[1]
BUCKET = "bench"
PREFIX = "images/"
CLASSES = ["cat", "dog", "bird", "horse", "sheep"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def image_bytes(index: int) -> bytes:
    """A small JPEG-shaped file (start and end markers around a distinct payload)."""
    return b"\xff\xd8\xff\xe0" + f"obslab bench image {index}".encode() * 8 + b"\xff\xd9"


def voc_bytes(index: int) -> bytes:
    name = CLASSES[index % len(CLASSES)]
    x, y = index % 200, (index * 7) % 150
    return (
        "<annotation>\n"
        f"  <filename>{index:06}.jpg</filename>\n"
        "  <size><width>640</width><height>480</height><depth>3</depth></size>\n"
        f"  <object><name>{name}</name><pose>Unspecified</pose><truncated>0</truncated><difficult>0</difficult>\n"
        f"    <bndbox><xmin>{x}</xmin><ymin>{y}</ymin><xmax>{x + 100}</xmax><ymax>{y + 80}</ymax></bndbox>\n"
        "  </object>\n"
        "</annotation>\n"
    ).encode()


def generate(folder: pathlib.Path, images: int) -> None:
    folder.mkdir(parents=True)
    for index in range(images):
        (folder / f"{index:06}.jpg").write_bytes(image_bytes(index))
        (folder / f"{index:06}.xml").write_bytes(voc_bytes(index))


def start_server(binary: pathlib.Path, data: pathlib.Path, work: pathlib.Path) -> tuple[subprocess.Popen, str, str, str]:
    port, api_port = free_port(), free_port()
    log = open(work / "obslab.log", "w")
    process = subprocess.Popen(
        [str(binary), "serve", "--host", "127.0.0.1", "--port", str(port), "--api-port", str(api_port),
         "--data-dir", str(data), "--log-level", "warning"],
        stdout=log, stderr=subprocess.STDOUT, env={**os.environ, "OBSLAB_API_TOKEN": "bench-token"})
    deadline = time.monotonic() + 600
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"obslab exited with {process.returncode}:\n{(work / 'obslab.log').read_text()[-3000:]}")
        text = (work / "obslab.log").read_text(errors="replace")
        if "obslab ModelArts API endpoint:" in text and "obslab S3 endpoint:" in text:
            return process, f"http://127.0.0.1:{port}", f"http://127.0.0.1:{api_port}", "bench-token"
        time.sleep(0.1)
    process.kill()
    sys.exit("obslab did not start within 600 s")


def memory(pid: int) -> dict[str, int]:
    """VmHWM (peak RSS) and VmRSS in KiB, from /proc."""
    result = {}
    for line in pathlib.Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmHWM", "VmRSS"):
            result[key] = int(value.split()[0])
    return result


def reset_peak(pid: int) -> bool:
    """Resets VmHWM to the current RSS (Linux >= 4.0), so that the peak measured is the syncs' own."""
    try:
        pathlib.Path(f"/proc/{pid}/clear_refs").write_text("5")
        return True
    except OSError:
        return False


class API:
    def __init__(self, endpoint: str, token: str):
        self.endpoint, self.session = endpoint, requests.Session()
        self.session.headers["X-Auth-Token"] = token

    def call(self, method: str, path: str, status: int = 200, **kwargs):
        response = self.session.request(method, f"{self.endpoint}/v2/bench/{path}", timeout=120, **kwargs)
        if response.status_code != status:
            sys.exit(f"{method} {path}: {response.status_code} {response.text}")
        return response.json() if response.content else None

    def timed_sync(self, dataset_id: str) -> tuple[float, dict]:
        started = time.monotonic()
        self.call("POST", f"datasets/{dataset_id}/sync-data")
        while True:
            status = self.call("GET", f"datasets/{dataset_id}/sync-data/status")
            if status["status"] not in ("RUNNING", "QUEUING", "STARTING"):
                break
            time.sleep(0.02)
        elapsed = time.monotonic() - started
        if status["status"] != "COMPLETED":
            sys.exit(f"sync ended {status['status']}: {status.get('error_code')}: {status.get('error_msg')}")
        return elapsed, status


def upload_new(endpoint: str, start: int, count: int, threads: int) -> float:
    client = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id="obslabroot",
                          aws_secret_access_key="obslabroot-secret",
                          config=Config(s3={"addressing_style": "path"}, max_pool_connections=threads))

    def put(index: int) -> None:
        client.put_object(Bucket=BUCKET, Key=f"{PREFIX}{index:06}.jpg", Body=image_bytes(index))
        client.put_object(Bucket=BUCKET, Key=f"{PREFIX}{index:06}.xml", Body=voc_bytes(index))

    started = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(threads) as pool:
        list(pool.map(put, range(start, start + count)))
    return time.monotonic() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    default_bin = REPO / ".build" / "release" / "obslab"
    if not default_bin.exists():
        default_bin = REPO / ".build" / "debug" / "obslab"
    parser.add_argument("--bin", type=pathlib.Path, default=pathlib.Path(os.environ.get("OBSLAB_BIN", default_bin)))
    parser.add_argument("--images", type=int, default=20_000, help="images (each with a VOC sidecar) in the bucket")
    parser.add_argument("--new-fraction", type=float, default=0.01, help="new objects before the incremental sync")
    parser.add_argument("--threads", type=int, default=16, help="upload threads for the new objects")
    parser.add_argument("--keep", action="store_true", help="keep the temporary data root")
    args = parser.parse_args()
    if not 1 <= args.images <= 200_000:
        sys.exit("--images must be between 1 and 200000")
    if not args.bin.is_file():
        sys.exit(f"no obslab binary at {args.bin}: build it (swift build -c release) or pass --bin")

    work = pathlib.Path(tempfile.mkdtemp(prefix="obslab-bench-sync-"))
    process = None
    try:
        started = time.monotonic()
        generate(work / "data" / BUCKET / PREFIX, args.images)
        objects = 2 * args.images
        print(f"generated {args.images} images and {args.images} VOC sidecars ({objects} objects) in {time.monotonic() - started:.1f} s")

        started = time.monotonic()
        process, s3_endpoint, api_endpoint, token = start_server(args.bin, work / "data", work)
        print(f"obslab ({args.bin}) adopted the bucket and started in {time.monotonic() - started:.1f} s, "
              f"peak RSS so far {memory(process.pid)['VmHWM'] / 1024:.0f} MiB")
        peak_reset = reset_peak(process.pid)

        api = API(api_endpoint, token)
        dataset_id = api.call("POST", "datasets", 201, json={
            "dataset_name": "bench", "dataset_type": 1, "work_path": f"/{BUCKET}/output/", "work_path_type": 0,
            "data_sources": [{"data_type": 0, "data_path": f"/{BUCKET}/{PREFIX}"}],
        })["dataset_id"]

        full_seconds, full = api.timed_sync(dataset_id)
        assert full["total_sample_count"] == args.images, full
        dataset = api.call("GET", f"datasets/{dataset_id}")
        print(f"full sync: {objects} objects ({full['add_sample_count']} samples added, {dataset['annotated_sample_count']} labeled, "
              f"{full['sidecars_read']} sidecars read) in {full_seconds:.2f} s: {objects / full_seconds:,.0f} objects/s")

        new = max(1, round(args.images * args.new_fraction))
        upload_seconds = upload_new(s3_endpoint, args.images, new, args.threads)
        print(f"uploaded {new} images and {new} sidecars with {args.threads} threads in {upload_seconds:.1f} s")

        total_objects = objects + 2 * new
        incremental_seconds, incremental = api.timed_sync(dataset_id)
        assert incremental["add_sample_count"] == new and incremental["total_sample_count"] == args.images + new, incremental
        print(f"incremental sync: {total_objects} objects listed, {incremental['add_sample_count']} samples added, "
              f"{incremental['sidecars_read']} sidecars read, {incremental['sidecars_unchanged']} unchanged and not read, "
              f"in {incremental_seconds:.2f} s: {total_objects / incremental_seconds:,.0f} objects/s")

        usage = memory(process.pid)
        scope = "during the syncs" if peak_reset else "since start-up, adoption included"
        print(f"obslab peak RSS (VmHWM) {scope}: {usage['VmHWM'] / 1024:.0f} MiB (now {usage['VmRSS'] / 1024:.0f} MiB)")
    finally:
        if process is not None and process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(30)
            except subprocess.TimeoutExpired:
                process.kill()
        if args.keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
