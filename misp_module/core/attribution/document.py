"""Stage 2: the document's own voice. Who publishes the text (from its host, never from header words on a news site), its kind (joint statement, declaration, advisory), its date, language and home state: what "we" and an unqualified office ("the Ministry") stand for when a sentence names no party."""

from __future__ import annotations

import re

import pycountry

from misp_module.core.attribution.model import (
    HEADER_CHARS,
)
from misp_module.core.attribution.splitting import (
    _Document,
)
from misp_module.core.entry import OrklEntry
from misp_module.core.lexicon import Lexicon
from misp_module.core.regexgate import compile_gated
from misp_module.core.urls import host_of


def _publisher(lex: Lexicon, entry: OrklEntry) -> tuple[str | None, str]:
    for url in entry.references:
        party = lex.site_party(host_of(url))
        if party:
            return party, f"publisher: {host_of(url)}"
    # Only the host says who publishes: header words on a news site name whom it reports on
    # ("a report about the Foreign Office is not the Foreign Office speaking").
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


def _kind(entry: OrklEntry, words=None) -> str:
    header = f"{entry.title}\n{entry.text[:HEADER_CHARS]}"
    if _JOINT_STATEMENT.search(header):
        return "joint-statement"
    if _DECLARATION.search(header) or (words and words["declaration"].search(header)):
        return "declaration"  # "Erklärung des Hohen Vertreters im Namen der EU"
    if _ADVISORY.search(header):
        return "advisory"
    return "statement"


# Led by a look-ahead of their first letters: the engine skips ahead to them instead of testing
# \b at every character of the header (twice as fast); compile_gated tells re's search those
# letters too (it skips to them in C: 3x faster again).
_JOINT_STATEMENT = compile_gated(r"(?=[Jj])\b[Jj]oint [Ss]tatement\b")
_DECLARATION = compile_gated(r"(?=[D])\bDeclaration\b")
# ... or a joint alert ("CISA and the FBI issued a joint alert regarding cyber threats")
_ADVISORY = compile_gated(
    r"(?=[ACJacj])\b(?:(?:[Cc]ybersecurity )?[Aa]dvisory|[Jj]oint (?:[Cc]ybersecurity )?[Aa]lert)\b"
)


def _subject_state(lex: Lexicon, entry: OrklEntry) -> str | None:
    """The one state the title names (by name or demonym), which "its territory" refers to."""
    tokens = lex.TOKEN.finditer(lex.tokenize(entry.title))
    found = {m.group(2) for m in tokens if m.group(1) != "M"}
    return found.pop() if len(found) == 1 else None


# Where a language is a national one: a paper on that state's country-code host, in that
# language, names its own government's offices without the state ("das Ministerium").
_NATIONAL_LANGUAGES = {
    "cs": ("CZ",),
    "pl": ("PL",),
    "nl": ("NL", "BE"),
    "de": ("DE", "AT", "CH"),
    "fr": ("FR", "BE", "CH", "LU"),
    "es": ("ES",),
    "it": ("IT",),
}


# Languages one state alone speaks: their paper on a generic host (".org", ".com") is that
# state's national paper too ("czech-news.org" in Czech). Spanish, Italian, German, French and
# Dutch are left out: read on a generic host, they are as often another state's paper (Latin
# America, Switzerland, Austria, Belgium) or a wire service's.
_SOLE_STATE_LANGUAGES = ("cs", "pl")
_GENERIC_HOSTS = ("com", "org", "net", "info", "news")


def _home(entry: OrklEntry, language: str) -> tuple[str | None, str]:
    for url in entry.references[:1]:
        host = host_of(url)
        cc = host.rsplit(".", 1)[-1].upper()
        if cc in _NATIONAL_LANGUAGES.get(language, ()):
            return cc, f"{host} ({language})"
        if language in _SOLE_STATE_LANGUAGES and cc.lower() in _GENERIC_HOSTS:
            (state,) = _NATIONAL_LANGUAGES[language]
            return state, f"{host} ({language}, a language only {state} speaks)"
    return None, ""


def _unqualified_office(words, sentence: str, agencies: re.Pattern | None = None) -> bool:
    """Does the sentence name a government office with no state next to it ("Ministerstvo",
    "Minister cyfryzacji Krzysztof Gawkowski")? Not the attributed agency's own name ("liés
    au ministère de la Sécurité d'État")."""
    named = [m.span() for m in agencies.finditer(sentence)] if agencies else []
    for m in words["government-noun"].finditer(sentence):
        if any(a <= m.start() < b for a, b in named):
            continue
        if _QUALIFIED_BEFORE.search(sentence, max(0, m.start() - 40), m.start()):
            continue  # "⟨A PL⟩ minister", "⟨N US⟩'s foreign ministry"
        after = _QUALIFIED_AFTER_NL if words.language == "nl" else _QUALIFIED_AFTER
        qualified = after.match(sentence, m.end())
        verb = words["blame"].search(sentence, m.end())  # its look-ahead sees the clause
        if qualified and not (verb and verb.start() < qualified.end()):
            continue  # "ministerstvo zahraničí ⟨N US⟩", "ministre ⟨A FR⟩"; but the word between
            # may be the verb whose object is the state: "Vláda označila ⟨N CN⟩ za původce"
        return True
    return False


_QUALIFIED_BEFORE = re.compile(r"⟩(?:'s|’s)?\s+(?:[\w-]+\s+)?$")
_QUALIFIED_AFTER = re.compile(
    r"\s*(?:[\w-]+\s+)?(?:(?:of|de|du|des|di|del|van)\s+)?(?:the\s+|la\s+|le\s+|l')?⟨"
)
# Dutch names the state after an office only with "van" ("het ministerie van Buitenlandse
# Zaken van ⟨N US⟩"); its "de" is the article, so "Volgens het kabinet zit de ⟨A RU⟩ GRU achter
# ..." names the office unqualified (the verb and "de" read as "ministre de ⟨N FR⟩" did not).
_QUALIFIED_AFTER_NL = re.compile(r"\s*(?:\([^)]*\)\s*)?(?:van\s+(?:de\s+|het\s+)?)?⟨")


def _document(lex: Lexicon, entry: OrklEntry) -> _Document:
    publisher, basis = _publisher(lex, entry)
    home, home_basis = _home(entry, language_of(entry))
    return _Document(
        home=home,
        home_basis=home_basis,
        publisher=publisher,
        publisher_basis=basis,
        date=_date(lex, entry, publisher is not None),
        kind=_kind(entry, lex.words(language_of(entry) or "en")),
        subject_state=_subject_state(lex, entry),
    )


def language_of(entry: OrklEntry) -> str:
    """The entry's language as an ISO 639-1 code ("" when ORKL gives none)."""
    code = (entry.language or "").strip().lower().replace("_", "-").split("-")[0]
    if len(code) > 2:  # "English", "deu": ISO 639 names and three-letter codes
        try:
            found = pycountry.languages.lookup(code)
        except LookupError:
            return code
        return getattr(found, "alpha_2", code)
    return code
