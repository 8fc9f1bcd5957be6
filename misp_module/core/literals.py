"""Every occurrence of a set of literal words in a scan form, in one pass in C.

Hyperscan (PyPI ``hyperscan``, whose wheels bundle the library) where it is installed;
pyahocorasick, which is always installed, where it is not. Both report every occurrence of
every word, overlapping ones included, and :meth:`Literals.find` returns them in the one order
pyahocorasick's ``iter`` gives (by end, the longer word first), so results are identical
whichever engine runs (tests/test_work_once.py compares them).

Hyperscan compiles a small set in milliseconds and scans at memory speed, where
pyahocorasick's ``iter`` steps through the text in Python-visible iterations (about 100 MB/s
here); for thousands of words its compile time (about half a second for the galaxy names) is
more than it saves on one corpus, so only small sets use it.
"""

from __future__ import annotations

import threading

import ahocorasick

from misp_module.core.names import ScanForm

MAX_HYPERSCAN_WORDS = 500  # compile time grows with the set: beyond this, pyahocorasick

try:  # an optional engine: the wheel exists for Linux and macOS on x86_64
    import hyperscan
except ImportError:  # pragma: no cover - exercised where the wheel does not install
    hyperscan = None


class Literals:
    """``Literals(["attribut", "linked to"]).find(form)``: (start, word index) of each
    occurrence in ``form.words``. Words are lower-case ASCII, as scan forms are."""

    def __init__(self, words: list[str] | tuple[str, ...], engine: str | None = None) -> None:
        self.words = tuple(words)
        if engine is None:
            small = 0 < len(self.words) <= MAX_HYPERSCAN_WORDS
            engine = "hyperscan" if hyperscan is not None and small else "ahocorasick"
        self.engine = engine
        if engine == "hyperscan":
            self._db = hyperscan.Database(mode=hyperscan.HS_MODE_BLOCK)
            self._db.compile(
                expressions=[w.encode("ascii") for w in self.words],
                ids=list(range(len(self.words))),
                elements=len(self.words),
                flags=0,  # every occurrence, overlapping ones included
                literal=True,
            )
            self._local = threading.local()  # a scratch space per thread (Hyperscan's rule)
        else:
            self._automaton = ahocorasick.Automaton()
            for i, word in enumerate(self.words):
                self._automaton.add_word(word, i)
            self._automaton.make_automaton()

    def find(self, form: ScanForm) -> list[tuple[int, int]]:
        if not self.words:
            return []
        if self.engine != "hyperscan":
            words = self.words
            return [(end - len(words[i]) + 1, i) for end, i in self._automaton.iter(form.words)]
        scratch = getattr(self._local, "scratch", None)
        if scratch is None:
            scratch = self._local.scratch = hyperscan.Scratch(self._db)
        hits: list[tuple[int, int]] = []
        add = hits.append

        def on_match(i: int, start: int, end: int, flags: int, context: object) -> None:
            add((end, i))  # end is exclusive

        self._db.scan(form.data, match_event_handler=on_match, scratch=scratch)
        words = self.words
        # pyahocorasick's order: by end, and at one end the longer word (the earlier start) first
        found = sorted((end, -len(words[i]), i) for end, i in hits)
        return [(end + n, i) for end, n, i in found]
