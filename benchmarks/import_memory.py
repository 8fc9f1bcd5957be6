"""Peak memory of `orkl-misp import` on a large bulk dump (one JSON array, like library.json).

    python benchmarks/import_memory.py --entries 30000     # about 1 GB of dump

Writes the dump from the benchmark corpus (streaming, element by element), imports it into a
fresh library, and reports the time and the peak resident memory of the import process.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import OUT, corpus, run_measured  # noqa: E402


def write_dump(jsonl: Path, dump: Path) -> int:
    with open(jsonl, encoding="utf-8") as src, open(dump, "w", encoding="utf-8") as out:
        out.write("[\n")
        for i, line in enumerate(src):
            out.write(("," if i else "") + line)
        out.write("]\n")
    return dump.stat().st_size


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--entries", type=int, default=3000)
    p.add_argument("--mean-kb", type=float, default=35.0)
    args = p.parse_args()
    OUT.mkdir(exist_ok=True)
    jsonl, _ = corpus(args.entries, args.mean_kb)
    dump = OUT / f"library-{args.entries}.json"
    size = write_dump(jsonl, dump)
    with tempfile.TemporaryDirectory() as tmp:
        library = f"{tmp}/library.sqlite3"
        cmd = [sys.executable, "-m", "misp_module.cli", "import", str(dump), "--library", library]
        seconds, peak, status = run_measured(cmd, stderr=subprocess.DEVNULL)
    dump.unlink()
    print(
        f"import of a {size / 1e6:.0f} MB dump ({args.entries} entries): {seconds:.0f} s, "
        f"peak memory {peak / 1e6:.0f} MB, exit {status}"
    )
    return status


if __name__ == "__main__":
    sys.exit(main())
