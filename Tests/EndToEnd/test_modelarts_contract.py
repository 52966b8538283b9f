"""The ModelArts contract: request members, answer fields, their types and status codes, endpoint by endpoint, as the
reference pages under shared/reference/modelarts/api/ give them (each test names its page). A member obslab cannot honour
is refused with a ModelArts-style 400 naming it, never accepted and ignored. Data goes in with boto3, the API is driven
with plain HTTP (`requests`).
"""
from __future__ import annotations

import json

import pytest

from helpers import unique_name
from test_labeling import ModelArtsAPI, api_endpoint_and_token, upload

pytestmark = pytest.mark.obslab_only(reason="the labeling API is obslab's own")

# 1.jpg labeled cat, 2.jpg labeled dog, 3.jpg labeled cat and dog, 4.jpg without a label file.
FILES = {
    "1.jpg": b"\xff\xd8 one", "1.txt": b"cat\n",
    "2.jpg": b"\xff\xd8 two", "2.txt": b"dog\n",
    "3.jpg": b"\xff\xd8 three", "3.txt": b"cat\ndog\n",
    "4.jpg": b"\xff\xd8 four",
}


@pytest.fixture(scope="module")
def api(server) -> ModelArtsAPI:
    return ModelArtsAPI(*api_endpoint_and_token(server))


def pets(api: ModelArtsAPI, s3, bucket: str) -> tuple[str, dict[str, str]]:
    """A synced image classification dataset over FILES (under its own prefix): its id and sample ids by file name."""
    prefix = unique_name("contract") + "/"
    upload(s3, bucket, prefix, FILES)
    dataset_id = api.create_dataset(unique_name("pets"), 0, bucket, prefix)
    assert api.sync(dataset_id)["status"] == "COMPLETED"
    return dataset_id, {sample["sample_name"]: sample["sample_id"] for sample in api.samples(dataset_id)}


def refused(response, field: str, status: int = 400, code: str = "ModelArts.0104") -> None:
    """A ModelArts error: the status, `error_code` and an `error_msg` naming `field`."""
    assert response.status_code == status, f"{response.status_code} {response.text}"
    body = response.json()
    assert set(body) == {"error_code", "error_msg"} and body["error_code"] == code, body
    assert field in body["error_msg"], body


def labels_of(api: ModelArtsAPI, dataset_id: str) -> dict[str, set[str]]:
    return {s["sample_name"]: {label["name"] for label in s.get("labels") or []} for s in api.samples(dataset_id)}


def test_modifying_a_dataset_changes_name_description_and_labels(api, s3, bucket):
    """api/modifying_a_dataset.rst: PUT /v2/{project_id}/datasets/{dataset_id}, 200 {"dataset_id": String}."""
    dataset_id, _ = pets(api, s3, bucket)
    new_name = unique_name("renamed")
    answer = api.ok("PUT", f"datasets/{dataset_id}", json={
        "dataset_name": new_name,
        "description": "just a test",
        "add_labels": [{"name": "Ants", "type": 0, "property": {"@modelarts:color": "#3399ff"}}],
        "update_labels": [{"name": "cat", "property": {"@modelarts:color": "#ff0000"}}],
        "delete_labels": [{"name": "dog"}],
    })
    assert answer == {"dataset_id": dataset_id}

    detail = api.ok("GET", f"datasets/{dataset_id}")
    assert detail["dataset_name"] == new_name and detail["description"] == "just a test"
    labels = {label["name"]: label for label in detail["labels"]}
    assert set(labels) == {"cat", "Ants"}
    assert labels["cat"]["property"]["@modelarts:color"] == "#ff0000"
    assert labels["Ants"]["property"]["@modelarts:color"] == "#3399ff" and labels["Ants"]["type"] == 0
    # delete_labels deletes as label management's policy 0 does: the label leaves every sample, the samples stay.
    assert labels_of(api, dataset_id) == {"1.jpg": {"cat"}, "2.jpg": set(), "3.jpg": {"cat"}, "4.jpg": set()}


def test_modifying_a_dataset_refuses_what_it_cannot_honour_and_changes_nothing(api, s3, bucket):
    """api/modifying_a_dataset.rst: a member outside the page's table, or a label or version the dataset lacks, is an
    error naming it; a refused update changes nothing of what it also asked."""
    dataset_id, _ = pets(api, s3, bucket)
    before = api.ok("GET", f"datasets/{dataset_id}")
    path = f"datasets/{dataset_id}"

    refused(api.request("PUT", path, json={"description": "x", "auto_sync": True}), "auto_sync")
    refused(api.request("PUT", path, json={"dataset_name": "x", "current_version_id": "0" * 32}), "current_version_id")
    refused(api.request("PUT", path, json={"description": "x", "delete_labels": [{"name": "emu"}]}), "emu", 404, "ModelArts.0102")
    refused(api.request("PUT", path, json={"update_labels": [{"name": "cat"}], "delete_labels": [{"name": "cat"}]}), "cat")
    refused(api.request("PUT", path, json={"add_labels": [{"name": "cat"}]}), "cat", 409, "ModelArts.0103")
    refused(api.request("PUT", path, json={"description": "a<b"}), "description")
    refused(api.request("PUT", path, json={"add_labels": [{"type": 0}]}), "add_labels[0].name")
    refused(api.request("PUT", path, json={"dataset_name": 5}), "dataset_name")

    after = api.ok("GET", f"datasets/{dataset_id}")
    assert (after["dataset_name"], after["description"]) == (before["dataset_name"], before["description"])
    assert {label["name"] for label in after["labels"]} == {"cat", "dog"}
    assert labels_of(api, dataset_id)["3.jpg"] == {"cat", "dog"}

    # Another dataset's name is a conflict.
    other_id, _ = pets(api, s3, bucket)
    other = api.ok("GET", f"datasets/{other_id}")["dataset_name"]
    refused(api.request("PUT", path, json={"dataset_name": other}), other, 409, "ModelArts.0103")


def test_modifying_a_dataset_sets_its_current_version(api, s3, bucket):
    """api/modifying_a_dataset.rst `current_version_id`, seen through the version list's `is_current`; a new version
    becomes the current one again."""
    dataset_id, _ = pets(api, s3, bucket)
    first = api.ok("POST", f"datasets/{dataset_id}/versions", 201, json={})["version_id"]
    second = api.ok("POST", f"datasets/{dataset_id}/versions", 201, json={})["version_id"]

    def current() -> list[str]:
        versions = api.ok("GET", f"datasets/{dataset_id}/versions")["versions"]
        assert all(isinstance(v["is_current"], bool) for v in versions)
        return [v["version_id"] for v in versions if v["is_current"]]

    assert current() == [second]
    assert api.ok("PUT", f"datasets/{dataset_id}", json={"current_version_id": first}) == {"dataset_id": dataset_id}
    assert current() == [first]
    assert api.ok("GET", f"datasets/{dataset_id}/versions/{first}")["is_current"] is True
    third = api.ok("POST", f"datasets/{dataset_id}/versions", 201, json={})["version_id"]
    assert current() == [third]
    # Deleting the chosen version leaves the newest current.
    api.ok("PUT", f"datasets/{dataset_id}", json={"current_version_id": first})
    api.request("DELETE", f"datasets/{dataset_id}/versions/{first}").raise_for_status()
    assert current() == [third]


def test_a_version_splits_its_labeled_samples_by_the_ratio_and_shows_its_options(api, s3, bucket):
    """api/creating_a_dataset_labeling_version.rst `train_evaluate_sample_ratio` (the share of training samples, "1.00"
    by default), `clear_hard_property`, `export_images`, `remove_sample_usage`; querying_details_about_a_dataset_version.rst
    shows them with `data_path`. The three labeled samples of FILES at 0.67 give two TRAIN and one EVAL, the same ones
    at every publication; the unlabeled one has no usage."""
    dataset_id, _ = pets(api, s3, bucket)

    def publish(body: dict) -> tuple[dict, dict[str, str | None]]:
        version = api.ok("POST", f"datasets/{dataset_id}/versions", 201, json=body)["version_id"]
        detail = api.ok("GET", f"datasets/{dataset_id}/versions/{version}")
        manifest_bucket, manifest_key = detail["manifest_path"].removeprefix("/").split("/", 1)
        lines = s3.get_object(Bucket=manifest_bucket, Key=manifest_key)["Body"].read().decode().splitlines()
        return detail, {entry["source"].rsplit("/", 1)[1]: entry.get("usage") for entry in map(json.loads, lines)}

    detail, usages = publish({"train_evaluate_sample_ratio": "0.67", "clear_hard_property": False})
    assert sorted(usage for name, usage in usages.items() if name != "4.jpg") == ["EVAL", "TRAIN", "TRAIN"]
    assert usages["4.jpg"] is None
    assert detail["train_evaluate_sample_ratio"] == "0.67" and detail["clear_hard_property"] is False
    assert detail["export_images"] is False and detail["remove_sample_usage"] is True
    assert detail["data_path"] == detail["manifest_path"].rsplit("/", 1)[0] + "/data/"
    assert publish({"train_evaluate_sample_ratio": "0.67"})[1] == usages

    default, everything_trains = publish({})
    assert default["train_evaluate_sample_ratio"] == "1.00" and default["clear_hard_property"] is True
    assert {usage for name, usage in everything_trains.items() if name != "4.jpg"} == {"TRAIN"}
    listed = api.ok("GET", f"datasets/{dataset_id}/versions")["versions"]
    assert sorted(version["train_evaluate_sample_ratio"] for version in listed) == ["0.67", "0.67", "1.00"]

    count = len(listed)
    path = f"datasets/{dataset_id}/versions"
    refused(api.request("POST", path, json={"train_evaluate_sample_ratio": "1.5"}), "train_evaluate_sample_ratio")
    refused(api.request("POST", path, json={"train_evaluate_sample_ratio": "most"}), "train_evaluate_sample_ratio")
    refused(api.request("POST", path, json={"export_images": True}), "export_images")
    refused(api.request("POST", path, json={"remove_sample_usage": False}), "remove_sample_usage")
    assert len(api.ok("GET", path)["versions"]) == count


def test_updating_samples_sets_and_clears_hard_examples(api, s3, bucket):
    """api/updating_sample_labels_in_batches.rst: a sample's `metadata` `@modelarts:hard` (0/1),
    `@modelarts:hard_reasons` (array of integers 0-30), `@modelarts:hard_coefficient` (a number in [0, 1]); the "Example
    Type" filter and the versions' `clear_hard_property` see them."""
    dataset_id, by_name = pets(api, s3, bucket)
    path = f"datasets/{dataset_id}/data-annotations/samples"
    hard = {"@modelarts:hard": 1, "@modelarts:hard_reasons": [1, 3], "@modelarts:hard_coefficient": 0.7}
    answer = api.ok("PUT", path, json={"samples": [
        {"sample_id": by_name["1.jpg"], "labels": [{"name": "cat"}], "metadata": hard},
        {"sample_id": by_name["2.jpg"], "labels": [{"name": "dog"}], "metadata": {"@modelarts:hard": "true",
                                                                                  "@modelarts:hard_reasons": "20-21"}},
    ]})
    assert answer == {"success": True, "results": [{"success": True}, {"success": True}]}

    metadata = api.ok("GET", f"{path}/{by_name['1.jpg']}")["metadata"]
    assert metadata["@modelarts:hard"] == 1 and metadata["@modelarts:hard_reasons"] == [1, 3]
    assert metadata["@modelarts:hard_coefficient"] == pytest.approx(0.7)
    assert api.ok("GET", f"{path}/{by_name['2.jpg']}")["metadata"]["@modelarts:hard_reasons"] == [20, 21]

    def hard_names() -> set[str]:
        page = api.ok("GET", path, params={"limit": 100, "search_conditions": json.dumps([{"hard": "1"}])})
        return {sample["sample_name"] for sample in page["samples"]}

    assert hard_names() == {"1.jpg", "2.jpg"}

    # A version that keeps the hard property writes it (and the coefficient) into its manifest; by default it does not.
    def manifest(body: dict) -> dict[str, dict]:
        version = api.ok("POST", f"datasets/{dataset_id}/versions", 201, json=body)["version_id"]
        detail = api.ok("GET", f"datasets/{dataset_id}/versions/{version}")
        manifest_bucket, manifest_key = detail["manifest_path"].removeprefix("/").split("/", 1)
        lines = s3.get_object(Bucket=manifest_bucket, Key=manifest_key)["Body"].read().decode().splitlines()
        return {entry["source"].rsplit("/", 1)[1]: entry for entry in map(json.loads, lines)}

    kept = manifest({"clear_hard_property": False})
    assert kept["1.jpg"]["hard"] == "true" and kept["1.jpg"]["hard-coefficient"] == pytest.approx(0.7)
    assert "hard" not in kept["3.jpg"]
    assert all("hard" not in entry for entry in manifest({}).values())

    # Not hard clears the reasons and the coefficient; no metadata keeps what the sample has.
    api.ok("PUT", path, json={"samples": [{"sample_id": by_name["1.jpg"], "labels": [{"name": "cat"}],
                                           "metadata": {"@modelarts:hard": 0}},
                                          {"sample_id": by_name["2.jpg"], "labels": [{"name": "cat"}]}]})
    cleared = api.ok("GET", f"{path}/{by_name['1.jpg']}")["metadata"]
    assert cleared["@modelarts:hard"] == 0 and "@modelarts:hard_reasons" not in cleared
    assert "@modelarts:hard_coefficient" not in cleared
    assert hard_names() == {"2.jpg"}

    sample_id = by_name["3.jpg"]
    refused(api.request("PUT", path, json={"samples": [{"sample_id": sample_id, "metadata": {"@modelarts:hard_reasons": [1]}}]}),
            "samples[0].metadata.@modelarts:hard")
    refused(api.request("PUT", path, json={"samples": [{"sample_id": sample_id, "metadata": {"@modelarts:hard": 1,
                                                                                             "@modelarts:hard_reasons": [31]}}]}),
            "samples[0].metadata")
    refused(api.request("PUT", path, json={"samples": [{"sample_id": sample_id, "metadata": {"@modelarts:hard": 1,
                                                                                             "@modelarts:hard_coefficient": 2}}]}),
            "samples[0].metadata")
    refused(api.request("PUT", path, json={"samples": [{"sample_id": sample_id, "metadata": {"@modelarts:hard": 0,
                                                                                             "@modelarts:hard_reasons": [1]}}]}),
            "samples[0].metadata")
    refused(api.request("PUT", path, json={"samples": [{"sample_id": sample_id, "metadata": {"@modelarts:hard": 7}}]}),
            "samples[0].metadata.@modelarts:hard")
    refused(api.request("PUT", path, json={"samples": [{"sample_id": sample_id, "metadata": {"color": "red"}}]}),
            "samples[0].metadata.color")
    refused(api.request("PUT", path, json={"email": "a@example.com", "samples": [{"sample_id": sample_id}]}), "email")
    assert "@modelarts:hard" not in api.ok("GET", f"{path}/{sample_id}")["metadata"]
    assert labels_of(api, dataset_id)["3.jpg"] == {"cat", "dog"}


def test_deleting_a_label_answers_204_without_a_body(api, s3, bucket):
    """api/deleting_a_label_and_the_files_that_only_contain_the_label.rst: DELETE …/data-annotations/labels/{label_name},
    204 No Content; the samples carrying only that label go (obslab keeps their files unless `delete_source=true`)."""
    dataset_id, by_name = pets(api, s3, bucket)
    response = api.request("DELETE", f"datasets/{dataset_id}/data-annotations/labels/dog")
    assert response.status_code == 204 and response.content == b""
    assert labels_of(api, dataset_id) == {"1.jpg": {"cat"}, "3.jpg": {"cat"}, "4.jpg": set()}
    refused(api.request("DELETE", f"datasets/{dataset_id}/data-annotations/labels/dog"), "dog", 404, "ModelArts.0102")


def test_creating_a_labeling_task_refuses_unknown_teams_and_repetition(api, s3, bucket):
    """api/creating_a_team_labeling_task.rst: POST …/workforce-tasks, 200 {"task_id": String}; each sample has one
    labeler, so a `repetition` other than 1 is refused by name, not ignored, and `workforces_config` must name existing
    teams (team tasks themselves: test_teams.py)."""
    dataset_id, _ = pets(api, s3, bucket)
    path = f"datasets/{dataset_id}/workforce-tasks"
    answer = api.ok("POST", path, json={"task_name": unique_name("job"), "repetition": 1})
    assert set(answer) == {"task_id"} and isinstance(answer["task_id"], str)
    refused(api.request("POST", path, json={"task_name": unique_name("job"),
                                            "workforces_config": {"workforces": [{"workforce_id": "w1"}]}}), "w1", 404, "ModelArts.0102")
    refused(api.request("POST", path, json={"task_name": unique_name("job"), "repetition": 2}), "repetition")
    refused(api.request("POST", path, json={"task_name": unique_name("job"), "sample_conditions": "x"}), "sample_conditions")
    # "Querying the Team Labeling Task List of a Dataset": the default job is not one of them.
    tasks = api.ok("GET", path)
    assert tasks["count"] == len(tasks["tasks"]) == 1 and tasks["tasks"][0]["task_id"] == answer["task_id"]


def test_a_labeling_task_is_read_updated_and_deleted(api, s3, bucket):
    """api/querying_details_about_a_team_labeling_task.rst (200, `task_id`, `task_name`, `description`, `create_time`,
    `update_time` Long, `repetition` Integer, `sample_stats`), api/updating_a_team_labeling_task.rst (200, no body),
    api/deleting_a_team_labeling_task.rst (204)."""
    dataset_id, by_name = pets(api, s3, bucket)
    path = f"datasets/{dataset_id}/workforce-tasks"
    task_id = api.ok("POST", path, json={"task_name": unique_name("job")})["task_id"]
    detail = api.ok("GET", f"{path}/{task_id}")
    assert detail["task_id"] == task_id and detail["dataset_id"] == dataset_id and detail["repetition"] == 1
    assert isinstance(detail["create_time"], int) and isinstance(detail["update_time"], int) and detail["description"] == ""
    assert detail["sample_stats"] == {"total_sample_count": 4, "unannotated_sample_count": 1}

    new_name = unique_name("renamed")
    response = api.request("PUT", f"{path}/{task_id}", json={"task_name": new_name, "description": "second pass",
                                                              "dataset_id": dataset_id})
    assert response.status_code == 200 and response.content == b""
    changed = api.ok("GET", f"{path}/{task_id}")
    assert (changed["task_name"], changed["description"]) == (new_name, "second pass")
    assert changed["update_time"] >= detail["update_time"]
    refused(api.request("PUT", f"{path}/{task_id}", json={"workforces_config": {}}), "workforces_config")
    refused(api.request("PUT", f"{path}/{task_id}", json={"dataset_id": "0" * 32}), "dataset_id")
    refused(api.request("GET", f"{path}/{task_id}", params={"workforce_stats": "true"}), "workforce_stats")

    # A job's own labels go with it; the dataset's stay.
    api.ok("PUT", f"{path}/{task_id}/data-annotations/samples",
           json={"samples": [{"sample_id": by_name["4.jpg"], "labels": [{"name": "owl"}]}]})
    response = api.request("DELETE", f"{path}/{task_id}")
    assert response.status_code == 204 and response.content == b""
    refused(api.request("GET", f"{path}/{task_id}"), task_id, 404, "ModelArts.0102")
    refused(api.request("DELETE", f"{path}/{task_id}"), task_id, 404, "ModelArts.0102")
    assert api.ok("GET", path)["count"] == 0
    assert labels_of(api, dataset_id)["4.jpg"] == set()

    # Deleting the default job deletes the dataset's labels (test_lost_labels.py).


def test_dataset_details_carry_the_reference_fields(api, s3, bucket):
    """api/querying_details_about_a_dataset.rst: `current_version_id`/`current_version_name` (String),
    `dataset_version_count`, `next_version_num`, `deleted_sample_count`, `unconfirmed_sample_count`,
    `workforce_task_count` (Integer), `data_update_time` (Long, milliseconds)."""
    dataset_id, by_name = pets(api, s3, bucket)
    fresh = api.ok("GET", f"datasets/{dataset_id}")
    assert "current_version_id" not in fresh and "current_version_name" not in fresh
    assert (fresh["dataset_version_count"], fresh["next_version_num"], fresh["deleted_sample_count"]) == (0, 1, 0)
    assert (fresh["unconfirmed_sample_count"], fresh["workforce_task_count"]) == (0, 0)
    assert isinstance(fresh["data_update_time"], int) and fresh["data_update_time"] >= fresh["create_time"]

    first = api.ok("POST", f"datasets/{dataset_id}/versions", 201, json={})["version_id"]
    api.ok("POST", f"datasets/{dataset_id}/versions", 201, json={})
    api.ok("PUT", f"datasets/{dataset_id}", json={"current_version_id": first})
    api.ok("POST", f"datasets/{dataset_id}/workforce-tasks", json={"task_name": unique_name("job")})
    api.ok("POST", f"datasets/{dataset_id}/data-annotations/samples/delete", json={"samples": [by_name["4.jpg"]]})
    detail = api.ok("GET", f"datasets/{dataset_id}")
    assert (detail["current_version_id"], detail["current_version_name"]) == (first, "V001")
    assert (detail["dataset_version_count"], detail["next_version_num"], detail["deleted_sample_count"]) == (2, 3, 1)
    assert detail["workforce_task_count"] == 1 and detail["total_sample_count"] == 3
    assert detail["data_update_time"] >= fresh["data_update_time"]


def test_the_dataset_list_filters_sorts_and_pages(api, s3, bucket):
    """api/querying_the_dataset_list.rst: `dataset_type`, `search_content`, `sort_by` (`create_time`, `dataset_name`),
    `order` (`asc`, `desc`), `offset`/`limit`, `contain_versions`; 200 {"datasets": [...], "total_number": Integer}."""
    tag = unique_name("listing").replace("-", "")
    prefix = tag + "/"
    upload(s3, bucket, prefix, {"1.jpg": b"\xff\xd8 one"})
    ids = {name: api.create_dataset(f"{name}{tag}", kind, bucket, prefix) for name, kind in
           [("bee", 0), ("ant", 1), ("cow", 0)]}
    api.ok("POST", f"datasets/{ids['cow']}/versions", 201, json={})

    def names(**params) -> tuple[list[str], int]:
        page = api.ok("GET", "datasets", params={"search_content": tag.upper(), **params})
        assert isinstance(page["total_number"], int)
        return [d["dataset_name"].removesuffix(tag) for d in page["datasets"]], page["total_number"]

    assert names() == (["cow", "ant", "bee"], 3)
    assert names(order="asc") == (["bee", "ant", "cow"], 3)
    assert names(sort_by="dataset_name", order="asc") == (["ant", "bee", "cow"], 3)
    assert names(sort_by="dataset_name", order="asc", offset=1, limit=1) == (["bee"], 3)
    assert names(dataset_type=0, sort_by="dataset_name") == (["cow", "bee"], 2)
    assert names(dataset_type=1) == (["ant"], 1)

    listed = {d["dataset_name"].removesuffix(tag): d for d in
              api.ok("GET", "datasets", params={"search_content": tag, "contain_versions": "true"})["datasets"]}
    assert listed["bee"]["versions"] == []
    [version] = listed["cow"]["versions"]
    assert version["version_name"] == "V001" and version["is_current"] is True
    assert "versions" not in api.ok("GET", "datasets", params={"search_content": tag})["datasets"][0]

    refused(api.request("GET", "datasets", params={"sort_by": "size"}), "sort_by")
    refused(api.request("GET", "datasets", params={"order": "up"}), "order")
    refused(api.request("GET", "datasets", params={"dataset_type": 999}), "dataset_type")


def test_dataset_statistics_count_labels_samples_and_hard_examples(api, s3, bucket):
    """api/obtaining_dataset_statistics.rst: GET /v2/{project_id}/datasets/{dataset_id}/data-annotations/stats, 200 with
    `label_stats` (Array of LabelStats), `sample_stats`, `key_sample_stats` (Map<String,Integer>), `hard_detail_stats`
    (Map<String, PairOfintAndHardDetail>), `grouped_label_stats`, `metadata_stats`, `data_path`, `data_spliting_enable`."""
    dataset_id, by_name = pets(api, s3, bucket)
    api.ok("PUT", f"datasets/{dataset_id}/data-annotations/samples", json={"samples": [
        # "labels": left out, they would all be deleted (the reference's rule).
        {"sample_id": by_name["3.jpg"], "labels": [{"name": "cat"}, {"name": "dog"}],
         "metadata": {"@modelarts:hard": 1, "@modelarts:hard_reasons": [1, 3]}},
        {"sample_id": by_name["4.jpg"], "metadata": {"@modelarts:hard": 1, "@modelarts:hard_reasons": [3]}},
    ]})
    path = f"datasets/{dataset_id}/data-annotations/stats"
    stats = api.ok("GET", path)

    assert set(stats) == {"data_path", "data_spliting_enable", "grouped_label_stats", "hard_detail_stats", "key_sample_stats",
                          "label_stats", "metadata_stats", "sample_stats"}
    by_label = {label["name"]: label for label in stats["label_stats"]}
    assert {name: (label["count"], label["sample_count"], label["type"]) for name, label in by_label.items()} == {
        "cat": (2, 2, 0), "dog": (2, 2, 0)}
    assert all(isinstance(label["property"], dict) for label in stats["label_stats"])
    assert stats["grouped_label_stats"] == {"0": stats["label_stats"]}
    assert stats["sample_stats"] == {"all": 4, "total": 4, "lefted": 4, "un_annotation": 1, "manual_annotation": 3,
                                     "auto_annotation": 0, "deleted": 0}
    assert stats["key_sample_stats"] == {"total": 4, "key_sample": 2, "non_key_sample": 2}
    assert stats["hard_detail_stats"]["3"]["key"] == 2 and stats["hard_detail_stats"]["3"]["value"]["id"] == 3
    assert stats["hard_detail_stats"]["1"]["value"]["reason"] == "The confidence is low."
    assert stats["data_spliting_enable"] is True and stats["metadata_stats"] == {}
    assert stats["data_path"].startswith(f"/{bucket}/")

    # `sample_state` narrows them: the unlabeled sample is the one hard example left.
    unlabeled = api.ok("GET", path, params={"sample_state": "__NONE__"})
    assert unlabeled["sample_stats"]["all"] == 1 and unlabeled["key_sample_stats"]["key_sample"] == 1
    assert {label["name"]: label["sample_count"] for label in unlabeled["label_stats"]} == {"cat": 0, "dog": 0}

    # A deleted sample is counted as such.
    api.ok("POST", f"datasets/{dataset_id}/data-annotations/samples/delete", json={"samples": [by_name["2.jpg"]]})
    assert api.ok("GET", path)["sample_stats"]["deleted"] == 1

    refused(api.request("GET", path, params={"sample_state": "__UNCHECK__"}), "sample_state")
    refused(api.request("GET", path, params={"locale": "zh-cn"}), "locale")
    refused(api.request("GET", f"datasets/{'0' * 32}/data-annotations/stats"), "0" * 32, 404, "ModelArts.4352")


def test_creating_a_dataset_in_another_workspace_is_refused(api, s3, bucket):
    """api/creating_a_dataset.rst `workspace_id`: obslab has the default workspace, "0", only; another is refused by
    name and creates nothing."""
    name = unique_name("elsewhere")
    body = {"workspace_id": "ws-42", "dataset_name": name, "dataset_type": 0, "work_path": f"/{bucket}/output/{name}/",
            "data_sources": [{"data_type": 0, "data_path": f"/{bucket}/pets/"}]}
    refused(api.request("POST", "datasets", json=body), "workspace_id")
    listed = api.ok("GET", "datasets", params={"search_content": name})
    assert listed["total_number"] == 0 and listed["datasets"] == []
