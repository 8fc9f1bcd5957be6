"""The entry model and reader: every shape in, every rejection path named."""

from __future__ import annotations

import contextlib
import io
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from misp_module.core import reader
from misp_module.core.entry import parse_entry
from misp_module.core.errors import EntryError, FileError, InputError
from misp_module.core.reader import _read_stream, read_entries

from conftest import CTITOOLS, EU_DECLARATION, OPENCTI

SHA1 = "5ac892de5893e31aa9af699a2d232851010722a8"


def good(**fields):
    raw = {"id": "x", "sha1_hash": SHA1, "title": "T", "plain_text": "text"}
    raw.update(fields)
    return raw


def read_text(text: str, name: str = "in.json"):
    return list(_read_stream(io.StringIO(text), name))


def test_real_entries_parse():
    entries = list(read_entries([str(EU_DECLARATION), str(OPENCTI), str(CTITOOLS)]))
    assert [e.sha1[:6] for e in entries] == ["fea6b7", "5ac892", "4efefd"]
    eu, opencti, cti = entries
    assert eu.actors == () and eu.file_date is None and eu.references
    assert opencti.actors[1].aliases[0] == "APT36"  # trailing space dropped
    assert cti.sources == ("VXUG",) and cti.file_date == "2022-05-28T15:39:06Z"


def test_shape_drift_is_accepted():
    e = parse_entry(
        good(
            title="",
            llm_title="",
            references=None,
            threat_actors=None,
            sources=None,
            report_names=["name-of-report"],
            files=None,
            plain_text=None,
        )
    )
    assert e.title == "name-of-report" and e.text == "" and e.actors == () and e.files == {}
    assert parse_entry(good(title="", llm_title="LLM title")).title == "LLM title"
    assert (
        parse_entry(good(title=None, references=["https://a.example/r"])).title
        == "https://a.example/r"
    )


def test_every_input_shape():
    entry = good()
    shapes = {
        "bare": json.dumps(entry),
        "envelope": json.dumps(
            {"data": entry, "message": "library entry by ID", "status": "success"}
        ),
        "page": json.dumps({"data": [entry, entry], "status": "success"}),
        "jsonl": json.dumps(entry) + "\n" + json.dumps(entry) + "\n",
        "dump": json.dumps([entry, entry, entry], indent=2),
    }
    counts = {k: len(read_text(v)) for k, v in shapes.items()}
    assert counts == {"bare": 1, "envelope": 1, "page": 2, "jsonl": 2, "dump": 3}
    assert read_text(json.dumps({"data": None, "status": "success"})) == []


@pytest.mark.parametrize(
    "raw, problem",
    [
        (["not", "an", "object"], "the entry must be an object, not list"),
        ({"title": "no sha1"}, "sha1_hash is missing"),
        (good(sha1_hash="abc"), "sha1_hash must be 40 hexadecimal digits"),
        (good(plain_text=12), "plain_text must be a string or null"),
        (good(title=["t"]), "title must be a string or null"),
        (good(references="https://x"), "references must be a list or null"),
        (good(references=["https://x", 3]), "references[1] must be a string"),
        (good(threat_actors=[{"aliases": []}]), "threat_actors[0].main_name is missing"),
        (
            good(threat_actors=[{"main_name": "X", "aliases": [None]}]),
            "threat_actors[0].aliases[0] must be a string",
        ),
        (good(sources=[1]), "sources[0] must be a string or an object with a string name"),
        (good(files=[]), "files must be an object or null"),
        (good(file_size="big"), "file_size must be an integer or null"),
    ],
)
def test_rejections_name_entry_and_field(raw, problem):
    with pytest.raises(EntryError) as info:
        parse_entry(raw, position=3, source="dump.json")
    message = str(info.value)
    assert message.endswith(problem), message
    assert message.startswith("dump.json: entry 3")
    if (
        isinstance(raw, dict)
        and isinstance(raw.get("sha1_hash"), str)
        and len(raw["sha1_hash"]) == 40
    ):
        assert "(sha1 5ac8…)" in message


def test_message_format_from_the_issue():
    (err,) = read_text(json.dumps([good(), good(), good(plain_text=1)])[:-1] + "]")[2:]
    assert str(err) == "in.json: entry 3 (sha1 5ac8…): plain_text must be a string or null"


def test_bulk_keeps_good_entries_around_bad_ones():
    items = read_text(json.dumps([good(), good(plain_text=1), good(title="last")]))
    assert [type(i).__name__ for i in items] == ["OrklEntry", "EntryError", "OrklEntry"]
    assert items[2].title == "last"


def test_jsonl_bad_line_costs_one_record():
    text = json.dumps(good()) + "\n{not json\n" + json.dumps(good(title="after")) + "\n"
    items = read_text(text, "x.jsonl")
    assert [type(i).__name__ for i in items] == ["OrklEntry", "EntryError", "OrklEntry"]
    assert "x.jsonl: entry 2: line 2 column 2: not valid JSON (Expecting property" in str(items[1])


def test_invalid_json_document_is_an_input_error():
    with pytest.raises(InputError, match="in.json: line 3 column 1: not valid JSON"):
        read_text('{\n "sha1_hash": \n')
    text = json.dumps([good()]).replace("}]", "} x]")
    column = text.index(" x]") + 2
    with pytest.raises(
        InputError, match=rf"in.json: line 1 column {column}: .*expected ',' or ']'"
    ):
        read_text(text)


@pytest.mark.parametrize("before", [0, 3, 5000])  # 5000 entries: far past the first chunk
def test_json_errors_give_the_line_and_column_of_the_fault(before):
    lines = ["["] + [json.dumps(good(title=f"t{i}")) + "," for i in range(before)]
    lines += ['  {"sha1_hash": "' + SHA1 + '",', '   "title": tru}', "]"]
    text = "\n".join(lines) + "\n"
    with pytest.raises(json.JSONDecodeError) as python:  # the standard library as the oracle
        json.loads(text)
    oracle = python.value
    assert oracle.lineno == len(lines) - 1  # the fault is where the test put it
    with pytest.raises(InputError) as caught:
        read_text(text)
    assert str(caught.value) == (
        f"in.json: line {oracle.lineno} column {oracle.colno}: not valid JSON ({oracle.msg})"
    )


def test_error_envelope_is_reported():
    (err,) = read_text(json.dumps({"data": None, "message": "entry not found", "status": "error"}))
    assert isinstance(err, EntryError) and "entry not found" in str(err)


def test_missing_and_empty_inputs(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        list(read_entries([str(tmp_path / "nope.json")]))
    with pytest.raises(InputError, match="no .json"):
        list(read_entries([str(tmp_path)]))
    (tmp_path / "a.json").write_bytes(b"\x80{")
    (err,) = read_entries([str(tmp_path / "a.json")])
    assert isinstance(err, FileError) and "a.json: not UTF-8" in str(err)


def test_directories_are_walked_in_order(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.jsonl").write_text(json.dumps(good(title="two")) + "\n")
    (tmp_path / "1.json").write_text(json.dumps(good(title="one")))
    (tmp_path / "notes.txt").write_text("ignored")
    assert [e.title for e in read_entries([str(tmp_path)])] == ["one", "two"]


class CountingReader(io.StringIO):
    reads = 0

    def read(self, n=-1):
        self.reads += 1
        return super().read(n)


def test_dump_is_streamed_not_loaded():
    big = json.dumps([good(plain_text="x" * 50_000) for _ in range(100)])  # ~5 MB
    fp = CountingReader(big)
    items = _read_stream(fp, "dump.json")
    next(items)
    # The first entry came out after a few chunks, not after reading the whole array.
    assert fp.reads < 5 and fp.tell() < len(big) // 10
    assert sum(1 for _ in items) == 99


@pytest.mark.parametrize("layout", ["leading", "trailing"])
def test_a_dump_one_element_per_line_is_decoded_once_per_element(monkeypatch, layout):
    """Elements longer than a chunk: the reader reads on to the line's end before decoding,
    instead of failing at each chunk's end inside the element and starting over."""
    elements = [json.dumps(good(id=str(i), plain_text=f"{i} " + "y" * 150_000)) for i in range(6)]
    if layout == "leading":  # "[\n{...}\n,{...}\n]": commas first, as the benchmark's dump
        text = "[\n" + "\n,".join(elements) + "\n]\n"
    else:  # "[\n{...},\n{...}\n]"
        text = "[\n" + ",\n".join(elements) + "\n]\n"
    calls = []
    real = json.JSONDecoder.raw_decode
    monkeypatch.setattr(
        json.JSONDecoder, "raw_decode", lambda self, s, i=0: calls.append(i) or real(self, s, i)
    )
    entries = list(_read_stream(CountingReader(text), "dump.json"))
    assert [e.id for e in entries] == [str(i) for i in range(6)]
    assert len(calls) == 3 + 5  # the first element as before (three tries), then one each


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=6)
    ),
    max_leaves=20,
)
entry_like = st.fixed_dictionaries(
    {"sha1_hash": st.one_of(st.just(SHA1), st.text(max_size=41))},
    optional={
        k: json_values
        for k in [
            "title",
            "plain_text",
            "references",
            "threat_actors",
            "sources",
            "files",
            "created_at",
        ]
    },
)


@settings(max_examples=300, deadline=None)
@given(st.one_of(json_values, entry_like))
def test_parser_raises_only_its_own_error(raw):
    with contextlib.suppress(EntryError):
        parse_entry(raw)


@settings(max_examples=200, deadline=None)
@given(st.one_of(json_values.map(json.dumps), st.text(max_size=200)))
def test_reader_raises_only_its_own_errors(text):
    try:
        for item in read_text(text):
            assert isinstance(item, EntryError) or item.sha1
    except InputError:
        pass


# --- issue 15: bad input is contained (limits, encodings, broken files) ------------------------


def titles(items):
    return [i.title if hasattr(i, "title") else type(i).__name__ for i in items]


def test_deep_nesting_costs_one_entry_not_the_run():
    deep = '{"a":' * 1000 + "1" + "}" * 1000  # Python's decoder raises RecursionError on this
    text = "[" + ",".join([json.dumps(good(title="one")), deep, json.dumps(good(title="two"))])
    items = read_text(text + "]", "dump.json")
    assert titles(items) == ["one", "EntryError", "two"]
    assert str(items[1]) == "dump.json: entry 2: nested more than 64 levels deep"
    # Within the decoder's reach but past the limit: refused by the model, same words.
    nested = json.loads('{"a":' * 70 + "1" + "}" * 70)
    with pytest.raises(EntryError, match="nested more than 64 levels deep"):
        parse_entry(good(extra=nested))


def test_an_oversized_entry_is_skipped_while_streaming(monkeypatch):
    monkeypatch.setattr(reader, "MAX_ENTRY_CHARS", 100_000)
    huge = json.dumps(good(plain_text='y\\"[{' * 60_000))  # escapes and brackets in a string
    text = "[" + ",".join([json.dumps(good(title="one")), huge, json.dumps(good(title="two"))])
    fp = CountingReader(text + "]")
    items = list(_read_stream(fp, "dump.json"))
    assert titles(items) == ["one", "EntryError", "two"]
    assert "entry 2: larger than 100,000 characters" in str(items[1])


def test_lone_surrogates_are_replaced_and_said():
    text = '{"sha1_hash": "SHA1", "title": "A\\ud800B", "plain_text": "x\\udfff\\ud800"}'
    text = text.replace("SHA1", SHA1)
    (entry,) = read_text(text)
    assert entry.title == "A\ufffdB" and entry.text == "x\ufffd\ufffd"
    assert entry.raw["title"] == "A\ufffdB"  # what is stored is valid UTF-8 too
    assert entry.notes == (
        "plain_text: 2 invalid characters (lone UTF-16 surrogate) replaced with U+FFFD",
        "title: 1 invalid character (lone UTF-16 surrogate) replaced with U+FFFD",
    )
    json.dumps(entry.raw, ensure_ascii=False).encode("utf-8")  # would raise before
    # A proper pair is one character, left alone.
    (pair,) = read_text('{"sha1_hash": "SHA1", "title": "\\ud83d\\ude00"}'.replace("SHA1", SHA1))
    assert pair.title == "\U0001f600" and pair.notes == ()


def test_a_bad_file_is_reported_and_the_next_is_read(tmp_path):
    (tmp_path / "1.json").write_text(json.dumps(good(title="one")))
    (tmp_path / "2.json").write_bytes(b"\x80 not text")
    three = "[" + json.dumps(good(title="three")) + ", {oops}]"
    (tmp_path / "3.json").write_text(three)
    (tmp_path / "4.json").write_text(json.dumps(good(title="four")))
    items = list(read_entries([str(tmp_path)]))
    assert titles(items) == ["one", "FileError", "three", "FileError", "four"]
    assert "2.json: not UTF-8 text" in str(items[1])
    column = three.index("oops") + 1
    assert f"3.json: line 1 column {column}: not valid JSON" in str(items[3])
    assert "the rest of the file is not read" in str(items[3])


def test_a_syntax_error_early_in_a_dump_does_not_read_the_rest():
    body = ",".join(json.dumps(good(plain_text="x" * 50_000)) for _ in range(100))  # ~5 MB
    fp = CountingReader("[" + json.dumps(good(title="first")) + ", {broken: 1}, " + body + "]")
    items = _read_stream(fp, "dump.json")
    assert next(items).title == "first"
    with pytest.raises(InputError, match="not valid JSON"):
        next(items)
    assert fp.reads <= 2 and fp.tell() < 200_000  # not the 5 MB after the break


def test_a_utf8_bom_is_accepted_and_utf16_is_named(tmp_path):
    (tmp_path / "bom.json").write_bytes(b"\xef\xbb\xbf" + json.dumps(good(title="bom")).encode())
    assert titles(read_entries([str(tmp_path / "bom.json")])) == ["bom"]
    (tmp_path / "u16.json").write_bytes(json.dumps(good()).encode("utf-16"))
    (err,) = read_entries([str(tmp_path / "u16.json")])
    assert "UTF-16 byte-order mark" in str(err)


# Every field of the schema at once, nested ones included.
FULL_ENTRY = {
    **{k: "s" for k in ("id", "title", "llm_title", "authors", "plain_text", "language")},
    **{k: "2024-01-01T00:00:00Z" for k in ("created_at", "updated_at", "deleted_at")},
    **{k: "2024-01-01T00:00:00Z" for k in ("file_creation_date", "file_modification_date")},
    "sha1_hash": SHA1,
    "file_size": 3,
    **{k: ["a", "b"] for k in ("references", "report_names", "origins")},
    "sources": ["VXUG", {"name": "ETDA", "url": "https://x.example"}],
    "threat_actors": [
        {
            **{k: "s" for k in ("id", "main_name", "source_name", "source_id", "other")},
            "aliases": ["a"],
            "tools": ["t"],
        }
    ],
    "files": {"pdf": "p", "text": "t", "img": "i", "other": 1},
    "unknown": {"anything": [1]},
}
NEAR_MISSES = [None, "s", "", 1, 1.0, 1.5, True, [], {}, ["a"], ["a", 1], [None], {"name": 1}]


def _paths(value, path=()):
    yield path
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _paths(v, (*path, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _paths(v, (*path, i))


def _replaced(value, path, new):
    if not path:
        return new
    copy = dict(value) if isinstance(value, dict) else list(value)
    copy[path[0]] = _replaced(value[path[0]], path[1:], new)
    return copy


def _removed(value, path):
    if len(path) > 1:
        return _replaced(value, path[:1], _removed(value[path[0]], path[1:]))
    copy = dict(value)
    del copy[path[0]]
    return copy


def test_the_fast_schema_check_agrees_with_the_schema_on_every_single_change():
    from misp_module.core.entry import _conforms, _validator

    schema = _validator()
    assert _conforms(FULL_ENTRY) and schema.is_valid(FULL_ENTRY)
    cases = [SHA1 + "\n", SHA1.upper(), SHA1[:-1], "x" * 40]
    checked = 0
    for path in _paths(FULL_ENTRY):
        for new in [*NEAR_MISSES, *(cases if path == ("sha1_hash",) else ())]:
            raw = _replaced(FULL_ENTRY, path, new)
            assert _conforms(raw) == schema.is_valid(raw), (path, new)
            checked += 1
        if path and isinstance(path[-1], str):
            raw = _removed(FULL_ENTRY, path)
            assert _conforms(raw) == schema.is_valid(raw), ("without", path)
    assert checked > 400


@settings(max_examples=300, deadline=None)
@given(st.one_of(entry_like, json_values))
def test_the_fast_schema_check_agrees_with_the_schema(raw):
    from misp_module.core.entry import _conforms, _validator

    assert _conforms(raw) == _validator().is_valid(raw)


@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"])
def test_progress_counts_every_byte_of_the_file(tmp_path, bom):
    """The import's progress bar is told the file's bytes (a byte-order mark and non-ASCII
    text included), so it ends at the file's size."""
    path = tmp_path / "dump.json"
    text = "[\n" + ",\n".join(
        json.dumps(good(id=str(i), plain_text="é – 報告 " * 9000)) for i in range(5)
    )
    path.write_bytes(bom + (text + "\n]\n").encode("utf-8"))
    told = []
    assert (
        len([e for e in read_entries([str(path)], told.append) if not isinstance(e, Exception)])
        == 5
    )
    assert sum(told) == path.stat().st_size
