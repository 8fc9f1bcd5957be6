"""Words of public attribution: states, bodies, agencies, cues, government web sites.

The words are data (``misp_module/data/rules/``, see :mod:`misp_module.core.rules`), so an
analyst extends them without editing the package; a :class:`Lexicon` compiles one rule set
into the automata and patterns the extractor runs. Country names and codes come from
pycountry; the rules add what no maintained data set holds (short forms, demonyms, offices,
agencies, government sites, cue words). Every pattern is case-sensitive where case tells a
proper noun from a word ("US" the state, "us" the pronoun).
"""

from __future__ import annotations

import re
from functools import cached_property, lru_cache

import ahocorasick
import pycountry

from misp_module.core.literals import Literals
from misp_module.core.names import scan_form, words_only
from misp_module.core.regexgate import compile_gated
from misp_module.core.rules import RuleSet, shipped, word_alternation, word_languages

# "<Government|Ministry ...> of <state>" and "<adjective|state> government": any state.
GOVERNMENT_OF = (
    r"(?:Government|government|Ministry of Foreign Affairs|Ministry of Defen[cs]e|Foreign Ministry|"
    r"Minister of Foreign Affairs|Ministry of Justice) of (?:the )?"
)
GOVERNMENT_NOUN = (
    r"(?:[Gg]overnment|Foreign Ministry|Ministry of Foreign Affairs|[Aa]dministration)"
)

GOV_SECOND_LEVEL = ("gov", "gob", "govt", "gouv", "go", "gv")

FIRST_PERSON = compile_gated(r"\b(?:[Ww]e|[Oo]ur|[Uu]s)\b")
_DATE_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
)
_MONTH = rf"(?P<m>{_DATE_MONTHS}|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
# Each led by a look-ahead of its first character (a digit, a month's capital, the century's
# digit): the engine skips ahead to those instead of testing \b at every character of the
# header (a third of _document's time before).
DATE_PATTERNS = (
    compile_gated(rf"(?=\d)\b(?P<d>\d{{1,2}}) {_MONTH} (?P<y>(?:19|20)\d\d)\b"),
    compile_gated(rf"(?=[ADFJMNOS])\b{_MONTH} (?P<d>\d{{1,2}}), (?P<y>(?:19|20)\d\d)\b"),
    compile_gated(r"(?=[12])\b(?P<y>(?:19|20)\d\d)-(?P<m>\d\d)-(?P<d>\d\d)\b"),
)
URL_DATE = re.compile(r"/(?P<y>(?:19|20)\d\d)/(?P<m>\d\d)/(?P<d>\d\d)/")
# Stamps added by archives and CMSs, not the statement's date.
NOT_STATEMENT_DATE = re.compile(
    r"\b(?:Archived|Last review|Last updated|Updated|Retrieved|Accessed)\s*:?\s*$", re.I
)
MONTHS = {m: i for i, m in enumerate(_DATE_MONTHS.split("|"), start=1)}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())} | {"Sept": 9})

# States in a sentence are replaced by tokens before the patterns run: ⟨N CN 12⟩ for a name,
# ⟨A CN 40⟩ for a demonym, ⟨M RU 3⟩ for a metonym (the number indexes the surface form). The
# patterns then need no alternation of 600 names and demonyms, which Python's regex engine
# would try at every character: they are compiled once and run in microseconds.
TOKEN = re.compile(r"⟨([NAM]) ([A-Z]{2}) (\d+)⟩")
_NAME_T = r"⟨N [A-Z]{2} \d+⟩"
_ADJ_T = r"⟨A [A-Z]{2} \d+⟩"
_ANY_T = r"⟨[NA] [A-Z]{2} \d+⟩"
_TARGET_T = r"⟨[NM] [A-Z]{2} \d+⟩"


def alternation(entries) -> str:
    """The entries' patterns as one alternation, each under its own case flag: ``"flags": ""``
    keeps an entry case-sensitive even when its neighbours, or a pattern built around this one
    and compiled with re.I, are not (the schemas' promise)."""
    return "|".join(
        f"(?{'i' if e.get('flags', 'i') == 'i' else '-i'}:{e['pattern']})" for e in entries
    )


def _role_pattern(entries, role: str) -> re.Pattern:
    """One compiled pattern of every cue entry with ``role`` (never matching when none)."""
    chosen = [e for e in entries if e["role"] == role]
    if not chosen:
        return re.compile("(?!)")
    return compile_gated(alternation(chosen))


def _with_tokens(text: str, found: list[tuple[int, int, int]], forms) -> str:
    """``text`` with each found state span (start, stop, form index), in order and not
    overlapping an earlier one, replaced by its token."""
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


class Lexicon:
    """One rule set, compiled: what the attribution extractor reads."""

    # Grammar, not vocabulary: the same for every rule set.
    TOKEN = TOKEN
    MONTHS = MONTHS
    DATE_PATTERNS = DATE_PATTERNS
    URL_DATE = URL_DATE
    NOT_STATEMENT_DATE = NOT_STATEMENT_DATE
    FIRST_PERSON = FIRST_PERSON

    def __init__(self, rules: RuleSet) -> None:
        self.rules = rules
        self.EXTRA_NAMES = _forms_of(rules, "state-names")
        self.METONYMS = _forms_of(rules, "metonyms")
        self.ADJECTIVES = _forms_of(rules, "demonyms")
        self.BODIES = {e["pattern"]: e["party"] for e in rules.of("offices")}
        # Offices several governments name alike ("National Police Agency": Japan's, Korea's,
        # Taiwan's): every state the name may stand for, its usual one first, and whether that
        # one speaks when the text names none of them ("Foreign Office": the UK's).
        self.SHARED_OFFICES = tuple(
            (
                re.compile(e["pattern"]),
                (e["party"], *e["shared-with"]),
                e.get("when-none-named") == "party",
            )
            for e in rules.of("offices")
            if e.get("shared-with")
        )
        self.AGENCIES = self._agencies(rules)
        self.GOVERNMENT_SITES = rules.mapping("government-sites", "party")
        cues = [e for e in rules.of("attribution-cues") if e.get("language", "en") == "en"]
        self.CUE = compile_gated(
            r"\b(?:" + "|".join(e["pattern"] for e in cues if e["role"] == "cue") + r")\b", re.I
        )
        self.CUE_STEMS = tuple(
            dict.fromkeys(s for e in cues if e["role"] == "cue" for s in e["stems"])
        )
        self.SOLIDARITY = _role_pattern(cues, "solidarity")
        self.ALIGNMENT = _role_pattern(cues, "alignment")
        self.INDICTMENT = _role_pattern(cues, "indictment")
        self.SANCTIONS = _role_pattern(cues, "sanctions")
        self.NEGATION = _role_pattern(cues, "negation")
        self.REPORTED = _role_pattern(cues, "reported")
        self.LOCATION_PREPOSITIONS = tuple(  # every language's: news quotes mix them
            e["pattern"]
            for e in rules.of("attribution-cues")
            if e["role"] == "location-preposition"
        )
        self.GOVERNMENT_WORDS = frozenset(
            e["pattern"] for e in cues if e["role"] == "government-word"
        )
        # what makes a state a place or not (_is_location): "countries such as", "including", "to"
        # (attribution-words.json: place-noun, including-word, object-word; a user's file adds)
        words = rules.of("attribution-words")
        self.PLACE_NOUNS = frozenset(e["word"] for e in words if e["role"] == "place-noun")
        self.INCLUDING_WORDS = frozenset(e["word"] for e in words if e["role"] == "including-word")
        self.OBJECT_WORDS = frozenset(e["word"] for e in words if e["role"] == "object-word")
        # "The Cyber Security Bureau of the National Police Agency": a unit's noun before its
        # office's "of" (attribution-words.json, unit-noun)
        self.UNIT_NOUNS = frozenset(e["word"] for e in words if e["role"] == "unit-noun")
        # "North America", "New Jersey": places whose names hold a state's, never tokenised
        # (attribution-words.json, place-name; a user's file adds)
        self.PLACE_NAMES = tuple(e["word"] for e in words if e["role"] == "place-name")
        # "during a visit to Australia": no "attributed ... to" (attribution-words.json,
        # journey-noun; a user's file adds)
        self.JOURNEY_NOUNS = tuple(e["word"] for e in words if e["role"] == "journey-noun")
        # "with the support of NATO, ...", "con el apoyo de", "s podporou" (attribution-cues,
        # role support): who follows backs the clause's attribution, who precedes makes it
        # (attribution-words.json, with-support; every language's: news quotes mix them)
        # "companies linked to the IRGC", "empresas vinculadas a": a firm the linking word ties
        # to a state is a front of its actor (attribution-words.json, front-noun; every
        # language's, as a regular-expression alternation)
        self.FRONT_NOUNS = word_alternation(e for e in words if e["role"] == "front-noun") or "(?!)"
        # persons of an agency before its preposition ("officials of", "officiers du"): the
        # English nouns and the other languages' (attribution-words.json, member-noun)
        members = [e for e in words if e["role"] == "member-noun"]
        self.MEMBER_NOUNS = (
            word_alternation(e for e in members if "en" in word_languages(e)) or "(?!)",
            word_alternation(e for e in members if set(word_languages(e)) - {"en"}) or "(?!)",
        )
        # the persons a charge names ("indicted seven nationals", "an individual hacker") and the
        # head or officer of an agency after "its" ("and its minister"): attribution-words.json,
        # roles charged-person and agency-person
        self.CHARGED_PERSONS, self.AGENCY_PERSONS = (
            word_alternation(e for e in words if e["role"] == role) or "(?!)"
            for role in ("charged-person", "agency-person")
        )
        # "advice from", "The investigation was led by": advice-noun, inquiry-noun, inquiry-verb
        # and "under the direction of" (acts-for)
        self.ADVICE_NOUNS, self.INQUIRY_NOUNS, self.INQUIRY_VERBS, self.ACTS_FOR = (
            word_alternation(e for e in words if e["role"] == role) or "(?!)"
            for role in ("advice-noun", "inquiry-noun", "inquiry-verb", "acts-for")
        )
        # "the cyberattack on NATO ally Albania": what a state is to someone (relation-noun)
        self.RELATION_NOUNS = (
            word_alternation(e for e in words if e["role"] == "relation-noun") or "(?!)"
        )
        # "Jim Jordan said": a state's name that is also a person's (person-state-name)
        self.PERSON_STATE_NAMES = frozenset(
            e["word"] for e in words if e["role"] == "person-state-name"
        )
        # "IP addresses ... traced back to China": where an attack's machines are, no actor
        # (attribution-words.json, infrastructure-noun)
        self.INFRASTRUCTURE_NOUNS = (
            word_alternation(e for e in words if e["role"] == "infrastructure-noun") or "(?!)"
        )
        # the verbs of a Title Case headline before its object ("UK, US Blame Russia For ..."):
        # a capitalised word, no given name (attribution.persons._person; role headline-verb)
        self.HEADLINE_VERB = re.compile(
            word_alternation(e for e in words if e["role"] == "headline-verb") or "(?!)"
        )
        self.WITH_SUPPORT = re.compile(
            rf"(?:{word_alternation(e for e in words if e['role'] == 'with-support')})\b"
        )
        self._body_codes: dict[str, str | None] = {}
        self._agency_states: dict[str, str | None] = {}
        self._words: dict[str, Words] = {}
        self.LANGUAGES = frozenset(
            ["en"] + [e["language"] for e in rules.of("attribution-cues") if e.get("language")]
        )

    def words(self, language: str) -> Words:
        """The words of one language (English ones included), compiled once."""
        language = language if language in self.LANGUAGES else "en"
        if language not in self._words:
            self._words[language] = Words(self, language)
        return self._words[language]

    @staticmethod
    def _agencies(rules: RuleSet) -> dict[str, str]:
        """pattern -> state, with each literal alias as a pattern of its own."""
        table: dict[str, str] = {}
        for e in rules.of("agencies"):
            table[e["pattern"]] = e["state"]
            for alias in e.get("aliases", ()):
                table.setdefault(re.escape(alias), e["state"])
        return table

    # --- cues --------------------------------------------------------------------------

    @cached_property
    def _cue_automaton(self) -> ahocorasick.Automaton:
        automaton = ahocorasick.Automaton()
        for stem in self.CUE_STEMS:
            automaton.add_word(stem, len(stem))
        automaton.make_automaton()
        return automaton

    @cached_property
    def _cue_literals(self) -> tuple[Literals, tuple[tuple[str, ...], ...]] | None:
        # The stems are looked for in the text's scan form (shared with the name scan), as
        # the scan form writes them ("co-signed" is "co signed"): it holds every stem where the
        # lower-cased text does when stems are lower-case ASCII; it has more (punctuation
        # became spaces), checked below. Per scan-form key, the stems written that way.
        if not all(stem.isascii() and stem == stem.lower() for stem in self.CUE_STEMS):
            return None
        spelled: dict[str, list[str]] = {}
        for stem in self.CUE_STEMS:
            spelled.setdefault(words_only(stem), []).append(stem)
        return Literals(list(spelled)), tuple(tuple(v) for v in spelled.values())

    def cue_positions(self, text: str) -> list[int]:
        """Where CUE matches in ``text``, in order."""
        literals = self._cue_literals
        form = scan_form(text) if literals is not None else None
        if form is not None and form.lower_keeps_length:
            keys, stems = literals
            found = []
            last = -1
            for start, i in keys.find(form):
                # text[k].isalnum() is lowered[k].isalnum() when lower-casing keeps the length
                if start <= last or (start and text[start - 1].isalnum()):
                    continue
                written = text[start : start + len(keys.words[i])].lower()
                if written not in stems[i]:
                    continue  # "linked-to": a stem in the scan form only
                m = self.CUE.match(text, start)
                if m:
                    found.append(start)
                    last = m.end()
            return found
        return self._cue_positions_lowered(text)

    def _cue_positions_lowered(self, text: str) -> list[int]:
        """The same, from the stems in the lower-cased text (any stem; no scan form)."""
        lowered = text.lower()
        if len(lowered) != len(text):
            return [m.start() for m in self.CUE.finditer(text)]
        found = []
        last = -1
        for end, length in self._cue_automaton.iter(lowered):
            start = end - length + 1
            if start <= last or (start and lowered[start - 1].isalnum()):
                continue
            m = self.CUE.match(text, start)
            if m:
                found.append(start)
                last = m.end()
        return found

    # --- states ----------------------------------------------------------------------------

    @cached_property
    def _state_names(self) -> dict[str, str]:
        names = dict(_pycountry_names())
        names.update(self.EXTRA_NAMES)
        return names

    def state_names(self) -> dict[str, str]:
        """Surface form -> alpha-2 for state *names* (not adjectives), pycountry + rules."""
        return self._state_names

    @cached_property
    def _forms(self) -> list[tuple[str, str, str]]:
        """(surface form, kind, code) for every state name (N), demonym (A) and metonym (M)."""
        names = self.state_names()
        rows = [(f, "N", c) for f, c in names.items()]
        rows += [(f, "A", c) for f, c in self.ADJECTIVES.items() if f not in names]
        rows += [(f, "M", c) for f, c in self.METONYMS.items() if f not in names]
        return rows

    @cached_property
    def _gazetteer(self) -> ahocorasick.Automaton:
        automaton = ahocorasick.Automaton()
        for i, (form, _, _) in enumerate(self._forms):
            automaton.add_word(form, i)
        automaton.make_automaton()
        return automaton

    def tokenize(self, text: str) -> str:
        """``text`` with its states as tokens; names inside bodies and agencies stay as written."""
        forms = self._forms
        found = []
        n = len(text)
        for end, i in self._gazetteer.iter(text):
            start = end - len(forms[i][0]) + 1
            if (start and text[start - 1].isalnum()) or (end + 1 < n and text[end + 1].isalnum()):
                continue
            found.append((start, end + 1, i))
        if not found:
            return text  # most sentences name no state: no need to look for bodies and agencies
        protected = [m.span() for m in self._body_pattern.finditer(text)]
        protected += [m.span() for m in self._agency_literal.finditer(text)]
        protected += [m.span() for m in self.place_names.finditer(text)]
        found = [f for f in found if not any(a <= f[0] < b for a, b in protected)]
        if not found:
            return text
        found.sort(key=lambda f: (f[0], -f[1]))  # leftmost-longest: "North Korea", not "Korea"
        return _with_tokens(text, found, forms)

    def detokenize(self, text: str) -> str:
        forms = self._forms
        return TOKEN.sub(lambda m: forms[int(m.group(3))][0], text)

    @cached_property
    def _body_pattern(self) -> re.Pattern:
        alternatives = "|".join(f"(?:{b})" for b in sorted(self.BODIES, key=len, reverse=True))
        return compile_gated(rf"(?<![\w.])(?:{alternatives})(?![\w])")

    @cached_property
    def place_names(self) -> re.Pattern:
        # a state's name inside a place's ("North America") is no state
        names = "|".join(re.escape(n) for n in sorted(self.PLACE_NAMES, key=len, reverse=True))
        return compile_gated(rf"\b(?:{names})\b" if names else "(?!)")

    @cached_property
    def _agency_literal(self) -> re.Pattern:
        # Agencies whose names hold a state name ("... of the Russian Federation").
        names = self.state_names()
        held = [a for a in self.AGENCIES if any(f in a for f in names)]
        return compile_gated("|".join(held) or "(?!)")

    def patterns(self) -> dict[str, re.Pattern]:
        return self._patterns

    @cached_property
    def _patterns(self) -> dict[str, re.Pattern]:
        """The patterns, over tokenized text (see :meth:`tokenize`)."""
        NAME, ADJ, ANY, TARGET_NAME = _NAME_T, _ADJ_T, _ANY_T, _TARGET_T
        AGENCY = "|".join(sorted(self.AGENCIES, key=len, reverse=True))
        journey = "".join(rf"(?<!\b{re.escape(w)})" for w in self.JOURNEY_NOUNS)
        bounded = r"(?<![\w.])(?:{})(?![\w])"
        return {
            "name": compile_gated(bounded.format(f"(?P<st>{NAME})") + r"(?P<poss>'s)?"),
            "body": self._body_pattern,
            "government_of": compile_gated(rf"{GOVERNMENT_OF}(?P<st>{NAME})"),
            "government_noun": compile_gated(
                rf"(?<![\w.])(?:the )?(?P<st>{ANY})(?:'s)? {GOVERNMENT_NOUN}\b"
            ),
            "territory": compile_gated(
                rf"\b(?:from|on) (?:the )?territory of (?:the )?(?P<st>{NAME})"
                rf"|\bfrom (?P<st2>{NAME})'s territory\b"
                rf"|\b(?:undertaken|conducted|carried out|originat\w+|launched) from (?:the )?(?P<st3>{NAME})"
                r"|\bfrom (?P<its>its) territory\b",
                many=True,
            ),
            "agency_name": compile_gated(rf"(?<![\w/])(?:{AGENCY})(?![\w/])"),
            "agency": compile_gated(
                rf"(?:(?:the )?(?P<st>{ANY})(?:'s)? )?(?:(?:military|intelligence|security) )*"
                rf"(?<![\w/])(?P<agency>{AGENCY})(?![\w/])"
            ),
            "sponsored": compile_gated(
                # a Title Case headline capitalises them: "Chinese State-Sponsored Hacking Group"
                rf"(?P<st>{ANY})(?: \([^)]{{1,12}}\))?[- ](?:[Ss]tate[- ]|[Gg]overnment[- ])?"
                r"(?:[Ss]ponsored|[Bb]acked|[Dd]irected|[Aa]ffiliated|[Ll]inked)\b"
                # "at the direction of the Chinese state", "on the orders of the Kremlin",
                # "hackers employed by the Chinese government"
                rf"|\b(?:(?:sponsored|backed|directed|tasked|supported|employed|hired|paid|"
                rf"recruited|funded|financed) by|(?:at|under) the "
                rf"(?:direction|behest|instruction|command) of|on (?:the )?orders of) "
                rf"(?:the )?(?P<st2>{ANY}|⟨M [A-Z]{{2}} \d+⟩)"
                rf"(?: (?:government|state|regime)\b)?"
                rf"|\b(?:on behalf of|(?:acting|working|works?|worked|acts?|acted) for|prox(?:y|ies) "
                rf"(?:of|for)) (?:the )?(?P<st3>{ANY})(?:'s|’s)? "
                rf"(?:government|state|regime|intelligence services)\b"
                # "on behalf of the government of North Korea"
                rf"|\b(?:on behalf of|(?:acting|working|works?|worked|acts?|acted) for) the "
                rf"(?:government|regime) of (?:the )?(?P<st5>{NAME})"
                # "North Korean regime hackers", "an Iranian government proxy"
                rf"|(?P<st4>{ADJ}) (?:state|government|regime)(?:[- ]sponsored)? "
                rf"(?:(?:cyber )?(?:actors?|hackers|groups?)|prox(?:y|ies))\b",
                many=True,
            ),
            "state": compile_gated(
                rf"\b(?:[Gg]overnment|[Rr]egime) of (?:the )?(?P<st>{NAME})"
                rf"|(?P<st2>{ANY})(?:'s)? (?:[Gg]overnment|[Rr]egime|state)\b"
                # "the Chinese government agents directing ...": persons acting for the state
                r"(?![- ](?:sponsored|backed|directed|affiliated|actors?|hackers|groups?|cyber|"
                r"agents?\b|operatives))"
                rf"|\b(?:attribut\w+|responsibility)\b[^.;]{{0,160}}?{journey} (?:to|on) "
                rf"(?:the )?(?P<st3>{TARGET_NAME})"
                # "han atribuido la responsabilidad de un ataque a las redes de Microsoft ... a la
                # República Popular China", "attribuée ... à la Russie": the dative of the verb,
                # not the object of an attack noun ("ataque a", "attaque contre")
                rf"|\b(?:atribu|attribu)\w+\b[^.;]{{0,160}}?(?<!ataque)(?<!ataques)(?<!attaque)"
                rf"(?<!attaques)(?<!attacco)(?<!attacchi) [\"“«]?(?:a|à|al|alla|allo) "
                rf"(?:la |el |l'|l’|le |lo )?(?P<st6>{TARGET_NAME})"
                # "blamed the attack on Russia", but not "blamed Russia for a cyberattack on
                # Georgia": a state between the verb and "on" is the one blamed, after it a victim
                rf"|\bblam\w+[^.;⟨]{{0,80}}? on (?:the )?(?P<st4>{TARGET_NAME})"
                rf"|(?P<st5>{TARGET_NAME}) (?:is|was|are|were) (?:\w+ ){{0,2}}(?:responsible|behind)\b",
                many=True,
            ),
            "individuals": compile_gated(
                rf"\b(?:indict\w*|charg(?!\w* d['’]affaires)\w*|sanction\w*|designat\w*|"
                rf"restrictive measures)\b[^.;]{{0,200}}?"
                rf"(?:(?:\w+ ){{0,2}}(?P<st>{ADJ}) )?(?:[\w-]+ ){{0,2}}"
                rf"\b(?P<who>{self.CHARGED_PERSONS})\b"
                # "hacker entities", "hacker groups": a noun of persons that only modifies a
                # group's is no person
                r"(?!\s+(?:entit(?:y|ies)|groups?|gangs?|crews?|collectives?|units?|teams?))",
                many=True,
            ),
        }

    def state_of(self, form: str) -> str | None:
        """The alpha-2 code of a token (or of a surface form)."""
        m = TOKEN.fullmatch(form)
        if m:
            return m.group(2)
        return self.state_names().get(form) or self.ADJECTIVES.get(form) or self.METONYMS.get(form)

    @cached_property
    def person_state_codes(self) -> frozenset[str]:
        """The states of the person-state-name words ("Jordan" -> JO)."""
        return frozenset(filter(None, map(self.state_of, self.PERSON_STATE_NAMES)))

    @cached_property
    def _compiled_bodies(self) -> list[tuple[re.Pattern, str]]:
        return [(re.compile(p), code) for p, code in self.BODIES.items()]

    @cached_property
    def _compiled_agencies(self) -> list[tuple[re.Pattern, str]]:
        return [(re.compile(p), code) for p, code in self.AGENCIES.items()]

    def body_code(self, text: str) -> str | None:
        if text not in self._body_codes:
            self._body_codes[text] = next(
                (code for p, code in self._compiled_bodies if p.fullmatch(text)), None
            )
        return self._body_codes[text]

    def agency_state(self, text: str) -> str | None:
        if text not in self._agency_states:
            self._agency_states[text] = next(
                (code for p, code in self._compiled_agencies if p.fullmatch(text)), None
            )
        return self._agency_states[text]

    def site_party(self, host: str) -> str | None:
        """The government or body publishing on ``host`` (no ``www.``), or None."""
        parts = host.split(".")
        for i in range(len(parts) - 1):
            found = self.GOVERNMENT_SITES.get(".".join(parts[i:]))
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


def _forms_of(rules: RuleSet, kind: str, language: str | None = None) -> dict[str, str]:
    """form -> state of one kind: the forms for every text, or those of ``language`` only."""
    return {e["name"]: e["state"] for e in rules.of(kind) if e.get("language") == language}


_ROLES = (
    "cue",
    "blame",
    "responsible",
    "government-noun",
    "agency-noun",
    "membership",
    "reported-act",
    "appeal-verb",
    "expulsion",
    "linked-after",
    "group-controlled",
    "sponsorship",
    "actor-noun",
    "denial",
    "hedge",
    "background",
    "support",
    "anaphor",
    "joint-statement",
    "advisory",
    "indictment",
    "sanctions",
    "solidarity",
    "negation",
    "reported",
    "event-noun",
    "source",
    "territory",
    "comparison",
    "passive-agent",
    "passive-target",
    "finding",
    "linking",
    "solidarity-with",
    "country-anaphor",
    "investigation",
    "declaration",
    "compilation",
    "victim-verb",
    "victim-passive",
    "aid-verb",
    "aid-verb-after",
    "addressee-verb",
    "within",
    "joined-assessment",
    "stood-with",
    "prospective",
    "attacker-noun",
)


class Words:
    """The attribution words of one language, with the English ones (texts mix them), and a
    gazetteer of states that knows the language's names, demonyms and stems."""

    def __init__(self, lex: Lexicon, language: str) -> None:
        self.language = language
        self.lex = lex
        entries = [
            e
            for e in lex.rules.of("attribution-cues")
            if e.get("language", "en") in ("en", language)
        ]
        self.patterns: dict[str, re.Pattern] = {}
        self.sources: dict[str, str] = {}
        for role in _ROLES:
            chosen = [e for e in entries if e["role"] == role]
            if not chosen:
                self.patterns[role] = re.compile("(?!)")
                self.sources[role] = "(?!)"
                continue
            self.patterns[role] = compile_gated(alternation(chosen))
            # The grammar's phrases (attribution.grammar._Grammar) build on these words as written:
            # there they match case-sensitively whatever an entry's flags say.
            self.sources[role] = "|".join(f"(?:{e['pattern']})" for e in chosen)
        cue = alternation(e for e in entries if e["role"] == "cue")
        self.CUE = compile_gated(rf"(?<!\w)(?:{cue})")
        rules = lex.rules
        self.forms: list[tuple[str, str, str]] = list(lex._forms)
        if language != "en":
            # Every language's forms: one form (a stem like "Russisch*") is written once
            # though two languages share it, and a news text quotes names in others.
            seen = {f for f, _, _ in self.forms}
            for kind, letter in (("state-names", "N"), ("demonyms", "A"), ("metonyms", "M")):
                for e in rules.of(kind):
                    if e.get("language") and e["name"] not in seen:
                        self.forms.append((e["name"], letter, e["state"]))
        self.bodies = {
            e["pattern"]: e["party"]
            for e in rules.of("offices")
            if e.get("language") in (None, language)
        }
        alternatives = "|".join(f"(?:{b})" for b in sorted(self.bodies, key=len, reverse=True))
        self.body_pattern = compile_gated(rf"(?<![\w.])(?:{alternatives})(?![\w])")
        self._gazetteer = ahocorasick.Automaton()
        for i, (form, _, _) in enumerate(self.forms):
            self._gazetteer.add_word(form.rstrip("*"), i)
        for i, (form, _, _) in enumerate(self.forms):
            # a demonym written in lower case starts a name or a sentence with a capital
            # ("Brytyjskie Centrum Cyberbezpieczeństwa", "Rosyjscy hakerzy")
            word = form.rstrip("*")
            if word[:1].islower() and word[:1].upper() + word[1:] not in self._gazetteer:
                self._gazetteer.add_word(word[:1].upper() + word[1:], i)
        self._gazetteer.make_automaton()

    def __getitem__(self, role: str) -> re.Pattern:
        return self.patterns[role]

    def source(self, role: str) -> str:
        """The role's entries as one alternation for a longer phrase (see ``sources``)."""
        return self.sources[role]

    def cue_positions(self, text: str) -> list[int]:
        if self.language == "en":
            return self.lex.cue_positions(text)
        return [m.start() for m in self.CUE.finditer(text)]

    def body_code(self, text: str) -> str | None:
        code = self.lex.body_code(text)
        if code:
            return code
        return next((c for p, c in self.bodies.items() if re.fullmatch(p, text)), None)

    def tokenize(self, text: str) -> str:
        """``text`` with its states as tokens ⟨K CC i⟩; a stem (``Russland*``) takes the rest
        of its word; names inside offices and agencies stay as written."""
        if self.language == "en":
            return self.lex.tokenize(text)
        forms = self.forms
        protected = [m.span() for m in self.body_pattern.finditer(text)]
        protected += [m.span() for m in self.lex._agency_literal.finditer(text)]
        protected += [m.span() for m in self.lex.place_names.finditer(text)]
        found = []
        n = len(text)
        for end, i in self._gazetteer.iter(text):
            form = forms[i][0]
            stem = form.endswith("*")
            start = end - len(form.rstrip("*")) + 1
            stop = end + 1
            if start and text[start - 1].isalnum():
                continue
            if stem:
                while stop < n and text[stop].isalnum():
                    stop += 1
            elif stop < n and text[stop].isalnum():
                continue
            if any(a <= start < b for a, b in protected):
                continue
            found.append((start, stop, i))
        if not found:
            return text
        # leftmost-longest; on a tie the longer form, the more specific stem ("Deutschland*"
        # over "Deutsch*", the demonym "Rosjan*" over the name "Rosj*": "Rosjanie" are
        # persons), then a name before a demonym
        found.sort(key=lambda f: (f[0], -f[1], -len(forms[f[2]][0]), forms[f[2]][1] != "N"))
        return _with_tokens(text, found, forms)

    def detokenize(self, text: str) -> str:
        return TOKEN.sub(lambda m: self.forms[int(m.group(3))][0].rstrip("*"), text)


@lru_cache(maxsize=1)
def _pycountry_names() -> dict[str, str]:
    names: dict[str, str] = {}
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            form = getattr(c, attr, None)
            if form and "," not in form and "(" not in form:
                names.setdefault(form, c.alpha_2)
    return names


_LEXICONS: dict[str, Lexicon] = {}


def lexicon(rules: RuleSet | None = None) -> Lexicon:
    """The compiled lexicon of ``rules`` (the shipped rules by default), built once."""
    rules = rules or shipped()
    found = _LEXICONS.get(rules.fingerprint)
    if found is None:
        if len(_LEXICONS) >= 8:  # a few rule sets at most; a server never grows without bound
            _LEXICONS.pop(next(iter(_LEXICONS)))
        found = _LEXICONS[rules.fingerprint] = Lexicon(rules)
    return found
