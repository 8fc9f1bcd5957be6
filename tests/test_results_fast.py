"""The module's reply built as plain dicts is byte for byte what PyMISP's objects give.

build_results fills in the report object, its attributes and the event report from PyMISP's own
output for one object (misp/results.py); pymisp_results is the path it replaced (PyMISP's
objects, to_json, json.loads). Both are run on self-written entries, including the values
PyMISP changes or drops (white space and NULs around a value, an empty one), cut names and
tags, links MISP would refuse or that need encoding, with and without an attribute or event.
"""

from __future__ import annotations

import dataclasses

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from misp_module.misp.results import build_results, pymisp_results

from conftest import make_entry

TEXT = (
    "Researchers attribute the Sofacy campaign to APT28, which also used X-Agent. "
    "The European Union attributes this activity to China. Turla and Lazarus Group were named "
    "in an earlier report about WannaCry. " * 3
)

ANCHORS = [
    ("0B1A8A55-3E2F-4C55-8F0E-1D5A2B8C9E01", "1"),
    (" 0b1a8a55-3e2f-4c55-8f0e-1d5a2b8c9e01 ", None),
    (None, "7"),
    (None, None),
]


def same(enrichment, attribute_uuid, event_id) -> None:
    fast = build_results(enrichment, attribute_uuid, event_id)
    slow = pymisp_results(enrichment, attribute_uuid, event_id)
    assert orjson.dumps(fast) == orjson.dumps(slow)


def with_entry(enrichment, **fields):
    """The enrichment of an entry changed past parse_entry's normalisation."""
    return dataclasses.replace(enrichment, entry=dataclasses.replace(enrichment.entry, **fields))


@pytest.mark.parametrize(("attribute_uuid", "event_id"), ANCHORS)
def test_a_report_with_clusters_and_attribution(enricher, attribute_uuid, event_id):
    entry = make_entry(
        TEXT,
        title="Sofacy: an APT28 campaign",
        references=["https://reports.example/sofacy", "https://reports.example/sofacy"],
        files={"pdf": "https://archive.orkl.eu/x.pdf", "text": "https://archive.orkl.eu/x.txt"},
        sources=["Vendor"],
    )
    enrichment = enricher.enrich(entry)
    assert enrichment.tags, "the test needs an entry with tags"
    same(enrichment, attribute_uuid, event_id)


@pytest.mark.parametrize(
    "title",
    [
        "  Padded title \t",
        "\x00 NUL around \x00",
        "\x00\x00",  # nothing left after PyMISP's strips: no title attribute
        " \x00 \x00 ",  # a blank left after the NULs go: PyMISP keeps an empty value
        "Ω" * 400,  # the report name is cut
    ],
)
def test_values_pymisp_changes_or_drops(enricher, title):
    enrichment = with_entry(enricher.enrich(make_entry(TEXT, title="t")), title=title)
    for attribute_uuid, event_id in ANCHORS:
        same(enrichment, attribute_uuid, event_id)


def test_links_refused_encoded_and_an_empty_summary(enricher):
    enrichment = with_entry(
        enricher.enrich(make_entry(TEXT, title="Links")),
        references=(
            "javascript:alert(1)",
            "https://reports.example/a b/ü",
            "  https://reports.example/padded  ",
            "https://reports.example/a b/ü",
        ),
    )
    enrichment.__dict__["summary"] = ""  # the cached summary, empty: no summary attribute
    same(enrichment, "0b1a8a55-3e2f-4c55-8f0e-1d5a2b8c9e01", "1")


def test_long_and_padded_tags(enricher):
    enrichment = enricher.enrich(make_entry(TEXT, title="Tags"))
    enrichment = dataclasses.replace(
        enrichment,
        tags=[*enrichment.tags, "x" * 300 + " ", 'misp-galaxy:threat-actor="APT28" ', "x" * 301],
    )
    same(enrichment, None, "3")


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    title=st.text(max_size=40),
    summary=st.text(max_size=40),
    links=st.lists(st.text(max_size=30), max_size=3),
    tags=st.lists(st.text(max_size=20), max_size=3),
    anchor=st.sampled_from(ANCHORS),
)
def test_any_values(enricher, title, summary, links, tags, anchor):
    enrichment = with_entry(
        enricher.enrich(make_entry("A short text.", title="Any")),
        title=title,
        references=tuple(links),
    )
    enrichment = dataclasses.replace(enrichment, tags=tags)
    enrichment.__dict__["summary"] = summary
    same(enrichment, *anchor)


MARKUP_TEXT = st.text(alphabet=st.sampled_from("\\`*_[]<>&!|~#-+=1. aZ\u00e9\n"), max_size=40)


@given(MARKUP_TEXT)
def test_escape_is_the_translation_table(text):
    from misp_module.misp.report_markdown import _ESCAPE, _escape

    assert _escape(text) == text.translate(_ESCAPE)


@given(st.text(alphabet=st.sampled_from('. !?\n\t"“(Aa0'), max_size=60))
def test_sentences_are_the_split(prose):
    from misp_module.core.summary import _SENTENCE_END, _sentences

    assert list(_sentences(prose)) == _SENTENCE_END.split(prose)


def summary_reading_everything(title: str, text: str, max_chars: int) -> str:
    """core/summary.summarise as it was before it read only the part it needs."""
    from misp_module.core.summary import _SENTENCE_END, MIN_PROSE_WORDS

    lines = [" ".join(line.split()) for line in text[: max_chars * 20].splitlines()]
    lines = [line for line in lines if line]
    flat_title = " ".join(title.split()).lower()
    start, joined = 0, ""
    for i, line in enumerate(lines):
        joined = f"{joined} {line}".strip().lower()
        if flat_title and flat_title.startswith(joined):
            start = i + 1
        else:
            break
    while start < len(lines) and len(lines[start].split()) < MIN_PROSE_WORDS:
        start += 1
    prose = " ".join(lines[start:])
    if not prose:
        return title
    out = ""
    for sentence in _SENTENCE_END.split(prose):
        if out and len(out) + 1 + len(sentence) > max_chars:
            break
        out = f"{out} {sentence}".strip()
        if len(out) >= max_chars // 2:
            break
    if len(out) > max_chars:
        out = out[:max_chars].rsplit(" ", 1)[0] + "…"
    return out


WORDS = st.sampled_from(
    ["Report", "APT28", "the", "group.", "It", "used", "X.", "(see", "9", "“quote”", "end!", "a"]
)
LINES = st.lists(WORDS, max_size=16).map(" ".join)  # a header line or a line of prose
BREAKS = st.sampled_from(["\n", "\n\n", " \n ", "\r\n", "\u2028", "\x1c"])


@settings(max_examples=300, deadline=None)
@given(
    lines=st.lists(st.tuples(LINES, BREAKS), max_size=40),
    title_lines=st.integers(0, 3),
    max_chars=st.sampled_from([8, 20, 40, 80, 500]),
)
def test_summary_reads_only_what_it_needs(lines, title_lines, max_chars):
    from misp_module.core.summary import summarise

    text = "".join(line + end for line, end in lines)
    title = " ".join(line for line, _ in lines[:title_lines])
    assert summarise(title, text, max_chars) == summary_reading_everything(title, text, max_chars)


@pytest.mark.parametrize(("attribute_uuid", "event_id"), ANCHORS)
def test_a_hover_is_the_report_object_of_the_whole_reply(enricher, attribute_uuid, event_id):
    from misp_module.core.enrich import entry_summary
    from misp_module.misp.results import hover_results

    entry = make_entry(
        "Press release\n19 July 2021\n" + TEXT,
        title="Sofacy: an APT28 campaign",
        references=[
            "https://reports.example/sofacy",
            "javascript:alert(1)",
            "https://r.example/a b",
        ],
        files={"pdf": "https://archive.orkl.eu/x.pdf"},
    )
    whole = build_results(enricher.enrich(entry), attribute_uuid, event_id)["results"]
    hover = hover_results(entry, entry_summary(entry), attribute_uuid, event_id)
    assert orjson.dumps(hover) == orjson.dumps({"results": {"Object": whole["Object"]}})


def test_the_module_answers_a_hover_without_matching(tmp_path, monkeypatch):
    from misp_module.core.enrich import Enricher
    from misp_module.misp import expansion
    from misp_module.module import handler
    from misp_module.orkl.library import Library

    entry = make_entry(TEXT, title="Hovered")
    lib = tmp_path / "lib.sqlite3"
    with Library(lib) as library, library.transaction():
        library.upsert(entry)
    monkeypatch.setenv("ORKL_MISP_ALLOWED_LIBRARIES", str(lib))
    monkeypatch.setattr(expansion, "_replies", type(expansion._replies)())
    q = {
        "module": "orkl_attribution",
        "event_id": "7",
        "attribute": {"type": "sha1", "value": entry.sha1, "uuid": ANCHORS[0][0]},
        "config": {"offline": "true", "library": str(lib)},
    }
    whole = handler(orjson.dumps(q))
    matched = []
    enrich = Enricher.enrich
    monkeypatch.setattr(Enricher, "enrich", lambda self, e: matched.append(e) or enrich(self, e))
    del q["event_id"]  # MISP's hover (AttributesController.php:2446-2458)
    hover = handler(orjson.dumps(q))
    assert hover == {"results": {"Object": whole["results"]["Object"]}}
    assert not matched


@given(st.lists(st.text(max_size=50), max_size=4))
def test_derived_uuids_are_uuid5(parts):
    import uuid

    from misp_module.core.ids import NAMESPACE, derived_uuid

    assert derived_uuid(*parts) == str(uuid.uuid5(NAMESPACE, "/".join(parts)))
