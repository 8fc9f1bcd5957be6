"""The galaxy index: every cluster's values, synonyms and normalised refs, ready to match.

Sources are the galaxy data embedded in pymispgalaxies (the default) or a misp-galaxy
checkout (``--galaxy-dir``). Building the index (wordfreq look-ups, the automaton) costs about
a second, so the built index is cached under the user's cache directory, keyed by the source
files' paths, sizes and modification times and by this package's version: a changed galaxy
file or a new release rebuilds it.

The cache is MessagePack data, never pickle: a file someone else planted can at worst be
ignored, it cannot run code. It is read only from a folder owned by this user and writable by no one
else (created 0700), and only the newest few files per galaxy source are kept. In memory, a
process holds a few indexes at most (least recently used first out), and builds one at a time.
"""

from __future__ import annotations

import contextlib
import difflib
import hashlib
import itertools
import json
import logging
import os
import re
import stat
import tempfile
import threading
from collections import OrderedDict, defaultdict
from dataclasses import dataclass, field
from itertools import product
from pathlib import Path

import msgpack

from misp_module import __version__
from misp_module.core import literals
from misp_module.core.errors import GalaxyError
from misp_module.core.files import TMP_SUFFIX, remove_stale_tmp
from misp_module.core.literals import Literals
from misp_module.core.namerules import rewrite
from misp_module.core.names import (
    SUFFIX_DROPPED,
    common_words,
    derived_common,
    derived_names,
    derived_phrases,
    family_of,
    key_of,
    lower_is_prose,
    normal_form,
    quality,
    variants,
)
from misp_module.core.rules import RuleSet, shipped
from misp_module.core.urls import normalize_url

log = logging.getLogger(__name__)

DEFAULT_GALAXIES = ("threat-actor", "malpedia")
_INDEX_FORMAT = 26  # bump when the cached layout or what is indexed changes
# A galaxy is named by its cluster file's stem: "threat-actor", "mitre-attack-pattern". A name
# is never a path.
GALAXY_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
KEEP_PER_SOURCE = 4  # cache files kept per galaxy source (a checkout, pymispgalaxies' data)
# Indexes a process keeps in memory: at most MAX_INDEXES, and beyond the newest one, no more
# clusters in all than MAX_CLUSTERS (an index takes about 21 kB per cluster: the default
# threat-actor + malpedia, 4,124 clusters, about 90 MB).
MAX_INDEXES = 3
MAX_CLUSTERS = 30_000


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
        """Whether the words beside a hit matter: actor or malware, ordinary word or name,
        a derived phrase naming an operation, a family's platform ("Linux/Exaramel")."""
        return (
            self.quality in ("common-word", "short", "phrase") or self.shared or bool(self.family)
        )

    @property
    def case_sensitive(self) -> bool:
        # Ordinary words only count when written as the galaxy writes the name; derived
        # phrases of English words only written as a name ("Black Remote").
        return self.quality in ("common-word", "short", "phrase")


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
    # The rules' salience-words as (role, word) pairs in file order: the words textscan and
    # salience read around a name (core/salience.words_of); () means the shipped ones.
    salience_words: tuple[tuple[str, str], ...] = ()
    # Every spelling of every key between spaces, and per spelling (pattern id, key length):
    # what textscan looks for in a text's scan form (core/literals: Hyperscan or pyahocorasick).
    scanner: Literals | None = None
    scan_values: tuple[tuple[int, int], ...] = ()
    # The keys whose lower-case writing is prose (names.lower_is_prose), worked out where the
    # index is built: matching reads this set and never loads wordfreq (0.3 s of CPU per
    # process). None: not worked out, textscan asks lower_is_prose.
    lower_prose: frozenset[str] | None = None

    def cluster(self, galaxy: str, value: str) -> Cluster | None:
        cid = self.by_value.get(galaxy, {}).get(value)
        return None if cid is None else self.clusters[cid]


def embedded_galaxy_dir() -> Path:
    """The misp-galaxy data that pymispgalaxies ships."""
    from importlib.util import find_spec

    # Found, not imported: importing pymispgalaxies loads jsonschema, a tenth of a second.
    spec = find_spec("pymispgalaxies")
    if spec is None or spec.origin is None:
        raise GalaxyError("pymispgalaxies is not installed: give --galaxy-dir")
    return Path(spec.origin).parent / "data" / "misp-galaxy"


def installed_galaxies(galaxy_dir: Path) -> list[str]:
    """The galaxy names ``galaxy_dir`` has cluster files for, sorted."""
    try:
        names = [p.stem for p in (galaxy_dir / "clusters").glob("*.json") if p.is_file()]
    except OSError:
        return []
    return sorted(n for n in names if GALAXY_NAME.match(n))


def cluster_files(galaxy_dir: Path, galaxies: tuple[str, ...], where: str = "") -> list[Path]:
    """The cluster file of each galaxy; a name that is not there lists the names that are.

    A galaxy is a name, never a path. ``where`` names the data in messages (default: the
    directory), so the embedded data is not shown as a site-packages path; the module's replies
    replace any server path (misp/policy.py public_message).
    """
    files = []
    for g in galaxies:
        path = galaxy_dir / "clusters" / f"{g}.json"
        if not GALAXY_NAME.match(g) or not path.is_file():
            where = where or str(galaxy_dir)
            existing = installed_galaxies(galaxy_dir)
            if not existing:
                raise GalaxyError(
                    f"no cluster file for galaxy {g[:64]!r} in {where}: it has no clusters/*.json"
                )
            close = difflib.get_close_matches(g[:64], existing, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise GalaxyError(
                f"no cluster file for galaxy {g[:64]!r} in {where}{hint}; "
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
    index.salience_words = tuple((e["role"], e["word"]) for e in rules.of("salience-words"))
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
    actor_suffixes = frozenset(
        e["word"].lower() for e in rules.of("salience-words") if e["role"] == "actor-suffix"
    )
    members = {e["value"]: (e["family"], e["platform"]) for e in rules.of("family-members")}
    _build_patterns(index, never_keys, actor_suffixes, members)
    versions = ", ".join(f"{g} v{v}" for g, v in index.versions.items())
    index.source = f"{source} ({versions})"
    return index


# How a key came to name a cluster: lower wins within one galaxy ("OilRig" is one cluster's
# value and another's synonym: the value's owner gets it).
_VALUE, _SYNONYM, _FAMILY, _DERIVED = 0, 1, 2, 3


# An actor's name less its group word is searched for only when one of its words is rarer in
# English than this (wordfreq Zipf; names.DERIVED_COMMON_ZIPF once): "Menupass", "Gamaredon",
# "Yanbian" are; "Lazarus" (3.3), "Whois" (whose capitals would count), "The Gorgon", "Beijing",
# "Equation", "Shell" are words, named by the full name that reports write too.
ACTOR_HEAD_MAX_ZIPF = 2.0


def _actor_heads(
    index: GalaxyIndex, suffixes: frozenset[str], keyed: dict[str, dict]
) -> list[tuple[int, str, str]]:
    """(cluster, galaxy name, head) of each threat actor's name whose last word only says it is
    a group (salience-words role actor-suffix): "Menupass Team" -> "Menupass", "Gamaredon
    Group" -> "Gamaredon"; reports write the bare name ("the menuPass group", "Gamaredon's
    implants"). Not when the head is some cluster's own name ("Maze" of the actor "Maze Team" is
    the ransomware's; "Shamoon Group"), has a word not starting with a letter ("8220 Gang",
    "1.php Group"), is short, or is made of English words (ACTOR_HEAD_MAX_ZIPF)."""
    if not suffixes:
        return []
    from wordfreq import zipf_frequency

    out = []
    for cid, cluster in enumerate(index.clusters):
        if cluster.galaxy != "threat-actor":
            continue
        for name in cluster.searched:
            words = name.split()
            if len(words) < 2 or words[-1].lower() not in suffixes:
                continue
            head = " ".join(words[:-1])
            key = key_of(head)
            if (
                len(key.replace(" ", "")) < 4
                or not all(w[:1].isalpha() for w in words[:-1])
                or any(c in head for c in "'’")
                or key in keyed
                or min(zipf_frequency(w, "en") for w in key.split()) >= ACTOR_HEAD_MAX_ZIPF
            ):
                continue
            out.append((cid, name, head))
    return out


def _build_patterns(
    index: GalaxyIndex,
    never: dict[str, set[str]],
    actor_suffixes: frozenset[str] = frozenset(),
    members: dict[str, tuple[str, str]] | None = None,
) -> None:
    """``members``: Malpedia value -> (family, platform) of the family-members rules."""
    members = members or {}
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
        fam = None
        if cluster.galaxy == "malpedia":
            fam = family_of(cluster.value) or members.get(cluster.value)
        if fam:
            base, platform = fam
            index.platform[cid] = platform
            families[cid] = key_of(base)
            for key, _ in variants(base):
                add(key, "family name", base, cid, _FAMILY)
            for other, how in derived_names(base):
                for key, _ in variants(other):
                    add(key, how, base, cid, _DERIVED)
    _member_synonyms(index, members, families, add)
    _family_names_shared(families, keyed)
    for cid, name, head in _actor_heads(index, actor_suffixes, keyed):
        for key, _ in variants(head):
            add(key, SUFFIX_DROPPED, name, cid, _DERIVED)
    common = common_words(keyed)
    common |= derived_common(k for k, slot in keyed.items() if slot["rank"] >= _DERIVED)
    phrases = derived_phrases(k for k, slot in keyed.items() if slot["rank"] >= _DERIVED)
    for key in sorted(keyed):
        slot = keyed[key]
        clusters = _owned(index, slot["clusters"])
        if slot["rank"] >= _DERIVED and len(key.replace(" ", "")) <= 3:
            continue  # a derived spelling that short is not a name
        fams = {families.get(c) for c in clusters if index.clusters[c].galaxy == "malpedia"}
        family = ""
        if len(fams) == 1 and None not in fams:
            family = fams.pop() or ""
        index.patterns.append(
            Pattern(
                key=key,
                names=tuple(slot["names"]),
                clusters=clusters,
                quality=quality(
                    key,
                    _most_in_one_galaxy(index, clusters, families),
                    key in common,
                    key in phrases,
                ),
                how=slot["how"],
                family=family,
                shared=len({index.clusters[c].galaxy for c in clusters}) > 1,
            )
        )
    index.lower_prose = frozenset(
        p.key for p in index.patterns if not p.case_sensitive and lower_is_prose(p.key, p.names)
    )
    _scanner(index)


def _scanner(
    index: GalaxyIndex,
    engine: str | None = "ahocorasick",
    compiled: bytes | None = None,
    table: tuple[tuple[str, ...], tuple[tuple[int, int], ...]] | None = None,
) -> None:
    """``table``: the scan words and their values as :func:`_scan_table` gave them (kept in
    the cache: working them out again cost ~0.03 s CPU on each load, in every process)."""
    words, values = table if table is not None else _scan_table(index.patterns)
    # Hyperscan compiles thousands of keys in about half a second: only when asked (see
    # load_index's fast_scan), or loaded from the cache; else pyahocorasick (milliseconds).
    index.scanner = Literals(words, engine, compiled)
    index.scan_values = values


def _scan_table(
    patterns: list[Pattern],
) -> tuple[tuple[str, ...], tuple[tuple[int, int], ...]]:
    """The words the scanner looks for (each key in each of its spacings, between spaces)
    and, per word, (pattern id, length of the spelling)."""
    table: dict[str, tuple[int, int]] = {}
    for pid, pattern in enumerate(patterns):
        key = pattern.key
        for spelled in _spacings(key) if " " in key else (key,):
            # Between spaces: hits only on word boundaries. The value carries the length,
            # which differs between the spacings of one key. A spelling two keys share
            # stands for the later one.
            table[f" {spelled} "] = (pid, len(spelled))
    return tuple(table), tuple(table.values())


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


def _most_in_one_galaxy(
    index: GalaxyIndex, clusters: tuple[int, ...], families: dict[int, str] | None = None
) -> int:
    # "Careto" the actor and "Careto" the malware are one subject seen from two galaxies;
    # only several clusters of the same galaxy make a name ambiguous. The platform variants
    # of one family ("LockBit (Windows)", "LockBit (ELF)", and a family-members rule's
    # "FinFisher RAT") count as one: the text's platform cues choose among them.
    families = families or {}
    per_galaxy: dict[str, set] = {}
    for cid in clusters:
        c = index.clusters[cid]
        fam = family_of(c.value) if c.galaxy == "malpedia" else None
        group = families.get(cid) or (key_of(fam[0]) if fam else None)
        per_galaxy.setdefault(c.galaxy, set()).add(group or cid)
    return max(len(v) for v in per_galaxy.values())


def _family_names_shared(families: dict[int, str], keyed: dict[str, dict]) -> None:
    """A family's bare name stands for all its platform variants alike, also when one of them
    has it as its value or synonym: "tsunami" (Malpedia's Windows family) beside "Tsunami
    (ELF)", "NetWire" (the macOS family) beside "NetWire RC" (the Windows RAT that lists it as
    a synonym). Held at the best rank of any variant, the name finds the whole group and the
    text's platform cues choose the variant; else the value's owner took every report on the
    family's other platforms (a Linux botnet's Tsunami, the Windows NetWire RAT)."""
    group: dict[str, list[int]] = defaultdict(list)
    for cid, fam in families.items():
        group[fam].append(cid)
    for fam, cids in group.items():
        slot = keyed.get(fam)
        if slot is None or len(cids) < 2:
            continue
        ranks = slot["clusters"]
        best = min(ranks.get(c, _DERIVED) for c in cids)
        for c in cids:
            if c in ranks:
                ranks[c] = min(ranks[c], best)


def _member_synonyms(index: GalaxyIndex, members: dict, families: dict[int, str], add) -> None:
    """The synonyms of a family-members rule's cluster name its whole family group, at the
    synonym's rank ("FinSpy", the Windows FinFisher RAT's synonym, is the product's name for
    every platform): the text's platform cues then choose the variant. Its value ("FinFisher
    RAT") stays its own."""
    if not members:
        return
    group: dict[str, list[int]] = defaultdict(list)
    for cid, fam in families.items():
        group[fam].append(cid)
    for cid, cluster in enumerate(index.clusters):
        if cluster.galaxy != "malpedia" or cluster.value not in members or cid not in families:
            continue
        for name in (n for n in cluster.searched if n != cluster.names[0]):
            for other in group[families[cid]]:
                for key, how in variants(name):
                    add(key, how, name, other, _SYNONYM)


def cache_dir() -> Path:
    """Where index caches go: $ORKL_MISP_CACHE, else $XDG_CACHE_HOME/orkl-misp (~/.cache)."""
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


# The fingerprint of the files as they were last seen, by their identity (device, inode,
# size, modification time, each followed through symlinks): the module looks the index up on
# every query, and resolving each file's path (an lstat per folder on the way) and hashing
# cost more than the stat calls that tell nothing changed. A file replaced, touched or
# repointed by a symlink has a new identity and is fingerprinted again.
_SEEN: dict[tuple, tuple[tuple, str]] = {}


def _known_fingerprint(files: list[Path], galaxies: tuple[str, ...], rules: RuleSet) -> str:
    identity = []
    for f in files:
        st = os.stat(f)
        identity.append((st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns))
    key = (tuple(map(str, files)), galaxies, rules.fingerprint)
    seen = _SEEN.get(key)
    if seen is not None and seen[0] == tuple(identity):
        return seen[1]
    fingerprint = _fingerprint(files, galaxies, rules)
    if len(_SEEN) >= 64:
        _SEEN.clear()  # a few (galaxy folder, galaxies, rules) sets at most in practice
    _SEEN[key] = (tuple(identity), fingerprint)
    return fingerprint


def _source_key(root: Path) -> str:
    return hashlib.sha256(str(root.resolve()).encode()).hexdigest()[:12]


# --- in memory: a few indexes, least recently used first out ---------------------------------

_MEMO: OrderedDict[str, GalaxyIndex] = OrderedDict()
_memo_lock = threading.Lock()
_build_lock = threading.Lock()  # one build at a time: two at once would double the peak


def _remember(fingerprint: str, index: GalaxyIndex) -> None:
    with _memo_lock:
        _MEMO[fingerprint] = index
        _MEMO.move_to_end(fingerprint)
        while len(_MEMO) > 1 and (
            len(_MEMO) > MAX_INDEXES or sum(len(i.clusters) for i in _MEMO.values()) > MAX_CLUSTERS
        ):
            _MEMO.popitem(last=False)


def _recall(fingerprint: str) -> GalaxyIndex | None:
    with _memo_lock:
        index = _MEMO.get(fingerprint)
        if index is not None:
            _MEMO.move_to_end(fingerprint)
        return index


def load_index(
    galaxy_dir: str | os.PathLike | None = None,
    galaxies: tuple[str, ...] | list[str] = DEFAULT_GALAXIES,
    *,
    rules: RuleSet | None = None,
    use_cache: bool = True,
    fast_scan: bool = False,
) -> GalaxyIndex:
    """The index for ``galaxies`` from ``galaxy_dir`` (default: pymispgalaxies' data).

    Kept in memory (a few, see MAX_INDEXES) and cached on disk; both are invalidated when a
    file changes. ``fast_scan`` (bulk matching): the names are scanned with Hyperscan, its
    database compiled once (half a second, and memory a long-running server should not spend
    on every galaxy list it meets) and kept in the cache; loaded from it whoever reads it.
    """
    galaxies = tuple(dict.fromkeys(galaxies))
    if not galaxies:
        raise GalaxyError("no galaxies to match: name at least one (e.g. threat-actor)")
    root = Path(galaxy_dir) if galaxy_dir else embedded_galaxy_dir()
    files = cluster_files(root, galaxies, "" if galaxy_dir else "the data pymispgalaxies ships")
    rules = rules or shipped()
    fingerprint = _known_fingerprint(files, galaxies, rules)
    index = _recall(fingerprint)
    if index is not None and not (fast_scan and _slow_scan(index)):
        return index
    with _build_lock:
        index = _recall(fingerprint)  # built by another thread while this one waited
        if index is not None and not (fast_scan and _slow_scan(index)):
            return index
        folder = cache_dir()
        path = folder / f"index-{_source_key(root)}-{fingerprint}{CACHE_SUFFIX}"
        if index is None:
            index = _read_cache(path) if use_cache else None
        if index is None:
            # Described without the path, so the same data gives the same output on every
            # machine. Only here: reading a package's version parses its metadata (a module
            # query would pay half a millisecond for it on every call).
            source = (
                "misp-galaxy directory"
                if galaxy_dir
                else f"pymispgalaxies {_version('pymispgalaxies')}"
            )
            index = build_index(root, galaxies, source, rules)
            if fast_scan:
                _scanner(index, "hyperscan")
            if use_cache:
                _write_cache(path, index)
                prune_cache(folder)
        elif fast_scan and _slow_scan(index):
            _scanner(index, "hyperscan")  # compiled once, then kept in the cache
            if use_cache:
                _write_cache(path, index)
        _remember(fingerprint, index)
    return index


def _slow_scan(index: GalaxyIndex) -> bool:
    """Whether Hyperscan is installed and the index scans without it."""
    scanner = index.scanner
    return literals.hyperscan is not None and bool(scanner.words) and scanner.engine != "hyperscan"


def _version(package: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(package)
    except PackageNotFoundError:
        return "?"


# --- on disk: data (MessagePack) in a folder only this user can write ------------------------
# MessagePack rather than JSON: unpacked straight into tuples, it loads in about a third of
# the time (benchmarks/module_bounds.py). Only plain values: no extension types are packed,
# and an unpacked extension type fails the checks below.
CACHE_SUFFIX = ".msgpack"


def _private(st: os.stat_result) -> bool:
    """Owned by this user and writable by no one else."""
    return st.st_uid == os.geteuid() and not st.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def _usable_dir(folder: Path, create: bool) -> bool:
    """The cache folder exists (or was made, 0700) and only this user can write to it."""
    if create:
        try:
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        except OSError as exc:  # a read-only home still works, only slower
            log.info("cannot create the index cache folder %s: %s", folder, exc)
            return False
    try:
        st = os.stat(folder)
    except OSError:
        return False
    if not stat.S_ISDIR(st.st_mode) or not _private(st):
        log.warning(
            "index cache folder %s is not this user's own (owner %d, mode %o): not used",
            folder,
            st.st_uid,
            stat.S_IMODE(st.st_mode),
        )
        return False
    return True


def _to_bytes(index: GalaxyIndex) -> bytes:
    return msgpack.packb(
        {
            "format": _INDEX_FORMAT,
            "version": __version__,
            "source": index.source,
            "galaxies": index.galaxies,
            "versions": index.versions,
            "clusters": [(c.galaxy, c.value, c.uuid, c.names, c.searched) for c in index.clusters],
            "by_value": index.by_value,
            "by_name": index.by_name,
            "by_ref": index.by_ref,
            "patterns": [
                (p.key, p.names, p.clusters, p.quality, p.how, p.family, p.shared)
                for p in index.patterns
            ],
            "platform": list(index.platform.items()),
            "rewrites": index.rewrites,
            "salience_words": index.salience_words,
            "lower_prose": sorted(index.lower_prose or ()),
            "scan_db": index.scanner.serialized() if index.scanner else None,
            "scan_words": index.scanner.words if index.scanner else (),
            "scan_values": index.scan_values,
        }
    )


def _check(values, kinds: set[type], what: str) -> None:
    if not set(map(type, values)) <= kinds:
        raise ValueError(f"a {what} is not a {' or '.join(k.__name__ for k in kinds)}")


def _from_bytes(data: bytes) -> GalaxyIndex:
    """The index the data describes, every field checked; ValueError when anything is off.

    Checked in bulk (one pass per kind of value) so that loading stays close to unpickling.
    """
    doc = msgpack.unpackb(data, use_list=False, raw=False, strict_map_key=True)
    if not isinstance(doc, dict) or doc.get("format") != _INDEX_FORMAT:
        raise ValueError("another format")
    if doc.get("version") != __version__:
        raise ValueError("another release")
    clusters = [Cluster(g, v, u, names, found) for g, v, u, names, found in doc["clusters"]]
    n = len(clusters)
    by_value = {g: dict(values) for g, values in dict(doc["by_value"]).items()}
    by_name, by_ref = dict(doc["by_name"]), dict(doc["by_ref"])
    patterns = [Pattern(*p) for p in doc["patterns"] if len(p) == 7]
    if len(patterns) != len(doc["patterns"]):
        raise ValueError("a pattern is not 7 fields")
    platform = dict(doc["platform"])
    rewrites = doc["rewrites"]
    salience_words = doc["salience_words"]
    lower_prose = doc["lower_prose"]
    flat = itertools.chain.from_iterable
    _check(
        [
            *(c.names for c in clusters),
            *(c.searched for c in clusters),
            *by_name.values(),
            *by_ref.values(),
            *flat(by_ref.values()),
            *(p.names for p in patterns),
            *(p.clusters for p in patterns),
            rewrites,
            *rewrites,
            salience_words,
            *salience_words,
            lower_prose,
        ],
        {tuple},
        "list",
    )
    ids = [*flat(v.values() for v in by_value.values()), *flat(by_name.values())]
    ids += [cid for v in by_ref.values() for cid, _ in v]
    ids += flat(p.clusters for p in patterns)
    ids += platform
    _check(ids, {int}, "cluster id")
    if ids and (min(ids) < 0 or max(ids) >= n):
        raise ValueError("a cluster id is out of range")
    strings = [*flat((c.galaxy, c.value, c.uuid, *c.names, *c.searched) for c in clusters)]
    strings += [*by_value, *flat(by_value.values()), *by_name, *by_ref]
    strings += [ref for v in by_ref.values() for _, ref in v]
    strings += flat((p.key, p.quality, p.how, p.family, *p.names) for p in patterns)
    strings += [*platform.values(), *flat(rewrites), *flat(salience_words), *lower_prose]
    _check(strings, {str}, "name")
    _check([p.shared for p in patterns], {bool}, "flag")
    if not all(p.key for p in patterns):
        raise ValueError("an empty pattern")
    index = GalaxyIndex(source=str(doc["source"]), galaxies=tuple(map(str, doc["galaxies"])))
    index.clusters, index.by_value, index.by_name, index.by_ref = (
        clusters,
        by_value,
        by_name,
        by_ref,
    )
    index.patterns, index.platform, index.rewrites = patterns, platform, rewrites
    index.salience_words = salience_words
    index.lower_prose = frozenset(lower_prose)
    index.versions = {str(k): v for k, v in dict(doc["versions"]).items()}
    scan_db = doc.get("scan_db")
    if scan_db is not None and not isinstance(scan_db, bytes):
        raise ValueError("a scan database is not bytes")
    words, values = doc["scan_words"], doc["scan_values"]
    _check([words, values, *values], {tuple}, "list")
    _check(words, {str}, "scan word")
    if len(words) != len(values) or not all(len(v) == 2 for v in values):
        raise ValueError("the scan words and their values do not pair")
    _check(list(flat(values)), {int}, "scan value")
    if values and not all(0 <= pid < len(patterns) for pid, _ in values):
        raise ValueError("a scan word's pattern is out of range")
    table = (words, values)
    _scanner(index, None if scan_db else "ahocorasick", scan_db, table)  # never compiled here
    return index


def _read_cache(path: Path) -> GalaxyIndex | None:
    if not _usable_dir(path.parent, create=False):
        return None
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except FileNotFoundError:
        return None
    except OSError as exc:
        log.info("ignoring unreadable index cache %s: %s", path, exc)
        return None
    with os.fdopen(fd, "rb") as fp:
        if not _private(os.fstat(fp.fileno())):
            log.warning("index cache %s is not this user's own: ignored", path)
            return None
        try:
            return _from_bytes(fp.read())
        except (ValueError, TypeError, KeyError, IndexError, msgpack.UnpackException) as exc:
            # A torn, stale or foreign cache is rebuilt, never fatal.
            log.info("ignoring index cache %s: %s", path, exc)
            return None


def _write_cache(path: Path, index: GalaxyIndex) -> None:
    if not _usable_dir(path.parent, create=True):
        return
    # The temporary file is named as core/files names its own (".NAME.PID.XXXXXXXX.tmp"), so
    # the next write here removes it when its writer died mid-write (kill -9, power loss).
    remove_stale_tmp(path.parent)
    tmp = None
    try:
        prefix = f".{path.name}.{os.getpid()}."
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=prefix, suffix=TMP_SUFFIX)
        with os.fdopen(fd, "wb") as fp:
            fp.write(_to_bytes(index))
        os.replace(tmp, path)
    except OSError as exc:  # a full disk still works, only slower
        log.info("cannot write index cache %s: %s", path, exc)
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def prune_cache(folder: Path, keep: int = KEEP_PER_SOURCE) -> list[Path]:
    """Delete all but the newest ``keep`` cache files of each galaxy source; the deleted.

    Files of older releases (``index-*.pickle``) are deleted too: they are never read again.
    Only this user's own files are touched.
    """
    if not _usable_dir(folder, create=False):
        return []
    per_source: dict[str, list[tuple[int, Path]]] = {}
    doomed: list[Path] = []
    for path in folder.glob("index-*"):
        try:
            st = path.lstat()
        except OSError:
            continue
        if not stat.S_ISREG(st.st_mode) or st.st_uid != os.geteuid():
            continue
        parts = path.name.split("-")
        if path.suffix == CACHE_SUFFIX and len(parts) == 3:
            per_source.setdefault(parts[1], []).append((st.st_mtime_ns, path))
        elif path.suffix == ".pickle":
            doomed.append(path)
    for files in per_source.values():
        files.sort(reverse=True)
        doomed.extend(p for _, p in files[keep:])
    for path in doomed:
        with contextlib.suppress(OSError):
            path.unlink()
    return doomed
