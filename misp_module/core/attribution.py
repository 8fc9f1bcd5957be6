"""Public attribution: who attributed the activity, to which state, at what level, and how.

Sentence by sentence, an attribution needs three things in one sentence: a cue (attribute,
responsible, indicted, sanctions, ...), a *target* (a state reached through a pattern that
says how: "from the territory of China" is ``territory``, "China's Ministry of State
Security" is ``state-agency``) and a *party* that is a government or body: named in the
sentence ("The EU and its member states assess ..."), or the document's own voice when the
document is published by one ("we", or a government press release speaking for itself).

Precision before recall: a security vendor is never a party (its "we" is not a government's),
a denied or refused attribution is skipped, a state named as a location ("targets in Germany")
is not a party, and supporting parties only exist next to an attribution they support.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

from misp_module.core.entry import OrklEntry
from misp_module.core.lexicon import Lexicon, lexicon
from misp_module.core.taxonomy import BODIES as BODY_NAMES
from misp_module.core.taxonomy import countries
from misp_module.core.urls import host_of

_ABBREVIATIONS = frozenset(
    [
        "Mr",
        "Ms",
        "Mrs",
        "Dr",
        "Gen",
        "Col",
        "Lt",
        "Sgt",
        "Jr",
        "Sr",
        "St",
        "No",
        "Inc",
        "Co",
        "Corp",
        "Ltd",
        "Dept",
        "Gov",
        "Sen",
        "Rep",
        "vs",
        "Mt",
        "Art",
    ]
)
_LAST_TOKEN = re.compile(r"[\s(]")
_INITIALS = re.compile(r"(?:[A-Z]\.)*[A-Z]")
# A sentence ends at . ! ? (then closing quotes or brackets, space, and a capital, digit or
# opening quote) or at a blank line. The pattern starts with a character class, which lets the
# regex engine skip ahead instead of trying a look-behind at every character.
_BOUNDARY = re.compile(r"(?P<p>[.!?])[\]\"”’)]*\s+(?=[A-Z0-9“\"(\[])|\r?\n[ \t]*\r?\n\s*")
_SPACES = re.compile(r"\s+")
LEVEL_ORDER = ("territory", "state", "state-agency", "state-sponsored", "individuals")
HEADER_CHARS = 600


@dataclass(frozen=True)
class Attribution:
    """One row: a party's role in attributing activity to a state, and the sentence behind it."""

    party: str  # alpha-2, EU or NATO
    party_name: str
    role: str  # "attributing" | "supporting"
    attributed_state: str | None
    level: str | None
    statement_type: str | None
    date: str | None  # YYYY-MM-DD
    quote: str  # the supporting sentence, whitespace collapsed
    field: str  # "title" or "plain_text"
    start: int  # character offsets of the sentence in that field
    end: int
    basis: str  # how the party was found

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class _Sentence:
    field: str
    start: int
    end: int
    text: str  # whitespace collapsed


@dataclass(frozen=True)
class _Target:
    state: str
    level: str
    span: tuple[int, int]


def party_name(code: str) -> str:
    return BODY_NAMES.get(code) or countries().get(code, code)


def _end_of(m: re.Match) -> int:
    """Where the sentence before boundary ``m`` ends (after its full stop)."""
    return m.start() + 1 if m.group("p") else m.start()


def _is_boundary(text: str, m: re.Match, floor: int) -> bool:
    if not m.group("p"):
        return True  # a blank line
    before = text[max(floor, m.start() - 12) : m.start()].rstrip('.!?])"”’')
    last = _LAST_TOKEN.split(before)[-1] if before else ""
    # "U.S. Department", "Mr. Smith": not the end of a sentence
    return not (last in _ABBREVIATIONS or _INITIALS.fullmatch(last))


def sentences(text: str, field: str = "plain_text") -> list[_Sentence]:
    out = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        if _is_boundary(text, m, start):
            _add_sentence(out, text, start, _end_of(m), field)
            start = m.end()
    _add_sentence(out, text, start, len(text), field)
    return out


def cue_sentences(lex: Lexicon, text: str, field: str = "plain_text") -> list[_Sentence]:
    """The sentences that hold a cue: found around each cue, not by splitting everything."""
    out: list[_Sentence] = []
    done_until = -1
    for cue in lex.cue_positions(text):
        if cue < done_until:
            continue
        start = _sentence_start(text, cue)
        end = _sentence_end(text, cue)
        _add_sentence(out, text, start, end, field)
        done_until = end
    return out


_LONGEST = 2000  # a "sentence" longer than this is cut: it is not prose


def _sentence_start(text: str, pos: int) -> int:
    # Most sentences are short: look back a little first, then as far as a sentence may go.
    for reach in (400, _LONGEST):
        start = max(0, pos - reach)
        for b in reversed(list(_BOUNDARY.finditer(text, start, pos))):
            if _is_boundary(text, b, 0):
                return b.end()
        if start == 0:
            return 0
    return start


def _sentence_end(text: str, pos: int) -> int:
    for b in _BOUNDARY.finditer(text, pos, min(len(text), pos + _LONGEST)):
        if _is_boundary(text, b, 0):
            return _end_of(b)
    return min(len(text), pos + _LONGEST)


def _add_sentence(out: list, text: str, start: int, end: int, field: str) -> None:
    chunk = text[start:end]
    stripped = chunk.strip()
    if stripped:
        lead = len(chunk) - len(chunk.lstrip())
        s = start + lead
        out.append(_Sentence(field, s, s + len(stripped), _SPACES.sub(" ", stripped)))


# --- the document: who publishes it, when, what kind ---------------------------------


@dataclass(frozen=True)
class _Document:
    publisher: str | None  # a government or body, else None
    publisher_basis: str
    date: str | None
    kind: str
    subject_state: str | None  # the state "its territory" refers to


def _publisher(lex: Lexicon, entry: OrklEntry) -> tuple[str | None, str]:
    for url in entry.references:
        party = lex.site_party(host_of(url))
        if party:
            return party, f"publisher: {host_of(url)}"
    header = f"{entry.title}\n{entry.text[:HEADER_CHARS]}"
    for m in lex.patterns()["body"].finditer(header):
        code = lex.body_code(m.group())
        if code and code != "?":
            return code, f"publisher: {m.group()!r} in the header"
    return None, ""


def _iso(lex: Lexicon, y: str, m: str, d: str) -> str | None:
    month = lex.MONTHS.get(m) or (int(m) if m.isdigit() else 0)
    day = int(d)
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{int(y):04d}-{month:02d}-{day:02d}"


def _date(lex: Lexicon, entry: OrklEntry, publisher_site: bool) -> str | None:
    if publisher_site:
        for url in entry.references:
            m = lex.URL_DATE.search(url)
            if m and lex.site_party(host_of(url)):
                found = _iso(lex, m["y"], m["m"], m["d"])
                if found:
                    return found
    header = entry.text[: HEADER_CHARS * 2]
    candidates = []
    for pattern in lex.DATE_PATTERNS:
        for m in pattern.finditer(header):
            if lex.NOT_STATEMENT_DATE.search(header[max(0, m.start() - 20) : m.start()]):
                continue
            found = _iso(lex, m["y"], m["m"], m["d"])
            if found:
                candidates.append((m.start(), found))
    if candidates:
        return min(candidates)[1]
    return (entry.file_date or "")[:10] or None


def _kind(entry: OrklEntry) -> str:
    header = f"{entry.title}\n{entry.text[:HEADER_CHARS]}"
    if re.search(r"\b[Jj]oint [Ss]tatement\b", header):
        return "joint-statement"
    if re.search(r"\bDeclaration\b", header):
        return "declaration"
    if re.search(r"\b(?:[Cc]ybersecurity )?[Aa]dvisory\b", header):
        return "advisory"
    return "statement"


def _subject_state(lex: Lexicon, entry: OrklEntry) -> str | None:
    """The one state the title names (by name or demonym), which "its territory" refers to."""
    tokens = lex.TOKEN.finditer(lex.tokenize(entry.title))
    found = {m.group(2) for m in tokens if m.group(1) != "M"}
    return found.pop() if len(found) == 1 else None


def _document(lex: Lexicon, entry: OrklEntry) -> _Document:
    publisher, basis = _publisher(lex, entry)
    return _Document(
        publisher=publisher,
        publisher_basis=basis,
        date=_date(lex, entry, publisher is not None),
        kind=_kind(entry),
        subject_state=_subject_state(lex, entry),
    )


# --- one sentence: targets and parties ---------------------------------------------------


def _targets(lex: Lexicon, sentence: str, doc: _Document, p: dict) -> list[_Target]:
    found: list[_Target] = []

    def add(state: str | None, level: str, span: tuple[int, int]) -> None:
        if state:
            found.append(_Target(state, level, span))

    # Cheap checks first: most cue sentences name no state and no agency at all.
    has_state = "⟨" in sentence
    if has_state or "its territory" in sentence:
        for m in p["territory"].finditer(sentence):
            st = m["st"] or m["st2"] or m["st3"]
            add(lex.state_of(st) if st else doc.subject_state, "territory", m.span())
    agencies = p["agency_name"].finditer(sentence) if p["agency_name"].search(sentence) else ()
    for m in p["agency"].finditer(sentence) if agencies else ():
        agency_state = lex.agency_state(m["agency"])
        named = lex.state_of(m["st"]) if m["st"] else None
        if named and named != agency_state:
            continue  # "Russian ... MSS": the pattern caught the wrong word
        add(agency_state, "state-agency", m.span())
    if not has_state and not found:
        return found  # the patterns below all need a state, or a target found above
    for m in p["sponsored"].finditer(sentence):
        st = m["st"] or m["st2"] or m["st3"] or m["st4"]
        add(lex.state_of(st), "state-sponsored", m.span())
    for m in p["state"].finditer(sentence):
        st = m["st"] or m["st2"] or m["st3"] or m["st4"] or m["st5"]
        if _inside(m.span(), found):
            continue  # "China's Ministry of State Security" is an agency, not the state
        add(lex.state_of(st), "state", m.span())
    for m in p["individuals"].finditer(sentence):
        if m["st"]:
            add(lex.state_of(m["st"]), "individuals", m.span())
        else:  # "officers of the GRU": whose officers comes from another target
            for t in list(found):
                add(t.state, "individuals", m.span())
                break
    return found


def _inside(span: tuple[int, int], targets: list[_Target]) -> bool:
    return any(
        t.span[0] <= span[0] and span[1] <= t.span[1] or span[0] <= t.span[0] < span[1]
        for t in targets
    )


def _is_location(lex: Lexicon, sentence: str, start: int, name: re.Pattern) -> bool:
    """Is the state at ``start`` the object of a preposition, perhaps down a list of states?"""
    before = sentence[:start]
    while True:
        trimmed = re.sub(r"(?:\s|,|\band\b|\bor\b|\bthe\b|\bas well as\b)+$", "", before)
        prior = None
        for m in name.finditer(trimmed[-60:]):
            if m.end() == len(trimmed[-60:]):
                prior = m
        if prior is None or trimmed == before:
            break
        before = trimmed[: len(trimmed) - (len(trimmed[-60:]) - prior.start())]
    words = [w.lower() for w in re.findall(r"[A-Za-z]+", before[-40:])]
    if len(words) >= 2 and words[-1] == "of" and words[-2] in lex.GOVERNMENT_WORDS:
        return False
    return bool(words) and words[-1] in lex.LOCATION_PREPOSITIONS


def _parties(
    lex: Lexicon, sentence: str, targets: list[_Target], doc: _Document, p: dict
) -> list[tuple[str, str]]:
    """(party, basis) found in the sentence, in order; the attributed states are not parties."""
    attributed = {t.state for t in targets}
    found: dict[str, str] = {}
    spans = [t.span for t in targets]

    def covered(span) -> bool:
        return any(a <= span[0] < b for a, b in spans)

    for m in p["body"].finditer(sentence):
        code = lex.body_code(m.group())
        if code == "?":
            code = doc.publisher if doc.publisher not in (None, "EU", "NATO") else None
        if code and not covered(m.span()):
            found.setdefault(code, f"text: {lex.detokenize(m.group())!r}")
    for pattern in ("government_of", "government_noun"):
        for m in p[pattern].finditer(sentence):
            code = lex.state_of(m["st"])
            if code and not covered(m.span()) and code not in attributed:
                found.setdefault(code, f"text: {lex.detokenize(m.group())!r}")
    for m in p["name"].finditer(sentence):
        code = lex.state_of(m["st"])
        if not code or covered(m.span()) or code in attributed:
            continue
        if _is_location(lex, sentence, m.start(), p["name"]):
            continue
        found.setdefault(code, f"text: {lex.detokenize(m['st'])!r}")
    for code in attributed:
        found.pop(code, None)
    return list(found.items())


# --- the extraction ------------------------------------------------------------------------


def _statement_type(lex: Lexicon, sentence: str, doc: _Document, role: str) -> str:
    if role == "supporting" and lex.SOLIDARITY.search(sentence):
        return "solidarity"
    if lex.INDICTMENT.search(sentence):
        return "indictment"
    if lex.SANCTIONS.search(sentence):
        return "sanctions"
    return doc.kind


def extract_attributions(entry: OrklEntry, lex: Lexicon | None = None) -> list[Attribution]:
    """The public attributions ``entry`` makes, with the words of ``lex`` (the shipped rules)."""
    lex = lex or lexicon()
    text = entry.text
    if not lex.CUE.search(entry.title) and not lex.CUE.search(text):
        return []
    doc = _document(lex, entry)
    rows: dict[tuple, Attribution] = {}
    alignments: list[_Sentence] = []
    # The text first: when the title says the same, the row quotes the fuller sentence.
    for s in [*cue_sentences(lex, text), *cue_sentences(lex, entry.title, "title")]:
        if lex.ALIGNMENT.search(s.text):
            alignments.append(s)
            continue
        if not lex.CUE.search(s.text) or lex.NEGATION.search(s.text):
            continue
        p = lex.patterns()
        tokenized = lex.tokenize(s.text)
        targets = _targets(lex, tokenized, doc, p)
        if not targets:
            continue
        parties = _parties(lex, tokenized, targets, doc, p)
        first_person = bool(lex.FIRST_PERSON.search(s.text))
        solidarity = bool(lex.SOLIDARITY.search(s.text))
        voice = doc.publisher if doc.publisher and (first_person or not parties) else None
        if voice and lex.REPORTED.search(s.text) and not first_person:
            voice = None  # a government page quoting researchers is not speaking itself
        entries: list[tuple[str, str, str]] = []
        if voice:
            role = "supporting" if solidarity else "attributing"
            entries.append((voice, role, doc.publisher_basis))
        for code, basis in parties:
            if code == voice:
                continue
            role = "supporting" if solidarity and code in ("NATO", "EU") else "attributing"
            entries.append((code, role, basis))
        for code, role, basis in entries:
            for t in targets:
                _add_row(lex, rows, entry, doc, s, code, role, t, basis)
    _add_alignments(lex, rows, entry, doc, alignments)
    return sorted(
        rows.values(),
        key=lambda a: (
            a.role != "attributing",
            a.start if a.field != "title" else -1,
            a.party,
            LEVEL_ORDER.index(a.level or "state"),
        ),
    )


def _add_row(
    lex: Lexicon, rows, entry, doc, s: _Sentence, code, role, target: _Target, basis
) -> None:
    if code == target.state:
        return
    stype = _statement_type(lex, s.text, doc, role)
    key = (code, role, target.state, target.level, stype)
    if key in rows and len(rows[key].quote) <= len(s.text):
        return  # keep the tightest sentence: a header run together with the title is not one
    rows[key] = Attribution(
        party=code,
        party_name=party_name(code),
        role=role,
        attributed_state=target.state,
        level=target.level,
        statement_type=stype,
        date=doc.date,
        quote=s.text,
        field=s.field,
        start=s.start,
        end=s.end,
        basis=basis,
    )


def _add_alignments(lex: Lexicon, rows, entry, doc, alignments: list[_Sentence]) -> None:
    """Countries that 'align themselves with this declaration' support what it attributes."""
    supported = [a for a in rows.values() if a.role == "attributing" and a.party == doc.publisher]
    if not supported:
        return
    for s in alignments:
        for m in lex.patterns()["name"].finditer(lex.tokenize(s.text)):
            code = lex.state_of(m["st"])
            if not code or code == doc.publisher:
                continue
            for a in supported:
                if code == a.attributed_state:
                    continue
                key = (code, "supporting", a.attributed_state, a.level, a.statement_type)
                rows.setdefault(
                    key,
                    Attribution(
                        party=code,
                        party_name=party_name(code),
                        role="supporting",
                        attributed_state=a.attributed_state,
                        level=a.level,
                        statement_type=a.statement_type,
                        date=a.date,
                        quote=s.text,
                        field=s.field,
                        start=s.start,
                        end=s.end,
                        basis=f"text: {lex.detokenize(m['st'])!r} aligns with the {a.party_name}'s {a.statement_type}",
                    ),
                )
