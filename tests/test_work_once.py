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


def test_an_entry_text_is_put_in_scan_form_once(enricher, monkeypatch):
    from misp_module.core import names

    from conftest import make_entry

    made = []
    original = names.ScanForm.__init__

    def counting(self, text):
        made.append(text)
        original(self, text)

    monkeypatch.setattr(names.ScanForm, "__init__", counting)
    # A malware family with platform variants: its platform words are counted in the text too.
    text = "The Mirai botnet spread to Linux routers. Mirai was then built for ARM devices. " * 3
    entry = make_entry(text, title="Mirai on Linux")
    enricher.enrich(entry)
    assert made.count(entry.text) == 1
    assert made.count(entry.title) == 1


def test_the_scan_form_is_words_only():
    from misp_module.core.names import scan_form, words_only

    for text in ("APT40 (Leviathan)", "Grüße an İstanbul’s X-Agent", "", "a\r\nb"):
        form = scan_form(text)
        assert form.words == words_only(text) == form.data.decode("ascii")
        assert len(form.words) == len(text)
        assert form.lower_keeps_length == (len(text.lower()) == len(text))
        assert scan_form(text) is form
