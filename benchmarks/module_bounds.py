"""The module's resource bounds (issue 14), measured: README "Security" quotes these figures.

1. loading the galaxy index cache: the MessagePack file (with its checks and the rebuilt
   automaton) against unpickling the same index (the format before; made here, from this
   process's own index, only to compare), wall-clock and CPU seconds (medians of 7);
2. the worst case of the memory attack: 25 queries to the real misp-modules server, each with
   another list of 1-4 of the 12 biggest installed galaxies: the server's resident memory
   (start, after, peak) and the cache files left;
3. a 20 MB value: how long until it is refused.

  .venv/bin/python benchmarks/module_bounds.py        # about a minute
"""

from __future__ import annotations

import itertools
import json
import pickle
import random
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

from misp_module.core import galaxy_index
from misp_module.misp.server import ModuleServer

EU_URL = (
    "https://www.consilium.europa.eu/en/press/press-releases/2021/07/19/declaration-by-the-high-"
    "representative-on-behalf-of-the-eu-urging-china-to-take-action-against-malicious-cyber-"
    "activities-undertaken-from-its-territory/"
)


def median_seconds(work, runs: int = 7) -> tuple[float, float]:
    wall, cpu = [], []
    for _ in range(runs):
        began, began_cpu = time.perf_counter(), time.process_time()
        work()
        wall.append(time.perf_counter() - began)
        cpu.append(time.process_time() - began_cpu)
    return round(statistics.median(wall), 3), round(statistics.median(cpu), 3)


def cache_load(tmp: Path) -> dict:
    index = galaxy_index.build_index(
        galaxy_index.embedded_galaxy_dir(), galaxy_index.DEFAULT_GALAXIES, "bench"
    )
    as_data = tmp / f"index{galaxy_index.CACHE_SUFFIX}"
    as_data.write_bytes(galaxy_index._to_bytes(index))
    as_pickle = tmp / "index.pickle"
    as_pickle.write_bytes(pickle.dumps(index, protocol=pickle.HIGHEST_PROTOCOL))
    data_s = median_seconds(lambda: galaxy_index._from_bytes(as_data.read_bytes()))
    pickle_s = median_seconds(lambda: pickle.loads(as_pickle.read_bytes()))  # our own file
    return {
        "msgpack_wall_cpu_s": data_s,
        "pickle_wall_cpu_s": pickle_s,
        "ratio_cpu": round(data_s[1] / pickle_s[1], 2),
        "msgpack_mb": round(as_data.stat().st_size / 2**20, 1),
        "pickle_mb": round(as_pickle.stat().st_size / 2**20, 1),
    }


def rss(pid: int) -> tuple[int, int]:
    status = Path(f"/proc/{pid}/status").read_text()
    kb = {k: int(v.split()[0]) for k, v in re.findall(r"^(VmRSS|VmHWM):\s+(.+)$", status, re.M)}
    return kb["VmRSS"] // 1024, kb["VmHWM"] // 1024


def query(config: dict, value: str = EU_URL) -> dict:
    return {
        "module": "orkl_attribution",
        "event_id": "1",
        "attribute": {"type": "link", "value": value},
        "config": config,
    }


def memory_attack(tmp: Path) -> dict:
    root = galaxy_index.embedded_galaxy_dir()
    installed = galaxy_index.installed_galaxies(root)
    biggest = sorted(installed, key=lambda g: -(root / "clusters" / f"{g}.json").stat().st_size)
    combos = [c for n in (1, 2, 3, 4) for c in itertools.combinations(biggest[:12], n)]
    lists = [",".join(c) for c in random.Random(14).sample(combos, 25)]
    cache = tmp / "cache"
    env = {"ORKL_MISP_OFFLINE": "true", "ORKL_MISP_CACHE": str(cache)}
    with ModuleServer(env=env) as server:
        start, _ = rss(server.proc.pid)
        began = time.monotonic()
        slowest, late = 0.0, 0
        for galaxies in lists:
            t = time.monotonic()
            answer = server.query(query({"galaxies": galaxies}), timeout=60)
            slowest = max(slowest, time.monotonic() - t)
            late += "results" not in answer
        elapsed = time.monotonic() - began
        time.sleep(2)
        after, peak = rss(server.proc.pid)
        big = "https://x.example/" + "a" * 20_000_000
        t = time.monotonic()
        refused = server.query(query({}, big))
        refusal_s = time.monotonic() - t
    files = list(cache.glob("index-*"))
    return {
        "rss_start_mb": start,
        "rss_after_mb": after,
        "rss_peak_mb": peak,
        "seconds": round(elapsed, 1),
        "slowest_answer_s": round(slowest, 2),
        "answered_past_deadline": late,
        "cache_files": len(files),
        "cache_mb": round(sum(f.stat().st_size for f in files) / 2**20, 1),
        "refusal_20mb_s": round(refusal_s, 3),
        "refusal": refused.get("error"),
    }


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="orkl-misp-bounds-") as tmp:
        results = {"cache_load": cache_load(Path(tmp)), "memory_attack": memory_attack(Path(tmp))}
    json.dump(results, sys.stdout, indent=2)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
