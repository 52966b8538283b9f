"""The ModelArts contract endpoint by endpoint: for each route obslab serves, the reference page it follows (under
shared/reference/modelarts/api/), and the test that checks the answer's fields (names and JSON types, as the page's
response table gives them), its status code, and that a member no page has is refused with a ModelArts 400 naming it.
The API is driven with plain HTTP (`requests`), data goes in with boto3. test_modelarts_contract.py checks the
behaviour behind some of these answers.

Tests: GET = test_a_get_answers_200_with_the_pages_fields, Q = test_a_get_refuses_a_query_parameter_no_page_has,
M = test_a_member_no_page_has_is_refused_by_name (and N =
test_a_nested_member_no_page_has_is_refused_by_its_path for the samples, labels, data sources and comments inside), DW =
test_the_dataset_writes_answer_the_pages_status_and_fields, TW = test_the_team_writes_answer_the_pages_status_and_fields,
C = test_modelarts_contract.py, and other files by name. "own" is a route of obslab's that no page documents; "-" a
route without a request body (a DELETE) or not covered.

| Route (under /v2/{project_id})                      | Page (.rst)                                             | Fields    | Status | Unknown member |
|-----------------------------------------------------|---------------------------------------------------------|-----------|--------|----------------|
| POST datasets                                       | creating_a_dataset                                      | DW        | DW 201 | M, N           |
| GET datasets                                        | querying_the_dataset_list                               | GET       | GET    | Q              |
| GET datasets/{id}                                   | querying_details_about_a_dataset                        | GET, C    | GET    | Q              |
| PUT datasets/{id}                                   | modifying_a_dataset                                     | DW, C     | DW 200 | M, N, C        |
| DELETE datasets/{id}                                | deleting_a_dataset                                      | DW (none) | DW 204 | -              |
| POST …/sync-data                                    | synchronizing_a_dataset                                 | DW ({})   | DW 200 | M (no body)    |
| GET …/sync-data/status                              | querying_the_status_of_a_dataset_synchronization_task   | GET       | GET    | Q              |
| GET …/diagnosis                                     | own                                                     | -         | -      | -              |
| GET …/source-check                                  | own                                                     | -         | -      | -              |
| POST …/versions                                     | creating_a_dataset_labeling_version                     | DW        | DW 201 | M              |
| GET …/versions                                      | querying_the_dataset_version_list                       | GET       | GET    | Q              |
| GET …/versions/{id}                                 | querying_details_about_a_dataset_version                | GET       | GET    | Q              |
| DELETE …/versions/{id}                              | deleting_a_dataset_labeling_version                     | DW (none) | DW 204 | -              |
| GET …/data-annotations/samples                      | obtaining_a_sample_list                                 | GET       | GET    | Q              |
| PUT …/data-annotations/samples                      | updating_sample_labels_in_batches                       | DW        | DW 200 | M, N, C        |
| POST …/data-annotations/samples                     | adding_samples_in_batches                               | DW        | DW 200 | M, N           |
| GET …/data-annotations/samples/{id}                 | obtaining_details_about_a_sample                        | GET       | GET    | Q              |
| GET …/data-annotations/samples/{id}/content         | own (the sample's bytes)                                | -         | -      | -              |
| POST …/data-annotations/samples/delete              | deleting_samples_in_batches                             | DW        | DW 200 | M              |
| POST …/data-annotations/samples/delete-impact       | own (a dry run of the above)                            | -         | -      | M              |
| GET …/data-annotations/stats                        | obtaining_dataset_statistics                            | GET, C    | GET    | Q, C           |
| GET …/data-annotations/search-condition             | obtaining_sample_search_condition                       | GET       | GET    | Q              |
| GET …/data-annotations/labels                       | querying_the_dataset_label_list                         | GET       | GET    | Q              |
| POST …/data-annotations/labels                      | creating_a_dataset_label                                | DW        | DW 200 | M, N           |
| PUT …/data-annotations/labels                       | modifying_labels_in_batches                             | DW        | DW 200 | M, N           |
| PUT …/data-annotations/labels/{name}                | updating_a_label_by_label_names                         | DW (none) | DW 204 | M              |
| DELETE …/data-annotations/labels/{name}             | deleting_a_label_and_the_files_that_only_contain_the_label | DW, C (none) | DW 204 | -          |
| POST …/data-annotations/labels/delete               | deleting_labels_in_batches                              | DW        | DW 200 | M, N           |
| PUT, DELETE …/data-annotations/labels/delete        | the two above, for a label named "delete"               | test_label_editing.py | - | -         |
| POST …/import-tasks                                 | creating_an_import_task                                 | DW        | DW 200 | M, N           |
| GET …/import-tasks                                  | querying_the_dataset_import_task_list                   | GET       | GET    | Q              |
| GET …/import-tasks/{id}                             | querying_details_about_a_dataset_import_task            | GET       | GET    | Q              |
| POST …/export-tasks                                 | creating_a_dataset_export_task                          | DW        | DW 200 | M              |
| GET …/export-tasks                                  | querying_the_dataset_export_task_list                   | GET       | GET    | Q              |
| GET …/export-tasks/{id}                             | querying_the_status_of_a_dataset_export_task            | GET       | GET    | Q              |
| POST …/workforce-tasks                              | creating_a_team_labeling_task                           | C         | C 200  | M, N, C        |
| GET …/workforce-tasks                               | querying_the_team_labeling_task_list_of_a_dataset       | GET       | GET    | Q              |
| GET …/workforce-tasks/{id}                          | querying_details_about_a_team_labeling_task             | GET, C    | GET    | Q, C           |
| PUT …/workforce-tasks/{id}                          | updating_a_team_labeling_task                           | C (none)  | C 200  | M, C           |
| DELETE …/workforce-tasks/{id}                       | deleting_a_team_labeling_task                           | C (none)  | C 204  | -              |
| POST …/workforce-tasks/{id}                         | starting_a_team_labeling_task                           | TW ({})   | TW 200 | M              |
| GET …/workforce-tasks/{id}/data-annotations/samples | obtaining_a_sample_list_of_a_team_labeling_task_by_page | GET       | GET    | Q              |
| PUT …/workforce-tasks/{id}/data-annotations/samples | updating_labels_of_team_labeling_samples_in_batches     | test_teams.py | test_teams.py | M      |
| POST …/workforce-tasks/{id}/data-annotations/samples| own (adding_samples_in_batches into a task's dataset)   | -         | -      | M              |
| GET …/workforce-tasks/{id}/data-annotations/samples/{id} | obtaining_details_about_a_team_labeling_sample     | GET       | GET    | Q              |
| GET …/workforce-tasks/{id}/data-annotations/stats   | querying_details_about_team_labeling_task_statistics    | GET       | GET    | Q              |
| GET …/workforce-tasks/{id}/metrics                  | querying_details_about_the_progress_of_a_team_labeling_task_member | GET | GET | Q             |
| POST …/workforce-tasks/{id}/data-annotations/review | reviewing_team_labeling_results                         | test_teams.py ({}) | test_teams.py 200 | M, N |
| POST …/workforce-tasks/{id}/acceptance              | creating_a_team_labeling_acceptance_task                | test_teams.py | test_teams.py 200 | M  |
| POST …/workforce-tasks/{id}/acceptance/batch-comment| submitting_sample_review_comments_of_an_acceptance_task | TW ({})   | TW 200 | M              |
| GET …/workforce-tasks/{id}/acceptance/report        | querying_the_report_of_a_team_labeling_acceptance_task  | GET, test_teams.py | GET | Q         |
| PUT …/workforce-tasks/{id}/acceptance/status        | updating_status_of_a_team_labeling_acceptance_task      | TW        | TW 200 | M              |
| POST …/tasks                                        | starting_intelligent_tasks                              | test_auto_grouping.py | test_auto_grouping.py 200 | M |
| GET …/tasks                                         | obtaining_an_auto_labeling_task_list_by_page            | GET       | GET    | Q              |
| GET …/tasks/{id}                                    | obtaining_details_about_an_auto_labeling_task           | GET       | GET    | Q              |
| POST …/tasks/{id}/stop                              | stopping_an_intelligent_task                            | -         | - (204 not driven: a grouping of test size ends at once) | M (no body) |
| GET caller                                          | own (who the token is, for the console)                 | -         | -      | -              |
| POST users/{name}/token                             | own (a user's API token)                                | test_teams.py | test_teams.py 201 | M    |
| POST workforces                                     | creating_a_labeling_team                                | TW        | TW 201 | M              |
| GET workforces                                      | querying_the_labeling_team_list                         | GET       | GET    | Q              |
| GET workforces/worker-tasks                         | querying_the_team_labeling_task_list_by_a_team_member   | TW        | TW 200 | -              |
| GET workforces/{id}                                 | querying_details_about_a_labeling_team                  | GET       | GET    | Q              |
| PUT workforces/{id}                                 | updating_a_labeling_team                                | TW (none) | TW 200 | M              |
| DELETE workforces/{id}                              | deleting_a_labeling_team                                | TW (none) | TW 204 | -              |
| POST workforces/{id}/workers                        | creating_a_labeling_team_member                         | TW (none) | TW 201 | M              |
| GET workforces/{id}/workers                         | querying_the_list_of_labeling_team_members              | GET       | GET    | Q              |
| POST workforces/{id}/workers/batch-delete           | deleting_labeling_team_members_in_batches               | TW        | TW 200 | M              |
| GET workforces/{id}/workers/{id}                    | querying_details_about_labeling_team_members            | GET       | GET    | Q              |
| PUT workforces/{id}/workers/{id}                    | updating_a_labeling_team_member                         | TW (none) | TW 200 | M              |
| DELETE workforces/{id}/workers/{id}                 | deleting_a_labeling_team_member                         | TW (none) | TW 204 | -              |

Pages obslab does not serve: the processing tasks (processor-tasks, 12 pages), the auto labeling samples
(auto-annotations), a dataset's monitoring data (metrics), all the members of all teams (workforces/workers) and
"Sending an Email to a Labeling Team Member" (notify).

A field a page documents but obslab does not answer is only checked when present ("optional"); the `*_REQUIRED` lists
below are those obslab always answers. Fields a page lacks are obslab's additions and not checked.
"""
from __future__ import annotations

import base64
import time

import pytest

from helpers import empty_and_delete, unique_name
from test_auto_grouping import KINDS
from test_labeling import ModelArtsAPI, upload
from test_modelarts_contract import FILES, api, refused  # noqa: F401 (api is the module's fixture)

pytestmark = pytest.mark.obslab_only(reason="the labeling API is obslab's own")

# The reference's types as JSON types: String, Integer/Long, Boolean, Float/Double/Number, Array of …, an object.
STR, INT, BOOL, NUM, LIST, OBJ = "String", "Integer", "Boolean", "Number", "Array", "Object"


def json_type(value) -> str | None:
    """The reference's name for the JSON type of `value` (a boolean is no integer, 1.0 is a number)."""
    if isinstance(value, bool):
        return BOOL
    if isinstance(value, int):
        return INT
    if isinstance(value, float):
        return NUM
    return {str: STR, list: LIST, dict: OBJ}.get(type(value))


def check_fields(body: dict, fields: dict[str, str], required: str | set[str] = "") -> None:
    """Each field of a page's response table that `body` carries has the page's type; the `required` ones (a set, or
    the names separated by spaces) are all there. Fields the page lacks are obslab's own additions: not checked here."""
    assert isinstance(body, dict), body
    required = set(required.split()) if isinstance(required, str) else required
    assert required <= set(fields), f"not in the page's table: {required - set(fields)}"
    missing = sorted(required - set(body))
    assert not missing, f"missing {missing} in {body}"
    wrong = {name: (kind, body[name]) for name, kind in fields.items()
             if name in body and not (json_type(body[name]) == kind or (kind == NUM and json_type(body[name]) == INT))}
    assert not wrong, f"wrong types (field: (page's type, value)): {wrong}"


def check_items(items: list, fields: dict[str, str], required: str = "") -> None:
    assert isinstance(items, list) and items, items
    for item in items:
        check_fields(item, fields, required)


# Response tables, as the pages give them (each named after its page).
CREATING_A_DATASET = {"dataset_id": STR, "error_code": STR, "error_msg": STR, "import_task_id": STR}
DATASET = {  # querying_details_about_a_dataset.rst, Table 3 (also the items of the dataset list)
    "annotated_sample_count": INT, "annotated_sub_sample_count": INT, "content_labeling": BOOL, "create_time": INT,
    "current_version_id": STR, "current_version_name": STR, "data_format": STR, "data_sources": LIST,
    "data_statistics": OBJ, "data_update_time": INT, "dataset_format": INT, "dataset_id": STR, "dataset_name": STR,
    "dataset_tags": LIST, "dataset_type": INT, "dataset_version_count": INT, "deleted_sample_count": INT,
    "deletion_stats": OBJ, "description": STR, "enterprise_project_id": STR, "exist_running_task": BOOL,
    "exist_workforce_task": BOOL, "feature_supports": LIST, "import_data": BOOL, "import_task_id": STR,
    "inner_annotation_path": STR, "inner_data_path": STR, "inner_log_path": STR, "inner_task_path": STR,
    "inner_temp_path": STR, "inner_work_path": STR, "label_task_count": INT, "labels": LIST,
    "loading_sample_count": INT, "managed": BOOL, "next_version_num": INT, "running_tasks_id": LIST, "schema": LIST,
    "status": INT, "third_path": STR, "total_sample_count": INT, "total_sub_sample_count": INT,
    "unconfirmed_sample_count": INT, "update_time": INT, "versions": LIST, "work_path": STR, "work_path_type": INT,
    "workforce_descriptor": OBJ, "workforce_task_count": INT, "workspace_id": STR,
}
DATASET_REQUIRED = ("annotated_sample_count create_time data_sources data_update_time dataset_id dataset_name dataset_type "
                    "dataset_version_count deleted_sample_count description next_version_num status "
                    "total_sample_count unconfirmed_sample_count update_time work_path work_path_type "
                    "workforce_task_count workspace_id")
SYNC_STATUS = {  # querying_the_status_of_a_dataset_synchronization_task.rst, Table 2
    "add_sample_count": INT, "create_time": INT, "dataset_id": STR, "deleted_sample_count": INT, "duration_time": INT,
    "error_code": STR, "error_msg": STR, "status": STR, "task_id": STR, "total_sample_count": INT,
}
VERSION = {  # querying_details_about_a_dataset_version.rst, Table 2 (also the items of the version list)
    "add_sample_count": INT, "analysis_cache_path": STR, "analysis_status": INT, "analysis_task_id": STR,
    "annotated_sample_count": INT, "annotated_sub_sample_count": INT, "clear_hard_property": BOOL, "code": STR,
    "create_time": INT, "crop": BOOL, "crop_path": STR, "crop_rotate_cache_path": STR, "data_analysis": OBJ,
    "data_path": STR, "data_statistics": OBJ, "data_validate": BOOL, "deleted_sample_count": INT,
    "deletion_stats": OBJ, "description": STR, "export_images": BOOL, "extract_serial_number": BOOL,
    "include_dataset_data": BOOL, "is_current": BOOL, "label_stats": LIST, "label_type": STR,
    "manifest_cache_input_path": STR, "manifest_path": STR, "message": STR, "modified_sample_count": INT,
    "previous_annotated_sample_count": INT, "previous_total_sample_count": INT, "previous_version_id": STR,
    "processor_task_id": STR, "processor_task_status": INT, "remove_sample_usage": BOOL, "rotate": BOOL,
    "rotate_path": STR, "sample_state": STR, "start_processor_task": BOOL, "status": INT, "tags": LIST,
    "task_type": INT, "total_sample_count": INT, "total_sub_sample_count": INT, "train_evaluate_sample_ratio": STR,
    "update_time": INT, "version_format": STR, "version_id": STR, "version_name": STR, "with_column_header": BOOL,
}
VERSION_REQUIRED = ("annotated_sample_count annotated_sub_sample_count clear_hard_property create_time data_path "
                    "description export_images is_current label_stats manifest_path remove_sample_usage status "
                    "total_sample_count total_sub_sample_count train_evaluate_sample_ratio update_time version_format "
                    "version_id version_name")
SAMPLE = {  # obtaining_details_about_a_sample.rst, Table 3 (also the items of the sample lists)
    "check_accept": BOOL, "check_comment": STR, "check_score": STR, "deletion_reasons": LIST, "hard_details": OBJ,
    "labelers": LIST, "labels": LIST, "metadata": OBJ, "review_accept": BOOL, "review_comment": STR,
    "review_score": STR, "sample_data": LIST, "sample_dir": STR, "sample_id": STR, "sample_name": STR,
    "sample_size": INT, "sample_status": STR, "sample_time": INT, "sample_type": INT, "score": STR, "source": STR,
    "sub_sample_url": STR, "worker_id": STR,
}
SAMPLE_REQUIRED = "metadata sample_id sample_name sample_size sample_status sample_time sample_type source"
IMPORT_TASK = {  # querying_details_about_a_dataset_import_task.rst, Table 2 (also the items of the import task list)
    "annotated_sample_count": INT, "create_time": INT, "data_source": OBJ, "dataset_id": STR, "elapsed_time": INT,
    "error_code": STR, "error_msg": STR, "file_statistics": OBJ, "finished_file_count": INT,
    "finished_file_size": INT, "import_path": STR, "import_type": INT, "imported_sample_count": INT,
    "imported_sub_sample_count": INT, "processor_task_id": STR, "processor_task_status": INT, "status": STR,
    "task_id": STR, "total_file_count": INT, "total_file_size": INT, "total_sample_count": INT,
    "total_sub_sample_count": INT, "unconfirmed_sample_count": INT, "update_ms": INT,
}
IMPORT_TASK_REQUIRED = ("annotated_sample_count create_time dataset_id elapsed_time import_path imported_sample_count status "
                        "task_id total_sample_count")
EXPORT_TASK = {  # querying_the_status_of_a_dataset_export_task.rst, Table 2 (also creating_a_dataset_export_task.rst's answer)
    "create_time": INT, "error_code": STR, "error_msg": STR, "export_format": INT, "export_params": OBJ,
    "export_type": INT, "finished_sample_count": INT, "path": STR, "progress": NUM, "status": STR, "task_id": STR,
    "total_sample_count": INT, "update_time": INT, "version_format": STR, "version_id": STR,
}
EXPORT_TASK_REQUIRED = "create_time export_type finished_sample_count path progress status task_id total_sample_count update_time"
LABEL = {"attributes": LIST, "name": STR, "property": OBJ, "type": INT}  # querying_the_dataset_label_list.rst, Table 4
TEAM_TASK = {  # querying_details_about_a_team_labeling_task.rst, Table 3 (also the items of the task list)
    "auto_sync_dataset": BOOL, "check_rate": NUM, "checking_task_desc": OBJ, "create_time": INT, "dataset_id": STR,
    "description": STR, "label_stats": LIST, "pass_rate": NUM, "repetition": INT, "sample_search_conditions": LIST,
    "sample_stats": OBJ, "score": NUM, "status": INT, "synchronize_auto_labeling_data": BOOL, "synchronize_data": BOOL,
    "task_id": STR, "task_name": STR, "update_time": INT, "version_id": STR, "worker_stats": LIST,
    "workforce_stats": OBJ, "workforces_config": OBJ,
}
TEAM_TASK_REQUIRED = "create_time dataset_id description repetition sample_stats status task_id task_name update_time"
SMART_TASK = {  # obtaining_details_about_an_auto_labeling_task.rst, Table 2 (also the items of the task list)
    "code": STR, "config": OBJ, "create_time": STR, "elapsed_time": INT, "error_code": STR, "error_detail": STR,
    "error_msg": STR, "message": STR, "progress": NUM, "resource_id": STR, "result": OBJ, "status": INT,
    "task_id": STR, "task_name": STR, "export_type": INT,
}
SMART_TASK_REQUIRED = "config create_time progress resource_id status task_id"
WORKFORCE = {  # querying_details_about_a_labeling_team.rst, Table 2 (also the items of the team list)
    "create_time": INT, "description": STR, "update_time": INT, "worker_count": INT, "workforce_id": STR,
    "workforce_name": STR, "workspace_id": STR,
}
WORKER = {  # querying_details_about_labeling_team_members.rst, Table 2 (also the items of the member list)
    "create_time": INT, "description": STR, "email": STR, "role": INT, "status": INT, "update_time": INT,
    "worker_id": STR, "workforce_id": STR,
}
WORKER_TASK = {  # querying_the_team_labeling_task_list_by_a_team_member.rst, Table 4
    "create_time": INT, "dataset_id": STR, "dataset_type": INT, "email": STR, "email_status": INT,
    "last_notify_time": INT, "pass_rate": NUM, "role": INT, "sample_stats": OBJ, "score": NUM, "task_id": STR,
    "task_status": INT, "update_time": INT, "worker_id": STR, "workforce_task_name": STR,
}
TEAM_STATS = {  # querying_details_about_team_labeling_task_statistics.rst, Table 3 (and obtaining_dataset_statistics.rst)
    "data_path": STR, "data_spliting_enable": BOOL, "grouped_label_stats": OBJ, "hard_detail_stats": OBJ,
    "key_sample_stats": OBJ, "label_stats": LIST, "metadata_stats": OBJ, "sample_stats": OBJ,
}
CHECK_TASK_STATS = {  # querying_the_report_of_a_team_labeling_acceptance_task.rst, Table 4
    "accepted_sample_count": INT, "checked_sample_count": INT, "pass_rate": NUM, "rejected_sample_count": INT,
    "sampled_sample_count": INT, "sampling_num": INT, "sampling_rate": NUM, "score": STR, "task_id": STR,
    "total_sample_count": INT, "total_score": INT, "unchecked_sample_count": INT,
}
BATCH = {"error_code": STR, "error_msg": STR, "results": LIST, "success": BOOL}  # the batch pages' Table 7/8/11
BATCH_RESULT = {"error_code": STR, "error_msg": STR, "success": BOOL}


def wait(api: ModelArtsAPI, path: str, done, timeout: float = 120) -> dict:
    deadline = time.monotonic() + timeout
    while True:
        body = api.ok("GET", path)
        if done(body):
            return body
        assert time.monotonic() < deadline, f"{path} not done after {timeout} s: {body}"
        time.sleep(0.05)


def issue_token(api: ModelArtsAPI, user: str) -> str:
    return api.ok("POST", f"users/{user}/token", 201, json={"email": f"{user}@example.com"})["token"]


@pytest.fixture(scope="module")
def world(api, s3) -> dict[str, str]:
    """One of everything the API names, for the GETs: a synced dataset over FILES with a version, an export and an
    import task, a grouping task over three images, a team of a labeler and a reviewer (with tokens), their team task
    labeled, reviewed and under acceptance. Its ids by path placeholder."""
    bucket = unique_name("contract")
    s3.create_bucket(Bucket=bucket)
    upload(s3, bucket, "pets/", FILES)
    dataset_id, created = api.create_dataset_importing(unique_name("pets"), 0, bucket, "pets/")
    assert api.sync(dataset_id)["status"] == "COMPLETED"
    samples = {sample["sample_name"]: sample["sample_id"] for sample in api.samples(dataset_id)}
    version_id = api.ok("POST", f"datasets/{dataset_id}/versions", 201, json={})["version_id"]
    export_id = api.ok("POST", f"datasets/{dataset_id}/export-tasks", json={"path": f"/{bucket}/exports/", "export_type": 2,
                                                                           "export_params": {"export_dest": "DIR"}})["task_id"]
    wait(api, f"datasets/{dataset_id}/export-tasks/{export_id}", lambda task: task["status"] not in ("RUNNING", "INIT"))

    for index, make in enumerate(KINDS.values()):
        s3.put_object(Bucket=bucket, Key=f"images/{index}.png", Body=make(index))
    images_id = api.create_dataset(unique_name("images"), 0, bucket, "images/")
    assert api.sync(images_id)["status"] == "COMPLETED"
    grouping_id = api.ok("POST", f"datasets/{images_id}/tasks", json={"task_type": "auto-grouping",
                                                                      "config": {"n_clusters": 2, "property": "look"}})["task_id"]
    wait(api, f"datasets/{images_id}/tasks/{grouping_id}", lambda task: task["status"] not in (1, 4))

    labeler, reviewer = unique_name("lab"), unique_name("rev")
    tokens = {user: issue_token(api, user) for user in (labeler, reviewer)}
    workforce_id = api.ok("POST", "workforces", 201, json={"workforce_name": unique_name("team")})["workforce_id"]
    for user, role in ((labeler, 0), (reviewer, 1)):
        api.ok("POST", f"workforces/{workforce_id}/workers", 201, json={"emails": f"{user}@example.com", "role": role})
    workers = {w["email"].split("@")[0]: w["worker_id"] for w in api.ok("GET", f"workforces/{workforce_id}/workers")["workers"]}
    config = {"workforces": [{"workforce_id": workforce_id, "workers": [{"email": f"{u}@example.com"} for u in tokens]}]}
    task_id = api.ok("POST", f"datasets/{dataset_id}/workforce-tasks",
                     json={"task_name": unique_name("job"), "workforces_config": config})["task_id"]
    team = f"datasets/{dataset_id}/workforce-tasks/{task_id}"
    team_samples = api.ok("GET", f"{team}/data-annotations/samples", params={"limit": 100})["samples"]
    api.request("PUT", f"{team}/data-annotations/samples", token=tokens[labeler], json={
        "samples": [{"sample_id": s["sample_id"], "labels": [{"name": "cat"}]} for s in team_samples]}).raise_for_status()
    api.request("POST", f"{team}/data-annotations/review", token=tokens[reviewer], json={
        "comments": [{"sample_id": s["sample_id"], "accept": True, "score": "A"} for s in team_samples]}).raise_for_status()
    checking_id = api.ok("POST", f"{team}/acceptance", json={"sampling_rate": 1.0})["task_id"]
    yield {"bucket": bucket, "d": dataset_id, "i": created["task_id"], "v": version_id, "s": samples["1.jpg"],
           "e": export_id, "img": images_id, "g": grouping_id, "w": workforce_id, "k": workers[labeler],
           "t": task_id, "ts": team_samples[0]["sample_id"], "c": checking_id, "labeler": labeler,
           "token": tokens[labeler]}
    empty_and_delete(s3, bucket)


D = "datasets/{d}"
T = "datasets/{d}/workforce-tasks/{t}"

# GET endpoints: (page, path, query, the answer's top-level fields and the required ones, {list member: (item fields,
# required)}).
GETS = [
    ("querying_the_dataset_list.rst", "datasets", {"contain_versions": "true"},
     {"datasets": LIST, "total_number": INT}, "datasets total_number", {"datasets": (DATASET, DATASET_REQUIRED)}),
    ("querying_details_about_a_dataset.rst", D, {}, DATASET, DATASET_REQUIRED, {"labels": (LABEL, "name type property"),
                                                                                 "data_sources": ({"data_path": STR, "data_type": INT}, "data_path data_type")}),
    ("querying_the_status_of_a_dataset_synchronization_task.rst", D + "/sync-data/status", {}, SYNC_STATUS,
     "add_sample_count create_time dataset_id deleted_sample_count duration_time status task_id total_sample_count", {}),
    ("querying_the_dataset_version_list.rst", D + "/versions", {}, {"total_number": INT, "versions": LIST},
     "total_number versions", {"versions": (VERSION, VERSION_REQUIRED)}),
    ("querying_details_about_a_dataset_version.rst", D + "/versions/{v}", {}, VERSION, VERSION_REQUIRED, {}),
    ("obtaining_a_sample_list.rst", D + "/data-annotations/samples", {}, {"sample_count": INT, "samples": LIST},
     "sample_count samples", {"samples": (SAMPLE, SAMPLE_REQUIRED)}),
    ("obtaining_details_about_a_sample.rst", D + "/data-annotations/samples/{s}", {}, SAMPLE, SAMPLE_REQUIRED, {}),
    ("obtaining_dataset_statistics.rst", D + "/data-annotations/stats", {}, TEAM_STATS, set(TEAM_STATS), {}),
    ("obtaining_sample_search_condition.rst", D + "/data-annotations/search-condition", {},
     {"labelers": LIST, "labels": LIST, "metadata": OBJ}, "labelers labels metadata", {}),
    ("querying_the_dataset_import_task_list.rst", D + "/import-tasks", {}, {"import_tasks": LIST, "total_count": INT},
     "import_tasks total_count", {"import_tasks": (IMPORT_TASK, IMPORT_TASK_REQUIRED)}),
    ("querying_details_about_a_dataset_import_task.rst", D + "/import-tasks/{i}", {}, IMPORT_TASK, IMPORT_TASK_REQUIRED, {}),
    ("querying_the_dataset_export_task_list.rst", D + "/export-tasks", {}, {"export_tasks": LIST, "total_count": INT},
     "export_tasks total_count", {"export_tasks": (EXPORT_TASK, EXPORT_TASK_REQUIRED)}),
    ("querying_the_status_of_a_dataset_export_task.rst", D + "/export-tasks/{e}", {}, EXPORT_TASK, EXPORT_TASK_REQUIRED, {}),
    ("querying_the_dataset_label_list.rst", D + "/data-annotations/labels", {}, {"labels": LIST, "total_number": INT},
     "labels total_number", {"labels": (LABEL, "name type property")}),
    ("querying_the_team_labeling_task_list_of_a_dataset.rst", D + "/workforce-tasks", {}, {"count": INT, "tasks": LIST},
     "count tasks", {"tasks": (TEAM_TASK, TEAM_TASK_REQUIRED)}),
    ("querying_details_about_a_team_labeling_task.rst", T, {}, TEAM_TASK, TEAM_TASK_REQUIRED + " workforces_config workforce_stats", {}),
    ("obtaining_a_sample_list_of_a_team_labeling_task_by_page.rst", T + "/data-annotations/samples", {},
     {"sample_count": INT, "samples": LIST}, "sample_count samples", {"samples": (SAMPLE, SAMPLE_REQUIRED + " worker_id")}),
    ("obtaining_details_about_a_team_labeling_sample.rst", T + "/data-annotations/samples/{ts}", {}, SAMPLE,
     SAMPLE_REQUIRED + " worker_id review_accept review_score", {}),
    ("querying_details_about_team_labeling_task_statistics.rst", T + "/data-annotations/stats", {}, TEAM_STATS,
     "label_stats sample_stats", {}),
    ("querying_details_about_the_progress_of_a_team_labeling_task_member.rst", T + "/metrics", {}, {"sample_stats": OBJ},
     "sample_stats", {}),
    ("querying_the_report_of_a_team_labeling_acceptance_task.rst", T + "/acceptance/report", {"checking_task_id": "{c}"},
     {"checking_stats": OBJ, "total_stats": OBJ}, "checking_stats total_stats", {}),
    ("obtaining_an_auto_labeling_task_list_by_page.rst", "datasets/{img}/tasks", {"type": "auto-grouping"},
     {"exist_running_deploy_task": BOOL, "tasks": LIST, "total_count": INT}, "exist_running_deploy_task tasks total_count",
     {"tasks": (SMART_TASK, SMART_TASK_REQUIRED)}),
    ("obtaining_details_about_an_auto_labeling_task.rst", "datasets/{img}/tasks/{g}", {}, SMART_TASK, SMART_TASK_REQUIRED, {}),
    ("querying_the_labeling_team_list.rst", "workforces", {}, {"total_number": INT, "workforces": LIST},
     "total_number workforces", {"workforces": (WORKFORCE, set(WORKFORCE))}),
    ("querying_details_about_a_labeling_team.rst", "workforces/{w}", {}, WORKFORCE, set(WORKFORCE), {}),
    ("querying_the_list_of_labeling_team_members.rst", "workforces/{w}/workers", {}, {"total_number": INT, "workers": LIST},
     "total_number workers", {"workers": (WORKER, set(WORKER))}),
    ("querying_details_about_labeling_team_members.rst", "workforces/{w}/workers/{k}", {}, WORKER, set(WORKER), {}),
]


@pytest.mark.parametrize("page, path, query, fields, required, items", GETS, ids=[case[0] for case in GETS])
def test_a_get_answers_200_with_the_pages_fields(api, world, page, path, query, fields, required, items):
    answer = api.ok("GET", path.format(**world), params={name: value.format(**world) for name, value in query.items()})
    check_fields(answer, fields, required)
    for member, (item_fields, item_required) in items.items():
        check_items(answer[member], item_fields, item_required)


EXTRA = "obslab_unheard_of"

# POST and PUT endpoints with a body each would take: (page, method, path, body). Sent with EXTRA, a member no page
# has, each must answer a ModelArts 400 naming it, and do nothing. Those of a dataset run on a fresh one ({d}); the
# team ones on the world's (a refused request changes nothing there).
BODIES = [
    ("creating_a_dataset.rst", "POST", "datasets", None),  # built in the test: it needs the bucket
    ("modifying_a_dataset.rst", "PUT", D, {"description": "x"}),
    ("synchronizing_a_dataset.rst", "POST", D + "/sync-data", {}),
    ("creating_a_dataset_labeling_version.rst", "POST", D + "/versions", {"version_name": "V009"}),
    ("updating_sample_labels_in_batches.rst", "PUT", D + "/data-annotations/samples",
     {"samples": [{"sample_id": "{s}", "labels": [{"name": "cat"}]}]}),
    ("adding_samples_in_batches.rst", "POST", D + "/data-annotations/samples",
     {"samples": [{"name": "9.jpg", "data": base64.b64encode(b"\xff\xd8 nine").decode()}]}),
    ("creating_an_import_task.rst", "POST", D + "/import-tasks", {"import_path": "obs://{bucket}/{prefix}"}),
    ("creating_a_dataset_export_task.rst", "POST", D + "/export-tasks",
     {"path": "/{bucket}/exports/", "export_type": 2, "export_params": {"export_dest": "DIR"}}),
    ("deleting_samples_in_batches.rst", "POST", D + "/data-annotations/samples/delete", {"samples": ["{s}"]}),
    ("deleting_samples_in_batches.rst (obslab's delete-impact)", "POST", D + "/data-annotations/samples/delete-impact",
     {"samples": ["{s}"]}),
    ("creating_a_dataset_label.rst", "POST", D + "/data-annotations/labels", {"labels": [{"name": "owl"}]}),
    ("modifying_labels_in_batches.rst", "PUT", D + "/data-annotations/labels",
     {"labels": [{"name": "cat", "property": {"@modelarts:color": "#000000"}}]}),
    ("updating_a_label_by_label_names.rst", "PUT", D + "/data-annotations/labels/cat", {"@modelarts:color": "#000000"}),
    ("deleting_labels_in_batches.rst", "POST", D + "/data-annotations/labels/delete", {"labels": [{"name": "dog"}]}),
    ("creating_a_team_labeling_task.rst", "POST", D + "/workforce-tasks", {"task_name": "job-x"}),
    ("updating_a_team_labeling_task.rst", "PUT", T, {"description": "x"}),
    ("updating_labels_of_team_labeling_samples_in_batches.rst", "PUT", T + "/data-annotations/samples",
     {"samples": [{"sample_id": "{ts}", "labels": [{"name": "cat"}]}]}),
    ("adding_samples_in_batches.rst (obslab's: into a team task)", "POST", T + "/data-annotations/samples",
     {"samples": [{"name": "9.jpg", "data": base64.b64encode(b"\xff\xd8 nine").decode()}]}),
    ("starting_a_team_labeling_task.rst", "POST", T, {"task_id": "{t}"}),
    ("reviewing_team_labeling_results.rst", "POST", T + "/data-annotations/review",
     {"comments": [{"sample_id": "{ts}", "accept": True}]}),
    ("creating_a_team_labeling_acceptance_task.rst", "POST", T + "/acceptance", {"sampling_rate": 1.0}),
    ("submitting_sample_review_comments_of_an_acceptance_task.rst", "POST", T + "/acceptance/batch-comment",
     {"comments": [{"sample_id": "{ts}", "accept": True}]}),
    ("updating_status_of_a_team_labeling_acceptance_task.rst", "PUT", T + "/acceptance/status", {"action": 2}),
    ("starting_intelligent_tasks.rst", "POST", "datasets/{img}/tasks",
     {"task_type": "auto-grouping", "config": {"n_clusters": 2}}),
    ("stopping_an_intelligent_task.rst", "POST", "datasets/{img}/tasks/{g}/stop", {}),
    ("creating_a_labeling_team.rst", "POST", "workforces", {"workforce_name": "team-x"}),
    ("updating_a_labeling_team.rst", "PUT", "workforces/{w}", {"description": "x"}),
    ("creating_a_labeling_team_member.rst", "POST", "workforces/{w}/workers", {"emails": "x@example.com", "role": 0}),
    ("updating_a_labeling_team_member.rst", "PUT", "workforces/{w}/workers/{k}", {"description": "x"}),
    ("deleting_labeling_team_members_in_batches.rst", "POST", "workforces/{w}/workers/batch-delete",
     {"workers": ["{k}"]}),
    ("obslab's user token (users/{name}/token)", "POST", "users/{labeler}/token", {"email": "{labeler}@example.com"}),
]


# Members of the objects inside a body (a sample, a label, a data source, a comment), as the pages' nested tables give
# them: EXTRA among them is refused by its path.
NESTED = [
    ("updating_sample_labels_in_batches.rst, Table 4 (Sample)", "PUT", D + "/data-annotations/samples",
     {"samples": [{"sample_id": "{s}", "labels": [{"name": "cat"}], EXTRA: 1}]}, "samples[0]." + EXTRA),
    ("updating_sample_labels_in_batches.rst, Table 5 (SampleLabel)", "PUT", D + "/data-annotations/samples",
     {"samples": [{"sample_id": "{s}", "labels": [{"name": "cat"}, {"name": "dog", EXTRA: 1}]}]},
     "samples[0].labels[1]." + EXTRA),
    ("adding_samples_in_batches.rst, Table 4 (Sample)", "POST", D + "/data-annotations/samples",
     {"samples": [{"name": "9.jpg", "data": base64.b64encode(b"\xff\xd8 nine").decode(), EXTRA: 1}]}, "samples[0]." + EXTRA),
    ("creating_a_dataset_label.rst, Table 4 (Label)", "POST", D + "/data-annotations/labels",
     {"labels": [{"name": "owl", EXTRA: 1}]}, "labels[0]." + EXTRA),
    ("modifying_labels_in_batches.rst, Table 4 (Label)", "PUT", D + "/data-annotations/labels",
     {"labels": [{"name": "cat", EXTRA: 1}]}, "labels[0]." + EXTRA),
    ("deleting_labels_in_batches.rst, Table 5 (Label)", "POST", D + "/data-annotations/labels/delete",
     {"labels": [{"name": "dog", EXTRA: 1}]}, "labels[0]." + EXTRA),
    ("creating_a_dataset.rst, Table 3 (DataSource)", "POST", "datasets",
     {"dataset_name": "{bucket}-refused", "dataset_type": 0, "work_path": "/{bucket}/output/",
      "data_sources": [{"data_type": 0, "data_path": "/{bucket}/pets/", EXTRA: 1}]}, "data_sources[0]." + EXTRA),
    ("modifying_a_dataset.rst, Table 4 (Label)", "PUT", D, {"add_labels": [{"name": "owl", EXTRA: 1}]},
     "add_labels[0]." + EXTRA),
    ("creating_an_import_task.rst, Label", "POST", D + "/import-tasks",
     {"import_path": "obs://{bucket}/{prefix}", "included_labels": [{"name": "cat", EXTRA: 1}]}, "included_labels[0]." + EXTRA),
    ("creating_a_team_labeling_task.rst, Table 5 (Worker)", "POST", D + "/workforce-tasks",
     {"task_name": "job-x", "workforces_config": {"workforces": [{"workforce_id": "{w}", "workers": [
         {"email": "{labeler}@example.com", EXTRA: 1}]}]}}, "workforces_config.workforces[0].workers[0]." + EXTRA),
    ("reviewing_team_labeling_results.rst, Table 3 (SampleComment)", "POST", T + "/data-annotations/review",
     {"comments": [{"sample_id": "{ts}", "accept": True, EXTRA: 1}]}, "comments[0]." + EXTRA),
]


def filled(value, ids: dict[str, str]):
    """`value` with the ids put into its strings."""
    if isinstance(value, str):
        return value.format(**ids)
    if isinstance(value, list):
        return [filled(item, ids) for item in value]
    if isinstance(value, dict):
        return {name: filled(item, ids) for name, item in value.items()}
    return value


@pytest.mark.parametrize("page, method, path, body", BODIES, ids=[case[0] for case in BODIES])
def test_a_member_no_page_has_is_refused_by_name(api, s3, world, page, method, path, body):
    refused_unchanged(api, s3, world, method, path, body, EXTRA)


@pytest.mark.parametrize("page, method, path, body, field", NESTED, ids=[case[0] for case in NESTED])
def test_a_nested_member_no_page_has_is_refused_by_its_path(api, s3, world, page, method, path, body, field):
    refused_unchanged(api, s3, world, method, path, body, field)


def refused_unchanged(api: ModelArtsAPI, s3, world: dict[str, str], method: str, path: str, body: dict | None,
                      field: str) -> None:
    """Sends `body` (with EXTRA at the top unless `field` is elsewhere) and expects a 400 naming `field`, then, on a
    fresh dataset, that nothing changed."""
    ids = dict(world)
    fresh = path.startswith(D) and not path.startswith(T)
    if fresh:
        ids["prefix"] = prefix = unique_name("fresh") + "/"
        upload(s3, world["bucket"], prefix, FILES)
        ids["d"] = api.create_dataset(unique_name("fresh"), 0, world["bucket"], prefix)
        assert api.sync(ids["d"])["status"] == "COMPLETED"
        ids["s"] = next(sample["sample_id"] for sample in api.samples(ids["d"]) if sample["sample_name"] == "1.jpg")
    if body is None:
        body = {"dataset_name": unique_name("refused"), "dataset_type": 0, "work_path": f"/{world['bucket']}/output/",
                "data_sources": [{"data_type": 0, "data_path": f"/{world['bucket']}/pets/"}]}
    body = filled(body, ids)
    refused(api.request(method, filled(path, ids), json={**body, EXTRA: 1} if field == EXTRA else body), field)
    if fresh:
        assert {s["sample_name"]: [label["name"] for label in s.get("labels") or []] for s in api.samples(ids["d"])} == {
            "1.jpg": ["cat"], "2.jpg": ["dog"], "3.jpg": ["cat", "dog"], "4.jpg": []}, "a refused request changes nothing"


def no_body(response, status: int) -> None:
    assert response.status_code == status and response.content == b"", f"{response.status_code} {response.text}"


def test_the_dataset_writes_answer_the_pages_status_and_fields(api, s3, world):
    """The status and answer of each write on a dataset, page by page (the pages with "Response Parameters: None" or
    204 answer no body)."""
    bucket, prefix = world["bucket"], unique_name("writes") + "/"
    upload(s3, bucket, prefix, FILES)
    # creating_a_dataset.rst: 201, Table 16.
    created = api.ok("POST", "datasets", 201, json={
        "dataset_name": unique_name("writes"), "dataset_type": 0, "work_path": f"/{bucket}/output/", "work_path_type": 0,
        "data_sources": [{"data_type": 0, "data_path": f"/{bucket}/{prefix}"}]})
    check_fields(created, CREATING_A_DATASET, "dataset_id import_task_id")
    path = f"datasets/{created['dataset_id']}"
    # synchronizing_a_dataset.rst: 200, no response parameters.
    assert api.ok("POST", f"{path}/sync-data") == {}
    assert api.sync(created["dataset_id"])["status"] == "COMPLETED"
    by_name = {sample["sample_name"]: sample["sample_id"] for sample in api.samples(created["dataset_id"])}
    # modifying_a_dataset.rst: 200, {"dataset_id": String}.
    check_fields(api.ok("PUT", path, json={"description": "writes"}), {"dataset_id": STR}, "dataset_id")
    # creating_a_dataset_labeling_version.rst: 201, Table 3.
    version = api.ok("POST", f"{path}/versions", 201, json={})
    check_fields(version, {"version_id": STR}, "version_id")
    # creating_an_import_task.rst: 200, Table 11.
    check_fields(api.ok("POST", f"{path}/import-tasks", json={"import_path": f"obs://{bucket}/{prefix}"}), {"task_id": STR}, "task_id")
    # creating_a_dataset_export_task.rst: 200, Table 8 (the new task, as its status page answers it).
    export = api.ok("POST", f"{path}/export-tasks", json={"path": f"/{bucket}/exports/", "export_type": 2,
                                                         "export_params": {"export_dest": "DIR"}})
    check_fields(export, EXPORT_TASK, EXPORT_TASK_REQUIRED)
    # updating_sample_labels_in_batches.rst and adding_samples_in_batches.rst: 200, Table 7 and 11 (results: Table 8, 12).
    for answer in (api.ok("PUT", f"{path}/data-annotations/samples", json={"samples": [{"sample_id": by_name["4.jpg"],
                                                                                         "labels": [{"name": "cat"}]}]}),
                   api.ok("POST", f"{path}/data-annotations/samples",
                          json={"samples": [{"name": "9.jpg", "data": base64.b64encode(b"\xff\xd8 nine").decode()}]})):
        check_fields(answer, BATCH, "success results")
        check_items(answer["results"], BATCH_RESULT, "success")
    # creating_a_dataset_label.rst, modifying_labels_in_batches.rst: 200, Table 7 (`success`).
    check_fields(api.ok("POST", f"{path}/data-annotations/labels", json={"labels": [{"name": "owl"}]}), BATCH, "success")
    check_fields(api.ok("PUT", f"{path}/data-annotations/labels", json={"labels": [
        {"name": "owl", "property": {"@modelarts:color": "#000000"}}]}), BATCH, "success")
    # updating_a_label_by_label_names.rst: 204.
    no_body(api.request("PUT", f"{path}/data-annotations/labels/owl", json={"@modelarts:color": "#ffffff"}), 204)
    # deleting_labels_in_batches.rst and deleting_samples_in_batches.rst: 200, Table 8 and 3.
    for answer in (api.ok("POST", f"{path}/data-annotations/labels/delete", json={"labels": [{"name": "owl"}]}),
                   api.ok("POST", f"{path}/data-annotations/samples/delete", json={"samples": [by_name["2.jpg"]]})):
        check_fields(answer, BATCH, "success results")
        check_items(answer["results"], BATCH_RESULT, "success")
    # deleting_a_label_and_the_files_that_only_contain_the_label.rst, deleting_a_dataset_labeling_version.rst,
    # deleting_a_dataset.rst: 204.
    no_body(api.request("DELETE", f"{path}/data-annotations/labels/dog"), 204)
    no_body(api.request("DELETE", f"{path}/versions/{version['version_id']}"), 204)
    no_body(api.request("DELETE", path), 204)
    refused(api.request("GET", path), created["dataset_id"], 404, "ModelArts.4352")


def test_the_team_writes_answer_the_pages_status_and_fields(api, world):
    """Labeling teams and members (creating_a_labeling_team.rst 201 Table 3, updating_a_labeling_team.rst 200,
    creating_a_labeling_team_member.rst 201, updating_a_labeling_team_member.rst 200,
    deleting_labeling_team_members_in_batches.rst 200 Table 3, deleting_a_labeling_team_member.rst and
    deleting_a_labeling_team.rst 204), then the acceptance of the world's team task
    (submitting_sample_review_comments_of_an_acceptance_task.rst 200, updating_status_of_a_team_labeling_acceptance_task.rst
    200 Table 4, its samples as obtaining_details_about_a_team_labeling_sample.rst gives them)."""
    created = api.ok("POST", "workforces", 201, json={"workforce_name": unique_name("team")})
    check_fields(created, {"workforce_id": STR}, "workforce_id")
    team = f"workforces/{created['workforce_id']}"
    api.ok("PUT", team, json={"description": "contract"})
    for email in ("a@example.com", "b@example.com"):
        api.ok("POST", f"{team}/workers", 201, json={"emails": email, "role": 0})
    first, second = [worker["worker_id"] for worker in api.ok("GET", f"{team}/workers")["workers"]]
    api.ok("PUT", f"{team}/workers/{first}", json={"description": "first"})
    no_body(api.request("DELETE", f"{team}/workers/{first}"), 204)
    answer = api.ok("POST", f"{team}/workers/batch-delete", json={"workers": [second]})
    check_fields(answer, BATCH, "success results")
    no_body(api.request("DELETE", team), 204)

    # starting_a_team_labeling_task.rst: 200 (Response Parameters: None), for a new task of the world's team.
    config = {"workforces": [{"workforce_id": world["w"], "workers": [{"email": f"{world['labeler']}@example.com"}]}]}
    task_id = api.ok("POST", f"datasets/{world['d']}/workforce-tasks",
                     json={"task_name": unique_name("job"), "workforces_config": config})["task_id"]
    assert api.ok("POST", f"datasets/{world['d']}/workforce-tasks/{task_id}", json={"task_id": task_id}) == {}
    # querying_the_team_labeling_task_list_by_a_team_member.rst: 200, Table 3 and 4, with the member's own token.
    mine = api.request("GET", "workforces/worker-tasks", token=world["token"])
    assert mine.status_code == 200, mine.text
    check_fields(mine.json(), {"count": INT, "worker_tasks": LIST}, "count worker_tasks")
    check_items(mine.json()["worker_tasks"], WORKER_TASK, "create_time dataset_id email role task_id task_status worker_id "
                                                          "workforce_task_name")

    base = T.format(**world)
    samples = api.ok("GET", f"{base}/data-annotations/samples", params={"limit": 100})["samples"]
    api.ok("POST", f"{base}/acceptance/batch-comment",
           json={"comments": [{"sample_id": sample["sample_id"], "accept": True, "score": "A"} for sample in samples]})
    passed = api.ok("PUT", f"{base}/acceptance/status", json={"action": 5})
    check_fields(passed, {"sample_count": INT, "samples": LIST}, "sample_count samples")
    check_items(passed["samples"], SAMPLE, SAMPLE_REQUIRED)


@pytest.mark.parametrize("page, path, query, fields, required, items", GETS, ids=[case[0] for case in GETS])
def test_a_get_refuses_a_query_parameter_no_page_has(api, world, page, path, query, fields, required, items):
    params = {name: value.format(**world) for name, value in query.items()}
    refused(api.request("GET", path.format(**world), params={**params, EXTRA: "1"}), EXTRA)
