"""Creating a dataset imports its input path at once, and export tasks write a dataset to OBS, as the reference pages
"Creating a Dataset", "Creating a Dataset Export Task", "Querying the Dataset Export Task List" and "Querying the Status
of a Dataset Export Task" describe them. The API is driven with plain HTTP (`requests`), data goes in and the exported
files come back with boto3, and `obslab export` is run as a user would.
"""
from __future__ import annotations

import json
import os
import subprocess
import time
import xml.etree.ElementTree as ElementTree

import pytest

from helpers import unique_name
from servers import obslab_binary
from test_labeling import ModelArtsAPI, api_endpoint_and_token, upload
from test_modelarts_contract import refused

pytestmark = pytest.mark.obslab_only(reason="the labeling API is obslab's own")


def voc(*objects: tuple[str, tuple[int, int, int, int]]) -> bytes:
    boxes = "".join(
        f"<object><name>{name}</name><bndbox><xmin>{box[0]}</xmin><ymin>{box[1]}</ymin>"
        f"<xmax>{box[2]}</xmax><ymax>{box[3]}</ymax></bndbox></object>"
        for name, box in objects
    )
    return f"<annotation><size><width>100</width><height>80</height><depth>3</depth></size>{boxes}</annotation>".encode()


# IMG_1.jpg: a cat and a dog; sub/IMG_2.jpg: a dog; IMG_3.jpg: no label file.
BOXES = {
    "IMG_1.jpg": (("cat", (10, 20, 50, 60)), ("dog", (1, 2, 30, 40))),
    "sub/IMG_2.jpg": (("dog", (5, 6, 70, 80)),),
}
DETECTION = {
    "IMG_1.jpg": b"\xff\xd8 one", "IMG_1.xml": voc(*BOXES["IMG_1.jpg"]),
    "sub/IMG_2.jpg": b"\xff\xd8 two", "sub/IMG_2.xml": voc(*BOXES["sub/IMG_2.jpg"]),
    "IMG_3.jpg": b"\xff\xd8 three",
}


@pytest.fixture(scope="module")
def api(server) -> ModelArtsAPI:
    return ModelArtsAPI(*api_endpoint_and_token(server))


def create(api: ModelArtsAPI, bucket: str, prefix: str, dataset_type: int, name: str | None = None) -> dict:
    """POST /v2/{project_id}/datasets: 201, with the dataset's id and the id of the import the creation started."""
    body = {
        "dataset_name": name or unique_name("export"),
        "dataset_type": dataset_type,
        "data_sources": [{"data_type": 0, "data_path": f"/{bucket}/{prefix}"}],
        "work_path": f"/{bucket}/output/",
        "work_path_type": 0,
    }
    response = api.request("POST", "datasets", json=body)
    assert response.status_code == 201, response.text
    created = response.json()
    assert set(created) == {"dataset_id", "import_task_id"}, created
    assert all(isinstance(value, str) and value for value in created.values()), created
    return created


def wait(api: ModelArtsAPI, path: str, timeout: float = 60) -> dict:
    """GET a task until it is no longer running, as a client polls."""
    deadline = time.monotonic() + timeout
    while True:
        task = api.ok("GET", path)
        if task["status"] not in ("RUNNING", "INIT"):
            return task
        assert time.monotonic() < deadline, f"{path} still running after {timeout} s: {task}"
        time.sleep(0.05)


def export(api: ModelArtsAPI, dataset_id: str, body: dict) -> dict:
    """POST an export task (200 and its task_id), then its status until it is over."""
    created = api.ok("POST", f"datasets/{dataset_id}/export-tasks", json=body)
    assert isinstance(created["task_id"], str) and created["status"] in ("RUNNING", "SUCCESSED", "FAILED"), created
    return wait(api, f"datasets/{dataset_id}/export-tasks/{created['task_id']}")


def detection_dataset(api: ModelArtsAPI, s3, bucket: str) -> tuple[str, str]:
    """An object detection dataset over DETECTION, imported at creation: its id and input prefix."""
    prefix = unique_name("det") + "/"
    upload(s3, bucket, prefix, DETECTION)
    created = create(api, bucket, prefix, 1)
    assert wait(api, f"datasets/{created['dataset_id']}/import-tasks/{created['import_task_id']}")["status"] == "COMPLETED"
    return created["dataset_id"], prefix


def objects_of(document: bytes) -> list[tuple[str, tuple[int, int, int, int]]]:
    """The (name, box) of each object of a PASCAL VOC document."""
    root = ElementTree.fromstring(document)
    assert root.tag == "annotation"
    result = []
    for element in root.iter("object"):
        box = element.find("bndbox")
        result.append((element.findtext("name"), tuple(int(box.findtext(side)) for side in ("xmin", "ymin", "xmax", "ymax"))))
    return result


def body_of(s3, bucket: str, key: str) -> bytes:
    return s3.get_object(Bucket=bucket, Key=key)["Body"].read()


def test_creating_a_dataset_imports_its_input_path_and_the_import_task_shows_it_finished(api, s3, bucket):
    """Creating a Dataset: `import_task_id` names an import that code polling it sees finish, the samples present."""
    prefix = unique_name("pets") + "/"
    upload(s3, bucket, prefix, {"1.jpg": b"\xff\xd8 one", "1.txt": b"cat\n", "2.jpg": b"\xff\xd8 two", "2.txt": b"dog\n",
                                "3.jpg": b"\xff\xd8 three"})
    created = create(api, bucket, prefix, 0)
    dataset_id = created["dataset_id"]

    task = wait(api, f"datasets/{dataset_id}/import-tasks/{created['import_task_id']}")
    assert task["status"] == "COMPLETED", task
    assert (task["task_id"], task["dataset_id"], task["import_type"]) == (created["import_task_id"], dataset_id, 0)
    assert (task["total_sample_count"], task["imported_sample_count"], task["annotated_sample_count"]) == (3, 3, 2)
    assert task["data_source"] == {"data_type": 0, "data_path": f"/{bucket}/{prefix}"}
    listed = api.ok("GET", f"datasets/{dataset_id}/import-tasks")
    assert [t["task_id"] for t in listed["import_tasks"]] == [created["import_task_id"]]

    samples = {sample["sample_name"]: sample for sample in api.samples(dataset_id)}
    assert set(samples) == {"1.jpg", "2.jpg", "3.jpg"}
    assert [label["name"] for label in samples["1.jpg"]["labels"]] == ["cat"]
    assert [label["name"] for label in samples["2.jpg"]["labels"]] == ["dog"]
    assert samples["3.jpg"]["sample_status"] == "__NONE__"
    dataset = api.ok("GET", f"datasets/{dataset_id}")
    assert (dataset["total_sample_count"], dataset["annotated_sample_count"]) == (3, 2)
    # The import was the first sync: the next one finds nothing new.
    status = api.sync(dataset_id)
    assert (status["status"], status["add_sample_count"], status["total_sample_count"]) == ("COMPLETED", 0, 3)


def test_creating_a_dataset_refuses_import_annotations_false_which_it_cannot_honour(api, s3, bucket):
    """obslab reads the label files beside the samples on every sync: `import_annotations: false` would be ignored."""
    body = {"dataset_name": unique_name("noann"), "dataset_type": 0, "work_path": f"/{bucket}/output/", "work_path_type": 0,
            "data_sources": [{"data_type": 0, "data_path": f"/{bucket}/noann/"}]}
    refused(api.request("POST", "datasets", json={**body, "import_annotations": False}), "import_annotations")
    assert api.ok("GET", "datasets", params={"search_content": body["dataset_name"]})["total_number"] == 0, "nothing created"
    created = api.ok("POST", "datasets", 201, json={**body, "import_annotations": True})
    assert set(created) == {"dataset_id", "import_task_id"}


def test_creating_a_dataset_over_a_missing_bucket_creates_it_and_its_import_says_why_it_failed(api):
    created = create(api, unique_name("missing"), "in/", 0)
    task = wait(api, f"datasets/{created['dataset_id']}/import-tasks/{created['import_task_id']}")
    assert task["status"] == "FAILED", task
    assert task["error_code"].startswith("ModelArts.") and task["error_msg"], task
    assert api.ok("GET", f"datasets/{created['dataset_id']}")["total_sample_count"] == 0


def test_a_manifest_export_lands_in_the_bucket_encrypted_and_reads_back_with_boto3(api, s3, bucket, bucket_factory):
    """Creating a Dataset Export Task, Querying the Status of a Dataset Export Task, Querying the Dataset Export Task
    List: the manifest names every sample where it is, its detection labels in PASCAL VOC files beside it."""
    dataset_id, prefix = detection_dataset(api, s3, bucket)
    out = bucket_factory("export-out")
    s3.put_bucket_encryption(Bucket=out, ServerSideEncryptionConfiguration={
        "Rules": [{"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}}]})

    task = export(api, dataset_id, {"path": f"/{out}/exports/", "export_type": 2, "export_params": {"export_dest": "DIR"}})

    assert task["status"] == "SUCCESSED", task
    assert (task["path"], task["export_type"], task["progress"]) == (f"/{out}/exports/", 2, 100.0)
    assert (task["total_sample_count"], task["finished_sample_count"]) == (3, 3)
    assert task["export_params"] == {"clear_hard_property": True, "export_dest": "DIR"}
    assert isinstance(task["create_time"], int) and task["update_time"] >= task["create_time"]
    assert "error_code" not in task and "error_msg" not in task
    dataset_name = api.ok("GET", f"datasets/{dataset_id}")["dataset_name"]
    assert task["manifest_path"] == f"/{out}/exports/{dataset_name}.manifest"

    manifest_key = f"exports/{dataset_name}.manifest"
    assert s3.head_object(Bucket=out, Key=manifest_key)["ServerSideEncryption"] == "AES256"
    lines = [json.loads(line) for line in body_of(s3, out, manifest_key).decode().splitlines()]
    assert [line["source"] for line in lines] == [f"obs://{bucket}/{prefix}{name}" for name in ("IMG_1.jpg", "IMG_3.jpg", "sub/IMG_2.jpg")]
    by_name = {line["source"].removeprefix(f"obs://{bucket}/{prefix}"): line for line in lines}
    assert "annotation" not in by_name["IMG_3.jpg"]
    for name, boxes in BOXES.items():
        [annotation] = by_name[name]["annotation"]
        assert annotation["type"] == "modelarts/object_detection"
        assert annotation["annotation-format"] == "PASCAL VOC"
        location = annotation["annotation-loc"]
        assert location == f"obs://{out}/exports/annotation/{name.removesuffix('.jpg')}.xml"
        key = location.removeprefix(f"obs://{out}/")
        assert s3.head_object(Bucket=out, Key=key)["ServerSideEncryption"] == "AES256"
        assert objects_of(body_of(s3, out, key)) == list(boxes)

    listed = api.ok("GET", f"datasets/{dataset_id}/export-tasks")
    assert listed["total_count"] == 1 and [t["task_id"] for t in listed["export_tasks"]] == [task["task_id"]]
    assert listed["export_tasks"][0]["status"] == "SUCCESSED"
    assert api.ok("GET", f"datasets/{dataset_id}/export-tasks", params={"export_type": 0})["total_count"] == 0
    assert api.ok("GET", f"datasets/{dataset_id}/export-tasks", params={"export_type": 2})["total_count"] == 1


def test_a_voc_export_writes_the_labeled_images_pascal_voc_files_and_nothing_else(api, s3, bucket, bucket_factory):
    dataset_id, _ = detection_dataset(api, s3, bucket)
    out = bucket_factory("export-voc")

    task = export(api, dataset_id, {"path": f"obs://{out}/voc/", "annotation_format": "VOC", "export_type": 0})

    assert task["status"] == "SUCCESSED", task
    assert (task["annotation_format"], task["export_type"], task["total_sample_count"]) == ("VOC", 0, 2)
    assert "manifest_path" not in task
    keys = {item["Key"] for item in s3.list_objects_v2(Bucket=out)["Contents"]}
    assert keys == {"voc/IMG_1.xml", "voc/sub/IMG_2.xml"}
    for name, boxes in BOXES.items():
        document = body_of(s3, out, f"voc/{name.removesuffix('.jpg')}.xml")
        assert objects_of(document) == list(boxes)
        assert ElementTree.fromstring(document).findtext("filename") == name.split("/")[-1]


def test_sample_state_chooses_the_samples_and_source_type_header_the_scheme(api, s3, bucket, bucket_factory):
    """The reference's own example: `export_type` 3 with `export_params.sample_state`; `source_type_header` `s3://`."""
    dataset_id, prefix = detection_dataset(api, s3, bucket)
    out = bucket_factory("export-state")
    dataset_name = api.ok("GET", f"datasets/{dataset_id}")["dataset_name"]

    unlabeled = export(api, dataset_id, {"path": f"/{out}/none/", "export_type": 3, "export_params": {"sample_state": "__NONE__"}})
    assert (unlabeled["status"], unlabeled["export_type"], unlabeled["total_sample_count"]) == ("SUCCESSED", 1, 1)
    lines = body_of(s3, out, f"none/{dataset_name}.manifest").decode().splitlines()
    assert [json.loads(line)["source"] for line in lines] == [f"obs://{bucket}/{prefix}IMG_3.jpg"]

    labeled = export(api, dataset_id, {"path": f"/{out}/s3/", "sample_state": "__ALL__", "source_type_header": "s3://"})
    assert (labeled["status"], labeled["export_type"], labeled["total_sample_count"]) == ("SUCCESSED", 0, 2)
    lines = [json.loads(line) for line in body_of(s3, out, f"s3/{dataset_name}.manifest").decode().splitlines()]
    assert [line["source"] for line in lines] == [f"s3://{bucket}/{prefix}IMG_1.jpg", f"s3://{bucket}/{prefix}sub/IMG_2.jpg"]
    assert all(line["annotation"][0]["annotation-loc"].startswith(f"s3://{out}/s3/annotation/") for line in lines)

    everything = export(api, dataset_id, {"path": f"/{out}/all/", "export_type": 3, "export_params": {"sample_state": ""}})
    assert (everything["export_type"], everything["total_sample_count"]) == (2, 3)


@pytest.mark.parametrize("body, field", [
    ({}, "path"),
    ({"path": "out/x/"}, "path"),
    ({"path": "/b/x/", "export_format": 1}, "export_format"),
    ({"path": "/b/x/", "version_id": "V001"}, "version_id"),
    ({"path": "/b/x/", "with_column_header": True}, "with_column_header"),
    ({"path": "/b/x/", "export_type": 5}, "export_type"),
    ({"path": "/b/x/", "export_type": 0, "sample_state": "__NONE__"}, "sample_state"),
    ({"path": "/b/x/", "export_type": 3, "sample_state": "__UNCHECK__"}, "sample_state"),
    ({"path": "/b/x/", "sample_state": "__ALL__", "export_params": {"sample_state": "__NONE__"}}, "sample_state"),
    ({"path": "/b/x/", "annotation_format": "COCO"}, "annotation_format"),
    ({"path": "/b/x/", "source_type_header": "https://"}, "source_type_header"),
    ({"path": "/b/x/", "export_params": {"export_dest": "NEW_DATASET"}}, "export_params.export_dest"),
    ({"path": "/b/x/", "export_params": {"export_new_dataset_name": "copy"}}, "export_params.export_new_dataset_name"),
    ({"path": "/b/x/", "export_params": {"ratio_sample_usage": True}}, "export_params.ratio_sample_usage"),
    ({"path": "/b/x/", "export_params": {"search_conditions": [{"labeler": "alice"}]}}, "export_params.search_conditions"),
    ({"path": "/b/x/", "export_params": {"samples": ["x"]}}, "export_params.samples"),
])
def test_members_obslab_cannot_honour_are_refused_by_name(api, s3, bucket, body, field):
    """No silent no-op: each member or value obslab does not do is a ModelArts 400 naming it, and no task starts."""
    prefix = unique_name("refuse") + "/"
    upload(s3, bucket, prefix, {"1.jpg": b"\xff\xd8 one"})
    dataset_id = create(api, bucket, prefix, 1)["dataset_id"]
    refused(api.request("POST", f"datasets/{dataset_id}/export-tasks", json=body), field)
    assert api.ok("GET", f"datasets/{dataset_id}/export-tasks")["total_count"] == 0


def test_voc_for_classification_unknown_tasks_and_datasets(api, s3, bucket):
    prefix = unique_name("cls") + "/"
    upload(s3, bucket, prefix, {"1.jpg": b"\xff\xd8 one", "1.txt": b"cat\n"})
    dataset_id = create(api, bucket, prefix, 0)["dataset_id"]
    refused(api.request("POST", f"datasets/{dataset_id}/export-tasks",
                        json={"path": f"/{bucket}/x/", "annotation_format": "VOC"}), "PASCAL VOC")
    refused(api.request("GET", f"datasets/{dataset_id}/export-tasks/0123456789abcdef0123456789abcdef"), "Export task",
            status=404, code="ModelArts.0102")
    refused(api.request("GET", "datasets/0123456789abcdef0123456789abcdef/export-tasks"), "Dataset", status=404,
            code="ModelArts.4352")
    refused(api.request("GET", f"datasets/{dataset_id}/export-tasks", params={"export_type": "3"}), "export_type")


def test_a_bucket_that_refuses_the_labeling_service_fails_the_export_naming_it(api, s3, bucket, bucket_factory):
    dataset_id, _ = detection_dataset(api, s3, bucket)
    out = bucket_factory("export-denied")
    s3.put_bucket_policy(Bucket=out, Policy=json.dumps({"Version": "2012-10-17", "Statement": [{
        "Effect": "Deny", "Principal": "*", "Action": "s3:PutObject", "Resource": f"arn:aws:s3:::{out}/*"}]}))

    task = export(api, dataset_id, {"path": f"/{out}/denied/"})

    assert task["status"] == "FAILED", task
    assert task["error_code"] == "ModelArts.4364", task
    assert f"obs://{out}/denied/" in task["error_msg"]
    assert "Contents" not in s3.list_objects_v2(Bucket=out)


def test_cli_create_imports_and_export_writes_the_manifest_and_voc_files(api, server, s3, bucket, bucket_factory):
    env = {**os.environ, "OBSLAB_S3_ENDPOINT": server.http, "OBSLAB_API_ENDPOINT": api.endpoint, "OBSLAB_API_TOKEN": api.token}

    def obslab(*args: str, expect: int = 0) -> str:
        result = subprocess.run([obslab_binary(), *args], env=env, capture_output=True, text=True, timeout=120)
        assert result.returncode == expect, f"obslab {' '.join(args)}: {result.stdout}{result.stderr}"
        return result.stdout + result.stderr

    prefix = unique_name("cli") + "/"
    upload(s3, bucket, prefix, DETECTION)
    out = bucket_factory("export-cli")
    name = unique_name("cli-export")
    printed = obslab("dataset", "create", name, "--type", "object-detection", "--input", f"obs://{bucket}/{prefix}",
                     "--output", f"obs://{bucket}/output/")
    assert "status: completed" in printed and "samples: 3 imported of 3, 2 labeled" in printed, printed

    printed = obslab("export", name, "--path", f"obs://{out}/cli/")
    assert "status: completed" in printed and "samples: 3 of 3 exported" in printed, printed
    assert f"manifest: obs://{out}/cli/{name}.manifest" in printed, printed
    lines = body_of(s3, out, f"cli/{name}.manifest").decode().splitlines()
    assert len(lines) == 3

    printed = obslab("export", name, "--path", f"obs://{out}/cli-voc/", "--format", "voc", "--samples", "labeled")
    assert "samples: 2 of 2 exported" in printed and "manifest:" not in printed, printed
    assert objects_of(body_of(s3, out, "cli-voc/IMG_1.xml")) == list(BOXES["IMG_1.jpg"])

    # The API's 400 names the member at fault.
    printed = obslab("export", name, "--path", "not-a-path", expect=1)
    assert "path" in printed and "ModelArts.0104" in printed, printed
