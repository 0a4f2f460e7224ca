"""The preview server: what it serves, to whom, and what the served page may do."""

from __future__ import annotations

import http.client
import json
import os
import re
import signal
import socket
import struct
import subprocess
import sys
import threading
import time
import urllib.parse

import pytest
from click.testing import CliRunner
from conftest import ROOT

from graphviz_app.cli import cli
from graphviz_app.problems import Problem
from graphviz_app.render import csp_hash
from graphviz_app.serve import PreviewServer, preview_page, preview_script, shell_of

PAGE = ('<!DOCTYPE html><html><head><meta http-equiv="Content-Security-Policy" '
        "content=\"default-src 'none'; script-src 'sha256-abc'; style-src 'sha256-def'; "
        "img-src data:\"></head><body><p>network</p></body></html>")


@pytest.fixture
def server():
    running = PreviewServer(port=0)
    thread = threading.Thread(target=running.serve_forever, daemon=True)
    thread.start()
    yield running
    running.stop()
    thread.join(10)
    assert not thread.is_alive()


def get(server: PreviewServer, path: str, host: str | None = None):
    port = server.server_address[1]
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    headers = {"Host": host} if host else {}
    connection.request("GET", path, headers=headers)
    response = connection.getresponse()
    return response, connection


def first_event(server: PreviewServer) -> dict:
    response, connection = get(server, "/events")
    assert response.getheader("Content-Type").startswith("text/event-stream")
    line = response.fp.readline().decode()
    connection.close()
    assert line.startswith("data: ")
    return json.loads(line[len("data: "):])


def test_the_served_page_adds_only_the_preview_and_what_it_needs():
    served = preview_page(PAGE, 3, "f00d")
    policy = re.search(r'content="([^"]*)"', served).group(1).split("; ")
    assert policy == ["default-src 'none'",
                      f"script-src 'sha256-abc' {csp_hash(preview_script())}",
                      "style-src 'sha256-def'", "img-src data:", "connect-src 'self'"]
    assert f"<script>{preview_script()}</script>" in served
    own = '{"build":3,"run":"","shell":"f00d"}'
    assert f'<script type="application/json" id="preview-data">{own}</script>' in served
    # take the additions out again: the rest is the page as built
    plain = served.replace(" " + csp_hash(preview_script()), "").replace("; connect-src 'self'", "")
    plain = re.sub(r'<script type="application/json" id="preview-data">.*?</script>\n', "", plain)
    assert plain.replace(f"<script>{preview_script()}</script>\n", "") == PAGE


def test_a_page_without_a_policy_is_refused():
    with pytest.raises(ValueError, match="Content-Security-Policy"):
        preview_page("<html><body></body></html>", 1)


def test_serves_the_page_and_its_events_and_nothing_else(server):
    server.publish(PAGE)
    response, _ = get(server, "/")
    body = response.read().decode()
    assert response.status == 200 and "<p>network</p>" in body and "preview-data" in body
    assert response.getheader("Cache-Control") == "no-store"
    assert first_event(server) == {"ok": True, "build": 1, "run": server.state.run,
                                   "shell": shell_of(PAGE), "problems": [], "failure": ""}
    for path in ["/network.html", "/../data/network.yaml", "/events/../", "/%2e%2e/seeds"]:
        response, _ = get(server, path)
        assert response.status == 404, path


def page_with_data(title: str, vis: dict, data: dict) -> str:
    from graphviz_app.render import script_json

    blocks = "".join(f'<script type="application/json" id="{name}">{script_json(value)}</script>'
                     for name, value in (("vis-data", vis), ("page-data", data)))
    return PAGE.replace("<p>network</p>", f"<h1>{title}</h1>{blocks}")


def test_data_sends_the_last_good_build_for_the_tab_to_take_in_place(server):
    assert get(server, "/data")[0].status == 404  # no good build yet
    first = page_with_data("Title", {"nodes": [1]}, {"summary": "</script> & more"})
    server.publish(first)
    response, _ = get(server, "/data")
    assert response.status == 200 and response.getheader("Cache-Control") == "no-store"
    assert response.getheader("Content-Type") == "application/json; charset=utf-8"
    assert json.loads(response.read()) == {"build": 1, "run": server.state.run,
                                          "shell": shell_of(first),
                                          "vis": {"nodes": [1]},
                                          "page": {"summary": "</script> & more"}}
    second = page_with_data("Title", {"nodes": [1, 2]}, {"summary": "edited"})
    server.publish(second)
    assert shell_of(second) == shell_of(first)  # only the data changed: it can go in place
    sent = json.loads(get(server, "/data")[0].read())
    assert sent["build"] == 2 and sent["vis"] == {"nodes": [1, 2]}
    assert sent["page"] == {"summary": "edited"}
    server.publish(None, [])
    assert json.loads(get(server, "/data")[0].read())["build"] == 2  # a failed build keeps it
    run = server.state.run
    third = page_with_data("Title", {"nodes": [1, 2]}, {"summary": "edited again"})
    server.publish(third)  # the same network as build 2: a tab that has 2 is not sent it
    sent = json.loads(get(server, f"/data?have={run}.2")[0].read())
    assert sent["vis"] is None and sent["page"] == {"summary": "edited again"}
    for have in (f"{run}.1", "other.2", "2", f"{run}.x", ""):  # a network it lacks: sent
        assert json.loads(get(server, f"/data?have={have}")[0].read())["vis"] == {"nodes": [1, 2]}
    assert shell_of(page_with_data("Another title", {}, {})) != shell_of(first)  # reload instead
    assert get(server, "/data", host="attacker.example")[0].status == 421


def test_answers_only_to_this_machine_by_name(server):
    server.publish(PAGE)
    assert get(server, "/", host="localhost:1")[0].status == 200
    response, _ = get(server, "/", host="attacker.example")
    assert response.status == 421  # a page elsewhere cannot read it through a rebound name


def test_a_failed_build_keeps_the_last_page_and_streams_its_problems(server):
    server.publish(PAGE)
    problem = Problem("data/network.yaml", 12, 11, "S104", 'unknown interaction type "cal"',
                      'did you mean "call"?', ())
    server.publish(None, [problem])
    assert "<p>network</p>" in get(server, "/")[0].read().decode()
    assert first_event(server) == {"ok": False, "build": 1, "run": server.state.run,
                                   "shell": shell_of(PAGE), "problems": [{
        "file": "data/network.yaml", "line": 12, "column": 11, "code": "S104",
        "severity": "error", "message": 'unknown interaction type "cal"',
        "help": 'did you mean "call"?'}], "failure": ""}


def test_each_server_process_names_its_builds_and_its_placeholder_knows_it(server):
    other = PreviewServer(port=0)
    other.server_close()
    assert server.state.run != other.state.run  # a tab that outlives one server knows
    waiting = get(server, "/")[0].read().decode()  # ... and a placeholder is not a stale page
    assert f'"run":"{server.state.run}"' in waiting


def test_before_any_good_build_a_placeholder_waits_for_one(server):
    assert "Building the page" in get(server, "/")[0].read().decode()
    server.publish(None, [])
    body = get(server, "/")[0].read().decode()
    assert "The data has errors" in body and "preview-data" in body


def test_help_says_where_it_serves():
    result = CliRunner().invoke(cli, ["serve", "--help"])
    assert result.exit_code == 0
    assert "127.0.0.1" in result.output and "--no-open" in result.output
    assert "Example:" in result.output


def test_a_port_in_use_is_an_input_error(make_project):
    data = make_project()
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = CliRunner().invoke(cli, ["serve", str(data), "--port", str(port), "--no-open"])
    assert result.exit_code == 2
    assert f"cannot serve on 127.0.0.1:{port}" in result.output
    assert "choose another --port" in result.output


def test_another_host_is_served_with_a_warning_and_ctrl_c_stops_it(make_project):
    data = make_project()
    root = data.parent.parent
    process = subprocess.Popen(
        [sys.executable, "-m", "graphviz_app", "serve", str(data), "-o",
         str(root / "docs" / "network.html"), "--host", "127.0.0.2", "--port", "0",
         "--no-open"], cwd=root, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        env={**os.environ, "NO_COLOR": "1", "PYTHONPATH": str(ROOT)})
    try:
        deadline = time.monotonic() + 30
        while not (root / "docs" / "network.html").exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        time.sleep(0.3)
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0
    assert "warning: serving on 127.0.0.2" in err.decode()
    assert "serving http://127.0.0.2:" in out.decode()
    assert out.decode().rstrip().endswith("stopped serving")


@pytest.mark.parametrize("path", ["/", "/data"])
def test_a_tab_gone_while_a_large_page_is_sent_prints_no_traceback(server, capsys, path):
    """Reloading or closing the tab while a big page or its data is on its way is ordinary."""
    server.publish(page_with_data("Title", {"nodes": ["x" * 20_000_000]}, {}))
    for _ in range(3):
        client = socket.create_connection(server.server_address[:2], timeout=10)
        client.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
        assert client.recv(64).startswith(b"HTTP/1.0 200")
        # closed at once and reset: the server's next write fails
        client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        client.close()
    time.sleep(1)
    assert get(server, "/")[0].status == 200  # still serving
    printed = capsys.readouterr()
    assert "Traceback" not in printed.err + printed.out


def test_a_build_that_cannot_read_the_data_tells_the_tab_why(server, make_project):
    from graphviz_app.cli import _Rebuilder

    data = make_project()
    rebuild = _Rebuilder(data, None, data.parent.parent / "docs" / "network.html",
                         publish=server.publish)
    rebuild()
    assert server.state.outcome["ok"] is True
    data.unlink()  # a branch switched, a file moved: no problem of the data to list
    rebuild()
    outcome = server.state.outcome
    assert outcome["ok"] is False and outcome["problems"] == []
    assert "network.yaml does not exist" in outcome["failure"]


def test_a_build_number_that_is_no_number_is_a_build_the_tab_lacks(server, capsys):
    page = page_with_data("Title", {"nodes": [1]}, {})
    server.publish(page)
    run = server.state.run
    for have in (f"{run}.\u00b2", f"{run}.\u0661", f"{run}." + "9" * 5000):
        response, _ = get(server, "/data?have=" + urllib.parse.quote(have))
        assert response.status == 200 and json.loads(response.read())["vis"] == {"nodes": [1]}
    printed = capsys.readouterr()
    assert "Traceback" not in printed.err + printed.out
