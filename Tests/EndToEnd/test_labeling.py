"""The labeling layer through its ModelArts-style REST API (and the CLI): labeled data of every type uploaded with boto3,
datasets created with plain HTTP, sync, labels, counts and states; incremental sync; the remote storage adapter against
moto_server; the encryption symptom (labeled data behind a KMS key the labeling service may not use shows as unlabeled).
"""
from __future__ import annotations

import json
import os
import pathlib
import shutil
import subprocess
import time

import pytest
import requests

from helpers import empty_and_delete, unique_name
from servers import Server, free_port, obslab_binary, root_key_file, s3_client, server_environment, start_obslab, wait_for_port

pytestmark = pytest.mark.obslab_only(reason="the labeling API is obslab's own")

PROJECT = "e2e"

VOC_CAT = """<annotation>
  <size><width>100</width><height>80</height><depth>3</depth></size>
  <object><name>cat</name><pose>Unspecified</pose><truncated>0</truncated><difficult>0</difficult>
    <bndbox><xmin>10</xmin><ymin>20</ymin><xmax>50</xmax><ymax>60</ymax></bndbox></object>
</annotation>
"""

VOC_DOG_AND_CAT = """<annotation>
  <object><name>dog</name><polygon><x1>1</x1><y1>2</y1><x2>30</x2><y2>2</y2><x3>30</x3><y3>40</y3></polygon></object>
  <object><name>cat</name><bndbox><xmin>5</xmin><ymin>5</ymin><xmax>25</xmax><ymax>35</ymax></bndbox></object>
</annotation>
"""

# Each type's files (key under the type's prefix -> content), and what sync must make of them: the labels of each
# sample by its key (and line, for text), or the reason code of an unlabeled one.
DATA = {
    "image-classification": {
        "type": 0,
        "files": {
            "1.jpg": b"\xff\xd8 jpeg one", "1.txt": b"cat\n",
            "2.jpg": b"\xff\xd8 jpeg two", "2.txt": b"dog\ncat\n",
            "3.jpg": b"\xff\xd8 jpeg three",
            "Rabbit/4.jpg": b"\xff\xd8 jpeg four",
        },
        "expected": {
            ("1.jpg", None): {"cat"},
            ("2.jpg", None): {"dog", "cat"},
            ("3.jpg", None): "no_sidecar",
            ("Rabbit/4.jpg", None): {"Rabbit"},
        },
    },
    "object-detection": {
        "type": 1,
        "files": {
            "IMG_1.jpg": b"\xff\xd8 one", "IMG_1.xml": VOC_CAT.encode(),
            "IMG_2.jpg": b"\xff\xd8 two", "IMG_2.xml": VOC_DOG_AND_CAT.encode(),
            "IMG_3.jpg": b"\xff\xd8 three", "IMG_3.xml": b"<annotation><object><name>cat</name>",
            "IMG_4.jpg": b"\xff\xd8 four",
        },
        "expected": {
            ("IMG_1.jpg", None): {"cat"},
            ("IMG_2.jpg", None): {"dog", "cat"},
            ("IMG_3.jpg", None): "sidecar_malformed",
            ("IMG_4.jpg", None): "no_sidecar",
        },
    },
    "text-classification": {
        "type": 100,
        "files": {
            "a.txt": b"great movie\nbad film\n", "a_result.txt": b"positive\nnegative\n",
            "b.txt": b"nice day\tpositive\nawful weather\tnegative,sad\n",
        },
        "expected": {
            ("a.txt", 1): {"positive"},
            ("a.txt", 2): {"negative"},
            ("b.txt", 1): {"positive"},
            ("b.txt", 2): {"negative", "sad"},
        },
    },
    "sound-classification": {
        "type": 200,
        "files": {
            "Rabbit/1.wav": b"RIFF one", "Bee/2.wav": b"RIFF two", "Bee/3.wav": b"RIFF three", "4.wav": b"RIFF four",
        },
        "expected": {
            ("Rabbit/1.wav", None): {"Rabbit"},
            ("Bee/2.wav", None): {"Bee"},
            ("Bee/3.wav", None): {"Bee"},
            ("4.wav", None): "no_sidecar",
        },
    },
}


class ModelArtsAPI:
    """Plain-HTTP client of the ModelArts v2 data-management API, as a user of the real API would write it."""

    def __init__(self, endpoint: str, token: str):
        self.endpoint = endpoint.rstrip("/")
        self.token = token
        self.session = requests.Session()

    def url(self, path: str) -> str:
        return f"{self.endpoint}/v2/{PROJECT}/{path.lstrip('/')}"

    def request(self, method: str, path: str, token: str | None = "default", **kwargs) -> requests.Response:
        headers = kwargs.pop("headers", {})
        if token is not None:
            headers["X-Auth-Token"] = self.token if token == "default" else token
        return self.session.request(method, self.url(path), headers=headers, timeout=60, **kwargs)

    def ok(self, method: str, path: str, status: int = 200, **kwargs):
        response = self.request(method, path, **kwargs)
        assert response.status_code == status, f"{method} {path}: {response.status_code} {response.text}"
        return response.json() if response.content else None

    def create_dataset(self, name: str, dataset_type: int, bucket: str, prefix: str, labels=None) -> str:
        return self.create_dataset_importing(name, dataset_type, bucket, prefix, labels)[0]

    def create_dataset_importing(self, name: str, dataset_type: int, bucket: str, prefix: str, labels=None) -> tuple[str, dict]:
        """POST datasets (201): the creation imports the input path, its first sync, and names that import. Returns the
        dataset's id and the import task, polled until it is over."""
        body = {
            "workspace_id": "0",
            "dataset_name": name,
            "dataset_type": dataset_type,
            "data_sources": [{"data_type": 0, "data_path": f"/{bucket}/{prefix}"}],
            "work_path": f"/{bucket}/output/{name}/",
            "work_path_type": 0,
            "description": "",
            "labels": labels or [],
        }
        created = self.ok("POST", "datasets", 201, json=body)
        return created["dataset_id"], self.wait_import(created["dataset_id"], created["import_task_id"])

    def wait_import(self, dataset_id: str, task_id: str, timeout: float = 120) -> dict:
        deadline = time.monotonic() + timeout
        while True:
            task = self.ok("GET", f"datasets/{dataset_id}/import-tasks/{task_id}")
            if task["status"] != "RUNNING":
                return task
            assert time.monotonic() < deadline, f"import still running after {timeout} s: {task}"
            time.sleep(0.05)

    def sync(self, dataset_id: str, timeout: float = 120) -> dict:
        """POST sync-data, then the status until the sync ends."""
        self.ok("POST", f"datasets/{dataset_id}/sync-data")
        deadline = time.monotonic() + timeout
        while True:
            status = self.ok("GET", f"datasets/{dataset_id}/sync-data/status")
            assert status["status"] != "NOT_EXIST", "the status must show the sync the POST started"
            if status["status"] not in ("RUNNING", "QUEUING", "STARTING"):
                return status
            assert time.monotonic() < deadline, f"sync still running after {timeout} s: {status}"
            time.sleep(0.05)

    def samples(self, dataset_id: str, state: str | None = None, job: str | None = None) -> list[dict]:
        """Every sample, page by page (limit 100, the API's maximum)."""
        base = f"datasets/{dataset_id}" + (f"/workforce-tasks/{job}" if job else "")
        result, total = [], None
        while total is None or len(result) < total:
            params = {"offset": len(result), "limit": 100}
            if state:
                params["sample_state"] = state
            page = self.ok("GET", f"{base}/data-annotations/samples", params=params)
            total = page["sample_count"]
            result += page["samples"]
            if not page["samples"]:
                break
        return result


def api_endpoint_and_token(server: Server, timeout: float = 15) -> tuple[str, str]:
    """The API endpoint and token that `obslab serve` printed at start-up."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        lines = server.log().splitlines()
        endpoint = next((line.split(": ", 1)[1] for line in lines if line.startswith("obslab ModelArts API endpoint: ")), None)
        token = next((line.split(": ", 1)[1] for line in lines if line.startswith("obslab API token: ")), None)
        if endpoint and token:
            return endpoint.strip(), token.strip()
        time.sleep(0.05)
    pytest.fail(f"obslab serve printed no ModelArts API endpoint and token:\n{server.log()[-3000:]}")


@pytest.fixture(scope="module")
def api(server) -> ModelArtsAPI:
    return ModelArtsAPI(*api_endpoint_and_token(server))


def upload(client, bucket: str, prefix: str, files: dict[str, bytes]) -> None:
    for key, body in files.items():
        client.put_object(Bucket=bucket, Key=prefix + key, Body=body)


def outcome(sample: dict, prefix: str) -> tuple[tuple[str, int | None], set[str] | str]:
    """(key under the prefix, line) -> the label names, or the reason code of an unlabeled sample."""
    bucket_and_key = sample["source"].removeprefix("obs://")
    key = bucket_and_key.split("/", 1)[1].removeprefix(prefix)
    if sample["sample_status"] == "__ALL__":
        assert sample["labels"] and "unlabeled_reason" not in sample, sample
        result = {label["name"] for label in sample["labels"]}
    else:
        assert sample["sample_status"] == "__NONE__" and not sample["labels"], sample
        result = sample["unlabeled_reason"]["code"]
    return (key, sample.get("line")), result


def sync_every_type(api: ModelArtsAPI, bucket: str, suffix: str) -> dict[str, list[dict]]:
    """Creates one dataset per type over `bucket`, which imports (syncs) each, and returns their samples by type."""
    result = {}
    for name, spec in DATA.items():
        prefix = f"{name}/"
        dataset_id, imported = api.create_dataset_importing(f"{name}-{suffix}", spec["type"], bucket, prefix)
        assert imported["status"] == "COMPLETED", imported
        assert imported["imported_sample_count"] == imported["total_sample_count"] == len(spec["expected"]), imported
        # The creation's import was the first sync: its status says what it did.
        status = api.ok("GET", f"datasets/{dataset_id}/sync-data/status")
        assert status["status"] == "COMPLETED", status
        assert status["add_sample_count"] == len(spec["expected"]), status
        assert status["deleted_sample_count"] == 0
        assert status["total_sample_count"] == len(spec["expected"])
        result[name] = (dataset_id, api.samples(dataset_id))
    return result


def test_sync_of_every_type_gives_labels_counts_and_states(api, s3, bucket):
    for name, spec in DATA.items():
        upload(s3, bucket, f"{name}/", spec["files"])
    synced = sync_every_type(api, bucket, "local")
    for name, spec in DATA.items():
        dataset_id, samples = synced[name]
        prefix = f"{name}/"
        assert dict(outcome(sample, prefix) for sample in samples) == spec["expected"], name
        labeled = [key for key, value in spec["expected"].items() if isinstance(value, set)]
        dataset = api.ok("GET", f"datasets/{dataset_id}")
        assert dataset["dataset_type"] == spec["type"]
        assert dataset["total_sample_count"] == len(spec["expected"])
        assert dataset["annotated_sample_count"] == len(labeled)
        assert dataset["data_sources"] == [{"data_type": 0, "data_path": f"/{bucket}/{prefix}"}]
        assert len(api.samples(dataset_id, "__ALL__")) == len(labeled)
        assert len(api.samples(dataset_id, "__NONE__")) == len(spec["expected"]) - len(labeled)
        # The label set holds every label found, with the number of samples carrying it.
        counts = {}
        for value in spec["expected"].values():
            for label in value if isinstance(value, set) else ():
                counts[label] = counts.get(label, 0) + 1
        labels = api.ok("GET", f"datasets/{dataset_id}/data-annotations/labels")
        assert {label["name"]: label["sample_count"] for label in labels["labels"]} == counts
        assert all(label["type"] == spec["type"] for label in labels["labels"])
        # The default labeling job has the same samples.
        jobs = api.ok("GET", f"datasets/{dataset_id}/workforce-tasks", params={"with_default": "true"})
        default = next(task for task in jobs["tasks"] if task["is_default"])
        assert dict(outcome(s, prefix) for s in api.samples(dataset_id, job=default["task_id"])) == spec["expected"]


def test_detection_samples_carry_shapes_and_malformed_sidecars_say_where(api, s3, bucket):
    upload(s3, bucket, "det/", DATA["object-detection"]["files"])
    dataset_id = api.create_dataset(unique_name("det"), 1, bucket, "det/",
                                    labels=[{"name": "cat", "type": 1, "property": {"@modelarts:color": "#ff0000"}}])
    api.sync(dataset_id)
    by_key = {sample["sample_name"]: sample for sample in api.samples(dataset_id)}
    detail = api.ok("GET", f"datasets/{dataset_id}/data-annotations/samples/{by_key['IMG_1.jpg']['sample_id']}")
    assert detail["source"] == f"obs://{bucket}/det/IMG_1.jpg"
    assert detail["sample_type"] == 0
    [cat] = detail["labels"]
    assert cat["name"] == "cat" and cat["type"] == 1
    assert cat["property"]["@modelarts:shape"] == "bndbox"
    assert cat["property"]["@modelarts:feature"] == [[10, 20], [50, 60]]
    assert cat["property"]["@modelarts:color"] == "#ff0000"
    dog = next(label for label in by_key["IMG_2.jpg"]["labels"] if label["name"] == "dog")
    assert dog["property"]["@modelarts:shape"] == "polygon"
    assert dog["property"]["@modelarts:feature"] == [[1, 2], [30, 2], [30, 40]]
    reason = by_key["IMG_3.jpg"]["unlabeled_reason"]
    assert reason["code"] == "sidecar_malformed"
    assert reason["sidecar"] == "det/IMG_3.xml"
    assert reason["position"] and reason["message"]


def test_incremental_sync_adds_and_deletes_and_skips_unchanged_sidecars(api, s3, bucket):
    for index in range(20):
        s3.put_object(Bucket=bucket, Key=f"inc/{index:03}.jpg", Body=b"\xff\xd8 image %d" % index)
        s3.put_object(Bucket=bucket, Key=f"inc/{index:03}.txt", Body=b"cat\n")
    # The first sync is the import that creating the dataset runs.
    dataset_id = api.create_dataset(unique_name("inc"), 0, bucket, "inc/")
    first = api.ok("GET", f"datasets/{dataset_id}/sync-data/status")
    assert (first["add_sample_count"], first["deleted_sample_count"], first["total_sample_count"]) == (20, 0, 20)
    assert first["sidecars_read"] == 20

    for index in range(20, 30):
        s3.put_object(Bucket=bucket, Key=f"inc/{index:03}.jpg", Body=b"\xff\xd8 image %d" % index)
        s3.put_object(Bucket=bucket, Key=f"inc/{index:03}.txt", Body=b"dog\n")
    for index in range(5):
        s3.delete_object(Bucket=bucket, Key=f"inc/{index:03}.jpg")
        s3.delete_object(Bucket=bucket, Key=f"inc/{index:03}.txt")
    second = api.sync(dataset_id)
    assert second["status"] == "COMPLETED"
    assert second["add_sample_count"] == 10
    assert second["deleted_sample_count"] == 5
    assert second["total_sample_count"] == 25
    # Only the 10 new sidecars were read; the 15 that were there before kept their ETag and were not read again.
    assert second["sidecars_read"] == 10
    assert second["sidecars_unchanged"] == 15
    samples = api.samples(dataset_id)
    assert len(samples) == 25
    assert {s["sample_name"] for s in samples} == {f"{index:03}.jpg" for index in range(5, 30)}
    labels = {label["name"]: label["sample_count"] for label in api.ok("GET", f"datasets/{dataset_id}/data-annotations/labels")["labels"]}
    assert labels == {"cat": 15, "dog": 10}

    # A changed sidecar is read again, and the sample's labels follow it.
    s3.put_object(Bucket=bucket, Key="inc/010.txt", Body=b"bird\n")
    third = api.sync(dataset_id)
    assert (third["add_sample_count"], third["deleted_sample_count"], third["sidecars_read"]) == (0, 0, 1)
    changed = next(s for s in api.samples(dataset_id) if s["sample_name"] == "010.jpg")
    assert [label["name"] for label in changed["labels"]] == ["bird"]


def dataset_times(api: ModelArtsAPI, dataset_id: str) -> tuple[int, int]:
    """The dataset's (create_time, update_time) as the list gives them, checked to be those of the dataset itself."""
    listed, offset = None, 0
    while listed is None:
        page = api.ok("GET", "datasets", params={"offset": offset, "limit": 100})["datasets"]
        assert page, f"dataset {dataset_id} is not listed"
        listed = next((d for d in page if d["dataset_id"] == dataset_id), None)
        offset += len(page)
    single = api.ok("GET", f"datasets/{dataset_id}")
    assert (single["create_time"], single["update_time"]) == (listed["create_time"], listed["update_time"])
    return listed["create_time"], listed["update_time"]


def test_update_time_after_a_sync_is_the_time_of_the_sync(api, s3, bucket):
    """Times are milliseconds since 1970: a sync that adds or removes samples sets update_time to its own time."""
    s3.put_object(Bucket=bucket, Key="times/1.jpg", Body=b"\xff\xd8 one")
    before = int(time.time() * 1000)
    dataset_id = api.create_dataset(unique_name("times"), 0, bucket, "times/")
    created, updated = dataset_times(api, dataset_id)
    # The creation's import added 1.jpg: the update is that import's, right after the creation.
    assert before <= created <= updated <= int(time.time() * 1000) + 1

    for step in ("add", "remove"):
        if step == "remove":
            s3.delete_object(Bucket=bucket, Key="times/1.jpg")
        else:
            s3.put_object(Bucket=bucket, Key="times/2.jpg", Body=b"\xff\xd8 two")
        before = int(time.time() * 1000)
        status = api.sync(dataset_id)
        assert status["status"] == "COMPLETED", status
        after = int(time.time() * 1000) + 1
        create_time, update_time = dataset_times(api, dataset_id)
        assert create_time == created
        assert before <= update_time <= after, f"{step}: update_time {update_time} is not between {before} and {after}"


def test_labeled_data_behind_a_kms_key_shows_as_unlabeled_and_says_why(api, s3, bucket):
    """The ModelArts symptom: the bucket encrypts new objects with a KMS key the labeling service has no grant on."""
    s3.put_bucket_encryption(Bucket=bucket, ServerSideEncryptionConfiguration={
        "Rules": [{"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "aws:kms"}}]})
    upload(s3, bucket, "enc/", {"1.jpg": b"\xff\xd8 one", "1.txt": b"cat\n", "2.jpg": b"\xff\xd8 two", "2.txt": b"dog\n"})
    dataset_id = api.create_dataset(unique_name("enc"), 0, bucket, "enc/")
    status = api.sync(dataset_id)
    assert status["status"] == "COMPLETED" and status["total_sample_count"] == 2
    samples = api.samples(dataset_id, "__NONE__")
    assert len(samples) == 2
    assert api.samples(dataset_id, "__ALL__") == []
    for sample in samples:
        reason = sample["unlabeled_reason"]
        assert reason["code"] == "sidecar_unreadable", reason
        assert reason["storage_error_code"] == "KMS.AccessDeniedException", reason
        assert reason["principal"] == "modelarts-service"
        assert reason["kms_key_id"]
        assert reason["sidecar"] == "enc/" + sample["sample_name"].replace(".jpg", ".txt")


def test_api_errors_are_modelarts_json(api, s3, bucket):
    for token in (None, "not-the-token"):
        response = api.request("GET", "datasets", token=token)
        assert response.status_code == 401
        assert response.headers["Content-Type"] == "application/json"
        assert set(response.json()) == {"error_code", "error_msg"}
        assert response.json()["error_code"].startswith("ModelArts.")

    missing = api.request("GET", "datasets/0123456789abcdef0123456789abcdef")
    assert missing.status_code == 404
    assert missing.json()["error_code"] == "ModelArts.4352"

    bad = api.request("POST", "datasets", json={"dataset_name": "x", "dataset_type": 0, "work_path": f"/{bucket}/out/"})
    assert bad.status_code == 400
    assert "data_sources" in bad.json()["error_msg"]

    wrong_method = api.request("PATCH", "datasets")
    assert wrong_method.status_code == 405
    assert wrong_method.json()["error_code"].startswith("ModelArts.")

    s3.put_object(Bucket=bucket, Key="e/1.jpg", Body=b"x")
    dataset_id = api.create_dataset(unique_name("err"), 0, bucket, "e/")
    too_many = api.request("GET", f"datasets/{dataset_id}/data-annotations/samples", params={"limit": 101})
    assert too_many.status_code == 400
    assert "limit" in too_many.json()["error_msg"]

    assert api.request("DELETE", f"datasets/{dataset_id}").status_code == 204
    assert api.request("GET", f"datasets/{dataset_id}").status_code == 404
    # Deleting a dataset never deletes its objects.
    assert s3.get_object(Bucket=bucket, Key="e/1.jpg")["Body"].read() == b"x"


def test_cli_drives_the_api(server, api, s3, bucket):
    upload(s3, bucket, "cli/", DATA["object-detection"]["files"])
    name = unique_name("cli")

    def obslab(*args: str) -> str:
        command = [str(obslab_binary()), *args, "--api-endpoint", api.endpoint, "--token", api.token, "--project", PROJECT]
        result = subprocess.run(command, capture_output=True, text=True, timeout=120)
        assert result.returncode == 0, f"{' '.join(args)} exited {result.returncode}:\n{result.stdout}\n{result.stderr}"
        return result.stdout

    created = obslab("dataset", "create", name, "--type", "object-detection", "--input", f"obs://{bucket}/cli/",
                     "--output", f"obs://{bucket}/cli-out/", "--label", "cat:#ff0000", "--label", "dog")
    assert f"created dataset {name}" in created
    assert f"input: obs://{bucket}/cli/" in created
    assert "status: completed" in created and "samples: 4 imported of 4, 2 labeled" in created, created

    # The creation imported the input path; a sync finds nothing new.
    synced = obslab("sync", name)
    assert "added 0, deleted 0, total 4" in synced
    assert "labeled 2, unlabeled 2" in synced
    assert "\r" not in synced, "not a terminal: plain lines, no progress bar"

    table = obslab("samples", "list", name, "--state", "unlabeled")
    assert "cli/IMG_3.jpg" in table and "sidecar_malformed" in table
    assert "cli/IMG_4.jpg" in table and "no_sidecar" in table
    assert "cli/IMG_1.jpg" not in table

    listed = json.loads(obslab("samples", "list", name, "--json", "--limit", "3"))
    assert listed["sample_count"] == 4 and len(listed["samples"]) == 3

    sample_id = next(s["sample_id"] for s in api.samples(api_dataset_id(api, name)) if s["sample_name"] == "IMG_1.jpg")
    shown = obslab("samples", "show", name, sample_id)
    assert "state: labeled" in shown
    assert "cat  color #ff0000  bndbox [[10,20],[50,60]]" in shown
    assert "labels from: label file cli/IMG_1.xml" in shown

    labels = obslab("labels", "list", name)
    assert any(line.split()[:4] == ["cat", "object-detection", "#ff0000", "2"] for line in labels.splitlines())

    obslab("job", "create", name, "second")
    obslab("sync", name)
    jobs = obslab("job", "list", name)
    assert "second" in jobs and "yes" in jobs

    assert name in obslab("dataset", "list")
    assert "samples: 4 (labeled 2, unlabeled 2)" in obslab("dataset", "show", name)
    assert "are untouched" in obslab("dataset", "delete", name)
    assert s3.get_object(Bucket=bucket, Key="cli/IMG_1.xml")["Body"].read() == VOC_CAT.encode()


def test_every_command_takes_both_endpoints_and_the_old_endpoint_option_still_works(server, api):
    """`--s3-endpoint` and `--api-endpoint` (or their environment variables) on every command; the deprecated `--endpoint`
    keeps the meaning it had per command and says so; `--version`."""
    s3_endpoint, keys = server.http, ["--access-key", server.access_key, "--secret-key", server.secret_key]
    api_options = ["--token", api.token, "--project", PROJECT]
    clean = {k: v for k, v in os.environ.items() if not k.startswith("OBSLAB_")}

    def obslab(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
        result = subprocess.run([str(obslab_binary()), *args], capture_output=True, text=True, timeout=60, env=env or clean)
        assert result.returncode == 0, f"{' '.join(args)} exited {result.returncode}:\n{result.stdout}\n{result.stderr}"
        return result

    both = ["--s3-endpoint", s3_endpoint, "--api-endpoint", api.endpoint]
    assert "alias/testkey-1" in obslab("kms", "list", *both, *keys).stdout
    assert "ID" in obslab("dataset", "list", *both, *api_options).stdout
    environment = {**clean, "OBSLAB_S3_ENDPOINT": s3_endpoint, "OBSLAB_API_ENDPOINT": api.endpoint}
    assert "alias/testkey-1" in obslab("kms", "list", *keys, env=environment).stdout
    assert "ID" in obslab("dataset", "list", *api_options, env=environment).stdout

    old_s3 = obslab("kms", "list", "--endpoint", s3_endpoint, *keys)
    assert "alias/testkey-1" in old_s3.stdout and "--endpoint is deprecated; here it means --s3-endpoint" in old_s3.stderr
    old_api = obslab("dataset", "list", "--endpoint", api.endpoint, *api_options)
    assert "--endpoint is deprecated; here it means --api-endpoint" in old_api.stderr
    assert "--endpoint" not in obslab("kms", "list", "--help").stdout, "hidden from the help"

    version = obslab("--version").stdout.strip()
    assert version.count(".") == 2 and all(part.isdigit() for part in version.split(".")), version


def api_dataset_id(api: ModelArtsAPI, name: str) -> str:
    datasets = api.ok("GET", "datasets", params={"limit": 100})["datasets"]
    return next(dataset["dataset_id"] for dataset in datasets if dataset["dataset_name"] == name)


@pytest.fixture(scope="module")
def moto(workdir):
    """moto_server, a third-party S3 server, on a free port."""
    if shutil.which("moto_server") is None:
        pytest.skip("moto_server is not installed")
    port = free_port()
    log = open(workdir / f"moto-labeling-{port}.log", "w")
    process = subprocess.Popen(["moto_server", "-H", "127.0.0.1", "-p", str(port)], stdout=log, stderr=subprocess.STDOUT)
    wait_for_port(port, process)
    yield f"http://127.0.0.1:{port}"
    process.terminate()
    process.wait(20)


@pytest.fixture(scope="module")
def remote_labeling(workdir, moto):
    """A second obslab whose labeling layer reads moto over S3 (`--labeling-storage s3`), with keys of its own."""
    data = pathlib.Path(workdir) / "remote-labeling-data"
    data.mkdir()
    port, api_port = free_port(), free_port()
    log_path = pathlib.Path(workdir) / f"obslab-remote-{port}.log"
    env = server_environment(pathlib.Path(workdir), {
        "OBSLAB_LABELING_ACCESS_KEY": "modelarts-service-key", "OBSLAB_LABELING_SECRET_KEY": "modelarts-service-secret",
        "OBSLAB_API_TOKEN": "remote-token"})
    process = subprocess.Popen(
        [str(obslab_binary()), "serve", "--host", "127.0.0.1", "--port", str(port), "--api-port", str(api_port),
         "--data-dir", str(data), "--labeling-storage", "s3", "--labeling-storage-endpoint", moto,
         "--root-key-file", str(root_key_file(pathlib.Path(workdir)))],
        stdout=open(log_path, "w"), stderr=subprocess.STDOUT, env=env)
    try:
        wait_for_port(api_port, process)
    except Exception:
        process.kill()
        raise RuntimeError(f"obslab with --labeling-storage s3 did not start:\n{log_path.read_text(errors='replace')}")
    yield ModelArtsAPI(f"http://127.0.0.1:{api_port}", "remote-token")
    process.terminate()
    assert process.wait(20) == 0


def test_remote_adapter_against_moto_gives_the_same_samples(api, s3, bucket, moto, remote_labeling):
    """The labeling layer is not tied to obslab's engine: over moto, the same files give the same samples and labels."""
    moto_s3 = s3_client(Server("moto", moto, None, 0, None, None, "moto-key", "moto-secret", None, None, None))
    remote_bucket = unique_name("remote")
    moto_s3.create_bucket(Bucket=remote_bucket)
    try:
        for name, spec in DATA.items():
            upload(s3, bucket, f"{name}/", spec["files"])
            upload(moto_s3, remote_bucket, f"{name}/", spec["files"])
        local = sync_every_type(api, bucket, "cmp-local")
        remote = sync_every_type(remote_labeling, remote_bucket, "cmp-remote")
        for name, spec in DATA.items():
            prefix = f"{name}/"
            local_outcome = dict(outcome(sample, prefix) for sample in local[name][1])
            remote_outcome = dict(outcome(sample, prefix) for sample in remote[name][1])
            assert remote_outcome == local_outcome == spec["expected"], name

            def labels_of(samples):
                return sorted((s["sample_name"], s.get("line"), json.dumps(s["labels"], sort_keys=True)) for s in samples)
            assert labels_of(remote[name][1]) == labels_of(local[name][1]), name

        # Incremental sync over S3 too: 2 new objects, one gone.
        moto_s3.put_object(Bucket=remote_bucket, Key="image-classification/5.jpg", Body=b"\xff\xd8 five")
        moto_s3.put_object(Bucket=remote_bucket, Key="image-classification/5.txt", Body=b"cat\n")
        moto_s3.put_object(Bucket=remote_bucket, Key="image-classification/6.jpg", Body=b"\xff\xd8 six")
        moto_s3.delete_object(Bucket=remote_bucket, Key="image-classification/3.jpg")
        status = remote_labeling.sync(remote["image-classification"][0])
        assert (status["add_sample_count"], status["deleted_sample_count"], status["total_sample_count"]) == (2, 1, 5)
        assert status["sidecars_read"] == 1 and status["sidecars_unchanged"] == 2
    finally:
        empty_and_delete(moto_s3, remote_bucket)
