"""Filtering samples, "Add data" and imports from OBS, against the live server: images uploaded with boto3, the
ModelArts API driven with plain HTTP (search_conditions form-encoded the way `requests` does it), files added as
base64 and read back with boto3, folder and manifest imports with their history, and the same through the CLI.
"""
from __future__ import annotations

import base64
import json
import os
import subprocess

import pytest

from helpers import unique_name
from servers import obslab_binary
from test_labeling import PROJECT, ModelArtsAPI, api_endpoint_and_token

pytestmark = pytest.mark.obslab_only(reason="the labeling API is obslab's own")

# Under the input prefix: two cats (one also a dog), a dog, an unlabeled image and a bird labeled by its folder.
FILES = {
    "cat1.jpg": b"\xff\xd8 cat one", "cat1.txt": b"cat\n",
    "catdog.jpg": b"\xff\xd8 cat and dog", "catdog.txt": b"cat\ndog\n",
    "dog.jpg": b"\xff\xd8 dog", "dog.txt": b"dog\n",
    "none.jpg": b"\xff\xd8 none",
    "Bird/b1.jpg": b"\xff\xd8 bird",
}


@pytest.fixture(scope="module")
def api(server) -> ModelArtsAPI:
    return ModelArtsAPI(*api_endpoint_and_token(server))


def dataset(api: ModelArtsAPI, s3, bucket: str, prefix: str = "in/", files: dict[str, bytes] = FILES) -> str:
    for key, body in files.items():
        s3.put_object(Bucket=bucket, Key=prefix + key, Body=body)
    dataset_id, imported = api.create_dataset_importing(unique_name("filters"), 0, bucket, prefix)
    assert imported["status"] == "COMPLETED" and imported["imported_sample_count"] == sum(
        not key.endswith(".txt") for key in files), imported
    return dataset_id


def search(api: ModelArtsAPI, dataset_id: str, conditions, job: str | None = None, **params) -> dict:
    """One page of samples; `requests` form-encodes the JSON (spaces become `+`)."""
    base = f"datasets/{dataset_id}" + (f"/workforce-tasks/{job}" if job else "")
    return api.ok("GET", f"{base}/data-annotations/samples",
                  params={"limit": 100, "search_conditions": json.dumps(conditions), **params})


def names(page: dict, bucket: str, prefix: str = "in/") -> list[str]:
    return [s["source"].removeprefix(f"obs://{bucket}/{prefix}") for s in page["samples"]]


def add(api: ModelArtsAPI, dataset_id: str, samples: list[dict], user: str | None = "alice", path: str | None = None) -> dict:
    headers = {"X-Obslab-User": user} if user else {}
    return api.ok("POST", path or f"datasets/{dataset_id}/data-annotations/samples", json={"samples": samples}, headers=headers)


def image(name: str, body: bytes, labels: list[str] | None = None, **extra) -> dict:
    sample = {"name": name, "data": base64.b64encode(body).decode(), **extra}
    if labels is not None:
        sample["labels"] = [{"name": label} for label in labels]
    return sample


def import_task(api: ModelArtsAPI, dataset_id: str, body: dict, user: str | None = None) -> dict:
    headers = {"X-Obslab-User": user} if user else {}
    created = api.ok("POST", f"datasets/{dataset_id}/import-tasks", json=body, headers=headers)
    assert set(created) == {"task_id"}, created
    return api.ok("GET", f"datasets/{dataset_id}/import-tasks/{created['task_id']}")


def test_filters_combine_and_count_what_they_let_through(api, s3, bucket):
    dataset_id = dataset(api, s3, bucket)

    any_of = search(api, dataset_id, [{"label_list": {"labels": [{"name": "cat"}, {"name": "Bird"}]}}])
    assert names(any_of, bucket) == ["Bird/b1.jpg", "cat1.jpg", "catdog.jpg"]
    assert any_of["sample_count"] == 3
    all_of = search(api, dataset_id, [{"label_list": {"labels": [{"name": "cat"}, {"name": "dog"}], "op": "AND"}}])
    assert names(all_of, bucket) == ["catdog.jpg"] and all_of["sample_count"] == 1
    assert names(search(api, dataset_id, [{"label_list": {"op": "NONE"}}]), bucket) == ["none.jpg"]
    assert names(search(api, dataset_id, [{"sample_name": "CAT"}]), bucket) == ["cat1.jpg", "catdog.jpg"]
    assert names(search(api, dataset_id, {"sample_dir": f"obs://{bucket}/in/Bird/"}), bucket) == ["Bird/b1.jpg"]
    assert search(api, dataset_id, [{"labeler": "sync"}])["sample_count"] == 4

    # Conditions are ANDed, with the tab too, and the count is that of the whole filter, not of the page.
    page = search(api, dataset_id, [{"sample_name": "cat"}, {"label_list": {"labels": [{"name": "dog"}]}}])
    assert names(page, bucket) == ["catdog.jpg"]
    assert search(api, dataset_id, [{"sample_name": ".jpg"}], sample_state="__NONE__")["sample_count"] == 1
    paged = search(api, dataset_id, [{"label_list": {"labels": [{"name": "cat"}, {"name": "dog"}]}}], limit=1, offset=2)
    assert paged["sample_count"] == 3 and names(paged, bucket) == ["dog.jpg"]

    values = api.ok("GET", f"datasets/{dataset_id}/data-annotations/search-condition")
    assert [label["name"] for label in values["labels"]] == ["Bird", "cat", "dog"]
    assert values["labelers"] == ["sync"]


def test_bad_filters_are_refused_by_name(api, s3, bucket):
    dataset_id = dataset(api, s3, bucket)
    for conditions, mention in [
        ([{"import_origin": "robot"}], "search_conditions[0].import_origin"),
        ([{"metadata": {"op": "XOR", "props": {"group": ["1"]}}}], "metadata.op"),
        ([{"hard": "2"}], "search_conditions[0].hard"),
        ([{"sample_time": "20190101-20190301"}], "at most 30 days"),
        ([{"sample_time": "last week"}], "sample_time"),
        ([{"score": "0.5"}], "search_conditions[0].score"),
        ([{"label_list": {"labels": [{"name": "cat"}], "op": "XOR"}}], "label_list.op"),
    ]:
        response = api.request("GET", f"datasets/{dataset_id}/data-annotations/samples",
                               params={"search_conditions": json.dumps(conditions)})
        assert response.status_code == 400, (conditions, response.text)
        assert response.json()["error_code"] == "ModelArts.0104"
        assert mention in response.json()["error_msg"], response.text
    raw = api.request("GET", f"datasets/{dataset_id}/data-annotations/samples?search_conditions=%5B%7Bnot")
    assert raw.status_code == 400 and "search_conditions" in raw.json()["error_msg"]


def test_added_files_are_written_with_boto3_visible_and_the_next_sync_keeps_them(api, s3, bucket):
    dataset_id = dataset(api, s3, bucket)

    answer = add(api, dataset_id, [
        image("new.jpg", b"\xff\xd8 new", ["owl"], metadata={"@modelarts:hard": 1}),
        image("cat1.jpg", b"\xff\xd8 clash", ["owl"]),
        image("plain.png", b"\x89PNG plain"),
    ])

    assert answer["success"] is False
    assert [r["name"] for r in answer["results"]] == [f"/{bucket}/in/new.jpg", f"/{bucket}/in/cat1.jpg", f"/{bucket}/in/plain.png"]
    assert [r["success"] for r in answer["results"]] == [True, False, True]
    assert answer["results"][1]["error_code"] == "ModelArts.0103"
    assert s3.get_object(Bucket=bucket, Key="in/new.jpg")["Body"].read() == b"\xff\xd8 new"
    assert s3.get_object(Bucket=bucket, Key="in/cat1.jpg")["Body"].read() == FILES["cat1.jpg"], "nothing is overwritten"

    new_id = answer["results"][0]["info"]
    sample = api.ok("GET", f"datasets/{dataset_id}/data-annotations/samples/{new_id}")
    assert [label["name"] for label in sample["labels"]] == ["owl"]
    assert sample["labels"][0]["annotated_by"] == "alice"
    assert sample["metadata"]["@modelarts:hard"] == 1
    assert names(search(api, dataset_id, [{"labeler": "alice"}]), bucket) == ["new.jpg"]
    assert names(search(api, dataset_id, [{"hard": "1"}]), bucket) == ["new.jpg"]
    assert "alice" in api.ok("GET", f"datasets/{dataset_id}/data-annotations/search-condition")["labelers"]

    status = api.sync(dataset_id)
    assert (status["add_sample_count"], status["deleted_sample_count"], status["total_sample_count"]) == (0, 0, 7)
    again = api.ok("GET", f"datasets/{dataset_id}/data-annotations/samples/{new_id}")
    assert [label["name"] for label in again["labels"]] == ["owl"], "the sync keeps the labels given"

    # The add, after the import that creating the dataset ran.
    history = api.ok("GET", f"datasets/{dataset_id}/import-tasks")
    assert history["total_count"] == 2
    assert [t["import_kind"] for t in history["import_tasks"]] == ["add", "folder"]
    task = history["import_tasks"][0]
    assert task["task_id"] == answer["task_id"]
    assert (task["status"], task["import_kind"], task["import_type"]) == ("COMPLETED", "add", 0)
    assert (task["total_sample_count"], task["imported_sample_count"], task["annotated_sample_count"]) == (3, 2, 1)
    assert task["skipped_samples"] == [{"source": "cat1.jpg", "reason": task["skipped_samples"][0]["reason"]}]
    assert "already exists" in task["skipped_samples"][0]["reason"]


def test_a_file_of_several_mebibytes_is_added_whole(api, s3, bucket):
    dataset_id = dataset(api, s3, bucket, files={"cat1.jpg": FILES["cat1.jpg"]})
    big = bytes(range(256)) * (12 * 1024)  # 3 MiB, 4 MiB in base64: more than the API's other bodies may hold

    answer = add(api, dataset_id, [image("big.jpg", big, ["whale"])])

    assert answer["success"] is True, answer
    assert s3.get_object(Bucket=bucket, Key="in/big.jpg")["Body"].read() == big
    assert api.ok("GET", f"datasets/{dataset_id}/data-annotations/samples/{answer['results'][0]['info']}")["sample_size"] == len(big)


def test_adding_to_a_bucket_whose_kms_key_the_service_may_not_use_fails_per_file(api, s3, bucket):
    dataset_id = dataset(api, s3, bucket)
    s3.put_bucket_encryption(Bucket=bucket, ServerSideEncryptionConfiguration={
        "Rules": [{"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "aws:kms"}}]})

    answer = add(api, dataset_id, [image("locked.jpg", b"\xff\xd8 locked", ["owl"])])

    result = answer["results"][0]
    assert answer["success"] is False and result["success"] is False
    assert result["error_code"] == "ModelArts.4363"
    assert "KMS" in result["error_msg"], result
    assert not s3.list_objects_v2(Bucket=bucket, Prefix="in/locked.jpg").get("KeyCount")


def test_folder_and_manifest_imports_keep_every_sample_under_the_input_path(api, s3, bucket):
    dataset_id = dataset(api, s3, bucket, files={"cat1.jpg": FILES["cat1.jpg"], "cat1.txt": FILES["cat1.txt"]})
    s3.put_object(Bucket=bucket, Key="in/more/m1.jpg", Body=b"\xff\xd8 m1")
    s3.put_object(Bucket=bucket, Key="in/extra.jpg", Body=b"\xff\xd8 extra")
    s3.put_object(Bucket=bucket, Key="elsewhere/far.jpg", Body=b"\xff\xd8 far")

    folder = import_task(api, dataset_id, {"import_type": "dir", "import_path": f"/{bucket}/in/more/"}, user="bob")
    assert (folder["status"], folder["import_kind"], folder["import_path"]) == ("COMPLETED", "folder", f"obs://{bucket}/in/more/")
    assert (folder["total_sample_count"], folder["imported_sample_count"], folder["annotated_sample_count"]) == (1, 1, 1)
    assert folder["author"] == "bob"

    outside = api.request("POST", f"datasets/{dataset_id}/import-tasks",
                          json={"import_type": "dir", "import_path": f"s3://{bucket}/elsewhere/"})
    assert outside.status_code == 400 and "input path" in outside.json()["error_msg"], outside.text

    manifest = [
        {"source": f"obs://{bucket}/in/extra.jpg", "hard": "true",
         "annotation": [{"type": "modelarts/image_classification", "name": "fox", "annotated-by": "human"}]},
        {"source": f"obs://{bucket}/in/cat1.jpg",
         "annotation": [{"type": "modelarts/image_classification", "name": "lynx"}]},
        {"source": f"obs://{bucket}/elsewhere/far.jpg",
         "annotation": [{"type": "modelarts/image_classification", "name": "fox"}]},
        {"source": f"obs://{bucket}/in/ghost.jpg"},
    ]
    s3.put_object(Bucket=bucket, Key="out/import.manifest", Body="\n".join(json.dumps(m) for m in manifest).encode())

    task = import_task(api, dataset_id, {"import_type": "manifest", "import_path": f"s3://{bucket}/out/import.manifest"})
    assert (task["status"], task["import_kind"], task["import_type"]) == ("COMPLETED", "manifest", 1)
    assert (task["total_sample_count"], task["imported_sample_count"], task["annotated_sample_count"]) == (4, 2, 2)
    skipped = {s["source"]: s["reason"] for s in task["skipped_samples"]}
    assert set(skipped) == {f"obs://{bucket}/elsewhere/far.jpg", f"obs://{bucket}/in/ghost.jpg"}
    assert "outside the dataset's input path" in skipped[f"obs://{bucket}/elsewhere/far.jpg"]
    assert "no such object" in skipped[f"obs://{bucket}/in/ghost.jpg"]

    by_name = {s["source"].rsplit("/", 1)[1]: s for s in api.samples(dataset_id)}
    assert set(by_name) == {"cat1.jpg", "m1.jpg", "extra.jpg"}
    assert [label["name"] for label in by_name["extra.jpg"]["labels"]] == ["fox"]
    assert by_name["extra.jpg"]["metadata"]["@modelarts:hard"] == 1
    assert by_name["extra.jpg"]["label_source"] == {"type": "manifest", "key": "out/import.manifest"}
    assert [label["name"] for label in by_name["cat1.jpg"]["labels"]] == ["lynx"]

    # Nothing outside the input path became a sample, so the next sync has nothing to remove, and keeps the labels.
    status = api.sync(dataset_id)
    assert (status["add_sample_count"], status["deleted_sample_count"]) == (0, 0)
    after = {s["source"].rsplit("/", 1)[1]: [label["name"] for label in s["labels"]] for s in api.samples(dataset_id)}
    assert after == {"cat1.jpg": ["lynx"], "extra.jpg": ["fox"], "m1.jpg": ["more"]}

    failed = import_task(api, dataset_id, {"import_path": f"obs://{bucket}/out/missing.manifest"})
    assert failed["status"] == "FAILED" and "NoSuchKey" in failed["error_msg"]
    history = api.ok("GET", f"datasets/{dataset_id}/import-tasks", params={"limit": 100})
    # Then the creation's import of the input path, the first of all.
    assert [t["import_kind"] for t in history["import_tasks"]] == ["manifest", "manifest", "folder", "folder"]
    assert [t["status"] for t in history["import_tasks"]] == ["FAILED", "COMPLETED", "COMPLETED", "COMPLETED"]
    assert history["import_tasks"][-1]["import_path"] == f"obs://{bucket}/in/"


def cli(server, api: ModelArtsAPI, *args: str, code: int = 0, user: str | None = None) -> str:
    env = {**os.environ, "OBSLAB_S3_ENDPOINT": server.http, "OBSLAB_API_ENDPOINT": api.endpoint, "OBSLAB_API_TOKEN": api.token}
    env.pop("OBSLAB_USER", None)
    if user:
        env["OBSLAB_USER"] = user
    result = subprocess.run([str(obslab_binary()), *args, "--project", PROJECT], capture_output=True, text=True, timeout=120,
                            env=env)
    assert result.returncode == code, f"{' '.join(args)} exited {result.returncode}:\n{result.stdout}\n{result.stderr}"
    return result.stdout + result.stderr


def test_cli_filters_adds_and_imports(server, api, s3, bucket, tmp_path):
    name = unique_name("cli")
    for key, body in FILES.items():
        s3.put_object(Bucket=bucket, Key="in/" + key, Body=body)
    created = cli(server, api, "dataset", "create", name, "--type", "image-classification", "--input", f"obs://{bucket}/in/",
                  "--output", f"obs://{bucket}/out/")
    assert "kind: folder" in created and "samples: 5 imported of 5, 4 labeled" in created, created
    assert "total 5" in cli(server, api, "sync", name)

    def keys(*options: str) -> list[str]:
        output = cli(server, api, "samples", "list", name, *options)
        lines = output.splitlines()
        assert lines[0].split()[:2] == ["ID", "KEY"], output
        return [line.split()[1].removeprefix("in/") for line in lines[1:-1]]

    assert keys("--label", "cat") == ["cat1.jpg", "catdog.jpg"]
    assert keys("--label", "cat", "--label", "Bird") == ["Bird/b1.jpg", "cat1.jpg", "catdog.jpg"]
    assert keys("--label", "cat", "--label", "dog", "--all-labels") == ["catdog.jpg"]
    assert keys("--no-label") == ["none.jpg"]
    assert keys("--path", "DOG") == ["catdog.jpg", "dog.jpg"]
    assert keys("--labeled-by", "sync", "--path", "cat") == ["cat1.jpg", "catdog.jpg"]
    assert "2 of 2 samples" in cli(server, api, "samples", "list", name, "--label", "cat")
    assert "--all-labels" in cli(server, api, "samples", "list", name, "--all-labels", code=64)

    first, second = tmp_path / "owl1.jpg", tmp_path / "owl2.jpg"
    first.write_bytes(b"\xff\xd8 owl one")
    second.write_bytes(b"\xff\xd8 owl two")
    added = cli(server, api, "samples", "add", name, str(first), str(second), "--label", "owl", user="carol")
    assert "2 of 2 files added" in added, added
    assert s3.get_object(Bucket=bucket, Key="in/owl2.jpg")["Body"].read() == b"\xff\xd8 owl two"
    assert keys("--labeled-by", "carol") == ["owl1.jpg", "owl2.jpg"]
    assert keys("--label", "owl") == ["owl1.jpg", "owl2.jpg"]
    clash = cli(server, api, "samples", "add", name, str(first), code=1)
    assert "failed" in clash and "already exists" in clash, clash

    s3.put_object(Bucket=bucket, Key="in/extra.jpg", Body=b"\xff\xd8 extra")
    s3.put_object(Bucket=bucket, Key="out/cli.manifest", Body=json.dumps(
        {"source": f"obs://{bucket}/in/extra.jpg", "annotation": [{"type": "modelarts/image_classification", "name": "fox"}]}
    ).encode() + b"\n" + json.dumps({"source": f"obs://{bucket}/elsewhere/x.jpg"}).encode())
    imported = cli(server, api, "import", name, f"obs://{bucket}/out/cli.manifest")
    assert "status: completed" in imported and "samples: 1 imported of 2, 1 labeled" in imported, imported
    assert f"obs://{bucket}/elsewhere/x.jpg: outside the dataset's input path" in imported
    assert keys("--label", "fox") == ["extra.jpg"]

    refused = cli(server, api, "import", name, f"obs://{bucket}/elsewhere/", code=1)
    assert "ModelArts.0104" in refused and "input path" in refused
    failed = cli(server, api, "import", name, f"obs://{bucket}/out/none.manifest", code=1)
    assert "status: failed" in failed and "NoSuchKey" in failed

    history = cli(server, api, "import", "list", name).splitlines()
    assert history[0].split()[:3] == ["ID", "KIND", "STATUS"]
    rows = [line.split() for line in history[1:-1]]
    assert [(row[1], row[2]) for row in rows] == [("manifest", "failed"), ("manifest", "completed"), ("add", "completed"),
                                                  ("add", "completed"), ("folder", "completed")], history
    assert "5 of 5 imports" in history[-1]
    shown = cli(server, api, "import", "show", name, rows[1][0])
    assert "kind: manifest" in shown and "skipped: 1" in shown
