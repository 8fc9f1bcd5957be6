"""Writing files so that nothing is lost: a temporary file beside the target, then a rename.

Every writer of the package (galaxy JSON, the taxonomy, watch's state, match output) goes
through here, so a kill mid-write leaves the old file whole, and a replaced file keeps its mode
(a misp-galaxy checkout read by MISP as another user stays readable).

A temporary file is named after its target and the writing process (``.NAME.PID.XXXX.tmp``),
so the next write into that folder can tell the leftovers of a killed writer (its process is
gone) from the file another writer is busy with, and removes them.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from misp_module.core.errors import OutputError

TMP_SUFFIX = ".tmp"
_OURS = re.compile(r"^\..+\.(\d+)\.[a-z0-9_]{8}\.tmp$")


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    return True


def remove_stale_tmp(directory: Path | str) -> list[Path]:
    """Remove the temporary files of writers that died (kill -9, power loss) in ``directory``."""
    removed = []
    with contextlib.suppress(OSError):
        for entry in os.scandir(directory):
            m = _OURS.match(entry.name)
            if m and entry.is_file(follow_symlinks=False) and not _alive(int(m.group(1))):
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(entry.path)
                    removed.append(Path(entry.path))
    return removed


def _mode_for(path: Path) -> int:
    """The mode the file has now, or what a new file gets under the process's umask."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


class AtomicFile:
    """The file :func:`atomic_open` yields: ``write`` takes str (as UTF-8) or bytes."""

    def __init__(self, fp: BinaryIO, path: Path) -> None:
        self._fp = fp
        self.path = path

    def write(self, data: str | bytes) -> None:
        try:
            self._fp.write(data.encode("utf-8") if isinstance(data, str) else data)
        except OSError as exc:  # a full disk, a quota: say which file
            raise _output_error(self.path, exc) from None


def _output_error(path: Path, exc: OSError) -> OutputError:
    reason = exc.strerror or str(exc)
    if isinstance(exc, (FileExistsError, NotADirectoryError)):
        # A file where a directory must be: name it, it is what the user has to move.
        for ancestor in (path, *path.parents):
            if ancestor.exists() and not ancestor.is_dir():
                reason = f"{ancestor} is not a directory"
                break
    error = OutputError(f"{path}: cannot write ({reason})")
    error.reason = reason
    return error


@contextmanager
def atomic_open(path: Path | str) -> Iterator[AtomicFile]:
    """A file that replaces ``path`` (keeping its mode) only when the ``with`` block succeeds.

    Failing to create or write it is an :class:`OutputError` naming the path (exit 2, one
    line). On any exception the old file stays as it was and the temporary file is removed.
    Open it before the work starts, so an unwritable path fails at once.
    """
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        mode = _mode_for(path)
        remove_stale_tmp(path.parent)
        prefix = f".{path.name}.{os.getpid()}."
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=prefix, suffix=TMP_SUFFIX)
    except OSError as exc:
        raise _output_error(path, exc) from None
    try:
        with os.fdopen(fd, "wb") as fp:
            yield AtomicFile(fp, path)
            try:
                fp.flush()
                os.fsync(fp.fileno())
                os.chmod(tmp, mode)
                os.replace(tmp, path)
            except OSError as exc:
                raise _output_error(path, exc) from None
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def check_writable_dir(path: Path | str) -> None:
    """Fail now, with an :class:`OutputError`, if files cannot be created in ``path``.

    Creates nothing: the test file goes in the nearest directory that exists, and is removed.
    """
    path = Path(path)
    existing = next(p for p in (path, *path.parents) if p.exists() or p == p.parent)
    if not existing.is_dir():
        raise _output_error(path, NotADirectoryError(20, "Not a directory", str(path)))
    try:
        fd, tmp = tempfile.mkstemp(dir=existing, prefix=".write-check.", suffix=TMP_SUFFIX)
        os.close(fd)
        os.unlink(tmp)
    except OSError as exc:
        raise _output_error(path, exc) from None


def atomic_write(path: Path | str, data: str | bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename, keeping the mode."""
    with atomic_open(path) as fp:
        fp.write(data)
