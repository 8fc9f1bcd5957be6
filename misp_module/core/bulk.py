"""Matching many entries: raw JSON texts in, one JSON line each out, on one core or several.

The reader splits the input into *units* without building entries (a JSON Lines line stays
bytes; an element of a top-level array is decoded once, as the reader must to find its end).
Workers do everything else: parse (orjson), validate, enrich, and write the line (orjson).
The main process only reads, ships batches of about a megabyte and writes what comes back,
in input order, with at most a few batches in flight, so memory stays bounded whatever the
input's size.

``-j 1`` runs the very same batch function in the process itself.
"""

from __future__ import annotations

import gc
import io
import json
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import orjson

from misp_module.core.entry import OrklEntry, parse_entry
from misp_module.core.errors import EntryError, FileError, InputError
from misp_module.core.reader import _Skipped
from misp_module.core.textscan import scan_ahead

BATCH_BYTES = 1 << 20  # a batch ships about this much input to a worker
BATCH_UNITS = 256
# What one record of a unit becomes: ("ok", line, has tags, text length), ("bad", problem,
# sha1) for a bad entry, or ("file", problem) when the rest of the file cannot be read (not
# UTF-8, invalid JSON outside JSON Lines): the reader's FileError, and the run goes on with
# the next file.
Outcome = tuple


def dump_line(record: dict) -> bytes:
    """One compact JSON line, the bytes ``json.dumps(ensure_ascii=False, separators=(",", ":"))``
    would give for the records match writes (strings, ints and 3-decimal floats)."""
    try:
        return orjson.dumps(record)
    except TypeError:  # a lone surrogate (only json's decoder lets one through)
        return json.dumps(record, ensure_ascii=False, separators=(",", ":")).encode(
            "utf-8", "surrogatepass"
        )


# --- the work of one batch, in a worker or in the main process ---------------------------

_STATE: dict = {}


def init(galaxy_dir, galaxies, threshold, rules_dirs=()) -> None:
    """Build (load) the enricher once per process, then freeze it out of the collector's way:
    the index is hundreds of thousands of long-lived objects a full collection would walk."""
    from misp_module.core.enrich import Enricher
    from misp_module.core.galaxy_index import load_index
    from misp_module.core.rules import load_rules

    rules = load_rules(rules_dirs)
    # Megabytes of text to scan: the names with Hyperscan where it is installed.
    index = load_index(galaxy_dir, galaxies, rules=rules, fast_scan=True)
    _STATE["enricher"] = Enricher(galaxy_dir, galaxies, threshold, index=index, rules=rules)
    _warm_up(_STATE["enricher"])
    gc.collect()
    gc.freeze()


# A few sentences of our own, enriched once before ``-j N`` forks its workers: what the core
# builds on first use (regexes, literal sets: about 60 ms) is then built once, in the parent,
# not again in every worker. Nothing of it is kept but those built patterns.
_WARM_UP = {
    "id": "00000000-0000-4000-8000-000000000000",
    "sha1_hash": "0" * 40,
    "title": "Mirai and APT28 on Linux",
    "plain_text": (
        "The Mirai botnet (Linux/Mirai.B) spread to Linux routers. We attribute this campaign to"
        " APT28, a group also known as Fancy Bear; Mint Sandstorm and UNC2452 were not involved."
        " The United Kingdom's Foreign Office and its partners attributed the activity to"
        " Russia's GRU.\n\nReferences\n"
    ),
    "references": [],
    "threat_actors": [],
    "file_creation_date": "2024-01-01T00:00:00Z",
}


def _warm_up(enricher) -> None:
    enricher.enrich(parse_entry(dict(_WARM_UP))).to_record()


def _enrich_line(entry: OrklEntry) -> Outcome:
    enrichment = _STATE["enricher"].enrich(entry)
    return ("ok", dump_line(enrichment.to_record()), bool(enrichment.tags), len(entry.text))


def _records(value: Any, name: str, utf8_checked: bool = False) -> Iterator[Outcome | OrklEntry]:
    from misp_module.core.reader import records

    try:
        for raw in records(value):
            try:
                yield parse_entry(raw, utf8_checked=utf8_checked)
            except EntryError as err:
                yield ("bad", err.problem, err.sha1)
    except InputError as exc:
        yield ("bad", str(exc), None)


def _fallback(payload: bytes, name: str, lineno: int) -> Iterator[Outcome | OrklEntry]:
    """A line orjson refuses goes through the reader itself: the same messages as ever (the
    newlines in front put its "line L column C" where the line is in the file)."""
    from misp_module.core.reader import _not_utf8, read_stream

    try:
        text = "\n" * (lineno - 1) + payload.decode("utf-8")
    except UnicodeDecodeError as exc:
        yield ("file", _not_utf8(name, exc))
        return
    for item in read_stream(io.StringIO(text), name, lines=True):
        yield ("bad", item.problem, item.sha1) if isinstance(item, EntryError) else item


def process(batch: list[tuple[str, Any]]) -> list[list[Outcome]]:
    """Each unit's outcomes, one per record it holds, in order. Every unit is parsed first,
    then the galaxy names of all its entries are found in one scan (textscan.scan_ahead),
    then each entry is enriched."""
    units = [_items(name, payload) for name, payload in batch]
    entries = [item for items in units for item in items if isinstance(item, OrklEntry)]
    index = _STATE["enricher"].index
    if entries and index is not None:
        scan_ahead(index, [t for e in entries for t in (e.title, e.text)])
    return [
        [_enrich_line(item) if isinstance(item, OrklEntry) else item for item in items]
        for items in units
    ]


def _items(name: str, payload: Any) -> list[Outcome | OrklEntry]:
    """The records of one unit, parsed: entries, and the outcomes of those that are bad; read
    up to the first ("file", ...) outcome, after which the rest of the file cannot be read."""
    if isinstance(payload, OrklEntry):
        items: Iterable = (payload,)
    elif isinstance(payload, FileError):
        items = (("file", payload.problem),)
    elif isinstance(payload, _Skipped):
        items = (("bad", payload.problem, None),)
    elif isinstance(payload, tuple):  # a JSON Lines line: (line number, bytes)
        lineno, data = payload
        try:
            value = orjson.loads(data)
            # a line that is no object or array is refused by the reader's own words:
            # orjson reads an integer beyond 64 bits as a float, json as an int ("not int")
            items = (
                _records(value, name, utf8_checked=True)  # orjson refuses lone surrogates
                if isinstance(value, (dict, list))
                else _fallback(data, name, lineno)
            )
        except orjson.JSONDecodeError:
            items = _fallback(data, name, lineno)
    else:
        items = _records(payload, name)
    out: list[Outcome | OrklEntry] = []
    for item in items:
        out.append(item)
        if not isinstance(item, OrklEntry) and item[0] == "file":
            break
    return out


# --- batching and the pool -----------------------------------------------------------------


def _size(payload: Any) -> int:
    if isinstance(payload, tuple):
        return len(payload[1])
    if isinstance(payload, OrklEntry):
        return len(payload.text)
    text = payload.get("plain_text") if isinstance(payload, dict) else None
    return len(text) if isinstance(text, str) else 1000


def batches(units: Iterable[tuple[str, Any]]) -> Iterator[list[tuple[str, Any]]]:
    batch: list = []
    size = 0
    for unit in units:
        batch.append(unit)
        payload = unit[1]
        size += _size(payload)
        if size >= BATCH_BYTES or len(batch) >= BATCH_UNITS:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


def run(
    units: Iterable[tuple[str, Any]],
    emit: Callable[[str, list[Outcome]], None],
    *,
    jobs: int,
    init_args: tuple,
) -> None:
    """Process ``units`` and hand each unit's outcomes to ``emit(source, outcomes)`` in order."""
    if jobs == 1:
        init(*init_args)
        for batch in batches(units):
            for (name, _), outcomes in zip(batch, process(batch), strict=True):
                emit(name, outcomes)
        return
    import multiprocessing

    fork = sys.platform == "linux"
    if fork:
        init(*init_args)  # once, here: the workers inherit it (index, rules, compiled patterns)
    else:
        from misp_module.core.galaxy_index import load_index
        from misp_module.core.rules import load_rules

        galaxy_dir, galaxies, _, rules_dirs = init_args
        # the cache, built once (with the names' Hyperscan database)
        load_index(galaxy_dir, galaxies, rules=load_rules(rules_dirs), fast_scan=True)
    context = multiprocessing.get_context("fork" if fork else "spawn")
    with context.Pool(jobs, None if fork else init, None if fork else init_args) as pool:
        pending: deque = deque()

        def drain(keep: int) -> None:
            while len(pending) > keep:
                names, result = pending.popleft()
                for name, outcomes in zip(names, result.get(), strict=True):
                    emit(name, outcomes)

        for batch in batches(units):
            pending.append(([n for n, _ in batch], pool.apply_async(process, (batch,))))
            drain(2 * jobs)  # enough to keep every worker busy, few enough to bound memory
        drain(0)
