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
from bisect import bisect_right

import ahocorasick

from misp_module.core.names import ScanForm

MAX_HYPERSCAN_WORDS = 500  # compile time grows with the set: beyond this, pyahocorasick

try:  # an optional engine: the wheel exists for Linux and macOS on x86_64
    import hyperscan
except ImportError:  # pragma: no cover - exercised where the wheel does not install
    hyperscan = None


class Literals:
    """``Literals(["attribut", "linked to"]).find(form)``: (start, word index) of each
    occurrence in ``form.words``. Words are lower-case ASCII, as scan forms are, and distinct.

    ``engine`` None picks Hyperscan when it is installed for small sets, or when ``compiled``
    (a database :meth:`serialized` gave for the same words) loads here; "hyperscan" asks for it
    whatever the size, compiled when ``compiled`` does not load (pyahocorasick when Hyperscan
    is not installed).
    """

    def __init__(
        self,
        words: list[str] | tuple[str, ...],
        engine: str | None = None,
        compiled: bytes | None = None,
    ) -> None:
        self.words = tuple(words)
        if hyperscan is None or not self.words:
            engine = "ahocorasick"
        db = _load(compiled) if compiled and engine != "ahocorasick" else None
        if engine is None:  # a database that loads here, or a set small enough to compile
            small = len(self.words) <= MAX_HYPERSCAN_WORDS
            engine = "hyperscan" if db is not None or small else "ahocorasick"
        if engine == "hyperscan" and db is None:
            db = _compile(self.words)
            if db is None:  # words Hyperscan refuses: the same hits from pyahocorasick
                engine = "ahocorasick"
        self.engine = engine
        if engine == "hyperscan":
            self._db = db
            self._local = threading.local()  # a scratch space per thread (Hyperscan's rule)
        else:
            self._automaton = ahocorasick.Automaton()
            for i, word in enumerate(self.words):
                self._automaton.add_word(word, i)
            self._automaton.make_automaton()

    def serialized(self) -> bytes | None:
        """Hyperscan's compiled database (None with pyahocorasick), to keep beside the words."""
        return hyperscan.dumpb(self._db) if self.engine == "hyperscan" else None

    def find(self, form: ScanForm) -> list[tuple[int, int]]:
        return self.find_in(form.words, form.data)

    def find_in(self, words: str, data: bytes) -> list[tuple[int, int]]:
        """The same in a scan form given as text and as its ASCII bytes."""
        if not self.words:
            return []
        if self.engine != "hyperscan":
            table = self.words
            return [(end - len(table[i]) + 1, i) for end, i in self._automaton.iter(words)]
        words_ = self.words
        # pyahocorasick's order: by end, and at one end the longer word (the earlier start) first
        found = sorted((end, -len(words_[i]), i) for end, i in self._hyperscan_ends(data))
        return [(end + n, i) for end, n, i in found]

    def ends_in(self, words: str, data: bytes) -> list[tuple[int, int]]:
        """(end, word index) of each occurrence, the end exclusive, in no particular order: the
        same set whichever engine runs, for callers that sort the hits their own way."""
        if not self.words:
            return []
        if self.engine != "hyperscan":
            return [(end + 1, i) for end, i in self._automaton.iter(words)]
        return self._hyperscan_ends(data)

    def ends_in_each(self, datas: list[bytes]) -> list[list[tuple[int, int]]]:
        """:meth:`ends_in` of each of ``datas`` (scan forms as ASCII bytes, each with its own
        offsets). Hyperscan scans them in one go, joined by newlines: its tables for the
        galaxy names (2 MB) are read from memory again by every scan of its own, as the work
        between two texts evicts them (twice the time of one scan of them all). No word holds
        a newline (a scan form has none), so no hit spans two texts."""
        if self.engine != "hyperscan" or not self.words or not datas:
            return [self.ends_in(data.decode("ascii"), data) for data in datas]
        starts = []
        at = 0
        for data in datas:
            starts.append(at)
            at += len(data) + 1
        starts.append(at)  # past the last text
        out: list[list[tuple[int, int]]] = [[] for _ in datas]
        # Each hit goes straight to its text's list: the text holding its last byte, found
        # again (bisect) only when a hit falls outside the text of the hit before.
        lo = hi = base = 0  # the current text: its hits end in (lo, hi], its offset base
        add = out[0].append

        def on_match(i: int, start: int, end: int, flags: int, context: object) -> None:
            nonlocal lo, hi, base, add
            if not lo < end <= hi:
                k = bisect_right(starts, end - 1) - 1
                lo, hi, base, add = starts[k], starts[k + 1], starts[k], out[k].append
            add((end - base, i))

        self._db.scan(b"\n".join(datas), match_event_handler=on_match, scratch=self._scratch())
        return out

    def _scratch(self):
        scratch = getattr(self._local, "scratch", None)
        if scratch is None:
            scratch = self._local.scratch = hyperscan.Scratch(self._db)
        return scratch

    def _hyperscan_ends(self, data: bytes) -> list[tuple[int, int]]:
        scratch = self._scratch()
        hits: list[tuple[int, int]] = []
        add = hits.append

        def on_match(i: int, start: int, end: int, flags: int, context: object) -> None:
            add((end, i))  # end is exclusive

        self._db.scan(data, match_event_handler=on_match, scratch=scratch)
        return hits


def _load(compiled: bytes):
    """A serialized database, or None when this machine's Hyperscan cannot use it (another
    release or CPU): it is compiled again then."""
    try:
        return hyperscan.loadb(compiled, hyperscan.HS_MODE_BLOCK)
    except (hyperscan.error, TypeError, ValueError):
        return None


def _compile(words: tuple[str, ...]):
    db = hyperscan.Database(mode=hyperscan.HS_MODE_BLOCK)
    try:
        db.compile(
            expressions=[w.encode("ascii") for w in words],
            ids=list(range(len(words))),
            elements=len(words),
            flags=0,  # every occurrence, overlapping ones included
            literal=True,
        )
    except (hyperscan.error, UnicodeEncodeError):
        return None
    return db
