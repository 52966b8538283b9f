"""Durability under SIGKILL, the short version of Scripts/crash.sh: a few kill/restart rounds of every kind of write
(crash_rounds.py), each followed by `obslab fsck` on the killed data root, the checks of every acknowledged write after
the restart, and a clean `obslab fsck --deep` after a graceful stop; and `obslab fsck` itself on damaged data roots."""
import os
import random
import shutil
import subprocess

import pytest

from crash_rounds import CrashRun
from helpers import unique_name
from servers import obslab_binary, start_obslab

pytestmark = pytest.mark.obslab_only(reason="moto keeps nothing across restarts and has no fsck")

ROUNDS = int(os.environ.get("OBSLAB_CRASH_ROUNDS", "5"))


def test_kill_restart_rounds_lose_nothing_acknowledged(tmp_path):
    CrashRun(tmp_path, rounds=ROUNDS, seed=random.randrange(10**6), log=print).run()


def fsck(data_dir, *flags):
    return subprocess.run([str(obslab_binary()), "fsck", "--data-dir", str(data_dir), *flags],
                          capture_output=True, text=True, timeout=120)


def test_fsck_refuses_a_live_data_root_and_repairs_what_is_safe(tmp_path):
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    srv = start_obslab(data_dir, tmp_path)
    try:
        s3 = srv.client()
        bucket = unique_name("fsck")
        s3.create_bucket(Bucket=bucket)
        for index in range(3):
            s3.put_object(Bucket=bucket, Key=f"k{index}", Body=os.urandom(1000 + index), ChecksumAlgorithm="CRC32")
        busy = fsck(data_dir)
        assert busy.returncode == 2, busy
        assert f"is in use by obslab process {srv.process.pid}; fsck works offline: stop the server first" in busy.stderr
    finally:
        assert srv.stop() == 0

    clean = fsck(data_dir, "--deep")
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert clean.stdout.rstrip().endswith("clean")
    assert "3 version(s)" in clean.stdout

    blobs = sorted((data_dir / ".obslab" / "blobs").glob("*/*"))
    (data_dir / ".obslab" / "staging" / "cut-write").write_bytes(b"half")
    shutil.copy(blobs[0], blobs[0].with_name("not-a-blob"))
    with open(blobs[1], "r+b") as blob:
        blob.truncate(10)
    damaged = fsck(data_dir)
    assert damaged.returncode == 1
    assert "Safe to repair (run again with --repair) (1):" in damaged.stdout
    assert "staging leftover - staging/cut-write" in damaged.stdout
    assert "Needs you (fsck cannot repair it) (2):" in damaged.stdout
    assert "partial or wrong-sized blob - " in damaged.stdout and "has 10 bytes where" in damaged.stdout
    assert "unexpected file - " in damaged.stdout

    repaired = fsck(data_dir, "--repair")
    assert repaired.returncode == 1, "what cannot be repaired is still there"
    assert "Repaired (1):" in repaired.stdout
    assert not (data_dir / ".obslab" / "staging" / "cut-write").exists()

    missing = fsck(tmp_path / "nowhere")
    assert missing.returncode == 2
    assert "is not an obslab data root" in missing.stderr
