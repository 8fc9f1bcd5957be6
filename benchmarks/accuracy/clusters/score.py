"""Cluster accuracy on real reports: precision and recall of the matcher's tags.

The labels (labels.json, next to this file) name real vendor reports, where a copy of each text
is kept in a public git repository (repo, path, commit) and the text's sha1. The texts are
third-party and never committed: ``--rebuild`` copies them out of a local clone of that
repository into benchmarks/out/accuracy-clusters/ (ignored by git) and checks every sha1.

Ground truth, per report:

- *cited*: the clusters whose misp-galaxy refs cite the report's URL (recomputed here from
  the galaxy files, so a newer misp-galaxy changes the truth, not the labels);
- *named*: the cited clusters the text names at all (a value or synonym *of the galaxy*,
  case-insensitive, or the family name without its platform suffix), the only ones text can
  find; the names our extra-synonyms rules add do not count here, so adding one can raise
  recall but never the number of clusters to find;
- *judged*: cited plus the clusters the labeller judged the report clearly about (``extra``).

Scores (per galaxy and overall, on the dev, held-out, fresh and fresh2 splits and all):

- precision = tags that are judged-right / tags;
- recall (named) = cited-and-named clusters tagged / cited-and-named;
- recall (all) = cited clusters tagged / cited;

once reading the text only and once with the report's URL among the entry's references.

The fresh split holds reports gathered and labelled after the matcher was tuned, before it ever
ran on them: nobody reads its errors, so ``--show`` never prints its reports (and is refused
with ``--split fresh``); only its aggregate figures are printed. Those figures were used to
reject rules that lowered them, so the split is less unseen than on the day it was labelled.
The fresh2 split (40 reports labelled once fresh had been used that way) is sealed the same way
(SEALED): ``--show`` skips it and is refused with ``--split fresh2``, ``--note`` never scores it,
and ``--split all`` counts it in the aggregate.

    python benchmarks/accuracy/clusters/score.py --rebuild --repo /path/to/CTI-EACL24
    python benchmarks/accuracy/clusters/score.py                 # scores from the cache
    python benchmarks/accuracy/clusters/score.py --split fresh   # the untuned split only
    python benchmarks/accuracy/clusters/score.py --split fresh2  # the second sealed split
    python benchmarks/accuracy/clusters/score.py --show wrong    # every wrong or missed tag
    python benchmarks/accuracy/clusters/score.py --split dev --note "round six"  # a batch only

``--repo`` may be given once per source repository; each text is taken from the first clone
that holds its commit and path, and kept only when its sha1 is the labelled one.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT))

from misp_module.core.entry import parse_entry  # noqa: E402
from misp_module.core.galaxy_index import load_index  # noqa: E402
from misp_module.core.matcher import match_entry  # noqa: E402
from misp_module.core.namerules import rewrite  # noqa: E402
from misp_module.core.rules import shipped  # noqa: E402
from misp_module.core.urls import normalize_url  # noqa: E402

HERE = Path(__file__).resolve().parent
LABELS = HERE / "labels.json"
CACHE = ROOT / "benchmarks" / "out" / "accuracy-clusters"
DEFAULT_GALAXY_DIR = ROOT.parent / "shared" / "data" / "misp-galaxy"
_SUFFIX = re.compile(
    r"\s*\((?:windows|elf|android|os x|osx|macos|ios|js|php|python|vbs|symbian)\)$", re.I
)


SPLITS = ("dev", "held-out", "fresh", "fresh2", "all")
# nobody tuning reads these splits' per-report errors: only their aggregate figures are printed
SEALED = ("fresh", "fresh2")


def _show(repos: list[Path], commit: str, path: str) -> bytes:
    """The file at commit:path from the first clone that has it (empty when none has)."""
    for repo in repos:
        done = subprocess.run(
            ["git", "-C", str(repo), "show", f"{commit}:{path}"], capture_output=True, check=False
        )
        if done.returncode == 0:
            return done.stdout
    return b""


def rebuild(labels: list[dict], repos: list[Path]) -> None:
    CACHE.mkdir(parents=True, exist_ok=True)
    bad = 0
    for item in labels:
        src = item["source"]
        raw = _show(repos, src["commit"], src["path"])
        if hashlib.sha1(raw).hexdigest() != item["sha1"]:
            print(f"{item['id']}: sha1 differs or file missing ({src['path']})", file=sys.stderr)
            bad += 1
            continue
        (CACHE / f"{item['id']}.txt").write_bytes(raw)
    print(f"cached {len(labels) - bad} of {len(labels)} texts in {CACHE}", file=sys.stderr)


def _cited(index, url: str) -> set[str]:
    out = set()
    for cid, _ref in index.by_ref.get(rewrite(normalize_url(url), index.rewrites) or "", ()):
        c = index.clusters[cid]
        out.add(f"{c.galaxy}:{c.value}")
    return out


def _ours() -> set[tuple[str, str, str]]:
    """The names our extra-synonyms rules add: (galaxy, value, lower-case name)."""
    return {(e["galaxy"], e["value"], e["name"].lower()) for e in shipped().of("extra-synonyms")}


def _named(index, tag: str, text: str) -> bool:
    galaxy, value = tag.split(":", 1)
    cluster = index.cluster(galaxy, value)
    ours = _ours()
    own = [n for n in cluster.names if (galaxy, value, n.lower()) not in ours]
    names = set(own) | {_SUFFIX.sub("", n) for n in own}
    for name in names:
        words = [re.escape(w) for w in re.split(r"[\W_]+", name) if w]
        if words and re.search(r"(?<![\w])" + r"[\W_]{0,3}".join(words) + r"(?![\w])", text, re.I):
            return True
    return False


def evaluate(labels, index, with_url: bool):
    rows = []
    for item in labels:
        path = CACHE / f"{item['id']}.txt"
        if not path.exists():
            raise SystemExit(f"{path}: not cached; run with --rebuild --repo <clone>")
        text = path.read_bytes().decode("utf-8", "replace")
        raw = {"sha1_hash": item["sha1"], "title": item["title"], "plain_text": text}
        if with_url:
            raw["references"] = [item["url"]]
        matches, _ = match_entry(parse_entry(raw), index)
        tags = {f"{m.galaxy}:{m.value}" for m in matches if m.tagged}
        cited = _cited(index, item["url"])
        full = item["title"] + "\n" + text
        named = {t for t in cited if _named(index, t, full)}
        judged = cited | set(item.get("extra", ()))
        rows.append(dict(item=item, tags=tags, cited=cited, named=named, judged=judged))
    return rows


def _ratio(a: int, b: int) -> str:
    return f"{a / b:.2f} ({a}/{b})" if b else "n/a"


def summarise(rows, galaxy: str | None = None) -> dict:
    def keep(s):
        return {t for t in s if galaxy is None or t.startswith(galaxy + ":")}

    tp = tags = named_hit = named = cited_hit = cited = 0
    for r in rows:
        t = keep(r["tags"])
        tags += len(t)
        tp += len(t & r["judged"])
        named += len(keep(r["named"]))
        named_hit += len(t & r["named"])
        cited += len(keep(r["cited"]))
        cited_hit += len(t & r["cited"])
    return {
        "precision": _ratio(tp, tags),
        "recall_named": _ratio(named_hit, named),
        "recall_all": _ratio(cited_hit, cited),
    }


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rebuild", action="store_true", help="copy the texts into the cache")
    ap.add_argument(
        "--repo",
        type=Path,
        action="append",
        help="a local clone of a source repository of the labels (once per repository)",
    )
    ap.add_argument("--galaxy-dir", type=Path, default=DEFAULT_GALAXY_DIR)
    ap.add_argument("--split", choices=SPLITS, default=None)
    ap.add_argument(
        "--show", choices=("wrong", "all"), help="print tags per report (not fresh, fresh2)"
    )
    ap.add_argument("--json", type=Path, help="write the figures here too")
    ap.add_argument(
        "--note",
        help="score only the reports whose notes hold these words ('round six': the 61 added then,"
        " not round sixteen's)",
    )
    args = ap.parse_args(argv)
    if args.show and args.split in SEALED:
        ap.error(
            f"--show is refused on the {args.split} split: only its aggregate figures are shown"
        )
    if args.note and args.split not in ("dev", "held-out"):
        sealed = args.split if args.split in SEALED else "fresh"
        ap.error(f"--note needs --split dev or held-out: the {sealed} split is scored only whole")
    labels = json.loads(LABELS.read_text(encoding="utf-8"))["reports"]
    if args.rebuild:
        if not args.repo:
            sources = sorted({item["source"]["repo"] for item in labels})
            ap.error("--rebuild needs --repo (a clone of each of " + ", ".join(sources) + ")")
        rebuild(labels, args.repo)
    index = load_index(args.galaxy_dir, ("threat-actor", "malpedia"))
    # one split reads only its own texts: a cache from before the fresh split still scores dev
    scored = [i for i in labels if args.split in (None, "all") or i["split"] == args.split]
    if args.note:  # never on a sealed split: a note could single out one report's figures
        # whole words, so "round six" is not "round sixteen"
        words = re.compile(r"(?<!\w)" + re.escape(args.note) + r"(?!\w)")
        scored = [i for i in scored if words.search(i["notes"]) and i["split"] not in SEALED]
    figures = {}
    for mode, with_url in (("text", False), ("url", True)):
        rows = evaluate(scored, index, with_url)
        for split in SPLITS if args.split is None else (args.split,):
            part = [r for r in rows if split == "all" or r["item"]["split"] == split]
            for galaxy in (None, "threat-actor", "malpedia"):
                s = summarise(part, galaxy)
                figures[f"{mode}/{split}/{galaxy or 'both'}"] = s
                print(
                    f"{mode:4} {split:8} {galaxy or 'both':12} n={len(part):3}  "
                    f"precision {s['precision']:16} recall(named) {s['recall_named']:16} "
                    f"recall(all) {s['recall_all']}"
                )
        if args.show and mode == "text":
            for r in rows:
                if args.split not in (None, "all", r["item"]["split"]):
                    continue  # --split dev --show wrong: the dev split's errors only
                if r["item"]["split"] in SEALED:
                    continue  # never shown: the sealed splits are not tuned on
                wrong = r["tags"] - r["judged"]
                missed = r["named"] - r["tags"]
                if args.show == "all" or wrong or missed:
                    print(f"\n{r['item']['id']} {r['item']['title'][:80]}")
                    print("  tags  :", sorted(r["tags"]))
                    print("  wrong :", sorted(wrong))
                    print("  missed:", sorted(missed), " cited:", sorted(r["cited"]))
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1, sort_keys=True) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
