"""Auto grouping ("Auto Grouping" guide page; "Starting Intelligent Tasks", "Obtaining Details About an Auto Labeling
Task", "Obtaining an Auto Labeling Task List by Page"), inference data ("Data Attribute") and the "Sample Creation
Time" filter, against the live server: PNG images written byte by byte (zlib, no imaging library), uploaded with boto3,
the ModelArts API driven with `requests`, and `obslab group` through the CLI.
"""
from __future__ import annotations

import json
import random
import struct
import time
import zlib
from datetime import datetime, timedelta, timezone

import pytest

from helpers import unique_name
from test_filters_and_imports import cli, search
from test_labeling import ModelArtsAPI, api_endpoint_and_token

pytestmark = pytest.mark.obslab_only(reason="the labeling API is obslab's own")


def png(width: int, height: int, pixels: list[tuple[int, int, int]]) -> bytes:
    """An 8-bit RGB PNG: signature, IHDR, one zlib IDAT of filter-0 rows, IEND."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    rows = b"".join(b"\x00" + bytes(v for p in pixels[y * width:(y + 1) * width] for v in p) for y in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def dark(seed: int) -> bytes:
    rng = random.Random(seed)
    return png(40, 30, [(rng.randint(5, 25),) * 3 for _ in range(40 * 30)])


def red(seed: int) -> bytes:
    rng = random.Random(seed)
    return png(32, 32, [(rng.randint(225, 255), rng.randint(0, 20), rng.randint(0, 30)) for _ in range(32 * 32)])


def blurred_noise(seed: int, size: int = 48) -> bytes:
    """Gray noise smoothed by two 3x3 box blurs: mid-gray, soft."""
    rng = random.Random(seed)
    grid = [[rng.randint(0, 255) for _ in range(size)] for _ in range(size)]
    for _ in range(2):
        grid = [[sum(grid[j][i] for j in range(max(0, y - 1), min(size, y + 2)) for i in range(max(0, x - 1), min(size, x + 2)))
                 // (len(range(max(0, y - 1), min(size, y + 2))) * len(range(max(0, x - 1), min(size, x + 2))))
                 for x in range(size)] for y in range(size)]
    return png(size, size, [(v, v, v) for row in grid for v in row])


KINDS = {"dark": dark, "red": red, "blurred": blurred_noise}


@pytest.fixture(scope="module")
def api(server) -> ModelArtsAPI:
    return ModelArtsAPI(*api_endpoint_and_token(server))


def image_dataset(api: ModelArtsAPI, s3, bucket: str, dataset_type: int = 0) -> tuple[str, dict[str, str]]:
    """Four images of each kind, the kinds interleaved by name; returns the dataset id and each key's kind."""
    kinds = {}
    for index in range(4):
        for letter, (kind, make) in zip("abc", KINDS.items()):
            key = f"in/{letter}{index}_{kind}.png"
            s3.put_object(Bucket=bucket, Key=key, Body=make(index))
            kinds[key] = kind
    dataset_id = api.create_dataset(unique_name("grouping"), dataset_type, bucket, "in/")
    assert api.sync(dataset_id)["status"] == "COMPLETED"
    return dataset_id, kinds


def start(api: ModelArtsAPI, dataset_id: str, config: dict) -> str:
    created = api.ok("POST", f"datasets/{dataset_id}/tasks", json={"task_type": "auto-grouping", "config": config})
    assert set(created) == {"task_id"}, created
    return created["task_id"]


def wait(api: ModelArtsAPI, dataset_id: str, task_id: str, timeout: float = 120) -> dict:
    deadline = time.monotonic() + timeout
    while True:
        task = api.ok("GET", f"datasets/{dataset_id}/tasks/{task_id}")
        assert task["task_id"] == task_id and task["status"] in (1, 2, 3, 4, 5), task
        assert 0 <= task["progress"] <= 100
        if task["status"] not in (1, 4):
            return task
        assert time.monotonic() < deadline, f"grouping still running after {timeout} s: {task}"
        time.sleep(0.1)


def groups_by_key(api: ModelArtsAPI, dataset_id: str, bucket: str, attribute: str) -> dict[str, str | None]:
    return {s["source"].removeprefix(f"obs://{bucket}/"): s["metadata"].get(attribute) for s in api.samples(dataset_id)}


def test_each_kind_of_image_falls_in_a_group_of_its_own(api, s3, bucket):
    dataset_id, kinds = image_dataset(api, s3, bucket)
    # One file that is no image, and one the labeling service may not decrypt (SSE-KMS with obs/default): both are
    # reported, neither stops the task.
    s3.put_object(Bucket=bucket, Key="in/d_broken.png", Body=b"\x89PNG\r\n\x1a\n but no more")
    s3.put_object(Bucket=bucket, Key="in/e_secret.png", Body=red(9), ServerSideEncryption="aws:kms")
    assert api.sync(dataset_id)["status"] == "COMPLETED"

    task = wait(api, dataset_id, start(api, dataset_id, {"n_clusters": "3", "property": "look", "result_type": 1}))
    assert task["status"] == 3 and task["progress"] == 100.0, task
    assert (task["export_type"], task["config"]["n_clusters"], task["config"]["property"]) == (1, 3, "look")
    assert isinstance(task["create_time"], str) and isinstance(task["elapsed_time"], int)
    result = task["result"]
    assert (result["total_sample_count"], result["processed_sample_count"], result["skipped_sample_count"]) == (14, 14, 2)
    assert sorted(result["group_sizes"]) == [4, 4, 4]
    skipped = {s["source"]: s["reason"] for s in result["skipped_samples"]}
    assert "not a PNG or JPEG" in skipped[f"obs://{bucket}/in/d_broken.png"] or "damaged" in skipped[f"obs://{bucket}/in/d_broken.png"]
    assert "KMS" in skipped[f"obs://{bucket}/in/e_secret.png"] or "kms" in skipped[f"obs://{bucket}/in/e_secret.png"], skipped

    groups = groups_by_key(api, dataset_id, bucket, "look")
    assert groups["in/d_broken.png"] is None and groups["in/e_secret.png"] is None
    group_of_kind = {}
    for key, kind in kinds.items():
        group_of_kind.setdefault(kind, set()).add(groups[key])
    assert all(len(found) == 1 for found in group_of_kind.values()), group_of_kind
    assert len({next(iter(found)) for found in group_of_kind.values()}) == 3, group_of_kind

    # "Sample Attribute": the filter returns exactly one group.
    red_group = next(iter(group_of_kind["red"]))
    page = search(api, dataset_id, [{"metadata": {"op": "AND", "props": {"look": [red_group]}}}])
    assert page["sample_count"] == 4
    assert {kinds[s["source"].removeprefix(f"obs://{bucket}/")] for s in page["samples"]} == {"red"}
    either = search(api, dataset_id, [{"metadata": {"op": "OR", "props": {"look": [red_group], "other": None}}}])
    assert either["sample_count"] == 4
    values = api.ok("GET", f"datasets/{dataset_id}/data-annotations/search-condition")
    assert values["metadata"] == {"look": ["0", "1", "2"]}

    # The same images, the same groups.
    again = wait(api, dataset_id, start(api, dataset_id, {"n_clusters": 3, "property": "look", "result_type": 1}))
    assert again["status"] == 3 and again["result"]["group_sizes"] == result["group_sizes"]
    assert groups_by_key(api, dataset_id, bucket, "look") == groups

    # A grouped sample sent back with PUT keeps its attribute, which only a grouping changes.
    sample = next(s for s in api.samples(dataset_id) if s["source"].endswith("/b0_red.png"))
    sent = {"sample_id": sample["sample_id"], "labels": [{"name": "red"}], "metadata": sample["metadata"]}
    assert api.ok("PUT", f"datasets/{dataset_id}/data-annotations/samples", json={"samples": [sent]})["success"] is True
    moved = {**sent, "metadata": {**sample["metadata"], "look": "9"}}
    refused = api.request("PUT", f"datasets/{dataset_id}/data-annotations/samples", json={"samples": [moved]})
    assert refused.status_code == 400 and "samples[0].metadata.look" in refused.json()["error_msg"], refused.text
    assert groups_by_key(api, dataset_id, bucket, "look") == groups

    # The history: newest first; without a type, ModelArts lists auto labeling tasks, of which obslab has none.
    history = api.ok("GET", f"datasets/{dataset_id}/tasks", params={"type": "auto-grouping"})
    assert history["total_count"] == 2 and [t["task_id"] for t in history["tasks"]] == [again["task_id"], task["task_id"]]
    assert history["exist_running_deploy_task"] is False
    assert api.ok("GET", f"datasets/{dataset_id}/tasks")["total_count"] == 0


def test_groups_saved_to_obs_and_by_chosen_features(api, s3, bucket):
    dataset_id, kinds = image_dataset(api, s3, bucket, dataset_type=1)
    task = wait(api, dataset_id, start(api, dataset_id, {
        "n_clusters": 2, "image_brightness": True, "result_type": 0, "output_dir": f"obs://{bucket}/groups/"}))
    assert task["status"] == 3 and task["export_type"] == 0, task
    assert task["config"]["image_brightness"] is True and task["config"]["ambiguity"] is False
    path = task["result"]["manifest_path"]
    assert path == f"obs://{bucket}/groups/auto-grouping-{task['task_id']}.jsonl"
    lines = [json.loads(line) for line in s3.get_object(Bucket=bucket, Key=path.removeprefix(f"obs://{bucket}/"))["Body"].read().splitlines()]
    assert len(lines) == 12
    group = {line["source"].removeprefix(f"obs://{bucket}/"): line["group"] for line in lines}
    dark_groups = {group[key] for key, kind in kinds.items() if kind == "dark"}
    light_groups = {group[key] for key, kind in kinds.items() if kind != "dark"}
    assert len(dark_groups) == 1 and dark_groups.isdisjoint(light_groups), group
    assert all("look" not in s["metadata"] for s in api.samples(dataset_id))


def test_bad_grouping_requests_are_refused_by_name(api, s3, bucket):
    dataset_id, _ = image_dataset(api, s3, bucket)
    for body, field in [
        ({"task_type": "auto-grouping", "config": {"n_clusters": 1, "property": "g", "result_type": 1}}, "config.n_clusters"),
        ({"task_type": "auto-grouping", "config": {"n_clusters": 201, "property": "g"}}, "config.n_clusters"),
        ({"task_type": "auto-grouping", "config": {"n_clusters": "three", "property": "g"}}, "config.n_clusters"),
        ({"task_type": "auto-grouping", "config": {"n_clusters": 2}}, "config.result_type"),
        ({"task_type": "auto-grouping", "config": {"n_clusters": 2, "result_type": 1}}, "config.property"),
        ({"task_type": "auto-grouping", "config": {"n_clusters": 2, "property": "g", "model_name": "m"}}, "config.model_name"),
        ({"task_type": "auto-label", "config": {}}, "task_type"),
        ({"task_type": "auto-grouping", "config": {"n_clusters": 2, "property": "g"}, "model_id": "x"}, "model_id"),
    ]:
        response = api.request("POST", f"datasets/{dataset_id}/tasks", json=body)
        assert response.status_code == 400, (body, response.text)
        assert response.json()["error_code"] == "ModelArts.0104" and field in response.json()["error_msg"], response.text
    missing = api.request("GET", f"datasets/{dataset_id}/tasks/nosuchtask")
    assert missing.status_code == 404 and missing.json()["error_code"] == "ModelArts.0102"
    assert api.request("POST", f"datasets/{dataset_id}/tasks/nosuchtask/stop").status_code == 404
    done = wait(api, dataset_id, start(api, dataset_id, {"n_clusters": 2, "property": "g"}))
    over = api.request("POST", f"datasets/{dataset_id}/tasks/{done['task_id']}/stop")
    assert over.status_code == 400 and "nothing to stop" in over.json()["error_msg"], over.text

    s3.put_object(Bucket=bucket, Key="texts/a.txt", Body=b"hello\tgreeting\n")
    text_id = api.create_dataset(unique_name("text"), 100, bucket, "texts/")
    refused = api.request("POST", f"datasets/{text_id}/tasks",
                          json={"task_type": "auto-grouping", "config": {"n_clusters": 2, "property": "g"}})
    assert refused.status_code == 400 and "groups images" in refused.json()["error_msg"]
    assert api.ok("GET", f"datasets/{dataset_id}/tasks", params={"type": "auto-grouping"})["total_count"] == 1


def test_inference_samples_are_the_data_attribute_inference(api, s3, bucket):
    for name in ["a.png", "b.png", "c.png"]:
        s3.put_object(Bucket=bucket, Key=f"in/{name}", Body=dark(1))
    dataset_id = api.create_dataset(unique_name("inference"), 0, bucket, "in/")
    manifest = [
        {"source": f"s3://{bucket}/in/a.png", "inference-loc": f"/{bucket}/inference/a.json"},
        {"source": f"s3://{bucket}/in/b.png", "usage": "TRAIN"},
        {"source": f"s3://{bucket}/in/c.png", "inference-loc": f"/{bucket}/inference/c.json",
         "annotation": [{"type": "modelarts/image_classification", "name": "cat", "annotated-by": "modelarts/infer"}]},
    ]
    s3.put_object(Bucket=bucket, Key="out/inference.manifest", Body="\n".join(json.dumps(m) for m in manifest).encode())
    imported = api.ok("POST", f"datasets/{dataset_id}/import-tasks", json={"import_path": f"obs://{bucket}/out/inference.manifest"})
    assert api.ok("GET", f"datasets/{dataset_id}/import-tasks/{imported['task_id']}")["status"] == "COMPLETED"

    names = lambda page: sorted(s["source"].rsplit("/", 1)[1] for s in page["samples"])
    assert names(search(api, dataset_id, [{"import_origin": "inference"}])) == ["a.png", "c.png"]
    assert names(search(api, dataset_id, [{"import_origin": "obs"}])) == ["b.png"]
    assert search(api, dataset_id, [{"import_origin": "all"}])["sample_count"] == 3
    origin = {s["source"].rsplit("/", 1)[1]: s["metadata"]["@modelarts:import_origin"] for s in api.samples(dataset_id)}
    assert origin == {"a.png": 1, "b.png": 0, "c.png": 1}
    # A sync keeps the origin; the inference filter combines with the others.
    assert api.sync(dataset_id)["status"] == "COMPLETED"
    assert names(search(api, dataset_id, [{"import_origin": "inference"}, {"label_list": {"labels": [{"name": "cat"}]}}])) == ["c.png"]

    # A sample read with GET can be sent back with PUT; its origin cannot be changed that way.
    sample = next(s for s in api.samples(dataset_id) if s["source"].endswith("/a.png"))
    sent = {"sample_id": sample["sample_id"], "labels": [{"name": "owl"}], "metadata": sample["metadata"]}
    assert api.ok("PUT", f"datasets/{dataset_id}/data-annotations/samples", json={"samples": [sent]})["success"] is True
    changed = {**sent, "metadata": {**sample["metadata"], "@modelarts:import_origin": 0}}
    refused = api.request("PUT", f"datasets/{dataset_id}/data-annotations/samples", json={"samples": [changed]})
    assert refused.status_code == 400 and "import_origin" in refused.json()["error_msg"], refused.text


def test_sample_creation_time_filter(api, s3, bucket):
    for name in ["x.png", "y.png"]:
        s3.put_object(Bucket=bucket, Key=f"in/{name}", Body=red(2))
    dataset_id = api.create_dataset(unique_name("times"), 0, bucket, "in/")
    assert api.sync(dataset_id)["status"] == "COMPLETED"
    today = datetime.now(timezone.utc).date()
    day = lambda d: d.strftime("%Y%m%d")
    assert search(api, dataset_id, [{"sample_time": "day"}])["sample_count"] == 2
    assert search(api, dataset_id, [{"sample_time": "month"}])["sample_count"] == 2
    assert search(api, dataset_id, [{"sample_time": f"{day(today)}-{day(today)}"}])["sample_count"] == 2
    past = today - timedelta(days=40)
    assert search(api, dataset_id, [{"sample_time": f"{day(past)}-{day(past + timedelta(days=5))}"}])["sample_count"] == 0


def test_cli_group_start_and_status(server, api, s3, bucket):
    dataset_id, kinds = image_dataset(api, s3, bucket)
    name = api.ok("GET", f"datasets/{dataset_id}")["dataset_name"]
    started = cli(server, api, "group", "start", name, "--groups", "3", "--attribute", "look", "--wait")
    assert "completed" in started and "3 groups" in started, started
    task_id = next(line.split()[-1] for line in started.splitlines() if line.startswith("task"))
    status = cli(server, api, "group", "status", name, task_id)
    assert "completed" in status and "group 0: 4" in status, status
    history = cli(server, api, "group", "status", name)
    assert task_id in history
    listed = cli(server, api, "samples", "list", name, "--attribute", "look=0")
    assert "4 of 4 samples" in listed and len({kinds[f"in/{line.split()[1].split('/')[-1]}"]
                                               for line in listed.splitlines() if ".png" in line}) == 1, listed
    sample_id = next(line.split()[0] for line in listed.splitlines() if ".png" in line)
    assert "attribute look: 0" in cli(server, api, "samples", "show", name, sample_id)
    refused = cli(server, api, "group", "start", name, "--groups", "1", "--attribute", "look", code=1)
    assert "n_clusters" in refused or "2 to 200" in refused, refused
