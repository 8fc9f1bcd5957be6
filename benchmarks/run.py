"""Benchmarks: `orkl-misp match` against the naive ways and against the floor; module latency.

One run, one corpus (benchmarks/corpus.py), and in order:

  a. `orkl-misp match` (clusters and attribution) over the whole corpus: MB/s, entries/s and
     peak memory (resident set of the whole process tree, sampled);
  b1. one case-insensitive, word-bounded regex per galaxy name, on a sample;
  b2. one compiled alternation of all names, on the same sample;
  c. the floor: the corpus lower-cased by `tr` and scanned by `grep -F -o -f names.txt`;
  d. enrichment latency through the real misp-modules server: the first query after start
     (cold, with and without the index cache), then p50/p95/p99 over warm queries;

and the ratios last. Results also go to benchmarks/out/results.json.

    python benchmarks/run.py                      # 3,000 entries (about 100 MB), a few minutes
    python benchmarks/run.py --entries 30000      # the whole-ORKL-sized run (about 1 GB)
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))
import contextlib

from corpus import write_corpus  # noqa: E402

from misp_module.core.galaxy_index import load_index  # noqa: E402

OUT = Path(__file__).resolve().parent / "out"


def corpus(entries: int, mean_kb: float) -> tuple[Path, int]:
    path = OUT / f"corpus-{entries}-{mean_kb:g}kb.jsonl"
    meta = path.with_suffix(".bytes")
    if not (path.exists() and meta.exists()):
        print(f"generating {path.name} ...", file=sys.stderr)
        meta.write_text(str(write_corpus(path, entries, mean_kb)))
    return path, int(meta.read_text())


def texts(path: Path, limit: int | None = None):
    with open(path, encoding="utf-8") as fp:
        for i, line in enumerate(fp):
            if limit is not None and i >= limit:
                return
            yield json.loads(line)["plain_text"]


def peak_rss(proc: subprocess.Popen, peak: list[int]) -> None:
    """Sample the resident memory of the process and its children until it ends."""
    try:
        root = psutil.Process(proc.pid)
        while proc.poll() is None:
            total = 0
            for p in [root, *root.children(recursive=True)]:
                with contextlib.suppress(psutil.Error):
                    total += p.memory_info().rss
            peak[0] = max(peak[0], total)
            time.sleep(0.1)
    except psutil.Error:
        pass


def run_measured(cmd: list[str], **popen) -> tuple[float, int, int]:
    """Run ``cmd``; its wall time, the peak resident memory of its process tree, its status."""
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, **popen)
    peak = [0]
    sampler = threading.Thread(target=peak_rss, args=(proc, peak))
    sampler.start()
    proc.wait()
    sampler.join()
    return time.perf_counter() - started, peak[0], proc.returncode


def bench_match(path: Path, nbytes: int, entries: int, jobs: int) -> dict:
    cli = [sys.executable, "-m", "misp_module.cli"]
    load_index()  # the index cache exists, as after any first run
    seconds, peak, status = run_measured(
        [*cli, "match", str(path), "-o", os.devnull, "-q", "-j", str(jobs)]
    )
    if status != 0:
        raise SystemExit(f"match failed with {status}")
    return {
        "seconds": seconds,
        "mb_s": nbytes / 1e6 / seconds,
        "entries_s": entries / seconds,
        "peak_rss_mb": peak / 1e6,
        "jobs": jobs,
    }


def _throughput(sample: list[str], work) -> dict:
    """Time ``work(text)`` (returning a hit count) over the sample."""
    started = time.perf_counter()
    hits = sum(work(t) for t in sample)
    seconds = time.perf_counter() - started
    nbytes = sum(len(t.encode()) for t in sample)
    return {
        "seconds": seconds,
        "mb_s": nbytes / 1e6 / seconds,
        "entries": len(sample),
        "hits": hits,
    }


def bench_scan_only(path: Path, entries: int) -> dict:
    """The matching core alone: the text to scan form and the automaton, no evidence."""
    from misp_module.core.textscan import scan

    index = load_index()
    return _throughput(list(texts(path, entries)), lambda t: len(scan(index, t)))


def galaxy_names() -> list[str]:
    index = load_index()
    return sorted({n for c in index.clusters for n in c.names if len(n) >= 3})


def bench_regex_each(sample: list[str], names: list[str]) -> dict:
    patterns = [re.compile(r"\b" + re.escape(n) + r"\b", re.I) for n in names]
    return _throughput(sample, lambda t: sum(len(p.findall(t)) for p in patterns))


def bench_regex_alternation(sample: list[str], names: list[str]) -> dict:
    alternation = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    pattern = re.compile(r"\b(?:" + alternation + r")\b", re.I)
    return _throughput(sample, lambda t: len(pattern.findall(t)))


def bench_grep(path: Path, names: list[str], tmp: Path) -> dict:
    text_path = tmp / "corpus.txt"
    with open(text_path, "w", encoding="utf-8") as fp:
        for t in texts(path):
            fp.write(t)
            fp.write("\n")
    names_path = tmp / "names_lowercased.txt"
    names_path.write_text("\n".join(n.lower() for n in names) + "\n", encoding="utf-8")
    nbytes = text_path.stat().st_size
    env = dict(os.environ, LC_ALL="C")
    started = time.perf_counter()
    subprocess.run(
        f"tr '[:upper:]' '[:lower:]' < {text_path} | grep -F -o -f {names_path} > /dev/null",
        shell=True,
        check=False,
        env=env,
    )
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "mb_s": nbytes / 1e6 / seconds}


def bench_latency(queries: int) -> dict:
    from misp_module.cli import demo_query
    from misp_module.misp.server import ModuleServer
    from misp_module.orkl.lookup import bundled

    (entry,) = bundled().entries
    kinds = [
        ("link", entry.references[0]),
        ("sha1", entry.sha1),
        ("text", entry.id),
        ("url", f"https://archive.orkl.eu/{entry.sha1}.txt"),
    ]

    def query(i: int) -> dict:
        q = demo_query()
        q["attribute"]["type"], q["attribute"]["value"] = kinds[i % len(kinds)]
        return q

    out = {}
    for label, env in (("cold", {}), ("cold_no_cache", {"ORKL_MISP_CACHE": tempfile.mkdtemp()})):
        with ModuleServer(env={"ORKL_MISP_OFFLINE": "true", **env}) as server:
            started = time.perf_counter()
            assert "results" in server.query(query(0))
            out[f"{label}_first_query_s"] = time.perf_counter() - started
            out[f"{label}_server_ready_s"] = server.ready_after
            if label == "cold":
                times = []
                for i in range(queries):
                    t0 = time.perf_counter()
                    answer = server.query(query(i))
                    times.append(time.perf_counter() - t0)
                    assert "results" in answer
                times.sort()
                out.update(
                    {
                        "warm_queries": queries,
                        "p50_ms": 1000 * statistics.median(times),
                        "p95_ms": 1000 * times[int(0.95 * len(times)) - 1],
                        "p99_ms": 1000 * times[int(0.99 * len(times)) - 1],
                    }
                )
    return out


def main() -> int:
    p = argparse.ArgumentParser(description="orkl-misp benchmarks")
    p.add_argument("--entries", type=int, default=3000)
    p.add_argument("--mean-kb", type=float, default=35.0)
    p.add_argument("--sample", type=int, default=10, help="entries the regex baselines run on")
    p.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    p.add_argument("--queries", type=int, default=1000, help="warm queries for the latency")
    p.add_argument("--skip-latency", action="store_true")
    args = p.parse_args()

    OUT.mkdir(exist_ok=True)
    path, nbytes = corpus(args.entries, args.mean_kb)
    names = galaxy_names()
    sample = list(texts(path, args.sample))
    results: dict = {"corpus": {"entries": args.entries, "mb": nbytes / 1e6, "names": len(names)}}
    print(
        f"corpus: {args.entries} entries, {nbytes / 1e6:.0f} MB of text; {len(names)} galaxy names"
    )

    results["a_match"] = a = bench_match(path, nbytes, args.entries, args.jobs)
    print(
        f"a.  orkl-misp match -j {a['jobs']}: {a['mb_s']:.2f} MB/s, {a['entries_s']:.0f} entries/s, "
        f"{a['seconds']:.1f} s, peak memory {a['peak_rss_mb']:.0f} MB"
    )
    results["a0_scan_only"] = a0 = bench_scan_only(path, min(args.entries, 2000))
    print(
        f"a0. the scan alone (one process, no evidence, no attribution): {a0['mb_s']:.1f} MB/s "
        f"({a0['entries']} entries)"
    )
    results["b1_regex_each"] = b1 = bench_regex_each(sample[: max(1, args.sample // 5)], names)
    print(
        f"b1. one regex per name: {b1['mb_s']:.4f} MB/s ({b1['entries']} entries, {b1['seconds']:.1f} s)"
    )
    results["b2_regex_alternation"] = b2 = bench_regex_alternation(sample, names)
    print(
        f"b2. one alternation: {b2['mb_s']:.4f} MB/s ({b2['entries']} entries, {b2['seconds']:.1f} s)"
    )
    tmp = Path(tempfile.mkdtemp(prefix="orkl-bench-"))
    try:
        results["c_grep_floor"] = c = bench_grep(path, names, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"c.  tr | grep -F -o -f (floor): {c['mb_s']:.2f} MB/s, {c['seconds']:.1f} s")
    if not args.skip_latency:
        results["d_latency"] = d = bench_latency(args.queries)
        print(
            f"d.  misp-modules: first query {d['cold_first_query_s']:.2f} s "
            f"({d['cold_no_cache_first_query_s']:.2f} s with no index cache); "
            f"warm p50 {d['p50_ms']:.1f} ms, p95 {d['p95_ms']:.1f} ms, p99 {d['p99_ms']:.1f} ms "
            f"over {d['warm_queries']} queries"
        )
    results["ratios"] = r = {
        "a_over_b1": a["mb_s"] / b1["mb_s"],
        "a_over_b2": a["mb_s"] / b2["mb_s"],
        "a_over_c": a["mb_s"] / c["mb_s"],
    }
    (OUT / "results.json").write_text(json.dumps(results, indent=2) + "\n")
    print(
        f"ratios: a/b1 = {r['a_over_b1']:.0f}x, a/b2 = {r['a_over_b2']:.0f}x, a/c = {r['a_over_c']:.2f} "
        f"(the floor is {1 / r['a_over_c']:.1f}x faster)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
