"""Headless Chromium for the report tests, driven over the DevTools protocol (``websockets``' sync client).

``open_page(path)`` starts a fresh Chromium (no sandbox, no GPU, no background networking,
a throw-away profile), loads one local file and returns what a test needs: console messages
and exceptions, every request the page made, the result of a JavaScript probe and a PNG
screenshot. Chromium is Debian's ``chromium`` package (``.ci/run`` installs it); without it
``CHROMIUM`` is None and the tests skip.
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import signal
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from websockets.sync.client import connect

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--disable-extensions", "--disable-default-apps", "--mute-audio",
         "--remote-debugging-port=0", "--hide-scrollbars")


@dataclass
class PageResult:
    """What happened while a page loaded."""

    console: list[dict] = field(default_factory=list)  # {"level", "text"} of console calls, log entries and exceptions
    requests: list[str] = field(default_factory=list)  # URL of every request the page made
    probe: object = None  # the value of the probe expression
    screenshot: bytes = b""


class DevTools:
    """One flattened DevTools session on a page target."""

    def __init__(self, ws_url: str) -> None:
        self.ws = connect(ws_url, max_size=64 * 1024 * 1024, open_timeout=20)
        self.next_id, self.session, self.events = 0, None, []

    def call(self, method: str, timeout: float = 30, **params) -> dict:
        self.next_id += 1
        msg = {"id": self.next_id, "method": method, "params": params}
        if self.session:
            msg["sessionId"] = self.session
        self.ws.send(json.dumps(msg))
        deadline = time.monotonic() + timeout
        while True:
            reply = json.loads(self.ws.recv(timeout=max(0.1, deadline - time.monotonic())))
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)

    def wait_for(self, method: str, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while not any(e.get("method") == method for e in self.events):
            self.events.append(json.loads(self.ws.recv(timeout=max(0.1, deadline - time.monotonic()))))

    def drain(self, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                self.events.append(json.loads(self.ws.recv(timeout=max(0.05, deadline - time.monotonic()))))
            except TimeoutError:
                break


def _browser_url(profile: Path, proc: subprocess.Popen, timeout: float = 30) -> str:
    port_file = profile / "DevToolsActivePort"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if port_file.is_file():
            lines = port_file.read_text().split()
            if len(lines) >= 2:
                return f"ws://127.0.0.1:{lines[0]}{lines[1]}"
        if proc.poll() is not None:
            raise RuntimeError(f"chromium exited with {proc.returncode}: {proc.stderr.read().decode(errors='replace')[-500:]}")
        time.sleep(0.1)
    raise RuntimeError("chromium did not open its DevTools port in time")


def _stop(proc: subprocess.Popen) -> None:
    """End the Chromium this module started: its own process group (renderers, GPU and crash helpers)."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            return
        try:
            proc.wait(timeout=10)
            return
        except subprocess.TimeoutExpired:
            continue


def _collect(events: list[dict], result: PageResult) -> None:
    for e in events:
        method, p = e.get("method"), e.get("params", {})
        if method == "Runtime.consoleAPICalled":
            result.console.append({"level": p["type"], "text": " ".join(str(a.get("value", a.get("description", ""))) for a in p["args"])})
        elif method == "Runtime.exceptionThrown":
            result.console.append({"level": "error", "text": p["exceptionDetails"].get("text", "exception")})
        elif method == "Log.entryAdded":
            result.console.append({"level": p["entry"]["level"], "text": p["entry"]["text"]})
        elif method == "Network.requestWillBeSent":
            result.requests.append(p["request"]["url"])


def open_page(path: Path, probe: str = "null", width: int = 1000, height: int = 1400, settle: float = 1.0,
              shot_top: int = 0, shot_height: int | None = None, scale: float = 0.6) -> PageResult:
    """Load ``path`` in headless Chromium; console, requests, ``probe`` (a JS expression, JSON-valued) and a screenshot
    (``shot_height`` pixels from ``shot_top``, scaled by ``scale``)."""
    if CHROMIUM is None:
        raise RuntimeError("chromium is not installed")
    result = PageResult()
    with tempfile.TemporaryDirectory(prefix="km-chromium-", ignore_cleanup_errors=True) as profile:
        proc = subprocess.Popen([CHROMIUM, *FLAGS, f"--user-data-dir={profile}", "about:blank"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
        try:
            tools = DevTools(_browser_url(Path(profile), proc))
            target = tools.call("Target.createTarget", url="about:blank")["targetId"]
            tools.session = tools.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
            for domain in ("Page", "Runtime", "Log", "Network"):
                tools.call(f"{domain}.enable")
            tools.call("Emulation.setDeviceMetricsOverride", width=width, height=height, deviceScaleFactor=1, mobile=False)
            tools.events.clear()
            tools.call("Page.navigate", url=Path(path).resolve().as_uri())
            tools.wait_for("Page.loadEventFired")
            tools.drain(settle)
            value = tools.call("Runtime.evaluate", expression=f"JSON.stringify({probe})", returnByValue=True)["result"].get("value")
            result.probe = json.loads(value) if value is not None else None
            shot = tools.call("Page.captureScreenshot", format="png", clip={"x": 0, "y": shot_top, "width": width, "height": shot_height or height, "scale": scale})
            result.screenshot = base64.b64decode(shot["data"])
            tools.drain(0.2)
            _collect(tools.events, result)
            tools.ws.close()
        finally:
            _stop(proc)
    return result
