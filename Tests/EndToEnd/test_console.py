"""The web console at /console on the ModelArts API port, in headless Chromium: labeled images uploaded with boto3, a
dataset made and synced over plain HTTP, then the page's DOM once its script has called the API: the dataset and its
counts, a sample's labels with their colors and thumbnail, the reason of an unlabeled sample, a refused token. Then,
through the DevTools protocol (a small WebSocket client, no extra package), the buttons: Synchronize New Data, Publish,
and Delete with the source files, whose dialog names the other dataset and version that break.
"""
from __future__ import annotations

import base64
import html.parser
import json
import os
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.parse

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


def test_encryption_symptom_is_explained_on_screen_and_thumbnails_fail_as_sync_does(api, s3, bucket):
    """Labeled images in a bucket that encrypts with a KMS key the labeling service has no grant on."""
    s3.put_bucket_encryption(Bucket=bucket, ServerSideEncryptionConfiguration={
        "Rules": [{"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "aws:kms"}}]})
    upload(s3, bucket, "enc/", {"1.jpg": b"\xff\xd8 one", "1.txt": b"cat\n"})
    dataset_id = api.create_dataset(unique_name("console-enc"), 0, bucket, "enc/")
    assert api.sync(dataset_id)["status"] == "COMPLETED"

    view = main_view(rendered(f"{api.endpoint}/console#token={api.token}&dataset={dataset_id}"))
    cause = view.find("p", id="encryption-cause").text()
    assert "Automatic encryption is enabled in the OBS bucket" in cause and "aws:kms" in cause
    group = view.find("div", data_cause="encrypted_kms").text()
    assert "modelarts-service" in group and f"obs://{bucket}/enc/1.jpg" in group
    commands = [block.text() for block in view.find("section", id="diagnosis").find_all("pre")]
    assert commands and all(command.startswith("obslab ") for command in commands), commands
    row = sample_rows(view)["enc/1.jpg"]
    assert row.find("span", **{"class": "reason"}).attrs["data-reason"] == "sidecar_unreadable"
    unreadable = row.find("span", **{"class": "unreadable"})
    assert unreadable.text() == "403 unreadable" and "KMS.AccessDeniedException" in unreadable.attrs["title"]
    assert row.find_all("img") == []


def test_a_refused_token_brings_back_the_token_form_with_the_401(api):
    view = main_view(rendered(f"{api.endpoint}/console#token=not-{api.token}"), state="token")
    problem = view.find("p", id="token-problem").text()
    assert "401" in problem and "ModelArts.0101" in problem
    assert view.find("input", id="token").attrs.get("value") == ""


class DevTools:
    """Headless Chromium driven over the DevTools protocol: a WebSocket client just big enough for it (text frames)."""

    def __init__(self, url: str):
        self.profile = tempfile.mkdtemp(prefix="obslab-chromium-")
        self.process = subprocess.Popen(
            [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
             "--remote-debugging-port=0", f"--user-data-dir={self.profile}", url],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        )
        port = None
        for line in self.process.stderr:
            if line.startswith("DevTools listening on "):
                port = urllib.parse.urlparse(line.split(" on ", 1)[1].strip()).port
                break
        assert port, "chromium printed no DevTools address"
        pages = []
        for _ in range(100):
            pages = [target for target in requests.get(f"http://127.0.0.1:{port}/json/list", timeout=10).json() if target["type"] == "page"]
            if pages:
                break
            time.sleep(0.1)
        assert pages, "chromium has no page"
        self.connect(pages[0]["webSocketDebuggerUrl"])
        self.next_id = 0

    def connect(self, address: str) -> None:
        parts = urllib.parse.urlparse(address)
        self.sock = socket.create_connection((parts.hostname, parts.port), timeout=60)
        key = base64.b64encode(os.urandom(16)).decode()
        self.sock.sendall((f"GET {parts.path} HTTP/1.1\r\nHost: {parts.netloc}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                           f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n").encode())
        head = b""
        while b"\r\n\r\n" not in head:
            head += self.sock.recv(4096)
        head, self.pending = head.split(b"\r\n\r\n", 1)
        assert b" 101 " in head.split(b"\r\n")[0], head

    def read(self, count: int) -> bytes:
        while len(self.pending) < count:
            chunk = self.sock.recv(65536)
            assert chunk, "chromium closed the DevTools connection"
            self.pending += chunk
        data, self.pending = self.pending[:count], self.pending[count:]
        return data

    def receive(self) -> dict:
        message = b""
        while True:
            first, second = self.read(2)
            length = second & 0x7F
            if length == 126:
                length = int.from_bytes(self.read(2), "big")
            elif length == 127:
                length = int.from_bytes(self.read(8), "big")
            message += self.read(length)
            if first & 0x80:
                return json.loads(message)

    def call(self, method: str, **params) -> dict:
        self.next_id += 1
        payload = json.dumps({"id": self.next_id, "method": method, "params": params}).encode()
        mask = os.urandom(4)
        length = len(payload)
        header = bytes([0x81]) + (bytes([0x80 | length]) if length < 126 else bytes([0x80 | 126]) + length.to_bytes(2, "big")
                                  if length < 65536 else bytes([0x80 | 127]) + length.to_bytes(8, "big"))
        self.sock.sendall(header + mask + bytes(byte ^ mask[index % 4] for index, byte in enumerate(payload)))
        while True:
            message = self.receive()
            if message.get("id") == self.next_id:
                assert "error" not in message, message
                return message["result"]

    def evaluate(self, expression: str):
        result = self.call("Runtime.evaluate", expression=expression, awaitPromise=True, returnByValue=True)
        assert "exceptionDetails" not in result, result["exceptionDetails"]
        return result["result"].get("value")

    def wait_for(self, expression: str, timeout: float = 30):
        """Polls until the expression is truthy; returns its value."""
        deadline = time.monotonic() + timeout
        while True:
            value = self.evaluate(expression)
            if value:
                return value
            assert time.monotonic() < deadline, f"still false after {timeout} s: {expression}\n{self.evaluate('document.body?.innerText')}"
            time.sleep(0.1)

    def close(self) -> None:
        self.sock.close()
        self.process.terminate()
        self.process.wait(30)
        shutil.rmtree(self.profile, ignore_errors=True)


@pytest.fixture
def browser():
    opened = []

    def open_(url: str) -> DevTools:
        assert CHROMIUM, "chromium is not installed: Scripts/setup.sh installs it (Debian package chromium)"
        opened.append(DevTools(url))
        return opened[-1]

    yield open_
    for each in opened:
        each.close()


READY = "document.getElementById('main')?.dataset.state === 'ready'"


def row_of(key: str) -> str:
    """A JavaScript expression: the samples table row of the object key."""
    return (f"[...document.querySelectorAll('tr[data-sample-id]')]"
            f".find((row) => row.querySelector('.sample-key code').textContent === {json.dumps(key)})")


def test_buttons_sync_publish_and_delete_with_the_impact_first(api, server, console_bucket, browser):
    s3 = server.client()
    upload(s3, console_bucket, "shared/", {"1.jpg": b"\xff\xd8 one", "1.txt": b"cat\n", "2.jpg": b"\xff\xd8 two"})
    owner = api.create_dataset("console-owner", 0, console_bucket, "shared/")
    other = api.create_dataset("console-other", 0, console_bucket, "shared/")
    api.sync(owner)
    api.sync(other)
    api.ok("POST", f"datasets/{other}/versions", 201, json={})
    s3.put_object(Bucket=console_bucket, Key="shared/3.jpg", Body=b"\xff\xd8 three")

    page = browser(f"{api.endpoint}/console#token={api.token}&dataset={owner}")
    page.wait_for(READY)
    assert page.evaluate(f"!!{row_of('shared/3.jpg')}") is False

    page.evaluate("document.getElementById('sync').click()")
    notice = page.wait_for(f"{READY} && document.querySelector('main > .notice')?.textContent")
    assert notice.startswith("Synchronized: 1 added, 0 removed, 3 in all"), notice
    page.wait_for(f"!!{row_of('shared/3.jpg')}")

    page.evaluate("document.getElementById('publish').click()")
    published = page.wait_for("document.querySelector('main > .notice')?.textContent.startsWith('Published') && "
                              "document.querySelectorAll('#versions tr[data-version-id]').length")
    assert published == 1

    assert page.evaluate("document.getElementById('delete').disabled") is True
    page.evaluate(f"{row_of('shared/1.jpg')}.querySelector('input[type=checkbox]').click()")
    page.evaluate("document.getElementById('delete-source').click()")
    assert page.evaluate("document.getElementById('delete').disabled") is False
    page.evaluate("document.getElementById('delete').click()")
    dialog = page.wait_for("document.getElementById('confirm').open && document.getElementById('confirm').innerText")
    assert "Delete 1 sample and their source files?" in dialog
    assert f"obs://{console_bucket}/shared/1.jpg" in dialog
    assert "dataset console-other: 1 sample(s)" in dialog
    assert "version console-other/V001: 1 of 2 sample(s)" in dialog
    assert s3.head_object(Bucket=console_bucket, Key="shared/1.jpg")["ContentLength"] > 0  # nothing deleted yet

    page.evaluate("document.getElementById('confirm-delete').click()")
    outcome = page.wait_for(f"{READY} && document.getElementById('deletion-outcome')?.innerText")
    assert "Deleted 1 of 1 sample(s)." in outcome and f"obs://{console_bucket}/shared/1.jpg" in outcome
    assert page.evaluate(f"!!{row_of('shared/1.jpg')}") is False
    with pytest.raises(s3.exceptions.ClientError) as missing:
        s3.head_object(Bucket=console_bucket, Key="shared/1.jpg")
    assert missing.value.response["Error"]["Code"] == "404"
