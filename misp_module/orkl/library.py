"""The local library: ORKL entries in an embedded SQLite database, for offline look-ups.

Whole entries (``plain_text`` included) keyed by ORKL id, indexed by sha1 and by every
normalised URL that leads to them (references, ORKL copies). Every write runs in a
transaction together with its checkpoint, so an interrupted sync or import keeps all it had
stored and resumes where it stopped.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import re
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import orjson

from misp_module.core.entry import OrklEntry, parse_entry
from misp_module.core.errors import ConfigError, OrklMispError
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
_READ_ONLY_WORDS = ("readonly", "read-only", "unable to open", "disk i/o")


def _read_only_failure(exc: sqlite3.OperationalError) -> bool:
    return any(w in str(exc).lower() for w in _READ_ONLY_WORDS)


_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.I)
_SHA1 = re.compile(r"\b[0-9a-f]{40}\b", re.I)


def _raw_json(raw: dict) -> bytes | str:
    """The entry as stored: orjson, ten times json.dumps; json only for a lone surrogate.

    orjson's UTF-8 bytes go to SQLite as they are, cast to TEXT there (the same text value
    as the decoded string): decoding them here only for SQLite to encode them again cost a
    tenth of an import's time."""
    try:
        return orjson.dumps(raw)
    except TypeError:
        return json.dumps(raw, ensure_ascii=False)


def _from_json(text: str | bytes) -> dict:
    try:
        return orjson.loads(text)
    except orjson.JSONDecodeError:  # a lone surrogate, which json wrote and orjson refuses
        return json.loads(text)


def default_library_path() -> Path:
    if os.environ.get("ORKL_MISP_LIBRARY"):
        return Path(os.environ["ORKL_MISP_LIBRARY"])
    base = os.environ.get("XDG_DATA_HOME") or os.path.join(
        os.path.expanduser("~"), ".local", "share"
    )
    return Path(base) / "orkl-misp" / "library.sqlite3"


BULK_CACHE_KB = 32 << 10  # the page cache of an import's transactions (SQLite's default: 2 MB)

# Entries read to choose among when several lead to one URL (a much-cited report).
URL_CANDIDATES = 50


def url_rank(entry: OrklEntry, key: str) -> tuple[int, int]:
    """(0, 0) when ``key`` is the entry's own URL (first reference, ORKL copy); (1, i) when it
    is its i-th reference: cited, not its own; (2, 0) when it does not lead there at all."""
    own = (*entry.references[:1], *entry.files.values(), *entry.archive_links)
    if key in {normalize_url(u) for u in own}:
        return (0, 0)
    for i, ref in enumerate(entry.references):
        if normalize_url(ref) == key:
            return (1, i)
    return (2, 0)


def choose_by_url(candidates: list[OrklEntry], key: str) -> OrklEntry | None:
    """The best of the entries a URL leads to, with the choice explained in its notes."""
    ranked = sorted(((url_rank(e, key), entry_key(e), e) for e in candidates), key=lambda t: t[:2])
    ranked = [t for t in ranked if t[0][0] < 2]
    if not ranked:
        return None
    (rank, ident, best), others = ranked[0], ranked[1:]
    if not others:
        return best
    own = "whose own source URL it is" if rank[0] == 0 else "citing it earliest in its references"
    citing = sum(1 for r, _, _ in others if r[0] == 1)
    note = (
        f"{len(ranked)} entries lead to this URL; chose entry {ident}, {own}"
        + (f"; {citing} other{'s cite' if citing > 1 else ' cites'} it" if citing else "")
        + (
            f"; {len(others) - citing} other{'s' if len(others) - citing > 1 else ''} also "
            "have it as their own URL (the lowest id chosen)"
            if len(others) > citing
            else ""
        )
        + f" (others: {', '.join(i for _, i, _ in others[:5])}{', …' if len(others) > 5 else ''})"
    )
    return dataclasses.replace(best, notes=(*best.notes, note))


def entry_key(entry: OrklEntry) -> str:
    return entry.id or f"sha1:{entry.sha1}"


def url_keys(entry: OrklEntry) -> set[str]:
    # ORKL's files are usually the archive links themselves: each URL normalised once.
    urls = dict.fromkeys((*entry.references, *entry.files.values(), *entry.archive_links))
    return {k for k in (normalize_url(u) for u in urls) if k}


class LibraryError(OrklMispError):
    """The library's file cannot be read or written (disk full, corrupt pages, read-only)."""

    exit_status = 3


class _Db:
    """The SQLite connection, its every failure turned into one line naming the file."""

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self.conn = conn
        self.path = path

    def fail(self, exc: sqlite3.Error) -> LibraryError:
        return LibraryError(f"{self.path}: the library cannot be used ({exc})")

    def execute(self, sql: str, params: tuple = ()) -> sqlite3.Cursor:
        try:
            return self.conn.execute(sql, params)
        except sqlite3.Error as exc:
            raise self.fail(exc) from None

    def executemany(self, sql: str, rows) -> sqlite3.Cursor:
        try:
            return self.conn.executemany(sql, rows)
        except sqlite3.Error as exc:
            raise self.fail(exc) from None

    def rows(self, sql: str, params: tuple = ()) -> Iterator[tuple]:
        """The rows of a query, read lazily; a corrupt page met on the way is a LibraryError."""
        cursor = self.execute(sql, params)
        try:
            yield from cursor
        except sqlite3.Error as exc:
            raise self.fail(exc) from None

    def close(self) -> None:
        self.conn.close()


def _connect(path: Path, read_only: bool) -> sqlite3.Connection:
    if not read_only:
        return sqlite3.connect(path, isolation_level=None, timeout=30)
    # Read-only first with locks (another process may be writing: a library readable but not
    # writable by this user); on read-only storage no -wal/-shm can be made beside the file,
    # so SQLite is told the file cannot change under it (immutable) and reads it without locks.
    base = path.resolve().as_uri()
    try:
        return _open_read_only(base + "?mode=ro")
    except sqlite3.OperationalError:
        return _open_read_only(base + "?mode=ro&immutable=1")


def _open_read_only(uri: str) -> sqlite3.Connection:
    conn = sqlite3.connect(uri, uri=True, isolation_level=None, timeout=30)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.Error:
        conn.close()
        raise
    return conn


class Library:
    def __init__(self, path: str | os.PathLike, *, create: bool = True) -> None:
        self.path = Path(path)
        if not create and not self.path.exists():
            raise ConfigError(f"{self.path}: no library here (run `orkl-misp sync` or `import`)")
        self.created = not self.path.exists()
        self.read_only = False
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ConfigError(f"{self.path}: cannot make its folder ({exc.strerror})") from None
        conn = None
        try:
            conn = _connect(self.path, read_only=False)
            try:
                conn.execute("PRAGMA foreign_keys = ON")
                conn.execute("PRAGMA journal_mode = WAL")
                conn.executescript(_SCHEMA)
            except sqlite3.OperationalError as exc:
                if self.created or not _read_only_failure(exc):
                    raise
                conn.close()  # read-only storage: still readable
                conn = None
                conn = _connect(self.path, read_only=True)
                self.read_only = True
        except sqlite3.Error as exc:
            if conn is not None:
                conn.close()  # a failed open leaves no file descriptor behind
            if isinstance(exc, sqlite3.DatabaseError) and not isinstance(
                exc, sqlite3.OperationalError
            ):
                raise LibraryError(f"{self.path}: not a usable library ({exc})") from None
            raise ConfigError(f"{self.path}: cannot open the library ({exc})") from None
        self.db = _Db(conn, self.path)
        try:
            version = self.get_state("schema_version")
            if version is None:
                self.set_state("schema_version", str(SCHEMA_VERSION))
            elif int(version) > SCHEMA_VERSION:
                raise ConfigError(f"{self.path}: written by a newer orkl-misp (schema {version})")
        except BaseException:
            self.db.close()
            raise

    def close(self) -> None:
        self.db.close()

    def remove(self) -> None:
        """Close and delete the library's files (a first sync that stored nothing)."""
        self.db.close()
        for suffix in ("", "-wal", "-shm"):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(f"{self.path}{suffix}")

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """All or nothing: an exception (or a kill) rolls the whole block back."""
        if self.read_only:
            raise LibraryError(f"{self.path}: the library is on read-only storage; it can be read")
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            if self.db.conn.in_transaction:  # SQLite may have rolled back itself (disk full)
                with contextlib.suppress(sqlite3.Error):
                    self.db.conn.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    @contextmanager
    def bulk_load(self) -> Iterator[None]:
        """Many transactions in a row (an import): committed without waiting for the disk,
        each held in a page cache of BULK_CACHE_KB.

        In WAL mode, ``synchronous = NORMAL`` never leaves the library inconsistent; a power
        cut (not a kill) may undo the last batches committed, with their checkpoint, and the
        import then resumes before them. The disk is still synced at every WAL checkpoint.
        """
        if self.read_only:
            yield
            return
        (before,) = self.db.execute("PRAGMA synchronous").fetchone()
        (cache,) = self.db.execute("PRAGMA cache_size").fetchone()
        (mode,) = self.db.execute("PRAGMA journal_mode").fetchone()
        # NORMAL is safe only with a write-ahead log; a file system that refused WAL keeps
        # the rollback journal, where NORMAL could leave a torn file after a power cut.
        if str(mode).lower() == "wal":
            self.db.execute("PRAGMA synchronous = NORMAL")
        # A batch (500 entries, ~20 MB of text) in a 2 MB page cache spilled to the WAL again
        # and again, rewriting the index pages each time: twice the pages written.
        self.db.execute(f"PRAGMA cache_size = -{BULK_CACHE_KB}")
        try:
            yield
        finally:
            with contextlib.suppress(LibraryError):
                self.db.execute(f"PRAGMA synchronous = {int(before)}")
                self.db.execute(f"PRAGMA cache_size = {int(cache)}")

    # --- writes (call inside a transaction) ---------------------------------------------

    def upsert(self, entry: OrklEntry) -> bool:
        """Store ``entry``; True when it was new."""
        key = entry_key(entry)
        existed = self.db.execute("SELECT 1 FROM entries WHERE id = ?", (key,)).fetchone()
        self.db.execute(
            "INSERT OR REPLACE INTO entries (id, sha1, title, updated_at, raw) "
            "VALUES (?,?,?,?,CAST(? AS TEXT))",
            (
                key,
                entry.sha1,
                entry.title,
                entry.updated_at,
                _raw_json(entry.raw),
            ),
        )
        if existed is not None:  # a new entry has no URLs to forget
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

    # Entries are read as the UTF-8 bytes SQLite stores (CAST ... AS BLOB) and given to orjson
    # as they are: read as TEXT, SQLite's bytes were decoded to a str only for orjson to encode
    # it to UTF-8 again (0.17 -> 0.12 ms for a 46 kB entry, a module query's read).
    def _parse(self, raw: bytes) -> OrklEntry:
        try:
            return parse_entry(_from_json(raw))
        except UnicodeDecodeError:  # SQLite keeps TEXT as written; ours is always UTF-8
            raise LibraryError(
                f"{self.path}: the library cannot be used (an entry is not UTF-8)"
            ) from None

    def _load(self, rows) -> OrklEntry | None:
        for (raw,) in rows:
            return self._parse(raw)
        return None

    def by_id(self, entry_id: str) -> OrklEntry | None:
        return self._load(
            self.db.rows("SELECT CAST(raw AS BLOB) FROM entries WHERE id = ?", (entry_id,))
        )

    def by_sha1(self, sha1: str) -> OrklEntry | None:
        return self._load(
            self.db.rows(
                "SELECT CAST(raw AS BLOB) FROM entries WHERE sha1 = ? ORDER BY id LIMIT 1",
                (sha1.lower(),),
            )
        )

    def by_url(self, url: str) -> OrklEntry | None:
        """The entry ``url`` leads to. Several may: a report's own source URL is also cited in
        other reports' references. The entry whose own URL it is (its first reference, or an
        ORKL copy of it) comes first, then the one citing it earliest; the choice and the
        reason are added to the entry's notes."""
        key = normalize_url(url)
        if not key:
            return None
        rows = self.db.rows(
            "SELECT CAST(e.raw AS BLOB) FROM entry_urls u JOIN entries e ON e.id = u.id "
            "WHERE u.url_key = ? ORDER BY e.id LIMIT ?",
            (key, URL_CANDIDATES),
        )
        candidates = [self._parse(raw) for (raw,) in rows]
        return choose_by_url(candidates, key)

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
        for (raw,) in self.db.rows("SELECT CAST(raw AS BLOB) FROM entries ORDER BY id"):
            yield self._parse(raw)


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
