"""The galaxy index: every cluster's values, synonyms and normalised refs, ready to match.

Sources are the galaxy data embedded in pymispgalaxies (the default) or a misp-galaxy
checkout (``--galaxy-dir``). Building the index (wordfreq look-ups, the automaton) costs about
a second, so the built index is pickled under the user's cache directory, keyed by the
source files' paths, sizes and modification times and by this package's version: a changed
galaxy file or a new release rebuilds it.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import logging
import os
import pickle
import tempfile
from dataclasses import dataclass, field
from itertools import product
from pathlib import Path

import ahocorasick

from misp_module import __version__
from misp_module.core.errors import GalaxyError
from misp_module.core.namerules import rewrite
from misp_module.core.names import (
    common_words,
    derived_common,
    derived_names,
    family_of,
    key_of,
    normal_form,
    quality,
    variants,
)
from misp_module.core.rules import RuleSet, shipped
from misp_module.core.urls import normalize_url

log = logging.getLogger(__name__)

DEFAULT_GALAXIES = ("threat-actor", "malpedia")
_INDEX_FORMAT = 13  # bump when the cached layout or what is indexed changes


@dataclass(frozen=True)
class Cluster:
    """One galaxy cluster value."""

    galaxy: str
    value: str
    uuid: str
    names: tuple[str, ...]  # value first, then synonyms
    searched: tuple[str, ...] = ()  # the names the text is searched for (never-match left out)

    @property
    def tag(self) -> str:
        return f'misp-galaxy:{self.galaxy}="{self.value}"'


@dataclass(frozen=True)
class Pattern:
    """A key the automaton searches for, and what a hit on it means."""

    key: str
    names: tuple[str, ...]  # the galaxy names (as written) this key stands for
    clusters: tuple[int, ...]
    quality: str
    how: str  # '' for the name itself, else how it was derived ('another spelling', ...)
    family: str = ""  # the bare name when every cluster is a platform variant of one family
    shared: bool = False  # the key names clusters in more than one galaxy (actor and malware)

    @property
    def needs_context(self) -> bool:
        """Whether the words beside a hit matter: actor or malware, ordinary word or name."""
        return self.quality in ("common-word", "short") or self.shared

    @property
    def case_sensitive(self) -> bool:
        # Ordinary words only count when written as the galaxy writes the name.
        return self.quality in ("common-word", "short")


@dataclass
class GalaxyIndex:
    source: str
    galaxies: tuple[str, ...]
    clusters: list[Cluster] = field(default_factory=list)
    by_value: dict[str, dict[str, int]] = field(default_factory=dict)  # galaxy -> value -> id
    by_name: dict[str, tuple[int, ...]] = field(default_factory=dict)  # lower name -> ids
    by_ref: dict[str, tuple[tuple[int, str], ...]] = field(default_factory=dict)
    patterns: list[Pattern] = field(default_factory=list)
    versions: dict[str, int] = field(default_factory=dict)  # galaxy -> cluster file version
    platform: dict[int, str] = field(default_factory=dict)  # family variant -> its platform
    # URL rewrite rules (pattern, replacement) the refs were keyed with; entry URLs get the same
    rewrites: tuple[tuple[str, str], ...] = ()
    automaton: ahocorasick.Automaton | None = None

    def cluster(self, galaxy: str, value: str) -> Cluster | None:
        cid = self.by_value.get(galaxy, {}).get(value)
        return None if cid is None else self.clusters[cid]


def embedded_galaxy_dir() -> Path:
    """The misp-galaxy data that pymispgalaxies ships."""
    import pymispgalaxies

    return Path(pymispgalaxies.__file__).parent / "data" / "misp-galaxy"


def cluster_files(galaxy_dir: Path, galaxies: tuple[str, ...], where: str = "") -> list[Path]:
    """The cluster file of each galaxy; a name that is not there lists the names that are.

    ``where`` names the data in messages (default: the directory), so the embedded data is
    not shown as a site-packages path.
    """
    files = []
    for g in galaxies:
        path = galaxy_dir / "clusters" / f"{g}.json"
        if not path.is_file():
            where = where or str(galaxy_dir)
            existing = sorted(p.stem for p in (galaxy_dir / "clusters").glob("*.json"))
            if not existing:
                raise GalaxyError(
                    f"no cluster file for galaxy {g!r} in {where}: it has no clusters/*.json"
                )
            close = difflib.get_close_matches(g, existing, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise GalaxyError(
                f"no cluster file for galaxy {g!r} in {where}{hint}; "
                f"galaxies there: {', '.join(existing)}"
            )
        files.append(path)
    return files


def _load_cluster_file(path: Path) -> dict:
    try:
        with open(path, encoding="utf-8") as fp:
            data = json.load(fp)
    except (OSError, json.JSONDecodeError) as exc:
        raise GalaxyError(f"{path}: cannot read cluster file ({exc})") from None
    if not isinstance(data, dict) or not isinstance(data.get("values"), list):
        raise GalaxyError(f"{path}: not a misp-galaxy cluster file (no 'values' list)")
    return data


def _never_match(rules: RuleSet, galaxy: str) -> set[str]:
    return {e["name"].lower() for e in rules.of("never-match") if e.get("galaxy") in (None, galaxy)}


def _extra_synonyms(rules: RuleSet, galaxy: str) -> dict[str, list[str]]:
    extra: dict[str, list[str]] = {}
    for e in rules.of("extra-synonyms"):
        if e["galaxy"] == galaxy:
            extra.setdefault(e["value"], []).append(e["name"])
    return extra


def build_index(
    galaxy_dir: Path, galaxies: tuple[str, ...], source: str, rules: RuleSet | None = None
) -> GalaxyIndex:
    rules = rules or shipped()
    index = GalaxyIndex(source=source, galaxies=galaxies)
    index.rewrites = tuple((e["pattern"], e["replace"]) for e in rules.of("url-rewrites"))
    never_keys: dict[str, set[str]] = {}
    names: dict[str, set[int]] = {}
    refs: dict[str, dict[int, str]] = {}
    for path in cluster_files(galaxy_dir, galaxies):
        data = _load_cluster_file(path)
        galaxy = data.get("type") or path.stem
        index.versions[galaxy] = data.get("version", 0)
        values = index.by_value.setdefault(galaxy, {})
        never = _never_match(rules, galaxy)
        never_keys[galaxy] = {key_of(n) for n in never}
        extra = _extra_synonyms(rules, galaxy)
        for v in data["values"]:
            if not isinstance(v, dict) or not isinstance(v.get("value"), str) or v.get("revoked"):
                continue
            meta = v.get("meta") or {}
            synonyms = [s for s in meta.get("synonyms") or () if isinstance(s, str)]
            synonyms += extra.get(v["value"], ())
            cluster_names = tuple(dict.fromkeys(normal_form(n) for n in [v["value"], *synonyms]))
            # Names on the never-match list are not searched for in the text; they still
            # resolve ORKL's actor list and the cluster keeps its value as its tag.
            searched = tuple(n for n in cluster_names if n.lower() not in never)
            cid = len(index.clusters)
            index.clusters.append(
                Cluster(galaxy, v["value"], v.get("uuid", ""), cluster_names, searched)
            )
            values.setdefault(v["value"], cid)
            for n in cluster_names:
                names.setdefault(n.lower(), set()).add(cid)
            # additional_refs are curated too (misp-galaxy's CONTRIBUTE.md: further reporting
            # beyond the name's original source goes there).
            for ref in [*(meta.get("refs") or ()), *(meta.get("additional_refs") or ())]:
                key = rewrite(normalize_url(ref), index.rewrites) if isinstance(ref, str) else None
                if key:
                    refs.setdefault(key, {}).setdefault(cid, ref)
    index.by_name = {k: tuple(sorted(v)) for k, v in names.items()}
    index.by_ref = {k: tuple(sorted(v.items())) for k, v in refs.items()}
    _build_patterns(index, never_keys)
    versions = ", ".join(f"{g} v{v}" for g, v in index.versions.items())
    index.source = f"{source} ({versions})"
    return index


# How a key came to name a cluster: lower wins within one galaxy ("OilRig" is one cluster's
# value and another's synonym: the value's owner gets it).
_VALUE, _SYNONYM, _FAMILY, _DERIVED = 0, 1, 2, 3


def _build_patterns(index: GalaxyIndex, never: dict[str, set[str]]) -> None:
    keyed: dict[str, dict] = {}

    def add(key: str, how: str, name: str, cid: int, rank: int) -> None:
        if key in never.get(index.clusters[cid].galaxy, ()):
            return  # a never-match name, also when derived ("ESET" from "ESET Wiper")
        slot = keyed.setdefault(key, {"names": {}, "clusters": {}, "how": how, "rank": rank})
        slot["names"].setdefault(name, None)
        slot["clusters"][cid] = min(rank, slot["clusters"].get(cid, rank))
        if rank < slot["rank"] or (rank == slot["rank"] and how == ""):
            slot["how"], slot["rank"] = how, rank

    families: dict[int, str] = {}
    for cid, cluster in enumerate(index.clusters):
        for name in cluster.searched:
            rank = _VALUE if name == cluster.names[0] else _SYNONYM
            for key, how in variants(name):
                add(key, how, name, cid, rank)
            for other, how in derived_names(name):
                for key, _ in variants(other):
                    add(key, how, name, cid, _DERIVED)
        fam = family_of(cluster.value) if cluster.galaxy == "malpedia" else None
        if fam:
            base, platform = fam
            index.platform[cid] = platform
            families[cid] = key_of(base)
            for key, _ in variants(base):
                add(key, "family name", base, cid, _FAMILY)
            for other, how in derived_names(base):
                for key, _ in variants(other):
                    add(key, how, base, cid, _DERIVED)
    common = common_words(keyed)
    common |= derived_common(k for k, slot in keyed.items() if slot["rank"] >= _DERIVED)
    automaton = ahocorasick.Automaton()
    for key in sorted(keyed):
        slot = keyed[key]
        clusters = _owned(index, slot["clusters"])
        if slot["rank"] >= _DERIVED and len(key.replace(" ", "")) <= 3:
            continue  # a derived spelling that short is not a name
        fams = {families.get(c) for c in clusters if index.clusters[c].galaxy == "malpedia"}
        family = ""
        if len(fams) == 1 and None not in fams:
            family = fams.pop() or ""
        pid = len(index.patterns)
        index.patterns.append(
            Pattern(
                key=key,
                names=tuple(slot["names"]),
                clusters=clusters,
                quality=quality(key, _most_in_one_galaxy(index, clusters), key in common),
                how=slot["how"],
                family=family,
                shared=len({index.clusters[c].galaxy for c in clusters}) > 1,
            )
        )
        for spelled in _spacings(key):
            # Between spaces: hits only on word boundaries. The value carries the length,
            # which differs between the spacings of one key.
            automaton.add_word(f" {spelled} ", (pid, len(spelled)))
    automaton.make_automaton()
    index.automaton = automaton


def _owned(index: GalaxyIndex, ranks: dict[int, int]) -> tuple[int, ...]:
    """Per galaxy, the clusters that hold the key most directly (value > synonym > derived)."""
    best: dict[str, int] = {}
    for cid, rank in ranks.items():
        g = index.clusters[cid].galaxy
        best[g] = min(rank, best.get(g, rank))
    return tuple(sorted(c for c, r in ranks.items() if r == best[index.clusters[c].galaxy]))


def _spacings(key: str) -> list[str]:
    """The key with each gap between words one to three characters wide.

    The scanner keeps the text's length (so offsets need no mapping back) and turns every
    non-word character into a space: "Persistent\\r\\nThreat" is two spaces wide, ", \\r\\n"
    three. Names of five words or more get gaps of one or two.
    """
    words = key.split(" ")
    if len(words) == 1:
        return [key]
    widths = (1, 2, 3) if len(words) <= 4 else (1, 2)
    out = []
    for combo in product(widths, repeat=len(words) - 1):
        text = words[0]
        for width, word in zip(combo, words[1:], strict=True):
            text += " " * width + word
        out.append(text)
    return out


def _most_in_one_galaxy(index: GalaxyIndex, clusters: tuple[int, ...]) -> int:
    # "Careto" the actor and "Careto" the malware are one subject seen from two galaxies;
    # only several clusters of the same galaxy make a name ambiguous. The platform variants
    # of one family ("LockBit (Windows)", "LockBit (ELF)") count as one: the text's platform
    # cues choose among them.
    per_galaxy: dict[str, set] = {}
    for cid in clusters:
        c = index.clusters[cid]
        fam = family_of(c.value) if c.galaxy == "malpedia" else None
        per_galaxy.setdefault(c.galaxy, set()).add(key_of(fam[0]) if fam else cid)
    return max(len(v) for v in per_galaxy.values())


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(os.environ.get("ORKL_MISP_CACHE") or os.path.join(base, "orkl-misp"))


def _fingerprint(files: list[Path], galaxies: tuple[str, ...], rules: RuleSet) -> str:
    h = hashlib.sha256(
        f"{__version__}/{_INDEX_FORMAT}/{','.join(galaxies)}/{rules.fingerprint}".encode()
    )
    for f in files:
        st = f.stat()
        h.update(f"\0{f.resolve()}\0{st.st_size}\0{st.st_mtime_ns}".encode())
    return h.hexdigest()[:32]


_MEMO: dict[str, GalaxyIndex] = {}


def load_index(
    galaxy_dir: str | os.PathLike | None = None,
    galaxies: tuple[str, ...] | list[str] = DEFAULT_GALAXIES,
    *,
    rules: RuleSet | None = None,
    use_cache: bool = True,
) -> GalaxyIndex:
    """The index for ``galaxies`` from ``galaxy_dir`` (default: pymispgalaxies' data).

    Memoised per process and cached on disk; both are invalidated when a file changes.
    """
    galaxies = tuple(dict.fromkeys(galaxies))
    if not galaxies:
        raise GalaxyError("no galaxies to match: name at least one (e.g. threat-actor)")
    root = Path(galaxy_dir) if galaxy_dir else embedded_galaxy_dir()
    # Described without the path, so the same data gives the same output on every machine.
    source = (
        "misp-galaxy directory" if galaxy_dir else f"pymispgalaxies {_version('pymispgalaxies')}"
    )
    files = cluster_files(root, galaxies, "" if galaxy_dir else "the data pymispgalaxies ships")
    rules = rules or shipped()
    fingerprint = _fingerprint(files, galaxies, rules)
    if fingerprint in _MEMO:
        return _MEMO[fingerprint]
    path = _cache_dir() / f"index-{fingerprint}.pickle"
    index = _read_cache(path) if use_cache else None
    if index is None:
        index = build_index(root, galaxies, source, rules)
        if use_cache:
            _write_cache(path, index)
    _MEMO[fingerprint] = index
    return index


def _version(package: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(package)
    except PackageNotFoundError:
        return "?"


def _read_cache(path: Path) -> GalaxyIndex | None:
    try:
        with open(path, "rb") as fp:
            index = pickle.load(fp)  # our own file, in the user's own cache directory
    except FileNotFoundError:
        return None
    except Exception as exc:  # a torn or stale cache is rebuilt, never fatal
        log.info("ignoring unreadable index cache %s: %s", path, exc)
        return None
    return index if isinstance(index, GalaxyIndex) else None


def _write_cache(path: Path, index: GalaxyIndex) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".index-", suffix=".tmp")
        with os.fdopen(fd, "wb") as fp:
            pickle.dump(index, fp, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError as exc:  # a read-only home still works, only slower
        log.info("cannot write index cache %s: %s", path, exc)
