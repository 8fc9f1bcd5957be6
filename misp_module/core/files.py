"""Writing files so that nothing is lost: a temporary file beside the target, then a rename.

Every writer of the package (galaxy JSON, the taxonomy, watch's state, match output) goes
through here, so a kill mid-write leaves the old file whole, and a replaced file keeps its mode
(a misp-galaxy checkout read by MISP as another user stays readable).
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

TMP_SUFFIX = ".tmp"


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
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=TMP_SUFFIX)
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
