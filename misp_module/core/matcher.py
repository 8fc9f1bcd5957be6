"""Which galaxy clusters an ORKL entry is about, and why.

Three kinds of evidence, strongest first:

- *reference*: one of the entry's URLs (its references, its ORKL copies) is in a cluster's
  refs after normalisation;
- *orkl-actor*: ORKL's ``threat_actors``; a MISPGALAXY item names the threat-actor cluster
  value exactly, other sources go through values and synonyms, their alias lists only weakly;
- *text*: a cluster's value or synonym in the title or text (see :mod:`textscan`).

Weak names (ambiguous, common words, very short) never make a tag on their own: they add to
a cluster that has other evidence, and their evidence says so.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from functools import cache, lru_cache

from misp_module.core import namerules, naming
from misp_module.core.entry import OrklEntry
from misp_module.core.evidence import (
    CONFIDENCE,
    DEFAULT_THRESHOLD,
    ClusterMatch,
    Evidence,
    Span,
    UnresolvedActor,
    combine,
)
from misp_module.core.galaxy_index import GalaxyIndex
from misp_module.core.literals import Literals
from misp_module.core.names import (
    GENERIC_SUFFIXES,
    PLATFORM_CUES,
    PLATFORM_WORDS,
    SUFFIX_DROPPED,
    family_of,
    key_of,
    lower_is_prose,
    scan_form,
    words_only,
)
from misp_module.core.salience import (
    DETECTION,
    DETECTION_GENERIC,
    DETECTION_LIST,
    OPENING,
    SAID_OTHER,
    SALIENT,
    SHIPPED_PAIRS,
    Document,
    Mention,
    Words,
    attributed,
    mark_lines,
    mark_lists,
    score,
    share_roles,
    words_of,
)
from misp_module.core.textscan import Hit, context, opens_title_name, scan
from misp_module.core.urls import normalize_url

# A family named in comparison or lineage ("a Dyre successor"), not in the title, and fewer
# than this share of the most-named cluster's mentions is the subject's yardstick (_yardstick).
YARDSTICK_SHARE = 0.5
# ... unless named this often: Flame, 39 counted mentions in Kaspersky's Gauss report, is a
# subject of its own there (Duqu and Stuxnet, 10 and 7, are the yardsticks).
YARDSTICK_MAX = 15.0
# A threat actor the report names at least this often after a negation ("unlikely to be X
# related", "distinct from X activity", "not X"), not in its title and less often than its
# most-named cluster, is an attribution the report rejects: Unit 42 takes apart the FIN7 link
# of MuddyWater, naming FIN7 twenty times (_rejected).
REJECTED_NEGATIONS = 2
REJECTED_APART = 100  # characters: two negated mentions closer than this are one
MAX_SPANS = 5  # spans kept per cluster in the evidence; the count says how many there were
# Mentions of one name looked at closely (URL, code, negation, words beside it); later ones
# only count, which is all the salience of a name said this often needs.
FULL_MENTIONS = 30
# How a mention's token was first read when it may be a detection name ("Win32/X.M" looks
# like a path or URL; "Backdoor.Win64.X" like code or nothing).
_DETECTION_HOWS = frozenset(["", "url", "code"])
COMMON_WORD_OFTEN = 5  # an ordinary-word name written as the galaxy writes it this often
# A report about malware none of whose names is salient is about its one Malpedia family named
# at least SOLE_MENTIONS times (counted) with at least SOLE_POINTS salience points, SOLE_MARGIN points
# ahead of every other cluster it names (_sole_subject).
SOLE_MENTIONS = 3.0
SOLE_POINTS = 1.0
SOLE_MARGIN = 0.5
# A family's variant named this often (counted), each time with its platform word beside the
# name, is salient when another variant of the family is (_second_platforms).
SECOND_PLATFORM_MENTIONS = 2.0


def match_entry(
    entry: OrklEntry, index: GalaxyIndex, threshold: float = DEFAULT_THRESHOLD
) -> tuple[list[ClusterMatch], list[UnresolvedActor]]:
    evidence: dict[int, list[Evidence]] = defaultdict(list)
    _reference_evidence(entry, index, evidence)
    unresolved = _actor_evidence(entry, index, evidence)
    _text_evidence(entry, index, evidence)
    unresolved += unknown_actor_names(entry, index)
    matches = []
    for cid, items in evidence.items():
        cluster = index.clusters[cid]
        if len(items) > 1:  # most clusters: one piece of evidence
            items.sort(key=lambda e: (-e.confidence, e.kind, e.summary))
        confidence = combine([e.confidence for e in items])
        matches.append(
            ClusterMatch(
                galaxy=cluster.galaxy,
                value=cluster.value,
                uuid=cluster.uuid,
                confidence=confidence,
                evidence=items,
                tagged=confidence >= threshold,
            )
        )
    matches.sort(key=lambda m: (-m.confidence, m.galaxy, m.value))
    return matches, unresolved


def _reference_evidence(entry: OrklEntry, index: GalaxyIndex, out: dict) -> None:
    seen: set[tuple[int, str]] = set()
    for url in dict.fromkeys((*entry.references, *entry.orkl_links, *entry.archive_links)):
        key = namerules.rewrite(normalize_url(url), index.rewrites)
        for cid, ref in index.by_ref.get(key, ()) if key else ():
            if (cid, key) in seen:
                continue
            seen.add((cid, key))
            out[cid].append(
                Evidence(
                    kind="reference",
                    confidence=CONFIDENCE["reference"],
                    summary=f"the report's URL is cited in the cluster's refs as {ref}",
                    url=url,
                    cluster_ref=ref,
                )
            )


def _actor_evidence(entry: OrklEntry, index: GalaxyIndex, out: dict) -> list[UnresolvedActor]:
    unresolved = []
    for actor in entry.actors:
        label = actor.source_name or f"{actor.source_id}:{actor.main_name}"
        if actor.source_id.upper() == "MISPGALAXY":
            cluster = index.cluster("threat-actor", actor.main_name)
            if cluster is not None:
                cid = index.by_value["threat-actor"][actor.main_name]
                out[cid].append(
                    Evidence(
                        kind="orkl-actor",
                        confidence=CONFIDENCE["orkl-actor-mispgalaxy"],
                        summary=f"ORKL lists {label}, the threat-actor cluster value itself",
                        actor=label,
                        name=actor.main_name,
                    )
                )
                continue
        cids = index.by_name.get(actor.main_name.lower(), ())
        if cids:
            etda = actor.source_id.upper() == "ETDA"
            if len(cids) > 1:
                kind, note = "orkl-actor-ambiguous", _ambiguity_note(index, cids)
            elif etda:
                kind, note = "orkl-actor-etda", "ETDA's groups over-merge: corroborates only"
            else:
                kind, note = "orkl-actor", None
            for cid in cids:
                out[cid].append(
                    Evidence(
                        kind="orkl-actor",
                        confidence=CONFIDENCE[kind],
                        summary=f"ORKL lists {label}; {actor.main_name!r} names this cluster",
                        actor=label,
                        name=actor.main_name,
                        note=note,
                    )
                )
            continue
        via_alias = _alias_evidence(actor, label, index, out)
        if not via_alias:
            where = (
                "the loaded galaxies"
                if actor.source_id.upper() != "MISPGALAXY"
                else ("the loaded threat-actor galaxy")
            )
            unresolved.append(
                UnresolvedActor(
                    source_name=label,
                    main_name=actor.main_name,
                    source_id=actor.source_id,
                    reason=f"no cluster in {where} has this name"
                    + (" or any of its aliases" if actor.aliases else ""),
                )
            )
    return unresolved


def _alias_evidence(actor, label: str, index: GalaxyIndex, out: dict) -> bool:
    found = False
    for alias in actor.aliases:
        cids = index.by_name.get(alias.lower(), ())
        if len(cids) != 1:
            continue
        found = True
        out[cids[0]].append(
            Evidence(
                kind="orkl-actor",
                confidence=CONFIDENCE["orkl-actor-alias"],
                summary=f"ORKL lists {label} with alias {alias!r}, a name of this cluster",
                actor=label,
                name=alias,
                note="alias lists of other sources over-merge groups: weak evidence only",
            )
        )
    return found


def _ambiguity_note(index: GalaxyIndex, cids: tuple[int, ...]) -> str:
    names = ", ".join(sorted(f"{index.clusters[c].galaxy}:{index.clusters[c].value}" for c in cids))
    return f"ambiguous: the name belongs to {names}; it corroborates only"


# Names that follow the vendors' actor naming schemes (Microsoft's weather families, CrowdStrike's
# animals, Mandiant's UNC, Proofpoint's TA, Microsoft's DEV- and Storm-): a name of this form that
# no cluster has is a new or unlisted actor. It is reported, with its spans, and never tagged.
# The scheme words and prefixes are salience-words (roles actor-scheme-word, actor-scheme-key,
# actor-scheme-prefix: vendors add families every year), compiled once per rule set.
# Cheap scans only: a substring search for each scheme word (memchr speed), and a regex led by
# a literal for each numbered designation (the regex engine skips ahead to the literal).
_NAME_WORD = re.compile(r"(?:[A-Z][a-z]+ ){1,2}$")
_NOT_A_NAME = frozenset(
    ["The", "A", "An", "This", "That", "These", "Those", "Our", "Its", "Their", "New", "And", "Of"]
)


@dataclass(frozen=True)
class _SchemeWords:
    """The compiled actor-scheme and alias words of one rule set's salience-words."""

    words: tuple[str, ...]  # actor-scheme-word, as written ("Typhoon")
    keys: frozenset[str]  # those and actor-scheme-key, lower case: a title phrase ending so
    numbers: tuple[re.Pattern, ...]  # one per actor-scheme-prefix: "UNC" and 2 to 5 digits
    literals: Literals  # the words, then each prefix before a digit (see _scheme_word_positions)
    own_alias: re.Pattern  # "(aka X)"
    alias_hints: tuple[str, ...]  # a text without any of these has no "(aka X)"
    says_alias: re.Pattern  # "aka" between two names
    alias_gap: re.Pattern  # what may stand between two names of one run (see _alias_runs)


def _alias_fragment(word: str) -> str:
    # "a.k.a." is also "a.k.a", "aka." and "ak.a": each dot optional, a trailing one read apart
    return re.escape(word.rstrip(".")).replace(r"\.", r"\.?")


@lru_cache(maxsize=8)
def _build_scheme_words(pairs: tuple[tuple[str, str], ...]) -> _SchemeWords:
    words = tuple(w for r, w in pairs if r == "actor-scheme-word")
    prefixes = [w for r, w in pairs if r == "actor-scheme-prefix"]
    aliases = [w for r, w in pairs if r == "alias-word"]
    # each designation prefix after a space and before a digit (" ta5", " dev 0"): where a
    # designation can start that is not inside a word
    numbered = [f" {words_only(p)}{d}" for p in prefixes for d in "0123456789"]
    alternation = "|".join(_alias_fragment(w) for w in aliases) or r"(?!)"
    hints = {h for w in aliases for h in (w.rstrip("."), w.rstrip(".").upper())}
    return _SchemeWords(
        words=words,
        keys=frozenset(
            w.lower() for r, w in pairs if r in ("actor-scheme-word", "actor-scheme-key")
        ),
        numbers=tuple(re.compile(re.escape(p) + r"\d{2,5}\b") for p in prefixes),
        literals=Literals([w.lower() for w in words] + numbered),
        own_alias=re.compile(rf"\(\s*(?:{alternation})\.?\s+([^()\n]{{2,60}})\)", re.IGNORECASE),
        alias_hints=tuple(sorted(hints)),
        says_alias=re.compile(rf"\b(?:{alternation})\b", re.IGNORECASE),
        alias_gap=re.compile(rf"[\W_]*(?:(?:{alternation}|or|and)[\W_]*)?", re.IGNORECASE),
    )


def _per_rule_set(cache: dict, pairs: tuple, build):
    """``build(pairs)``, kept per rule set and looked up by the tuple's identity first: hashing
    the few hundred pairs at every call would cost more than the lookup saves."""
    hit = cache.get(id(pairs))
    if hit is not None and hit[0] is pairs:
        return hit[1]
    built = build(pairs)
    if len(cache) >= 8:
        cache.clear()
    cache[id(pairs)] = (pairs, built)  # the tuple kept: its id is not reused
    return built


_SCHEME_CACHE: dict[int, tuple[tuple, _SchemeWords]] = {}
_SUFFIX_CACHE: dict[int, tuple[tuple, frozenset[str]]] = {}


def _suffixes(pairs: tuple[tuple[str, str], ...]) -> frozenset[str]:
    """The group words of ``pairs`` (role actor-suffix: "group", "team", ...)."""
    return frozenset(w for r, w in pairs if r == "actor-suffix")


_WORDS_CACHE: dict[int, tuple[tuple, Words]] = {}


def scheme_words(pairs: tuple[tuple[str, str], ...] | None = None) -> _SchemeWords:
    """The compiled scheme and alias words of ``pairs`` (an index's salience_words; None or
    empty: the shipped ones)."""
    return _per_rule_set(_SCHEME_CACHE, pairs or SHIPPED_PAIRS, _build_scheme_words)


def _words(index: GalaxyIndex) -> Words:
    """The salience words of the index's rules (core/salience.words_of; a user's actor-word and
    malware-word reach every check beside a name): compiled once per rule set."""
    pairs = index.salience_words or SHIPPED_PAIRS
    return _per_rule_set(_WORDS_CACHE, pairs, lambda p: words_of(None if p is SHIPPED_PAIRS else p))


def _scheme_word_positions(text: str, sw: _SchemeWords) -> tuple[dict[str, list[int]], list[int]]:
    """Where each scheme word starts, as ``text.find`` would step through them, and where a
    numbered designation may start (after a character that is no letter or digit; the
    regexes of ``sw.numbers`` say whether one does): from one pass over the text's scan form
    (which has each word, lower-cased, where the text does, and a space for anything else)."""
    found: dict[str, list[int]] = {}
    numbered = []
    n = len(sw.words)
    for at, i in sorted(sw.literals.find(scan_form(text))):
        if i >= n:
            numbered.append(at + 1)
            continue
        word = sw.words[i]
        if text.startswith(word, at):
            positions = found.setdefault(word, [])
            if not positions or at >= positions[-1] + len(word):
                positions.append(at)
    return found, numbered


def _scheme_spans(text: str, sw: _SchemeWords | None = None) -> list[tuple[int, int]]:
    sw = sw or scheme_words()
    spans = []
    words, numbered = _scheme_word_positions(text, sw)
    for word, positions in words.items():
        if positions[0] == 0:
            continue  # as before: the search stopped at a word that starts the text
        for at in positions:
            end = at + len(word)
            if text[at - 1] == " " and not text[end : end + 1].isalnum():
                before = _NAME_WORD.search(text, max(0, at - 30), at)
                words = before.group().split() if before else []
                while words and words[0] in _NOT_A_NAME:
                    words = words[1:]  # "The Sandstorm" is no name; "Mint Sandstorm" is
                if words:
                    spans.append((at - len(" ".join(words)) - 1, end))
    # A designation is a prefix and digits: no two overlap, so matching at each place one may
    # start finds what each regex's finditer finds and keeps (those not inside a word).
    for at in (0, *numbered):
        for pattern in sw.numbers:
            m = pattern.match(text, at)
            if m is None or (at and text[at - 1].isalnum()):
                continue
            if not m.group().startswith("TA00"):  # ATT&CK tactic IDs, not Proofpoint actors
                spans.append(m.span())
    return sorted(spans)


def unknown_actor_names(entry: OrklEntry, index: GalaxyIndex) -> list[UnresolvedActor]:
    found: dict[str, list[Span]] = {}
    named: dict[str, int] = {}  # how often each is named; spans (and context) for the first few
    known: dict[str, bool] = {}
    sw = scheme_words(index.salience_words)
    for field_name, text in (("title", entry.title), ("plain_text", entry.text)):
        text = text or ""
        candidates = _scheme_spans(text, sw)
        for start, end in candidates:
            name = text[start:end]
            if name not in known:
                known[name] = key_of(name) in index.by_name or name.lower() in index.by_name
            if known[name]:
                continue
            named[name] = named.get(name, 0) + 1
            spans = found.setdefault(name, [])
            if len(spans) < MAX_SPANS:
                spans.append(Span(field_name, start, end, name, context(text, start, end)))
    return [
        UnresolvedActor(
            source_name=f"text:{name}",
            main_name=name,
            source_id="text",
            reason=(
                f"named {named[name]} time{'s' if named[name] != 1 else ''} in the report; it "
                "follows a vendor's actor naming scheme, but no loaded cluster has this name: "
                "a candidate, not a tag"
            ),
            spans=tuple(spans),
        )
        for name, spans in sorted(found.items())
    ]


def _text_evidence(entry: OrklEntry, index: GalaxyIndex, out: dict) -> None:
    """Text evidence per cluster, weighed by salience (see :mod:`salience`)."""
    doc = Document(entry.title, entry.text, _words(index))
    texts = {"title": entry.title, "plain_text": entry.text}
    title_case = _title_case(entry.title)
    unsure = _title_unsure(entry.title)
    # In a title In Title Case a capitalised word after a name says nothing (see scan).
    hits = [(f, h) for f, t in texts.items() for h in scan(index, t, f == "title" and title_case)]
    patterns = index.patterns
    named = [(f, h) for f, h in hits if patterns[h.pattern].clusters]
    named = [  # "Google Play security tightened ..." is no PLAY (see opens_title_name)
        (f, h)
        for f, h in named
        if f != "title"
        or patterns[h.pattern].quality not in ("common-word", "short")
        or not opens_title_name(entry.title, h.start, entry.text)
    ]
    named = _drop_short_forms(index, named)
    named = _drop_title_tails(index, named)
    named = _heads_of_named(index, named)
    named = _actor_heads_introduced(index, named)
    named = _drop_enumerated_labels(index, texts, named)
    named = _drop_defined_acronyms(index, texts, named)
    sw = scheme_words(index.salience_words)
    named, malware_aliases = _own_aliases(entry.text, named, sw)
    platforms = {
        index.platform[c]
        for _, h in named
        if patterns[h.pattern].family
        for c in patterns[h.pattern].clusters
        if c in index.platform
    }
    cues = _platform_cues(entry, platforms) if platforms else {}
    mentions: list[tuple[Mention, Hit, tuple[int, ...]]] = []
    seen: dict[int, int] = defaultdict(int)
    for f, h in named:
        seen[h.pattern] += 1
        p = patterns[h.pattern]
        m = doc.mention(
            f, h.start, h.end, full=seen[h.pattern] <= FULL_MENTIONS, words=p.needs_context
        )
        if h.start and texts[f][h.start - 1] in naming.FAMILY_AFTER and m.how in _DETECTION_HOWS:
            _detection(index, doc, f, texts[f], h, m)  # most names: one look before them
        elif (
            texts[f][h.end : h.end + 1] in (".", ":", "/")
            and m.how in _DETECTION_HOWS
            and naming.scheme_word(texts[f], h.start, h.end, index.salience_words or SHIPPED_PAIRS)
        ):
            m.how = DETECTION_GENERIC  # "Net-Worm" of "Net-Worm.IphoneOS.Ike": the scheme's
        if malware_aliases and id(h) in malware_aliases and not m.role:
            m.role = "malware"  # "RATVERMIN": the report's own name says what it names
        if p.quality == "phrase" and m.before[-1:] == ("operation",) and not m.how:
            # "Operation North Star" names a campaign; "North Star" is only our spacing of
            # the family NorthStar (an open-source C2 framework): no mention of the family.
            m.how = "operation name"
        # most names: one galaxy's clusters, nothing to resolve (_resolve's own first test)
        cids = p.clusters if not p.family and not p.shared else _resolve(index, p, m, cues)
        mentions.append((m, h, cids))
    _follow_majority(index, mentions)
    _kit_throughout(mentions, doc.words.malware_words)
    mentions = _yield_to_longer_names(index, mentions, named)
    just = [m for m, _, _ in mentions]
    mark_lists(doc, just)
    mark_lines(doc, just)
    share_roles(doc, just)
    runs = _alias_runs(entry.text, just, scheme_words(index.salience_words).alias_gap)
    per_cluster: dict[int, list[tuple[Mention, Hit]]] = defaultdict(list)
    for m, h, cids in mentions:
        for cid in cids:
            per_cluster[cid].append((m, h))
    about_malware = bool(doc.words.malware_words & set(scan_form(entry.title or "").words.split()))
    copies = _title_copies(entry.title, entry.text)
    eligible = {
        cid: _earns(index, items, title_case, about_malware, copies, unsure)
        for cid, items in per_cluster.items()
    }
    aliases = _alias_repeats(runs, mentions) if runs else {}
    counts: dict[int, tuple[float, float]] = {}  # (a run of aliases once, every name written)
    for cid, items in per_cluster.items():
        written = sum(m.counted for m, _ in items if m.field == "plain_text")
        repeats = aliases.get(cid)
        once = (
            written - sum(m.counted for m, _ in items if id(m) in repeats) if repeats else written
        )
        counts[cid] = (once, written)
    total = max((counts[c][0] for c in per_cluster if eligible[c][0]), default=0.0)
    total_written = max((counts[c][1] for c in per_cluster if eligible[c][0]), default=0.0)
    titled = {
        cid
        for cid, items in per_cluster.items()
        if eligible[cid][0] and any(m.field == "title" for m, _ in items)
    }
    points: dict[int, tuple[float, float]] = {}  # of each passing mention (_sole_subject, ...)
    for cid, items in per_cluster.items():
        other_in_title = bool(titled - {cid})
        actor = index.clusters[cid].galaxy == "threat-actor" and eligible[cid][0]
        malware = index.clusters[cid].galaxy == "malpedia"
        by = actor and any(attributed(doc, m) for m, _ in items[:FULL_MENTIONS])
        written = (counts[cid][1], total_written)
        if actor:
            own = _coined(doc, items)
        else:
            # a family the report names itself (actors: _coined, in the branch above)
            own = eligible[cid][0] and malware and _coined_family(doc, items)
        yard = (
            _title_yardstick(items) if cid in titled else _yardstick(items, counts[cid][0], total)
        )
        rejected = actor and cid not in titled and _rejected(items, counts[cid][0], total)
        out[cid].append(
            _evidence(
                index, cid, items, eligible[cid], total, texts, other_in_title, by,
                aliases.get(cid, ()), written, own, yard, rejected, points,
            )
        )  # fmt: skip
    if runs:
        _named_as_alias(index, entry.text, mentions, runs, out)
    _second_platforms(index, per_cluster, out)
    _actors_own(index, entry.text, mentions, out, points)
    if about_malware:  # a title that says it is about malware ("... banking malware ...")
        _sole_subject(index, out, points)


def _second_platforms(index: GalaxyIndex, per_cluster: dict, out: dict) -> None:
    """A family group's variant whose mentions each had its own platform word beside them
    (a mention without one goes to the variant the text names most: see _variant), named
    SECOND_PLATFORM_MENTIONS times or more, is salient when another variant of the same family
    is: the report's subject on a second platform (ESET's Win32/Exaramel backdoor and its
    "Linux/Exaramel.A" twin, both cited). Named once so, it stays a passing mention."""
    salient = {c for c, evs in out.items() if _salient_text(evs)}
    groups: dict[int, set[int]] = defaultdict(set)  # family pattern -> its variants named
    for cid, items in per_cluster.items():
        if cid in index.platform:
            for _, h in items:
                if index.patterns[h.pattern].family:
                    groups[h.pattern].add(cid)
    for variants in groups.values():
        subject = sorted(variants & salient)
        if not subject:
            continue
        for cid in sorted(variants - salient):
            ev = _text_of(out[cid])
            counted = sum(m.counted for m, _ in per_cluster[cid] if m.field == "plain_text")
            if (
                ev is None
                or counted < SECOND_PLATFORM_MENTIONS
                or not (ev.note or "").startswith("a passing mention")
            ):
                continue
            _promote(
                out[cid],
                ev,
                f"{index.clusters[subject[0]].value!r}, the report's subject, on a second "
                "platform named beside it",
            )


# "APT28's signature GAMEFISH malware", "FIN7's HALFBAKED backdoor": at most two words
# between the possessive and the family's name.
_POSSESSIVE_GAP = re.compile(r"['’]s?\s+(?:[\w-]+\s+){0,2}$")
POSSESSIVE_REACH = 30  # characters before a family's mention read for an actor's possessive
OWN_POINTS = 1.0


def _actors_own(index: GalaxyIndex, text: str, mentions: list, out: dict, points: dict) -> None:
    """A family the text names in the possessive of the actor its title names and the report
    is about ("APT28 Targets Hospitality Sector": "... deploys APT28's signature GAMEFISH
    malware"; "FIN7 Evolution and the Phishing LNK": "a variant of FIN7's HALFBAKED backdoor")
    is that actor's own tool, shown at work: OWN_POINTS more for a family named in passing.
    An actor the title does not name is not enough (a report's second actor, or one it
    compares with, has tools of its own the report only names)."""
    salient = {c for c, evs in out.items() if _salient_text(evs)}
    titled = {c for m, _, cids in mentions if m.field == "title" for c in cids}
    subject = {c for c in salient & titled if index.clusters[c].galaxy == "threat-actor"}
    if not subject:
        return
    ends = {
        m.end for m, _, cids in mentions if m.field == "plain_text" and subject.intersection(cids)
    }
    owned = set()
    for m, _, cids in mentions:
        if m.field != "plain_text" or m.counted < 1.0:
            continue
        lo = max(0, m.start - POSSESSIVE_REACH)
        found = _POSSESSIVE_GAP.search(text, lo, m.start)
        if found and found.start() in ends:
            owned.update(c for c in cids if index.clusters[c].galaxy == "malpedia")
    for cid in sorted(owned):
        ev = _text_of(out[cid])
        if (
            cid not in points
            or points[cid][0] + OWN_POINTS < SALIENT
            or ev is None
            or not (ev.note or "").startswith("a passing mention")
        ):
            continue
        _promote(
            out[cid],
            ev,
            f"{_signals(ev)}, the tool of the actor of the title (named in its possessive)",
        )


def _salient_text(evidence: list) -> bool:
    ev = _text_of(evidence)
    return ev is not None and ev.confidence >= CONFIDENCE["text-salient"]


def _sole_subject(index: GalaxyIndex, out: dict, points: dict[int, tuple[float, float]]) -> None:
    """A report whose title says it is about malware (a malware noun in it) but none of whose
    names is salient (and no reference or actor field says what it is about) is about its one
    Malpedia family named at least SOLE_MENTIONS times, with SOLE_POINTS, and SOLE_MARGIN points
    ahead of every other cluster it names in passing: BankBot three times in "New campaigns
    spread banking malware through Google Play", WinPot in "A look at the ATM/PoS malware
    landscape". Two families named alike, a family named twice, a title with no malware noun
    (the audits: mostly essays, listicles and product posts that use a famous family as their
    example), and a report that already has a subject leave it as it is. ``points``: (salience
    points, counted mentions) of each cluster whose text evidence is a passing mention."""
    if not points or any(
        e.confidence >= CONFIDENCE["text-salient"] for evs in out.values() for e in evs
    ):
        return
    ranked = sorted(points.items(), key=lambda kv: (-kv[1][0], -kv[1][1], kv[0]))
    best, (top, mentions) = ranked[0]
    second = ranked[1][1][0] if len(ranked) > 1 else 0.0
    if (
        index.clusters[best].galaxy != "malpedia"
        or mentions < SOLE_MENTIONS
        or top < SOLE_POINTS
        or top - second < SOLE_MARGIN
    ):
        return
    ev = _text_of(out[best])
    if ev is None:
        return
    _promote(
        out[best], ev, f"the one family a report with no other subject names most ({_signals(ev)})"
    )


def _detection(index: GalaxyIndex, doc: Document, f: str, text: str, h: Hit, m: Mention) -> None:
    """A vendor's detection name: the family it names (as a listed name in the vendor's "we
    detect it as A, B" list), or a generic class ("Filecoder", "LockScreen") that names none
    and only corroborates; see :mod:`naming`. The sentence around the whole detection name
    says what it is ("a new malware program, dubbed Trojan.Laziok")."""
    found = naming.detection_name(text, h.start, h.end, index.salience_words or SHIPPED_PAIRS)
    if found == naming.GENERIC:
        m.how = DETECTION_GENERIC
    elif found:
        in_list = naming.in_detection_list(text, h.start, h.end)
        m.how = DETECTION_LIST if in_list else DETECTION
        if not in_list:  # its role, read before the detection name's start
            m.role = doc.mention(f, naming.token_start(text, h.start), h.end).role


def _coined(doc: Document, items: list) -> bool:
    """Whether the report names the group itself ("a group, which we dubbed X") or attributes
    its subject to it, anywhere in its text; see :mod:`naming`."""
    return any(
        m.field == "plain_text"
        and m.counted == 1.0
        and naming.coined(doc.text, m.start, doc.words.role_malware_words, doc.words.set_apart)
        for m, _ in items[:FULL_MENTIONS]
    )


# A family the report names itself is what it analyses when it names it in its introduction;
# further on, a side tool of the subject or one item of a digest.
COINED_FAMILY_REACH = 2 * OPENING


def _coined_family(doc: Document, items: list) -> bool:
    """Whether the report names a malware family itself in its first COINED_FAMILY_REACH
    characters ("a custom PowerShell based payload that we call X", "a new backdoor, which we
    named X", "a downloader that we refer to as X"): what a report names in its own voice is
    what it analyses, however few times it writes the name. The phrases are a group's
    (:func:`naming.coined`, which reads a set-apart word earlier in the sentence as a name the
    report compares with); a malware noun in them or just before says it names malware. Not
    when the sentence recalls earlier work ("the attack that we discussed in our previous
    publication ... a payload we call X"): that name is the last report's subject."""
    text, words = doc.text, doc.words
    return any(
        m.field == "plain_text"
        and m.counted == 1.0
        and m.start < COINED_FAMILY_REACH
        and naming.coined(text, m.start, frozenset(), words.set_apart)
        # naming.coined reads no group's name where a malware noun is said
        and not naming.coined(text, m.start, words.role_malware_words, words.set_apart)
        and not _EARLIER_WORK.search(_sentence_before(text, m.start))
        for m, _ in items[:FULL_MENTIONS]
    )


# "in our previous publication", "we released a report": the sentence recalls earlier work.
_EARLIER_WORK = re.compile(
    r"\b(?:(?:previous|earlier|prior|past|last)(?:\W+\w+){0,2}?\W+|"
    r"(?:released|published)(?:\W+\w+){0,2}?\W+)"
    r"(?:report|blog|post|publication|paper|article|research|analysis)",
    re.IGNORECASE,
)
_SENTENCE_BREAK = re.compile(r"[.!?]\s|\n")


def _sentence_before(text: str, start: int, reach: int = 300) -> str:
    """The words of the sentence before ``start`` (at most ``reach`` characters)."""
    before = text[max(0, start - reach) : start]
    ends = list(_SENTENCE_BREAK.finditer(before))
    return before[ends[-1].end() :] if ends else before


# A numbered designation of a generic noun: Symantec's "Group 3" (APT1), Talos' "Group 123".
_LABEL_KEY = re.compile(r"^(group|team) ?(\d{1,3})$")
_LABEL_IN_TEXT = re.compile(r"\b(Group|Team)[ _-]?(\d{1,3})\b", re.IGNORECASE)


_NAME_BEFORE = re.compile(r"(?:^|[\s(“\"])([A-Z][\w-]*[A-Za-z0-9])[ \t]$")
# Capitalised words that open a sentence or a noun phrase: no name before "Group 3".
_NOT_A_NAME_BEFORE_LABEL = _NOT_A_NAME | frozenset(
    [
        "In", "On", "At", "By", "For", "From", "With", "As", "When", "While", "If", "But", "So",
        "Then", "Also", "Both", "Each", "Every", "Another", "Which", "What", "Where", "Who",
        "All", "Some", "Any", "No", "His", "Her", "Symantec", "Symantec’s", "Talos",
    ]
)  # fmt: skip


def _subgroup_of_name(h: Hit) -> bool:
    """Whether a numbered label follows a capitalised name: "Magecart Group 5" is RiskIQ's
    fifth Magecart group, not Group5 (Citizen Lab's Iranian actor); "The Group 3" is no name,
    nor the vendor's own ("Symantec Group 3"). (No word-frequency lookup: matching never loads
    wordfreq, see GalaxyIndex.lower_prose.)"""
    found = _NAME_BEFORE.search(h.source, max(0, h.start - 40), h.start)
    return found is not None and found.group(1) not in _NOT_A_NAME_BEFORE_LABEL


def _drop_enumerated_labels(index: GalaxyIndex, texts: dict, named: list) -> list:
    """A generic numbered label the report counts through is the report's own numbering, not
    another vendor's designation: "Desert Falcons (Group2) and Operation Parliament (Group3)"
    are Kaspersky's subgroups of Gaza Cybergang, not APT1, which Symantec called "Group 3";
    so is one after another name, its numbered subgroup ("Magecart Group 5").
    A label counts as enumerated when the same text writes the label numbered one less or
    one more ("Group 2" beside "Group 3"); "Group 123" alone stays Talos' name for APT37."""
    labels = [(h, _LABEL_KEY.match(index.patterns[h.pattern].key)) for _, h in named]
    if not any(m for _, m in labels):
        return named
    numbered: dict[str, set[int]] = defaultdict(set)
    for text in texts.values():
        for m in _LABEL_IN_TEXT.finditer(text or ""):
            numbered[m.group(1).lower()].add(int(m.group(2)))
    drop = set()
    for h, m in labels:
        if m:
            n, seen = int(m.group(2)), numbered[m.group(1)]
            if n - 1 in seen or n + 1 in seen or _subgroup_of_name(h):
                drop.add(id(h))
    return [(f, h) for f, h in named if id(h) not in drop]


# "RATVERMIN (aka VERMIN)", "QUASARRAT (also known as QUASAR)": the report's own name for a
# cluster it joins to a galaxy name (_SchemeWords.own_alias: the alias-word salience-words).
_ALIAS_BEFORE = re.compile(r"(?<![\w.-])([A-Z][A-Za-z0-9]*[A-Z0-9][A-Za-z0-9]*)[ \t]*$")
ALIAS_MIN = 5  # characters of the report's own name: a shorter one is no name to search


def _own_aliases(text: str, named: list, sw: _SchemeWords) -> tuple[list, set[int]]:
    """A name the report itself gives a cluster, joined to one of the galaxy's names by "aka"
    ("RATVERMIN (aka VERMIN)"), names that cluster wherever the report writes it: each of its
    occurrences is a mention of the galaxy name it stands for. Only a capitalised single token
    no galaxy name covers, of a few letters or more, and only when the "aka" holds one name.
    Also the ids of the added hits whose name has a malware word at one end ("RATVERMIN",
    "QUASARRAT"): the report's name says it is the family, not an actor of that name."""
    covered = [(h.start, h.end) for f, h in named if f == "plain_text"]
    own = _own_alias_names(text, named, sw)
    if not own:
        return named, set()
    added = []
    malware = set()
    for alias, h in own.items():
        low = alias.lower()
        kind = any(low.startswith(w) or low.endswith(w) for w in GENERIC_SUFFIXES)
        for m in re.finditer(rf"(?<![\w-]){re.escape(alias)}(?![\w-])", text):
            if not any(s <= m.start() < e for s, e in covered):
                added.append(("plain_text", Hit(h.pattern, m.start(), m.end(), alias, text)))
                if kind:
                    malware.add(id(added[-1][1]))
    if not added:
        return named, set()
    return sorted([*named, *added], key=lambda fh: (fh[0] != "title", fh[1].start)), malware


def _own_alias_names(text: str, named: list, sw: _SchemeWords) -> dict[str, Hit]:
    """The report's own names of :func:`_own_aliases`, each with the galaxy name's hit its
    "aka" joins it to (none where the text writes no alias word as the rules write it)."""
    at = text.find("(") if text else -1
    if at < 0:
        return {}
    # The brackets first: their pattern is led by "(", so the engine skips from one to the
    # next, and most texts hold none it matches. Then the gate, a hint word written anywhere
    # in the text: looked for in the brackets found first (where it is mostly written), in
    # the whole text only when not there, for each is a search of the whole text (3% of
    # match's work when the ten of them went first, for the same outcome).
    brackets = list(sw.own_alias.finditer(text, at))
    if not brackets:
        return {}
    hints = sw.alias_hints
    if not any(k in m.group() for m in brackets for k in hints) and not any(
        k in text for k in hints
    ):
        return {}
    by_start = {h.start: h for f, h in named if f == "plain_text"}
    starts = sorted(by_start)  # the names in each bracket found by bisection, not one by one
    covered = [(h.start, h.end) for f, h in named if f == "plain_text"]
    own: dict[str, Hit] = {}
    for found in brackets:
        lo = bisect_left(starts, found.start(1))
        if bisect_left(starts, found.end(1), lo) - lo != 1:
            continue  # not one galaxy name in the brackets
        inside = by_start[starts[lo]]
        if inside.end < found.end(1) - 1:
            continue  # not one galaxy name filling the brackets
        before = _ALIAS_BEFORE.search(text, max(0, found.start() - 40), found.start())
        if not before or len(before.group(1)) < ALIAS_MIN:
            continue
        if any(s <= before.start(1) < e for s, e in covered):
            continue  # a galaxy name itself: the run of aliases is read elsewhere
        own.setdefault(before.group(1), inside)
    return own


_ACRONYM = re.compile(r"[A-Z]{2,6}")
_WORDS_BEFORE = re.compile(r"((?:[\w’'-]+[ \t]+){1,8})\($")


def _defines(text: str, acronym: str) -> str | None:
    """The expansion ``text`` gives ``acronym`` ("In-App Purchase (IAP)" gives "In-App
    Purchase"): the words right before "(IAP)" whose initials (a hyphen parts words) spell it."""
    at = text.find(f"({acronym})")
    while at >= 0:
        found = _WORDS_BEFORE.search(text, max(0, at - 120), at + 1)
        if found:
            words = found.group(1).split()
            for n in range(len(words), 0, -1):
                tail = words[-n:]
                parts = [p for w in tail for p in re.split(r"[-’']", w) if p]
                if "".join(p[0] for p in parts).upper() == acronym:
                    return " ".join(tail)
        at = text.find(f"({acronym})", at + 1)
    return None


def _drop_defined_acronyms(index: GalaxyIndex, texts: dict, named: list) -> list:
    """An acronym the report spells out as something else is that thing: "In-App Purchase
    (IAP)" makes every "IAP" the purchase, not ISFB, whose synonym is "IAP". Kept when the
    spelled-out words are a name of the same cluster ("Remote Manipulator System (RMS)")."""
    defined: dict[str, str | None] = {}
    drop = set()
    for _, h in named:
        if len(h.text) > 6 or not _ACRONYM.fullmatch(h.text):
            continue
        if h.text not in defined:
            defined[h.text] = next(
                (d for d in (_defines(t or "", h.text) for t in texts.values()) if d), None
            )
        spelled = defined[h.text]
        if spelled is None:
            continue
        # Spacing aside: "Syrian Electronic Army (SEA)" spells out "SyrianElectronicArmy".
        names = {
            key_of(n).replace(" ", "")
            for c in index.patterns[h.pattern].clusters
            for n in index.clusters[c].names
        }
        if key_of(spelled).replace(" ", "") not in names:
            drop.add(id(h))
    return [(f, h) for f, h in named if id(h) not in drop] if drop else named


def _heads_of_named(index: GalaxyIndex, named: list) -> list:
    """An ordinary word that is a family's name less its generic suffix ("Quasar" of "Quasar
    RAT", "Crimson" of "Crimson RAT") names the family only in a report that writes the full
    name too ("... a modified Quasar RAT. ... the Quasar payload"): the report introduced it.
    Alone it is the word ("a quasar", "Monero" the currency); all in capitals it counted
    before, as any ordinary-word name written so does (FireEye's "CRIMSON")."""
    patterns = index.patterns
    heads = [
        h
        for _, h in named
        if patterns[h.pattern].how == SUFFIX_DROPPED
        and patterns[h.pattern].quality in ("common-word", "short")
        and not h.text.isupper()
    ]
    if not heads:
        return named
    # The full name as the galaxy writes it: "Monero miner" is a miner of Monero.
    full = {
        (p.key.rsplit(" ", 1)[0], c)
        for _, h in named
        if (p := patterns[h.pattern]).how != SUFFIX_DROPPED and " " in p.key
        and (h.text in p.names or h.text.isupper())
        for c in p.clusters
    }  # fmt: skip
    drop = {
        id(h)
        for h in heads
        if not any((patterns[h.pattern].key, c) in full for c in patterns[h.pattern].clusters)
    }
    return [(f, h) for f, h in named if id(h) not in drop] if drop else named


def _actor_heads_introduced(index: GalaxyIndex, named: list) -> list:
    """An actor's name less its group word ("menuPass" of "Menupass Team", see
    galaxy_index._actor_heads) names the actor in a report that says it is one, an actor word
    beside it once at least ("the menuPass actors", "Gamaredon group", "APT Gamaredon"): then
    its hits in the title and those with an actor word beside them count. Elsewhere the same
    word may be a campaign's, a password's or a file's name ("the samples use the password
    'menuPass'", "From Quartermaster to Sunshop"): those hits are dropped."""
    patterns, clusters = index.patterns, index.clusters
    heads = [
        (f, h)
        for f, h in named
        if patterns[h.pattern].how == SUFFIX_DROPPED
        and all(clusters[c].galaxy == "threat-actor" for c in patterns[h.pattern].clusters)
    ]
    if not heads:
        return named
    actor_words = _words(index).actor_words
    beside = {
        id(h)
        for _, h in heads
        if not actor_words.isdisjoint(_words_beside(h.source, h.start, h.end))
    }
    said = {h.pattern for _, h in heads if id(h) in beside}
    keep = {id(h) for f, h in heads if h.pattern in said and (f == "title" or id(h) in beside)}
    drop = {id(h) for _, h in heads} - keep
    return [(f, h) for f, h in named if id(h) not in drop]


SHORT_FORM_RATIO = 2  # see _drop_short_forms
GROUP_NAMED = 3  # see _yield_to_longer_names


def _drop_short_forms(index: GalaxyIndex, named: list) -> list:
    """An ordinary-word name that is the first word of a longer name the report also writes,
    of other clusters only, is the report's short form of that name: "Predator" in a report
    on Predator the Thief, "Globe" beside "Globe Imposter". Not a mention of its own cluster
    (the Predator family), when that longer name is one cluster's of the same galaxy ("Maze
    Team", an actor, leaves the Maze ransomware alone). Only the multi-word hits are looked
    at. A word the report writes alone more than SHORT_FORM_RATIO times as often as the
    longer names it heads, and once at least with a malware noun beside it, is its own name,
    not their short form: "Anchor" named 15 times ("the Anchor framework") beside one
    "Anchor_DNS" is the Anchor framework; "Zeus" beside "Zeus in the mobile" stays ZitMo's."""
    patterns = index.patterns
    heads: dict[str, set[int]] = {}
    longer_hits: Counter = Counter()
    for _, h in named:
        p = patterns[h.pattern]
        if " " in p.key and p.quality in ("distinctive", "phrase"):
            heads.setdefault(p.key.split(" ", 1)[0], set()).update(p.clusters)
            longer_hits[p.key.split(" ", 1)[0]] += 1
    galaxy = {cid: index.clusters[cid].galaxy for ids in heads.values() for cid in ids}
    if not heads:
        return named
    alone = Counter(patterns[h.pattern].key for _, h in named if patterns[h.pattern].key in heads)
    role_malware = _words(index).role_malware_words
    noun = {  # written alone with a malware noun beside it, once at least ("the Anchor backdoor")
        patterns[h.pattern].key
        for _, h in named
        if alone.get(patterns[h.pattern].key)  # get: no Counter.__missing__ for the others
        and role_malware & set(_words_beside(h.source, h.start, h.end))
    }
    out = []
    for f, h in named:
        p = patterns[h.pattern]
        longer = heads.get(p.key) if p.quality in ("common-word", "short") else None
        if longer and p.key in noun and alone[p.key] > SHORT_FORM_RATIO * longer_hits[p.key]:
            longer = None
        # One longer name only: with several ("Zeus Panda", "Zeus Sphinx") the short one is
        # the family they all come from.
        if (
            longer
            and len(longer) == 1
            and not longer & set(p.clusters)
            and {galaxy[c] for c in longer} == {index.clusters[c].galaxy for c in p.clusters}
        ):
            continue
        out.append((f, h))
    return out


def _drop_title_tails(index: GalaxyIndex, named: list) -> list:
    """A title's name that is the last word of a longer name of one other cluster (same galaxy)
    the text writes GROUP_NAMED times or more, and that the text writes alone less often than
    that longer name, is the title's short form of it: "Game over for Zeus and CryptoLocker"
    on a report naming Gameover Zeus (Gameover P2P) ten times and "the original Zeus" once
    is not about Zeus. Only the title's hit goes; the text's own mentions keep their weight."""
    patterns = index.patterns
    tails: dict[str, set[int]] = {}
    longer_hits: Counter = Counter()
    for f, h in named:
        p = patterns[h.pattern]
        if f == "plain_text" and " " in p.key and p.quality in ("distinctive", "phrase"):
            tail = p.key.rsplit(" ", 1)[1]
            tails.setdefault(tail, set()).update(p.clusters)
            longer_hits[tail] += 1
    if not tails:
        return named
    alone = Counter(patterns[h.pattern].key for f, h in named if f == "plain_text")
    out = []
    for f, h in named:
        p = patterns[h.pattern]
        longer = tails.get(p.key) if f == "title" else None
        if (
            longer
            and len(longer) == 1
            and longer_hits[p.key] >= GROUP_NAMED
            and alone[p.key] < longer_hits[p.key]
            and not longer & set(p.clusters)
            and {index.clusters[c].galaxy for c in longer}
            == {index.clusters[c].galaxy for c in p.clusters}
        ):
            continue
        out.append((f, h))
    return out


def _yield_to_longer_names(index: GalaxyIndex, mentions: list, named: list) -> list:
    """A mention that went to clusters holding its name only as a synonym, in a report that
    writes a longer name headed by it, one other cluster's of the same galaxy, is that longer
    name's short form: "Cobalt Malware" and "W32/Cobalt" in a report on Cobalt Strike are not
    Pay2Key (a synonym 'Cobalt'). The name's own cluster (Cobalt, the group) keeps the mentions
    its context gave it ("the Cobalt actors"). Works on the multi-word hits only.

    A threat actor's name that is the word plus a group word (salience-words role
    actor-suffix: "Poseidon Group"), written GROUP_NAMED times or more, makes the word the
    group's short name in any galaxy: "Poseidon" is FindPOS's synonym, but in Kaspersky's
    report on the Poseidon Group it is the group (one "Shamoon group" in a report on the
    Shamoon wiper leaves "Shamoon" the wiper's)."""
    patterns = index.patterns
    heads: dict[str, set[int]] = {}
    groups: Counter = Counter()  # heads of "<head> Group"-like actor names: how often
    suffixes = _per_rule_set(_SUFFIX_CACHE, index.salience_words or SHIPPED_PAIRS, _suffixes)
    for _, h in named:
        p = patterns[h.pattern]
        if " " in p.key and p.quality in ("distinctive", "phrase") and len(p.clusters) == 1:
            head, rest = p.key.split(" ", 1)
            heads.setdefault(head, set()).update(p.clusters)
            if rest in suffixes and index.clusters[p.clusters[0]].galaxy == "threat-actor":
                groups[head] += 1
    if not heads:
        return mentions
    out = []
    for m, h, cids in mentions:
        p = patterns[h.pattern]
        longer = heads.get(p.key)
        if longer and len(longer) == 1 and not p.family and cids:
            galaxies = {index.clusters[c].galaxy for c in (*cids, *longer)}
            if (
                (len(galaxies) == 1 or groups[p.key] >= GROUP_NAMED)
                and not longer & set(cids)
                and all(key_of(index.clusters[c].value) != p.key for c in cids)
            ):
                continue
        out.append((m, h, cids))
    return out


# Names joined only by the alias-word salience-words, "or", "and" (and punctuation) are one
# run: "Sodin (aka REvil and Sodinokibi)", "Cycldek (aka Goblin Panda, APT 27 and Conimes)",
# "Gozi/ISFB" (_SchemeWords.alias_gap). In a run, each cluster is named once, however many of
# its aliases the run spells out.
ALIAS_GAP_CHARS = 20


def _alias_runs(text: str, mentions: list[Mention], alias_gap: re.Pattern) -> dict[int, int]:
    """The run of each text mention (by ``id``) that has company in its run.

    The mentions are in text order; most stand alone, and those are left out.
    """
    runs: dict[int, int] = {}
    run, previous = 0, None
    for m in mentions:
        if m.field != "plain_text":
            continue
        if (
            previous is not None
            and 0 <= m.start - previous.end <= ALIAS_GAP_CHARS
            and alias_gap.fullmatch(text, previous.end, m.start)
        ):
            runs[id(previous)] = runs[id(m)] = run
        else:
            run += 1
        previous = m
    return runs


def _named_as_alias(index: GalaxyIndex, text: str, mentions: list, runs: dict, out: dict) -> None:
    """A cluster the report names as an alias of its subject, in so many words ("Zeus Sphinx
    (AKA Zloader, Terdot)"), is its subject too: the galaxy keeps the two apart, the report
    says they are one. Its passing text evidence takes the subject's salient confidence, when
    a run joined by "aka", "also known as", "known as" or "also called" names both and both
    are of one galaxy (the alias-word salience-words). A run of "and", "or" or slashes says
    nothing of the kind."""
    says = scheme_words(index.salience_words).says_alias
    # The salient clusters before any alias is promoted: an alias is no subject of its own.
    salient = {c for c, ev in out.items() if _text_of(ev) and _text_of(ev).note is None}
    members: dict[int, list] = defaultdict(list)
    for m, _, cids in mentions:
        if id(m) in runs:
            members[runs[id(m)]].append((m, cids))
    for run in members.values():
        gaps = [text[a.end : b.start] for (a, _), (b, _) in zip(run, run[1:], strict=False)]
        if not any(says.search(g) for g in gaps):
            continue
        for group in _alias_groups(run, gaps, says):
            _promote_aliases(index, out, {c for _, cs in group for c in cs}, salient)


def _alias_groups(run: list, gaps: list[str], says: re.Pattern) -> list[list]:
    """The stretches of one run that an "aka" may join: from the run's start to the closing
    bracket after the "aka". The names after that bracket are the next entries of a list
    ("DisktTrack (a.k.a. Shamoon), Duqu, Stuxnet": Stuxnet is no alias of DisktTrack). Those
    before it stay in: a list of entries each with its aliases ("OilRig (AKA APT34) MuddyWater
    (AKA Static Kitten)") is where curators cite a group the report lists (cutting there too
    lost a cited tag on held-out); but not across a bare comma, which closes the entry before
    it: in "CORESHELL, SPLM (aka Xagent, aka CHOPSTICK)" CORESHELL is no alias of SPLM."""
    groups: list[list] = []
    for i, gap in enumerate(gaps):
        if not says.search(gap):
            continue
        end = i + 1
        while end < len(gaps) and not _CLOSING.search(gaps[end]):
            end += 1
        start = max((j + 1 for j in range(i) if _COMMA_ONLY.fullmatch(gaps[j])), default=0)
        groups.append(run[start : end + 1])
    return groups


_CLOSING = re.compile(r"[)\]]")
_COMMA_ONLY = re.compile(r"\s*,\s*")


def _promote_aliases(index: GalaxyIndex, out: dict, cids: set[int], salient: set[int]) -> None:
    """Give each passing cluster of ``cids`` the salient text confidence of a salient one of
    its galaxy among them."""
    for cid in sorted(cids - salient):
        ev = _text_of(out[cid])
        galaxy = index.clusters[cid].galaxy
        subject = [c for c in sorted(cids & salient) if index.clusters[c].galaxy == galaxy]
        if ev is None or not subject or not (ev.note or "").startswith("a passing mention"):
            continue
        name = index.clusters[subject[0]].value
        _promote(out[cid], ev, f"the report gives it as an alias of {name!r}")


def _promote(evidence: list, ev: Evidence, why: str) -> None:
    """Make ``ev``, a passing mention's text evidence in ``evidence``, a salient one, saying why
    (the rules that lift a passing mention all leave the same trace in its summary)."""
    evidence[evidence.index(ev)] = replace(
        ev,
        confidence=CONFIDENCE["text-salient"],
        note=None,
        summary=f"{ev.summary}; salient: {why}",
    )


def _signals(ev: Evidence) -> str:
    """The signals a passing mention's note lists."""
    return (ev.note or "").removeprefix("a passing mention: ")


def _text_of(evidence: list) -> Evidence | None:
    return next((e for e in reversed(evidence) if e.kind == "text"), None)


def _alias_repeats(runs: dict[int, int], mentions: list) -> dict[int, set[int]]:
    """Per cluster, the mentions (by ``id``) that name it again, by another of its names,
    within one run. Only the mentions in runs are looked at."""
    seen: dict[tuple[int, int], set[str]] = {}
    repeats: dict[int, set[int]] = defaultdict(set)
    for m, h, cids in mentions:
        run = runs.get(id(m))
        if run is None:
            continue
        name = h.text.lower()
        for cid in cids:
            names = seen.setdefault((run, cid), set())
            if names and name not in names:
                repeats[cid].add(id(m))
            names.add(name)
    return repeats


def _platform_cues(entry: OrklEntry, platforms: set[str]) -> dict[str, int]:
    """How often the report names each of ``platforms`` (title words count three times).

    Only run when a family name is found, for its variants' platforms: every cue word counted
    in one pass over each text's scan form (see :func:`_cue_word_counts`).
    """
    title = _cue_word_counts(entry.title)
    text = _cue_word_counts(entry.text)
    cues: dict[str, int] = {}
    for platform in sorted(platforms):
        words = PLATFORM_CUES[platform]
        n = sum(3 * title.get(w, 0) + text.get(w, 0) for w in words)
        if n:
            cues[platform] = n
    return cues


@cache
def _cue_literals() -> tuple[Literals, tuple[str, ...]]:
    words = tuple(sorted(PLATFORM_WORDS))
    return Literals([f" {w} " for w in words]), words


def _cue_word_counts(text: str) -> dict[str, int]:
    """Per platform cue word, ``(" " + words + " ").count(f" {w} ")`` of the text's scan form:
    occurrences that do not overlap, counted from the left (" mac mac " holds " mac " once,
    the two share a space), as ``str.count`` counts them."""
    form = scan_form(text)
    literals, words = _cue_literals()
    counts: dict[str, int] = {}
    free: dict[int, int] = {}  # per word, where its last counted occurrence ends
    # One word's occurrences come in the order of their ends, which is that of their starts.
    for at, i in literals.find_in(" " + form.words + " ", b" " + form.data + b" "):
        if at >= free.get(i, 0):
            free[i] = at + len(words[i]) + 2
            counts[words[i]] = counts.get(words[i], 0) + 1
    return counts


def _resolve(index: GalaxyIndex, pattern, m: Mention, cues: dict[str, int]) -> tuple[int, ...]:
    """The clusters one mention stands for: one family variant; for a name of an actor and a
    malware family, the galaxy the words beside it say ("the Winnti group", "the DarkHotel
    backdoor"), or both for now when they say nothing (see :func:`_follow_majority`)."""
    clusters = pattern.clusters
    if not pattern.family and not pattern.shared:
        return clusters  # one galaxy's clusters (shared: the key names clusters of several)
    if pattern.family:
        clusters = _variant(index, clusters, m, cues)
    galaxies = {index.clusters[c].galaxy for c in clusters}
    if len(galaxies) > 1 and pattern.quality != "ambiguous":
        words = _words(index)
        actor = (
            m.near(words.actor_words)
            or m.role == "actor"
            or _possessive(m, words.actor_words)
            or _noun_after_modifier(m, words.actor_words, words)
            or _noun_of(m, words.actor_words)
        )
        malware = (
            m.near(words.malware_words)
            or m.role == "malware"
            or _noun_after_modifier(m, words.malware_words, words)
            or _noun_of(m, words.malware_words)
            or _platform_malware(m, words.malware_words)
            or m.how in (DETECTION, DETECTION_LIST)  # the vendor's name for the family
        )
        if actor != malware:
            keep = "threat-actor" if actor else "malpedia"
            clusters = tuple(c for c in clusters if index.clusters[c].galaxy == keep) or clusters
    return clusters


def _possessive(m: Mention, actor_words: frozenset[str]) -> bool:
    """'InvisiMole's operators', 'Kimsuky’s attackers': the name owns people, so it names the
    actor (a malware word after the possessive says nothing: "OceanLotus' new downloader" is
    the actor's tool, "Emotet's loader module" the family's part)."""
    return len(m.after) == 2 and m.after[0] == "s" and m.after[1] in actor_words


def _noun_after_modifier(m: Mention, nouns: frozenset[str], words: Words) -> bool:
    """'the Turla espionage group', 'the Icefog Java backdoor': after "the", the name, one
    word that is neither kind's, then the noun that says what the name is."""
    return (
        m.before[-1:] == ("the",)
        and len(m.after) == 2
        and m.after[1] in nouns
        and m.after[0] not in words.actor_words
        and m.after[0] not in words.malware_words
    )


def _noun_of(m: Mention, nouns: frozenset[str]) -> bool:
    """'the operators of X', 'new variants of X', 'infections of X': the noun of which the name
    is the complement says what it is."""
    return len(m.before) == 2 and m.before[1] == "of" and m.before[0] in nouns


def _platform_malware(m: Mention, malware_words: frozenset[str]) -> bool:
    """'OceanLotus macOS malware', 'X Android backdoor': a platform word, then a malware word."""
    return len(m.after) == 2 and m.after[0] in PLATFORM_WORDS and m.after[1] in malware_words


_DETECTION_JOINS = re.compile(r"[/.:]")


def _variant(index: GalaxyIndex, clusters, m: Mention, cues: dict[str, int]) -> tuple[int, ...]:
    family = [c for c in clusters if c in index.platform]
    others = tuple(c for c in clusters if c not in index.platform)
    platforms = {index.platform[c]: c for c in family}
    # A platform word right beside the name ("Linux/Mirai", "LockBit ELF variant") decides;
    # else the platform the text names most; else Windows, Malpedia's most common variant.
    near = [w for w in (*m.before[-1:], *m.after[:1]) if w]
    if m.before[-1:] and _DETECTION_JOINS.search(m.before[-1]):
        # a detection name's platform ("Linux/Exaramel.A", "HEUR:Backdoor.Linux.Mirai.b")
        near[0] = _DETECTION_JOINS.split(m.before[-1].rstrip("/.:"))[-1]
    for platform, words in PLATFORM_CUES.items():
        if platform in platforms and any(w in words for w in near):
            return (platforms[platform], *others)
    ranked = sorted(platforms, key=lambda p: (-cues.get(p, 0), p != "windows", p))
    return (platforms[ranked[0]], *others)


def _eponymous(index: GalaxyIndex, pid: int, cids: tuple[int, ...]) -> bool:
    """Whether a name an actor and a family share is one of them's own name (its value, family
    name or value less a generic suffix: "HenBox", "Winnti", "Havex" of "Havex RAT"), the family
    named after the actor or the actor after it. A name that is only a synonym on both sides
    ("Reaper": an alias of APT37 and of IoT Reaper) is two things that share a word."""
    p = index.patterns[pid]
    values = {index.clusters[c].value for c in cids}
    return bool(p.family) or any(key_of(v) == p.key for v in values) or bool(values & set(p.names))


def _kit_throughout(mentions: list, malware_words: frozenset[str]) -> None:
    """A name the report calls an exploit kit ("Blackhole exploit pack") and never malware
    is the kit wherever it writes it ("... used to serve Blackhole", in the title too): its
    other mentions without context corroborate only, as the kit's do. A report that also
    writes "the Neutrino bot" keeps the bot's mentions."""
    kits = {h.pattern for m, h, _ in mentions if m.how == "exploit kit"}
    if not kits:
        return
    malware = {h.pattern for m, h, _ in mentions if m.role or m.near(malware_words)}
    for m, h, _ in mentions:
        if h.pattern in kits and h.pattern not in malware and not m.how:
            m.how = "exploit kit"


# The report's subject, an actor and its eponymous family, that the text calls both: "the
# Winnti group" and, this often, "the Winnti malware", "Winnti samples", "the Machete malware".
# A plural noun of another kind ("other OilRig payloads", "OilRig tools") is the actor's kit.
BOTH_FAMILY_NOUNS = 2
BOTH_ACTOR_VOTES = 2  # and called a group this often: one "KONNI campaigns" in a RAT's analysis
_FAMILY_PLURALS = frozenset(["samples", "variants", "versions", "builds"])
OPENING_SUBJECT_SHARE = 0.5  # of the most-named name's mentions (see _follow_majority)


def _family_owns(index: GalaxyIndex, pid: int, cids: tuple[int, ...]) -> bool:
    """Whether the name is a Malpedia family's own (its value, a synonym or its family name),
    not only its value less a generic suffix: "Winnti", "Machete" are; "Turla" is the actor's,
    and "Turla RAT" one family of its malware ("a Turla malware variant" names no family)."""
    key = index.patterns[pid].key
    for c in cids:
        cluster = index.clusters[c]
        if cluster.galaxy != "malpedia":
            continue
        fam = family_of(cluster.value)
        if any(key_of(n) == key for n in cluster.names) or (fam and key_of(fam[0]) == key):
            return True
    return False


def _family_noun_after(m: Mention, malware_words: frozenset[str]) -> bool:
    """A malware noun right after the name ("Winnti malware", "Winnti samples"), not a
    plural of the actor's kit ("OilRig payloads")."""
    word = m.after[0] if m.after else ""
    return word in malware_words and (not word.endswith("s") or word in _FAMILY_PLURALS)


def _follow_majority(index: GalaxyIndex, mentions: list) -> None:
    """One span, one cluster: a shared name's mentions without context words go the way most
    of its mentions with context went, and the actor's way when none had any.

    Except the report's subject (named in its title or opening) when the text calls it malware
    and never a group ("Attor, a spy platform", "the NOTROBIN malware"): an actor and its
    eponymous family are then one subject seen from two galaxies, and the curators cite the
    report for both. Its mentions without context words stand for both; those with malware
    words stay the family's.
    """
    votes: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    family: Counter = Counter()  # mentions with a malware noun right after ("the X malware")
    malware_words = _words(index).malware_words
    subject: set[int] = set()  # shared names in the title or the opening
    named: Counter = Counter()  # mentions per name
    titled: set[int] = set()
    clusters = index.clusters
    for m, h, cids in mentions:
        p = h.pattern
        # A detection name is the family's whatever the prose means by the name: no vote.
        if m.how in (DETECTION, DETECTION_LIST):
            pass
        elif len(cids) == 1:  # most mentions
            galaxy = clusters[cids[0]].galaxy
            votes[p][galaxy] += 1
            if galaxy == "malpedia" and _family_noun_after(m, malware_words):
                family[p] += 1
        else:
            galaxies = {clusters[c].galaxy for c in cids}
            if len(galaxies) == 1:
                votes[p][galaxies.pop()] += 1
        if m.where in ("title", "opening") and m.counted == 1.0:
            subject.add(p)
        named[p] = named.get(p, 0) + 1
        if m.field == "title":
            titled.add(p)
    # A name in the opening only is the subject when the report names it about as much as
    # its most-named name: "As with HenBox, Farseer also ..." opens a report on Farseer.
    most = max(named.values(), default=0)
    subject = {p for p in subject if p in titled or named[p] >= OPENING_SUBJECT_SHARE * most}
    for i, (m, h, cids) in enumerate(mentions):
        if len(cids) < 2 or len({clusters[c].galaxy for c in cids}) < 2:
            continue
        if index.patterns[h.pattern].quality == "ambiguous":
            continue
        v = votes.get(h.pattern, {})
        if (
            (
                v.get("malpedia", 0)
                and (
                    not v.get("threat-actor", 0)
                    or (
                        family[h.pattern] >= BOTH_FAMILY_NOUNS
                        and v.get("threat-actor", 0) >= BOTH_ACTOR_VOTES
                        and _family_owns(index, h.pattern, cids)
                    )
                )
            )
            and h.pattern in subject
            and _eponymous(index, h.pattern, cids)
        ):
            continue  # the subject, called malware and never a group (or both often): both
        keep = "malpedia" if v.get("malpedia", 0) > v.get("threat-actor", 0) else "threat-actor"
        mentions[i] = (m, h, tuple(c for c in cids if index.clusters[c].galaxy == keep) or cids)


TITLE_CASE_SHARE = 0.8  # of a title's longer words capitalised: the title is In Title Case
_LONG_WORD = re.compile(r"[^\W\d_]{4,}")


# Prepositions Title Case leaves in lower case ("Cloudy with a Chance of Entropy").
_MINOR_WORDS = frozenset(["with", "from", "into", "onto", "upon", "over", "than", "like"])


def _title_unsure(title: str) -> bool:
    """Whether a title has too few words of four letters or more to say how it capitalises
    ("RDP+RCE=Bad News (MS12-020)"): its capitals then say nothing of a phrase in it."""
    return len([w for w in _LONG_WORD.findall(title or "") if w not in _MINOR_WORDS]) < 3


def _title_case(title: str) -> bool:
    """Whether a title capitalises (nearly) all its words of four letters or more, but the
    prepositions Title Case writes in lower case."""
    words = [w for w in _LONG_WORD.findall(title or "") if w not in _MINOR_WORDS]
    if len(words) < 3:
        return False
    return sum(w[0].isupper() for w in words) >= TITLE_CASE_SHARE * len(words)


TITLE_COPY_MIN = 12  # characters: a shorter title is no phrase to find copied in the text


def _title_copies(title: str, text: str) -> tuple[tuple[int, int], ...]:
    """Where the text writes its own title again ("Download the latest “Threat Forecast:
    Cloudy with a Chance of Entropy”"): the title's words, not the text's own use of them."""
    title = (title or "").strip()
    if len(title) < TITLE_COPY_MIN or not text:
        return ()
    out = []
    at = text.find(title)
    while at >= 0:
        out.append((at, at + len(title)))
        at = text.find(title, at + len(title))
    return tuple(out)


_CAMEL_CASE = re.compile(r"[a-z][A-Z]")


def _title_phrase_only(index: GalaxyIndex, items: list) -> bool:
    """Whether only a title In Title Case names the cluster, by a phrase of English words and
    with no malware or actor noun beside it: the title's turn of phrase ("Mobile Malware Plays
    Hide and Seek", "... Following Hacking Team Leak", "FREAK Out on Mobile"), which the text
    never takes up; "Start Page Trojans" and "The Sea Turtle Group" are names. A single
    ordinary word there already needs more than its capital (see _earns); in a title in
    sentence case a name's capitals say it is one ("Gold Dragon widens its attacks")."""
    if any(m.field != "title" for m, _ in items):
        return False
    malware_words = _words(index).malware_words
    kinds = malware_words | _words(index).actor_words
    scheme_keys = scheme_words(index.salience_words).keys
    for _, h in items:
        p = index.patterns[h.pattern]
        words = p.key.split()
        english = p.quality == "phrase" or (
            p.key in index.lower_prose
            if index.lower_prose is not None
            else lower_is_prose(p.key, p.names)
        )  # a derived phrase is of English words by definition (names.derived_phrases)
        if (
            p.quality in ("common-word", "short")
            or not english
            or not malware_words.isdisjoint(words)  # says it is malware: "Koi Loader"
            or words[-1] in scheme_keys  # a vendor's scheme: "Samurai Panda"
            or h.text.isupper()  # written as a name is: "RAZOR TIGER", "DECAF"
            or _CAMEL_CASE.search(h.text)  # "SideWinder"
            or not h.text.replace(" ", "").isalpha()  # "Akira (ELF)", "Hide ‘N Seek"
        ):
            return False
        title = h.source
        beside = (*title[: h.start].split()[-1:], *title[h.end :].split()[:1])
        if any(w.lower().strip(".,;:()[]'\"“”’!?") in kinds for w in beside):
            return False
    return True


def _called_malware_only(index: GalaxyIndex, items: list) -> bool:
    """Whether an actor's name is one the text calls malware and never a group: "the
    Butterfly worm", "the worm ... called Butterfly" (the Mariposa worm; Symantec's Butterfly
    is an actor). No Malpedia cluster holds the name, so the mentions are no actor's. It takes
    both a sentence saying it is malware and a malware noun beside the name; an actor or group
    word beside it anywhere ("GozNym's operators", "the Sofacy group") keeps the actor."""
    if not any(m.role == "malware" for m, _ in items):
        return False
    beside_malware = False
    actor_words, malware_words = _words(index).actor_words, _words(index).malware_words
    for m, h in items:
        p = index.patterns[h.pattern]
        if p.shared or any(index.clusters[c].galaxy != "threat-actor" for c in p.clusters):
            return False
        if m.role == "actor":
            return False
        before, after = _words_beside(h.source, h.start, h.end)
        if before in actor_words or after in actor_words:
            return False
        beside_malware = beside_malware or before in malware_words or after in malware_words
    return beside_malware


def _said_other_only(items: list, words: Words) -> bool:
    """Whether the text says what the named thing is, and that is neither malware nor an actor
    ("One example is Loki – an IOC scanner distributed under the GPL license"), and never calls
    it malware or a group, nor writes a malware or actor noun beside it: every mention is then
    that scanner, firm or library, not the cluster of its name."""
    if not any(m.how == SAID_OTHER for m, _ in items):
        return False
    kinds = words.malware_words | words.actor_words
    for m, h in items:
        if m.role:
            return False
        before, after = _words_beside(h.source, h.start, h.end)
        if before in kinds or after in kinds:
            return False
    return True


def _words_beside(text: str, start: int, end: int) -> tuple[str, str]:
    """The words right before and after a span, in lower case, a possessive skipped."""
    before = text[max(0, start - 30) : start].split()[-1:]
    after = text[end : end + 40].split()[:2]
    if after and after[0] in ("'s", "’s") and len(after) > 1:
        after = after[1:]
    strip = ".,;:()[]'\"“”’!?"
    return (
        before[0].lower().strip(strip) if before else "",
        after[0].lower().strip(strip) if after else "",
    )


def _earns(
    index: GalaxyIndex,
    items: list,
    title_case: bool = False,
    about_malware: bool = False,
    copies: tuple[tuple[int, int], ...] = (),
    title_unsure: bool = False,
) -> tuple[bool, str | None]:
    """Whether a cluster's names may make it salient, and the note when they may not;
    ``title_case``: the title capitalises (nearly) every word; ``about_malware``: the title
    has a malware noun ("Moose, the router worm"); ``copies``: where the text repeats its
    title (a mention there is the title's, see _title_copies); ``title_unsure``: the title is
    too short to say how it capitalises (see _title_unsure)."""
    if title_case and _title_phrase_only(index, items):
        return False, "title phrase"
    if _called_malware_only(index, items):
        return False, "called malware"
    if _said_other_only(items, _words(index)):
        return False, "said other"
    qualities = {index.patterns[h.pattern].quality for _, h in items}
    if "distinctive" in qualities:
        return True, None
    if "phrase" in qualities:
        # A phrase of English words counts written as a name; in a title In Title Case every
        # phrase is ("Fake Flash Updaters Push Miners"): there it needs the text to name it
        # too, or a malware noun beside it.
        phrases = [m for m, h in items if index.patterns[h.pattern].quality == "phrase"]
        malware_words = _words(index).malware_words
        # A title too short to tell ("RDP+RCE=Bad News") is read as Title Case; a text
        # mention in an address or code ("/rdprcebad-news-ms12-020/") names nothing.
        if not (title_case or title_unsure) or any(
            (m.field != "title" and m.counted) or m.near(malware_words) for m in phrases
        ):
            return True, None
        if title_unsure and qualities == {"phrase"}:
            return False, "title phrase"
    if qualities == {"ambiguous"}:
        return False, None  # explained by the ambiguity note
    # An ordinary word (or a very short name), written as the galaxy writes it, earns a tag
    # in the title, named often, or next to a malware noun ("the Moose worm").
    # A heading in Title Case capitalises every word too ("Tying the Knot").
    # An address writes no name ("/jma/tsunami/1.exe").
    other_nouns = _words(index).other_nouns
    written = [
        (m, h)
        for m, h in items
        if m.field == "title"
        or not (
            h.sentence_start
            or m.capitals
            or m.how in ("url", "e-mail")
            or any(lo <= h.start < hi for lo, hi in copies)
            # "the Rogue AV site", "a Phoenix browser": a word of a product's name
            or bool(m.after and m.after[0] in other_nouns)
        )
    ]
    # A title In Title Case capitalises every word: there the word counts as a name when a
    # malware noun is beside it ("Maze Ransomware Returns") or the text too writes it as the
    # galaxy does, in a sentence ("Pakistani Brain": "... the Brain virus ..."); not "Security
    # on Silicon", nor "Beat the Maze" (a puzzle). The title's first word is capitalised as a
    # sentence's is ("Royal spam"): it counts in the same cases, or when the title is about
    # malware ("Moose, the router worm").
    titled = [m for m, _ in written if m.field == "title"]
    # Named nowhere in the text, a word capitalised inside the title before a lower-case word
    # qualifies that word ("Former Royal reporter: ...", "... apps from Play store"); "The
    # return of Maze" still names Maze.
    in_text = any(m.field != "title" for m, _ in items)
    inside = [
        m
        for m, h in written
        if m.field == "title"
        and not h.sentence_start
        and (in_text or not _LOWER_WORD_AFTER.match(h.source, h.end))
    ]
    # ... but not when a lower-case word follows it: "Stop using Windows, ... after malware
    # outbreak" opens with a verb.
    named_first = about_malware and any(
        m.field == "title" and not _LOWER_WORD_AFTER.match(h.source, h.end) for m, h in written
    )
    if titled and (
        ((inside or named_first) and not title_case)
        or any(m.near(_words(index).malware_words) for m in titled)
        or len(written) > len(titled)
    ):
        return True, None
    if len(written) >= COMMON_WORD_OFTEN:
        return True, None
    if any(m.near(_words(index).malware_words) for m, _ in written):
        return True, None
    return False, "ordinary"


_LOWER_WORD_AFTER = re.compile(r" [a-z]")


def _yardstick(items: list, count: float, total: float) -> bool:
    """The report compares its subject with this family or says the subject descends from it
    ("a Dyre successor", "compatible with Zeus", "similar to X"), names it under half as often
    as its most-named cluster, and not in its title: the yardstick, not what it is about."""
    return count < min(YARDSTICK_SHARE * total, YARDSTICK_MAX) and any(
        m.how == "comparison" for m, _ in items
    )


def _title_yardstick(items: list) -> bool:
    """A name of the title that the text names only in comparison (or lineage), never in a
    sentence of its own, is the yardstick the title measures its subject against
    ("Skygofree: following in the footsteps of HackingTeam", whose text names the group only
    as the vendor whose implants the spyware resembles)."""
    text = [m for m, _ in items if m.field == "plain_text"]
    return sum(m.counted for m in text) < 1.0 and any(m.how == "comparison" for m in text)


def _rejected(items: list, count: float, total: float) -> bool:
    """The report rejects this actor as the author: it names it ``REJECTED_NEGATIONS`` times
    after a negation ("not X related", "distinct from X activity") and less often than its
    most-named cluster (the title is the caller's: an actor in the title is the subject)."""
    if count >= total:
        return False
    # Two names of one cluster in one sentence ("we are NOT saying that DarkHalo / UNC2452
    # ... are the same") are one negation: those closer than REJECTED_APART count once.
    negations, last = 0, None
    for m, _ in sorted(items, key=lambda item: (item[0].field, item[0].start)):
        if m.how == "negated" and m.field == "plain_text":
            if last is None or m.start - last > REJECTED_APART:
                negations += 1
            last = m.start
    return negations >= REJECTED_NEGATIONS


def _evidence(
    index, cid, items, earned, total, texts, other_in_title, by=False, alias=(), written=None,
    coined=False, yardstick=False, rejected=False, points=None,
) -> Evidence:  # fmt: skip
    eligible, why_not = earned
    counted = [m for m, _ in items if id(m) not in alias] if alias else [m for m, _ in items]
    sal = score(counted, total, len(texts["plain_text"]), other_in_title, by, written, coined)
    first = index.patterns[items[0][1].pattern]
    spans = tuple(
        Span(m.field, h.start, h.end, h.text, context(texts[m.field], h.start, h.end, h.text))
        for m, h in items[:MAX_SPANS]
    )
    count = len(items)
    spelled = f" ({first.names[0]}, {first.how})" if first.how else ""
    where = "title and text name" if any(m.field == "title" for m, _ in items) else "text names"
    summary = f"the {where} {items[0][1].text!r}{spelled}, {count} time{'s' if count != 1 else ''}"
    note = None
    if eligible and sal.salient and yardstick:
        confidence = CONFIDENCE["text-passing"]
        note = (
            "the yardstick of the report's subject (named in comparison or lineage, far less "
            "often than the subject of the title): " + ", ".join(sal.signals)
        )
    elif eligible and sal.salient and rejected:
        confidence = CONFIDENCE["text-passing"]
        note = (
            f"an attribution the report rejects (named {REJECTED_NEGATIONS} times or more after "
            "a negation, not in the title, less often than the report's subject): "
            + ", ".join(sal.signals)
        )
    elif eligible and sal.salient:
        confidence = min(0.9, CONFIDENCE["text-salient"] + 0.05 * (sal.points - SALIENT))
        summary += "; salient: " + ", ".join(sal.signals)
    else:
        if not eligible and why_not is None:
            qualities = {index.patterns[h.pattern].quality for _, h in items}
            confidence = CONFIDENCE["text-ambiguous"]
            note = _ambiguity_note(index, first.clusters) if "ambiguous" in qualities else None
        elif why_not == "said other":
            confidence = CONFIDENCE["text-common-word"]
            note = (
                f"the text says {first.names[0]!r} is something else (neither malware nor an "
                "actor) and never calls it either: not this cluster; it corroborates only"
            )
        elif why_not == "called malware":
            confidence = CONFIDENCE["text-common-word"]
            note = (
                f"the text calls {first.names[0]!r} malware and never a group, and no "
                "Malpedia family has the name: not the actor; it corroborates only"
            )
        elif why_not == "title phrase":
            confidence = CONFIDENCE["text-common-word"]
            note = (
                f"{first.names[0]!r} in the title only, in English words and with no malware "
                "or actor noun beside it: the title's turn of phrase; it corroborates only"
            )
        elif not eligible:
            confidence = CONFIDENCE["text-common-word"]
            note = (
                f"{first.quality}: {first.names[0]!r} is "
                + ("an ordinary English word" if first.quality == "common-word" else "very short")
                + "; matched only as written, and it corroborates only (no title, "
                "not named often, no malware noun beside it)"
            )
        elif sal.mentions >= 1:
            if points is not None:
                points[cid] = (sal.points, sal.mentions)
            confidence = CONFIDENCE["text-passing"]
            note = "a passing mention: " + (", ".join(sal.signals) or "named once")
        else:
            confidence = CONFIDENCE["text-corroborating"]
            note = "corroborates only: " + ", ".join(sal.signals)
    return Evidence(
        kind="text",
        confidence=round(confidence, 3),
        summary=summary,
        name=first.names[0],  # the first mention's name (a cluster named often has several)
        spans=spans,
        note=note,
    )
