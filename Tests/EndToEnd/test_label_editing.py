"""Editing labels ("Modifying Labeled Data"): sample labels set and cleared over the ModelArts API with their author,
kept through syncs until the label file changes; detection boxes written back; a labeling job's own labels; labels
renamed, recolored and deleted with the delete policies 0, 1 and 2 (the samples and source files that go, and what
else breaks); and the same through the obslab CLI. Data goes in with boto3, the API is driven with plain HTTP.
"""
from __future__ import annotations

import json
import os
import subprocess

import pytest
from botocore.exceptions import ClientError

from helpers import unique_name
from servers import obslab_binary
from test_labeling import PROJECT, ModelArtsAPI, api_endpoint_and_token

pytestmark = pytest.mark.obslab_only(reason="the labeling API is obslab's own")

# 1.jpg labeled cat, 2.jpg without a label file, 3.jpg labeled cat and dog.
FILES = {
    "1.jpg": b"\xff\xd8 one", "1.txt": b"cat\n",
    "2.jpg": b"\xff\xd8 two",
    "3.jpg": b"\xff\xd8 three", "3.txt": b"cat\ndog\n",
}

VOC = b"""<annotation><size><width>200</width><height>100</height><depth>3</depth></size>
  <object><name>cat</name><bndbox><xmin>10</xmin><ymin>20</ymin><xmax>50</xmax><ymax>60</ymax></bndbox></object>
  <object><name>dog</name><difficult>1</difficult><bndbox><xmin>60</xmin><ymin>10</ymin><xmax>90</xmax><ymax>80</ymax></bndbox></object>
</annotation>"""


@pytest.fixture(scope="module")
def api(server) -> ModelArtsAPI:
    return ModelArtsAPI(*api_endpoint_and_token(server))


def upload(s3, bucket: str, prefix: str, files: dict[str, bytes]) -> None:
    for key, body in files.items():
        s3.put_object(Bucket=bucket, Key=prefix + key, Body=body)


def pets(api: ModelArtsAPI, s3, bucket: str, prefix: str = "pets/") -> tuple[str, str, dict[str, str]]:
    """A synced image classification dataset over FILES: its id, name and sample ids by file name."""
    upload(s3, bucket, prefix, FILES)
    name = unique_name("pets")
    dataset_id = api.create_dataset(name, 0, bucket, prefix)
    assert api.sync(dataset_id)["status"] == "COMPLETED"
    return dataset_id, name, ids(api, dataset_id)


def ids(api: ModelArtsAPI, dataset_id: str) -> dict[str, str]:
    return {sample["sample_name"]: sample["sample_id"] for sample in api.samples(dataset_id)}


def sample(api: ModelArtsAPI, dataset_id: str, sample_id: str, job: str | None = None) -> dict:
    base = f"datasets/{dataset_id}" + (f"/workforce-tasks/{job}" if job else "")
    return api.ok("GET", f"{base}/data-annotations/samples/{sample_id}")


def names(sample_: dict) -> list[str]:
    return [label["name"] for label in sample_["labels"]]


def label_set(api: ModelArtsAPI, dataset_id: str) -> dict[str, dict]:
    return {label["name"]: label for label in api.ok("GET", f"datasets/{dataset_id}/data-annotations/labels")["labels"]}


def update(api: ModelArtsAPI, dataset_id: str, samples: list[dict], user: str | None = None, job: str | None = None) -> dict:
    base = f"datasets/{dataset_id}" + (f"/workforce-tasks/{job}" if job else "")
    headers = {"X-Obslab-User": user} if user else {}
    return api.ok("PUT", f"{base}/data-annotations/samples", json={"samples": samples}, headers=headers)


def exists(s3, bucket: str, key: str) -> bool:
    try:
        s3.head_object(Bucket=bucket, Key=key)
        return True
    except ClientError as error:
        assert error.response["ResponseMetadata"]["HTTPStatusCode"] == 404, error.response
        return False


def test_edited_labels_carry_their_author_and_stay_through_syncs_until_the_label_file_changes(api, s3, bucket):
    dataset_id, _, by_name = pets(api, s3, bucket)
    answer = update(api, dataset_id, [
        {"sample_id": by_name["1.jpg"], "labels": [{"name": "dog"}]},
        {"sample_id": by_name["2.jpg"], "labels": [{"name": "bird", "property": {"@modelarts:color": "#123456"}}]},
        {"sample_id": by_name["3.jpg"]},
        {"sample_id": "0123456789abcdef0123456789abcdef", "labels": [{"name": "ghost"}]},
    ], user="alice")
    assert answer["success"] is False
    assert [result["success"] for result in answer["results"]] == [True, True, True, False]
    assert answer["results"][3]["error_code"] == "ModelArts.0102"

    one, two, three = (sample(api, dataset_id, by_name[n]) for n in ("1.jpg", "2.jpg", "3.jpg"))
    assert names(one) == ["dog"] and one["labels"][0]["annotated_by"] == "alice"
    assert names(two) == ["bird"] and two["sample_status"] == "__ALL__"
    assert two["labels"][0]["property"]["@modelarts:color"] == "#123456"
    assert "unlabeled_reason" not in two and "label_source" not in two
    assert three["labels"] == [] and three["sample_status"] == "__NONE__"
    assert three["unlabeled_reason"]["code"] == "labels_cleared" and "alice" in three["unlabeled_reason"]["message"]
    labels = label_set(api, dataset_id)
    assert {name: label["sample_count"] for name, label in labels.items()} == {"cat": 0, "dog": 1, "bird": 1}
    assert labels["bird"]["property"]["@modelarts:color"] == "#123456"
    assert "ghost" not in labels
    dataset = api.ok("GET", f"datasets/{dataset_id}")
    assert (dataset["total_sample_count"], dataset["annotated_sample_count"]) == (3, 2)

    # The label files did not change: the sync reads none and keeps every edit, the cleared sample too.
    status = api.sync(dataset_id)
    assert (status["sidecars_read"], status["add_sample_count"], status["deleted_sample_count"]) == (0, 0, 0)
    assert names(sample(api, dataset_id, by_name["1.jpg"])) == ["dog"]
    assert sample(api, dataset_id, by_name["3.jpg"])["labels"] == []

    # A changed label file is newer than the edit: it replaces it.
    s3.put_object(Bucket=bucket, Key="pets/1.txt", Body=b"fox\n")
    assert api.sync(dataset_id)["sidecars_read"] == 1
    changed = sample(api, dataset_id, by_name["1.jpg"])
    assert names(changed) == ["fox"] and changed["labels"][0]["annotated_by"] == "sync"
    assert changed["label_source"] == {"type": "sidecar", "key": "pets/1.txt", "etag": changed["label_source"]["etag"]}
    assert names(sample(api, dataset_id, by_name["2.jpg"])) == ["bird"]

    # And a label file that appears under a sample a user labeled is newer too.
    s3.put_object(Bucket=bucket, Key="pets/2.txt", Body=b"owl\n")
    api.sync(dataset_id)
    assert names(sample(api, dataset_id, by_name["2.jpg"])) == ["owl"]


def test_bad_updates_are_refused_whole(api, s3, bucket):
    dataset_id, _, by_name = pets(api, s3, bucket)
    path = f"datasets/{dataset_id}/data-annotations/samples"
    for body, field in [
        ({}, "samples"),
        ({"samples": [{"labels": []}]}, "samples[0].sample_id"),
        ({"samples": [{"sample_id": by_name["2.jpg"], "labels": [{"name": "x", "property": {"@modelarts:color": "red"}}]}]}, "color"),
        ({"samples": [{"sample_id": by_name["2.jpg"], "labels": [{"name": "x", "type": 1}]}]}, "type"),
    ]:
        response = api.request("PUT", path, json=body)
        assert response.status_code == 400, response.text
        assert response.json()["error_code"] == "ModelArts.0104" and field in response.json()["error_msg"], response.text
    long_user = api.request("PUT", path, json={"samples": [{"sample_id": by_name["2.jpg"]}]}, headers={"X-Obslab-User": "x" * 65})
    assert long_user.status_code == 400
    assert sample(api, dataset_id, by_name["2.jpg"])["labels"] == []
    assert "x" not in label_set(api, dataset_id)


def test_detection_labels_written_back_keep_their_boxes(api, s3, bucket):
    upload(s3, bucket, "det/", {"1.jpg": b"\xff\xd8 boxes", "1.xml": VOC})
    dataset_id = api.create_dataset(unique_name("det"), 1, bucket, "det/")
    api.sync(dataset_id)
    [sample_id] = ids(api, dataset_id).values()
    before = sample(api, dataset_id, sample_id)
    assert [label["property"]["@modelarts:feature"] for label in before["labels"]] == [[[10, 20], [50, 60]], [[60, 10], [90, 80]]]

    # What was read, written back unchanged, changes nothing.
    update(api, dataset_id, [{"sample_id": sample_id, "labels": before["labels"]}])
    assert sample(api, dataset_id, sample_id)["labels"] == before["labels"]

    # The documented request form: one box moved, one kept as it was, one polygon added.
    moved = [dict(before["labels"][0]), before["labels"][1], {"name": "fox", "type": 1, "property": {
        "@modelarts:shape": "polygon", "@modelarts:feature": [[0, 100], [50, 95], [10, 60]]}}]
    moved[0]["property"] = {**moved[0]["property"], "@modelarts:feature": [[0, 10], [50, 95]]}
    update(api, dataset_id, [{"sample_id": sample_id, "labels": moved}], user="bob")
    after = sample(api, dataset_id, sample_id)
    assert [(label["name"], label["property"]["@modelarts:shape"], label["property"]["@modelarts:feature"]) for label in after["labels"]] == [
        ("cat", "bndbox", [[0, 10], [50, 95]]), ("dog", "bndbox", [[60, 10], [90, 80]]),
        ("fox", "polygon", [[0, 100], [50, 95], [10, 60]])]
    assert all(label["annotated_by"] == "bob" for label in after["labels"])
    assert "fox" in label_set(api, dataset_id)

    # A published version writes the edited boxes into its manifest's PASCAL VOC file.
    version = api.ok("POST", f"datasets/{dataset_id}/versions", 201, json={})
    detail = api.ok("GET", f"datasets/{dataset_id}/versions/{version['version_id']}")
    manifest_bucket, manifest_key = detail["manifest_path"].removeprefix("/").split("/", 1)
    [line] = s3.get_object(Bucket=manifest_bucket, Key=manifest_key)["Body"].read().decode().splitlines()
    location = json.loads(line)["annotation"][0]["annotation-loc"].removeprefix("obs://")
    voc_bucket, voc_key = location.split("/", 1)
    voc = s3.get_object(Bucket=voc_bucket, Key=voc_key)["Body"].read().decode()
    assert "<xmin>0</xmin>" in voc and "<ymax>95</ymax>" in voc and "<name>fox</name>" in voc, voc
    # The box kept as it was keeps its PASCAL VOC flags.
    assert voc.count("<difficult>1</difficult>") == 1 and voc.index("<name>dog</name>") < voc.index("<difficult>1</difficult>"), voc

    reversed_box = {"@modelarts:shape": "bndbox", "@modelarts:feature": [[50, 95], [0, 10]]}
    bad = api.request("PUT", f"datasets/{dataset_id}/data-annotations/samples",
                      json={"samples": [{"sample_id": sample_id, "labels": [{"name": "cat", "property": reversed_box}]}]})
    assert bad.status_code == 400 and "upper left" in bad.json()["error_msg"]
    shapeless = api.request("PUT", f"datasets/{dataset_id}/data-annotations/samples",
                            json={"samples": [{"sample_id": sample_id, "labels": [{"name": "cat"}]}]})
    assert shapeless.status_code == 400 and "@modelarts:shape" in shapeless.json()["error_msg"]


def test_a_labeling_job_has_its_own_labels(api, s3, bucket):
    dataset_id, _, by_name = pets(api, s3, bucket)
    task = api.ok("POST", f"datasets/{dataset_id}/workforce-tasks", json={"task_name": unique_name("team")})["task_id"]
    # The labeler is the request's user: a `worker_id` in the body is refused, not ignored.
    base = f"datasets/{dataset_id}/workforce-tasks/{task}/data-annotations/samples"
    refusal = api.request("PUT", base, json={"samples": [{"sample_id": by_name["2.jpg"], "worker_id": "w1"}]})
    assert refusal.status_code == 400 and "samples[0].worker_id" in refusal.json()["error_msg"], refusal.text
    answer = update(api, dataset_id, [{"sample_id": by_name["2.jpg"], "labels": [{"name": "tulips"}]}], user="carol", job=task)
    assert answer["success"] is True
    in_job = sample(api, dataset_id, by_name["2.jpg"], job=task)
    assert names(in_job) == ["tulips"] and in_job["labels"][0]["annotated_by"] == "carol"
    assert sample(api, dataset_id, by_name["2.jpg"])["labels"] == []
    assert len(api.samples(dataset_id, "__ALL__", job=task)) == 3
    assert len(api.samples(dataset_id, "__ALL__")) == 2
    # A renamed label follows into the job's own labels.
    api.ok("PUT", f"datasets/{dataset_id}/data-annotations/labels/tulips", 204, json={"@modelarts:rename_to": "tulip"})
    assert names(sample(api, dataset_id, by_name["2.jpg"], job=task)) == ["tulip"]


def test_labels_are_renamed_and_recolored_and_a_label_named_delete_is_reachable(api, s3, bucket):
    dataset_id, _, by_name = pets(api, s3, bucket)
    base = f"datasets/{dataset_id}/data-annotations/labels"
    api.ok("PUT", base, json={"labels": [{"name": "cat", "property": {"@modelarts:color": "#8a1524", "@modelarts:rename_to": "pussycat"}}]},
           headers={"X-Obslab-User": "erin"})
    labels = label_set(api, dataset_id)
    assert set(labels) == {"pussycat", "dog"}
    assert labels["pussycat"]["property"]["@modelarts:color"] == "#8a1524" and labels["pussycat"]["sample_count"] == 2
    three = sample(api, dataset_id, by_name["3.jpg"])
    assert names(three) == ["pussycat", "dog"] and three["labels"][0]["annotated_by"] == "erin"

    # By name, percent-encoded, as the documentation's example: 204 and no body.
    renamed = api.request("PUT", f"{base}/pussycat", json={"@modelarts:rename_to": "草莓"})
    assert renamed.status_code == 204 and renamed.content == b""
    recolored = api.request("PUT", f"{base}/%E8%8D%89%E8%8E%93", json={"@modelarts:color": "#93c47d"})
    assert recolored.status_code == 204, recolored.text
    assert label_set(api, dataset_id)["草莓"]["property"]["@modelarts:color"] == "#93c47d"
    assert names(sample(api, dataset_id, by_name["1.jpg"])) == ["草莓"]

    conflict = api.request("PUT", f"{base}/dog", json={"@modelarts:rename_to": "草莓"})
    assert conflict.status_code == 409 and conflict.json()["error_code"] == "ModelArts.0103"
    assert api.request("PUT", f"{base}/emu", json={"@modelarts:color": "#000000"}).status_code == 404

    # "delete" as a label name: PUT and DELETE reach the label, POST still deletes in batches.
    api.ok("POST", base, json={"labels": [{"name": "delete"}]})
    update(api, dataset_id, [{"sample_id": by_name["2.jpg"], "labels": [{"name": "delete"}]}])
    assert api.request("PUT", f"{base}/delete", json={"@modelarts:color": "#abcdef"}).status_code == 204
    assert label_set(api, dataset_id)["delete"]["property"]["@modelarts:color"] == "#abcdef"
    gone = api.request("DELETE", f"{base}/delete", params={"delete_policy": 0})
    assert gone.status_code == 204 and gone.content == b""
    assert "delete" not in label_set(api, dataset_id)
    assert sample(api, dataset_id, by_name["2.jpg"])["labels"] == []
    api.ok("POST", f"{base}/delete", json={"labels": [{"name": "dog"}]})
    assert set(label_set(api, dataset_id)) == {"草莓"}
    assert names(sample(api, dataset_id, by_name["3.jpg"])) == ["草莓"]


def test_delete_policies_remove_labels_samples_and_source_files(api, s3, bucket):
    dataset_id, _, by_name = pets(api, s3, bucket, "mine/")
    # Another dataset over the same files, with a published version: policy 2 breaks both, and says so first.
    other_name = unique_name("other")
    other_id = api.create_dataset(other_name, 0, bucket, "mine/")
    api.sync(other_id)
    version = api.ok("POST", f"datasets/{other_id}/versions", 201, json={})["version_id"]
    path = f"datasets/{dataset_id}/data-annotations/labels/delete"

    # Policy 0: the label goes from every sample; the samples stay.
    zero = api.ok("POST", path, params={"delete_policy": 0}, json={"labels": [{"name": "dog"}]})
    assert zero == {"success": True, "results": [{"success": True}], "delete_policy": 0, "dry_run": False, "sample_ids": []}
    assert names(sample(api, dataset_id, by_name["3.jpg"])) == ["cat"]
    assert len(api.samples(dataset_id)) == 3

    dry = api.ok("POST", path, params={"delete_policy": 2, "dry_run": "true"}, json={"labels": [{"name": "cat"}]})
    assert dry["dry_run"] is True and sorted(dry["sample_ids"]) == sorted([by_name["1.jpg"], by_name["3.jpg"]])
    impact = dry["impact"]
    assert impact["delete_source"] is True and impact["breaks_others"] is True
    assert sorted(f["source"] for f in impact["source_files"]) == [f"obs://{bucket}/mine/1.jpg", f"obs://{bucket}/mine/3.jpg"]
    assert [d["dataset_name"] for d in impact["other_datasets"]] == [other_name]
    assert [v["version_id"] for v in impact["versions"]] == [version]
    assert exists(s3, bucket, "mine/1.jpg") and len(api.samples(dataset_id)) == 3

    deleted = api.ok("POST", path, params={"delete_policy": 2}, json={"labels": [{"name": "cat"}]}, headers={"X-Obslab-User": "frank"})
    assert deleted["success"] is True and deleted["dry_run"] is False
    assert sorted(deleted["sample_ids"]) == sorted(dry["sample_ids"])
    assert {f["outcome"]["status"] for f in deleted["impact"]["source_files"]} == {"deleted"}
    assert not exists(s3, bucket, "mine/1.jpg") and not exists(s3, bucket, "mine/3.jpg")
    # The label files go with their images; the other files stay.
    assert exists(s3, bucket, "mine/2.jpg") and not exists(s3, bucket, "mine/1.txt")
    assert {f["outcome"]["status"] for f in deleted["impact"]["label_files"]} == {"deleted"}
    assert set(ids(api, dataset_id)) == {"2.jpg"}
    assert label_set(api, dataset_id) == {}
    # The other dataset's source check names this dataset as the one that deleted its files.
    check = api.ok("GET", f"datasets/{other_id}/source-check")
    assert {m["deleted_by"]["dataset_id"] for m in check["missing_samples"]} == {dataset_id}, check

    # Policy 1 on the other dataset (its files are gone; it syncs first): the samples go, no file is touched.
    api.sync(other_id)
    other = ids(api, other_id)
    update(api, other_id, [{"sample_id": other["2.jpg"], "labels": [{"name": "dog"}]}])
    plan = api.ok("DELETE", f"datasets/{other_id}/data-annotations/labels/dog", params={"delete_policy": 1, "dry_run": "true"})
    assert plan["sample_ids"] == [other["2.jpg"]] and plan["impact"]["delete_source"] is False
    # "Deleting a Label and the Files that Only Contain the Label": 204, no body.
    one = api.request("DELETE", f"datasets/{other_id}/data-annotations/labels/dog", params={"delete_policy": 1})
    assert one.status_code == 204 and one.content == b""
    assert exists(s3, bucket, "mine/2.jpg")
    assert set(ids(api, other_id)) == set()
    assert api.sync(other_id)["add_sample_count"] == 0, "a sample deleted with its label must stay deleted"

    bad = api.request("POST", path, params={"delete_policy": 3}, json={"labels": [{"name": "x"}]})
    assert bad.status_code == 400 and "delete_policy" in bad.json()["error_msg"]
    unknown = api.request("POST", path, json={"labels": [{"name": "emu"}]})
    assert unknown.status_code == 404 and unknown.json()["error_code"] == "ModelArts.0102"


def run_cli(server, api: ModelArtsAPI, *args: str, user: str | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "OBSLAB_S3_ENDPOINT": server.http, "OBSLAB_API_ENDPOINT": api.endpoint, "OBSLAB_API_TOKEN": api.token}
    env.pop("OBSLAB_USER", None)
    if user:
        env["OBSLAB_USER"] = user
    return subprocess.run([str(obslab_binary()), *args, "--project", PROJECT], capture_output=True, text=True, timeout=120, env=env)


def cli(server, api: ModelArtsAPI, *args: str, code: int = 0, user: str | None = None) -> str:
    result = run_cli(server, api, *args, user=user)
    assert result.returncode == code, f"{' '.join(args)} exited {result.returncode}:\n{result.stdout}\n{result.stderr}"
    return result.stdout + result.stderr


def test_cli_labels_samples_and_manages_labels(server, api, s3, bucket):
    dataset_id, name, by_name = pets(api, s3, bucket, "cli/")
    other_name = unique_name("cli-other")
    other_id = api.create_dataset(other_name, 0, bucket, "cli/")
    api.sync(other_id)
    api.ok("POST", f"datasets/{other_id}/versions", 201, json={"version_name": "base"})

    labeled = cli(server, api, "samples", "label", name, by_name["2.jpg"], by_name["1.jpg"], "--label", "bird:#123456", "--label", "cat",
                  "--user", "gina")
    assert "labeled 2 of 2 samples" in labeled and "bird,cat" in labeled
    two = sample(api, dataset_id, by_name["2.jpg"])
    assert names(two) == ["bird", "cat"] and two["labels"][0]["annotated_by"] == "gina"
    assert label_set(api, dataset_id)["bird"]["property"]["@modelarts:color"] == "#123456"
    cli(server, api, "samples", "label", name, by_name["2.jpg"], "--clear", user="hank")
    assert sample(api, dataset_id, by_name["2.jpg"])["labels"] == []
    cli(server, api, "samples", "label", name, by_name["1.jpg"], "--label", "cat", user="hank")
    one = sample(api, dataset_id, by_name["1.jpg"])
    assert names(one) == ["cat"] and one["labels"][0]["annotated_by"] == "hank"
    missing = run_cli(server, api, "samples", "label", name, "0123456789abcdef0123456789abcdef", "--label", "cat")
    assert missing.returncode == 1 and "NOT labeled" in missing.stdout
    assert run_cli(server, api, "samples", "label", name, by_name["2.jpg"]).returncode != 0

    task = api.ok("POST", f"datasets/{dataset_id}/workforce-tasks", json={"task_name": "team"})["task_id"]
    assert "labeling job team" in cli(server, api, "samples", "label", name, by_name["2.jpg"], "--label", "owl", "--job", "team")
    assert names(sample(api, dataset_id, by_name["2.jpg"], job=task)) == ["owl"]
    assert sample(api, dataset_id, by_name["2.jpg"])["labels"] == []

    assert "renamed label cat to kitty" in cli(server, api, "labels", "rename", name, "cat", "kitty")
    assert names(sample(api, dataset_id, by_name["3.jpg"])) == ["kitty", "dog"]
    assert run_cli(server, api, "labels", "rename", name, "kitty", "dog").returncode == 1
    cli(server, api, "labels", "recolor", name, "kitty", "#00ff00")
    assert label_set(api, dataset_id)["kitty"]["property"]["@modelarts:color"] == "#00ff00"
    assert run_cli(server, api, "labels", "recolor", name, "kitty", "green").returncode != 0
    listed = cli(server, api, "labels", "list", name)
    assert any(line.split()[:1] == ["kitty"] and "#00ff00" in line for line in listed.splitlines()), listed

    # Policy 2 breaks the other dataset and its version: shown first, refused without --force.
    dry = cli(server, api, "labels", "delete", name, "kitty", "--policy", "2", "--dry-run")
    assert f"obs://{bucket}/cli/1.jpg" in dry and f"obs://{bucket}/cli/3.jpg" not in dry
    assert other_name in dry and "base" in dry and "dry run: nothing deleted" in dry
    refused = run_cli(server, api, "labels", "delete", name, "kitty", "--policy", "2")
    assert refused.returncode == 1 and "--force" in refused.stderr + refused.stdout
    assert exists(s3, bucket, "cli/1.jpg") and "kitty" in label_set(api, dataset_id)

    forced = cli(server, api, "labels", "delete", name, "kitty", "--policy", "2", "--force", user="ivy")
    assert "deleted label kitty" in forced and "deleted 1 sample" in forced
    assert f"obs://{bucket}/cli/1.jpg  deleted" in forced
    assert not exists(s3, bucket, "cli/1.jpg")
    assert set(ids(api, dataset_id)) == {"2.jpg", "3.jpg"}
    three = sample(api, dataset_id, by_name["3.jpg"])
    assert names(three) == ["dog"] and three["labels"][0]["annotated_by"] == "ivy"

    policy_zero = cli(server, api, "labels", "delete", name, "dog")
    assert "deleted label dog" in policy_zero and "the samples stay" in policy_zero
    assert set(ids(api, dataset_id)) == {"2.jpg", "3.jpg"} and sample(api, dataset_id, by_name["3.jpg"])["labels"] == []


def test_cli_sets_detection_boxes(server, api, s3, bucket):
    upload(s3, bucket, "det-cli/", {"1.jpg": b"\xff\xd8 boxes", "1.xml": VOC})
    name = unique_name("det-cli")
    dataset_id = api.create_dataset(name, 1, bucket, "det-cli/")
    api.sync(dataset_id)
    [sample_id] = ids(api, dataset_id).values()

    without_box = run_cli(server, api, "samples", "label", name, sample_id, "--label", "cat")
    assert without_box.returncode == 1 and "--box" in without_box.stderr
    assert run_cli(server, api, "samples", "label", name, sample_id, "--box", "cat:1,2,3").returncode != 0

    out = cli(server, api, "samples", "label", name, sample_id, "--box", "cat:5,6,70,80", "--box", "owl:#00aa00:1,1,9,9", user="jo")
    assert "labeled 1 of 1 sample" in out and "cat[bndbox],owl[bndbox]" in out
    labels = sample(api, dataset_id, sample_id)["labels"]
    assert [(label["name"], label["property"]["@modelarts:feature"], label["annotated_by"]) for label in labels] == [
        ("cat", [[5, 6], [70, 80]], "jo"), ("owl", [[1, 1], [9, 9]], "jo")]
    assert label_set(api, dataset_id)["owl"]["property"]["@modelarts:color"] == "#00aa00"
