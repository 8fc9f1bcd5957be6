"""Finding one entry by sha1, ORKL id or URL: the library first, then the ORKL API.

The key is only ever a key. A URL that came from a MISP attribute is looked up in the library
and, when it names an ORKL entry (an archive.orkl.eu file, an orkl.eu entry page), turned into
an id or sha1 for the configured ORKL API; it is never fetched itself.
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from importlib import resources
from pathlib import Path

from misp_module.core.entry import OrklEntry, parse_entry
from misp_module.core.errors import ConfigError
from misp_module.orkl.client import OrklApiError, OrklClient
from misp_module.orkl.library import Library, classify_key, default_library_path, find_in


class _Bundled:
    """The entries shipped with the package, as a tiny read-only library."""

    def __init__(self) -> None:
        self.entries: list[OrklEntry] = []
        data = resources.files("misp_module").joinpath("data")
        for name in ("eu-declaration-2021-07-19.json",):
            self.entries.append(parse_entry(json.loads(data.joinpath(name).read_text("utf-8"))))

    def by_sha1(self, sha1: str) -> OrklEntry | None:
        return next((e for e in self.entries if e.sha1 == sha1), None)

    def by_id(self, entry_id: str) -> OrklEntry | None:
        return next((e for e in self.entries if e.id == entry_id), None)

    def by_url(self, url: str) -> OrklEntry | None:
        from misp_module.core.urls import normalize_url
        from misp_module.orkl.library import url_keys

        key = normalize_url(url)
        return next((e for e in self.entries if key and key in url_keys(e)), None)


@lru_cache(maxsize=1)
def bundled() -> _Bundled:
    return _Bundled()


def open_library(path: str | None) -> Library | None:
    """The library at ``path``, created if named; at the default place only if it exists."""
    if path:
        return Library(path)
    try:
        return Library(default_library_path(), create=False)
    except ConfigError:
        return None


# Libraries the module's query threads keep open between queries, per thread (an SQLite
# connection belongs to its thread): opening one (connect, WAL, schema check) cost more than
# the whole look-up. Each query checks the file is still the one opened (device and inode),
# so a library replaced or removed under the server is opened anew, as before.
_held = threading.local()
MAX_HELD = 4  # libraries per thread: a request can choose among those the server allows


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_dev, st.st_ino)


@contextmanager
def held_library(path: str | None) -> Iterator[Library | None]:
    """open_library(path), kept open by this thread for its next queries."""
    target = Path(path) if path else default_library_path()
    held: dict = _held.__dict__.setdefault("libraries", {})
    key = (path, str(target))
    here = held.get(key)
    if here is not None and here[1] != _identity(target):
        del held[key]
        here[0].close()
        here = None
    if here is None:
        library = open_library(path)
        if library is None:
            yield None
            return
        if len(held) >= MAX_HELD:
            for old, _ in held.values():
                old.close()
            held.clear()
        here = held[key] = (library, _identity(target))
    try:
        yield here[0]
    except BaseException:
        # Whatever went wrong, the next query starts from a fresh connection.
        if held.pop(key, None) is not None:
            here[0].close()
        raise


def find_entry(
    key: str,
    *,
    library: Library | None,
    client: OrklClient | None,
) -> tuple[OrklEntry | None, str]:
    """The entry for ``key`` and where it was found ('library', 'bundled', 'ORKL API')."""
    if library is not None:
        found = find_in(library, key)
        if found:
            return found, "library"
    found = find_in(bundled(), key)
    if found:
        return found, "bundled example"
    if client is None:
        return None, ""
    kind, value = classify_key(key)
    raw = None
    if kind == "sha1":
        raw = client.entry_by_sha1(value)
    elif kind == "id":
        raw = client.entry(value)
    if raw is None:
        return None, ""
    # Only an answer that validates as an ORKL entry, and is the entry asked for, is used
    # and kept: an API that answers another entry cannot plant it under this key.
    entry = parse_entry(raw, source=client.base_url)
    if (kind == "sha1" and entry.sha1 != value) or (kind == "id" and entry.id.lower() != value):
        raise OrklApiError(
            f"ORKL API {client.base_url}: asked for {kind} {value}, answered entry "
            f"{entry.id or entry.sha1}; not used, not stored"
        )
    if library is not None and not entry.deleted_at:
        with library.transaction():
            library.upsert(entry)  # next time it is local
    return entry, "ORKL API"
