"""The local library: ORKL entries in an embedded SQLite database, for offline look-ups.

Whole entries (``plain_text`` included) keyed by ORKL id, indexed by sha1 and by every
normalised URL that leads to them (references, ORKL copies). Every write runs in a
transaction together with its checkpoint, so an interrupted sync or import keeps all it had
stored and resumes where it stopped.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from misp_module.core.entry import OrklEntry, parse_entry
from misp_module.core.errors import ConfigError
from misp_module.core.urls import host_of, normalize_url

SCHEMA_VERSION = 1
_SCHEMA = """
CREATE TABLE IF NOT EXISTS entries (
    id TEXT PRIMARY KEY,
    sha1 TEXT NOT NULL,
    title TEXT NOT NULL,
    updated_at TEXT,
    raw TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS entries_sha1 ON entries (sha1);
CREATE TABLE IF NOT EXISTS entry_urls (
    url_key TEXT NOT NULL,
    id TEXT NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
    PRIMARY KEY (url_key, id)
);
CREATE INDEX IF NOT EXISTS entry_urls_id ON entry_urls (id);
CREATE TABLE IF NOT EXISTS state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.I)
_SHA1 = re.compile(r"\b[0-9a-f]{40}\b", re.I)


def default_library_path() -> Path:
    if os.environ.get("ORKL_MISP_LIBRARY"):
        return Path(os.environ["ORKL_MISP_LIBRARY"])
    base = os.environ.get("XDG_DATA_HOME") or os.path.join(
        os.path.expanduser("~"), ".local", "share"
    )
    return Path(base) / "orkl-misp" / "library.sqlite3"


def entry_key(entry: OrklEntry) -> str:
    return entry.id or f"sha1:{entry.sha1}"


def url_keys(entry: OrklEntry) -> set[str]:
    urls = (*entry.references, *entry.files.values(), *entry.archive_links)
    return {k for k in (normalize_url(u) for u in urls) if k}


class Library:
    def __init__(self, path: str | os.PathLike, *, create: bool = True) -> None:
        self.path = Path(path)
        if not create and not self.path.exists():
            raise ConfigError(f"{self.path}: no library here (run `orkl-misp sync` or `import`)")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(self.path, isolation_level=None, timeout=30)
            self.db.execute("PRAGMA foreign_keys = ON")
            self.db.execute("PRAGMA journal_mode = WAL")
            self.db.executescript(_SCHEMA)
        except (OSError, sqlite3.Error) as exc:
            raise ConfigError(f"{self.path}: cannot open the library ({exc})") from None
        version = self.get_state("schema_version")
        if version is None:
            self.set_state("schema_version", str(SCHEMA_VERSION))
        elif int(version) > SCHEMA_VERSION:
            raise ConfigError(f"{self.path}: written by a newer orkl-misp (schema {version})")

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """All or nothing: an exception (or a kill) rolls the whole block back."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    # --- writes (call inside a transaction) ---------------------------------------------

    def upsert(self, entry: OrklEntry) -> bool:
        """Store ``entry``; True when it was new."""
        key = entry_key(entry)
        existed = self.db.execute("SELECT 1 FROM entries WHERE id = ?", (key,)).fetchone()
        self.db.execute(
            "INSERT OR REPLACE INTO entries (id, sha1, title, updated_at, raw) VALUES (?,?,?,?,?)",
            (
                key,
                entry.sha1,
                entry.title,
                entry.updated_at,
                json.dumps(entry.raw, ensure_ascii=False),
            ),
        )
        self.db.execute("DELETE FROM entry_urls WHERE id = ?", (key,))
        self.db.executemany(
            "INSERT OR IGNORE INTO entry_urls (url_key, id) VALUES (?, ?)",
            [(k, key) for k in sorted(url_keys(entry))],
        )
        return existed is None

    def delete(self, entry: OrklEntry) -> bool:
        cur = self.db.execute("DELETE FROM entries WHERE id = ?", (entry_key(entry),))
        return cur.rowcount > 0

    def set_state(self, key: str, value: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO state (key, value) VALUES (?, ?)", (key, value))

    def clear_state(self, key: str) -> None:
        self.db.execute("DELETE FROM state WHERE key = ?", (key,))

    # --- reads ----------------------------------------------------------------------------

    def get_state(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM state WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def count(self) -> int:
        return self.db.execute("SELECT count(*) FROM entries").fetchone()[0]

    def _load(self, rows) -> OrklEntry | None:
        for (raw,) in rows:
            return parse_entry(json.loads(raw))
        return None

    def by_id(self, entry_id: str) -> OrklEntry | None:
        return self._load(self.db.execute("SELECT raw FROM entries WHERE id = ?", (entry_id,)))

    def by_sha1(self, sha1: str) -> OrklEntry | None:
        return self._load(
            self.db.execute(
                "SELECT raw FROM entries WHERE sha1 = ? ORDER BY id LIMIT 1", (sha1.lower(),)
            )
        )

    def by_url(self, url: str) -> OrklEntry | None:
        key = normalize_url(url)
        if not key:
            return None
        return self._load(
            self.db.execute(
                "SELECT e.raw FROM entry_urls u JOIN entries e ON e.id = u.id "
                "WHERE u.url_key = ? ORDER BY e.id LIMIT 1",
                (key,),
            )
        )

    def find(self, key: str) -> OrklEntry | None:
        """An entry by sha1, ORKL id, or any URL that leads to it."""
        return find_in(self, key)

    def url_index(self) -> Iterator[tuple[str, str]]:
        """(normalised URL, sha1) for every URL that leads to an entry, without parsing one."""
        yield from self.db.execute(
            "SELECT u.url_key, e.sha1 FROM entry_urls u JOIN entries e ON e.id = u.id "
            "ORDER BY u.url_key, e.id"
        )

    def iter_entries(self) -> Iterator[OrklEntry]:
        for (raw,) in self.db.execute("SELECT raw FROM entries ORDER BY id"):
            yield parse_entry(json.loads(raw))


def classify_key(key: str) -> tuple[str, str]:
    """('sha1'|'id'|'url', normalised value) for a look-up key a user or MISP gives."""
    key = key.strip()
    if _SHA1.fullmatch(key):
        return "sha1", key.lower()
    if _UUID.fullmatch(key):
        return "id", key.lower()
    host = host_of(key)
    if host == "archive.orkl.eu" or host.endswith(".r2.dev"):
        m = _SHA1.search(key)
        if m:
            return "sha1", m.group().lower()
    if host == "orkl.eu":
        m = _UUID.search(key)
        if m:
            return "id", m.group().lower()
    return "url", key


def find_in(store, key: str) -> OrklEntry | None:
    kind, value = classify_key(key)
    if kind == "sha1":
        return store.by_sha1(value)
    if kind == "id":
        return store.by_id(value)
    return store.by_url(value)
