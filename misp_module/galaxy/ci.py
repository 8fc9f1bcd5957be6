"""misp-galaxy's CI rules beyond its schemas, and the README index its CI regenerates.

misp-galaxy's GitHub workflow (.github/workflows/pytest.yml) runs ``validate_all.sh`` and then
``tools/update_README_with_index.py`` followed by ``git diff --exit-code README.md``.
``validate_all.sh`` first runs ``jq_all_the_things.sh``, which gives every value without a
uuid a random one (tools/add_missing_uuid.py) and rewrites every cluster file as
``jq --sort-keys .``, then fails when git shows any change. So a change passes only when

- every key of what it touches is in sorted order (jq would otherwise move lines),
- every value of a file it touches has a uuid (a random one would otherwise appear),
- meta lists hold no empty string (tools/chk_empty_strings.py; checked in writer.validate),
- the README's index between ``# Available Galaxy - clusters`` and ``# Online documentation``
  is what the index script writes for the cluster files as they will be.

The index is rebuilt here, by our own code, in the same format, so a regenerate that adds or
changes a cluster file carries the README change the CI would otherwise ask for.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from misp_module.core.errors import GalaxyError

INDEX_START = "# Available Galaxy - clusters"
INDEX_END = "# Online documentation"
# The index script leaves these out (tools/update_README_with_index.py, files_to_ignore).
INDEX_IGNORED = frozenset({"cancer.json", "handicap.json"})
SITE = "https://www.misp-galaxy.org"
JSON_BASE = "https://github.com/MISP/misp-galaxy/blob/main/clusters"


def _sorted_everywhere(obj) -> bool:
    if isinstance(obj, dict):
        keys = list(obj)
        return keys == sorted(keys) and all(_sorted_everywhere(v) for v in obj.values())
    if isinstance(obj, list):
        return all(_sorted_everywhere(v) for v in obj)
    return True


def ci_problems(
    clusters: dict[str, dict], touched: set[str], before: dict[str, dict] | None = None
) -> list[str]:
    """The CI rules a change to the values with uuids in ``touched`` would break.

    ``before``: uuid -> the value as it was. A value whose keys were out of order already
    (misp-galaxy's threat-actor.json has two) is not this change's doing: jq moves those
    lines with or without it, and the keys added here sit where sorted order puts them.
    """
    before = before or {}
    problems = []
    for name, data in clusters.items():
        values = [v for v in data.get("values") or () if isinstance(v, dict)]
        mine = [v for v in values if v.get("uuid") in touched]
        if not mine:
            continue
        for v in mine:
            old = before.get(v.get("uuid"))
            if not _sorted_everywhere(v) and (old is None or _sorted_everywhere(old)):
                problems.append(
                    f"{name}: value {v.get('value')!r}: keys out of sorted order "
                    "(misp-galaxy's jq_all_the_things.sh would move them)"
                )
        if "mitre-" not in Path(name).name:  # add_missing_uuid.py skips mitre- files
            for i, v in enumerate(values):
                if not v.get("uuid"):
                    problems.append(
                        f"{name}: values/{i} ({v.get('value')!r}) has no uuid "
                        "(misp-galaxy's add_missing_uuid.py would give it a random one)"
                    )
    return problems


def index_lines(galaxy_dir: Path, planned: dict[Path, dict], planned_galaxies: dict) -> list[str]:
    """The README index for the cluster files of ``galaxy_dir`` as they will be.

    ``planned``: resolved cluster path -> data, for the files this run writes or has read.
    """
    names = {p.name for p in (galaxy_dir / "clusters").glob("*.json")}
    names |= {p.name for p in planned if p.parent == (galaxy_dir / "clusters").resolve()}
    out: list[str] = []
    for name in sorted(names - INDEX_IGNORED):
        cpath = (galaxy_dir / "clusters" / name).resolve()
        gpath = (galaxy_dir / "galaxies" / name).resolve()
        cluster = planned.get(cpath) or _load(cpath)
        galaxy = planned_galaxies.get(gpath) or _load(gpath)
        if galaxy.get("namespace") == "deprecated":
            continue
        link = name.split(".")[0]
        try:
            title, total = cluster["name"], len(cluster["values"])
            description, category = cluster["description"], cluster["category"]
            source = cluster["source"]
        except (KeyError, TypeError) as exc:
            raise GalaxyError(f"{cpath}: no {exc} for misp-galaxy's README index") from None
        out += [
            f"## {title}\n\n",
            f"[{title}]({SITE}/{link}) - {description}\n",
            f"\nCategory: *{category}* - source: *{source}* - total: *{total}* elements\n",
            f"\n[[HTML]({SITE}/{link})] - [[JSON]({JSON_BASE}/{name})]\n\n",
        ]
    return out


def _load(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise GalaxyError(f"{path}: needed for misp-galaxy's README index ({exc})") from None


def readme_with_index(
    text: str, galaxy_dir: Path, planned: dict[Path, dict], planned_galaxies: dict | None = None
) -> str:
    """``text`` (misp-galaxy's README.md) with the index replaced, as the CI's script does:
    everything up to the start heading kept, the old index dropped, the new one written just
    before the end heading."""
    if INDEX_START not in text and INDEX_END not in text:
        return text
    index = index_lines(galaxy_dir, planned, planned_galaxies or {})
    out: list[str] = []
    skip = False
    # Lines as Python's file iteration gives them (only "\n" ends a line).
    for line in re.split(r"(?<=\n)", text):
        if not skip:
            out.append(line)
        if line.strip() == INDEX_START:
            skip = True
        if line.strip() == INDEX_END:
            out += ["\n", *index, "\n", line]
            skip = False
    return "".join(out)
