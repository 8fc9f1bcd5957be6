"""The expansion module: offline through handler(), live through the real misp-modules server."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor

import pytest
from orkl_fake import FakeOrkl, install, make_entries

from misp_module.misp import expansion
from misp_module.module import handler
from misp_module.orkl.library import Library
from misp_module.orkl.sync import import_files

from conftest import EU_DECLARATION, EU_URL, OPENCTI

EU_SHA1 = "fea6b7aed1e060e78366ceb11657592c0c3694a8"
EU_ID = "c9619381-3d02-4535-a1f6-98dd34440de6"
ATTRIBUTE_UUID = "0b1a8a55-3e2f-4c55-8f0e-1d5a2b8c9e01"
CONFIG_NAMES = expansion.moduleconfig
EU_TAGS = {
    'misp-galaxy:threat-actor="APT40"',
    'misp-galaxy:threat-actor="APT31"',
    'public-attribution:attributing-party="EU"',
    'public-attribution:attributed-state="CN"',
}


def query(a_type, value, config=None, **extra):
    q = {
        "module": "orkl_attribution",
        "event_id": "7",
        "attribute": {
            "type": a_type,
            "value": value,
            "uuid": ATTRIBUTE_UUID,
            "category": "External analysis",
        },
        "config": {"offline": "true", **(config or {})},
    }
    q.update(extra)
    return q


def ask(q):
    return handler(json.dumps(q).encode())


def assert_eu_results(answer):
    results = answer["results"]
    (obj,) = results["Object"]
    assert obj["name"] == "report"
    assert obj["ObjectReference"][0]["referenced_uuid"] == ATTRIBUTE_UUID
    assert obj["ObjectReference"][0]["relationship_type"] == "expanded-from"
    (report,) = results["EventReport"]
    assert report["name"].startswith("ORKL: China: Declaration")
    assert {t["name"] for t in results["Tag"]} >= EU_TAGS


@pytest.mark.parametrize(
    "a_type, value",
    [
        ("link", EU_URL),
        ("url", EU_URL.rstrip("/").replace("https://www.", "http://")),
        ("link", f"https://archive.orkl.eu/{EU_SHA1}.pdf"),
        ("sha1", EU_SHA1.upper()),
        ("text", EU_ID),
    ],
)
def test_each_input_type(a_type, value):
    assert_eu_results(ask(query(a_type, value)))


def test_automatic_enrichment_attribute_uuid():
    q = query("sha1", EU_SHA1)
    del q["attribute"]["uuid"]
    q["attribute_uuid"] = ATTRIBUTE_UUID
    assert_eu_results(ask(q))


@pytest.mark.parametrize(
    "a_type, value",
    [("link", "https://unknown.example/report"), ("text", "just some words"), ("sha1", "a" * 40)],
)
def test_nothing_found_is_empty_results(a_type, value):
    assert ask(query(a_type, value)) == {"results": {}}


@pytest.mark.parametrize("name", CONFIG_NAMES)
@pytest.mark.parametrize("unset", [None, "", "  "])
def test_settings_left_null_or_empty_mean_the_default(name, unset, monkeypatch):
    # Unset offline means online: the server's API is nothing reachable.
    monkeypatch.setenv("ORKL_API_URL", "http://127.0.0.1:9/api/v1")
    default = ask(query("link", EU_URL))
    config = {n: None for n in CONFIG_NAMES}
    config["offline"] = "true"
    config[name] = unset
    assert ask(query("link", EU_URL, config)) == default


@pytest.mark.parametrize(
    "q, message",
    [
        (b"not json", "the request is not JSON"),
        (b"[1, 2]", "the request is not a JSON object"),
        ({"module": "orkl_attribution"}, "the request has no attribute"),
        (
            query("ip-src", "10.0.0.1"),
            "attribute type 'ip-src' is not supported; this module takes link, url, sha1, text",
        ),
        (query("link", ""), "the link attribute has no value"),
        (query("sha1", "not-a-sha1"), "'not-a-sha1' is not a sha1 (40 hexadecimal digits)"),
        (
            query("link", EU_URL, {"offline": "maybe"}),
            "setting offline: 'maybe' is not true or false",
        ),
        (query("link", EU_URL, {"threshold": "high"}), "setting threshold: 'high' is not a number"),
        (query("link", EU_URL, {"timeout": "600"}), "setting timeout: 600 is outside 0.1..60.0"),
        (
            query("link", EU_URL, {"galaxies": "no-such-galaxy"}),
            "no cluster file for galaxy 'no-such-galaxy'",
        ),
        (query("link", EU_URL) | {"config": [1]}, "config must be an object of settings"),
    ],
)
def test_malformed_requests(q, message):
    answer = handler(q if isinstance(q, bytes) else json.dumps(q))
    assert set(answer) == {"error"}
    assert message in answer["error"]


def test_handler_without_query():
    assert handler() is False


def test_module_metadata():
    info = expansion.version()
    for key in (
        "version",
        "author",
        "module-type",
        "name",
        "description",
        "logo",
        "requirements",
        "features",
        "references",
        "input",
        "output",
    ):
        assert key in info
    assert info["module-type"] == ["expansion", "hover"]
    assert info["config"] == CONFIG_NAMES
    assert expansion.introspection() == {
        "input": ["link", "url", "sha1", "text"],
        "output": ["report", "text", "link"],
        "format": "misp_standard",
    }


def serve_from(monkeypatch, api=None, library=None):
    """The server's own configuration, as `orkl-misp serve` passes it on."""
    if api:
        monkeypatch.setenv("ORKL_API_URL", api)
    if library:
        monkeypatch.setenv("ORKL_MISP_LIBRARY", str(library))


def test_a_url_from_an_attribute_is_never_fetched(httpserver, tmp_path, monkeypatch):
    fake = FakeOrkl(make_entries(3))
    api = install(httpserver, fake)
    serve_from(monkeypatch, api, tmp_path / "l.sqlite3")
    # The attribute points at the same loopback server: a fetch would show in its log.
    link = httpserver.url_for("/reports/secret-report.html")
    answer = ask(query("link", link, {"offline": "false"}))
    assert answer == {"results": {}}
    assert [r.path for r in fake.requests] == []
    assert all("/reports/" not in str(entry[0].url) for entry in httpserver.log)


def test_sha1_not_in_the_library_is_asked_of_the_api_then_kept(httpserver, tmp_path, monkeypatch):
    fake = FakeOrkl(make_entries(3))
    api = install(httpserver, fake)
    lib = tmp_path / "l.sqlite3"
    serve_from(monkeypatch, api, lib)
    wanted = fake.entries[1]
    config = {"offline": "false"}
    answer = ask(query("sha1", wanted["sha1_hash"], config))
    assert answer["results"]["Object"][0]["Attribute"][0]["value"]
    assert [r.path for r in fake.requests] == [f"/api/v1/library/entry/sha1/{wanted['sha1_hash']}"]
    with Library(lib) as library:
        assert library.by_sha1(wanted["sha1_hash"]).id == wanted["id"]
    ask(query("sha1", wanted["sha1_hash"], config))
    assert len(fake.requests) == 1  # the second time it came from the library


def test_api_failure_is_an_error_an_analyst_can_act_on(tmp_path, monkeypatch):
    serve_from(monkeypatch, "http://127.0.0.1:9/api/v1", tmp_path / "l.sqlite3")
    answer = ask(query("sha1", "b" * 40, {"offline": "false"}))
    assert answer["error"].startswith(
        "orkl_attribution: ORKL API http://127.0.0.1:9/api/v1/library/entry/sha1/"
    )
    assert "connection refused by 127.0.0.1:9; not retried" in answer["error"]


def test_library_setting_chooses_among_the_listed(tmp_path, monkeypatch):
    lib = tmp_path / "lib.sqlite3"
    with Library(lib) as library:
        import_files(library, [str(OPENCTI)])
    monkeypatch.setenv("ORKL_MISP_ALLOWED_LIBRARIES", str(lib))
    url = "https://www.bitdefender.com/en-us/blog/businessinsights/silkparasite-tracking-china-nexus-apt-across-central-asia"
    answer = ask(query("link", url, {"library": str(lib)}))
    assert 'misp-galaxy:threat-actor="GhostEmperor"' in {
        t["name"] for t in answer["results"]["Tag"]
    }


def test_a_reply_is_built_once_and_a_changed_entry_is_built_again(tmp_path, monkeypatch):
    from misp_module.core.enrich import Enricher

    built = []
    enrich = Enricher.enrich
    monkeypatch.setattr(
        Enricher, "enrich", lambda self, e: built.append(e.title) or enrich(self, e)
    )
    monkeypatch.setattr(expansion, "_replies", type(expansion._replies)())
    lib = tmp_path / "lib.sqlite3"
    with Library(lib) as library:
        import_files(library, [str(EU_DECLARATION)])
    monkeypatch.setenv("ORKL_MISP_ALLOWED_LIBRARIES", str(lib))
    first = ask(query("sha1", EU_SHA1, {"library": str(lib)}))
    again = ask(query("text", EU_ID, {"library": str(lib)}))
    assert again == first and len(built) == 1
    assert again is not first and again["results"]["Tag"] is not first["results"]["Tag"]
    # Another attribute, other settings, an updated entry: each its own reply.
    ask(
        query("sha1", EU_SHA1, {"library": str(lib)}, attribute_uuid=None)
        | {"attribute": {"type": "sha1", "value": EU_SHA1}}
    )
    ask(query("sha1", EU_SHA1, {"library": str(lib), "threshold": "0.9"}))
    raw = json.loads(EU_DECLARATION.read_text())
    raw["title"] = "Updated title"
    (tmp_path / "new.json").write_text(json.dumps(raw))
    with Library(lib) as library:
        import_files(library, [str(tmp_path / "new.json")])
    updated = ask(query("sha1", EU_SHA1, {"library": str(lib)}))
    assert built == [built[0]] * 3 + ["Updated title"]
    assert updated["results"]["EventReport"][0]["name"] == "ORKL: Updated title"


# --- live: the real misp-modules server ------------------------------------------------------


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    from misp_module.misp.server import ModuleServer

    lib = tmp_path_factory.mktemp("live") / "library.sqlite3"
    with Library(lib) as library:
        import_files(library, [str(EU_DECLARATION), str(OPENCTI)])
    with ModuleServer(env={"ORKL_MISP_OFFLINE": "true", "ORKL_MISP_LIBRARY": str(lib)}) as s:
        yield s


def test_live_modules_lists_the_module(server):
    (mod,) = [m for m in server.modules() if m["name"] == "orkl_attribution"]
    assert mod["type"] == "expansion"
    assert mod["mispattributes"]["input"] == ["link", "url", "sha1", "text"]
    assert mod["meta"]["config"] == CONFIG_NAMES
    assert "CUSTOM MISP module orkl_attribution (type=expansion) imported" in server.log_text()


@pytest.mark.parametrize(
    "a_type, value",
    [("link", EU_URL), ("url", EU_URL), ("sha1", EU_SHA1), ("text", EU_ID)],
)
def test_live_query_each_input_type(server, a_type, value):
    q = query(a_type, value, {n: None for n in CONFIG_NAMES})
    assert_eu_results(server.query(q))


def test_live_twenty_parallel_queries(server):
    kinds = [("link", EU_URL), ("sha1", EU_SHA1), ("text", EU_ID), ("url", EU_URL)] * 5
    with ThreadPoolExecutor(20) as pool:
        answers = list(pool.map(lambda kv: server.query(query(*kv)), kinds))
    first = answers[0]
    for answer in answers:
        assert_eu_results(answer)
        assert answer == first  # same entry, same bytes, whatever the key


def test_live_no_match_and_error(server):
    assert server.query(query("link", "https://unknown.example/x")) == {"results": {}}
    assert "is not a sha1" in server.query(query("sha1", "zz"))["error"]
