"""Headless Chromium driven over the DevTools protocol, with a WebSocket client just big enough for it (no extra package),
and the console's page as the tests use it: go to an address, wait for the page to be drawn, click, drag, take a screenshot."""
from __future__ import annotations

import base64
import json
import os
import pathlib
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.parse

import requests

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
# The page says it is drawn with `data-state="ready"` on <main>; the helpers below mark it stale before acting.
READY = "document.getElementById('main')?.dataset.state === 'ready'"


class Chromium:
    """One headless Chromium; each tab it opens is driven over its own DevTools connection."""

    def __init__(self):
        assert CHROMIUM, "chromium is not installed: Scripts/setup.sh installs it (Debian package chromium)"
        self.profile = tempfile.mkdtemp(prefix="obslab-chromium-")
        self.process = subprocess.Popen(
            [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
             "--remote-debugging-port=0", f"--user-data-dir={self.profile}", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        )
        self.port = None
        for line in self.process.stderr:
            if line.startswith("DevTools listening on "):
                self.port = urllib.parse.urlparse(line.split(" on ", 1)[1].strip()).port
                break
        assert self.port, "chromium printed no DevTools address"

    def open(self, url: str) -> "DevTools":
        """A new tab on `url`."""
        target = requests.put(f"http://127.0.0.1:{self.port}/json/new?{urllib.parse.quote(url, safe='')}", timeout=30).json()
        return DevTools(target["webSocketDebuggerUrl"], on_close=lambda: requests.get(
            f"http://127.0.0.1:{self.port}/json/close/{target['id']}", timeout=30))

    def close(self) -> None:
        self.process.terminate()
        self.process.wait(30)
        shutil.rmtree(self.profile, ignore_errors=True)


class DevTools:
    """A tab driven over the DevTools protocol: a WebSocket client just big enough for it (text frames)."""

    def __init__(self, address: str, on_close=None):
        self.on_close = on_close
        self.connect(address)
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
        if self.on_close:
            self.on_close()


class ConsolePage:
    """One browser tab on the console, 1400 x 1000 pixels, that saves its screenshots under `output`."""

    def __init__(self, chromium: Chromium, url: str, output: pathlib.Path, state: str = "ready"):
        self.tools = chromium.open(url)
        self.output = output
        self.tools.call("Emulation.setDeviceMetricsOverride", width=1400, height=1000, deviceScaleFactor=1, mobile=False)
        self.wait_for(f"document.getElementById('main')?.dataset.state === {json.dumps(state)}")

    def evaluate(self, expression: str):
        return self.tools.evaluate(expression)

    def wait_for(self, expression: str, timeout: float = 30):
        return self.tools.wait_for(expression, timeout)

    def redraws(self, action: str, timeout: float = 30) -> None:
        """Runs the JavaScript `action`, which makes the page draw itself again, and waits until it has."""
        self.evaluate("document.getElementById('main').dataset.state = 'stale'")
        self.evaluate(action)
        self.wait_for(READY, timeout)

    def go(self, fragment: str) -> None:
        """Shows the console's address `#fragment`."""
        self.redraws(f"location.hash = {json.dumps(fragment)}")

    def click(self, selector: str) -> None:
        self.evaluate(f"document.querySelector({json.dumps(selector)}).click()")

    def text(self, selector: str) -> str:
        return self.evaluate(f"document.querySelector({json.dumps(selector)})?.innerText ?? ''")

    def rect(self, selector: str) -> tuple[float, float, float, float]:
        """Left, top, width, height of an element in the viewport's pixels."""
        return tuple(self.evaluate(f"(() => {{ const r = document.querySelector({json.dumps(selector)}).getBoundingClientRect(); "
                                   "return [r.left, r.top, r.width, r.height]; })()"))

    def drag(self, start: tuple[float, float], end: tuple[float, float], steps: int = 5) -> None:
        """A left-button drag with the mouse, as a user makes it (the page sees pointer events)."""
        (x0, y0), (x1, y1) = start, end
        mouse = lambda kind, x, y, **extra: self.tools.call("Input.dispatchMouseEvent", type=kind, x=x, y=y, **extra)
        mouse("mouseMoved", x0, y0)
        mouse("mousePressed", x0, y0, button="left", buttons=1, clickCount=1)
        for step in range(1, steps + 1):
            mouse("mouseMoved", x0 + (x1 - x0) * step / steps, y0 + (y1 - y0) * step / steps, button="left", buttons=1)
        mouse("mouseReleased", x1, y1, button="left", buttons=0, clickCount=1)

    def press(self, key: str, code: str | None = None) -> None:
        """A key typed on the page (`ArrowRight`, `1`, …)."""
        for kind in ("keyDown", "keyUp"):
            self.tools.call("Input.dispatchKeyEvent", type=kind, key=key, code=code or key,
                            text=key if len(key) == 1 and kind == "keyDown" else "")

    def set_files(self, selector: str, paths: list[pathlib.Path]) -> None:
        """Chooses files in an <input type=file>, as the file dialog would."""
        found = self.tools.call("Runtime.evaluate", expression=f"document.querySelector({json.dumps(selector)})")
        self.tools.call("DOM.setFileInputFiles", files=[str(path) for path in paths], objectId=found["result"]["objectId"])

    def screenshot(self, name: str) -> pathlib.Path:
        self.output.mkdir(parents=True, exist_ok=True)
        path = self.output / f"console-{name}.png"
        path.write_bytes(base64.b64decode(self.tools.call("Page.captureScreenshot", format="png")["data"]))
        return path

    def close(self) -> None:
        self.tools.close()
