"""The galaxy index: its cache is reused, and rebuilt when the galaxy files change."""

from __future__ import annotations

import dataclasses
import json
import os
import shutil

import msgpack
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from misp_module.core import galaxy_index
from misp_module.core.errors import GalaxyError
from misp_module.core.galaxy_index import load_index
from misp_module.core.urls import normalize_url

from conftest import GALAXY


@pytest.fixture
def galaxy_copy(tmp_path, monkeypatch):
    (tmp_path / "clusters").mkdir()
    shutil.copy(GALAXY / "clusters" / "threat-actor.json", tmp_path / "clusters")
    monkeypatch.setenv("ORKL_MISP_CACHE", str(tmp_path / "cache"))
    galaxy_index._MEMO.clear()
    yield tmp_path
    galaxy_index._MEMO.clear()


def test_cache_is_written_then_used(galaxy_copy, monkeypatch):
    first = load_index(galaxy_copy, ("threat-actor",))
    assert len(list((galaxy_copy / "cache").glob("index-*.msgpack"))) == 1
    galaxy_index._MEMO.clear()
    monkeypatch.setattr(galaxy_index, "build_index", lambda *a: pytest.fail("rebuilt"))
    second = load_index(galaxy_copy, ("threat-actor",))
    assert len(second.clusters) == len(first.clusters)


def test_cache_is_invalidated_when_a_file_changes(galaxy_copy):
    load_index(galaxy_copy, ("threat-actor",))
    path = galaxy_copy / "clusters" / "threat-actor.json"
    data = json.loads(path.read_text())
    data["values"][0]["meta"].setdefault("synonyms", []).append("Quixotic Narwhal")
    path.write_text(json.dumps(data))
    os.utime(path, ns=(1, 1))
    galaxy_index._MEMO.clear()
    index = load_index(galaxy_copy, ("threat-actor",))
    assert "quixotic narwhal" in index.by_name


def test_torn_cache_is_rebuilt(galaxy_copy):
    load_index(galaxy_copy, ("threat-actor",))
    (cache,) = (galaxy_copy / "cache").glob("index-*.msgpack")
    cache.write_bytes(b"torn")
    galaxy_index._MEMO.clear()
    assert load_index(galaxy_copy, ("threat-actor",)).clusters


def test_bad_galaxy_sources(tmp_path):
    with pytest.raises(GalaxyError, match="no cluster file for galaxy 'nope'"):
        load_index(GALAXY, ("nope",))
    (tmp_path / "clusters").mkdir()
    (tmp_path / "clusters" / "threat-actor.json").write_text("{")
    with pytest.raises(GalaxyError, match="cannot read cluster file"):
        load_index(tmp_path, ("threat-actor",), use_cache=False)


@pytest.mark.parametrize(
    "a, b",
    [
        ("https://www.example.org/a/b/", "http://example.org/a/b"),
        ("https://example.org/a#section", "https://example.org/a"),
        ("https://example.org/a?utm_source=x&id=1&fbclid=2", "https://example.org/a?id=1"),
        ("HTTPS://EXAMPLE.org:443/a", "https://example.org/a"),
        ("https://example.org/a%20b", "https://example.org/a b"),
    ],
)
def test_url_normal_forms_agree(a, b):
    assert normalize_url(a) == normalize_url(b)


@pytest.mark.parametrize(
    "a, b",
    [
        ("https://example.org/a", "https://example.org/b"),
        ("https://a.org/x?id=1", "https://a.org/x?id=2"),
    ],
)
def test_url_normal_forms_differ(a, b):
    assert normalize_url(a) != normalize_url(b)


def test_not_urls():
    assert (
        normalize_url("ftp://x/y") is None
        and normalize_url("") is None
        and normalize_url("http://") is None
    )


# --- the cache is data, never code; kept small; in memory, a few indexes ------------------


def test_cache_is_data_in_a_folder_only_this_user_writes(galaxy_copy):
    load_index(galaxy_copy, ("threat-actor",))
    folder = galaxy_copy / "cache"
    assert oct(folder.stat().st_mode & 0o777) == "0o700"
    (cache,) = folder.glob("index-*.msgpack")
    assert msgpack.unpackb(cache.read_bytes())["format"] == galaxy_index._INDEX_FORMAT


@pytest.mark.parametrize("loosen", ["folder", "file"])
def test_cache_others_can_write_is_never_read(galaxy_copy, monkeypatch, loosen):
    load_index(galaxy_copy, ("threat-actor",))
    (cache,) = (galaxy_copy / "cache").glob("index-*.msgpack")
    (cache.parent if loosen == "folder" else cache).chmod(0o777 if loosen == "folder" else 0o666)
    galaxy_index._MEMO.clear()
    built = []
    real = galaxy_index.build_index
    monkeypatch.setattr(galaxy_index, "build_index", lambda *a: built.append(1) or real(*a))
    load_index(galaxy_copy, ("threat-actor",))
    assert built == [1]


def test_a_cache_that_lies_about_cluster_ids_is_rebuilt(galaxy_copy):
    load_index(galaxy_copy, ("threat-actor",))
    (cache,) = (galaxy_copy / "cache").glob("index-*.msgpack")
    doc = msgpack.unpackb(cache.read_bytes())
    doc["by_name"]["apt28"] = [10**9]
    cache.write_bytes(msgpack.packb(doc))
    galaxy_index._MEMO.clear()
    index = load_index(galaxy_copy, ("threat-actor",))
    assert all(cid < len(index.clusters) for cid in index.by_name["apt28"])


def test_cache_loads_the_same_index_it_saved(galaxy_copy):
    built = load_index(galaxy_copy, ("threat-actor",), use_cache=False)
    loaded = galaxy_index._from_bytes(galaxy_index._to_bytes(built))
    for f in dataclasses.fields(galaxy_index.GalaxyIndex):  # a new field must be cached too
        if f.name != "scanner":
            assert getattr(loaded, f.name) == getattr(built, f.name), f.name
    assert loaded.scanner.words == built.scanner.words


def test_cache_holds_the_scan_table_so_a_load_works_out_no_spacings(galaxy_copy, monkeypatch):
    built = load_index(galaxy_copy, ("threat-actor",), use_cache=False)
    assert any(" " in p.key for p in built.patterns)  # keys with spacings to work out
    data = galaxy_index._to_bytes(built)
    monkeypatch.setattr(galaxy_index, "_spacings", lambda key: pytest.fail("spacings worked out"))
    loaded = galaxy_index._from_bytes(data)
    assert loaded.scanner.words == built.scanner.words
    assert loaded.scan_values == built.scan_values


def test_a_cache_whose_scan_table_lies_is_rebuilt(galaxy_copy):
    load_index(galaxy_copy, ("threat-actor",))
    (cache,) = (galaxy_copy / "cache").glob("index-*.msgpack")
    doc = msgpack.unpackb(cache.read_bytes())
    doc["scan_values"][0] = [10**9, 3]
    cache.write_bytes(msgpack.packb(doc))
    galaxy_index._MEMO.clear()
    index = load_index(galaxy_copy, ("threat-actor",))
    assert all(pid < len(index.patterns) for pid, _ in index.scan_values)
    assert index.scan_values == galaxy_index._scan_table(index.patterns)[1]


def test_cache_keeps_the_newest_few_per_source(galaxy_copy):
    other = galaxy_copy / "other"
    (other / "clusters").mkdir(parents=True)
    shutil.copy(galaxy_copy / "clusters" / "threat-actor.json", other / "clusters")
    folder = galaxy_copy / "cache"
    (folder).mkdir(mode=0o700)
    old = folder / "index-0123456789abcdef.pickle"  # a release before: never read again
    old.write_bytes(b"x")
    load_index(other, ("threat-actor",))
    path = galaxy_copy / "clusters" / "threat-actor.json"
    for i in range(galaxy_index.KEEP_PER_SOURCE + 3):
        os.utime(path, ns=(i + 1, i + 1))  # a changed file: a new cache file
        galaxy_index._MEMO.clear()
        load_index(galaxy_copy, ("threat-actor",))
    names = sorted(p.name for p in folder.glob("index-*"))
    key = galaxy_index._source_key(galaxy_copy)
    assert len([n for n in names if n.startswith(f"index-{key}-")]) == galaxy_index.KEEP_PER_SOURCE
    assert len([n for n in names if n.startswith(f"index-{galaxy_index._source_key(other)}-")]) == 1
    assert not old.exists()


def test_memory_holds_a_few_indexes_least_recently_used_out(galaxy_copy, monkeypatch):
    for name in ("a-one", "b-two", "c-three", "d-four"):
        shutil.copy(
            galaxy_copy / "clusters" / "threat-actor.json",
            galaxy_copy / "clusters" / f"{name}.json",
        )
    monkeypatch.setattr(galaxy_index, "MAX_INDEXES", 2)
    first = load_index(galaxy_copy, ("a-one",), use_cache=False)
    load_index(galaxy_copy, ("b-two",), use_cache=False)
    assert load_index(galaxy_copy, ("a-one",), use_cache=False) is first  # used again: kept
    load_index(galaxy_copy, ("c-three",), use_cache=False)
    assert len(galaxy_index._MEMO) == 2
    assert load_index(galaxy_copy, ("a-one",), use_cache=False) is first
    assert {i.galaxies for i in galaxy_index._MEMO.values()} == {("a-one",), ("c-three",)}
    monkeypatch.setattr(galaxy_index, "MAX_CLUSTERS", len(first.clusters) + 1)
    load_index(galaxy_copy, ("d-four",), use_cache=False)
    assert [i.galaxies for i in galaxy_index._MEMO.values()] == [("d-four",)]


@pytest.mark.parametrize("name", ["../clusters/threat-actor", "/etc/passwd", "a/b", "..", "A B"])
def test_a_galaxy_is_named_never_a_path(galaxy_copy, name):
    with pytest.raises(GalaxyError, match="no cluster file for galaxy") as err:
        load_index(galaxy_copy, (name,))
    assert str(err.value).endswith("galaxies there: threat-actor")


def test_an_index_in_memory_is_found_without_rehashing_and_a_change_still_seen(
    galaxy_copy, monkeypatch
):
    """A module query looks the index up each time: with the files unchanged, their paths are
    not resolved nor hashed again; a changed file still is."""
    first = load_index(galaxy_copy, ("threat-actor",))
    calls = []
    fingerprint = galaxy_index._fingerprint
    monkeypatch.setattr(galaxy_index, "_fingerprint", lambda *a: calls.append(a) or fingerprint(*a))
    assert load_index(galaxy_copy, ("threat-actor",)) is first
    assert calls == []
    path = galaxy_copy / "clusters" / "threat-actor.json"
    data = json.loads(path.read_text())
    data["values"][0]["meta"].setdefault("synonyms", []).append("Quixotic Narwhal")
    path.write_text(json.dumps(data))
    os.utime(path, ns=(1, 1))
    index = load_index(galaxy_copy, ("threat-actor",))  # no memory cleared: a running server
    assert len(calls) == 1 and "quixotic narwhal" in index.by_name


_URL_PART = st.text(alphabet=st.sampled_from(list("aZ09-._~%41/?#=&:@[]\\ \té")), max_size=12)


@settings(max_examples=600, deadline=None)
@given(
    scheme=st.sampled_from(["http://", "https://", "HTTPS://", "ftp://", "", "https:/"]),
    www=st.sampled_from(["", "www.", "WWW.", "www.www."]),
    host=st.sampled_from(["orkl.eu", "archive.orkl.eu", "x-y.example", "Ex.COM", "a_b.c", "h."]),
    port=st.sampled_from(["", ":443", ":80", ":8080", ":"]),
    path=st.sampled_from(["", "/", "/a/b/", "/report.pdf", "//x//"]) | _URL_PART.map("/".__add__),
    tail=st.sampled_from(["", "?utm_source=x&b=2", "#frag", "?", " "]),
)
def test_url_normal_form_fast_path_agrees_with_the_general_one(scheme, www, host, port, path, tail):
    from misp_module.core.urls import _normalize

    url = f" {scheme}{www}{host}{port}{path}{tail}"
    assert normalize_url(url) == _normalize(url.strip())


def test_names_written_in_lower_case_as_prose_are_worked_out_when_the_index_is_built(
    galaxy_copy,
):
    from misp_module.core.names import lower_is_prose

    built = load_index(galaxy_copy, ("threat-actor",), use_cache=False)
    expected = {
        p.key for p in built.patterns if not p.case_sensitive and lower_is_prose(p.key, p.names)
    }
    assert built.lower_prose == expected
    assert "hacking team" in built.lower_prose  # "an Indonesian hacking team"


def test_matching_never_loads_wordfreq_once_the_index_is_cached(galaxy_copy):
    """wordfreq (0.3 s of CPU to load) is for building the index; a process that matches with
    a cached index answers "is this lower-case name prose?" from the index."""
    import subprocess
    import sys

    script = (
        "import sys\n"
        "from misp_module.core.enrich import Enricher\n"
        "from misp_module.core.entry import parse_entry\n"
        f"e = Enricher({str(galaxy_copy)!r}, ('threat-actor',))\n"
        "text = 'An Indonesian hacking team defaced sites. The hacking team ran a forum. ' * 4\n"
        "entry = parse_entry({'id': '00000000-0000-4000-8000-000000000001', 'sha1_hash': '1' * 40,"
        " 'title': 'x', 'plain_text': text, 'references': [], 'threat_actors': []})\n"
        "assert not [m for m in e.enrich(entry).matches if m.value == 'Hacking Team']\n"
        "print('wordfreq' in sys.modules)\n"
    )
    env = {**os.environ, "ORKL_MISP_CACHE": str(galaxy_copy / "cache")}
    run = [sys.executable, "-c", script]
    first = subprocess.run(run, env=env, capture_output=True, text=True, check=True)
    assert first.stdout.strip() == "True"  # the index built: wordfreq read
    again = subprocess.run(run, env=env, capture_output=True, text=True, check=True)
    assert again.stdout.strip() == "False"


def test_a_cache_writer_that_died_leaves_no_temporary_file_after_the_next_write(galaxy_copy):
    load_index(galaxy_copy, ("threat-actor",))
    folder = galaxy_copy / "cache"
    (cache,) = folder.glob("index-*.msgpack")
    # a writer killed mid-write (a pid above any pid_max) and a live one (this process)
    stale = folder / f".{cache.name}.999999999.abcdefgh.tmp"
    live = folder / f".{cache.name}.{os.getpid()}.ijklmnop.tmp"
    stale.write_bytes(b"half an index")
    live.write_bytes(b"being written")
    cache.unlink()
    galaxy_index._MEMO.clear()
    load_index(galaxy_copy, ("threat-actor",))  # rebuilds, so writes the cache again
    assert not stale.exists()
    assert [p.name for p in folder.glob(".*.tmp")] == [live.name]  # a live writer's stays
    (again,) = folder.glob("index-*.msgpack")
    assert again.name == cache.name
