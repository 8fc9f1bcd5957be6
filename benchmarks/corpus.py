"""A deterministic corpus of ORKL-shaped entries for the benchmarks.

Report prose is built from real sentences: the descriptions of threat actors and malware
families in ../shared/data/misp-galaxy (else in the galaxy data pymispgalaxies ships). Actor
and malware names and government bodies are mixed in at a realistic rate, entry sizes run from 1 kB to 1 MB (log-normal, median near
30 kB), and lines are broken PDF-style with "\\r\\n". Same arguments, same bytes.

    python benchmarks/corpus.py --entries 30000 --mean-kb 35 --out benchmarks/out/corpus.jsonl
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import random
import re
import sys
from pathlib import Path

from misp_module.core.galaxy_index import embedded_galaxy_dir

GOVERNMENT_SENTENCES = [
    "The National Cyber Security Centre assessed that the activity was almost certainly carried out by {actor}.",
    "The Department of Justice announced charges against members of {actor}.",
    "The EU and its member states assess these malicious cyber activities to have been undertaken from the territory of {state}.",
    "Officials in {state} declined to comment on the findings.",
    "The Foreign Secretary said the campaign by {actor} was reckless.",
]
# The galaxy data of the steering repository (benchmarks may read ../shared; tests may not).
SHARED = Path(__file__).resolve().parents[2] / "shared" / "data" / "misp-galaxy"
STATES = ["China", "Russia", "Iran", "North Korea", "Belarus", "Vietnam"]


def sentences() -> tuple[list[str], list[str], list[str]]:
    """Prose sentences, actor names, malware names.

    Galaxy descriptions name other groups and families in almost every sentence: far denser
    than reports are. Most prose sentences are therefore taken from those naming nothing, and
    names come in at the rate of the template sentences below (about one sentence in twenty).
    """
    from misp_module.core.galaxy_index import load_index
    from misp_module.core.textscan import scan

    index = load_index()
    root = (SHARED if SHARED.is_dir() else embedded_galaxy_dir()) / "clusters"
    plain, named, actors, malware = [], [], [], []
    for name, names in (("threat-actor", actors), ("malpedia", malware)):
        data = json.loads((root / f"{name}.json").read_text(encoding="utf-8"))
        for v in data["values"]:
            names.append(v["value"])
            for s in re.split(r"(?<=[.!?])\s+", v.get("description") or ""):
                if 40 <= len(s) <= 400:
                    (named if scan(index, s) else plain).append(s)
    # One prose sentence in twenty still names something, as passing mentions do.
    prose = plain + named[: len(plain) // 19]
    return prose, actors, malware


def wrap(text: str, rng: random.Random) -> str:
    """PDF-style lines of 70 to 110 characters joined by \\r\\n."""
    out, line = [], []
    width = rng.randint(70, 110)
    length = 0
    for word in text.split(" "):
        if length + len(word) > width and line:
            out.append(" ".join(line))
            line, length, width = [], 0, rng.randint(70, 110)
        line.append(word)
        length += len(word) + 1
    out.append(" ".join(line))
    return "\r\n".join(out)


def entry(i: int, rng: random.Random, prose, actors, malware, mean_kb: float) -> dict:
    # log-normal sizes, clipped to 1 kB .. 1 MB, median about 0.85 x the mean
    size = int(min(1_000_000, max(1_000, rng.lognormvariate(math.log(mean_kb * 850), 0.6))))
    chosen_actors = rng.sample(actors, 3)
    chosen_malware = rng.sample(malware, 4)
    parts, total = [], 0
    while total < size:
        r = rng.random()
        if r < 0.04:
            s = f"The group {rng.choice(chosen_actors)} deployed {rng.choice(chosen_malware)} against its targets."
        elif r < 0.05:
            s = rng.choice(GOVERNMENT_SENTENCES).format(
                actor=rng.choice(chosen_actors), state=rng.choice(STATES)
            )
        else:
            s = rng.choice(prose)
        parts.append(s)
        total += len(s) + 1
    text = wrap(" ".join(parts), rng)[:size]
    sha1 = hashlib.sha1(f"bench-{i}".encode()).hexdigest()
    return {
        "id": f"00000000-0000-4000-8000-{i:012d}",
        "sha1_hash": sha1,
        "title": f"Report {i}: {chosen_actors[0]} and {chosen_malware[0]}",
        "plain_text": text,
        "references": [f"https://reports.example/{i}"],
        "threat_actors": [],
        "sources": ["Benchmark"],
        "files": {
            "pdf": f"https://archive.orkl.eu/{sha1}.pdf",
            "text": f"https://archive.orkl.eu/{sha1}.txt",
        },
        "created_at": "2026-01-01T00:00:00Z",
        "updated_at": "2026-01-01T00:00:00Z",
        "file_creation_date": "0001-01-01T00:00:00Z",
    }


def write_corpus(path: Path, n: int, mean_kb: float, seed: int = 1) -> int:
    """Write n entries as JSON Lines; returns the total bytes of plain_text."""
    rng = random.Random(seed)
    prose, actors, malware = sentences()
    path.parent.mkdir(parents=True, exist_ok=True)
    total = 0
    with open(path, "w", encoding="utf-8") as fp:
        for i in range(n):
            e = entry(i, rng, prose, actors, malware, mean_kb)
            total += len(e["plain_text"].encode())
            fp.write(json.dumps(e, ensure_ascii=False) + "\n")
    return total


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--entries", type=int, default=1000)
    p.add_argument("--mean-kb", type=float, default=35.0)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--out", default="benchmarks/out/corpus.jsonl")
    args = p.parse_args()
    total = write_corpus(Path(args.out), args.entries, args.mean_kb, args.seed)
    print(f"{args.out}: {args.entries} entries, {total / 1e6:.1f} MB of text", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
