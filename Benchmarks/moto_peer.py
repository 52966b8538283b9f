#!/usr/bin/env python3
"""moto's own S3 server (what `moto_server` runs), with the benchmark's LIST bucket filled in-process first: 100,000
PUTs through moto's HTTP front would take minutes, its backend takes seconds. The figures then measure moto serving.

    moto_peer.py --port PORT [--list-keys N]
"""
import argparse

from moto.core import DEFAULT_ACCOUNT_ID
from moto.s3.models import s3_backends
from moto.server import main as moto_server

parser = argparse.ArgumentParser()
parser.add_argument("--port", type=int, required=True)
parser.add_argument("--list-keys", type=int, default=0)
args = parser.parse_args()
if args.list_keys:
    backend = s3_backends[DEFAULT_ACCOUNT_ID]["aws"]
    backend.create_bucket("list", "us-east-1")
    for index in range(args.list_keys):
        backend.put_object("list", f"d{index % 100:03d}/k{index:06d}", b"x")
moto_server(["-H", "127.0.0.1", "-p", str(args.port)])
