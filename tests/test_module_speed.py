"""The module's speed-ups keep its replies: the same bytes whichever way they are computed."""

from __future__ import annotations

import copy

import orjson

from misp_module.core import galaxy_index
from misp_module.core.literals import hyperscan
from misp_module.misp import expansion
from misp_module.misp.policy import settings_from

from conftest import make_entry

TEXT = (
    "Researchers attribute the Sofacy campaign to APT28, which also used X-Agent and "
    "Advanced Persistent\r\nThreat 40 tools. The European Union attributes this activity to "
    "China. Turla and Lazarus Group were named in an earlier report about WannaCry. " * 3
)


def test_the_servers_own_galaxies_scan_with_hyperscan_and_reply_the_same(tmp_path, monkeypatch):
    from misp_module.core.enrich import Enricher
    from misp_module.misp.results import build_results

    monkeypatch.setenv("ORKL_MISP_CACHE", str(tmp_path / "cache"))
    galaxy_index._MEMO.clear()
    try:
        own = expansion._enricher(settings_from({}))
        # A galaxy list the request names is not compiled for (no database in the cache).
        other = expansion._enricher(settings_from({"galaxies": "threat-actor"}))
    finally:
        galaxy_index._MEMO.clear()
    assert own.index.scanner.engine == ("hyperscan" if hyperscan is not None else "ahocorasick")
    assert other.index.scanner.engine == "ahocorasick"
    plain = copy.copy(own.index)
    galaxy_index._scanner(plain, "ahocorasick")
    entry = make_entry(TEXT, title="APT28 and Turla")
    replies = [
        orjson.dumps(build_results(e.enrich(entry), "0b1a8a55-3e2f-4c55-8f0e-1d5a2b8c9e01", "1"))
        for e in (own, Enricher(index=plain, rules=own.rules, threshold=own.threshold))
    ]
    assert replies[0] == replies[1]
    assert b"APT28" in replies[0] and b"Turla" in replies[0]
