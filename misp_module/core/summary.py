"""A short summary of a report: its first sentences of prose, not its headers."""

from __future__ import annotations

import re

MAX_CHARS = 500
MIN_PROSE_WORDS = 8
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9“\"'(])")


def _sentences(prose: str):
    """``_SENTENCE_END.split(prose)``, one sentence at a time: the summary reads the first few
    of up to 10,000 characters (the tests hold both to the same sentences)."""
    start = 0
    for m in _SENTENCE_END.finditer(prose):
        yield prose[start : m.start()]
        start = m.end()
    yield prose[start:]


def _lines(raw: list[str]):
    """(index in ``raw``, the line with its white space collapsed) of each line not blank."""
    for i, line in enumerate(raw):
        flat = " ".join(line.split())
        if flat:
            yield i, flat


def summarise(title: str, text: str, max_chars: int = MAX_CHARS) -> str:
    head = text[: max_chars * 20]  # the summary comes from the beginning: never split it all
    raw = head.splitlines()
    lines = _lines(raw)  # read as far as the title and the header lines go, not further
    flat_title = " ".join(title.split()).lower()
    # Skip the title (often the text's first lines) and the short header lines after it
    # ("Press release", "19 July 2021 11:35", "By Martin Zugec").
    joined = ""
    first = None
    for i, line in lines:
        joined = f"{joined} {line}".strip().lower()
        if not (flat_title and flat_title.startswith(joined)):
            first = (i, line)
            break
    while first is not None and len(first[1].split()) < MIN_PROSE_WORDS:
        first = next(lines, None)
    if first is None:
        return title
    # The prose is read as far as the summary needs: the lines from there up to a few times
    # max_chars, collapsed as one (every line break is white space to str.split). The summary
    # is the same as from all the prose when its sentences end before the last sentence of
    # that part, which may go on after it; otherwise all the prose is read.
    rest = raw[first[0] :]
    taken, size = 0, 0
    while taken < len(rest) and size < 4 * max_chars:
        size += len(rest[taken]) + 1
        taken += 1
    if taken < len(rest):
        out = _first_sentences(" ".join(" ".join(rest[:taken]).split()), max_chars)
        if out is not None:
            return out
    return _first_sentences(" ".join(" ".join(rest).split()), max_chars, whole=True)


def _first_sentences(prose: str, max_chars: int, whole: bool = False) -> str | None:
    """The summary's sentences of ``prose``; None when that needs the last sentence of a
    ``prose`` that is not ``whole`` (the text may go on after it)."""
    out = ""
    pieces = _sentences(prose)
    sentence = next(pieces)
    for following in pieces:
        if out and len(out) + 1 + len(sentence) > max_chars:
            break
        out = f"{out} {sentence}".strip()
        if len(out) >= max_chars // 2:
            break
        sentence = following
    else:  # the last sentence comes next
        if not whole:
            return None
        if not out or len(out) + 1 + len(sentence) <= max_chars:
            out = f"{out} {sentence}".strip()
    if len(out) > max_chars:
        out = out[:max_chars].rsplit(" ", 1)[0] + "…"
    return out
