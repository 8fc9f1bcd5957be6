"""ORKL archive copies of misp-galaxy refs (misp-galaxy PRs #506 and #858: dead links).

ORKL keeps a copy of each report it holds, by sha1, at ``https://archive.orkl.eu/<sha1>.pdf``
(and ``.txt``). For every ref of every cluster that leads to an entry of the local library
(after URL normalisation and the moved-URL rules), this names that copy; with ``--write`` the
copies go into each value's ``meta.archive-refs``.

Why ``archive-refs``: misp-galaxy's URL-list meta keys end in ``-refs`` (``official-refs``,
``ransomnotes-refs``), most meta keys are hyphenated (``attribution-confidence``,
``name-attribution``, ``cfr-suspected-state-sponsor``), and CONTRIBUTE.md keeps ``refs`` for
the original source of a name. Maintainers who fixed dead links so far replaced the ref with a
web.archive.org copy (PR #858); a separate key keeps the original URL, which is still the
citation, and lets a copy be added before the original dies. The archive URL names the sha1,
so ``orkl-misp show <archive URL>`` leads back to the entry and its references.

Resolution is a callable (a ref to a sha1 or None), so this module needs no library: the CLI
composes it from the local library and the URL rules.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from misp_module.core.entry import ARCHIVE_BASE
from misp_module.core.errors import GalaxyError
from misp_module.core.urls import host_of
from misp_module.galaxy.ci import ci_problems
from misp_module.galaxy.writer import (
    Change,
    _read_json,
    dumps_preserving,
    set_sorted,
    validate,
)

ARCHIVE_KEY = "archive-refs"
ARCHIVE_HOST = host_of(ARCHIVE_BASE)
REF_KEYS = ("refs", "additional_refs")


def archive_url(sha1: str) -> str:
    return f"{ARCHIVE_BASE}/{sha1}.pdf"


def text_url(sha1: str) -> str:
    return f"{ARCHIVE_BASE}/{sha1}.txt"


@dataclass
class ArchiveLink:
    galaxy: str
    value: str
    uuid: str
    ref: str
    sha1: str | None
    status: str | None = None  # with --check-links: what the ref answered
    dead: bool = False  # with --check-links: the ref no longer answers

    @property
    def archive_url(self) -> str | None:
        return archive_url(self.sha1) if self.sha1 else None

    @property
    def text_url(self) -> str | None:
        return text_url(self.sha1) if self.sha1 else None


@dataclass
class ArchiveReport:
    clusters: int = 0
    refs: int = 0
    links: list[ArchiveLink] = field(default_factory=list)  # every ref read
    written: list[str] = field(default_factory=list)  # uuids given new archive-refs
    changes: list[Change] = field(default_factory=list)
    key: str = ARCHIVE_KEY
    checked: bool = False  # links were checked

    @property
    def found(self) -> list[ArchiveLink]:
        return [a for a in self.links if a.sha1]

    @property
    def dead(self) -> list[ArchiveLink]:
        return [a for a in self.links if a.dead]

    def summary(self) -> str:
        line = f"{self.refs} refs in {self.clusters} clusters; {len(self.found)} with an ORKL copy"
        if self.checked:
            line += f"; {len(self.dead)} no longer answer"
        return line + f"; files changed: {len(self.changes)}"


def cluster_paths(galaxy_dir: Path, galaxies: Iterable[str] | None) -> list[Path]:
    if galaxies is None:
        return sorted((galaxy_dir / "clusters").glob("*.json"))
    paths = []
    for g in galaxies:
        path = galaxy_dir / "clusters" / f"{g}.json"
        if not path.is_file():
            raise GalaxyError(f"{path}: no cluster file for galaxy {g!r} in {galaxy_dir}")
        paths.append(path)
    return paths


def find_archives(
    galaxy_dir: Path,
    resolve: Callable[[str], str | None],
    galaxies: Iterable[str] | None = None,
) -> tuple[ArchiveReport, dict[Path, dict]]:
    """Every ref of every value, with the sha1 of its ORKL copy when the library has one."""
    report = ArchiveReport()
    docs: dict[Path, dict] = {}
    for path in cluster_paths(galaxy_dir, galaxies):
        data = _read_json(path)
        if not isinstance(data, dict) or not isinstance(data.get("values"), list):
            raise GalaxyError(f"{path}: not a misp-galaxy cluster file (no 'values' list)")
        docs[path] = data
        galaxy = data.get("type") or path.stem
        for v in data["values"]:
            meta = v.get("meta") if isinstance(v, dict) else None
            refs = [r for k in REF_KEYS for r in (meta or {}).get(k) or () if isinstance(r, str)]
            if not refs:
                continue
            report.clusters += 1
            for ref in dict.fromkeys(refs):
                report.refs += 1
                sha1 = None if host_of(ref) == ARCHIVE_HOST else resolve(ref)
                report.links.append(
                    ArchiveLink(galaxy, str(v.get("value", "")), str(v.get("uuid", "")), ref, sha1)
                )
    return report, docs


def plan_archive_refs(
    report: ArchiveReport, docs: dict[Path, dict], galaxy_dir: Path
) -> ArchiveReport:
    """Add each value's missing archive URLs to ``meta.archive-refs`` (in ref order, never
    removing one a maintainer kept), bump the changed files' versions, validate."""
    wanted: dict[str, list[str]] = {}
    for a in report.found:
        urls = wanted.setdefault(a.uuid, [])
        if a.archive_url not in urls:
            urls.append(a.archive_url)
    clusters: dict[str, dict] = {}
    texts: dict[Path, str] = {}
    before: dict[str, dict] = {}  # the values as they were, for the CI rules
    for path, data in docs.items():
        changed = False
        values = []
        for v in data["values"]:
            urls = wanted.get(v.get("uuid") or None) if isinstance(v, dict) else None
            if urls:
                meta = dict(v.get("meta") or {})
                have = list(meta.get(ARCHIVE_KEY) or [])
                new = [u for u in urls if u not in have]
                if new:
                    before[v["uuid"]] = v
                    v = set_sorted(dict(v), "meta", set_sorted(meta, ARCHIVE_KEY, have + new))
                    report.written.append(v["uuid"])
                    changed = True
            values.append(v)
        if changed:
            data = dict(data, values=values, version=int(data.get("version", 0)) + 1)
            texts[path] = dumps_preserving(data)
        clusters[str(path)] = data
    problems = validate(clusters, {}, galaxy_dir) + ci_problems(
        clusters, set(report.written), before
    )
    if problems:
        shown = "\n  ".join(problems[:20])
        raise GalaxyError(f"refusing to write invalid galaxy data:\n  {shown}")
    for path, text in texts.items():
        old = path.read_text(encoding="utf-8")
        if old != text:
            report.changes.append(Change(path, old, text))
    return report
