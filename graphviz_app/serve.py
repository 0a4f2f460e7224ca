"""The live preview: the built page over HTTP, told by Server-Sent Events when it changes.

The server answers three paths: ``/`` (the page as built, plus a small preview script),
``/events`` (one ``message`` event each time a build finishes, with its outcome) and
``/data`` (the data of the last good build, which the open tab takes in place instead of
loading the whole page again, as long as the rest of the page is the same; asked with
``?have=RUN.BUILD``, it leaves out the network's data when that build had the same). Every
other path is a 404. It binds to 127.0.0.1 unless asked otherwise, and refuses requests
whose ``Host`` names another machine, so a web page elsewhere cannot read the preview
through a rebound domain name.

The served copy of the page differs from the built file in three places only: the
preview script, its JSON (the build it shows), and the Content-Security-Policy, which
allows that script by its hash and lets the page connect back to this server
(``connect-src 'self'``). Everything else the page's policy forbids stays forbidden.
"""

from __future__ import annotations

import json
import re
import secrets
import threading
from dataclasses import dataclass, field
from functools import cache
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from urllib.parse import parse_qs, urlsplit

LOCAL_HOST = "127.0.0.1"
KEEPALIVE_SECONDS = 10  # a comment line this often tells a closed tab from an idle one
_CSP = re.compile(rb'(<meta http-equiv="Content-Security-Policy"\s+content=")([^"]*)(")')

PLACEHOLDER = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy"
 content="default-src 'none'; script-src; base-uri 'none'; form-action 'none'">
<title>No page yet</title>
</head>
<body>
<p>{message}</p>
</body>
</html>
"""
BUILDING = "Building the page: it shows here as soon as it is written."
NO_PAGE = ("The data has errors, so there is no page to show yet. Fix them and save: this page "
           "updates by itself.")


@cache
def preview_script() -> str:
    """The preview client: reloads on a new build keeping the view, overlays problems."""
    return resources.files(__package__).joinpath("templates", "preview.js").read_text("utf-8")


DATA_BLOCKS = ("vis-data", "page-data")  # the page's data, as render.py writes it


def data_spans(page: bytes) -> list[tuple[int, int]] | None:
    """Where the page's data blocks lie in ``page`` (their JSON, between the tags), or None."""
    spans = []
    for name in DATA_BLOCKS:
        opening = f'<script type="application/json" id="{name}">'.encode()
        start = page.find(opening)
        if start == -1:
            return None
        start += len(opening)
        end = page.find(b"</script>", start)  # the JSON escapes "<": the next tag ends it
        if end == -1:
            return None
        spans.append((start, end))
    return spans


def shell_of(html: str | bytes) -> str:
    """A digest of the page without its data: equal digests mean new data can go in place."""
    import hashlib

    page = html.encode("utf-8") if isinstance(html, str) else html
    spans = data_spans(page) or []
    digest = hashlib.sha256()
    at = 0
    for start, end in spans:
        digest.update(page[at:start])
        at = end
    digest.update(page[at:])
    return digest.hexdigest()[:16]


def preview_page(html: str, build: int, shell: str = "", run: str = "") -> str:
    """The built page with the preview script, allowed by the page's policy and no more.

    The page knows its build: the server process (``run``), the build's number in it, and
    its ``shell``; the preview script compares them with each outcome it hears of.
    """
    return preview_bytes(html.encode("utf-8"), build, shell, run).decode("utf-8")


def preview_bytes(page: bytes, build: int, shell: str = "", run: str = "") -> bytes:
    """``preview_page`` on the page's bytes (a large page is quicker to splice as bytes)."""
    from .render import csp_hash, script_json

    script = preview_script()
    found = _CSP.search(page)
    if found is None:
        raise ValueError("the page has no Content-Security-Policy to extend")
    policy = _extend_policy(found.group(2).decode("utf-8"), csp_hash(script)).encode("utf-8")
    own = script_json({"build": build, "run": run, "shell": shell})
    addition = (f'<script type="application/json" id="preview-data">{own}</script>\n'
                f'<script>{script}</script>\n').encode()
    at = page.rfind(b"</body>")
    if at == -1:
        raise ValueError("the page has no </body> to add the preview script before")
    return b"".join([page[:found.start(2)], policy, page[found.end(2):at], addition, page[at:]])


def placeholder(message: str, run: str = "") -> bytes:
    """The page shown before there is a good build, reloaded by the preview when there is."""
    from html import escape

    page = PLACEHOLDER.replace("{message}", escape(message))
    return preview_page(page, 0, run=run).encode("utf-8")


def _extend_policy(policy: str, script_hash: str) -> str:
    directives = [part.strip() for part in policy.split(";") if part.strip()]
    extended, scripts = [], False
    for directive in directives:
        name = directive.split()[0]
        if name == "script-src":
            directive, scripts = f"{directive} {script_hash}", True
        if name != "connect-src":
            extended.append(directive)
    if not scripts:
        extended.append(f"script-src {script_hash}")
    extended.append("connect-src 'self'")
    return "; ".join(extended)


def problem_records(problems) -> list[dict]:
    """Problems as the overlay lists them: where, code, severity, message and help."""
    return [{"file": p.file, "line": p.line, "column": p.column, "code": p.code,
             "severity": p.severity.value, "message": p.message, "help": p.help}
            for p in problems]


@dataclass
class _State:
    """What the server shows: the last good page and the outcome of the last build."""

    page: bytes = b""  # set by PreviewServer: the page being built
    build: int = 0  # counts the good builds: the page's own number
    shell: str = ""  # the page without its data, as shell_of gives it
    # this server process: a tab that outlives it knows the next one's build 1 from its own
    run: str = field(default_factory=lambda: secrets.token_hex(4))
    data: list[bytes | memoryview] = field(default_factory=list)  # what /data sends, in parts
    networks: dict[int, bytes] = field(default_factory=dict)  # recent builds' vis-data digests
    event: int = 0  # counts every build: what /events streams
    outcome: dict = field(default_factory=lambda: {"ok": True, "build": 0, "run": "",
                                                   "shell": "", "problems": [],
                                                   "failure": ""})


class PreviewServer(ThreadingHTTPServer):
    """A local HTTP server for the preview; ``publish`` after every build."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, host: str = LOCAL_HOST, port: int = 0) -> None:
        super().__init__((host, port), _Handler)
        self.state = _State()
        self.state.page = placeholder(BUILDING, self.state.run)
        self.state.outcome["run"] = self.state.run  # what the placeholder was built by
        self.good = False  # whether a build has given a page yet
        self.changed = threading.Condition()
        self.stopping = False
        self.strict_host = host == LOCAL_HOST

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}/"

    def publish(self, html: str | None, problems=(), failure: str = "") -> None:
        """A good build (its page) or a failed one (``html`` None: its problems, or the
        ``failure`` that stopped it before there were any: an unreadable data file)."""
        with self.changed:
            state = self.state
            if html is not None:
                built = html.encode("utf-8")
                state.build += 1
                state.shell = shell_of(built)
                state.page = preview_bytes(built, state.build, state.shell, state.run)
                state.data = _data_parts(state.page, {"build": state.build, "run": state.run,
                                                      "shell": state.shell})
                state.networks = _remember(state.networks, state.build, state.data)
                self.good = True
            elif not self.good:
                state.page = placeholder(NO_PAGE, state.run)
            state.event += 1
            state.outcome = {"ok": html is not None, "build": state.build, "run": state.run,
                             "shell": state.shell, "problems": problem_records(problems),
                             "failure": failure}
            self.changed.notify_all()

    def handle_error(self, request, client_address) -> None:
        """A tab closed or reloaded while its page or data was on its way is no error."""
        import sys

        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)

    def stop(self) -> None:
        """End the event streams and stop serving."""
        with self.changed:
            self.stopping = True
            self.changed.notify_all()
        self.shutdown()
        self.server_close()

    def next_outcome(self, seen: int, timeout: float) -> tuple[int, dict | None]:
        """Wait for a build after ``seen``; (its number, outcome), or (seen, None) on timeout."""
        with self.changed:
            self.changed.wait_for(lambda: self.state.event != seen or self.stopping, timeout)
            if self.stopping or self.state.event == seen:
                return seen, None
            return self.state.event, dict(self.state.outcome)


def _data_parts(page: bytes, about: dict) -> list[bytes | memoryview]:
    """/data's body: ``about`` (build, run, shell) with ``vis`` and ``page``, the JSON read
    out of the page.

    The two blocks are views into the page's bytes, not copies: at 100,000 interactions
    they are most of a page of about 100 MB.
    """
    spans = data_spans(page)
    if spans is None:
        return []
    view = memoryview(page)
    (vis_start, vis_end), (data_start, data_end) = spans
    head = json.dumps(about)[:-1].encode()
    return [head, b',"vis":', view[vis_start:vis_end], b',"page":', view[data_start:data_end], b"}"]


KEEP_NETWORKS = 16  # builds whose network digest /data can compare a tab's with


def _remember(networks: dict[int, bytes], build: int, parts: list) -> dict[int, bytes]:
    """``networks`` with this build's vis-data digest, the oldest let go."""
    import hashlib

    if not parts:
        return networks
    kept = dict(list(networks.items())[-(KEEP_NETWORKS - 1):])
    kept[build] = hashlib.sha256(parts[2]).digest()
    return kept


def _leave_out_network(parts: list, networks: dict[int, bytes], have: str, run: str,
                       build: int) -> list:
    """``parts`` with the network's data as ``null`` when build ``have`` had the same."""
    seen_run, _, seen = have.partition(".")
    # ASCII digits, and few: str.isdigit also takes "²", which int() refuses
    if seen_run != run or not (seen.isascii() and seen.isdigit() and len(seen) < 20) \
            or int(seen) not in networks:
        return parts
    if networks[int(seen)] != networks.get(build):
        return parts
    return [*parts[:2], b"null", *parts[3:]]


class _Handler(BaseHTTPRequestHandler):
    server: PreviewServer
    server_version = "graphviz-app"
    sys_version = ""

    def log_message(self, format, *args) -> None:  # noqa: A002 - the base class's name
        pass  # the command prints builds, not requests

    def do_HEAD(self) -> None:  # noqa: N802 - http.server's naming
        self.do_GET(body=False)

    def do_GET(self, body: bool = True) -> None:  # noqa: N802
        if not self._host_allowed():
            self._plain(HTTPStatus.MISDIRECTED_REQUEST, "this preview answers only to "
                        "127.0.0.1 and localhost", body)
            return
        path = self.path.split("?", 1)[0]
        if path == "/":
            self._page(body)
        elif path == "/events" and body:
            self._events()
        elif path == "/data":
            self._data(body, parse_qs(urlsplit(self.path).query).get("have", [""])[0])
        else:
            self._plain(HTTPStatus.NOT_FOUND, "not found: the preview serves its page at / only",
                        body)

    def _host_allowed(self) -> bool:
        if not self.server.strict_host:
            return True
        host = (self.headers.get("Host") or "").rsplit(":", 1)[0].strip("[]").lower()
        return host in ("127.0.0.1", "localhost")

    def _page(self, body: bool) -> None:
        with self.server.changed:
            page = self.server.state.page
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(page)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        if body:
            self.wfile.write(page)

    def _data(self, body: bool, have: str) -> None:
        with self.server.changed:
            state = self.server.state
            parts = state.data
            if parts:
                parts = _leave_out_network(parts, state.networks, have, state.run, state.build)
        if not parts:
            self._plain(HTTPStatus.NOT_FOUND, "no good build yet: there is no data to send", body)
            return
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(sum(len(part) for part in parts)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        if body:
            for part in parts:
                self.wfile.write(part)

    def _plain(self, status: HTTPStatus, text: str, body: bool) -> None:
        data = (text + "\n").encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if body:
            self.wfile.write(data)

    def _events(self) -> None:
        """Stream the outcome of the current build at once, then of every later one."""
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        seen = -1
        try:
            while not self.server.stopping:
                seen, outcome = self.server.next_outcome(seen, KEEPALIVE_SECONDS)
                if outcome is not None:
                    self.wfile.write(f"data: {json.dumps(outcome)}\n\n".encode())
                elif not self.server.stopping:
                    self.wfile.write(b": still here\n\n")
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            pass  # the tab was closed or reloaded
