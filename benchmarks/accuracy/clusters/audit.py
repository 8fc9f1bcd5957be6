"""Audit the matcher's text tags on a large unlabelled corpus of real vendor reports.

No labels here: the audit samples reports (a fixed seed, an equal share per vendor) from a clone
of cwbae10-purdue/CTI-EACL24 (threat-reports-large/<vendor>/data/*.txt), leaving out every
report labels.json holds (all splits, so the audit never reads a scored text), runs the matcher
on each text (text only, as score.py does) and prints the tags it emits, grouped by the
*suspicion class* of their evidence, for a person to review:

- ``word``: the tagging name is an ordinary English word (or a phrase of them);
- ``homonym``: one name tagged both a threat actor and a Malpedia family;
- ``title-only``: carried by the title and at most one counted mention in the text;
- ``thin``: at most two counted mentions and no title (a passing mention that scored);
- ``list``: some of its mentions sit in a list of names, a repeated line, a comparison;
- ``plain``: none of the above.

A tag falls in the first class that fits. The counts per class are the audit's figures
(benchmarks/README.md keeps them before and after each fix). Report texts are third-party:
they are read from the clone and never written anywhere.

    python benchmarks/accuracy/clusters/audit.py --repo /path/to/CTI-EACL24 [--per-vendor 50]
    python benchmarks/accuracy/clusters/audit.py --repo ... --counts   # the class counts only
"""

from __future__ import annotations

import argparse
import json
import random
import re
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT))

from misp_module.core.entry import parse_entry  # noqa: E402
from misp_module.core.galaxy_index import load_index  # noqa: E402
from misp_module.core.matcher import match_entry  # noqa: E402

HERE = Path(__file__).resolve().parent
DEFAULT_GALAXY_DIR = ROOT.parent / "shared" / "data" / "misp-galaxy"
PREFIX = "threat-reports-large/"
CLASSES = ("word", "homonym", "title-only", "thin", "list", "plain")
SEED = 16
_ROW = re.compile(r"^(.*?), \d{4}-\d\d-\d\d, .*, (https?://\S+), (\S+)\s*$")
_MENTIONS = re.compile(r"(\d+(?:\.\d+)?) mentions")


def _git(repo: Path, *args: str) -> bytes:
    return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, check=True).stdout


def labelled_commit() -> str:
    """The commit the labelled reports were read at: the audit reads the same tree, so its
    counts stay put when the clone moves on."""
    reports = json.loads((HERE / "labels.json").read_text(encoding="utf-8"))["reports"]
    return reports[0]["source"]["commit"]


def sample(repo: Path, per_vendor: int, seed: int, commit: str) -> list[tuple[str, str]]:
    """(path, title) of ``per_vendor`` reports of each vendor, none of them labelled."""
    labelled = {
        r["source"]["path"]
        for r in json.loads((HERE / "labels.json").read_text(encoding="utf-8"))["reports"]
    }
    paths = _git(repo, "ls-tree", "-r", "--name-only", commit, PREFIX).decode().split("\n")
    by_vendor: dict[str, list[str]] = defaultdict(list)
    for p in paths:
        parts = p.split("/")
        if len(parts) == 4 and parts[2] == "data" and p.endswith(".txt") and p not in labelled:
            by_vendor[parts[1]].append(p)
    rng = random.Random(seed)
    out = []
    for vendor in sorted(by_vendor):
        titles = {}
        listing = _git(repo, "show", f"{commit}:{PREFIX}{vendor}/data_list.csv")
        for line in listing.decode("utf-8", "replace").splitlines():
            m = _ROW.match(line)
            if m:
                name = m.group(3)
                titles[name if name.endswith(".txt") else name + ".txt"] = m.group(1)
        chosen = rng.sample(sorted(by_vendor[vendor]), min(per_vendor, len(by_vendor[vendor])))
        out += [(p, titles.get(p.rsplit("/", 1)[1], "")) for p in sorted(chosen)]
    return out


def classify(match, same_name: set[str]) -> str:
    ev = next(e for e in match.evidence if e.kind == "text")
    summary = ev.summary
    counted = _MENTIONS.search(summary)
    n = float(counted.group(1)) if counted else 1.0
    if "word" in (ev.note or "") or _is_word_tag(summary):
        return "word"
    if ev.name and ev.name.lower() in same_name:
        return "homonym"
    if "salient: title" in summary and n <= 1:
        return "title-only"
    if "title" not in summary and n <= 2:
        return "thin"
    if re.search(r"in (?:list|repeated line|comparison)", summary):
        return "list"
    return "plain"


def _is_word_tag(summary: str) -> bool:
    return "(ordinary word)" in summary


def audit(
    repo: Path, per_vendor: int, seed: int, galaxy_dir: Path, counts_only: bool, commit: str
) -> Counter:
    index = load_index(galaxy_dir, ("threat-actor", "malpedia"))
    words = _word_names(index)
    classes: Counter = Counter()
    rows: dict[str, list[str]] = defaultdict(list)
    reports = sample(repo, per_vendor, seed, commit)
    for path, title in reports:
        text = _git(repo, "show", f"{commit}:{path}").decode("utf-8", "replace")
        entry = parse_entry({"sha1_hash": "0" * 40, "title": title, "plain_text": text})
        matches, _ = match_entry(entry, index)
        tagged = [m for m in matches if m.tagged and any(e.kind == "text" for e in m.evidence)]
        names: Counter = Counter(
            (e.name or "").lower() for m in tagged for e in m.evidence if e.kind == "text"
        )
        same_name = {n for n, c in names.items() if c > 1}
        for m in tagged:
            ev = next(e for e in m.evidence if e.kind == "text")
            cls = classify(m, same_name)
            if cls != "word" and (ev.name or "").lower() in words:
                cls = "word"
            classes[cls] += 1
            rows[cls].append(
                f"  {m.galaxy}:{m.value}  [{path.split('/')[1]}] {path.rsplit('/', 1)[1][:60]}\n"
                f"      {ev.summary[:300]}"
            )
    print(f"{len(reports)} reports, {sum(classes.values())} text tags")
    for cls in CLASSES:
        print(f"{cls:11} {classes[cls]}")
    if not counts_only:
        for cls in CLASSES:
            print(f"\n== {cls} ({classes[cls]})")
            print("\n".join(rows[cls]))
    return classes


# The audit's "word" class keeps the matcher's threshold of the first rounds (Zipf 3.0), not
# today's names.COMMON_WORD_ZIPF (2.7): the class counts of every round stay comparable.
AUDIT_WORD_ZIPF = 3.0


def _word_names(index) -> set[str]:
    """Lower-case names whose every word is an ordinary English word (AUDIT_WORD_ZIPF)."""
    from wordfreq import zipf_frequency

    out = set()
    for cluster in index.clusters:
        for name in cluster.names:
            ws = re.split(r"[\W_]+", name.lower())
            ws = [w for w in ws if w]
            if ws and all(w.isalpha() and zipf_frequency(w, "en") >= AUDIT_WORD_ZIPF for w in ws):
                out.add(name.lower())
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--repo", type=Path, required=True, help="a clone of CTI-EACL24")
    ap.add_argument("--per-vendor", type=int, default=50)
    ap.add_argument("--seed", type=int, default=SEED)
    ap.add_argument("--galaxy-dir", type=Path, default=DEFAULT_GALAXY_DIR)
    ap.add_argument("--counts", action="store_true", help="print the class counts only")
    ap.add_argument("--commit", default=None, help="the clone's commit (default: the labels')")
    args = ap.parse_args(argv)
    commit = args.commit or labelled_commit()
    audit(args.repo, args.per_vendor, args.seed, args.galaxy_dir, args.counts, commit)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
