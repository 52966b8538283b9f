"""Deleting samples with their source files: two datasets over the same objects, a published version, the impact
shown before anything goes, the objects deleted for real (or hidden behind a delete marker and brought back with the
aws CLI), what the other dataset and the version then miss, and the same story through the obslab CLI.
"""
from __future__ import annotations

import json
import os
import shlex
import subprocess

import pytest
from botocore.exceptions import ClientError

from helpers import unique_name
from servers import REPO, obslab_binary
from test_labeling import PROJECT, ModelArtsAPI, api_endpoint_and_token
from test_troubleshooting import cli_env

pytestmark = pytest.mark.obslab_only(reason="the labeling API is obslab's own")

# Image classification files under the shared prefix: three labeled images, one without a label file.
FILES = {
    "1.jpg": b"\xff\xd8 one", "1.txt": b"cat\n",
    "2.jpg": b"\xff\xd8 two", "2.txt": b"dog\n",
    "3.jpg": b"\xff\xd8 three", "3.txt": b"cat\n",
    "4.jpg": b"\xff\xd8 four",
}
LABELS = {"1.jpg": ["cat"], "2.jpg": ["dog"], "3.jpg": ["cat"], "4.jpg": []}


@pytest.fixture(scope="module")
def api(server) -> ModelArtsAPI:
    return ModelArtsAPI(*api_endpoint_and_token(server))


@pytest.fixture
def versioned(s3, bucket):
    s3.put_bucket_versioning(Bucket=bucket, VersioningConfiguration={"Status": "Enabled"})
    return bucket


class Shared:
    """Datasets A and B over the same objects, synced: their sample ids by key."""

    def __init__(self, api: ModelArtsAPI, s3, bucket: str, prefix: str = "shared/", b_prefix: str | None = None):
        for key, body in FILES.items():
            s3.put_object(Bucket=bucket, Key=prefix + key, Body=body)
        self.api, self.s3, self.bucket, self.prefix = api, s3, bucket, prefix
        self.a_name, self.b_name = unique_name("a"), unique_name("b")
        self.a = api.create_dataset(self.a_name, 0, bucket, prefix)
        self.b = api.create_dataset(self.b_name, 0, bucket, b_prefix or prefix)
        for dataset_id in (self.a, self.b):
            status = api.sync(dataset_id)
            assert status["status"] == "COMPLETED", status
        self.a_ids = self.ids(self.a)
        self.b_ids = self.ids(self.b)

    def source(self, name: str) -> str:
        return f"obs://{self.bucket}/{self.prefix}{name}"

    def ids(self, dataset_id: str) -> dict[str, str]:
        """Sample ids by file name under the prefix."""
        start = f"obs://{self.bucket}/{self.prefix}"
        return {s["source"].removeprefix(start): s["sample_id"] for s in self.api.samples(dataset_id)}

    def exists(self, name: str) -> bool:
        try:
            self.s3.head_object(Bucket=self.bucket, Key=self.prefix + name)
            return True
        except ClientError as error:
            assert error.response["ResponseMetadata"]["HTTPStatusCode"] == 404, error.response
            return False


def delete(api: ModelArtsAPI, dataset_id: str, sample_ids: list[str], delete_source: bool | None = None,
           impact_only: bool = False) -> dict:
    body = {"samples": sample_ids}
    if delete_source is not None:
        body["delete_source"] = delete_source
    action = "delete-impact" if impact_only else "delete"
    return api.ok("POST", f"datasets/{dataset_id}/data-annotations/samples/{action}", json=body)


def publish(api: ModelArtsAPI, dataset_id: str, **body) -> dict:
    created = api.ok("POST", f"datasets/{dataset_id}/versions", 201, json=body)
    assert set(created) == {"version_id"}, created
    return api.ok("GET", f"datasets/{dataset_id}/versions/{created['version_id']}")


def read_manifest(s3, manifest_path: str) -> list[dict]:
    bucket, key = manifest_path.removeprefix("/").split("/", 1)
    body = s3.get_object(Bucket=bucket, Key=key)["Body"].read().decode()
    return [json.loads(line) for line in body.splitlines() if line.strip()]


def test_a_version_writes_its_manifest_and_counts_against_the_previous_one(api, s3, bucket):
    shared = Shared(api, s3, bucket)
    name = api.ok("GET", f"datasets/{shared.b}")["dataset_name"]

    first = publish(api, shared.b, description="first cut")
    assert first["version_name"] == "V001"
    assert first["version_format"] == "Default" and first["status"] == 1
    assert "previous_version_id" not in first
    assert first["description"] == "first cut"
    assert (first["total_sample_count"], first["annotated_sample_count"]) == (4, 3)
    assert first["is_current"] is True and first["create_time"] > 0
    assert first["label_type"] == "single" and first["task_type"] == 0
    assert {s["name"]: s["sample_count"] for s in first["label_stats"]} == {"cat": 2, "dog": 1}
    assert all(s["property"]["@modelarts:color"].startswith("#") for s in first["label_stats"])

    # The manifest, where the documentation puts it, one line per sample, read with boto3.
    key = f"output/{shared.b_name}/{name}-{shared.b}/annotation/V001/V001.manifest"
    assert first["manifest_path"] == f"/{bucket}/{key}"
    lines = read_manifest(s3, first["manifest_path"])
    assert sorted(line["source"] for line in lines) == sorted(shared.source(n) for n in LABELS)
    for line in lines:
        annotations = line.get("annotation") or []
        assert sorted(a["name"] for a in annotations) == LABELS[line["source"].rsplit("/", 1)[1]], line
        assert all(a["type"] == "modelarts/image_classification" for a in annotations)

    # Changes, then a second version: one added, one relabeled, one gone.
    s3.put_object(Bucket=bucket, Key="shared/5.jpg", Body=b"\xff\xd8 five")
    s3.put_object(Bucket=bucket, Key="shared/5.txt", Body=b"dog\n")
    s3.put_object(Bucket=bucket, Key="shared/3.txt", Body=b"dog\ncat\n")
    s3.delete_object(Bucket=bucket, Key="shared/4.jpg")
    api.sync(shared.b)
    second = publish(api, shared.b, version_name="after-fix", version_format="Default", clear_hard_property=True)
    assert second["version_name"] == "after-fix" and second["previous_version_id"] == first["version_id"]
    assert (second["add_sample_count"], second["modified_sample_count"], second["deleted_sample_count"]) == (1, 1, 1)
    assert (second["total_sample_count"], second["annotated_sample_count"]) == (4, 4)
    assert second["label_type"] == "multi"
    assert second["manifest_path"].endswith("/annotation/after-fix/after-fix.manifest")
    assert len(read_manifest(s3, second["manifest_path"])) == 4

    listed = api.ok("GET", f"datasets/{shared.b}/versions", params={"offset": 0, "limit": 1000})
    assert listed["total_number"] == 2
    current = {v["version_name"]: v["is_current"] for v in listed["versions"]}
    assert current == {"V001": False, "after-fix": True}
    # The first version still lists the file deleted since.
    assert shared.source("4.jpg") in {line["source"] for line in read_manifest(s3, first["manifest_path"])}

    # Names: unique per dataset, 1-32 of [A-Za-z0-9_-]; only the Default format.
    for body, status in [({"version_name": "after-fix"}, 409), ({"version_name": "bad name"}, 400),
                         ({"version_name": "x" * 33}, 400), ({"version_name": ""}, 400), ({"version_format": "CSV"}, 400)]:
        response = api.request("POST", f"datasets/{shared.b}/versions", json=body)
        assert response.status_code == status, (body, response.text)
        assert response.json()["error_code"].startswith("ModelArts."), response.text

    assert api.request("DELETE", f"datasets/{shared.b}/versions/{first['version_id']}").status_code == 204
    missing = api.request("GET", f"datasets/{shared.b}/versions/{first['version_id']}")
    assert missing.status_code == 404 and missing.json()["error_code"] == "ModelArts.0102"
    assert [v["version_name"] for v in api.ok("GET", f"datasets/{shared.b}/versions")["versions"]] == ["after-fix"]
    # Deleting a version leaves its manifest, which a training job may still read.
    assert len(read_manifest(s3, first["manifest_path"])) == 4


def test_deleting_source_files_breaks_the_other_dataset_and_its_version_and_says_so(api, s3, bucket):
    shared = Shared(api, s3, bucket)
    version = publish(api, shared.b)
    doomed = [shared.a_ids["1.jpg"], shared.a_ids["2.jpg"]]

    # The impact first: B's samples and B's version, nothing changed.
    impact = delete(api, shared.a, doomed, delete_source=True, impact_only=True)
    assert impact["dataset_id"] == shared.a and impact["dataset_name"] == shared.a_name
    assert impact["delete_source"] is True and impact["breaks_others"] is True
    files = {f["source"]: f for f in impact["source_files"]}
    assert set(files) == {shared.source("1.jpg"), shared.source("2.jpg")}
    assert files[shared.source("1.jpg")]["sample_ids"] == [shared.a_ids["1.jpg"]]
    assert all(f["versioning_enabled"] is False and "outcome" not in f for f in files.values())
    [other] = impact["other_datasets"]
    assert (other["dataset_id"], other["dataset_name"], other["sample_count"]) == (shared.b, shared.b_name, 2)
    assert {(s["sample_id"], s["source"]) for s in other["samples"]} == {
        (shared.b_ids["1.jpg"], shared.source("1.jpg")), (shared.b_ids["2.jpg"], shared.source("2.jpg"))}
    [broken] = impact["versions"]
    assert (broken["dataset_id"], broken["version_id"], broken["version_name"]) == (shared.b, version["version_id"], "V001")
    assert (broken["total_sample_count"], broken["affected_sample_count"]) == (4, 2)
    assert sorted(broken["sources"]) == [shared.source("1.jpg"), shared.source("2.jpg")]
    assert shared.exists("1.jpg") and shared.exists("2.jpg")
    assert len(api.samples(shared.a)) == 4

    # Without delete_source the files stay, and nothing else breaks.
    catalog_only = delete(api, shared.a, doomed, delete_source=False, impact_only=True)
    assert catalog_only["delete_source"] is False and catalog_only["breaks_others"] is False
    assert catalog_only["other_datasets"] == [] and catalog_only["versions"] == []

    # The deletion: the objects go, A's samples go, B keeps its samples until it syncs.
    report = delete(api, shared.a, doomed, delete_source=True)
    assert report["success"] is True
    assert report["results"] == [{"success": True}, {"success": True}]
    assert {f["source"]: f["outcome"]["status"] for f in report["impact"]["source_files"]} == {
        shared.source("1.jpg"): "deleted", shared.source("2.jpg"): "deleted"}
    assert report["impact"]["breaks_others"] is True
    assert not shared.exists("1.jpg") and not shared.exists("2.jpg")
    assert shared.exists("3.jpg") and shared.exists("4.jpg")
    assert set(shared.ids(shared.a)) == {"3.jpg", "4.jpg"}
    assert set(shared.ids(shared.b)) == {"1.jpg", "2.jpg", "3.jpg", "4.jpg"}

    # B's source check names what is gone and who deleted it.
    check = api.ok("GET", f"datasets/{shared.b}/source-check")
    assert check["dataset_id"] == shared.b and check["dataset_name"] == shared.b_name
    assert check["intact"] is False
    assert (check["checked_sample_count"], check["missing_sample_count"]) == (4, 2)
    missing = {m["sample_id"]: m for m in check["missing_samples"]}
    assert set(missing) == {shared.b_ids["1.jpg"], shared.b_ids["2.jpg"]}
    for name in ("1.jpg", "2.jpg"):
        entry = missing[shared.b_ids[name]]
        assert entry["source"] == shared.source(name)
        deleted_by = entry["deleted_by"]
        assert (deleted_by["dataset_id"], deleted_by["dataset_name"]) == (shared.a, shared.a_name)
        assert deleted_by["sample_id"] == shared.a_ids[name] and deleted_by["time"] > 0
        assert "delete_marker_version_id" not in deleted_by
    [version_check] = check["versions"]
    assert version_check["version_id"] == version["version_id"] and version_check["version_name"] == "V001"
    assert (version_check["total_sample_count"], version_check["missing_sample_count"]) == (4, 2)
    assert {m["source"] for m in version_check["missing"]} == {shared.source("1.jpg"), shared.source("2.jpg")}
    assert all(m["deleted_by"]["dataset_id"] == shared.a for m in version_check["missing"])

    # A, whose samples went with their files, is intact.
    a_check = api.ok("GET", f"datasets/{shared.a}/source-check")
    assert a_check["intact"] is True and a_check["missing_samples"] == [] and a_check["checked_sample_count"] == 2

    # B's next sync counts them deleted; the version stays broken (it is frozen).
    status = api.sync(shared.b)
    assert (status["deleted_sample_count"], status["total_sample_count"]) == (2, 2)
    after = api.ok("GET", f"datasets/{shared.b}/source-check")
    assert after["missing_samples"] == [] and after["intact"] is False
    assert after["versions"][0]["missing_sample_count"] == 2


def test_on_a_versioned_bucket_the_file_hides_behind_a_delete_marker_and_comes_back(api, s3, versioned, aws):
    shared = Shared(api, s3, versioned, prefix="v/")
    publish(api, shared.b)
    doomed = shared.a_ids["1.jpg"]

    impact = delete(api, shared.a, [doomed], delete_source=True, impact_only=True)
    assert [f["versioning_enabled"] for f in impact["source_files"]] == [True]

    report = delete(api, shared.a, [doomed], delete_source=True)
    assert report["success"] is True
    [deleted] = report["impact"]["source_files"]
    assert deleted["source"] == shared.source("1.jpg") and deleted["outcome"]["status"] == "delete_marker"
    marker = deleted["outcome"]["delete_marker_version_id"]
    assert marker
    assert not shared.exists("1.jpg")
    markers = s3.list_object_versions(Bucket=versioned, Prefix="v/1.jpg").get("DeleteMarkers", [])
    assert [(m["VersionId"], m["IsLatest"]) for m in markers] == [(marker, True)]

    check = api.ok("GET", f"datasets/{shared.b}/source-check")
    [entry] = check["missing_samples"]
    assert entry["sample_id"] == shared.b_ids["1.jpg"]
    assert entry["deleted_by"]["delete_marker_version_id"] == marker
    assert check["versions"][0]["missing"][0]["deleted_by"]["delete_marker_version_id"] == marker

    # Removing the delete marker with the aws CLI restores the file: everything is intact again.
    aws("s3api", "delete-object", "--bucket", versioned, "--key", "v/1.jpg", "--version-id", marker)
    assert s3.get_object(Bucket=versioned, Key="v/1.jpg")["Body"].read() == FILES["1.jpg"]
    restored = api.ok("GET", f"datasets/{shared.b}/source-check")
    assert restored["intact"] is True and restored["missing_sample_count"] == 0
    assert restored["missing_samples"] == [] and restored["versions"][0]["missing"] == []
    status = api.sync(shared.b)
    assert (status["deleted_sample_count"], status["total_sample_count"]) == (0, 4)


def test_deleting_without_the_source_keeps_the_file_and_the_sample_stays_deleted_until_the_file_changes(api, s3, bucket):
    shared = Shared(api, s3, bucket)
    doomed = shared.a_ids["1.jpg"]
    report = delete(api, shared.a, [doomed])
    assert report["success"] is True and report["results"] == [{"success": True}]
    assert report["impact"]["delete_source"] is False and report["impact"]["breaks_others"] is False
    assert all("outcome" not in f for f in report["impact"]["source_files"])
    assert shared.exists("1.jpg")
    assert set(shared.ids(shared.a)) == {"2.jpg", "3.jpg", "4.jpg"}

    status = api.sync(shared.a)
    assert (status["add_sample_count"], status["deleted_sample_count"], status["total_sample_count"]) == (0, 0, 3)
    assert "1.jpg" not in shared.ids(shared.a)
    assert len(api.samples(shared.b)) == 4
    assert api.ok("GET", f"datasets/{shared.a}/source-check")["intact"] is True

    s3.put_object(Bucket=bucket, Key="shared/1.jpg", Body=b"\xff\xd8 one, retouched")
    status = api.sync(shared.a)
    assert (status["add_sample_count"], status["total_sample_count"]) == (1, 4)
    assert "1.jpg" in shared.ids(shared.a)


def test_a_source_file_uploaded_again_after_its_deletion_comes_back_on_sync(api, s3, bucket):
    shared = Shared(api, s3, bucket)
    delete(api, shared.a, [shared.a_ids["3.jpg"]], delete_source=True)
    assert not shared.exists("3.jpg")
    assert api.sync(shared.a)["total_sample_count"] == 3
    s3.put_object(Bucket=bucket, Key="shared/3.jpg", Body=FILES["3.jpg"])
    status = api.sync(shared.a)
    assert (status["add_sample_count"], status["total_sample_count"]) == (1, 4)
    assert api.ok("GET", f"datasets/{shared.b}/source-check")["intact"] is True


def test_label_files_go_with_their_images_unless_kept_so_a_reuploaded_image_is_not_relabeled(api, s3, bucket):
    shared = Shared(api, s3, bucket)
    impact = delete(api, shared.a, [shared.a_ids["1.jpg"], shared.a_ids["4.jpg"]], delete_source=True, impact_only=True)
    assert [f["source"] for f in impact["label_files"]] == [shared.source("1.txt")] and impact["keep_label_files"] is False

    done = delete(api, shared.a, [shared.a_ids["1.jpg"]], delete_source=True)
    assert [(f["source"], f["outcome"]["status"]) for f in done["impact"]["label_files"]] == [(shared.source("1.txt"), "deleted")]
    assert not shared.exists("1.jpg") and not shared.exists("1.txt")
    s3.put_object(Bucket=bucket, Key="shared/1.jpg", Body=b"\xff\xd8 another one")
    api.sync(shared.a)
    [again] = [s for s in api.samples(shared.a) if s["source"] == shared.source("1.jpg")]
    assert again["unlabeled_reason"]["code"] == "no_sidecar"

    kept = api.ok("POST", f"datasets/{shared.a}/data-annotations/samples/delete",
        json={"samples": [shared.a_ids["2.jpg"]], "delete_source": True, "keep_label_files": True})
    assert kept["impact"]["keep_label_files"] is True and "outcome" not in kept["impact"]["label_files"][0]
    assert not shared.exists("2.jpg") and shared.exists("2.txt")

    # Another image uploaded under the kept label file's name takes the old labels: the diagnosis flags it.
    s3.put_object(Bucket=bucket, Key="shared/2.jpg", Body=b"\xff\xd8 not the dog")
    api.sync(shared.a)
    [flagged] = api.ok("GET", f"datasets/{shared.a}/diagnosis")["old_label_files"]
    assert (flagged["source"], flagged["label_file"]) == (shared.source("2.jpg"), shared.source("2.txt"))
    assert flagged["deleted_by"] == shared.a_name and flagged["deleted_at"] > 0


def test_a_text_dataset_ignores_delete_source(api, s3, bucket):
    s3.put_object(Bucket=bucket, Key="text/a.txt", Body=b"great movie\nbad film\n")
    s3.put_object(Bucket=bucket, Key="text/a_result.txt", Body=b"positive\nnegative\n")
    dataset_id = api.create_dataset(unique_name("text"), 100, bucket, "text/")
    api.sync(dataset_id)
    first = next(s for s in api.samples(dataset_id) if s["line"] == 1)

    impact = delete(api, dataset_id, [first["sample_id"]], delete_source=True, impact_only=True)
    assert impact["delete_source"] is False and impact["breaks_others"] is False
    report = delete(api, dataset_id, [first["sample_id"]], delete_source=True)
    assert report["success"] is True
    assert all("outcome" not in f for f in report["impact"]["source_files"])
    assert s3.get_object(Bucket=bucket, Key="text/a.txt")["Body"].read() == b"great movie\nbad film\n"
    assert [s["line"] for s in api.samples(dataset_id)] == [2]


def test_unknown_samples_fail_alone_and_bad_requests_are_modelarts_errors(api, s3, bucket):
    shared = Shared(api, s3, bucket)
    report = delete(api, shared.a, ["0123456789abcdef0123456789abcdef", shared.a_ids["4.jpg"]], delete_source=True)
    assert report["success"] is False
    unknown, known = report["results"]
    assert unknown["success"] is False and unknown["error_code"] == "ModelArts.0102" and unknown["error_msg"]
    assert known == {"success": True}
    assert not shared.exists("4.jpg")
    assert set(shared.ids(shared.a)) == {"1.jpg", "2.jpg", "3.jpg"}

    bad_bodies = [{}, {"samples": []}, {"samples": "abc"}, {"samples": [1]}, {"samples": ["x"] * 1001},
                  {"samples": [shared.a_ids["1.jpg"]], "delete_source": "yes"}]
    for action in ("delete", "delete-impact"):
        path = f"datasets/{shared.a}/data-annotations/samples/{action}"
        for body in bad_bodies:
            response = api.request("POST", path, json=body)
            assert response.status_code == 400, (action, body, response.text)
            assert response.json()["error_code"] == "ModelArts.0104", (action, body, response.text)
        response = api.request("POST", path, data=b"not json", headers={"Content-Type": "application/json"})
        assert response.status_code == 400 and response.json()["error_code"] == "ModelArts.0104", response.text
    assert shared.exists("1.jpg") and "1.jpg" in shared.ids(shared.a)

    for limit in (0, 1001):
        response = api.request("GET", f"datasets/{shared.b}/versions", params={"limit": limit})
        assert response.status_code == 400 and response.json()["error_code"] == "ModelArts.0104", response.text
    for method in ("GET", "DELETE"):
        response = api.request(method, f"datasets/{shared.b}/versions/0123456789abcdef0123456789abcdef")
        assert response.status_code == 404 and response.json()["error_code"] == "ModelArts.0102", response.text
    nobody = "0123456789abcdef0123456789abcdef"
    for method, path in [("GET", f"datasets/{nobody}/versions"), ("GET", f"datasets/{nobody}/source-check"),
                         ("POST", f"datasets/{nobody}/data-annotations/samples/delete-impact")]:
        response = api.request(method, path, json={"samples": ["x"]} if method == "POST" else None)
        assert response.status_code == 404 and response.json()["error_code"] == "ModelArts.4352", (path, response.text)


def run_cli(server, api: ModelArtsAPI, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "OBSLAB_S3_ENDPOINT": server.http, "OBSLAB_API_ENDPOINT": api.endpoint, "OBSLAB_API_TOKEN": api.token}
    command = [str(obslab_binary()), *args, "--project", PROJECT]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, env=env)


def cli(server, api: ModelArtsAPI, *args: str, code: int = 0) -> str:
    result = run_cli(server, api, *args)
    assert result.returncode == code, f"{' '.join(args)} exited {result.returncode}:\n{result.stdout}\n{result.stderr}"
    return result.stdout + result.stderr


def restore_commands(output: str) -> list[list[str]]:
    """The `aws s3api delete-object …` commands the CLI prints, as argument lists."""
    commands = []
    for line in output.splitlines():
        if "aws s3api delete-object" in line:
            commands.append(shlex.split(line[line.index("aws s3api delete-object"):]))
    return commands


def test_cli_shows_the_impact_refuses_to_break_others_deletes_with_force_and_checks_sources(server, api, s3, versioned, aws):
    # A over the whole prefix, B over a part of it: the files overlap.
    for key, body in FILES.items():
        s3.put_object(Bucket=versioned, Key="pics/" + key, Body=body)
        s3.put_object(Bucket=versioned, Key="pics/cats/" + key, Body=body)
    a, b = unique_name("cli-a"), unique_name("cli-b")
    cli(server, api, "dataset", "create", a, "--type", "image-classification", "--input", f"obs://{versioned}/pics/",
        "--output", f"obs://{versioned}/out/")
    cli(server, api, "dataset", "create", b, "--type", "image-classification", "--input", f"obs://{versioned}/pics/cats/",
        "--output", f"obs://{versioned}/out/")
    assert "total 8" in cli(server, api, "sync", a)
    assert "total 4" in cli(server, api, "sync", b)

    published = cli(server, api, "version", "publish", b, "--name", "base", "--description", "before the cleanup")
    assert "published version base" in published
    assert f"obs://{versioned}/out/" in published and "base.manifest" in published
    listed = cli(server, api, "version", "list", b)
    assert any(line.split()[1:3] == ["base", "yes"] for line in listed.splitlines()[1:]), listed
    shown = cli(server, api, "version", "show", b, "base")
    assert "samples: 4 (labeled 3" in shown and "before the cleanup" in shown and "cat" in shown

    b_id = api.ok("GET", "datasets", params={"limit": 100})["datasets"]
    b_id = next(d["dataset_id"] for d in b_id if d["dataset_name"] == b)
    a_samples = {s["source"]: s["sample_id"] for s in api.samples(next(
        d["dataset_id"] for d in api.ok("GET", "datasets", params={"limit": 100})["datasets"] if d["dataset_name"] == a))}
    shared_file = f"obs://{versioned}/pics/cats/1.jpg"
    own_file = f"obs://{versioned}/pics/1.jpg"
    doomed = [a_samples[shared_file], a_samples[own_file]]

    def present(key: str) -> bool:
        return bool(s3.list_objects_v2(Bucket=versioned, Prefix=key).get("KeyCount"))

    # --dry-run prints the impact and deletes nothing.
    dry = cli(server, api, "samples", "delete", a, *doomed, "--delete-source", "--dry-run")
    assert shared_file in dry and own_file in dry
    assert b in dry and "base" in dry
    assert "nothing deleted" in dry
    assert present("pics/cats/1.jpg") and present("pics/1.jpg")

    # Breaking B and its version needs --force: exit 1, naming them, nothing deleted.
    refused = run_cli(server, api, "samples", "delete", a, *doomed, "--delete-source")
    assert refused.returncode == 1, refused
    message = refused.stdout + refused.stderr
    assert b in message and "base" in message and "--force" in message
    assert present("pics/cats/1.jpg") and present("pics/1.jpg")
    assert len(api.samples(b_id)) == 4

    # Without --delete-source nothing else breaks: no --force needed.
    own_only = cli(server, api, "samples", "delete", a, a_samples[f"obs://{versioned}/pics/2.jpg"])
    assert "deleted" in own_only and present("pics/2.jpg")

    forced = cli(server, api, "samples", "delete", a, *doomed, "--delete-source", "--force")
    assert "delete marker" in forced
    restores = restore_commands(forced)
    assert len(restores) == 4, forced  # the two images and their two label files
    assert "label files:" in forced
    assert not present("pics/cats/1.jpg") and not present("pics/1.jpg")

    # B's check: exit 1, the missing file, who deleted it, and the command that restores it.
    broken = cli(server, api, "dataset", "check-sources", b, code=1)
    assert shared_file in broken and a in broken and "base" in broken
    [restore] = restore_commands(broken)
    assert restore[restore.index("--key") + 1] == "pics/cats/1.jpg"
    assert restore[restore.index("--bucket") + 1] == versioned

    # The printed command works as printed (the aws CLI's credentials come from the fixture's environment).
    subprocess.run(restore, env=aws.env(), check=True, capture_output=True, timeout=120)
    assert present("pics/cats/1.jpg")
    intact = cli(server, api, "dataset", "check-sources", b)
    assert "intact" in intact

    assert "deleted version base" in cli(server, api, "version", "delete", b, "base")
    assert "base" not in cli(server, api, "version", "list", b)
    missing_version = run_cli(server, api, "version", "show", b, "base")
    assert missing_version.returncode == 1 and "base" in missing_version.stderr


def test_scenario_script_passes(server, api):
    """Scripts/scenario-source-deletion.sh, the walk-through on the demo images, against the live server."""
    env = {**cli_env(server, api), "OBSLAB": str(obslab_binary()), "AWS_CONFIG_FILE": os.devnull,
           "AWS_SHARED_CREDENTIALS_FILE": os.devnull, "SCENARIO_ID": unique_name("d")[2:]}
    env.pop("AWS_PROFILE", None)
    result = subprocess.run(["bash", str(REPO / "Scripts" / "scenario-source-deletion.sh")], capture_output=True,
                            text=True, timeout=600, env=env)
    assert result.returncode == 0, f"the scenario failed:\n{result.stdout[-6000:]}\n{result.stderr[-3000:]}"
    assert "Done:" in result.stdout
    assert "hidden behind delete marker" in result.stdout
