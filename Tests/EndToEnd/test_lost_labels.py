""""Why ModelArts image labels are lost?" (guide/why_modelarts_image_labels_are_lost.rst): "The default labeling job
is deleted. As a result, the labels are deleted." (issue 14, acceptance 5)

Labeled images are uploaded with boto3, the dataset driven over the ModelArts REST API with plain HTTP: deleting the
default labeling job (a workforce task) deletes the dataset's labels, a sync does not bring them back because their
label files did not change, and the diagnosis says why and names the command that reads the files again, which the
CLI runs.
"""
from __future__ import annotations

import pytest

from helpers import empty_and_delete, unique_name
from test_labeling import ModelArtsAPI, api_endpoint_and_token
from test_labeling_permissions import cli, labeled_keys, unlabeled_reasons, upload_labeled

pytestmark = pytest.mark.obslab_only(reason="the labeling API is obslab's own")


@pytest.fixture(scope="module")
def api(server) -> ModelArtsAPI:
    return ModelArtsAPI(*api_endpoint_and_token(server))


@pytest.fixture
def bucket(s3):
    name = unique_name("lost")
    s3.create_bucket(Bucket=name)
    yield name
    empty_and_delete(s3, name)


def default_job(api: ModelArtsAPI, dataset_id: str) -> dict:
    tasks = api.ok("GET", f"datasets/{dataset_id}/workforce-tasks", params={"with_default": "true"})["tasks"]
    return next(task for task in tasks if task["is_default"])


def test_deleting_the_default_job_loses_the_labels_a_sync_keeps_them_lost_and_the_diagnosis_says_why(server, api, s3, bucket):
    upload_labeled(s3, bucket, "images/")
    dataset_id = api.create_dataset(unique_name("lost"), 0, bucket, "images/")
    assert api.sync(dataset_id)["status"] == "COMPLETED"
    assert len(labeled_keys(api, dataset_id)) == 4
    job = default_job(api, dataset_id)

    response = api.request("DELETE", f"datasets/{dataset_id}/workforce-tasks/{job['task_id']}", headers={"X-Obslab-User": "bob"})
    assert response.status_code == 204 and response.content == b""

    reasons = unlabeled_reasons(api, dataset_id)
    assert set(reasons) == {f"images/{stem}.jpg" for stem in "abcd"}
    assert {reason["code"] for reason in reasons.values()} == {"labels_deleted_with_default_job"}
    assert all("bob" in reason["message"] for reason in reasons.values())
    replacement = default_job(api, dataset_id)
    assert replacement["task_id"] != job["task_id"] and replacement["task_name"] == job["task_name"]
    assert api.ok("GET", f"datasets/{dataset_id}")["annotated_sample_count"] == 0

    # The label files are unchanged in OBS: a sync does not read them again, and the labels stay lost.
    status = api.sync(dataset_id)
    assert status["status"] == "COMPLETED" and status["sidecars_read"] == 0
    assert labeled_keys(api, dataset_id) == set()

    diagnosis = api.ok("GET", f"datasets/{dataset_id}/diagnosis")
    [group] = diagnosis["groups"]
    assert group["cause"] == "labels_deleted_with_default_job" and group["sample_count"] == 4
    assert "default labeling job was deleted" in group["explanation"]
    [fix] = group["remediations"]
    name = api.ok("GET", f"datasets/{dataset_id}")["dataset_name"]
    assert fix["command"] == f"obslab sync {name} --reread-deleted-labels"

    # The CLI shows the same cause, and its fix reads the label files again.
    assert "4 unlabeled: labels_deleted_with_default_job" in cli(server, api, "diagnose", name).stdout
    assert "labeled 4, unlabeled 0" in cli(server, api, *fix["command"].split()[1:]).stdout
    assert labeled_keys(api, dataset_id) == {f"images/{stem}.jpg" for stem in "abcd"}
    assert api.ok("GET", f"datasets/{dataset_id}/diagnosis")["groups"] == []


def test_the_cli_asks_for_force_before_deleting_the_default_job(server, api, s3, bucket):
    upload_labeled(s3, bucket, "images/")
    name = unique_name("lost")
    dataset_id = api.create_dataset(name, 0, bucket, "images/")
    api.sync(dataset_id)
    job = default_job(api, dataset_id)

    refused = cli(server, api, "job", "delete", name, job["task_name"], check=False)
    assert refused.returncode != 0
    assert "deletes the labels of its 4 labeled samples" in refused.stderr and "--force" in refused.stderr
    assert len(labeled_keys(api, dataset_id)) == 4

    done = cli(server, api, "job", "delete", name, job["task_id"], "--force", "--user", "carol").stdout
    assert "4 samples lost their labels" in done and f"obslab sync {name} --reread-deleted-labels" in done
    assert {reason["code"] for reason in unlabeled_reasons(api, dataset_id).values()} == {"labels_deleted_with_default_job"}
    assert "carol" in next(iter(unlabeled_reasons(api, dataset_id).values()))["message"]


def test_a_bad_reread_flag_is_a_400_naming_it(api, s3, bucket):
    upload_labeled(s3, bucket, "images/")
    dataset_id = api.create_dataset(unique_name("lost"), 0, bucket, "images/")
    response = api.request("POST", f"datasets/{dataset_id}/sync-data", params={"reread_deleted_labels": "maybe"})
    assert response.status_code == 400 and "reread_deleted_labels" in response.json()["error_msg"]
