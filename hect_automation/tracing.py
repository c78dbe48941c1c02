"""Trace HECT's context, and keep no secret in the trace.

``TraceRecorder`` traces one context in chunks (paused while a password is typed, or while
the person has the HECT window during the hand-off) and merges them into ``trace.zip``;
``redact_trace`` then blanks every cookie and credential header, every posted form that
carries a secret field, and drops what was fetched from any other site than HECT.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
import zipfile
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

from playwright.sync_api import BrowserContext
from playwright.sync_api import Error as PlaywrightError


class TraceRecorder:
    """Traces one context under ``on | off | retain-on-failure`` into ``trace.zip``.

    Recording starts when ``start`` is called (the engine calls it once HECT is signed in),
    with DOM snapshots and network for each action; no screencast, which costs much and adds
    little to the snapshots. ``pause`` and ``resume`` leave a gap (the hand-off, while a
    person may type a marketplace password somewhere): the trace is kept in chunks, merged
    into one file at the end, and redacted (``redact_trace``) as a second guard.
    """

    def __init__(
        self,
        context: BrowserContext,
        policy: Literal["on", "off", "retain-on-failure"],
        *,
        hect_host: str = "",
    ) -> None:
        self.context = context
        self.policy = policy
        self.hect_host = hect_host
        self.started = False
        self.recording = False
        self.chunks: list[Path] = []
        self._scratch: Path | None = None

    def start(self) -> None:
        if self.policy != "off" and not self.started:
            self.context.tracing.start(screenshots=False, snapshots=True, sources=False)
            self.started = self.recording = True

    def pause(self) -> None:
        """Stop recording until ``resume``; what was recorded so far is kept aside."""
        if not self.recording:
            return
        if self._scratch is None:
            self._scratch = Path(tempfile.mkdtemp(prefix="hect-trace-"))
        chunk = self._scratch / f"chunk-{len(self.chunks)}.zip"
        try:
            self.context.tracing.stop_chunk(path=chunk)
            self.chunks.append(chunk)
        except PlaywrightError:
            pass  # the browser went away: nothing more to keep
        self.recording = False

    def resume(self) -> None:
        if self.started and not self.recording:
            try:
                self.context.tracing.start_chunk()
            except PlaywrightError:
                return
            self.recording = True

    def finish(self, path: Path, *, failed: bool) -> Path | None:
        """Save the trace to ``path`` if the policy keeps it; else discard it."""
        if not self.started:
            return None
        keep = self.policy == "on" or failed
        try:
            if keep:
                self.pause()
            self.context.tracing.stop()
        except PlaywrightError:
            pass  # the browser went away: keep what was saved before
        return self.salvage(path, failed=failed)

    def salvage(self, path: Path, *, failed: bool) -> Path | None:
        """Keep the chunks saved so far (without asking the browser, which may be dead)."""
        try:
            if not (self.policy == "on" or failed) or not self.chunks:
                return None
            merge_traces(self.chunks, path)
            redact_trace(path, self.hect_host)
            return path
        finally:
            if self._scratch is not None:
                shutil.rmtree(self._scratch, ignore_errors=True)


REDACTED = "(redacted by hect-runbook)"
_CREDENTIAL_HEADERS = {"cookie", "set-cookie", "authorization", "proxy-authorization"}
_SECRET_FIELD = re.compile(r"pass|pwd|secret|otp|token|code|credential|auth", re.IGNORECASE)


def merge_traces(chunks: list[Path], path: Path) -> None:
    """One trace file from several chunks of one context (the viewer opens one file)."""
    events: list[str] = []
    network: list[str] = []
    resources: dict[str, bytes] = {}
    for index, chunk in enumerate(chunks):
        with zipfile.ZipFile(chunk) as source:
            for name in source.namelist():
                data = source.read(name)
                if name.endswith(".trace"):
                    lines = data.decode("utf-8").splitlines()
                    if index:  # one context: its options come once, from the first chunk
                        lines = [x for x in lines if '"context-options"' not in x[:40]]
                    events += lines
                elif name.endswith(".network"):
                    network += data.decode("utf-8").splitlines()
                elif not name.endswith(".stacks"):
                    resources.setdefault(name, data)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as out, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        target.writestr("trace.trace", "\n".join(x for x in events if x.strip()) + "\n")
        target.writestr("trace.network", "\n".join(x for x in network if x.strip()) + "\n")
        for name, data in resources.items():
            target.writestr(name, data)


def redact_trace(path: Path, hect_host: str = "") -> None:
    """Blank what must not travel with a trace (to a colleague, a CI artifact).

    Every cookie value and credential header; the body of any request whose form carries a
    password-like field; and every network entry for another origin than HECT's (the
    HECT context is never meant to reach one, so any trace of it is dropped, not shown).
    """
    fresh = path.with_name(path.name + ".part")
    with (
        zipfile.ZipFile(path) as source,
        zipfile.ZipFile(fresh, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        dropped: set[str] = set()
        for member in source.infolist():
            data = source.read(member)
            if member.filename.endswith((".trace", ".network")):
                kept = []
                for line in data.decode("utf-8").splitlines():
                    if not line.strip():
                        continue
                    event = json.loads(line)
                    if hect_host and _elsewhere(event, hect_host):
                        dropped.update(_bodies(event))
                        continue
                    dropped.update(_bodies(event, posted_only=True))
                    kept.append(json.dumps(_redacted(event)))
                data = ("\n".join(kept) + "\n").encode()
            target.writestr(member, data)
    if dropped:  # bodies of dropped entries: rewrite once more without them
        _drop_members(fresh, dropped)
    fresh.replace(path)
    path.chmod(0o600)


def _writing(path: Path) -> zipfile.ZipFile:
    return zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED)


def _elsewhere(event: dict[str, Any], hect_host: str) -> bool:
    snapshot = event.get("snapshot")
    if event.get("type") != "resource-snapshot" or not isinstance(snapshot, dict):
        return False
    url = snapshot.get("request", {}).get("url", "")
    host = (urlsplit(url).hostname or "").lower()
    return bool(host) and not (host == hect_host or host.endswith("." + hect_host))


def _bodies(event: dict[str, Any], *, posted_only: bool = False) -> set[str]:
    """The resource files holding a network entry's bodies (only what was posted, if asked)."""
    snapshot = event.get("snapshot")
    if event.get("type") != "resource-snapshot" or not isinstance(snapshot, dict):
        return set()
    parts = [snapshot.get("request", {}).get("postData", {})]
    if not posted_only:
        parts.append(snapshot.get("response", {}).get("content", {}))
    return {"resources/" + p["_sha1"] for p in parts if isinstance(p, dict) and p.get("_sha1")}


def _drop_members(path: Path, names: set[str]) -> None:
    part = path.with_name(path.name + ".2")
    with (
        zipfile.ZipFile(path) as source,
        zipfile.ZipFile(part, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for member in source.infolist():
            if member.filename not in names:
                target.writestr(member, source.read(member))
    part.replace(path)


def _redacted(node: Any, key: str = "") -> Any:
    if isinstance(node, dict):
        if key == "cookies" and "value" in node:
            return {**node, "value": REDACTED}
        if key == "headers" and str(node.get("name", "")).lower() in _CREDENTIAL_HEADERS:
            return {**node, "value": REDACTED}
        if key == "postData" and _secret_form(node):
            return {"mimeType": node.get("mimeType", ""), "text": REDACTED}
        return {k: _redacted(v, k) for k, v in node.items()}
    if isinstance(node, list):
        return [_redacted(item, key) for item in node]
    return node


def _secret_form(post: dict[str, Any]) -> bool:
    """Whether a recorded request body carries a password-like field (by its field names)."""
    text = str(post.get("text", ""))
    names = [p.get("name", "") for p in post.get("params", []) if isinstance(p, dict)]
    names += re.findall(r"(?:^|&)([^=&]+)=", text)
    return any(_SECRET_FIELD.search(n) for n in names) or bool(post.get("_sha1"))
