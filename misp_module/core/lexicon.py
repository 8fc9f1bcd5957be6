"""Words of public attribution: states, bodies, agencies, cues, government web sites.

Country names and codes come from pycountry. What no maintained data set holds is written
here, kept short, and each table says why it exists: demonyms (pycountry has none), the
offices that speak for a government, the agencies attributions name, and the sites they
publish on. Every pattern is case-sensitive where case tells a proper noun from a word
("US" the state, "us" the pronoun).
"""

from __future__ import annotations

import re
from functools import lru_cache

import ahocorasick
import pycountry

# Short forms the texts use that pycountry's name/common_name/official_name do not give.
EXTRA_NAMES = {
    "United States of America": "US",
    "United States": "US",
    "U.S.": "US",
    "US": "US",
    "USA": "US",
    "America": "US",
    "United Kingdom": "GB",
    "UK": "GB",
    "U.K.": "GB",
    "Britain": "GB",
    "Great Britain": "GB",
    "Russia": "RU",
    "Russian Federation": "RU",
    "People's Republic of China": "CN",
    "PRC": "CN",
    "DPRK": "KP",
    "Republic of Korea": "KR",
    "Turkey": "TR",
    "Czech Republic": "CZ",
    "the Netherlands": "NL",
    "Holland": "NL",
    "Republic of North Macedonia": "MK",
    "Vatican": "VA",
    "Palestine": "PS",
}
# Capitals and seats that stand for their state as the target of an accusation
# ("blamed Moscow"). Never parties: "Washington said" is left to explicit bodies.
METONYMS = {
    "Beijing": "CN",
    "Moscow": "RU",
    "Kremlin": "RU",
    "Tehran": "IR",
    "Pyongyang": "KP",
    "Minsk": "BY",
}
# Demonyms: pycountry has none. The states that attribute and are attributed to.
ADJECTIVES = {
    "Chinese": "CN",
    "Russian": "RU",
    "Iranian": "IR",
    "North Korean": "KP",
    "Belarusian": "BY",
    "Pakistani": "PK",
    "Indian": "IN",
    "Vietnamese": "VN",
    "Israeli": "IL",
    "Turkish": "TR",
    "Syrian": "SY",
    "Lebanese": "LB",
    "Palestinian": "PS",
    "Emirati": "AE",
    "Saudi": "SA",
    "Ukrainian": "UA",
    "British": "GB",
    "American": "US",
    "Canadian": "CA",
    "Australian": "AU",
    "Japanese": "JP",
    "South Korean": "KR",
    "German": "DE",
    "French": "FR",
    "Dutch": "NL",
    "Belgian": "BE",
    "Danish": "DK",
    "Swedish": "SE",
    "Norwegian": "NO",
    "Finnish": "FI",
    "Estonian": "EE",
    "Latvian": "LV",
    "Lithuanian": "LT",
    "Polish": "PL",
    "Czech": "CZ",
    "Slovak": "SK",
    "Italian": "IT",
    "Spanish": "ES",
    "Portuguese": "PT",
    "Irish": "IE",
    "Austrian": "AT",
    "Swiss": "CH",
    "Romanian": "RO",
    "Bulgarian": "BG",
    "Greek": "GR",
    "Albanian": "AL",
    "Montenegrin": "ME",
    "Hungarian": "HU",
    "Croatian": "HR",
    "Slovenian": "SI",
    "Georgian": "GE",
    "Moldovan": "MD",
    "Taiwanese": "TW",
    "Singaporean": "SG",
    "Icelandic": "IS",
    "Cypriot": "CY",
    "Maltese": "MT",
    "Luxembourgish": "LU",
    "Cuban": "CU",
    "Venezuelan": "VE",
    "Kazakh": "KZ",
}

# Offices that speak for a party. "?" marks titles several governments use: they count only
# when the document's own government is known (its publisher).
BODIES: dict[str, str] = {
    r"European Union": "EU",
    r"EU": "EU",
    r"High Representative": "EU",
    r"Council of the (?:EU|European Union)": "EU",
    r"European Council": "EU",
    r"European External Action Service": "EU",
    r"EEAS": "EU",
    r"NATO": "NATO",
    r"North Atlantic (?:Council|Treaty Organi[sz]ation)": "NATO",
    r"Foreign,? Commonwealth (?:&|and) Development Office": "GB",
    r"FCDO": "GB",
    r"Foreign Secretary": "GB",
    r"(?:HM|Her Majesty's|His Majesty's) (?:Government|Treasury)": "GB",
    r"Office of Financial Sanctions Implementation": "GB",
    r"Foreign Office": "GB",
    r"National Cyber Security Centre": "?",
    r"NCSC": "?",
    r"(?:U\.S\. |US |United States )?Department of Justice": "US",
    r"Justice Department": "US",
    r"DOJ": "US",
    r"(?:U\.S\. |US )?Department of State": "US",
    r"State Department": "US",
    r"Department of the Treasury": "US",
    r"Treasury Department": "US",
    r"OFAC": "US",
    r"Office of Foreign Assets Control": "US",
    r"FBI": "US",
    r"Federal Bureau of Investigation": "US",
    r"CISA": "US",
    r"Cybersecurity and Infrastructure Security Agency": "US",
    r"National Security Agency": "US",
    r"NSA": "US",
    r"White House": "US",
    r"[Gg]rand [Jj]ury": "US",
    r"U\.S\. Attorney(?:'s Office)?": "US",
    r"(?:Assistant )?Attorney General": "US",
    r"Secretary of State": "?",
    r"Prime Minister": "?",
    r"Foreign Minister": "?",
    r"Minister (?:of|for) Foreign Affairs": "?",
    r"Ministry of Foreign Affairs": "?",
    r"Communications Security Establishment": "CA",
    r"Canadian Centre for Cyber Security": "CA",
    r"Global Affairs Canada": "CA",
    r"Australian Signals Directorate": "AU",
    r"Australian Cyber Security Centre": "AU",
    r"Government Communications Security Bureau": "NZ",
    r"GCSB": "NZ",
    r"Federal Foreign Office": "DE",
    r"Bundesamt für Verfassungsschutz": "DE",
}
# "<Government|Ministry ...> of <state>" and "<adjective|state> government": any state.
GOVERNMENT_OF = (
    r"(?:Government|government|Ministry of Foreign Affairs|Ministry of Defen[cs]e|Foreign Ministry|"
    r"Minister of Foreign Affairs|Ministry of Justice) of (?:the )?"
)
GOVERNMENT_NOUN = (
    r"(?:[Gg]overnment|Foreign Ministry|Ministry of Foreign Affairs|[Aa]dministration)"
)

# Agencies held responsible, with their state.
AGENCIES = {
    r"Ministry of State Security": "CN",
    r"MSS": "CN",
    r"People's Liberation Army": "CN",
    r"PLA": "CN",
    r"Unit 61398": "CN",
    r"Hainan State Security Department": "CN",
    r"Strategic Support Force": "CN",
    r"GRU": "RU",
    r"GU/GRU": "RU",
    r"GTsST": "RU",
    r"Main (?:Intelligence )?Directorate": "RU",
    r"Main Centre for Special Technologies": "RU",
    r"Unit (?:26165|74455|29155)": "RU",
    r"FSB": "RU",
    r"Federal Security Service": "RU",
    r"SVR": "RU",
    r"Foreign Intelligence Service of the Russian Federation": "RU",
    r"Reconnaissance General Bureau": "KP",
    r"RGB": "KP",
    r"Islamic Revolutionary Guard Corps": "IR",
    r"IRGC": "IR",
    r"Ministry of Intelligence and Security": "IR",
    r"MOIS": "IR",
}

# Government web sites: the publisher of a referenced URL. Hosts match themselves and their
# subdomains; gov.<cc>, gob.<cc>, govt.<cc>, gouv.<cc> and gc.ca follow the rules below.
GOVERNMENT_SITES = {
    "consilium.europa.eu": "EU",
    "eeas.europa.eu": "EU",
    "europa.eu": "EU",
    "nato.int": "NATO",
    "justice.gov": "US",
    "state.gov": "US",
    "whitehouse.gov": "US",
    "cisa.gov": "US",
    "fbi.gov": "US",
    "treasury.gov": "US",
    "nsa.gov": "US",
    "defense.gov": "US",
    "canada.ca": "CA",
    "auswaertiges-amt.de": "DE",
    "bsi.bund.de": "DE",
    "bund.de": "DE",
    "diplomatie.gouv.fr": "FR",
    "ssi.gouv.fr": "FR",
    "mofa.go.jp": "JP",
    "admin.ch": "CH",
    "government.nl": "NL",
    "rijksoverheid.nl": "NL",
    "regjeringen.no": "NO",
}
GOV_SECOND_LEVEL = ("gov", "gob", "govt", "gouv", "go", "gv")

# Words that make a sentence about attribution.
CUE = re.compile(
    r"\b(?:attribut\w*|responsib\w*|behind|undertaken from|conducted from|carried out (?:by|from)|"
    r"conducted by|perpetrated by|sponsored|backed|on behalf of|indict\w*|charg(?:ed|es|ing)|"
    r"sanction\w*|restrictive measures|designat(?:ed|es|ing|ion)|expos(?:e|es|ed|ing)|"
    r"blam\w*|linked to|solidarity|acknowledg\w*|(?:align|associate)(?:s|d|ed)? (?:themselves|itself)|"
    r"(?:assess(?:es|ed)?|judge[sd]?|conclude[sd]?|determined|confirm(?:s|ed)?) (?:that|with))\b",
    re.I,
)
# Literal beginnings of every CUE alternative: an automaton finds candidates in one pass, and
# CUE itself confirms each (a case-insensitive alternation tried at every character is slow).
CUE_STEMS = (
    "attribut",
    "responsib",
    "behind",
    "undertaken from",
    "conducted from",
    "carried out",
    "conducted by",
    "perpetrated by",
    "sponsored",
    "backed",
    "on behalf of",
    "indict",
    "charg",
    "sanction",
    "restrictive measures",
    "designat",
    "expos",
    "blam",
    "linked to",
    "solidarity",
    "acknowledg",
    "align",
    "associate",
    "assess",
    "judge",
    "conclude",
    "determined",
    "confirm",
)


@lru_cache(maxsize=1)
def _cue_automaton() -> ahocorasick.Automaton:
    automaton = ahocorasick.Automaton()
    for stem in CUE_STEMS:
        automaton.add_word(stem, len(stem))
    automaton.make_automaton()
    return automaton


def cue_positions(text: str) -> list[int]:
    """Where CUE matches in ``text``, in order."""
    lowered = text.lower()
    if len(lowered) != len(text):
        return [m.start() for m in CUE.finditer(text)]
    found = []
    last = -1
    for end, length in _cue_automaton().iter(lowered):
        start = end - length + 1
        if start <= last or (start and lowered[start - 1].isalnum()):
            continue
        m = CUE.match(text, start)
        if m:
            found.append(start)
            last = m.end()
    return found


SOLIDARITY = re.compile(
    r"\b(?:solidarity|acknowledg\w*|stand(?:s)? with|support(?:s)? (?:the|these|their) "
    r"(?:statements?|attributions?|findings))\b",
    re.I,
)
ALIGNMENT = re.compile(
    r"\b(?:align|associate)(?:s|d)? (?:themselves|itself) with (?:this|the) (?:declaration|statement)",
    re.I,
)
INDICTMENT = re.compile(r"\b(?:indict\w*|charg(?:ed|es|ing)|grand jury|criminal complaint)\b", re.I)
SANCTIONS = re.compile(
    r"\b(?:sanction\w*|restrictive measures|asset freeze|travel ban|designat(?:ed|es|ing|ion))\b",
    re.I,
)
# An attribution denied, refused or not (yet) made.
NEGATION = re.compile(
    r"\b(?:not|no|never|den(?:y|ies|ied)|declin\w+ to|refrain\w* from|reject\w*|without)\b"
    r"(?:\W+\w+){0,3}?\W+(?:attribut|responsib|behind|blam|link|sponsor)",
    re.I,
)
# Someone other than a government speaking: their view is not a public attribution.
REPORTED = re.compile(
    r"\b(?:researchers?|analysts?|security (?:firm|company|vendor|researchers?)s?|according to "
    r"(?:a |the )?(?:report|researchers|vendor|company)|threat intelligence)\b",
    re.I,
)
FIRST_PERSON = re.compile(r"\b(?:[Ww]e|[Oo]ur|[Uu]s)\b")
# A state after these is where something happened, not who speaks.
LOCATION_PREPOSITIONS = (
    "in",
    "at",
    "from",
    "against",
    "across",
    "within",
    "into",
    "throughout",
    "targeting",
    "targeted",
    "toward",
    "towards",
    "of",
    "on",
    "near",
    "between",
    "among",
    "outside",
    "to",
    "over",
    "inside",
    "via",
)
_DATE_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
)
_MONTH = rf"(?P<m>{_DATE_MONTHS}|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
DATE_PATTERNS = (
    re.compile(rf"\b(?P<d>\d{{1,2}}) {_MONTH} (?P<y>(?:19|20)\d\d)\b"),
    re.compile(rf"\b{_MONTH} (?P<d>\d{{1,2}}), (?P<y>(?:19|20)\d\d)\b"),
    re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>\d\d)-(?P<d>\d\d)\b"),
)
URL_DATE = re.compile(r"/(?P<y>(?:19|20)\d\d)/(?P<m>\d\d)/(?P<d>\d\d)/")
# Stamps added by archives and CMSs, not the statement's date.
NOT_STATEMENT_DATE = re.compile(
    r"\b(?:Archived|Last review|Last updated|Updated|Retrieved|Accessed)\s*:?\s*$", re.I
)
MONTHS = {m: i for i, m in enumerate(_DATE_MONTHS.split("|"), start=1)}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())} | {"Sept": 9})
# "of" after these introduces who speaks ("the governments of Australia, Canada and ..."),
# not where something happened.
GOVERNMENT_WORDS = frozenset(
    [
        "government",
        "governments",
        "ministry",
        "ministries",
        "minister",
        "ministers",
        "president",
        "leaders",
    ]
)


@lru_cache(maxsize=1)
def state_names() -> dict[str, str]:
    """Surface form -> alpha-2 for state *names* (not adjectives), from pycountry + extras."""
    names: dict[str, str] = {}
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            form = getattr(c, attr, None)
            if form and "," not in form and "(" not in form:
                names.setdefault(form, c.alpha_2)
    names.update(EXTRA_NAMES)
    return names


def _alternation(forms) -> str:
    # Longest first, so "North Korea" wins over "Korea" and "United States of America" over
    # "United States". No forms: a pattern that never matches.
    forms = sorted(forms, key=len, reverse=True)
    return "|".join(re.escape(f) for f in forms) if forms else "(?!)"


# States in a sentence are replaced by tokens before the patterns run: ⟨N CN 12⟩ for a name,
# ⟨A CN 40⟩ for a demonym, ⟨M RU 3⟩ for a metonym (the number indexes the surface form). The
# patterns then need no alternation of 600 names and demonyms, which Python's regex engine
# would try at every character: they are compiled once and run in microseconds.
TOKEN = re.compile(r"⟨([NAM]) ([A-Z]{2}) (\d+)⟩")
_NAME_T = r"⟨N [A-Z]{2} \d+⟩"
_ADJ_T = r"⟨A [A-Z]{2} \d+⟩"
_ANY_T = r"⟨[NA] [A-Z]{2} \d+⟩"
_TARGET_T = r"⟨[NM] [A-Z]{2} \d+⟩"


@lru_cache(maxsize=1)
def _forms() -> list[tuple[str, str, str]]:
    """(surface form, kind, code) for every state name (N), demonym (A) and metonym (M)."""
    names = state_names()
    rows = [(f, "N", c) for f, c in names.items()]
    rows += [(f, "A", c) for f, c in ADJECTIVES.items() if f not in names]
    rows += [(f, "M", c) for f, c in METONYMS.items() if f not in names]
    return rows


@lru_cache(maxsize=1)
def _gazetteer() -> ahocorasick.Automaton:
    automaton = ahocorasick.Automaton()
    for i, (form, _, _) in enumerate(_forms()):
        automaton.add_word(form, i)
    automaton.make_automaton()
    return automaton


def tokenize(text: str) -> str:
    """``text`` with its states as tokens; names inside bodies and agencies stay as written."""
    forms = _forms()
    protected = [m.span() for m in _body_pattern().finditer(text)]
    protected += [m.span() for m in _agency_literal().finditer(text)]
    found = []
    n = len(text)
    for end, i in _gazetteer().iter(text):
        start = end - len(forms[i][0]) + 1
        if (start and text[start - 1].isalnum()) or (end + 1 < n and text[end + 1].isalnum()):
            continue
        if any(a <= start < b for a, b in protected):
            continue
        found.append((start, end + 1, i))
    if not found:
        return text
    found.sort(key=lambda f: (f[0], -f[1]))  # leftmost-longest: "North Korea", not "Korea"
    out, last = [], 0
    for start, stop, i in found:
        if start < last:
            continue
        _, kind, code = forms[i]
        out.append(text[last:start])
        out.append(f"⟨{kind} {code} {i}⟩")
        last = stop
    out.append(text[last:])
    return "".join(out)


def detokenize(text: str) -> str:
    forms = _forms()
    return TOKEN.sub(lambda m: forms[int(m.group(3))][0], text)


@lru_cache(maxsize=1)
def _body_pattern() -> re.Pattern:
    alternatives = "|".join(f"(?:{b})" for b in sorted(BODIES, key=len, reverse=True))
    return re.compile(rf"(?<![\w.])(?:{alternatives})(?![\w])")


@lru_cache(maxsize=1)
def _agency_literal() -> re.Pattern:
    # Agencies whose names hold a state name ("... of the Russian Federation").
    return re.compile("|".join(a for a in AGENCIES if any(f in a for f in state_names())) or "(?!)")


@lru_cache(maxsize=1)
def patterns() -> dict[str, re.Pattern]:
    """The patterns, over tokenized text (see :func:`tokenize`)."""
    NAME, ADJ, ANY, TARGET_NAME = _NAME_T, _ADJ_T, _ANY_T, _TARGET_T
    AGENCY = "|".join(sorted(AGENCIES, key=len, reverse=True))
    bounded = r"(?<![\w.])(?:{})(?![\w])"
    return {
        "name": re.compile(bounded.format(f"(?P<st>{NAME})") + r"(?P<poss>'s)?"),
        "body": _body_pattern(),
        "government_of": re.compile(rf"{GOVERNMENT_OF}(?P<st>{NAME})"),
        "government_noun": re.compile(
            rf"(?<![\w.])(?:the )?(?P<st>{ANY})(?:'s)? {GOVERNMENT_NOUN}\b"
        ),
        "territory": re.compile(
            rf"\b(?:from|on) (?:the )?territory of (?:the )?(?P<st>{NAME})"
            rf"|\bfrom (?P<st2>{NAME})'s territory\b"
            rf"|\b(?:undertaken|conducted|carried out|originat\w+|launched) from (?:the )?(?P<st3>{NAME})"
            r"|\bfrom (?P<its>its) territory\b"
        ),
        "agency_name": re.compile(rf"(?<![\w/])(?:{AGENCY})(?![\w/])"),
        "agency": re.compile(
            rf"(?:(?:the )?(?P<st>{ANY})(?:'s)? )?(?:(?:military|intelligence|security) )*"
            rf"(?<![\w/])(?P<agency>{AGENCY})(?![\w/])"
        ),
        "sponsored": re.compile(
            rf"(?P<st>{ANY})[- ](?:state[- ])?(?:sponsored|backed|directed|affiliated)\b"
            rf"|\b(?:sponsored|backed|directed|tasked|supported) by (?:the )?(?P<st2>{ANY})"
            rf"(?: (?:government|state|regime)\b)?"
            rf"|\b(?:on behalf of|acting for|working for) (?:the )?(?P<st3>{ANY})(?:'s)? "
            rf"(?:government|state|regime|intelligence services)\b"
            rf"|(?P<st4>{ADJ}) state(?:[- ]sponsored)? (?:cyber )?(?:actors?|hackers|groups?)\b"
        ),
        "state": re.compile(
            rf"\b(?:[Gg]overnment|[Rr]egime) of (?:the )?(?P<st>{NAME})"
            rf"|(?P<st2>{ANY})(?:'s)? (?:[Gg]overnment|[Rr]egime|state)\b"
            r"(?![- ](?:sponsored|backed|directed|affiliated|actors?|hackers|groups?|cyber))"
            rf"|\b(?:attribut\w+|responsibility)\b[^.;]{{0,160}}? (?:to|on) (?:the )?(?P<st3>{TARGET_NAME})"
            rf"|\bblam\w+[^.;]{{0,80}}? on (?:the )?(?P<st4>{TARGET_NAME})"
            rf"|(?P<st5>{TARGET_NAME}) (?:is|was|are|were) (?:\w+ ){{0,2}}(?:responsible|behind)\b"
        ),
        "individuals": re.compile(
            rf"\b(?:indict\w*|charg\w*|sanction\w*|designat\w*|restrictive measures)\b[^.;]{{0,200}}?"
            rf"(?:(?:\w+ ){{0,2}}(?P<st>{ADJ}) )?(?:[\w-]+ ){{0,2}}"
            r"(?:nationals|officers|individuals|persons|defendants|citizens|hackers)\b"
        ),
    }


def state_of(form: str) -> str | None:
    """The alpha-2 code of a token (or of a surface form)."""
    m = TOKEN.fullmatch(form)
    if m:
        return m.group(2)
    return state_names().get(form) or ADJECTIVES.get(form) or METONYMS.get(form)


@lru_cache(maxsize=1)
def _compiled(table: str) -> list[tuple[re.Pattern, str]]:
    return [
        (re.compile(p), code) for p, code in {"bodies": BODIES, "agencies": AGENCIES}[table].items()
    ]


@lru_cache(maxsize=4096)
def body_code(text: str) -> str | None:
    return next((code for p, code in _compiled("bodies") if p.fullmatch(text)), None)


@lru_cache(maxsize=4096)
def agency_state(text: str) -> str | None:
    return next((code for p, code in _compiled("agencies") if p.fullmatch(text)), None)


def site_party(host: str) -> str | None:
    """The government or body publishing on ``host`` (no ``www.``), or None."""
    parts = host.split(".")
    for i in range(len(parts) - 1):
        found = GOVERNMENT_SITES.get(".".join(parts[i:]))
        if found:
            return found
    if host.endswith(".gc.ca"):
        return "CA"
    if parts[-1] == "gov" and len(parts) >= 2:
        return "US"
    if len(parts) >= 2 and parts[-2] in GOV_SECOND_LEVEL:
        cc = parts[-1].upper()
        cc = "GB" if cc == "UK" else cc
        if pycountry.countries.get(alpha_2=cc):
            return cc
    return None
