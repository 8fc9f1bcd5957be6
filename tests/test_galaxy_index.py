"""The galaxy index: its cache is reused, and rebuilt when the galaxy files change."""

from __future__ import annotations

import json
import os
import shutil

import pytest

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
    assert len(list((galaxy_copy / "cache").glob("index-*.pickle"))) == 1
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
    (cache,) = (galaxy_copy / "cache").glob("index-*.pickle")
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
