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
from pathlib import Path

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


def atomic_write(path: Path | str, data: str | bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename, keeping the mode."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = _mode_for(path)
    remove_stale_tmp(path.parent)
    prefix = f".{path.name}.{os.getpid()}."
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=prefix, suffix=TMP_SUFFIX)
    try:
        with os.fdopen(fd, "wb") as fp:
            fp.write(data.encode("utf-8") if isinstance(data, str) else data)
            fp.flush()
            os.fsync(fp.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
