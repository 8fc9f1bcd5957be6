"""CPU time of public attribution inside `match`'s work, and of a query nothing caches.

`match -j 1`'s per-entry work in one process (bulk.init, then each line as `match` handles it),
with `attribution_report` timed inside it; then the module's Enricher (as misp-modules builds
it) on the corpus's first entries, the CPU of one enrich each. CPU time (process_time), the
best of `--passes`, so a busy machine moves it less than wall time. To compare with another
commit, run the same script against its checkout:

    .venv/bin/python benchmarks/attribution_cpu.py
    PYTHONPATH=/path/to/checkout-of-main .venv/bin/python benchmarks/attribution_cpu.py
"""

from __future__ import annotations

import argparse
import gc
import time
from pathlib import Path

import orjson

from misp_module.core import bulk
from misp_module.core import enrich as enrich_module
from misp_module.core.entry import parse_entry
from misp_module.core.evidence import DEFAULT_THRESHOLD
from misp_module.core.galaxy_index import DEFAULT_GALAXIES
from misp_module.core.rules import load_rules

HERE = Path(__file__).resolve().parent


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", default=str(HERE / "out" / "corpus-474-43kb.jsonl"))
    ap.add_argument("--passes", type=int, default=3)
    ap.add_argument("--module-entries", type=int, default=100)
    args = ap.parse_args()
    lines = Path(args.corpus).read_bytes().splitlines()

    spent = [0.0]
    timed_report = enrich_module.attribution_report

    def attribution_report(*a, **k):
        t = time.process_time()
        try:
            return timed_report(*a, **k)
        finally:
            spent[0] += time.process_time() - t

    enrich_module.attribution_report = attribution_report

    def best_of(run) -> tuple[float, float]:
        """The fastest of ``--passes`` runs: its CPU time and the attribution's inside it."""
        best = (float("inf"), 0.0)
        for _ in range(args.passes):
            spent[0] = 0.0
            gc.collect()
            t = time.process_time()
            run()
            best = min(best, (time.process_time() - t, spent[0]))
        return best

    bulk.init(None, DEFAULT_GALAXIES, DEFAULT_THRESHOLD)
    work, attribution = best_of(
        lambda: [bulk._enrich_line(parse_entry(orjson.loads(line))) for line in lines]
    )
    print(
        f"match's per-entry work ({len(lines)} entries, one process): {work:.2f} s CPU, "
        f"attribution {attribution:.2f} s ({attribution / work:.0%})"
    )

    enricher = enrich_module.Enricher(None, rules=load_rules(()))  # as the module builds it
    entries = [parse_entry(orjson.loads(line)) for line in lines[: args.module_entries]]
    for e in entries[:5]:
        enricher.enrich(e)  # warm: what a running module has done before
    best = best_of(lambda: [enricher.enrich(e) for e in entries])
    n = len(entries)
    print(
        f"module, a query nothing caches (enrich of one of the first {n} entries): "
        f"{best[0] / n * 1e3:.2f} ms CPU, attribution {best[1] / n * 1e3:.2f} ms"
    )


if __name__ == "__main__":
    main()
