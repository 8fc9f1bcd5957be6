"""Time and peak memory of `orkl-misp galaxy archive-links` on a library of ORKL's size.

    python benchmarks/archive_links.py --galaxy-dir ../shared/data/misp-galaxy --entries 30000

Builds a library of ``--entries`` small entries (ORKL holds about 29,500), half of the galaxy's
distinct refs among their references (the others point nowhere in the galaxy), then runs
archive-links on the galaxy (the report) and on a copy of it with ``--write``. No network.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import run_measured  # noqa: E402


def build_library(path: Path, galaxy_dir: Path, entries: int) -> int:
    from misp_module.core.entry import parse_entry
    from misp_module.orkl.library import Library

    refs: set[str] = set()
    for p in sorted((galaxy_dir / "clusters").glob("*.json")):
        for v in json.loads(p.read_text(encoding="utf-8"))["values"]:
            refs.update(r for r in (v.get("meta") or {}).get("refs") or () if isinstance(r, str))
    held = sorted(refs)[: len(refs) // 2]
    with Library(path) as library, library.transaction():
        for i in range(entries):
            references = [held[i]] if i < len(held) else []
            references += [f"https://vendor{i % 300}.example/blog/{i}/"]
            raw = {
                "id": f"00000000-0000-4000-8000-{i:012d}",
                "sha1_hash": hashlib.sha1(str(i).encode()).hexdigest(),
                "title": f"report {i}",
                "plain_text": "text",
                "references": references,
                "threat_actors": [],
                "file_creation_date": "0001-01-01T00:00:00Z",
            }
            library.upsert(parse_entry(raw))
    return min(len(held), entries)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--galaxy-dir", required=True, type=Path)
    parser.add_argument("--entries", type=int, default=30000)
    args = parser.parse_args()
    cli = [sys.executable, "-m", "misp_module.cli", "galaxy", "archive-links"]
    with tempfile.TemporaryDirectory(prefix="orkl-misp-archive-") as tmp:
        lib = Path(tmp) / "library.sqlite3"
        held = build_library(lib, args.galaxy_dir, args.entries)
        copy = Path(tmp) / "galaxy"
        shutil.copytree(args.galaxy_dir, copy)
        common = ["--library", str(lib), "--review", str(Path(tmp) / "report.md")]
        for label, galaxy, extra in (
            ("report", args.galaxy_dir, []),
            ("--write", copy, ["--write"]),
        ):
            seconds, peak, status = run_measured(
                [*cli, "--galaxy-dir", str(galaxy), *common, *extra]
            )
            if status != 0:
                raise SystemExit(f"archive-links {label} failed with {status}")
            print(
                f"archive-links {label}: {args.entries} entries ({held} holding a galaxy ref): "
                f"{seconds:.1f} s, peak {peak / 1e6:.0f} MB"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
