"""The web console at /console on the ModelArts API port: the labeling job page of ModelArts's "Managing Labeling Data",
walked in headless Chromium over the DevTools protocol on generated images (real PNGs with Pascal VOC boxes), and every
outcome read back through the REST API a script would use. Each page's screenshot lands in Tests/EndToEnd/output/.
"""
from __future__ import annotations

import base64
import datetime
import json
import pathlib
import time
import urllib.parse

import pytest
import requests

from console_browser import Chromium, ConsolePage
from console_data import png, voc, wav
from helpers import empty_and_delete, unique_name
from test_labeling import ModelArtsAPI, api_endpoint_and_token, upload

pytestmark = pytest.mark.obslab_only(reason="the console is obslab's own")

OUTPUT = pathlib.Path(__file__).parent / "output"
TABS = ("all", "unlabeled", "labeled")
CAR = (20, 30, 120, 110)
PERSON = (140, 20, 190, 140)


@pytest.fixture(scope="module")
def api(server) -> ModelArtsAPI:
    return ModelArtsAPI(*api_endpoint_and_token(server))


@pytest.fixture(scope="module")
def console_bucket(server):
    client = server.client()
    name = unique_name("console")
    client.create_bucket(Bucket=name)
    yield name
    empty_and_delete(client, name)


@pytest.fixture(scope="module")
def chromium():
    browser = Chromium()
    yield browser
    browser.close()


@pytest.fixture
def browser(api, chromium):
    """Opens the console at `#fragment` with the API token in a new tab; closes the test's tabs at its end."""
    opened = []

    def open_(fragment: str = "", state: str = "ready", token: str | None = None) -> ConsolePage:
        address = f"{api.endpoint}/console#token={urllib.parse.quote(token or api.token)}" + (f"&{fragment}" if fragment else "")
        opened.append(ConsolePage(chromium, address, OUTPUT, state=state))
        return opened[-1]

    yield open_
    for page in opened:
        page.close()


def street_files(count: int, labeled: int) -> dict[str, bytes]:
    """`count` images of 200 x 150; the first `labeled` with a VOC file: a car, and a person on the even ones."""
    files = {}
    for index in range(count):
        files[f"street{index}.png"] = png(200, 150, (200, 120 + index * 10, 80), CAR)
        if index < labeled:
            objects = [("car", CAR)] + ([("person", PERSON)] if index % 2 == 0 else [])
            files[f"street{index}.xml"] = voc(f"street{index}.png", 200, 150, objects)
    return files


def object_detection_dataset(api, s3, bucket: str, name: str, count: int = 4, labeled: int = 3) -> tuple[str, str]:
    prefix = unique_name(name) + "/"
    upload(s3, bucket, prefix, street_files(count, labeled))
    dataset_id = api.create_dataset(unique_name(name), 1, bucket, prefix)
    assert api.sync(dataset_id)["status"] == "COMPLETED"
    return dataset_id, prefix


@pytest.fixture(scope="module")
def street(api, server, console_bucket):
    """Object detection: 6 images, 4 with boxes (sync), one in a sub-folder, and one added by bob as a hard example with a
    box and a polygon."""
    s3 = server.client()
    prefix = unique_name("street") + "/"
    files = street_files(6, 4)
    files["sub/street5.png"] = files.pop("street5.png")
    upload(s3, console_bucket, prefix, files)
    dataset_id = api.create_dataset(unique_name("street"), 1, console_bucket, prefix)
    assert api.sync(dataset_id)["status"] == "COMPLETED"
    hard = {"name": "street6.png", "data": base64.b64encode(png(200, 150, (90, 90, 200))).decode(),
            "labels": [{"name": "car", "property": {"@modelarts:shape": "bndbox", "@modelarts:feature": [[10, 10], [60, 60]]}},
                       {"name": "person", "property": {"@modelarts:shape": "polygon", "@modelarts:feature": [[100, 20], [150, 20], [125, 70]]}}],
            "metadata": {"@modelarts:hard": 1}}
    added = api.ok("POST", f"datasets/{dataset_id}/data-annotations/samples", json={"samples": [hard]},
                   headers={"X-Obslab-User": "bob"})
    assert added["success"], added
    return dataset_id, prefix


def tab_counts(page: ConsolePage) -> dict[str, int]:
    texts = page.evaluate("Object.fromEntries([...document.querySelectorAll('nav.tabs a')].map((a) => [a.dataset.tab, a.textContent]))")
    return {tab: int(text.rsplit("(", 1)[1].rstrip(")")) for tab, text in texts.items()}


def counts_of(samples: list[dict]) -> dict[str, int]:
    labeled = sum(1 for sample in samples if sample["sample_status"] == "__ALL__")
    return {"all": len(samples), "unlabeled": len(samples) - labeled, "labeled": labeled}


def names(sample: dict) -> set[str]:
    return {label["name"] for label in sample["labels"]}


def test_console_files_are_served_without_the_token_and_the_api_still_needs_it(api):
    page = requests.get(f"{api.endpoint}/console", timeout=30)
    assert page.status_code == 200 and page.headers["Content-Type"].startswith("text/html")
    assert '<script src="/console/app.js"></script>' in page.text
    for script in ("api.js", "job.js", "sample.js", "app.js"):
        answer = requests.get(f"{api.endpoint}/console/{script}", timeout=30)
        assert answer.status_code == 200 and answer.headers["Content-Type"].startswith("text/javascript"), script
    assert requests.get(f"{api.endpoint}/v2/x/datasets", timeout=30).status_code == 401


def test_a_refused_token_brings_back_the_token_form_with_the_401(api, browser):
    page = browser(state="token", token=f"not-{api.token}")
    problem = page.text("#token-problem")
    assert "401" in problem and "ModelArts.0101" in problem
    assert page.evaluate("document.getElementById('token').value") == ""


def test_job_page_shows_tabs_thumbnails_with_their_boxes_and_labels(api, street, browser):
    dataset_id, prefix = street
    samples = api.samples(dataset_id)
    page = browser()
    page.wait_for("!!document.querySelector('#datasets')")
    page.screenshot("datasets")
    page.go(f"dataset={dataset_id}")
    assert tab_counts(page) == counts_of(samples) == {"all": 7, "unlabeled": 2, "labeled": 5}
    assert any(label["property"]["@modelarts:shape"] == "polygon" for sample in samples for label in sample["labels"])
    colors = {label["name"]: label["property"]["@modelarts:color"]
              for label in api.ok("GET", f"datasets/{dataset_id}/data-annotations/labels")["labels"]}
    page.wait_for("document.querySelectorAll('.card .thumb img').length === 7")
    cards = page.evaluate("""[...document.querySelectorAll('.card')].map((card) => ({
        id: card.dataset.sampleId,
        chips: [...card.querySelectorAll('.labels .label')].map((chip) => [chip.dataset.label, chip.dataset.color]),
        view: card.querySelector('svg').getAttribute('viewBox'),
        shapes: [...card.querySelectorAll('svg rect.shape')].map((rect) => [rect.dataset.label, rect.getAttribute('stroke'),
            ...['x', 'y', 'width', 'height'].map((name) => Number(rect.getAttribute(name)))]),
        polygons: [...card.querySelectorAll('svg polygon.shape')].map((shape) => [shape.dataset.label, shape.getAttribute('stroke'),
            shape.getAttribute('points')]),
    }))""")
    assert {card["id"] for card in cards} == {sample["sample_id"] for sample in samples}
    for card in cards:
        sample = next(sample for sample in samples if sample["sample_id"] == card["id"])
        assert card["view"] == "0 0 200 150"  # the image's own pixels, once it is decoded
        assert sorted(card["chips"]) == sorted([label["name"], colors[label["name"]]] for label in sample["labels"])
        boxes, polygons = [], []
        for label in sample["labels"]:
            feature = label["property"]["@modelarts:feature"]
            if label["property"]["@modelarts:shape"] == "polygon":
                polygons.append([label["name"], colors[label["name"]], " ".join(f"{x:g},{y:g}" for x, y in feature)])
            else:
                (xmin, ymin), (xmax, ymax) = feature
                boxes.append([label["name"], colors[label["name"]], xmin, ymin, xmax - xmin, ymax - ymin])
        assert sorted(card["shapes"]) == sorted(boxes)
        assert card["polygons"] == polygons
    unlabeled = page.evaluate("[...document.querySelectorAll('.card[data-status=__NONE__] .reason')].map((r) => r.dataset.reason)")
    assert unlabeled == ["no_sidecar", "no_sidecar"]
    page.screenshot("job-page")

    page.go(f"dataset={dataset_id}&tab=labeled&size=large")
    assert page.evaluate("document.querySelectorAll('.card').length") == 5
    assert page.evaluate("document.getElementById('grid').classList.contains('large')")
    assert page.evaluate("document.querySelector('nav.tabs a[aria-current=page]').dataset.tab") == "labeled"


def test_text_samples_show_their_text_and_audio_samples_a_player_with_their_labels(api, server, console_bucket, browser):
    s3 = server.client()
    prefix = unique_name("texts") + "/"
    upload(s3, console_bucket, prefix, {"reviews.txt": b"a fine film\nso dull\n", "reviews_result.txt": b"positive\nnegative\n"})
    texts = api.create_dataset(unique_name("texts"), 100, console_bucket, prefix)
    api.sync(texts)
    page = browser(f"dataset={texts}")
    shown = page.evaluate("[...document.querySelectorAll('.card')].map((card) => [card.querySelector('.text').innerText, "
                          "[...card.querySelectorAll('.label')].map((chip) => chip.dataset.label)])")
    assert sorted(shown) == sorted([sample["sample_data"][0], sorted(names(sample))] for sample in api.samples(texts))
    assert sorted(shown) == [["a fine film", ["positive"]], ["so dull", ["negative"]]]

    prefix = unique_name("sounds") + "/"
    upload(s3, console_bucket, prefix, {"dog/bark.wav": wav(), "quiet.wav": wav()})  # labels of sounds: their folder
    sounds = api.create_dataset(unique_name("sounds"), 200, console_bucket, prefix)
    api.sync(sounds)
    page.go(f"dataset={sounds}")
    players = page.wait_for("document.querySelectorAll('.card audio').length === 2 && "
                            "[...document.querySelectorAll('.card')].map((card) => [card.querySelector('audio').src.slice(0, 5), "
                            "[...card.querySelectorAll('.label')].map((chip) => chip.dataset.label)])")
    assert sorted(players) == [["blob:", []], ["blob:", ["dog"]]]


FILTERS = {
    "labels any of car": ({"labels": ["car"], "op": "OR"}, lambda sample, prefix: "car" in names(sample)),
    "labels all of car and person": ({"labels": ["car", "person"], "op": "AND"},
                                     lambda sample, prefix: {"car", "person"} <= names(sample)),
    "labels none of person": ({"labels": ["person"], "op": "NONE"}, lambda sample, prefix: "person" not in names(sample)),
    "file name": ({"name": "street1"}, lambda sample, prefix: "street1" in sample["source"]),
    "path": ({"dir": "sub/"}, lambda sample, prefix: f"/{prefix}sub/" in sample["source"]),
    "labeled by": ({"labeler": "bob"}, lambda sample, prefix: any(label.get("annotated_by") == "bob" for label in sample["labels"])),
    "hard example": ({"hard": "1"}, lambda sample, prefix: sample["metadata"].get("@modelarts:hard") == 1),
    "non-hard example": ({"hard": "0"}, lambda sample, prefix: sample["metadata"].get("@modelarts:hard") != 1),
}


@pytest.mark.parametrize("criterion", FILTERS)
def test_each_filter_criterion_sets_the_counts_of_the_three_tabs(api, console_bucket, street, browser, criterion):
    dataset_id, prefix = street
    form, expected = FILTERS[criterion]
    wanted = counts_of([sample for sample in api.samples(dataset_id) if expected(sample, prefix)])
    assert 0 < wanted["all"] < 7, wanted  # the criterion keeps some samples and drops others
    page = browser(f"dataset={dataset_id}")
    directory = f"obs://{console_bucket}/{prefix}{form['dir']}" if "dir" in form else ""
    page.evaluate(f"""(() => {{
        const labels = {json.dumps(form.get('labels', []))};
        for (const box of document.querySelectorAll('input[name=filter-label]')) box.checked = labels.includes(box.value);
        document.getElementById('filter-op').value = {json.dumps(form.get('op', 'OR'))};
        document.getElementById('filter-name').value = {json.dumps(form.get('name', ''))};
        document.getElementById('filter-dir').value = {json.dumps(directory)};
        document.getElementById('filter-labeler').value = {json.dumps(form.get('labeler', ''))};
        document.getElementById('filter-hard').value = {json.dumps(form.get('hard', ''))};
    }})()""")
    page.redraws("document.getElementById('apply-filter').click()")
    assert tab_counts(page) == wanted
    assert page.evaluate("document.querySelectorAll('.card').length") == wanted["all"]
    if criterion == "labels all of car and person":
        page.screenshot("filtered")


@pytest.fixture(scope="module")
def grouped(api, server, console_bucket):
    """Image classification: two dark and two red images grouped by auto grouping into the sample attribute `look`, and
    one of them named by an inference manifest ("Data Attribute: Inference")."""
    s3 = server.client()
    prefix = unique_name("grouped") + "/"
    colors = {"dark0.png": (10, 10, 12), "dark1.png": (14, 12, 10), "red0.png": (230, 20, 20), "red1.png": (220, 30, 25)}
    upload(s3, console_bucket, prefix, {name: png(64, 48, color) for name, color in colors.items()})
    dataset_id = api.create_dataset(unique_name("grouped"), 0, console_bucket, prefix)
    assert api.sync(dataset_id)["status"] == "COMPLETED"
    task = api.ok("POST", f"datasets/{dataset_id}/tasks",
                  json={"task_type": "auto-grouping", "config": {"n_clusters": "2", "property": "look", "result_type": 1}})
    deadline = time.monotonic() + 120
    while (status := api.ok("GET", f"datasets/{dataset_id}/tasks/{task['task_id']}")["status"]) in (1, 4):
        assert time.monotonic() < deadline, "auto grouping still running"
        time.sleep(0.1)
    assert status == 3
    manifest = json.dumps({"source": f"s3://{console_bucket}/{prefix}red0.png", "inference-loc": f"/{console_bucket}/inference/red0.json"})
    s3.put_object(Bucket=console_bucket, Key=f"{prefix}manifests/inference.manifest", Body=manifest.encode())
    imported = api.ok("POST", f"datasets/{dataset_id}/import-tasks",
                      json={"import_path": f"obs://{console_bucket}/{prefix}manifests/inference.manifest"})
    assert api.ok("GET", f"datasets/{dataset_id}/import-tasks/{imported['task_id']}")["status"] == "COMPLETED"
    return dataset_id


def yyyymmdd(day: datetime.date) -> str:
    return day.strftime("%Y%m%d")


def created_on(sample: dict) -> datetime.date:
    return datetime.datetime.fromtimestamp(sample["sample_time"] / 1000, datetime.timezone.utc).date()


TODAY = datetime.datetime.now(datetime.timezone.utc).date()
LAST_WEEK = (TODAY - datetime.timedelta(days=9), TODAY - datetime.timedelta(days=3))
# The form's values for each criterion, and which samples it keeps. A sample attribute's value is a group number that
# auto grouping chose: the criterion names the dark images' group, whatever its number.
ATTRIBUTE_AND_TIME_FILTERS = {
    "sample attribute": ({"attr": "dark"}, lambda sample: sample["source"].rsplit("/", 1)[1].startswith("dark")),
    "data attribute inference": ({"origin": "inference"}, lambda sample: sample["metadata"].get("@modelarts:import_origin") == 1),
    "created within one day": ({"time": "day"}, lambda sample: created_on(sample) == TODAY),
    "created within one month": ({"time": "month"}, lambda sample: (TODAY - created_on(sample)).days < 31),
    "created in a custom range today": ({"time": "custom", "from": TODAY, "to": TODAY}, lambda sample: created_on(sample) == TODAY),
    "created in a custom range last week": ({"time": "custom", "from": LAST_WEEK[0], "to": LAST_WEEK[1]},
                                            lambda sample: LAST_WEEK[0] <= created_on(sample) <= LAST_WEEK[1]),
}


@pytest.mark.parametrize("criterion", ATTRIBUTE_AND_TIME_FILTERS)
def test_sample_attribute_data_attribute_and_creation_time_filters_set_the_counts(api, grouped, browser, criterion):
    form, expected = ATTRIBUTE_AND_TIME_FILTERS[criterion]
    samples = api.samples(grouped)
    wanted = counts_of([sample for sample in samples if expected(sample)])
    attribute = ""
    if form.get("attr") == "dark":
        groups = {sample["metadata"]["look"] for sample in samples if expected(sample)}
        assert len(groups) == 1 and 0 < wanted["all"] < len(samples), (groups, wanted)
        attribute = f"look={groups.pop()}"
    page = browser(f"dataset={grouped}")
    offered = page.evaluate("[...document.querySelectorAll('#filter-attr option')].map((option) => option.value)")
    assert sorted(offered) == sorted(["", *{f"look={sample['metadata']['look']}" for sample in samples}])
    dates = {key: form[key].isoformat() if key in form else "" for key in ("from", "to")}
    page.evaluate(f"""(() => {{
        document.getElementById('filter-attr').value = {json.dumps(attribute)};
        document.getElementById('filter-origin').value = {json.dumps(form.get('origin', ''))};
        document.getElementById('filter-time').value = {json.dumps(form.get('time', ''))};
        document.getElementById('filter-time-from').value = {json.dumps(dates['from'])};
        document.getElementById('filter-time-to').value = {json.dumps(dates['to'])};
    }})()""")
    page.redraws("document.getElementById('apply-filter').click()")
    assert tab_counts(page) == wanted
    assert page.evaluate("document.querySelectorAll('.card').length") == wanted["all"]
    # The filter is in the address: the form shows it again after the page is drawn anew.
    shown = page.evaluate("['filter-attr', 'filter-origin', 'filter-time', 'filter-time-from', 'filter-time-to']"
                          ".map((id) => document.getElementById(id).value)")
    assert shown == [attribute, form.get("origin", ""), form.get("time", ""), dates["from"], dates["to"]]
    if criterion == "created in a custom range last week":
        assert wanted["all"] == 0
        page.screenshot("filtered-by-creation-time")


def test_sample_page_moves_resizes_and_draws_a_box_then_back_asks_to_save(api, server, console_bucket, browser):
    dataset_id, prefix = object_detection_dataset(api, server.client(), console_bucket, "edit")
    sample = next(sample for sample in api.samples(dataset_id) if sample["source"].endswith("/street0.png"))
    page = browser(f"dataset={dataset_id}&sample={sample['sample_id']}&at=0")
    page.wait_for("document.getElementById('sample-image')?.complete && "
                  "document.getElementById('stage-svg').getAttribute('viewBox') === '0 0 200 150'")
    left, top, width, _ = page.rect("#stage-svg")
    zoom = width / 200  # "Fit": the image as wide as the stage, up to 4 times its size
    assert zoom > 1
    at = lambda x, y: (left + x * zoom, top + y * zoom)  # a point of the image on the screen

    page.drag(at(50, 50), at(65, 60))  # the car's box (20,30)-(120,110), moved by (15, 10)
    page.drag(at(135, 120), at(150, 130))  # its lower right corner, (135,120) once moved, to (150, 130)
    page.click("#mode-draw")
    page.evaluate("(() => { const s = document.getElementById('current-label'); s.value = 'person'; s.dispatchEvent(new Event('change')); })()")
    page.drag(at(150, 5), at(190, 40))  # a new person box
    page.evaluate("document.querySelector('#file-labels tr[data-index=\"1\"] button.delete').click()")  # the old person box
    assert not page.evaluate("document.getElementById('save').disabled")
    page.screenshot("sample-page")

    page.click("#back")
    assert "Save the modification?" in page.wait_for("document.getElementById('confirm').open && document.getElementById('confirm').innerText")
    page.redraws("document.getElementById('save-changes-yes').click()")
    assert page.evaluate("!!document.getElementById('samples')")  # back on the job page

    saved = api.ok("GET", f"datasets/{dataset_id}/data-annotations/samples/{sample['sample_id']}")
    boxes = sorted((label["name"], label["property"]["@modelarts:shape"], label["property"]["@modelarts:feature"]) for label in saved["labels"])
    assert boxes == [("car", "bndbox", [[35, 40], [150, 130]]), ("person", "bndbox", [[150, 5], [190, 40]])]


def test_sample_page_keys_change_sample_and_back_without_saving_keeps_the_labels(api, server, console_bucket, browser):
    prefix = unique_name("pets") + "/"
    upload(server.client(), console_bucket, prefix, {"a.png": png(40, 30, (200, 0, 0)), "a.txt": b"cat\n",
                                                     "b.png": png(40, 30, (0, 200, 0)), "b.txt": b"dog\n"})
    dataset_id = api.create_dataset(unique_name("pets"), 0, console_bucket, prefix)
    api.sync(dataset_id)
    first = api.ok("GET", f"datasets/{dataset_id}/data-annotations/samples?limit=2")["samples"]
    page = browser(f"dataset={dataset_id}&sample={first[0]['sample_id']}&at=0")
    label_set = [label["name"] for label in api.ok("GET", f"datasets/{dataset_id}/data-annotations/labels")["labels"]]
    carried = names(first[0])
    page.press("2")  # toggles the second label of the label set
    toggled = carried ^ {label_set[1]}
    assert set(page.evaluate("[...document.querySelectorAll('input[name=class-label]:checked')].map((box) => box.value)")) == toggled
    page.evaluate("document.getElementById('main').dataset.state = 'stale'")
    page.press("ArrowRight")
    page.wait_for("document.getElementById('confirm').open")
    page.redraws("document.getElementById('save-changes-no').click()")
    assert page.evaluate("document.getElementById('sample-page').dataset.sampleId") == first[1]["sample_id"]
    assert names(api.ok("GET", f"datasets/{dataset_id}/data-annotations/samples/{first[0]['sample_id']}")) == carried


def test_a_users_own_token_labels_as_that_user_and_the_owners_may_name_another(api, server, console_bucket, browser):
    prefix = unique_name("mine") + "/"
    upload(server.client(), console_bucket, prefix, {"a.png": png(40, 30, (200, 0, 0)), "a.txt": b"cat\n",
                                                     "b.png": png(40, 30, (0, 200, 0)), "b.txt": b"dog\n"})
    dataset_id = api.create_dataset(unique_name("mine"), 0, console_bucket, prefix)
    api.sync(dataset_id)
    alice = api.ok("POST", f"users/{unique_name('alice')}/token", 201, json={})
    sample = api.ok("GET", f"datasets/{dataset_id}/data-annotations/samples?limit=1")["samples"][0]

    page = browser(f"dataset={dataset_id}&sample={sample['sample_id']}&at=0", token=alice["token"])
    shown = page.evaluate("(() => { const user = document.getElementById('user'); "
                          "return [user.value, user.disabled, user.dataset.caller]; })()")
    assert shown == [alice["user_name"], True, "user"]
    page.press("2")
    page.evaluate("document.getElementById('save').click()")
    page.wait_for("document.getElementById('editor-status').textContent === 'Saved'")
    saved = api.ok("GET", f"datasets/{dataset_id}/data-annotations/samples/{sample['sample_id']}")
    assert {label["annotated_by"] for label in saved["labels"]} == {alice["user_name"]}, saved["labels"]

    # The owner's token: the field is open, and a name typed there is the author of the next change.
    owner = browser(f"dataset={dataset_id}&sample={sample['sample_id']}&at=0")
    assert owner.evaluate("[document.getElementById('user').disabled, document.getElementById('user').dataset.caller]") == [False, "owner"]
    owner.evaluate("(() => { const user = document.getElementById('user'); user.value = 'carol'; "
                   "user.dispatchEvent(new Event('change')); })()")
    owner.press("1")
    owner.evaluate("document.getElementById('save').click()")
    owner.wait_for("document.getElementById('editor-status').textContent === 'Saved'")
    saved = api.ok("GET", f"datasets/{dataset_id}/data-annotations/samples/{sample['sample_id']}")
    assert "carol" in {label["annotated_by"] for label in saved["labels"]}, saved["labels"]
    owner.evaluate("sessionStorage.removeItem('obslab.user')")


def test_sample_page_marks_and_clears_a_hard_example(api, server, console_bucket, browser):
    prefix = unique_name("hard") + "/"
    upload(server.client(), console_bucket, prefix, {"a.png": png(40, 30, (200, 0, 0)), "a.txt": b"cat\n"})
    dataset_id = api.create_dataset(unique_name("hard"), 0, console_bucket, prefix)
    api.sync(dataset_id)
    sample_id = api.ok("GET", f"datasets/{dataset_id}/data-annotations/samples?limit=1")["samples"][0]["sample_id"]
    hard = lambda: api.ok("GET", f"datasets/{dataset_id}/data-annotations/samples/{sample_id}").get("metadata", {}).get("@modelarts:hard")
    assert hard() in (None, 0)
    for checked, expected in ((True, 1), (False, 0)):
        page = browser(f"dataset={dataset_id}&sample={sample_id}&at=0")
        assert page.evaluate("document.getElementById('hard-toggle').checked") is (not checked)
        page.click("#hard-toggle")
        assert not page.evaluate("document.getElementById('save').disabled")
        page.evaluate("document.getElementById('save').click()")
        page.wait_for("document.getElementById('editor-status').textContent === 'Saved'")
        assert hard() == expected
        assert names(api.ok("GET", f"datasets/{dataset_id}/data-annotations/samples/{sample_id}")) == {"cat"}


def test_rename_a_label_on_two_selected_samples_only(api, server, console_bucket, browser):
    dataset_id, _ = object_detection_dataset(api, server.client(), console_bucket, "rename", count=3, labeled=3)
    samples = sorted(api.samples(dataset_id), key=lambda sample: sample["source"])
    chosen = [sample["sample_id"] for sample in samples[:2]]
    page = browser(f"dataset={dataset_id}")
    page.evaluate("(() => { const user = document.getElementById('user'); user.value = 'carol'; user.dispatchEvent(new Event('change')); })()")
    for sample_id in chosen:
        page.click(f".card[data-sample-id='{sample_id}'] input[type=checkbox]")
    assert page.text("#selected-labels tr[data-label=car] td.number") == "2"
    page.click("#selected-labels tr[data-label=car] button.edit")
    page.evaluate("document.querySelector('#selected-labels input.rename').value = 'truck'")
    page.screenshot("selected-labels")
    page.redraws("document.querySelector('#selected-labels button.confirm').click()")
    after = {sample["sample_id"]: sample for sample in api.samples(dataset_id)}
    for sample in samples:
        renamed = sample["sample_id"] in chosen
        assert ("truck" in names(after[sample["sample_id"]])) == renamed
        # The author is the console's user (X-Obslab-User) on the changed samples only.
        assert {label["annotated_by"] for label in after[sample["sample_id"]]["labels"]} == ({"carol"} if renamed else {"sync"})
        assert ("car" in names(after[sample["sample_id"]])) != renamed
        # The boxes stay where they were, and the other labels with them.
        assert sorted(label["property"]["@modelarts:feature"] for label in after[sample["sample_id"]]["labels"]) == \
            sorted(label["property"]["@modelarts:feature"] for label in sample["labels"])


def test_select_images_on_current_page_and_delete_a_label_of_the_selection(api, server, console_bucket, browser):
    dataset_id, _ = object_detection_dataset(api, server.client(), console_bucket, "unlabel", count=3, labeled=3)
    page = browser(f"dataset={dataset_id}")
    page.click("#select-page")
    assert page.evaluate("document.querySelectorAll('.card.selected').length") == 3
    assert page.text("#selected-labels tr[data-label=person] td.number") == "2"
    page.redraws("document.querySelector('#selected-labels tr[data-label=person] button.delete').click()")
    assert all("person" not in names(sample) and "car" in names(sample) for sample in api.samples(dataset_id))


def test_all_labels_delete_with_policy_1_deletes_the_samples_with_only_that_label(api, server, console_bucket, browser):
    dataset_id, _ = object_detection_dataset(api, server.client(), console_bucket, "policy", count=3, labeled=3)
    before = api.samples(dataset_id)
    only_car = {sample["sample_id"] for sample in before if names(sample) == {"car"}}
    assert len(only_car) == 1
    page = browser(f"dataset={dataset_id}")
    page.click("#all-labels tr[data-label=car] button.delete")
    choices = page.evaluate("[...document.querySelectorAll('#confirm label.choice')].map((label) => label.innerText.trim())")
    assert choices == ["Delete the label", "Delete the label and objects with only the label"]
    page.click("#confirm input[name=delete-policy][value='1']")
    impact = page.wait_for("document.getElementById('label-impact').dataset.policy === '1' && document.getElementById('label-impact').innerText")
    assert "1 sample(s) have only this label and are deleted." in impact
    page.redraws("document.getElementById('delete-label-ok').click()")
    after = api.samples(dataset_id)
    assert {sample["sample_id"] for sample in after} == {sample["sample_id"] for sample in before} - only_car
    assert all(names(sample) == {"person"} for sample in after)
    assert [label["name"] for label in api.ok("GET", f"datasets/{dataset_id}/data-annotations/labels")["labels"]] == ["person"]


def test_label_management_modifies_and_shows_the_impact_of_policy_2_before_deleting(api, server, console_bucket, browser):
    s3 = server.client()
    dataset_id, prefix = object_detection_dataset(api, s3, console_bucket, "manage", count=3, labeled=3)
    other = api.create_dataset(unique_name("manage-other"), 1, console_bucket, prefix)
    api.sync(other)
    page = browser(f"dataset={dataset_id}&view=labels")
    rows = page.evaluate("[...document.querySelectorAll('#label-management-page tr[data-label]')].map((row) => row.dataset.label)")
    assert rows == ["car", "person"]
    page.click("tr[data-label=person] button.modify")
    page.evaluate("document.getElementById('label-new-name').value = 'pedestrian'; document.getElementById('label-color').value = '#123456'")
    page.redraws("document.getElementById('modify-label-ok').click()")
    labels = {label["name"]: label for label in api.ok("GET", f"datasets/{dataset_id}/data-annotations/labels")["labels"]}
    assert set(labels) == {"car", "pedestrian"} and labels["pedestrian"]["property"]["@modelarts:color"] == "#123456"

    page.click("tr[data-label=car] button.delete")
    assert page.evaluate("document.querySelectorAll('#confirm label.choice').length") == 3
    page.click("#confirm input[name=delete-policy][value='2']")
    impact = page.wait_for("document.getElementById('label-impact').dataset.policy === '2' && document.getElementById('label-impact').innerText")
    only_car = [sample for sample in api.samples(dataset_id) if names(sample) == {"car"}]
    assert f"{len(only_car)} sample(s) have only this label" in impact
    for sample in only_car:
        assert sample["source"] in impact
    assert f"dataset {api.ok('GET', f'datasets/{other}')['dataset_name']}: {len(only_car)} sample(s)" in impact
    page.screenshot("label-management")
    page.click("#delete-label-cancel")
    assert len(api.samples(dataset_id)) == 3  # nothing deleted


def test_add_data_uploads_two_images_with_a_label_file_and_lists_them_in_the_history(api, server, console_bucket, browser, tmp_path):
    dataset_id, prefix = object_detection_dataset(api, server.client(), console_bucket, "add", count=1, labeled=1)
    (tmp_path / "new1.png").write_bytes(png(200, 150, (10, 200, 10)))
    (tmp_path / "new1.xml").write_bytes(voc("new1.png", 200, 150, [("bicycle", (5, 6, 70, 80))]))
    (tmp_path / "new2.png").write_bytes(png(200, 150, (10, 10, 200)))
    page = browser(f"dataset={dataset_id}")
    page.click("#add-data")
    page.wait_for("document.getElementById('confirm').open")
    page.set_files("#add-files", [tmp_path / "new1.png", tmp_path / "new1.xml", tmp_path / "new2.png"])
    page.redraws("document.getElementById('add-data-ok').click()")
    assert "Added 2 of 2 file(s)." in page.text("#add-outcome")
    assert tab_counts(page) == {"all": 3, "unlabeled": 1, "labeled": 2}
    keys = page.evaluate("[...document.querySelectorAll('.card .name code')].map((code) => code.textContent)")
    assert f"{prefix}new1.png" in keys and f"{prefix}new2.png" in keys
    added = {sample["source"].rsplit("/", 1)[1]: sample for sample in api.samples(dataset_id)}
    assert [(label["name"], label["property"]["@modelarts:feature"]) for label in added["new1.png"]["labels"]] == [("bicycle", [[5, 6], [70, 80]])]
    assert added["new2.png"]["labels"] == []
    assert server.client().get_object(Bucket=console_bucket, Key=f"{prefix}new2.png")["Body"].read() == (tmp_path / "new2.png").read_bytes()

    page.go(f"dataset={dataset_id}&view=history")
    # The add, then the import of the input path that creating the dataset ran (its one image).
    tasks = api.ok("GET", f"datasets/{dataset_id}/import-tasks")["import_tasks"]
    assert [task["import_kind"] for task in tasks] == ["add", "folder"]
    for task, imported in zip(tasks, ("2", "1")):
        row = f"#import-history tr[data-task-id='{task['task_id']}']"
        assert page.text(f"{row} td.status") == task["status"] and page.text(f"{row} td.imported") == imported
    page.screenshot("history")


def test_delete_with_source_files_shows_the_impact_first(api, server, console_bucket, browser):
    s3 = server.client()
    prefix = unique_name("shared") + "/"
    upload(s3, console_bucket, prefix, {"1.png": png(20, 20, (1, 2, 3)), "1.txt": b"cat\n", "2.png": png(20, 20, (3, 2, 1))})
    owner = api.create_dataset(unique_name("console-owner"), 0, console_bucket, prefix)
    other = api.create_dataset(unique_name("console-other"), 0, console_bucket, prefix)
    api.sync(owner)
    api.sync(other)
    api.ok("POST", f"datasets/{other}/versions", 201, json={})
    other_name = api.ok("GET", f"datasets/{other}")["dataset_name"]
    victim = next(sample for sample in api.samples(owner) if sample["source"].endswith("/1.png"))

    page = browser(f"dataset={owner}")
    assert page.evaluate("document.getElementById('delete').disabled") is True
    page.click(f".card[data-sample-id='{victim['sample_id']}'] input[type=checkbox]")
    assert page.evaluate("document.getElementById('delete').disabled") is False
    page.click("#delete")
    page.wait_for("document.getElementById('confirm').open && document.getElementById('impact').dataset.deleteSource === 'false'")
    assert "Delete the source files from OBS" in page.text("#confirm")
    assert "Deleted data cannot be recovered." in page.text("#delete-warning")
    page.click("#delete-source")
    impact = page.wait_for("document.getElementById('impact').dataset.deleteSource === 'true' && document.getElementById('impact').innerText")
    assert f"obs://{console_bucket}/{prefix}1.png" in impact
    assert f"dataset {other_name}: 1 sample(s)" in impact
    assert f"version {other_name}/V001: 1 of 2 sample(s)" in impact
    page.screenshot("delete")
    assert s3.head_object(Bucket=console_bucket, Key=f"{prefix}1.png")["ContentLength"] > 0  # nothing deleted yet

    page.redraws("document.getElementById('delete-ok').click()")
    outcome = page.text("#deletion-outcome")
    assert "Deleted 1 of 1 sample(s)." in outcome and f"obs://{console_bucket}/{prefix}1.png" in outcome
    assert page.evaluate(f"!!document.querySelector(\".card[data-sample-id='{victim['sample_id']}']\")") is False
    with pytest.raises(s3.exceptions.ClientError) as missing:
        s3.head_object(Bucket=console_bucket, Key=f"{prefix}1.png")
    assert missing.value.response["Error"]["Code"] == "404"


def test_publish_then_synchronize_and_the_encryption_banner_names_the_cause_and_the_fix(api, s3, bucket, browser):
    upload(s3, bucket, "enc/", {"1.png": png(20, 20, (9, 9, 9)), "1.txt": b"cat\n"})
    dataset_id = api.create_dataset(unique_name("console-enc"), 0, bucket, "enc/")
    assert api.sync(dataset_id)["status"] == "COMPLETED"
    page = browser(f"dataset={dataset_id}&tab=unlabeled")
    assert tab_counts(page)["all"] == 1 and not page.evaluate("!!document.getElementById('diagnosis')")
    page.redraws("document.getElementById('publish').click()")
    assert page.text("main > .notice").startswith("Published version")
    versions = api.ok("GET", f"datasets/{dataset_id}/versions")["versions"]
    assert page.evaluate("[...document.querySelectorAll('#versions tr[data-version-id]')].map((row) => row.dataset.versionId)") == \
        [version["version_id"] for version in versions] and len(versions) == 1

    s3.put_bucket_encryption(Bucket=bucket, ServerSideEncryptionConfiguration={
        "Rules": [{"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "aws:kms"}}]})
    upload(s3, bucket, "enc/", {"2.png": png(20, 20, (9, 9, 9)), "2.txt": b"dog\n"})
    page.redraws("document.getElementById('sync').click()")
    assert page.text("main > .notice").startswith("Synchronized: 1 added, 0 removed, 2 in all")
    assert tab_counts(page) == {"all": 2, "unlabeled": 1, "labeled": 1}
    cause = page.text("#encryption-cause")
    assert "Automatic encryption is enabled in the OBS bucket" in cause and "aws:kms" in cause
    assert "modelarts-service" in page.text("#diagnosis [data-cause=encrypted_kms]")
    commands = page.evaluate("[...document.querySelectorAll('#diagnosis pre')].map((pre) => pre.innerText)")
    assert commands and all(command.startswith("obslab ") for command in commands), commands
    unreadable = page.wait_for("document.querySelector('.card[data-status=__NONE__] .unreadable')?.innerText")
    assert unreadable.startswith("403")
    page.screenshot("diagnosis")
