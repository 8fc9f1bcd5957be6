"""Read ORKL entries from any shape they come in, streaming, with bounded memory.

Shapes: a bare entry, an API envelope ``{"data": entry, "status": ...}``, an API page
``{"data": [entries] | null}``, JSON Lines, and the bulk dump (one JSON array). A top-level
array is read element by element, so a 1 GB dump never sits in memory; the largest single
entry does.

Each item yielded is an :class:`OrklEntry` or an :class:`EntryError`: the caller chooses
whether a bad entry stops the run (``enrich``) or is reported and skipped (``match``).
"""

from __future__ import annotations

import codecs
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


# A value followed by nothing but a separator on its line: the next one may be a line too.
_LINE_END = re.compile(r"[ \t\r]*[,\]]?[ \t\r]*\n")


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
        self.told = 0  # the file's byte position at the last progress report (None: none)
        self.decoder = json.JSONDecoder()
        # Whether the last value read filled the rest of its line: then the next one is
        # expected to as well (see _read_line).
        self.one_per_line = False

    def _fill(self, want: int = CHUNK) -> bool:
        if self.eof:
            return False
        chunk = self.fp.read(max(want, CHUNK))
        if not chunk:
            self.eof = True
            return False
        if self.on_read is not None:
            self.on_read(self._bytes_behind(chunk))
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

    def _bytes_behind(self, chunk: str) -> int:
        """The bytes of input ``chunk`` was decoded from (for progress): the file's position
        moved on, when it has one, rather than encoding the text again."""
        if self.told is not None:
            try:
                now = self.fp.buffer.tell()
            except (AttributeError, OSError, ValueError):  # a pipe, a StringIO
                self.told = None
            else:
                told, self.told = self.told, now
                return now - told
        return len(chunk) if chunk.isascii() else len(chunk.encode("utf-8"))

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

    def _read_line(self) -> None:
        """Have the rest of the read position's line in the buffer, when values come one per
        line (a dump written so, JSON Lines): the decoder then reads each value once, instead
        of failing at every chunk's end inside it and starting it over."""
        searched = 0  # characters after the read position with no line end (_fill keeps them)
        while self.buf.find("\n", self.pos + searched) < 0:
            searched = len(self.buf) - self.pos
            if searched > MAX_ENTRY_CHARS or not self._fill(searched):  # as much again
                return

    def _decode(self) -> Any:
        """The next value, or a :class:`_Skipped` for one too deep or too large to hold."""
        if not self._peek():
            raise self._error("the input ends too early")
        if self.one_per_line:
            self._read_line()
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
            self.one_per_line = _LINE_END.match(self.buf, end) is not None
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


def records(value: Any) -> Iterator[Any]:
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
            yield from read_stream(fp, name, on_read)
        except UnicodeDecodeError as exc:
            yield FileError(_not_utf8(name, exc))
        except InputError as exc:
            yield FileError(f"{exc}; the rest of the file is not read")
        finally:
            if path != "-":
                fp.close()


def read_stream(
    fp: TextIO,
    name: str,
    on_read: Callable[[int], None] | None = None,
    *,
    lines: bool = False,
) -> Iterator[OrklEntry | EntryError]:
    position = 0
    values = _JsonValues(fp, name, on_read)
    # JSON Lines (by suffix, or because the first value sat on one line): one bad line costs
    # one record, not the batch. Anywhere else invalid JSON ends the file.
    lines = lines or name.endswith((".jsonl", ".ndjson"))
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
            for raw in records(value):
                position += 1
                try:
                    yield parse_entry(raw, position=position, source=name)
                except EntryError as err:
                    yield err
        except InputError as exc:
            position += 1
            yield EntryError(str(exc), position=position, source=name)


_read_stream = read_stream  # the name the tests know


# --- raw units for bulk matching (core.bulk): no entry is built here ----------------------


def read_units(
    paths: Iterable[str], on_read: Callable[[int], None] | None = None
) -> Iterator[tuple[str, Any]]:
    """(source name, unit) for every top-level JSON value in ``paths``, unparsed where it can be.

    A JSON Lines file (by suffix, or because its first value sits on one line and is not an
    array) gives each non-blank line as (line number, bytes), for a worker to parse. Anything else goes
    through the streaming decoder, which must decode a value to find its end: those units are
    the decoded values (a top-level array's elements one by one). The worker unwraps
    envelopes and pages, so one unit may hold many entries. Unlike :func:`read_entries`, a
    JSON Lines file is split at newlines: a value spread over several lines inside one is bad
    lines, not an entry, and a bad byte costs only its line and what follows it.
    """
    for path in expand_paths(paths):
        name = "<stdin>" if path == "-" else path
        if path == "-":
            fp = sys.stdin.buffer
        else:
            try:
                # A megabyte of buffer: ORKL texts make lines of tens of kilobytes, which the
                # default 8 kB buffer reads in pieces and joins (13 ms per 20 MB, 2.5 ms so).
                fp = open(path, "rb", buffering=READ_BUFFER)  # noqa: SIM115 - closed below
            except OSError as exc:
                yield name, FileError(f"{path}: cannot read ({exc.strerror})")
                continue
        try:
            head = _first_line(fp)
            if head.startswith(codecs.BOM_UTF8):  # read past, as ENCODING does
                head = head[len(codecs.BOM_UTF8) :]
            if _is_lines(head, name):
                yield from _line_units(head, fp, name, on_read)
            else:
                text = io.TextIOWrapper(
                    io.BufferedReader(_Prefixed(head, fp)), encoding="utf-8", errors="strict"
                )
                try:
                    for value, _ in _JsonValues(text, name, on_read):
                        yield name, value  # a _Skipped one too: the worker names the problem
                except UnicodeDecodeError as exc:
                    yield name, FileError(_not_utf8(name, exc))
                except InputError as exc:
                    yield name, FileError(f"{exc}; the rest of the file is not read")
        finally:
            if path != "-":
                fp.close()


READ_BUFFER = 1 << 20
_JSON_WS = b" \t\r\n"  # JSON's whitespace: not bytes.strip()'s (form feeds are not blank)


def _first_line(fp) -> bytes:
    """The lines up to and including the first non-blank one."""
    head = b""
    while True:
        line = fp.readline()
        head += line
        if not line or line.strip(_JSON_WS):
            return head


def _is_lines(head: bytes, name: str) -> bool:
    first = head.strip(_JSON_WS)
    if name.endswith((".jsonl", ".ndjson")):
        return True  # by suffix, as the reader: a line holding an array is a line too
    if not first or first.startswith(b"["):
        return False
    try:  # the reader's rule: JSON Lines when the first value sits on one line
        json.JSONDecoder().raw_decode(first.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        return False  # a value over several lines (or not JSON: the decoder says where)
    return True


def _line_units(
    head: bytes, fp, name: str, on_read: Callable[[int], None] | None
) -> Iterator[tuple[str, tuple[int, bytes]]]:
    """(name, (line number, the line's bytes)); ``head`` may start with blank lines."""
    if on_read is not None:
        on_read(len(head))
    if head.strip(_JSON_WS):
        yield name, (1, head)
    lineno = head.count(b"\n")
    for line in fp:
        lineno += 1
        if on_read is not None:
            on_read(len(line))
        if line.strip(_JSON_WS):
            yield name, (lineno, line)


class _Prefixed(io.RawIOBase):
    """A binary stream with ``head`` (already read) put back in front."""

    def __init__(self, head: bytes, fp) -> None:
        self.head = head
        self.fp = fp

    def readable(self) -> bool:
        return True

    def readinto(self, b) -> int:
        if self.head:
            n = min(len(b), len(self.head))
            b[:n] = self.head[:n]
            self.head = self.head[n:]
            return n
        data = self.fp.read(len(b))
        b[: len(data)] = data
        return len(data)
