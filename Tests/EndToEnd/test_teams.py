"""Identity and team labeling (issue 14, acceptance 4), driven with `requests` against the real server as ModelArts's
"Team Labeling" pages document it: users get API tokens of their own (stored hashed), labeling teams and members
(workforces, workers), a team task (`workforces_config`) that spreads the dataset's samples over two labelers, each
labeling only their samples with their own token, "Labeled By" listing both, a reviewer rejecting one sample and
accepting the rest, the owner's acceptance with its report, and a member's token that cannot act as the owner.
"""
from __future__ import annotations

import json
import os
import subprocess

import pytest

from helpers import unique_name
from servers import obslab_binary
from test_labeling import ModelArtsAPI, api_endpoint_and_token

pytestmark = pytest.mark.obslab_only(reason="the labeling API is obslab's own")

IMAGES = {f"{name}.jpg": f"\xff\xd8 {name}".encode() for name in ("a", "b", "c", "d")}

# "Querying the Report of a Team Labeling Acceptance Task", CheckTaskStats (a Double is any JSON number: 1.0 is 1).
NUMBER = (int, float)
CHECK_TASK_STATS = {
    "accepted_sample_count": int, "checked_sample_count": int, "pass_rate": NUMBER, "rejected_sample_count": int,
    "sampled_sample_count": int, "sampling_num": int, "sampling_rate": NUMBER, "score": str, "task_id": str,
    "total_sample_count": int, "total_score": int, "unchecked_sample_count": int,
}


@pytest.fixture(scope="module")
def api(server) -> ModelArtsAPI:
    return ModelArtsAPI(*api_endpoint_and_token(server))


def issue_token(api: ModelArtsAPI, user: str, email: str) -> str:
    answer = api.ok("POST", f"users/{user}/token", 201, json={"email": email})
    assert answer["user_name"] == user and answer["email"] == email
    assert answer["token"].startswith("obslab-user-") and isinstance(answer["create_time"], int)
    return answer["token"]


def error(response, status: int, code: str) -> dict:
    assert response.status_code == status, f"{response.status_code} {response.text}"
    body = response.json()
    assert body["error_code"] == code, body
    assert body["error_msg"]
    return body


def team_samples(api: ModelArtsAPI, dataset_id: str, task_id: str, token: str = "default", **params) -> dict:
    response = api.request("GET", f"datasets/{dataset_id}/workforce-tasks/{task_id}/data-annotations/samples", token=token,
                           params={"limit": 100, **params})
    assert response.status_code == 200, response.text
    return response.json()


def states(api: ModelArtsAPI, dataset_id: str, task_id: str) -> dict[str, str]:
    return {sample["sample_name"]: sample["sample_status"] for sample in team_samples(api, dataset_id, task_id)["samples"]}


def label(api: ModelArtsAPI, dataset_id: str, task_id: str, token: str, sample_ids: list[str], name: str, **kwargs) -> dict:
    body = {"samples": [{"sample_id": sample_id, "labels": [{"name": name}]} for sample_id in sample_ids]}
    response = api.request("PUT", f"datasets/{dataset_id}/workforce-tasks/{task_id}/data-annotations/samples", token=token,
                           json=body, **kwargs)
    assert response.status_code == 200, response.text
    return response.json()


@pytest.fixture(scope="module")
def team(api, s3, server):
    """A synced dataset of four images, three users with tokens, a team of two labelers and a reviewer."""
    bucket = unique_name()
    s3.create_bucket(Bucket=bucket)
    for key, body in IMAGES.items():
        s3.put_object(Bucket=bucket, Key="team/" + key, Body=body)
    dataset_id = api.create_dataset(unique_name("team"), 0, bucket, "team/")
    assert api.sync(dataset_id)["status"] == "COMPLETED"
    tokens = {user: issue_token(api, user, f"{user}@example.com") for user in ("alice", "bob", "rita")}
    workforce_id = api.ok("POST", "workforces", 201, json={"workforce_name": unique_name("team"), "description": "pets"})["workforce_id"]
    for user, role in (("alice", 0), ("bob", 0), ("rita", "1")):  # the reference's own example sends the role as a string
        assert api.ok("POST", f"workforces/{workforce_id}/workers", 201, json={"emails": f"{user}@example.com", "role": role}) == {}
    workers = api.ok("GET", f"workforces/{workforce_id}/workers", params={"sort_by": "email", "order": "asc"})
    assert workers["total_number"] == 3
    worker_ids = {worker["email"].split("@")[0]: worker["worker_id"] for worker in workers["workers"]}
    assert [worker["role"] for worker in workers["workers"]] == [0, 0, 1]
    assert all(worker["status"] == 2 for worker in workers["workers"]), "each member has a user with a token"
    config = {"workforces": [{"workforce_id": workforce_id, "workers": [{"email": f"{u}@example.com"} for u in ("alice", "bob", "rita")]}]}
    task_id = api.ok("POST", f"datasets/{dataset_id}/workforce-tasks", json={
        "task_name": "pets-team", "workforces_config": config, "synchronize_data": False, "auto_sync_dataset": True,
    })["task_id"]
    return {"dataset": dataset_id, "task": task_id, "tokens": tokens, "workers": worker_ids, "workforce": workforce_id, "server": server}


def test_tokens_are_stored_hashed_and_rotate(api, team, server):
    token = team["tokens"]["alice"]
    catalog = b"".join(path.read_bytes() for path in (server.data_dir / ".obslab").glob("labeling.sqlite*"))
    assert token.encode() not in catalog, "the catalog must keep only the token's hash"
    assert api.request("GET", "datasets", token=token).status_code == 200
    fresh = issue_token(api, "carol", "carol@example.com")
    replaced = issue_token(api, "carol", "carol@example.com")
    error(api.request("GET", "datasets", token=fresh), 401, "ModelArts.0101")
    assert api.request("GET", "datasets", token=replaced).status_code == 200


def test_team_and_members_as_the_reference(api, team):
    workforce = api.ok("GET", f"workforces/{team['workforce']}")
    assert set(workforce) == {"workforce_id", "workforce_name", "description", "worker_count", "create_time", "update_time", "workspace_id"}
    assert workforce["worker_count"] == 3 and workforce["description"] == "pets"
    listed = api.ok("GET", "workforces", params={"search_content": workforce["workforce_name"]})
    assert listed["total_number"] == 1 and listed["workforces"][0]["workforce_id"] == team["workforce"]
    worker = api.ok("GET", f"workforces/{team['workforce']}/workers/{team['workers']['rita']}")
    assert set(worker) == {"email", "worker_id", "workforce_id", "status", "role", "description", "create_time", "update_time"}
    error(api.request("POST", f"workforces/{team['workforce']}/workers", json={"emails": "alice@example.com", "role": 0}), 409, "ModelArts.0103")
    error(api.request("POST", f"workforces/{team['workforce']}/workers", json={"emails": "x@example.com", "role": 3}), 400, "ModelArts.0104")
    error(api.request("POST", "workforces", json={"workforce_name": "bad name!"}), 400, "ModelArts.0104")
    error(api.request("GET", "workforces/nope"), 404, "ModelArts.0102")


def test_each_member_labels_only_their_samples(api, team):
    dataset_id, task_id, tokens, workers = team["dataset"], team["task"], team["tokens"], team["workers"]
    task = api.ok("GET", f"datasets/{dataset_id}/workforce-tasks/{task_id}")
    assert task["status"] == 1 and task["repetition"] == 1
    assert task["workforce_stats"] == {"workforce_count": 1, "labeler_count": 2, "reviewer_count": 1}
    assert task["sample_stats"]["total_sample_count"] == 4 and task["sample_stats"]["unannotated_sample_count"] == 4
    assert {worker["email"] for worker in task["workforces_config"]["workforces"][0]["workers"]} == {
        "alice@example.com", "bob@example.com", "rita@example.com"}

    mine = {user: team_samples(api, dataset_id, task_id, tokens[user])["samples"] for user in ("alice", "bob")}
    assert [len(samples) for samples in mine.values()] == [2, 2]
    for user, samples in mine.items():
        assert {sample["worker_id"] for sample in samples} == {workers[user]}
        assert all(sample["sample_status"] == "__NONE__" for sample in samples)
        assert [labeler["email"] for labeler in samples[0]["labelers"]] == [f"{user}@example.com"]
    # "Querying the Team Labeling Task List by a Team Member": alice's share of the task.
    worker_tasks = api.request("GET", "workforces/worker-tasks", token=tokens["alice"])
    assert worker_tasks.status_code == 200, worker_tasks.text
    own = [task for task in worker_tasks.json()["worker_tasks"] if task["task_id"] == task_id]
    assert [(task["email"], task["role"], task["sample_stats"]["total_sample_count"]) for task in own] == [("alice@example.com", 0, 2)]
    alice_ids = [sample["sample_id"] for sample in mine["alice"]]
    bob_ids = [sample["sample_id"] for sample in mine["bob"]]
    assert not set(alice_ids) & set(bob_ids)
    # The reviewer sees every sample of the task; a user outside the team none.
    assert team_samples(api, dataset_id, task_id, tokens["rita"])["sample_count"] == 4
    outsider = issue_token(api, "mallory", "mallory@example.com")
    error(api.request("GET", f"datasets/{dataset_id}/workforce-tasks/{task_id}/data-annotations/samples", token=outsider), 403, "ModelArts.0106")

    answer = label(api, dataset_id, task_id, tokens["alice"], alice_ids + [bob_ids[0]], "cat")
    assert answer["success"] is False
    assert [result["success"] for result in answer["results"]] == [True, True, False]
    assert answer["results"][2]["error_code"] == "ModelArts.0106"
    error(api.request("GET", f"datasets/{dataset_id}/workforce-tasks/{task_id}/data-annotations/samples/{bob_ids[0]}",
                      token=tokens["alice"]), 404, "ModelArts.0102")
    assert label(api, dataset_id, task_id, tokens["bob"], bob_ids, "dog")["success"] is True

    unreviewed = team_samples(api, dataset_id, task_id, sample_state="__unreviewed__")  # the reference's example is lower case
    assert unreviewed["sample_count"] == 4
    by_id = {sample["sample_id"]: sample for sample in unreviewed["samples"]}
    assert all(by_id[i]["labels"][0]["name"] == "cat" for i in alice_ids)
    assert all(by_id[i]["labels"][0]["name"] == "dog" for i in bob_ids), "alice's attempt must not have changed bob's sample"
    # "Labeled By": the filter's values list both members, and the filter finds each one's samples.
    labelers = api.ok("GET", f"datasets/{dataset_id}/data-annotations/search-condition")["labelers"]
    assert {"alice", "bob"} <= set(labelers)
    for user, expected in (("alice", alice_ids), ("bob", bob_ids)):
        found = team_samples(api, dataset_id, task_id, search_conditions=json.dumps([{"labeler": user}]))["samples"]
        assert sorted(sample["sample_id"] for sample in found) == sorted(expected)


def test_review_then_acceptance_and_its_report(api, team):
    dataset_id, task_id, tokens, workers = team["dataset"], team["task"], team["tokens"], team["workers"]
    base = f"datasets/{dataset_id}/workforce-tasks/{task_id}"
    samples = team_samples(api, dataset_id, task_id)["samples"]
    rejected = next(sample for sample in samples if sample["worker_id"] == workers["bob"])
    others = [sample for sample in samples if sample is not rejected]

    # A labeler may not review; the reviewer rejects one sample and accepts the rest.
    comments = [{"sample_id": rejected["sample_id"], "worker_id": workers["bob"], "accept": False, "comment": "not a dog", "score": "D"}]
    error(api.request("POST", f"{base}/data-annotations/review", token=tokens["alice"], json={"comments": comments}), 403, "ModelArts.0106")
    comments += [{"sample_id": sample["sample_id"], "accept": True, "score": "A"} for sample in others]
    response = api.request("POST", f"{base}/data-annotations/review", token=tokens["rita"], json={"comments": comments})
    assert response.status_code == 200 and response.json() == {}, response.text
    assert sorted(states(api, dataset_id, task_id).values()) == ["__REJECTED__", "__UNCHECK__", "__UNCHECK__", "__UNCHECK__"]
    assert team_samples(api, dataset_id, task_id, sample_state="__REVIEWED__")["sample_count"] == 3
    detail = api.ok("GET", f"{base}/data-annotations/samples/{rejected['sample_id']}")
    assert (detail["review_accept"], detail["review_comment"], detail["review_score"]) == (False, "not a dog", "D")
    stats = api.ok("GET", f"{base}/data-annotations/stats")
    assert stats["sample_stats"] == {"total": 4, "un_annotation": 0, "unreviewed": 0, "rejected": 1, "uncheck": 3, "accepted": 0,
                                     "auto_annotation": 0}
    assert {label["name"]: label["sample_count"] for label in stats["label_stats"]} == {"cat": 2, "dog": 2}
    metrics = api.ok("GET", f"{base}/metrics")["sample_stats"]
    assert metrics["bob@example.com"] == {"un_annotation": 0, "unreviewed": 0, "rejected": 1, "uncheck": 1, "accepted": 0,
                                          "auto_annotation": 0}

    # The owner's acceptance checks every reviewed sample: one is rejected, the others accepted.
    error(api.request("POST", f"{base}/acceptance", token=tokens["rita"], json={"sampling_rate": 1.0}), 403, "ModelArts.0106")
    checking_task_id = api.ok("POST", f"{base}/acceptance", json={"sampling_rate": 1.0})["task_id"]
    assert api.ok("GET", base)["status"] == 2
    uncheck = [sample for sample in team_samples(api, dataset_id, task_id)["samples"] if sample["sample_status"] == "__UNCHECK__"]
    assert team_samples(api, dataset_id, task_id, sample_state="__WORKFORCE_SAMPLED__")["sample_count"] == 3
    verdicts = [{"sample_id": uncheck[0]["sample_id"], "accept": False, "comment": "box too loose", "score": "C"}]
    verdicts += [{"sample_id": sample["sample_id"], "accept": True, "score": "A"} for sample in uncheck[1:]]
    assert api.ok("POST", f"{base}/acceptance/batch-comment", json={"comments": verdicts}) == {}
    assert sorted(states(api, dataset_id, task_id).values()) == ["__ACCEPTED__", "__ACCEPTED__", "__REJECTED__", "__REJECTED__"]
    assert team_samples(api, dataset_id, task_id, sample_state="__WORKFORCE_SAMPLED_REJECTED__")["sample_count"] == 1

    report = api.ok("GET", f"{base}/acceptance/report", params={"checking_task_id": checking_task_id})
    assert set(report) == {"checking_stats", "total_stats"}
    checking = report["checking_stats"]
    for field, kind in CHECK_TASK_STATS.items():
        assert isinstance(checking[field], kind), (field, checking)
    assert checking["task_id"] == checking_task_id and checking["sampling_rate"] == 1.0
    assert (checking["total_sample_count"], checking["sampled_sample_count"], checking["checked_sample_count"]) == (4, 3, 3)
    assert (checking["accepted_sample_count"], checking["rejected_sample_count"], checking["unchecked_sample_count"]) == (2, 1, 0)
    assert checking["pass_rate"] == pytest.approx(2 / 3)
    assert (checking["total_score"], checking["score"]) == (4 + 4 + 2, "B")
    assert report["total_stats"]["accepted_sample_count"] == 2 and report["total_stats"]["rejected_sample_count"] == 1
    error(api.request("GET", f"{base}/acceptance/report"), 400, "ModelArts.0104")

    # Passing the samples accepted one by one writes their labels to the dataset, as their labelers'.
    passed = api.ok("PUT", f"{base}/acceptance/status", json={"action": 5}, params={"locale": "en-us"})
    assert passed["sample_count"] == 2 and all(sample["sample_status"] == "__ACCEPTED__" for sample in passed["samples"])
    task = api.ok("GET", base)
    assert task["status"] == 1, "two samples are rejected: the task runs on"
    assert task["sample_stats"]["accepted_sample_count"] == 2 and task["sample_stats"]["rejected_sample_count"] == 2
    dataset_samples = {sample["sample_id"]: sample for sample in api.samples(dataset_id)}
    for sample in passed["samples"]:
        assert [label["name"] for label in dataset_samples[sample["sample_id"]]["labels"]] == [sample["labels"][0]["name"]]
    # A rejected sample goes back to its labeler, who labels it again.
    back = next(sample for sample in team_samples(api, dataset_id, task_id, sample_state="__REJECTED__")["samples"]
                if sample["worker_id"] == workers["bob"])
    assert label(api, dataset_id, task_id, tokens["bob"], [back["sample_id"]], "cat")["success"] is True
    assert api.ok("GET", f"{base}/data-annotations/samples/{back['sample_id']}")["sample_status"] == "__UNREVIEWED__"


def test_a_members_token_cannot_act_as_the_owner(api, team):
    dataset_id, task_id, alice = team["dataset"], team["task"], team["tokens"]["alice"]
    sample_id = team_samples(api, dataset_id, task_id, alice)["samples"][0]["sample_id"]
    update = {"samples": [{"sample_id": sample_id, "labels": [{"name": "cat"}]}]}
    error(api.request("PUT", f"datasets/{dataset_id}/data-annotations/samples", token=alice, json=update,
                      headers={"X-Obslab-User": "obslab"}), 403, "ModelArts.0106")
    error(api.request("PUT", f"datasets/{dataset_id}/workforce-tasks/{task_id}/data-annotations/samples", token=alice,
                      json={**update, "email": "bob@example.com"}), 403, "ModelArts.0106")
    error(api.request("POST", "users/alice/token", token=alice, json={}), 403, "ModelArts.0106")
    error(api.request("POST", "workforces", token=alice, json={"workforce_name": "mine"}), 403, "ModelArts.0106")
    error(api.request("DELETE", f"datasets/{dataset_id}/workforce-tasks/{task_id}", token=alice), 403, "ModelArts.0106")
    error(api.request("PUT", f"datasets/{dataset_id}/workforce-tasks/{task_id}/acceptance/status", token=alice, json={"action": 0}),
          403, "ModelArts.0106")
    # Naming herself is allowed; her edits of the dataset record her, and the owner's token may still act for others.
    labeled = api.request("PUT", f"datasets/{dataset_id}/data-annotations/samples", token=alice, json=update,
                          headers={"X-Obslab-User": "alice"})
    assert labeled.status_code == 200 and labeled.json()["success"] is True, labeled.text
    assert sample_id in labeled_by(api, dataset_id, "alice")
    api.ok("PUT", f"datasets/{dataset_id}/data-annotations/samples", json={"samples": [{"sample_id": sample_id, "labels": [
        {"name": "dog"}]}]}, headers={"X-Obslab-User": "carol"})
    assert sample_id in labeled_by(api, dataset_id, "carol") and sample_id not in labeled_by(api, dataset_id, "alice")


def labeled_by(api: ModelArtsAPI, dataset_id: str, user: str) -> set[str]:
    """The dataset's samples the "Labeled By" filter gives for the user."""
    page = api.ok("GET", f"datasets/{dataset_id}/data-annotations/samples",
                  params={"limit": 100, "search_conditions": json.dumps([{"labeler": user}])})
    return {sample["sample_id"] for sample in page["samples"]}

def test_cli_user_token_and_team(api, team, server):
    env = {**os.environ, "OBSLAB_API_ENDPOINT": api.endpoint, "OBSLAB_API_TOKEN": api.token, "OBSLAB_S3_ENDPOINT": server.http}

    def obslab(*args: str, token: str | None = None) -> str:
        run_env = {**env, "OBSLAB_API_TOKEN": token} if token else env
        result = subprocess.run([obslab_binary(), *args], env=run_env, capture_output=True, text=True, timeout=120)
        assert result.returncode == 0, f"obslab {' '.join(args)}: {result.stdout}{result.stderr}"
        return result.stdout

    printed = obslab("user", "token", "dave", "--email", "dave@example.com")
    token = next(line.split(": ", 1)[1] for line in printed.splitlines() if line.startswith("token: "))
    assert api.request("GET", "datasets", token=token).status_code == 200
    name = unique_name("cli-team")
    obslab("team", "create", name, "--description", "cli")
    obslab("team", "add", name, "dave@example.com", "--role", "labeler")
    assert "dave@example.com" in obslab("team", "show", name)
    dataset = api.ok("GET", f"datasets/{team['dataset']}")["dataset_name"]
    task = unique_name("cli-task")
    assert "created team task" in obslab("team", "task", dataset, task, "--team", name)
    assert name in obslab("team", "list")
    listed = obslab("samples", "list", dataset, "--job", task, "--state", "unlabeled", token=token)
    sample_id = listed.splitlines()[1].split()[0]
    obslab("samples", "label", dataset, sample_id, "--job", task, "--label", "owl", token=token)
    assert "1 sample(s)" in obslab("team", "review", dataset, task, sample_id, "--accept", "--score", "A")
    acceptance = obslab("team", "accept", dataset, task, "--rate", "1").split()[1]
    obslab("team", "check", dataset, task, sample_id, "--accept", "--score", "B")
    report = obslab("team", "report", dataset, task, acceptance)
    assert "100%" in report and " B" in report, report
    assert "1 sample(s) accepted" in obslab("team", "finish", dataset, task)
    progress = obslab("team", "progress", dataset, task)
    assert progress.splitlines()[2].split()[-1] == "1", progress
