"""Bulk matching: raw units, workers, and the same entries, problems and lines as the reader."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_cli import run

from misp_module.core import bulk
from misp_module.core.errors import EntryError, FileError
from misp_module.core.reader import read_entries, read_units

from conftest import CTITOOLS, EU_DECLARATION, OPENCTI

SHA1 = "5ac892de5893e31aa9af699a2d232851010722a8"


class _Stub:
    """An enricher that only says which entry it saw: the reading is what is tested here."""

    index = None  # no galaxy names to find ahead

    class _Result:
        def __init__(self, entry) -> None:
            self.entry = entry
            self.tags = [entry.title] if entry.title else []

        def to_record(self) -> dict:
            return {"sha1": self.entry.sha1, "title": self.entry.title}

    def enrich(self, entry):
        return self._Result(entry)


def outcomes_of(path: str) -> list:
    """What bulk makes of ``path``: ("ok", sha1, title), ("bad", message), ("file", message)."""
    out, positions, unreadable = [], {}, set()
    for batch in bulk.batches(read_units([path])):
        for (name, _), unit in zip(batch, bulk.process(batch), strict=True):
            for o in unit:
                if name in unreadable:
                    break
                positions[name] = positions.get(name, 0) + 1
                if o[0] == "ok":
                    line = json.loads(o[1])
                    out.append(("ok", line["sha1"], line["title"]))
                elif o[0] == "bad":
                    err = EntryError(o[1], position=positions[name], sha1=o[2], source=name)
                    out.append(("bad", str(err)))
                else:
                    out.append(("file", o[1]))
                    unreadable.add(name)
    return out


def outcomes_by_reader(path: str) -> list:
    out = []
    for item in read_entries([path]):
        if isinstance(item, FileError):
            out.append(("file", str(item)))
        elif isinstance(item, EntryError):
            out.append(("bad", str(item)))
        else:
            out.append(("ok", item.sha1, item.title))
    return out


@pytest.fixture(autouse=True)
def stub_enricher(monkeypatch):
    monkeypatch.setitem(bulk._STATE, "enricher", _Stub())


def entry(**fields) -> dict:
    return {"id": "x", "sha1_hash": SHA1, "title": "T", "plain_text": "text", **fields}


LINES = [
    json.dumps(entry(title="first")),
    "{not json",
    json.dumps(entry(plain_text=1)),
    "",
    json.dumps({"data": [entry(title="in a page"), entry(title="second of page")]}),
    json.dumps({"data": None, "status": "error", "message": "entry not found"}),
    json.dumps([entry(title="an array on a line")]),
    json.dumps(entry(title="two values")) + " " + json.dumps(entry(title="on one line")),
    json.dumps(entry(title="é “quoted” \\u2028")),
    "   ",
    json.dumps(entry(title="last")),
]


@pytest.mark.parametrize("suffix", [".jsonl", ".json"])
def test_json_lines_give_what_the_reader_gives(tmp_path, suffix):
    path = tmp_path / f"in{suffix}"
    path.write_text("\n".join(LINES) + "\n", encoding="utf-8")
    got = outcomes_of(str(path))
    assert got == outcomes_by_reader(str(path))
    assert [o[2] for o in got if o[0] == "ok"][:3] == ["first", "in a page", "second of page"]
    assert sum(o[0] == "bad" for o in got) == 3


@pytest.mark.parametrize(
    "text",
    [
        json.dumps([entry(title="a"), entry(plain_text=[]), entry(title="c")], indent=1),
        json.dumps(entry(title="pretty"), indent=2),
        json.dumps({"data": entry(title="envelope"), "status": "success"}, indent=2),
        "",
        "[]",
        "\ufeff" + json.dumps(entry(title="after a byte-order mark")),
        "["
        + json.dumps(entry(title="a"))
        + ", "
        + "[" * 100
        + "]" * 100
        + ", "
        + json.dumps(entry(title="c"))
        + "]",
        json.dumps([entry(title="a")]) + "]] garbage",
        json.dumps(entry(title="one line")) + "\n{\n" + json.dumps(entry(title="x")),
    ],
)
def test_other_shapes_give_what_the_reader_gives(tmp_path, text):
    path = tmp_path / "in.json"
    path.write_text(text, encoding="utf-8")
    assert outcomes_of(str(path)) == outcomes_by_reader(str(path))


def test_real_entries_and_bad_bytes(tmp_path):
    for p in (EU_DECLARATION, OPENCTI, CTITOOLS):
        assert outcomes_of(str(p)) == outcomes_by_reader(str(p))
    path = tmp_path / "bad.jsonl"
    path.write_bytes(json.dumps(entry()).encode() + b"\n" + b'{"title": "\xff"}\n')
    got = outcomes_of(str(path))
    assert got[0][0] == "ok" and got[1] == ("file", f"{path}: not UTF-8 text (invalid start byte)")
    # The same message; the line before the bad bytes is kept (the reader, decoding 64 kB at a
    # time, loses the entries of the chunk that holds them).
    assert outcomes_by_reader(str(path))[-1] == got[-1]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.sampled_from(LINES),
            st.builds(lambda t: json.dumps(entry(title=t)), st.text(max_size=20)),
            st.text(max_size=30).filter(lambda s: "\n" not in s and "\r" not in s),
        ),
        max_size=8,
    )
)
def test_any_json_lines_file_gives_what_the_reader_gives(tmp_path_factory, lines):
    path = tmp_path_factory.mktemp("h") / "in.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert outcomes_of(str(path)) == outcomes_by_reader(str(path))


def test_a_line_of_an_integer_beyond_64_bits_gives_what_the_reader_gives(tmp_path):
    """Found by the property test above: orjson reads 20000000000000000000 as a float."""
    path = tmp_path / "in.jsonl"
    path.write_text("20000000000000000000\n", encoding="utf-8")
    assert outcomes_of(str(path)) == outcomes_by_reader(str(path))
    assert outcomes_of(str(path))[0][1].endswith("the entry must be an object, not int")


def test_dump_line_is_json_dumps_compact():
    record = {
        "s": 'é “q” \\ " \n\t\x01\x7f \u2028 😀',
        "f": [0.6, 0.95, 0.123, 1.0, 0.0],
        "n": None,
        "b": True,
        "i": [1, -2],
    }
    assert bulk.dump_line(record) == json.dumps(
        record, ensure_ascii=False, separators=(",", ":")
    ).encode("utf-8")
    lone = {"s": "a\ud800b"}  # only json's decoder lets one through; orjson refuses to write it
    assert json.loads(bulk.dump_line(lone).decode("utf-8", "surrogatepass")) == lone


def test_match_with_two_jobs_writes_the_same_bytes(tmp_path):
    lines = [EU_DECLARATION.read_text(), OPENCTI.read_text(), CTITOOLS.read_text()]
    path = tmp_path / "in.jsonl"
    path.write_text("".join(json.dumps(json.loads(t)) + "\n" for t in lines * 3) + "{bad\n")
    one = run("match", str(path), "-q", "-j", "1")
    two = run("match", str(path), "-q", "-j", "2")
    assert one.returncode == two.returncode == 2
    assert one.stdout == two.stdout and len(one.stdout.splitlines()) == 9
    assert one.stderr == two.stderr and "entry 10" in one.stderr
