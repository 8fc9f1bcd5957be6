"""What a request may set: only what the server's own configuration allows (issue 14)."""

from __future__ import annotations

import json
import re
import time

import pytest
from werkzeug.wrappers import Response

from misp_module.cli import main
from misp_module.core.errors import ConfigError
from misp_module.misp import expansion, policy
from misp_module.misp.policy import RequestError, ServerPolicy, policy_from, settings_from
from misp_module.orkl.client import DEFAULT_API_URL, OrklApiError, OrklClient

from conftest import EU_URL


def test_the_default_api_is_orkls_alone():
    assert policy.ORKL_API_URL == DEFAULT_API_URL
    assert policy_from({}).allowed_api_urls == (DEFAULT_API_URL,)


def test_a_request_chooses_among_what_the_server_allows(tmp_path):
    lib, other = tmp_path / "a.sqlite3", tmp_path / "b.sqlite3"
    p = policy_from(
        {
            "ORKL_API_URL": "http://127.0.0.1:9/api/v1/",
            "ORKL_MISP_ALLOWED_API_URLS": "https://orkl.eu/api/v1, http://mirror.example/api/v1",
            "ORKL_MISP_LIBRARY": str(lib),
            "ORKL_MISP_ALLOWED_LIBRARIES": str(other),
        }
    )
    s = settings_from({}, p)
    assert (s.api_url, s.library) == ("http://127.0.0.1:9/api/v1", str(lib))
    s = settings_from({"api_url": "http://mirror.example/api/v1/", "library": str(other)}, p)
    assert (s.api_url, s.library) == ("http://mirror.example/api/v1", str(other))
    for name, value in (
        ("api_url", "http://evil.example/api/v1"),
        ("library", str(tmp_path / "c.sqlite3")),
        ("galaxy_dir", str(tmp_path)),
    ):
        with pytest.raises(RequestError, match=f"setting {name}: not one|setting {name}: not an"):
            settings_from({name: value}, p)


def test_offline_server_stays_offline():
    p = policy_from({"ORKL_MISP_OFFLINE": "true"})
    assert settings_from({"offline": "false"}, p).offline


def test_galaxies_a_request_names_are_few_names():
    p = ServerPolicy(max_galaxies=2)
    assert settings_from({"galaxies": "threat-actor, malpedia"}, p).galaxies == (
        "threat-actor",
        "malpedia",
    )
    with pytest.raises(RequestError, match="3 galaxies named; this server matches 2 at most"):
        settings_from({"galaxies": "a,b,c"}, p)
    with pytest.raises(RequestError, match="never a path"):
        settings_from({"galaxies": "/etc/passwd"}, p)


def test_configuration_file_and_environment(tmp_path):
    conf = tmp_path / "server.json"
    conf.write_text(
        json.dumps(
            {"allowed_api_urls": ["http://mirror.example/api/v1"], "galaxies": "threat-actor"}
        )
    )
    p = policy_from({"ORKL_MISP_CONFIG": str(conf), "ORKL_API_URL": "http://a.example/api"})
    assert p.allowed_api_urls == ("http://a.example/api", "http://mirror.example/api/v1")
    assert p.galaxies == ("threat-actor",)
    conf.write_text(json.dumps({"api_ur": "x"}))
    with pytest.raises(ConfigError, match=r"unknown setting\(s\) api_ur"):
        policy_from({"ORKL_MISP_CONFIG": str(conf)})
    with pytest.raises(ConfigError, match="is not an http"):
        policy_from({"ORKL_API_URL": "file:///etc/passwd"})


def test_serve_stops_on_a_wrong_configuration_in_one_line(tmp_path, capsys):
    conf = tmp_path / "server.json"
    conf.write_text("{")
    assert main(["serve", "--config", str(conf), "--port", "1"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "the server configuration is not JSON" in err


def test_replies_name_no_server_path(tmp_path):
    p = ServerPolicy(library=str(tmp_path / "lib.sqlite3"))
    message = f"{tmp_path}/lib.sqlite3: cannot open the library (unable to open database file)"
    public = policy.public_message(message, p)
    assert str(tmp_path) not in public
    assert public.startswith("<server path>: cannot open the library")
    url = "ORKL API https://orkl.eu/api/v1/library/entry/x: HTTP 500"
    assert policy.public_message(url, p) == url


def _slow(value, settings):
    time.sleep(3)
    return None, ""


@pytest.mark.parametrize("event_id, deadline", [("7", 0.6), (None, 0.3)])
def test_the_answer_comes_within_the_deadline(tmp_path, monkeypatch, event_id, deadline):
    conf = tmp_path / "server.json"
    conf.write_text(json.dumps({"deadline": 0.6, "hover_deadline": 0.3}))
    monkeypatch.setenv("ORKL_MISP_CONFIG", str(conf))
    q = {"module": "orkl_attribution", "attribute": {"type": "link", "value": EU_URL}}
    if event_id:
        q["event_id"] = event_id
    began = time.monotonic()
    answer = expansion.handle(json.dumps(q), _slow)
    assert time.monotonic() - began < deadline + 0.4
    assert f"no answer within {deadline:g} s" in answer["error"]


def test_redirects_on_the_same_host_are_followed(httpserver):
    body = {"data": {"library_entries": 1}, "message": "ok", "status": "success"}
    httpserver.expect_request("/api/v1/library/info").respond_with_response(
        Response(status=301, headers={"Location": "/api/v2/library/info"})
    )
    httpserver.expect_request("/api/v2/library/info").respond_with_json(body)
    client = OrklClient(httpserver.url_for("/api/v1"), rate=0)
    assert client.info() == {"library_entries": 1}


def test_a_redirect_to_another_port_is_another_host(httpserver):
    httpserver.expect_request(re.compile(".*")).respond_with_response(
        Response(status=302, headers={"Location": "http://127.0.0.1:9/x"})
    )
    client = OrklClient(httpserver.url_for("/api/v1"), rate=0)
    with pytest.raises(OrklApiError, match=r"redirected to another host or scheme \(http://127"):
        client.info()
    assert len(httpserver.log) == 1
