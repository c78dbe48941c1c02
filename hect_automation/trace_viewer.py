"""``hect-runbook trace``: Playwright's trace viewer, served here and opened in our Chromium.

``playwright show-trace`` launches Playwright's own Chromium build, which a machine with only
a system Chromium does not have. The viewer itself is a static web app shipped inside the
Playwright package that loads a trace from a URL (as trace.playwright.dev does), so it is
served from loopback together with the one trace file, and opened in whichever Chromium the
tool found.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import quote

import playwright

from hect_automation.errors import BadInput

TRACE_PATH = "/trace.zip"


def viewer_files() -> Path:
    """The trace viewer's static files inside the Playwright package."""
    folder = Path(playwright.__file__).parent / "driver/package/lib/vite/traceViewer"
    if not (folder / "index.html").is_file():
        raise BadInput(
            f"Playwright's trace viewer is not in {folder}; reinstall playwright, or open the "
            "trace at https://trace.playwright.dev"
        )
    return folder


def trace_file(given: Path) -> Path:
    """The trace of a run folder (or a trace file itself)."""
    trace = given / "trace.zip" if given.is_dir() else given
    if not trace.is_file():
        raise BadInput(
            f"no trace at {trace}: a run keeps one when it fails, or with --trace on; "
            "give a run folder from hect-runs/"
        )
    return trace


class _Handler(SimpleHTTPRequestHandler):
    """The viewer's files, plus the one trace; nothing else of the disk."""

    def __init__(self, *args: Any, trace: Path, **kwargs: Any) -> None:
        self.trace = trace
        super().__init__(*args, **kwargs)

    def translate_path(self, path: str) -> str:
        if path.split("?", 1)[0] == TRACE_PATH:
            return str(self.trace)
        return super().translate_path(path)

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the terminal is for the person."""


@contextmanager
def serve(trace: Path) -> Iterator[str]:
    """Serve the viewer and ``trace`` on loopback until the block ends; the viewer's URL."""
    handler = partial(_Handler, directory=str(viewer_files()), trace=trace.resolve())
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True, name="trace-viewer")
    thread.start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        yield f"{base}/index.html?trace={quote(base + TRACE_PATH, safe='')}"
    finally:
        server.shutdown()
        server.server_close()
