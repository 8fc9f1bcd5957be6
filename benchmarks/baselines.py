"""The pipelines `orkl-misp match` is measured against, each run as its own process.

    python benchmarks/baselines.py aho       CORPUS.jsonl NAMES.txt OUT
    python benchmarks/baselines.py hyperscan CORPUS.jsonl NAMES.txt OUT
    python benchmarks/baselines.py regex     CORPUS.jsonl NAMES.txt OUT

Each reads the corpus line by line, lower-cases the entry's text, finds every galaxy name in
it and writes one minimal JSON line per entry (its sha1 and the names found):

- ``aho``: the irreducible Python pipeline, (c): json.loads, str.lower, pyahocorasick's
  ``iter`` over an automaton of the lower-cased names, json.dumps;
- ``hyperscan``: the same with Hyperscan's literal-set compiler (PyPI ``hyperscan``), one
  callback per hit; exits 3 when the package is not installed;
- ``regex``: one compiled, word-bounded, case-insensitive alternation of all names (the
  naive way), on whatever sample it is given.
"""

from __future__ import annotations

import json
import re
import sys


def _names(path: str) -> list[str]:
    with open(path, encoding="utf-8") as fp:
        return [n for n in fp.read().splitlines() if n]


def aho(names: list[str]):
    import ahocorasick

    automaton = ahocorasick.Automaton()
    for i, name in enumerate(names):
        automaton.add_word(name, i)
    automaton.make_automaton()
    return lambda text: {names[i] for _, i in automaton.iter(text.lower())}


def hyperscan(names: list[str]):
    try:
        import hyperscan as hs
    except ImportError:
        sys.exit(3)
    db = hs.Database()
    db.compile(
        expressions=[n.encode() for n in names],
        ids=list(range(len(names))),
        elements=len(names),
        flags=0,  # every hit, as the others report them
        literal=True,
    )
    scratch = hs.Scratch(db)

    def find(text: str) -> set[str]:
        found: set[str] = set()

        def on_match(i, start, end, flags, context):
            found.add(names[i])

        db.scan(text.lower().encode(), match_event_handler=on_match, scratch=scratch)
        return found

    return find


def regex(names: list[str]):
    alternation = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    pattern = re.compile(r"\b(?:" + alternation + r")\b", re.I)
    return lambda text: {m.group().lower() for m in pattern.finditer(text)}


def bare_import(dump: str, library: str) -> None:
    """The floor of an import: stream the array's elements and insert them, nothing else."""
    import sqlite3

    db = sqlite3.connect(library, isolation_level=None)
    db.execute("PRAGMA journal_mode = WAL")
    db.execute(
        "CREATE TABLE entries (id TEXT PRIMARY KEY, sha1 TEXT NOT NULL, title TEXT NOT NULL, "
        "updated_at TEXT, raw TEXT NOT NULL)"
    )
    decoder = json.JSONDecoder()
    batch: list = []

    def flush() -> None:
        db.execute("BEGIN")
        db.executemany("INSERT OR REPLACE INTO entries VALUES (?,?,?,?,?)", batch)
        db.execute("COMMIT")
        batch.clear()

    with open(dump, encoding="utf-8") as fp:
        buf = fp.read(1 << 20)
        pos = buf.index("[") + 1
        while True:
            while pos < len(buf) and buf[pos] in " \t\r\n,":
                pos += 1
            if pos == len(buf):
                buf, pos = fp.read(1 << 20), 0
                if not buf:
                    break
                continue
            if buf[pos] == "]":
                break
            try:
                raw, end = decoder.raw_decode(buf, pos)
            except json.JSONDecodeError:  # the element goes on in the next chunk
                buf, pos = buf[pos:] + fp.read(1 << 20), 0
                continue
            batch.append(
                (raw["id"], raw["sha1_hash"], raw["title"], raw["updated_at"], buf[pos:end])
            )
            if len(batch) >= 500:
                flush()
            pos = end
    flush()
    db.close()


def main() -> int:
    if sys.argv[1] == "bare-import":
        bare_import(*sys.argv[2:4])
        return 0
    kind, corpus, names_path, out_path = sys.argv[1:5]
    find = {"aho": aho, "hyperscan": hyperscan, "regex": regex}[kind](_names(names_path))
    with open(corpus, encoding="utf-8") as src, open(out_path, "w", encoding="utf-8") as out:
        for line in src:
            entry = json.loads(line)
            hits = sorted(find(entry.get("plain_text") or ""))
            out.write(json.dumps({"sha1": entry["sha1_hash"], "names": hits}) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
