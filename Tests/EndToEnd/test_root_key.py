"""The root key: KMS key material and users' secret keys are sealed under a key that lives outside the data root, so a
copy of the data root alone reads nothing encrypted; the files of `.obslab` are for their user only."""
from __future__ import annotations

import base64
import hashlib
import json
import os
import pathlib
import shutil
import sqlite3
import stat
import subprocess

import pytest
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from helpers import unique_name
from servers import obslab_binary, root_key_file, s3_client, server_environment, start_obslab
from test_encryption import fields, obslab

pytestmark = pytest.mark.obslab_only(reason="moto has no root key")

WRONG_KEY_MESSAGE = ("the data root's keys are encrypted under another root key; give the one it was created with via "
                     "--root-key-file or OBSLAB_ROOT_KEY")
PLAINTEXT = b"".join(b"line %05d of a confidential document that moves machines\n" % i for i in range(3000))


def serve_expecting_failure(data_dir: pathlib.Path, work: pathlib.Path, *args: str,
                            env: dict | None = None) -> subprocess.CompletedProcess:
    """Runs `obslab serve` that must stop by itself at start-up; returns its exit status and output."""
    command = [str(obslab_binary()), "serve", "--host", "127.0.0.1", "--port", "0", "--api-port", "0",
               "--data-dir", str(data_dir), *args]
    result = subprocess.run(command, capture_output=True, text=True, timeout=60, cwd=work,
                            env=server_environment(work, env))
    assert result.returncode == 1, f"expected exit status 1 (an error, not a crash):\n{result.stdout}\n{result.stderr}"
    assert "Fatal error" not in result.stderr
    return result


def tree(path: pathlib.Path, lock: bool = True) -> dict[str, bytes]:
    """Every file below `path` with its bytes: what someone holding a copy of the folder can read. Without `lock`,
    less `.obslab/lock`, where every start, refused or not, writes its process id."""
    files = {str(p.relative_to(path)): p.read_bytes() for p in sorted(path.rglob("*")) if p.is_file()}
    if not lock:
        files.pop(".obslab/lock", None)
    return files


def read_root_key(path: pathlib.Path) -> bytes:
    return base64.b64decode(path.read_text().strip())


def unseal(root_key: bytes, sealed: bytes, context: str) -> bytes:
    """Opens a value sealed under the root key: version 1, nonce, ciphertext and tag, with the context as associated data."""
    assert sealed[0] == 1
    return AESGCM(root_key).decrypt(sealed[1:13], sealed[13:], b"\x01obslab root key:" + context.encode())


def unwrap(material: bytes, wrapped: bytes) -> bytes:
    """Opens an object's data key wrapped by a KMS (or the server-managed) key: the header is the associated data."""
    header_end = 3 + wrapped[2]
    return AESGCM(material).decrypt(wrapped[header_end:header_end + 12], wrapped[header_end + 12:], wrapped[:header_end])


def envelopes(data_dir: pathlib.Path, scratch: pathlib.Path) -> dict[str, dict]:
    """The encryption envelope of each object key, read from a scratch copy of the catalog (reading a WAL database
    may write beside it)."""
    scratch.mkdir()
    for name in ("catalog.sqlite", "catalog.sqlite-wal"):
        if (data_dir / ".obslab" / name).exists():
            shutil.copy(data_dir / ".obslab" / name, scratch / name)
    with sqlite3.connect(scratch / "catalog.sqlite") as db:
        rows = db.execute("SELECT key, encryption FROM objectVersion WHERE encryption IS NOT NULL").fetchall()
    return {key: json.loads(envelope) for key, envelope in rows}


def test_a_copied_data_root_reads_nothing_without_its_root_key(tmp_path):
    machine_a, machine_b = tmp_path / "machine-a", tmp_path / "machine-b"
    machine_a.mkdir()
    machine_b.mkdir()
    data = machine_a / "data"
    data.mkdir()
    customer_key = os.urandom(32)
    srv = start_obslab(data, machine_a)
    try:
        s3 = srv.client()
        bucket = unique_name("moved")
        s3.create_bucket(Bucket=bucket)
        s3.put_object(Bucket=bucket, Key="sse-s3", Body=PLAINTEXT, ServerSideEncryption="AES256")
        s3.put_object(Bucket=bucket, Key="sse-kms", Body=PLAINTEXT, ServerSideEncryption="aws:kms", SSEKMSKeyId="testkey-1")
        s3.put_object(Bucket=bucket, Key="sse-c", Body=PLAINTEXT, SSECustomerAlgorithm="AES256", SSECustomerKey=customer_key)
        user = fields(obslab(srv, "user", "create", "mover").stdout)
        mover = s3_client(srv, access_key=user["access key"], secret_key=user["secret key"])
        own_bucket = unique_name("mover")
        mover.create_bucket(Bucket=own_bucket)
        mover.put_object(Bucket=own_bucket, Key="note", Body=b"the mover's own object")
        kms_keys = obslab(srv, "kms", "list").stdout
    finally:
        assert srv.stop() == 0

    copy = machine_b / "data"
    shutil.copytree(data, copy)
    copied = tree(copy)

    # Machine B has a root key of its own: made on first use in its configuration folder, given by file or environment.
    other_key = machine_b / "other.key"
    other_key.write_text(base64.b64encode(os.urandom(32)).decode())
    other_key.chmod(0o600)
    attempts = [
        serve_expecting_failure(copy, machine_b),
        serve_expecting_failure(copy, machine_b, "--root-key-file", str(other_key)),
        serve_expecting_failure(copy, machine_b, env={"OBSLAB_ROOT_KEY": os.urandom(32).hex()}),
    ]
    for attempt in attempts:
        assert WRONG_KEY_MESSAGE in attempt.stderr + attempt.stdout
    assert (machine_b / "config" / "obslab" / "root.key").is_file()  # the first attempt made machine B's default key
    assert tree(copy, lock=False) == tree(data, lock=False), "a refused start changed the data root"

    # Reading the copied files directly: no key material, secret or plaintext in the clear. The KMS material is
    # known here only by unsealing it with machine A's root key, and is shown to be the real material by unwrapping
    # the objects' data keys with it.
    root_key = read_root_key(root_key_file(machine_a))
    keys_json = json.loads(copied[".obslab/kms/keys.json"])
    material = {}
    for name, content in copied.items():
        if name.startswith(".obslab/kms/material/"):
            assert name.endswith(".sealed"), name
            key_id = pathlib.Path(name).stem
            material[key_id] = unseal(root_key, content, f"kms-material:{key_id}")
    assert set(material) == {keys_json["managedKey"]["id"]} | {key["id"] for key in keys_json["keys"]}
    objects = envelopes(copy, tmp_path / "scratch")
    assert {objects["sse-s3"]["mode"], objects["sse-kms"]["mode"], objects["sse-c"]["mode"]} == {"AES256", "aws:kms", "SSE-C"}
    for key in ("sse-s3", "sse-kms"):
        wrapped = base64.b64decode(objects[key]["dataKey"])
        key_id = wrapped[3:3 + wrapped[2]].decode()
        assert len(unwrap(material[key_id], wrapped)) == 32
    secrets = {
        "the user's secret key": user["secret key"].encode(),
        "the SSE-C key": customer_key,
        "the SSE-C key in base64": base64.b64encode(customer_key),
        "the root key": root_key,
        "the root key in base64": base64.b64encode(root_key),
        "the objects' plaintext": PLAINTEXT[40_000:40_064],
        **{f"the material of KMS key {key_id}": value for key_id, value in material.items()},
        **{f"the material of KMS key {key_id} in base64": base64.b64encode(value) for key_id, value in material.items()},
    }
    for name, content in copied.items():
        for what, secret in secrets.items():
            assert secret not in content, f"{what} is in the clear in {name}"

    # With machine A's root key, the copy serves everything.
    srv = start_obslab(copy, machine_b, root_key=root_key_file(machine_a))
    try:
        s3 = srv.client()
        assert s3.get_object(Bucket=bucket, Key="sse-s3")["Body"].read() == PLAINTEXT
        assert s3.get_object(Bucket=bucket, Key="sse-kms")["Body"].read() == PLAINTEXT
        assert s3.get_object(Bucket=bucket, Key="sse-c", SSECustomerAlgorithm="AES256",
                             SSECustomerKey=customer_key)["Body"].read() == PLAINTEXT
        mover = s3_client(srv, access_key=user["access key"], secret_key=user["secret key"])
        assert mover.get_object(Bucket=own_bucket, Key="note")["Body"].read() == b"the mover's own object"
        assert obslab(srv, "kms", "list").stdout == kms_keys
    finally:
        assert srv.stop() == 0


def modes(path: pathlib.Path) -> dict[str, str]:
    """The permission bits of `path` and of everything below it."""
    return {str(p.relative_to(path.parent)): oct(stat.S_IMODE(p.lstat().st_mode)) for p in [path, *sorted(path.rglob("*"))]}


def test_without_flags_a_private_root_key_is_made_in_the_configuration_folder(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    config = tmp_path / "xdg"
    key_file = config / "obslab" / "root.key"
    srv = start_obslab(data, tmp_path, root_key=None, env={"XDG_CONFIG_HOME": str(config)})
    try:
        assert any(line.startswith(f"obslab root key: {key_file} (created now") for line in srv.banner), srv.banner
        assert oct(stat.S_IMODE(key_file.stat().st_mode)) == "0o600"
        assert oct(stat.S_IMODE(key_file.parent.stat().st_mode)) == "0o700"
        s3 = srv.client()
        s3.create_bucket(Bucket="private")
        s3.put_object(Bucket="private", Key="doc", Body=PLAINTEXT, ServerSideEncryption="aws:kms")
        obslab(srv, "user", "create", "someone")
        obslab(srv, "kms", "create", "--alias", "made-here")
    finally:
        assert srv.stop() == 0
    wrong = {name: mode for name, mode in modes(data / ".obslab").items()
             if mode != ("0o700" if (data / name).is_dir() else "0o600")}
    assert not wrong, f"not private to the user: {wrong}"

    srv = start_obslab(data, tmp_path, root_key=None, env={"XDG_CONFIG_HOME": str(config)})
    try:
        assert f"obslab root key: {key_file}" in srv.banner
        assert srv.client().get_object(Bucket="private", Key="doc")["Body"].read() == PLAINTEXT
    finally:
        assert srv.stop() == 0

    # Without $XDG_CONFIG_HOME: ~/.config/obslab/root.key.
    home = tmp_path / "home"
    other = tmp_path / "other-data"
    other.mkdir()
    srv = start_obslab(other, tmp_path, root_key=None, env={"XDG_CONFIG_HOME": "", "HOME": str(home)})
    try:
        assert any(line.startswith(f"obslab root key: {home}/.config/obslab/root.key (created now") for line in srv.banner)
    finally:
        assert srv.stop() == 0


def test_the_root_key_from_the_environment_and_clear_start_up_errors(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    key = os.urandom(32)
    srv = start_obslab(data, tmp_path, root_key=None, env={"OBSLAB_ROOT_KEY": key.hex()})
    try:
        assert "obslab root key: $OBSLAB_ROOT_KEY" in srv.banner
        assert key.hex() not in srv.log() and base64.b64encode(key).decode() not in srv.log()
        s3 = srv.client()
        s3.create_bucket(Bucket="env")
        s3.put_object(Bucket="env", Key="doc", Body=PLAINTEXT, ServerSideEncryption="AES256")
    finally:
        assert srv.stop() == 0
    assert not (tmp_path / "config").exists()  # no default key file was made

    # The same key in base64 opens the data root.
    srv = start_obslab(data, tmp_path, root_key=None, env={"OBSLAB_ROOT_KEY": base64.b64encode(key).decode()})
    try:
        assert srv.client().get_object(Bucket="env", Key="doc")["Body"].read() == PLAINTEXT
    finally:
        assert srv.stop() == 0

    before = tree(data, lock=False)
    bad = serve_expecting_failure(data, tmp_path, env={"OBSLAB_ROOT_KEY": "0123456789abcdef"})
    assert "$OBSLAB_ROOT_KEY does not hold a root key" in bad.stderr
    assert "0123456789abcdef" not in bad.stderr + bad.stdout
    missing = serve_expecting_failure(data, tmp_path, "--root-key-file", str(tmp_path / "nowhere.key"))
    assert f"The root key file {tmp_path / 'nowhere.key'} does not exist" in missing.stderr
    wrong = serve_expecting_failure(data, tmp_path, env={"OBSLAB_ROOT_KEY": hashlib.sha256(key).hexdigest()})
    assert WRONG_KEY_MESSAGE in wrong.stderr
    assert tree(data, lock=False) == before

    inside = data / "root.key"
    inside.write_text(base64.b64encode(key).decode())
    carried = serve_expecting_failure(data, tmp_path, "--root-key-file", str(inside))
    assert f"The root key file {inside} is inside the data root {data}" in carried.stderr


def downgrade(data_dir: pathlib.Path, root_key: bytes) -> dict[str, str]:
    """Turns a data root into what obslab wrote before root keys: KMS material in the clear (`material/<id>.key`,
    `keys.json` format 1), users' secret keys in the clear in the catalog (no `sealedSecretKey` column, its migration not
    applied), no root key check, files 0644 in folders 0755. Starting from a data root of this version keeps the objects
    real: encrypted with the very material that the earlier-format files then hold in the clear. Returns the users'
    secrets by access key."""
    obslab_dir = data_dir / ".obslab"
    for sealed in (obslab_dir / "kms" / "material").glob("*.sealed"):
        sealed.with_suffix(".key").write_bytes(unseal(root_key, sealed.read_bytes(), f"kms-material:{sealed.stem}"))
        sealed.unlink()
    metadata = json.loads((obslab_dir / "kms" / "keys.json").read_text())
    metadata["formatVersion"] = 1
    (obslab_dir / "kms" / "keys.json").write_text(json.dumps(metadata, indent=2))
    with sqlite3.connect(obslab_dir / "catalog.sqlite") as db:
        users = db.execute("SELECT accessKey, sealedSecretKey FROM user").fetchall()
        secrets = {access: unseal(root_key, sealed, f"user-secret:{access}").decode() for access, sealed in users}
        for access, secret in secrets.items():
            db.execute("UPDATE user SET secretKey = ? WHERE accessKey = ?", (secret, access))
        db.execute("ALTER TABLE user DROP COLUMN sealedSecretKey")
        db.execute("DELETE FROM grdb_migrations WHERE identifier = 'sealUserSecrets'")
    db.close()
    (obslab_dir / "root-key-check.json").unlink()
    for path in [obslab_dir, *obslab_dir.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    return secrets


def test_an_earlier_data_root_is_converted_on_its_first_start(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    first_key = tmp_path / "first.key"
    first_key.write_text(base64.b64encode(os.urandom(32)).decode())
    first_key.chmod(0o600)
    srv = start_obslab(data, tmp_path, root_key=first_key)
    try:
        s3 = srv.client()
        bucket = unique_name("earlier")
        s3.create_bucket(Bucket=bucket)
        kms_key = fields(obslab(srv, "kms", "create", "--alias", "earlier-key").stdout)
        s3.put_object(Bucket=bucket, Key="sse-kms", Body=PLAINTEXT, ServerSideEncryption="aws:kms",
                      SSEKMSKeyId="alias/earlier-key")
        s3.put_object(Bucket=bucket, Key="sse-s3", Body=PLAINTEXT, ServerSideEncryption="AES256")
        user = fields(obslab(srv, "user", "create", "veteran").stdout)
        kms_keys = obslab(srv, "kms", "list").stdout
    finally:
        assert srv.stop() == 0

    secrets = downgrade(data, read_root_key(first_key))
    assert secrets == {user["access key"]: user["secret key"]}
    earlier = tree(data)
    assert user["secret key"].encode() in earlier[".obslab/catalog.sqlite"]  # the earlier format: in the clear
    plaintext_material = {name: content for name, content in earlier.items() if name.endswith(".key")}
    assert len(plaintext_material) >= 3  # the server-managed key, testkey-1 and earlier-key at least
    assert kms_key["id"] in {pathlib.Path(name).stem for name in plaintext_material}

    # Any root key converts a data root that has none yet: here a new one in the configuration folder.
    srv = start_obslab(data, tmp_path, root_key=None)
    try:
        s3 = srv.client()
        assert s3.get_object(Bucket=bucket, Key="sse-kms")["Body"].read() == PLAINTEXT
        assert s3.get_object(Bucket=bucket, Key="sse-s3")["Body"].read() == PLAINTEXT
        veteran = s3_client(srv, access_key=user["access key"], secret_key=user["secret key"])
        veteran.create_bucket(Bucket=unique_name("veteran"))
        assert obslab(srv, "kms", "list").stdout == kms_keys
    finally:
        assert srv.stop() == 0

    converted = tree(data)
    new_key = read_root_key(tmp_path / "config" / "obslab" / "root.key")
    assert not [name for name in converted if name.endswith(".key")], "material left in the clear"
    for name, content in plaintext_material.items():
        sealed = name.removesuffix(".key") + ".sealed"
        assert unseal(new_key, converted[sealed], f"kms-material:{pathlib.Path(name).stem}") == content
    for name, content in converted.items():
        assert user["secret key"].encode() not in content, f"the user's secret key is in the clear in {name}"
        for material in plaintext_material.values():
            assert material not in content and base64.b64encode(material) not in content, f"KMS material in {name}"
    wrong = {name: mode for name, mode in modes(data / ".obslab").items()
             if mode != ("0o700" if (data / name).is_dir() else "0o600")}
    assert not wrong, f"not private to the user after the conversion: {wrong}"

    # Converted, the data root belongs to the new root key: the one of its earlier copy no longer opens it.
    refused = serve_expecting_failure(data, tmp_path, "--root-key-file", str(first_key))
    assert WRONG_KEY_MESSAGE in refused.stderr
