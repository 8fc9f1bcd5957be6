"""Work done only where it matters: what `match` does not print is not built, and the gates in
front of costly steps never change a result (issue 18)."""

from __future__ import annotations

from misp_module.core import enrich as enrich_module
from misp_module.core.summary import summarise


def test_the_summary_is_built_only_when_read(enricher, eu_entry, monkeypatch):
    calls = []

    def counting(title, text, *args):
        calls.append(title)
        return summarise(title, text, *args)

    monkeypatch.setattr(enrich_module, "summarise", counting)
    enrichment = enricher.enrich(eu_entry)
    enrichment.to_record()  # what `match` prints: no summary in it
    assert calls == []
    assert enrichment.summary == summarise(eu_entry.title, eu_entry.text)
    enrichment.summary  # noqa: B018 - read twice, built once
    assert len(calls) == 1
