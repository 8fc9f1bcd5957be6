"""Filling the library: incremental sync from the ORKL API, and bulk import from files.

Sync pages ``library/entries`` newest-updated first and stops at the first entry older than
the last sync (less an overlap of a few minutes, for clock skew and entries updated while the
previous sync ran). Each page is stored in one transaction together with the checkpoint, so a
killed sync resumes at the page where it stopped: offsets in a newest-first listing only ever
shift later, so resuming can re-read an entry but never skip one.
"""

from __future__ import annotations

import itertools
import json
import logging
import os
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from misp_module.core.entry import parse_entry
from misp_module.core.errors import EntryError, FileError, OrklMispError
from misp_module.core.reader import expand_paths, read_entries
from misp_module.core.words import counted
from misp_module.orkl.library import Library

if TYPE_CHECKING:  # the client (requests, tenacity) is loaded by sync alone, not by import
    from misp_module.orkl.client import OrklClient

log = logging.getLogger("orkl-misp")
OVERLAP = timedelta(minutes=5)


class SyncError(OrklMispError):
    """The sync cannot go on safely; what it stored and its checkpoint are kept."""

    exit_status = 3


IMPORT_BATCH = 500
# Text an import holds before writing a batch: a bound on its memory (a few reports of
# megabytes make a batch on their own), and a transaction its page cache holds whole.
IMPORT_BATCH_CHARS = 8 << 20
_CHECKPOINT = "sync_checkpoint"
_LAST_SYNC = "last_sync"


@dataclass
class Summary:
    added: int = 0
    updated: int = 0
    deleted: int = 0
    skipped: Counter = field(default_factory=Counter)  # reason -> count
    pages: int = 0
    stopped: str = ""

    def add(self, other: Summary) -> None:
        self.added += other.added
        self.updated += other.updated
        self.deleted += other.deleted
        self.skipped.update(other.skipped)
        self.pages += other.pages

    def line(self, verb: str) -> str:
        skipped = sum(self.skipped.values())
        text = f"{verb}: {self.added} added, {self.updated} updated, {self.deleted} deleted, {skipped} skipped"
        if self.skipped:
            text += " (" + "; ".join(f"{n} {r}" for r, n in sorted(self.skipped.items())) + ")"
        return text + (f"; {self.stopped}" if self.stopped else "")


def _parse_time(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None


def _store(
    library: Library, raw: object, position: int, summary: Summary, problems: list[str]
) -> None:
    try:
        entry = parse_entry(raw, position=position)
    except EntryError as err:
        summary.skipped["malformed"] += 1
        problems.append(str(err))
        return
    if entry.deleted_at:
        if library.delete(entry):
            summary.deleted += 1
        else:
            summary.skipped["tombstone of an entry not stored"] += 1
        return
    if library.upsert(entry):
        summary.added += 1
    else:
        summary.updated += 1


def last_sync_missing(library: Library) -> bool:
    return library.get_state(_LAST_SYNC) is None


def _library_size(client: OrklClient) -> int | None:
    """ORKL's entry count, for the progress of a first sync; None when ORKL does not say."""
    from misp_module.orkl.client import OrklUnavailable

    try:
        info = client.info()
    except OrklUnavailable:
        raise  # the paging would fail the same way: say so now, not after as many tries again
    except OrklMispError:
        return None
    total = info.get("library_entries") if isinstance(info, dict) else None
    return total if isinstance(total, int) and total > 0 else None


def sync(
    library: Library,
    client: OrklClient,
    *,
    report: Callable[[str], None] = lambda s: None,
    max_pages: int | None = None,
    progress: Callable[[int, int | None], None] = lambda done, total: None,
) -> tuple[Summary, list[str]]:
    """Bring the library up to date; returns the summary and the malformed entries' messages.

    ``progress(entries read, ORKL's entry count or None)`` is called after each page.
    """
    from misp_module.orkl.client import PAGE_SIZE

    summary, problems = Summary(), []
    total = _library_size(client) if last_sync_missing(library) else None
    last = _parse_time(library.get_state(_LAST_SYNC))
    since = last - OVERLAP if last else None
    checkpoint = json.loads(library.get_state(_CHECKPOINT) or "{}")
    if checkpoint.get("since") != (since.isoformat() if since else None):
        checkpoint = {}
    offset = checkpoint.get("offset", 0)
    newest = _parse_time(checkpoint.get("newest")) or last
    if offset:
        report(f"resuming an interrupted sync at entry {offset}")
    # Every id read in this run. Offsets shift later while new entries arrive, so a page may
    # share a few entries with the one before; a page of nothing but entries already read means
    # ORKL repeats or cycles its pages, and trusting it would mark the sync done with entries
    # never read (a later sync would never fetch them).
    seen: set[str] = set()
    while max_pages is None or summary.pages < max_pages:
        page = client.entries(limit=PAGE_SIZE, offset=offset)
        if not page:
            summary.stopped = "reached the end of the library"
            break
        ids = {r.get("id") for r in page if isinstance(r, dict) and isinstance(r.get("id"), str)}
        if ids and ids <= seen:
            raise SyncError(
                f"{summary.line('sync stopped')}; ORKL answered the page at offset {offset} "
                "with entries this sync had already read (its pages repeat or cycle); the "
                f"checkpoint at entry {offset} is kept, run `sync` again later to go on from it"
            )
        seen |= ids
        older = False
        with library.transaction():
            for i, raw in enumerate(page):
                updated = _parse_time(raw.get("updated_at")) if isinstance(raw, dict) else None
                if since and updated and updated < since:
                    older = True
                    break
                if updated and (newest is None or updated > newest):
                    newest = updated
                _store(library, raw, offset + i + 1, summary, problems)
            offset += len(page)
            library.set_state(
                _CHECKPOINT,
                json.dumps(
                    {
                        "since": since.isoformat() if since else None,
                        "offset": offset,
                        "newest": newest.isoformat() if newest else None,
                    }
                ),
            )
        summary.pages += 1
        where = f"entry {offset}" + (f" of {total} ({100 * offset // total}%)" if total else "")
        log.info("%s", summary.line(f"page {summary.pages}, {where}"))  # progress: -v only
        progress(offset, total)
        if older:
            summary.stopped = "caught up with the last sync"
            break
        if len(page) < PAGE_SIZE:
            summary.stopped = "reached the end of the library"
            break
    else:
        return summary, problems  # stopped by max_pages: the checkpoint stays for next time
    with library.transaction():
        if newest:
            library.set_state(_LAST_SYNC, newest.isoformat())
        library.clear_state(_CHECKPOINT)
    return summary, problems


def import_files(
    library: Library,
    paths: Iterable[str],
    *,
    report: Callable[[str], None] = lambda s: None,
    batch: int = IMPORT_BATCH,
    on_read: Callable[[int], None] | None = None,
    on_file: Callable[[str, Summary], None] = lambda path, summary: None,
) -> tuple[Summary, list[str]]:
    """Import every entry in ``paths`` (any shape the reader knows), streaming, in batches.

    A file already partly imported (same path, size and modification time) resumes after its
    last committed batch. ``on_file(path, that file's own counts)`` is called as each file
    ends; ``on_read`` gets the bytes read (progress). Returns the totals.
    """
    summary, problems = Summary(), []
    with library.bulk_load():
        for path in expand_paths(paths):
            here = _import_file(library, path, report, batch, on_read, problems)
            summary.add(here)
            on_file(path, here)
    return summary, problems


def _import_file(library, path, report, batch, on_read, problems) -> Summary:
    """One file in batches of ``batch`` entries or IMPORT_BATCH_CHARS of text, whichever comes
    first: each read, then written in one transaction with the file's checkpoint (a kill
    loses the open batch only). The write lock is not held while reading, so the module can
    store an entry it fetched from ORKL between two batches, even while reading a slow pipe."""
    done_key = _import_key(path)
    skip = int(library.get_state(done_key) or 0) if done_key else 0
    here = Summary()
    if skip:
        report(f"{path}: resuming after entry {skip}")
        here.skipped["already imported"] += skip
    items = read_entries([path], on_read)
    position = 0
    for _ in itertools.islice(items, skip):
        position += 1
    while True:
        pending, chars, more = [], 0, False
        for item in items:
            pending.append(item)
            chars += len(getattr(item, "text", ""))
            if len(pending) >= batch or chars >= IMPORT_BATCH_CHARS:
                more = True
                break
        with library.transaction():
            for item in pending:
                _import_one(library, item, here, problems)
            position += len(pending)
            if done_key:
                library.set_state(done_key, str(position))
        if not more:
            return here
        log.info("%s", here.line(f"{path}: {counted(position, 'entry')} read"))


def _import_one(library, item, summary, problems) -> None:
    if isinstance(item, FileError):
        summary.skipped["unreadable input"] += 1
        problems.append(str(item))
    elif isinstance(item, EntryError):
        summary.skipped["malformed"] += 1
        problems.append(str(item))
    elif item.deleted_at:
        summary.deleted += library.delete(item)
    elif library.upsert(item):
        summary.added += 1
    else:
        summary.updated += 1


def _import_key(path: str) -> str | None:
    if path == "-":
        return None
    st = os.stat(path)
    return f"import:{os.path.abspath(path)}:{st.st_size}:{st.st_mtime_ns}"
