"""Issue 16, round eighteen: names a report writes for a cited cluster that the index did not
search for (clusters the text names that never became a tag at any salience bar, dev and
held-out); each test text is written here, not copied from a report."""

from __future__ import annotations

from conftest import REPORT_FILLER as FILLER
from conftest import make_entry
from conftest import tagged_pairs as _tags

# --- names reports use that the galaxy lacks (extra-synonyms) ---


def test_china_chopper_written_as_two_words_is_the_web_shell(enricher):
    # Malpedia writes the web shell only run together, in capitals ("CHINACHOPPER"); reports
    # write it as two words, and only CamelCase is split by the index.
    text = (
        FILLER
        + " The intruders dropped a China Chopper web shell on the exposed server."
        + " The China Chopper client sends each command in a single POST request." * 3
    )
    result = enricher.enrich(make_entry(text, title="A web shell on a mail server"))
    assert ("malpedia", "CHINACHOPPER") in _tags(result)


def test_kasperskys_name_for_the_buer_loader_is_buer(enricher):
    text = (
        FILLER
        + " The fake update installed Buerak, a downloader that fetches the next stage."
        + " Buerak then contacts its server for a payload. " * 3
    )
    result = enricher.enrich(make_entry(text, title="Buerak spread as a fake certificate"))
    assert ("malpedia", "Buer") in _tags(result)


def test_the_bracketed_name_of_an_unidentified_malpedia_family_finds_it(enricher):
    text = (
        FILLER
        + " The trojanised UnionCryptoTrader application installs a loader on macOS."
        + " UnionCryptoTrader then downloads its payload from the server. " * 3
    )
    result = enricher.enrich(make_entry(text, title="A fake trading app for macOS"))
    assert ("malpedia", "Unidentified macOS 001 (UnionCryptoTrader)") in _tags(result)
