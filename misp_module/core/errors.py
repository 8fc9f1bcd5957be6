"""Errors the user sees: each carries a message that says what is wrong and where."""

from __future__ import annotations


class OrklMispError(Exception):
    """Base class: a clear message and the exit status the CLI should use."""

    exit_status = 1


class InputError(OrklMispError):
    """An input cannot be read at all (missing file, not JSON, unknown shape)."""

    exit_status = 2


class EntryError(OrklMispError):
    """One ORKL entry is malformed. Names the entry (source, position, sha1) and the field."""

    exit_status = 2

    def __init__(
        self,
        problem: str,
        *,
        position: int | None = None,
        sha1: str | None = None,
        source: str | None = None,
    ) -> None:
        self.problem = problem
        self.position = position
        self.sha1 = sha1
        self.source = source
        super().__init__(str(self))

    def __str__(self) -> str:
        where = []
        if self.source:
            where.append(self.source)
        label = "entry" if self.position is None else f"entry {self.position}"
        if self.sha1:
            label += f" (sha1 {self.sha1[:4]}…)"
        where.append(label)
        return f"{': '.join(where)}: {self.problem}"


class FileError(EntryError):
    """A whole input file, or the rest of it, cannot be read. Yielded like a bad entry, so the
    run reports it and goes on with the next file; the entries before it were kept."""

    def __init__(self, problem: str) -> None:
        super().__init__(problem)

    def __str__(self) -> str:
        return self.problem


class GalaxyError(OrklMispError):
    """Galaxy data cannot be loaded or would be written invalid."""

    exit_status = 2


class OutputError(OrklMispError):
    """An output file cannot be written (a missing or read-only directory, a full disk)."""

    exit_status = 2


class ConfigError(OrklMispError):
    """A setting is missing or has a value that cannot be used."""

    exit_status = 2
