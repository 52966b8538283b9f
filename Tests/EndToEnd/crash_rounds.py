#!/usr/bin/env python3
"""Durability under SIGKILL: rounds of concurrent writes of every kind, a kill at a random moment, and checks.

Each round starts `obslab serve` on one data root and runs, at once: PUTs (plain, SSE-S3, SSE-KMS, SSE-C, with SHA-256
checksums), multipart uploads and their completion, copies (changing encryption), versioned writes and deletes, bucket
encryption changes with writes in between, syncs of a dataset while its bucket changes, label edits, sample deletion
with the source files, and one of the two remediations (`obslab remediate new-bucket|disable-encryption`, as the CLI).
Then SIGKILL, and:
  1. `obslab fsck` on the killed data root: only leftovers the next start removes (orphan blobs, staging files), never a
     partial object, a row without its blob or a damaged catalog;
  2. restart: every acknowledged write is there, complete, readable with its checksum (boto3 checks it with
     ChecksumMode); a write whose answer the kill cut is either whole or absent, never a mix; every version acknowledged
     deleted is gone; the pending uploads can be listed and aborted;
  3. every dataset, after one sync, has one sample per image of its input path and no other; acknowledged label edits
     are kept; the interrupted remediation, run again, finishes and labels every sample;
  4. SIGTERM (exit 0), then `obslab fsck --deep`: clean.

    python3 Tests/EndToEnd/crash_rounds.py [--rounds 100] [--seed N] [--work DIR]    (Scripts/crash.sh runs this)

Tests/EndToEnd/test_crash.py runs a few rounds in the end-to-end suite.
"""
from __future__ import annotations

import argparse
import base64
import contextlib
import dataclasses
import hashlib
import json
import os
import pathlib
import random
import signal
import subprocess
import sys
import tempfile
import threading
import time
import traceback

import requests
from botocore.exceptions import BotoCoreError, ClientError

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from servers import Server, obslab_binary, s3_client, start_obslab  # noqa: E402

KiB, MiB = 1024, 1024 * 1024
SIZES = [0, 1, 1 * KiB, 64 * KiB, 300 * KiB, 1 * MiB + 3]
CUSTOMER_KEY = bytes(range(32))
SSE_C = {"SSECustomerAlgorithm": "AES256", "SSECustomerKey": base64.b64encode(CUSTOMER_KEY).decode(),
         "SSECustomerKeyMD5": base64.b64encode(hashlib.md5(CUSTOMER_KEY).digest()).decode()}
PUT_MODES = {"plain": {}, "sse-s3": {"ServerSideEncryption": "AES256"},
             "sse-kms": {"ServerSideEncryption": "aws:kms", "SSEKMSKeyId": "testkey-1"}, "sse-c": SSE_C}
LABELS = ["cat", "dog", "bird"]
PROJECT = "crash"
TOKEN = "crash-token"


class CrashCheckFailed(AssertionError):
    """A round found a lost, partial or inconsistent write."""


def md5(data: bytes) -> str:
    return hashlib.md5(data).hexdigest()


def image(name: str) -> bytes:
    return b"\xff\xd8\xff\xe0" + name.encode() * 4 + b"\xff\xd9"


class Ledger:
    """What was attempted and what was acknowledged, per name, across threads and rounds.

    A name whose last write was cut by the kill is `uncertain`: after the restart it holds either the last acknowledged
    value or one of the attempted ones, never anything else."""

    def __init__(self):
        self.lock = threading.Lock()
        self.attempted: dict[str, set] = {}
        self.acknowledged: dict[str, object] = {}
        self.uncertain: set[str] = set()

    def attempt(self, name: str, value) -> None:
        with self.lock:
            self.attempted.setdefault(name, set()).add(value)
            self.uncertain.add(name)

    def acknowledge(self, name: str, value) -> None:
        with self.lock:
            self.acknowledged[name] = value
            self.uncertain.discard(name)

    def expect(self, name: str, actual, what: str) -> None:
        """`actual` (None: absent) must be the acknowledged value, or, after a cut write, any attempted one."""
        acknowledged = self.acknowledged.get(name)
        if name in self.uncertain:
            if actual is not None and actual != acknowledged and actual not in self.attempted.get(name, set()):
                raise CrashCheckFailed(f"{what}: {actual!r} matches no write (partial or mixed)")
            if actual is None and acknowledged is not None and not self.removal_attempted(name):
                raise CrashCheckFailed(f"{what}: acknowledged {acknowledged!r} is lost")
        elif actual != acknowledged:
            raise CrashCheckFailed(f"{what}: found {actual!r}, the last acknowledged write was {acknowledged!r}")
        self.uncertain.discard(name)
        if actual is None:
            self.acknowledged.pop(name, None)
        else:
            self.acknowledged[name] = actual

    def removal_attempted(self, name: str) -> bool:
        return None in self.attempted.get(name, set())


class ModelArts:
    """The few calls of the ModelArts-style API the rounds need."""

    def __init__(self, endpoint: str):
        self.endpoint, self.session = endpoint.rstrip("/"), requests.Session()
        self.session.headers["X-Auth-Token"] = TOKEN

    def call(self, method: str, path: str, status: int = 200, **kwargs):
        response = self.session.request(method, f"{self.endpoint}/v2/{PROJECT}/{path}", timeout=60, **kwargs)
        if response.status_code != status:
            raise CrashCheckFailed(f"{method} {path}: {response.status_code} {response.text[:500]}")
        return response.json() if response.content else None

    def create_dataset(self, name: str, bucket: str, prefix: str) -> str:
        body = {"workspace_id": "0", "dataset_name": name, "dataset_type": 0, "work_path_type": 0, "description": "",
                "data_sources": [{"data_type": 0, "data_path": f"/{bucket}/{prefix}"}],
                "work_path": f"/{bucket}/output/{name}/", "labels": [{"name": label} for label in LABELS]}
        return self.call("POST", "datasets", 201, json=body)["dataset_id"]

    def datasets(self) -> list[dict]:
        result, total = [], None
        while total is None or len(result) < total:
            page = self.call("GET", "datasets", params={"offset": len(result), "limit": 100})
            total, result = page["total_number"], result + page["datasets"]
            if not page["datasets"]:
                break
        return result

    def sync(self, dataset_id: str, timeout: float = 300) -> dict:
        self.call("POST", f"datasets/{dataset_id}/sync-data")
        deadline = time.monotonic() + timeout
        while True:
            status = self.call("GET", f"datasets/{dataset_id}/sync-data/status")
            if status["status"] not in ("RUNNING", "QUEUING", "STARTING"):
                return status
            if time.monotonic() > deadline:
                raise CrashCheckFailed(f"sync of {dataset_id} still running after {timeout} s")
            time.sleep(0.05)

    def samples(self, dataset_id: str, **conditions) -> list[dict]:
        result, total = [], None
        while total is None or len(result) < total:
            params = {"offset": len(result), "limit": 100}
            if conditions:
                params["search_conditions"] = json.dumps([conditions])
            page = self.call("GET", f"datasets/{dataset_id}/data-annotations/samples", params=params)
            total, result = page["sample_count"], result + page["samples"]
            if not page["samples"]:
                break
        return result


@dataclasses.dataclass
class Round:
    """What the workers of one round share: the server, its clients, and the stop signal."""

    number: int
    server: Server
    api: ModelArts
    rng: random.Random
    stop: threading.Event
    acknowledged: list
    errors: list


class CrashRun:
    """The rounds on one data root, with the ledgers that outlive each server."""

    MAIN_DATASET = "crash-images"

    def __init__(self, work: pathlib.Path, rounds: int, seed: int, log=print):
        self.work, self.rounds, self.seed, self.log = work, rounds, seed, log
        self.data = work / "data"
        self.data.mkdir(parents=True, exist_ok=True)
        self.binary = obslab_binary()
        self.objects, self.multipart, self.copies = Ledger(), Ledger(), Ledger()
        self.encryption, self.encrypted_objects, self.images = Ledger(), Ledger(), Ledger()
        self.labels = Ledger()
        self.versions: dict[str, dict[str, str]] = {}  # key -> acknowledged version id -> md5
        self.version_attempts: dict[str, set[str]] = {}  # key -> md5 of every version PUT
        self.doomed_versions: set[str] = set()  # version ids whose deletion was attempted, not acknowledged
        self.deleted_versions: set[str] = set()  # version ids whose deletion was acknowledged
        self.version_lock = threading.Lock()
        self.main_dataset: str | None = None
        self.next_image = 0
        self.remediation: tuple[list[str], str] | None = None  # this round's command (without endpoints), its dataset
        self.kills_with_leftovers = 0
        self.cut: dict[str, int] = {}  # writes in flight when the server was killed, by kind

    # MARK: Rounds

    def run(self) -> None:
        for number in range(self.rounds):
            started = time.monotonic()
            acknowledged = self.round(number)
            self.log(f"round {number + 1}/{self.rounds}: {acknowledged} acknowledged writes before the kill, "
                     f"checked in {time.monotonic() - started:.1f} s")
        self.log(f"{self.rounds} rounds: 0 lost acknowledged writes, 0 partial objects, fsck clean after each restart "
                 f"({self.kills_with_leftovers} kills left orphan or staging files, removed at the next start)")
        self.log("writes in flight at the kills: " + ", ".join(f"{kind} {count}" for kind, count in sorted(self.cut.items())))

    def start(self) -> tuple[Server, ModelArts]:
        server = start_obslab(self.data, self.work, env={"OBSLAB_API_TOKEN": TOKEN})
        prefix = "obslab ModelArts API endpoint: "
        deadline = time.monotonic() + 30
        while not (endpoints := [line[len(prefix):] for line in server.log().splitlines() if line.startswith(prefix)]):
            if time.monotonic() > deadline or server.process.poll() is not None:
                server.stop(signal.SIGKILL)
                raise CrashCheckFailed(f"obslab serve printed no API endpoint:\n{server.log()[-3000:]}")
            time.sleep(0.02)
        return server, ModelArts(endpoints[0].strip())

    def round(self, number: int) -> int:
        rng = random.Random(self.seed * 1000 + number)
        server, api = self.start()
        try:
            if number == 0:
                self.setup(server, api)
            self.setup_remediation(server, api, number)
            state = Round(number, server, api, rng, threading.Event(), [], [])
            workers = [self.put_objects, self.upload_multipart, self.copy_objects, self.version_objects,
                       self.change_bucket_encryption, self.sync_images, self.edit_labels, self.delete_samples,
                       self.remediate]
            threads = [threading.Thread(target=self.guard, args=(worker, state, index), daemon=True)
                       for index, worker in enumerate(workers)]
            for thread in threads:
                thread.start()
            deadline = time.monotonic() + 60
            wanted = rng.randint(5, 60)
            while len(state.acknowledged) < wanted and time.monotonic() < deadline and not state.errors:
                time.sleep(0.01)
            if state.errors:
                raise CrashCheckFailed(f"a worker failed before the kill: {state.errors[0]}\n{server.log()[-3000:]}")
            time.sleep(rng.uniform(0, 0.5))
            server.process.send_signal(signal.SIGKILL)
            server.process.wait(10)
            state.stop.set()
            for thread in threads:
                thread.join(60)
            alive = [thread for thread in threads if thread.is_alive()]
            if alive:
                frames = sys._current_frames()
                stacks = "".join("".join(traceback.format_stack(frames[t.ident])) for t in alive if t.ident in frames)
                raise CrashCheckFailed(f"{len(alive)} worker(s) did not stop after the kill:\n{stacks}")
        finally:
            server.stop(signal.SIGKILL)
        self.count_cut_writes()
        self.fsck_after_kill()
        server, api = self.start()
        try:
            self.verify(server, api)
            code = server.stop()
            if code != 0:
                raise CrashCheckFailed(f"obslab serve exited {code} on SIGTERM:\n{server.log()[-3000:]}")
        finally:
            server.stop(signal.SIGKILL)
        self.fsck(deep=True, allow_leftovers=False)
        return len(state.acknowledged)

    def guard(self, worker, state: Round, index: int) -> None:
        """Runs a worker until the kill; a failure while the server is up is a finding, one after the kill is not."""
        rng = random.Random(state.rng.random() + index)
        try:
            worker(state, rng)
        except (ClientError, BotoCoreError, OSError, requests.RequestException, CrashCheckFailed) as error:
            if state.server.process.poll() is None and not state.stop.is_set():
                state.errors.append(f"{worker.__name__}: {error!r}")

    # MARK: Setup

    def setup(self, server: Server, api: ModelArts) -> None:
        s3 = self.client(server)
        for bucket in ("crash-objects", "crash-multi", "crash-copy", "crash-versions", "crash-enc", "crash-images"):
            s3.create_bucket(Bucket=bucket)
        s3.put_bucket_versioning(Bucket="crash-versions", VersioningConfiguration={"Status": "Enabled"})
        for index in range(4):
            data = os.urandom(100 * KiB + index)
            s3.put_object(Bucket="crash-copy", Key=f"src/{index}", Body=data)
            self.copies.acknowledge(f"src/{index}", md5(data))
        for index in range(12):
            name = f"images/edit-{index:02d}"
            s3.put_object(Bucket="crash-images", Key=f"{name}.jpg", Body=image(name))
            s3.put_object(Bucket="crash-images", Key=f"{name}.txt", Body=LABELS[index % 3].encode())
            self.images.acknowledge(f"{name}.jpg", md5(image(name)))
            self.labels.acknowledge(f"{name}.jpg", (LABELS[index % 3],))
        self.main_dataset = api.create_dataset(self.MAIN_DATASET, "crash-images", "images/")
        api.sync(self.main_dataset)

    def setup_remediation(self, server: Server, api: ModelArts, number: int) -> None:
        """An encrypted bucket whose labels the labeling service cannot read, its dataset synced (all unlabeled), and
        the remediation to run on it this round."""
        s3 = self.client(server)
        bucket = f"crash-rem-{number}"
        s3.create_bucket(Bucket=bucket)
        s3.put_bucket_encryption(Bucket=bucket, ServerSideEncryptionConfiguration={
            "Rules": [{"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "aws:kms"}}]})
        for index in range(4):
            s3.put_object(Bucket=bucket, Key=f"images/{index}.jpg", Body=image(f"{bucket}/{index}"))
            s3.put_object(Bucket=bucket, Key=f"images/{index}.txt", Body=LABELS[index % 3].encode())
        dataset = api.create_dataset(f"crash-rem-{number}", bucket, "images/")
        api.sync(dataset)
        if number % 2 == 0:
            command = ["remediate", "new-bucket", dataset, "--bucket", f"{bucket}-plain"]
        else:
            command = ["remediate", "disable-encryption", dataset]
        self.remediation = (command, dataset)

    def remediation_command(self, server: Server, api: ModelArts) -> list[str]:
        endpoints = ["--s3-endpoint", server.http, "--api-endpoint", api.endpoint, "--token", TOKEN, "--project", PROJECT]
        return [str(self.binary), *self.remediation[0], *endpoints]

    @staticmethod
    def client(server: Server):
        # No retries: a request the kill cuts must fail, not be replayed against the restarted server.
        return s3_client(server, retries={"max_attempts": 0}, connect_timeout=2, read_timeout=30)

    # MARK: Workers (each owns its names, so "the last acknowledged write" of a name is exact)

    def put_objects(self, state: Round, rng: random.Random) -> None:
        s3 = self.client(state.server)
        while not state.stop.is_set():
            mode = rng.choice(list(PUT_MODES))
            key = f"{mode}/{rng.randrange(4)}"
            data = rng.randbytes(rng.choice(SIZES))
            self.objects.attempt(key, md5(data))
            s3.put_object(Bucket="crash-objects", Key=key, Body=data, ChecksumAlgorithm="SHA256", **PUT_MODES[mode])
            self.objects.acknowledge(key, md5(data))
            state.acknowledged.append(key)

    def upload_multipart(self, state: Round, rng: random.Random) -> None:
        s3 = self.client(state.server)
        while not state.stop.is_set():
            key = f"mp/{rng.randrange(3)}"
            parts = [rng.randbytes(5 * MiB), rng.randbytes(rng.randrange(1, 200 * KiB))]
            whole = b"".join(parts)
            upload = s3.create_multipart_upload(Bucket="crash-multi", Key=key, ChecksumAlgorithm="SHA256")["UploadId"]
            done = []
            for number, part in enumerate(parts, start=1):
                answer = s3.upload_part(Bucket="crash-multi", Key=key, UploadId=upload, PartNumber=number, Body=part,
                                        ChecksumAlgorithm="SHA256")
                done.append({"PartNumber": number, "ETag": answer["ETag"], "ChecksumSHA256": answer["ChecksumSHA256"]})
            if rng.random() < 0.2:
                s3.abort_multipart_upload(Bucket="crash-multi", Key=key, UploadId=upload)
                continue
            self.multipart.attempt(key, md5(whole))
            s3.complete_multipart_upload(Bucket="crash-multi", Key=key, UploadId=upload, MultipartUpload={"Parts": done})
            self.multipart.acknowledge(key, md5(whole))
            state.acknowledged.append(key)

    def copy_objects(self, state: Round, rng: random.Random) -> None:
        s3 = self.client(state.server)
        while not state.stop.is_set():
            source, key = f"src/{rng.randrange(4)}", f"dst/{rng.randrange(4)}"
            encryption = rng.choice([{}, {"ServerSideEncryption": "AES256"},
                                     {"ServerSideEncryption": "aws:kms", "SSEKMSKeyId": "testkey-2"}])
            digest = self.copies.acknowledged[source]
            self.copies.attempt(key, digest)
            s3.copy_object(Bucket="crash-copy", Key=key, CopySource={"Bucket": "crash-copy", "Key": source}, **encryption)
            self.copies.acknowledge(key, digest)
            state.acknowledged.append(key)

    def version_objects(self, state: Round, rng: random.Random) -> None:
        s3 = self.client(state.server)
        while not state.stop.is_set():
            key = f"v/{rng.randrange(3)}"
            known = self.versions.setdefault(key, {})
            action = rng.random()
            if action < 0.6 or not known:
                data = rng.randbytes(rng.choice(SIZES[:4]))
                with self.version_lock:
                    self.version_attempts.setdefault(key, set()).add(md5(data))
                version = s3.put_object(Bucket="crash-versions", Key=key, Body=data)["VersionId"]
                with self.version_lock:
                    known[version] = md5(data)
            elif action < 0.75:
                s3.delete_object(Bucket="crash-versions", Key=key)  # a delete marker: every version stays
            else:
                version = rng.choice(sorted(known))
                with self.version_lock:
                    self.doomed_versions.add(version)
                s3.delete_object(Bucket="crash-versions", Key=key, VersionId=version)
                with self.version_lock:
                    known.pop(version, None)
                    self.deleted_versions.add(version)
                    self.doomed_versions.discard(version)
            state.acknowledged.append(key)

    def change_bucket_encryption(self, state: Round, rng: random.Random) -> None:
        s3 = self.client(state.server)
        while not state.stop.is_set():
            algorithm = rng.choice([None, "AES256", "aws:kms"])
            self.encryption.attempt("crash-enc", algorithm)
            if algorithm is None:
                s3.delete_bucket_encryption(Bucket="crash-enc")
            else:
                s3.put_bucket_encryption(Bucket="crash-enc", ServerSideEncryptionConfiguration={
                    "Rules": [{"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": algorithm}}]})
            self.encryption.acknowledge("crash-enc", algorithm)
            key, data = f"e/{rng.randrange(3)}", rng.randbytes(rng.choice(SIZES[:5]))
            self.encrypted_objects.attempt(key, md5(data))
            s3.put_object(Bucket="crash-enc", Key=key, Body=data, ChecksumAlgorithm="SHA256")
            self.encrypted_objects.acknowledge(key, md5(data))
            state.acknowledged.append(key)

    def sync_images(self, state: Round, rng: random.Random) -> None:
        """New labeled images, vanishing images, and syncs of the dataset over them."""
        s3 = self.client(state.server)
        while not state.stop.is_set():
            if rng.random() < 0.3 and self.next_image > 0:
                key = f"images/new-{rng.randrange(self.next_image):04d}.jpg"
                self.images.attempt(key, None)
                s3.delete_object(Bucket="crash-images", Key=key)
                self.images.acknowledge(key, None)
            else:
                name = f"images/new-{self.next_image:04d}"
                self.next_image += 1
                s3.put_object(Bucket="crash-images", Key=f"{name}.txt", Body=rng.choice(LABELS).encode())
                self.images.attempt(f"{name}.jpg", md5(image(name)))
                s3.put_object(Bucket="crash-images", Key=f"{name}.jpg", Body=image(name))
                self.images.acknowledge(f"{name}.jpg", md5(image(name)))
            state.api.call("POST", f"datasets/{self.main_dataset}/sync-data")
            state.acknowledged.append("sync")
            time.sleep(rng.uniform(0, 0.2))

    def edit_labels(self, state: Round, rng: random.Random) -> None:
        """Labels set by hand on the `edit-*` samples (their label files never change, so syncs keep the edits)."""
        while not state.stop.is_set():
            key = f"images/edit-{rng.randrange(12):02d}.jpg"
            found = state.api.samples(self.main_dataset, sample_name=key.removeprefix("images/"))
            sample = next(s for s in found if s["source"].endswith("/" + key))
            labels = tuple(sorted(rng.sample(LABELS, rng.randint(1, 2))))
            self.labels.attempt(key, labels)
            answer = state.api.call("PUT", f"datasets/{self.main_dataset}/data-annotations/samples", json={
                "samples": [{"sample_id": sample["sample_id"], "labels": [{"name": name} for name in labels]}]})
            if not answer.get("success", True):
                raise CrashCheckFailed(f"label edit refused: {answer}")
            self.labels.acknowledge(key, labels)
            state.acknowledged.append(key)

    def delete_samples(self, state: Round, rng: random.Random) -> None:
        """Samples deleted with their source files: the object must go with the sample."""
        s3 = self.client(state.server)
        while not state.stop.is_set():
            name = f"images/del-{state.number:03d}-{rng.randrange(10**6):06d}"
            s3.put_object(Bucket="crash-images", Key=f"{name}.jpg", Body=image(name))
            self.images.acknowledge(f"{name}.jpg", md5(image(name)))
            state.api.sync(self.main_dataset)
            found = state.api.samples(self.main_dataset, sample_name=f"{name.removeprefix('images/')}.jpg")
            if not found:
                continue  # a sync that started before the upload finished without it; the next one adds it
            self.images.attempt(f"{name}.jpg", None)
            state.api.call("POST", f"datasets/{self.main_dataset}/data-annotations/samples/delete",
                           json={"samples": [found[0]["sample_id"]], "delete_source": True})
            self.images.acknowledge(f"{name}.jpg", None)
            state.acknowledged.append(name)

    def remediate(self, state: Round, rng: random.Random) -> None:
        """The round's remediation, started at a random moment; the kill usually cuts it, and then this client is killed
        too (the CLI would otherwise wait out its request timeout before it reports the server gone)."""
        time.sleep(rng.uniform(0, 1.5))
        if state.stop.is_set():
            return
        command = self.remediation_command(state.server, state.api)
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        while process.poll() is None and not state.stop.is_set():
            time.sleep(0.01)
        if process.poll() is None:
            process.kill()
            process.wait()
            self.cut["remediation"] = self.cut.get("remediation", 0) + 1
            return
        output = process.stdout.read()
        if process.returncode == 0:
            state.acknowledged.append("remediation")
        elif state.server.process.poll() is None and not state.stop.is_set():
            raise CrashCheckFailed(f"{' '.join(command[1:4])} failed with the server up:\n{output}")

    # MARK: Checks

    def fsck(self, deep: bool, allow_leftovers: bool) -> str:
        command = [str(self.binary), "fsck", "--data-dir", str(self.data)] + (["--deep"] if deep else [])
        result = subprocess.run(command, capture_output=True, text=True, timeout=600)
        report = result.stdout + result.stderr
        if result.returncode == 0:
            return report
        damage = "Needs you" in report or "Labeling catalog (" in report
        if result.returncode == 1 and allow_leftovers and not damage:
            return report
        raise CrashCheckFailed(f"obslab fsck exited {result.returncode}:\n{report}")

    def count_cut_writes(self) -> None:
        ledgers = {"PUT": self.objects, "multipart completion": self.multipart, "copy": self.copies,
                   "bucket encryption change": self.encryption, "PUT after an encryption change": self.encrypted_objects,
                   "image upload or deletion": self.images, "label edit": self.labels}
        for kind, ledger in ledgers.items():
            self.cut[kind] = self.cut.get(kind, 0) + len(ledger.uncertain)
        self.cut["versioned delete"] = self.cut.get("versioned delete", 0) + len(self.doomed_versions)

    def fsck_after_kill(self) -> None:
        """Right after the kill: leftovers of interrupted writes are expected, damage is not."""
        report = self.fsck(deep=False, allow_leftovers=True)
        if "Safe to repair" in report:
            self.kills_with_leftovers += 1

    def verify(self, server: Server, api: ModelArts) -> None:
        s3 = self.client(server)
        for ledger, bucket in ((self.objects, "crash-objects"), (self.multipart, "crash-multi"),
                               (self.copies, "crash-copy"), (self.encrypted_objects, "crash-enc")):
            self.verify_objects(s3, ledger, bucket)
        for upload in s3.list_multipart_uploads(Bucket="crash-multi").get("Uploads", []):
            self.cut["multipart upload (its parts)"] = self.cut.get("multipart upload (its parts)", 0) + 1
            s3.list_parts(Bucket="crash-multi", Key=upload["Key"], UploadId=upload["UploadId"])
            s3.abort_multipart_upload(Bucket="crash-multi", Key=upload["Key"], UploadId=upload["UploadId"])
        self.verify_versions(s3)
        try:
            current = s3.get_bucket_encryption(Bucket="crash-enc")["ServerSideEncryptionConfiguration"]
            algorithm = current["Rules"][0]["ApplyServerSideEncryptionByDefault"]["SSEAlgorithm"]
        except ClientError as error:
            if error.response["Error"]["Code"] != "ServerSideEncryptionConfigurationNotFoundError":
                raise
            algorithm = None
        self.encryption.expect("crash-enc", algorithm, "default encryption of crash-enc")
        self.verify_datasets(server, s3, api)

    def verify_objects(self, s3, ledger: Ledger, bucket: str) -> None:
        names = set(ledger.acknowledged) | ledger.uncertain | set(ledger.attempted)
        listed = {o["Key"]: o for o in s3.list_objects_v2(Bucket=bucket).get("Contents", [])}
        for key in sorted(names):
            if key.startswith("src/") and bucket == "crash-copy":
                continue
            extra = SSE_C if key.startswith("sse-c/") else {}
            try:
                got = s3.get_object(Bucket=bucket, Key=key, ChecksumMode="ENABLED", **extra)
            except ClientError as error:
                if error.response["Error"]["Code"] != "NoSuchKey":
                    raise CrashCheckFailed(f"{bucket}/{key}: {error}")
                if key in listed:
                    raise CrashCheckFailed(f"{bucket}/{key} is listed but cannot be read")
                ledger.expect(key, None, f"{bucket}/{key}")
                continue
            body = got["Body"].read()  # botocore checks the checksum the server returns against these bytes
            if len(body) != got["ContentLength"] or key not in listed or listed[key]["Size"] != len(body):
                raise CrashCheckFailed(f"{bucket}/{key}: {len(body)} bytes read, {got['ContentLength']} announced")
            ledger.expect(key, md5(body), f"{bucket}/{key}")

    def verify_versions(self, s3) -> None:
        for key, known in self.versions.items():
            listing = s3.list_object_versions(Bucket="crash-versions", Prefix=key)
            present = {v["VersionId"] for v in listing.get("Versions", []) if v["Key"] == key}
            for version, digest in list(known.items()):
                if version not in present:
                    if version in self.doomed_versions:
                        known.pop(version)
                        continue
                    raise CrashCheckFailed(f"crash-versions/{key} version {version} was acknowledged and is lost")
            for version in present:
                if version in self.deleted_versions:
                    raise CrashCheckFailed(f"crash-versions/{key} version {version} was deleted (acknowledged) and is back")
                body = s3.get_object(Bucket="crash-versions", Key=key, VersionId=version)["Body"].read()
                if version in known and md5(body) != known[version]:
                    raise CrashCheckFailed(f"crash-versions/{key} version {version} changed")
                if md5(body) not in self.version_attempts.get(key, set()):
                    raise CrashCheckFailed(f"crash-versions/{key} version {version} matches no write")
                known[version] = md5(body)
        self.doomed_versions.clear()  # every deletion the kill cut is settled now, one way or the other

    def verify_datasets(self, server: Server, s3, api: ModelArts) -> None:
        """Every dataset, after one sync, has exactly one sample per image of its input path."""
        for key in sorted(set(self.images.acknowledged) | self.images.uncertain):
            try:
                body = s3.get_object(Bucket="crash-images", Key=key)["Body"].read()
                self.images.expect(key, md5(body), f"crash-images/{key}")
            except ClientError as error:
                if error.response["Error"]["Code"] != "NoSuchKey":
                    raise
                self.images.expect(key, None, f"crash-images/{key}")
        remediated = self.remediation[1]
        result = subprocess.run(self.remediation_command(server, api), capture_output=True, text=True, timeout=300)
        if result.returncode != 0:
            raise CrashCheckFailed(f"the remediation, run again after the kill, failed:\n{result.stdout}\n{result.stderr}")
        for dataset in api.datasets():
            status = api.sync(dataset["dataset_id"])
            if status["status"] != "COMPLETED":
                raise CrashCheckFailed(f"sync of {dataset['dataset_name']} after the restart: {status}")
            bucket, prefix = dataset["data_sources"][0]["data_path"].strip("/").split("/", 1)
            listed = s3.list_objects_v2(Bucket=bucket, Prefix=prefix + "/", MaxKeys=1000).get("Contents", [])
            images = {f"{bucket}/{o['Key']}" for o in listed if o["Key"].endswith(".jpg")}
            samples = api.samples(dataset["dataset_id"])
            sources = [s["source"].removeprefix("obs://") for s in samples]
            if sorted(sources) != sorted(images):
                raise CrashCheckFailed(f"dataset {dataset['dataset_name']} after a sync: samples {sorted(set(sources) ^ images)} "
                                       f"differ from the bucket ({len(sources)} samples, {len(images)} images)")
            if dataset["dataset_id"] == remediated and any(s["sample_status"] != "__ALL__" for s in samples):
                raise CrashCheckFailed(f"the remediated dataset {dataset['dataset_name']} still has unlabeled samples")
            if dataset["dataset_id"] == self.main_dataset:
                self.verify_labels(samples)
            elif dataset["dataset_id"] == remediated:
                api.call("DELETE", f"datasets/{remediated}", 204)  # done with: keeps the next rounds' syncs short

    def verify_labels(self, samples: list[dict]) -> None:
        by_key = {s["source"].split("/", 3)[3]: s for s in samples}
        for key in sorted(set(self.labels.acknowledged) | self.labels.uncertain):
            labels = tuple(sorted(label["name"] for label in by_key[key]["labels"]))
            self.labels.expect(key, labels, f"labels of {key}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=100)
    parser.add_argument("--seed", type=int, default=int(time.time()))
    parser.add_argument("--work", type=pathlib.Path, help="keep the data root and logs here (default: a temporary folder)")
    args = parser.parse_args()
    work = args.work or pathlib.Path(tempfile.mkdtemp(prefix="obslab-crash-"))
    print(f"crash rounds: {args.rounds}, seed {args.seed}, binary {obslab_binary()}, data root {work / 'data'}", flush=True)
    try:
        CrashRun(work, args.rounds, args.seed, log=lambda line: print(line, flush=True)).run()
    except CrashCheckFailed as failure:
        print(f"FAILED: {failure}\n(data root and server logs kept in {work})", flush=True)
        sys.exit(1)
    if not args.work:
        import shutil
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
