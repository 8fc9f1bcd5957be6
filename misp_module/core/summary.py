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


def summarise(title: str, text: str, max_chars: int = MAX_CHARS) -> str:
    head = text[: max_chars * 20]  # the summary comes from the beginning: never split it all
    lines = [" ".join(line.split()) for line in head.splitlines()]
    lines = [line for line in lines if line]
    flat_title = " ".join(title.split()).lower()
    # Skip the title (often the text's first lines) and the short header lines after it
    # ("Press release", "19 July 2021 11:35", "By Martin Zugec").
    start = 0
    joined = ""
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
    for sentence in _sentences(prose):
        if out and len(out) + 1 + len(sentence) > max_chars:
            break
        out = f"{out} {sentence}".strip()
        if len(out) >= max_chars // 2:
            break
    if len(out) > max_chars:
        out = out[:max_chars].rsplit(" ", 1)[0] + "…"
    return out
