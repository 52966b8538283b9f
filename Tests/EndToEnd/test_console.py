"""The web console at /console on the ModelArts API port, in headless Chromium: labeled images uploaded with boto3, a
dataset made and synced over plain HTTP, then the page's DOM once its script has called the API: the dataset and its
counts, a sample's labels with their colors and thumbnail, the reason of an unlabeled sample, a refused token.
"""
from __future__ import annotations

import html.parser
import shutil
import subprocess

import pytest
import requests

from helpers import empty_and_delete, unique_name
from test_labeling import ModelArtsAPI, api_endpoint_and_token, upload

pytestmark = pytest.mark.obslab_only(reason="the console is obslab's own")

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CAT_COLOR = "#8a1524"


class Element:
    def __init__(self, tag: str, attrs: dict[str, str | None]):
        self.tag, self.attrs, self.children = tag, attrs, []

    def text(self) -> str:
        return "".join(child if isinstance(child, str) else child.text() for child in self.children)

    def walk(self):
        yield self
        for child in self.children:
            if isinstance(child, Element):
                yield from child.walk()

    def find_all(self, tag: str | None = None, **attrs: str) -> list["Element"]:
        """Elements with the tag and attributes (`data_sample_id=` matches `data-sample-id`; True: present)."""
        wanted = {name.replace("_", "-"): value for name, value in attrs.items()}
        return [element for element in self.walk() if (tag is None or element.tag == tag) and all(
            (name in element.attrs) if value is True else element.attrs.get(name) == value for name, value in wanted.items())]

    def find(self, tag: str | None = None, **attrs: str) -> "Element":
        found = self.find_all(tag, **attrs)
        assert len(found) == 1, f"{len(found)} elements <{tag} {attrs}> in:\n{self.text()[:2000]}"
        return found[0]

    def classes(self) -> set[str]:
        return set((self.attrs.get("class") or "").split())


class DOMBuilder(html.parser.HTMLParser):
    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self):
        super().__init__()
        self.root = Element("#document", {})
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        element = Element(tag, dict(attrs))
        self.stack[-1].children.append(element)
        if tag not in self.VOID:
            self.stack.append(element)

    def handle_endtag(self, tag):
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data):
        self.stack[-1].children.append(data)


def rendered(url: str) -> Element:
    """The DOM after the page's script ran (virtual time waits for its fetches), parsed."""
    assert CHROMIUM, "chromium is not installed: Scripts/setup.sh installs it (Debian package chromium)"
    result = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
         "--virtual-time-budget=15000", "--dump-dom", url],
        capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, f"chromium exited {result.returncode}:\n{result.stderr[-3000:]}"
    builder = DOMBuilder()
    builder.feed(result.stdout)
    return builder.root


def main_view(dom: Element, state: str = "ready") -> Element:
    main = dom.find("main", id="main")
    assert main.attrs.get("data-state") == state, f"the console is {main.attrs.get('data-state')!r}, not {state!r}: {main.text()[:2000]}"
    return main


def sample_rows(view: Element) -> dict[str, Element]:
    """The rows of the samples table by object key."""
    rows = {}
    for row in view.find_all("tr", data_sample_id=True):
        rows[row.find("td", **{"class": "sample-key"}).find("code").text().split(" line ")[0]] = row
    return rows


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
def pictures(api, server, console_bucket):
    """A dataset over two labeled images and one without a label file, synced, with `cat` colored."""
    upload(server.client(), console_bucket, "pics/", {
        "1.jpg": b"\xff\xd8 one", "1.txt": b"cat\n",
        "2.jpg": b"\xff\xd8 two", "2.txt": b"dog\ncat\n",
        "3.jpg": b"\xff\xd8 three",
    })
    dataset_id = api.create_dataset("console-pictures", 0, console_bucket, "pics/")
    assert api.sync(dataset_id)["status"] == "COMPLETED"
    response = api.request("PUT", f"datasets/{dataset_id}/data-annotations/labels/cat", json={"@modelarts:color": CAT_COLOR})
    assert response.status_code == 204, response.text
    return dataset_id


def test_console_files_are_served_without_the_token_and_the_api_still_needs_it(api):
    page = requests.get(f"{api.endpoint}/console", timeout=30)
    assert page.status_code == 200 and page.headers["Content-Type"].startswith("text/html")
    assert '<script src="/console/app.js">' in page.text
    script = requests.get(f"{api.endpoint}/console/app.js", timeout=30)
    assert script.status_code == 200 and script.headers["Content-Type"].startswith("text/javascript")
    assert requests.get(f"{api.endpoint}/v2/x/datasets", timeout=30).status_code == 401


def test_datasets_page_lists_the_dataset_with_its_counts(api, pictures):
    view = main_view(rendered(f"{api.endpoint}/console#token={api.token}"))
    row = view.find("tr", data_dataset_id=pictures)
    cells = {cell.attrs.get("class", "").split()[-1]: cell.text().strip() for cell in row.find_all("td")}
    assert cells["name"] == "console-pictures"
    assert cells["type"] == "Image classification"
    assert cells["input"].endswith("/pics/")
    assert (cells["total"], cells["labeled"], cells["unlabeled"]) == ("3", "2", "1")
    assert row.find("a").attrs["href"] == f"#dataset={pictures}"


def test_dataset_page_shows_labels_with_their_colors_and_thumbnails(api, pictures):
    view = main_view(rendered(f"{api.endpoint}/console#token={api.token}&dataset={pictures}"))
    assert view.find("section", id="dataset").find("h2").text() == "console-pictures"
    tabs = {tab.attrs["data-tab"]: tab.text() for tab in view.find_all("a", data_tab=True)}
    assert tabs == {"all": "All statuses (3)", "unlabeled": "Unlabeled (1)", "labeled": "Labeled (2)"}
    rows = sample_rows(view)
    assert set(rows) == {"pics/1.jpg", "pics/2.jpg", "pics/3.jpg"}
    two = {chip.attrs["data-label"]: chip.attrs.get("data-color") for chip in rows["pics/2.jpg"].find_all("span", data_label=True)}
    assert set(two) == {"dog", "cat"}
    assert two["cat"] == CAT_COLOR
    thumbnail = rows["pics/1.jpg"].find("img")
    assert thumbnail.attrs["src"].startswith("blob:")
    assert view.find("button", id="sync").text() == "Synchronize New Data"
    assert view.find("button", id="publish").text() == "Publish"
    assert "Delete the source files from OBS" in view.find("section", id="samples").text()


def test_unlabeled_tab_shows_why_and_the_labeled_tab_hides_it(api, pictures):
    view = main_view(rendered(f"{api.endpoint}/console#token={api.token}&dataset={pictures}&tab=unlabeled"))
    rows = sample_rows(view)
    assert set(rows) == {"pics/3.jpg"}
    reason = rows["pics/3.jpg"].find("span", **{"class": "reason"})
    assert reason.attrs["data-reason"] == "no_sidecar"
    assert "no_sidecar" in reason.text() and len(reason.text()) > len("no_sidecar") + 5
    assert view.find("a", data_tab="unlabeled").attrs.get("aria-current") == "page"
    assert view.find("div", data_cause="no_label_file")

    labeled = sample_rows(main_view(rendered(f"{api.endpoint}/console#token={api.token}&dataset={pictures}&tab=labeled")))
    assert set(labeled) == {"pics/1.jpg", "pics/2.jpg"}


def test_label_filter_keeps_the_samples_with_the_label(api, pictures):
    view = main_view(rendered(f"{api.endpoint}/console#token={api.token}&dataset={pictures}&label=dog"))
    assert set(sample_rows(view)) == {"pics/2.jpg"}


def test_a_refused_token_brings_back_the_token_form_with_the_401(api):
    view = main_view(rendered(f"{api.endpoint}/console#token=not-{api.token}"), state="token")
    problem = view.find("p", id="token-problem").text()
    assert "401" in problem and "ModelArts.0101" in problem
    assert view.find("input", id="token").attrs.get("value") == ""
