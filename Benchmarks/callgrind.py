"""`bench.sh --callgrind`: instructions per request, counted by valgrind's callgrind, which gives the same count run
after run whatever else the machine does. obslab and the bare server each run under callgrind; after a warm-up the
counters are zeroed, a known number of requests is sent over one keep-alive connection, and the counters dumped.
Prints instructions per GET 4 KiB, HEAD, PUT 4 KiB and LIST 1000 keys, the bare server's for the same requests, the
ratio, and obslab's most expensive functions for GET and PUT (inclusive), the profile to read before and after a change.
"""
from __future__ import annotations

import glob
import http.client
import os
import pathlib
import re
import shutil
import subprocess
import tempfile
import time

from bench import ACCESS, KiB, SECRET, Bench, free_port, wait_for_port

REQUESTS = 50


def send(endpoint: str, paths: list[str], method: str, body: bytes | None, count: int) -> None:
    host, port = endpoint.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=600)
    for index in range(count):
        connection.request(method, paths[index % len(paths)], body=body)
        response = connection.getresponse()
        response.read()
        if response.status != 200:
            raise SystemExit(f"{method} {paths[index % len(paths)]}: {response.status}")
    connection.close()


def measure(pid: int, work: pathlib.Path, endpoint: str, paths: list[str], method: str, body: bytes | None) -> tuple[float, str]:
    send(endpoint, paths, method, body, 5)  # warm: connection set-up, caches, lazy initialisation
    subprocess.run(["callgrind_control", "-z", str(pid)], check=True, capture_output=True)
    send(endpoint, paths, method, body, REQUESTS)
    before = set(glob.glob(str(work / f"callgrind.out.{pid}.*")))
    subprocess.run(["callgrind_control", "-d", str(pid)], check=True, capture_output=True)
    deadline = time.monotonic() + 120
    while not (new := set(glob.glob(str(work / f"callgrind.out.{pid}.*"))) - before) and time.monotonic() < deadline:
        time.sleep(0.2)
    dump = max(new, key=os.path.getmtime)
    text = pathlib.Path(dump).read_text(errors="replace")
    total = int(re.search(r"^(?:summary|totals): (\d+)", text, re.M).group(1))
    return total / REQUESTS, dump


def run_callgrind(args) -> None:
    if not shutil.which("valgrind") or not shutil.which("callgrind_control"):
        raise SystemExit("valgrind is not installed (Scripts/bench.sh --callgrind installs it)")
    bench = Bench(args)
    work = bench.work
    data = work / "callgrind-data"
    (data / "list").mkdir(parents=True, exist_ok=True)
    for index in range(1000):
        (data / "list" / f"k{index:04d}").write_bytes(b"x")
    port, api_port = free_port(), free_port()
    obslab = bench.spawn(["valgrind", "--tool=callgrind", args.obslab, "serve", "--port", str(port), "--api-port", str(api_port),
                          "--data-dir", str(data), "--log-level", "warning"], "obslab-callgrind")
    wait_for_port(port, obslab)
    endpoint = f"http://127.0.0.1:{port}"
    bare_port = free_port()
    bare = bench.spawn(["valgrind", "--tool=callgrind", str(bench.tools / "BareServer"), "--port", str(bare_port)], "bare-callgrind")
    wait_for_port(bare_port, bare)
    bare_endpoint = f"http://127.0.0.1:{bare_port}"
    try:
        client = Bench.s3(endpoint)
        client.create_bucket(Bucket="cg")
        client.put_object(Bucket="cg", Key="obj4k", Body=os.urandom(4 * KiB))
        cases = [
            ("GET 4 KiB", "GET", bench.presign(endpoint, "/cg/obj4k"), None),
            ("HEAD 4 KiB", "HEAD", bench.presign(endpoint, "/cg/obj4k", "HEAD"), None),
            ("PUT 4 KiB (durable)", "PUT", bench.presign(endpoint, "/cg/put-{n}", "PUT", REQUESTS + 5), os.urandom(4 * KiB)),
            ("LIST 1000 keys", "GET", bench.presign(endpoint, "/list", "GET", query="list-type=2&max-keys=1000"), None),
        ]
        print(f"instructions per request (callgrind, {REQUESTS} requests after 5 warm-up ones, one keep-alive connection)")
        print(f"{'request':<24} {'obslab':>14} {'bare server':>14} {'bare/obslab':>12}")
        dumps = {}
        for name, method, urls, body in cases:
            paths = urls.read_text().split()
            mine, dumps[name] = measure(obslab.pid, work, endpoint, paths, method, body)
            theirs, _ = measure(bare.pid, work, bare_endpoint, paths, method, body)
            print(f"{name:<24} {mine:>14,.0f} {theirs:>14,.0f} {theirs / mine:>11.2f}x")
        for name in ("GET 4 KiB", "PUT 4 KiB (durable)"):
            print(f"\nobslab's costliest functions for {name} (inclusive instructions, all {REQUESTS} requests):")
            annotated = subprocess.run(["callgrind_annotate", "--inclusive=yes", dumps[name]], capture_output=True, text=True).stdout
            rows = [line for line in annotated.splitlines() if re.match(r"^\s*[\d,]+ \(", line)]
            for line in rows[:25]:
                print("  " + line.strip()[:150])
    finally:
        bench.stop_all()
    if not args.work:
        shutil.rmtree(work, ignore_errors=True)
