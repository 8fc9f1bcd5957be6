"""Read ORKL entries from any shape they come in, streaming, with bounded memory.

Shapes: a bare entry, an API envelope ``{"data": entry, "status": ...}``, an API page
``{"data": [entries] | null}``, JSON Lines, and the bulk dump (one JSON array). A top-level
array is read element by element, so a 1 GB dump never sits in memory; the largest single
entry does.

Each item yielded is an :class:`OrklEntry` or an :class:`EntryError`: the caller chooses
whether a bad entry stops the run (``enrich``) or is reported and skipped (``match``).
"""

from __future__ import annotations

import io
import json
import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, TextIO

from misp_module.core.entry import MAX_DEPTH, OrklEntry, parse_entry
from misp_module.core.errors import EntryError, FileError, InputError

CHUNK = 1 << 16
INPUT_SUFFIXES = (".json", ".jsonl", ".ndjson")
_WS = " \t\r\n"
# The largest single value (one entry) read into memory, in characters. The largest real ORKL
# entry is a few MB of plain_text; past this the input is broken (an unterminated string) or
# hostile, and the value is skipped without holding it.
MAX_ENTRY_CHARS = 64 << 20
# Where a decode error sits this close to the end of what has been read, more input may fix it
# (a literal or an escape cut by the chunk boundary); anywhere else it is a real syntax error.
_NEAR_END = 8
_STRUCT = re.compile(r'[\[\]{}"]')
_STRING_END = re.compile(r'[^"\\]*(?:\\.[^"\\]*)*"', re.S)


class _Skipped:
    """A value that was skipped (too deep, too large): the reason, for the entry's error."""

    def __init__(self, problem: str) -> None:
        self.problem = problem


class _TooLarge(Exception):
    pass


class _JsonError(InputError):
    """Invalid JSON, with where (``line L column C``) and what apart for JSON Lines' messages."""

    def __init__(self, name: str, where: str, problem: str) -> None:
        self.where = where
        self.problem = problem
        super().__init__(f"{name}: {where}: not valid JSON ({problem})")


class _JsonValues:
    """Consecutive JSON values from a text stream; a top-level array yields its elements."""

    def __init__(self, fp: TextIO, name: str, on_read: Callable[[int], None] | None = None) -> None:
        self.fp = fp
        self.name = name
        self.on_read = on_read  # told the bytes of each chunk read, for a progress bar
        self.buf = ""
        self.pos = 0
        self.consumed = 0  # characters dropped from the front of buf
        # Where the dropped text leaves off, for "line L column C" in errors: the number of
        # newlines dropped, and the offset (in the whole input) where the line of buf[0] starts.
        self.lines_dropped = 0
        self.line_start = 0
        self.eof = False
        self.decoder = json.JSONDecoder()

    def _fill(self, want: int = CHUNK) -> bool:
        if self.eof:
            return False
        chunk = self.fp.read(max(want, CHUNK))
        if not chunk:
            self.eof = True
            return False
        if self.on_read is not None:
            self.on_read(len(chunk.encode("utf-8")))
        if self.pos > CHUNK:  # drop what has been read so the buffer stays small
            newlines = self.buf.count("\n", 0, self.pos)
            if newlines:
                self.lines_dropped += newlines
                self.line_start = self.consumed + self.buf.rfind("\n", 0, self.pos) + 1
            self.consumed += self.pos
            self.buf = self.buf[self.pos :]
            self.pos = 0
        self.buf += chunk
        return True

    def _peek(self) -> str:
        while True:
            while self.pos < len(self.buf) and self.buf[self.pos] in _WS:
                self.pos += 1
            if self.pos < len(self.buf):
                return self.buf[self.pos]
            if not self._fill():
                return ""

    def _error(self, problem: str, pos: int | None = None) -> _JsonError:
        return _JsonError(self.name, self._where(pos), problem)

    def _where(self, pos: int | None = None) -> str:
        """``line L column C`` of ``pos`` in buf (default: the read position), 1-based."""
        pos = self.pos if pos is None else min(pos, len(self.buf))
        line = self.lines_dropped + self.buf.count("\n", 0, pos) + 1
        newline = self.buf.rfind("\n", 0, pos)
        start = self.consumed + newline + 1 if newline >= 0 else self.line_start
        return f"line {line} column {self.consumed + pos - start + 1}"

    def _decode(self) -> Any:
        """The next value, or a :class:`_Skipped` for one too deep or too large to hold."""
        if not self._peek():
            raise self._error("the input ends too early")
        want = CHUNK
        while True:
            try:
                value, end = self.decoder.raw_decode(self.buf, self.pos)
            except json.JSONDecodeError as exc:
                # Only an error at the end of the buffer can be cured by reading on (or an
                # unterminated string, reported where it starts); any other is final, so a
                # syntax error early in a huge dump does not pull the rest into memory.
                cut = exc.pos >= len(self.buf) - _NEAR_END or exc.msg.startswith("Unterminated")
                if cut and len(self.buf) - self.pos > MAX_ENTRY_CHARS:
                    return self._skip(f"larger than {MAX_ENTRY_CHARS:,} characters")
                if cut and self._fill(want):
                    want = min(want * 2, 16 << 20)  # a large value: read ahead faster
                    continue
                raise self._error(exc.msg, exc.pos) from None
            except RecursionError:
                return self._skip(f"nested more than {MAX_DEPTH} levels deep")
            if end == len(self.buf) and not self.eof and self._fill(want):
                continue  # a number or literal may go on in the next chunk
            self.pos = end
            return value

    def _skip(self, problem: str) -> _Skipped:
        """Step over one value without decoding it: strings and brackets only, chunk by chunk,
        so neither its depth nor its size costs more than a chunk of memory."""
        depth, in_string = 0, False
        if self._peek() not in '[{"':
            raise InputError(
                f"{self.name}: {self._where()}: a value {problem}; the rest is not read"
            )
        while True:
            if in_string:
                m = _STRING_END.match(self.buf, self.pos)
                if m:
                    self.pos, in_string = m.end(), False
                    if depth == 0:
                        return _Skipped(problem)
                    continue
                # The string goes on past the buffer: keep a trailing escape for the next chunk.
                tail = len(self.buf) - len(self.buf.rstrip("\\"))
                self.pos = len(self.buf) - (tail % 2)
            else:
                m = _STRUCT.search(self.buf, self.pos)
                if m:
                    self.pos = m.end()
                    ch = m.group()
                    if ch == '"':
                        in_string = True
                    elif ch in "[{":
                        depth += 1
                    else:
                        depth -= 1
                        if depth == 0:
                            return _Skipped(problem)
                    continue
                self.pos = len(self.buf)
            if not self._fill():
                raise InputError(
                    f"{self.name}: {self._where()}: a value {problem}, cut short by the end"
                )

    def skip_line(self) -> None:
        """Resynchronise after a bad JSON Lines record: drop up to the next newline."""
        while True:
            nl = self.buf.find("\n", self.pos)
            if nl >= 0:
                self.pos = nl + 1
                return
            self.pos = len(self.buf)
            if not self._fill():
                return

    def __iter__(self) -> Iterator[tuple[Any, bool]]:
        """Yield (value, from_top_level_array)."""
        while True:
            c = self._peek()
            if not c:
                return
            if c != "[":
                yield self._decode(), False
                continue
            self.pos += 1
            if self._peek() == "]":
                self.pos += 1
                continue
            while True:
                yield self._decode(), True
                c = self._peek()
                if c == "]":
                    self.pos += 1
                    break
                if c != ",":
                    raise self._error("expected ',' or ']'")
                self.pos += 1


def _records(value: Any) -> Iterator[Any]:
    """Unwrap envelopes and pages into raw entries."""
    if isinstance(value, dict) and "data" in value and "sha1_hash" not in value:
        status = value.get("status")
        if status is not None and status != "success":
            message = value.get("message") or "no message"
            raise InputError(f"ORKL answered status {status!r}: {message}")
        data = value["data"]
        if data is None:
            return
        if isinstance(data, list):
            yield from data
        else:
            yield data
    elif isinstance(value, list):
        yield from value
    else:
        yield value


def input_size(paths: Iterable[str]) -> int | None:
    """Total bytes of the files ``paths`` name (a progress bar's total); None with stdin."""
    total = 0
    for path in expand_paths(paths):
        if path == "-":
            return None
        try:
            total += os.path.getsize(path)
        except OSError:
            return None
    return total


def expand_paths(paths: Iterable[str]) -> Iterator[str]:
    for p in paths:
        if p == "-":
            yield p
        elif os.path.isdir(p):
            found = sorted(
                str(f) for f in Path(p).rglob("*") if f.is_file() and f.suffix in INPUT_SUFFIXES
            )
            if not found:
                raise InputError(f"{p}: no {', '.join(INPUT_SUFFIXES)} files in this directory")
            yield from found
        elif os.path.exists(p):
            yield p
        else:
            raise InputError(f"{p}: no such file or directory")


# "utf-8-sig": a UTF-8 byte-order mark (Windows editors write one) is read past, not refused.
ENCODING = "utf-8-sig"


def _open(path: str) -> TextIO:
    if path == "-":
        return io.TextIOWrapper(sys.stdin.buffer, encoding=ENCODING, errors="strict")
    try:
        return open(path, encoding=ENCODING)  # noqa: SIM115 - closed by the caller
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from None


def _not_utf8(name: str, exc: UnicodeDecodeError) -> str:
    if exc.start == 0 and exc.object[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return f"{name}: UTF-16 text (it starts with a UTF-16 byte-order mark); save it as UTF-8"
    return f"{name}: not UTF-8 text ({exc.reason})"


def read_entries(
    paths: Iterable[str], on_read: Callable[[int], None] | None = None
) -> Iterator[OrklEntry | EntryError]:
    """Every entry in ``paths`` (files, directories, ``-`` for stdin), in order.

    Malformed entries come out as :class:`EntryError` items. A file that cannot be read, or
    whose rest cannot (invalid JSON, not UTF-8), comes out as one :class:`FileError` after the
    good entries before the fault, and reading goes on with the next file. ``on_read``, if
    given, is called with the size in bytes of each chunk read (progress).
    """
    for path in expand_paths(paths):
        name = "<stdin>" if path == "-" else path
        try:
            fp = _open(path)
        except InputError as exc:
            yield FileError(str(exc))
            continue
        try:
            yield from _read_stream(fp, name, on_read)
        except UnicodeDecodeError as exc:
            yield FileError(_not_utf8(name, exc))
        except InputError as exc:
            yield FileError(f"{exc}; the rest of the file is not read")
        finally:
            if path != "-":
                fp.close()


def _read_stream(
    fp: TextIO, name: str, on_read: Callable[[int], None] | None = None
) -> Iterator[OrklEntry | EntryError]:
    position = 0
    values = _JsonValues(fp, name, on_read)
    # JSON Lines (by suffix, or because the first value sat on one line): one bad line costs
    # one record, not the batch. Anywhere else invalid JSON ends the file.
    lines = name.endswith((".jsonl", ".ndjson"))
    first = True
    it = iter(values)
    while True:
        start = values.consumed + values.pos
        try:
            value, in_array = next(it)
        except StopIteration:
            return
        except InputError as exc:
            if not lines:
                raise
            position += 1
            problem = (
                f"{exc.where}: not valid JSON ({exc.problem})"
                if isinstance(exc, _JsonError)
                else str(exc).removeprefix(f"{name}: ")
            )
            yield EntryError(problem, position=position, source=name)
            values.skip_line()
            it = iter(values)
            continue
        if first and not in_array:
            text = values.buf[max(0, start - values.consumed) : values.pos]
            lines = lines or "\n" not in text.strip()
        first = False
        if isinstance(value, _Skipped):
            position += 1
            yield EntryError(value.problem, position=position, source=name)
            continue
        try:
            for raw in _records(value):
                position += 1
                try:
                    yield parse_entry(raw, position=position, source=name)
                except EntryError as err:
                    yield err
        except InputError as exc:
            position += 1
            yield EntryError(str(exc), position=position, source=name)
