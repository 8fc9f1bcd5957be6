"""Genres that say who attributes their own way: joint advisories, indictments, sanctions.

The clause reader (:mod:`misp_module.core.attribution`) finds who speaks in the sentence that
attributes. Three genres put the speaker, or the limits of what counts, elsewhere:

- **Joint advisories** list their co-authoring (co-sealing) agencies once, in the header or the
  first sentences ("This joint advisory is co-authored by the FBI, CISA, NSA, the UK's NCSC,
  ..."; news: "cybersecurity agencies from the US, the UK, Australia, ..."), then speak as "the
  authoring agencies". Every co-author is an attributing party of the attributions the advisory
  makes (a sentence in its voice, or one that names the advisory), each with its state; the
  level comes from the attributing clause, the statement type is ``advisory``.
- **Indictments** are brought by prosecutors whom the text may name only as "federal
  prosecutors", "la justice américaine", "il Dipartimento di Giustizia": a charging sentence
  with a target and no speaker of its own takes them as its party. Defendants named with their
  state ("a North Korean programmer", "sette hacker cinesi") are ``individuals``; a clause that
  charges in other words ("acusó formalmente", "incriminato") is an ``indictment``.
- **Sanctions notices** count only when the sanction is a cyber one: a sanctions sentence with
  no cyber word in it, its paragraph or the title attributes nothing; neither does a state that
  only locates a criminal gang ("members of the Russia-based Trickbot cybercrime gang").

The words are rules data (kind ``attribution-genres``, per language, English always included);
everything here is regular expressions over the sentence with its states as tokens (see
:meth:`misp_module.core.lexicon.Lexicon.tokenize`), read once per document and per sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from misp_module.core.attribution.places import _BEFORE_OFFICE, _SAYS
from misp_module.core.attribution.splitting import _SPACES
from misp_module.core.lexicon import alternation
from misp_module.core.regexgate import compile_gated, may_match
from misp_module.core.rules import attribution_word_entries, word_alternation

COAUTHOR = "co-author of the advisory"
DESIGNEE = "goes on about the designee of its"
_NAMED_AGAIN = re.compile(
    r"((?!The\b|This\b|It\b)[A-Z][\w&.-]+(?: [A-Z][\w&.-]+){0,3}) "
    r"(?:has|have|is|are|was|were|had|faces?|remains?)\b"
)
_STATE = re.compile(r"⟨([NA]) ([A-Z]{2}) \d+⟩")
# The end of the list's sentence: a full stop not after a capital ("U.S." goes on).
_LIST_END = compile_gated(r"(?<![A-Z])[.!?](?=\s+[A-Z⟨\"“(]|\s*$)|\n[ \t\r]*\n")
# (attribution-words.json, roles office-preposition and office-article: an elided article
# takes no space)
_OFFICE_OF = word_alternation(attribution_word_entries("office-preposition"))
_OFFICE_ARTICLES = word_alternation(attribution_word_entries("office-article"), " ")
_AFTER_OFFICE = re.compile(
    rf"(?:-|\s*\((?:[\w.-]*-)?|\s+(?:{_OFFICE_OF}) (?:{_OFFICE_ARTICLES})?)"
    r"(⟨[NA] [A-Z]{2} \d+⟩)"
)
HEADER = 5000  # where an advisory lists its co-authors: its header and first sentences
# A state or its capital as the first words of a sentence (after an article): its subject.
# "charged in the U.S.", "inculpés aux États-Unis", "angeklagt in den USA"
# (attribution-words.json, roles charge-preposition and charge-article)
_CHARGE_IN = word_alternation(attribution_word_entries("charge-preposition"))
_CHARGE_ARTICLES = word_alternation(attribution_word_entries("charge-article"))
_CHARGED_IN = re.compile(
    rf"\s+(?:{_CHARGE_IN})\s+(?:(?:{_CHARGE_ARTICLES})\s+)?(⟨N ([A-Z]{{2}}) \d+⟩)"
)
# (attribution-words.json, role alliance-noun)
_ALLIANCE_GOVERNMENTS = re.compile(
    rf"\b(?:{word_alternation(attribution_word_entries('alliance-noun'))})\b"
)
_PERFECT_PASSIVE = re.compile(
    r"\b(?:has|have|had) (?:also )?been (?:\w+ )?(?:sanctioned|designated)\b"
)
# A word that makes a list of states a list of their agencies ("agencies from the US, ...").
# (attribution-words.json, role agency-stem: a word's start, no boundary after)
_AGENCY_WORD = re.compile(rf"(?i)\b(?:{word_alternation(attribution_word_entries('agency-stem'))})")
# (attribution-words.json, role sentence-article)
_ARTICLE = re.compile(
    rf"(?:(?:{word_alternation(attribution_word_entries('sentence-article'))}) )?"
)
_SUBJECT = re.compile(r"(⟨[NM] ([A-Z]{2}) \d+⟩)")
_ROLES = (
    "coauthors",
    "advisory",
    "advisory-voice",
    "list-stop",
    "charge",
    "person",
    "cyber",
    "crime",
    "based",
    "accuse-persons",
    "justice-office",
    "justice-accuse",
    "advisory-anaphor",
    "standing",
    "designee",
    "non-cyber",
    "physical-act",
    "sanction",
    "allies",
    "state-organ",
)
_NEVER = re.compile("(?!)")
# the party's own words in a row's basis ("text: 'Departamento de Justicia' (a sentence before)")
_PARTY_NAMED = re.compile(r"text: '([^']*)'")


def _found(pattern: re.Pattern, text: str) -> re.Match | None | bool:
    """``pattern.search(text)``, or False at once where no word its matches hold is in the
    text (regexgate.may_match)."""
    return may_match(pattern, text) and pattern.search(text)


class GenreWords:
    """The genre words of one language (with the English ones), compiled once."""

    def __init__(self, rules, language: str) -> None:
        entries = [
            e for e in rules.of("attribution-genres") if e.get("language", "en") in ("en", language)
        ]
        self.patterns: dict[str, re.Pattern] = {}
        for role in _ROLES:
            chosen = [e for e in entries if e["role"] == role]
            if not chosen:
                self.patterns[role] = _NEVER
                continue
            self.patterns[role] = compile_gated(alternation(chosen))
        # who charges and who sanctions: (pattern, state) in file order; each an alternation
        # of names led by a word boundary, searched in whole texts (a text's first 20,000
        # characters): led by a look-ahead of their first characters (regexgate, many=True),
        # which makes a search 1.3x to 2x faster, the same matches
        self.bodies = {
            role: [
                (
                    compile_gated(
                        e["pattern"], re.I if e.get("flags", "i") == "i" else 0, many=True
                    ),
                    e["state"],
                )
                for e in entries
                if e["role"] == role
            ]
            for role in ("prosecutors", "sanctioners", "capital")
        }
        self.alliances = [
            (re.compile(e["pattern"], re.I if e.get("flags", "i") == "i" else 0), e["members"])
            for e in entries
            if e["role"] == "alliance"
        ]

    def __getitem__(self, role: str) -> re.Pattern:
        return self.patterns[role]


_STATE_TOKEN = re.compile(r"⟨[NAM] ([A-Z]{2}) \d+⟩")


def organ_states(words, tokenized: str) -> set[str]:
    """The states a tokenized text names with an organ right after them ("the General Staff of
    the Russian Armed Forces") or with officers of their services among the nationals it
    charges ("Twelve Chinese nationals, including ... law enforcement officers"): role
    state-organ. Persons charged as such a state's nationals are no mere criminals of it."""
    organ = genre_words(words)["state-organ"]
    return {
        m.group(1)
        for m in _STATE_TOKEN.finditer(tokenized)
        if organ.match(tokenized[m.end() : m.end() + 200])
    }


def genre_words(words) -> GenreWords:
    """The genre words for a :class:`~misp_module.core.lexicon.Words`, cached on it."""
    found = getattr(words, "_genre_words", None)
    if found is None:
        found = words._genre_words = GenreWords(words.lex.rules, words.language)
    return found


@dataclass
class Genres:
    """What the document's genre says beyond its sentences: who co-authored its advisory."""

    words: object  # the Words of the text's language
    gw: GenreWords
    text: str
    title: str
    advisory_doc: bool = False  # the text itself is an advisory (its header says so)
    # the text reports a joint statement (its header says so, English): its co-signers are
    # read as an advisory's co-authors are, and their rows stay joint statements
    joint_doc: bool = False
    _header: list[tuple[str, str]] | None = None
    _named: dict = field(default_factory=dict)  # role -> the one body the text names
    _asked: str | None = None  # the last sentence _names_advisory read, and its answer
    _answer: bool = False
    _acts_of: str | None = None  # the last sentence _acts read, and its answer
    _acts_are: tuple[bool, bool] = (False, False)
    _organs: set[str] | None = None  # _organ_states, read once

    def _organ_states(self) -> set[str]:
        """:func:`organ_states` of the whole text (title and body), read once when asked."""
        if self._organs is None:
            self._organs = organ_states(
                self.words, self.words.tokenize(f"{self.title}\n{self.text}")
            )
        return self._organs

    def coauthors(self, sentence) -> list[tuple[str, str]]:
        """The advisory's co-authors with the words that name them: those its header lists
        (read once), and those listed in or just before the sentence (news: "agencies from
        the US, the UK, ... warned in a joint advisory that ..."). Read only when a sentence
        speaks for an advisory: most texts never do, and a whole-text scan costs."""
        if self._header is None:
            self._header = _read_coauthors(self, 0, min(len(self.text), HEADER))
        if sentence.field != "plain_text" or sentence.end <= HEADER:
            return self._header
        near = _read_coauthors(self, max(HEADER, sentence.start - 600), sentence.end)
        merged = dict(self._header)
        for code, basis in near:
            merged.setdefault(code, basis)
        return list(merged.items())

    # -- sentence by sentence ---------------------------------------------------------------

    def targets(self, sentence, tokenized: str, targets: list, make) -> list:
        """The clause reader's ``targets`` of one sentence, with what the genre adds (the
        defendants it names with their state) and without what it rules out (a state that
        only locates, a criminal gang, a sanction that is not a cyber one). ``make`` builds
        a target from (state, level, span)."""
        if not targets and "⟨A" not in tokenized:
            return targets  # nothing to drop, and no demonym to name a defendant by
        if targets and tokenized.count("⟨") > 1 and self._names_advisory(sentence.text):
            # "gemeinsam mit Behörden aus den USA, Großbritannien und Japan": a state in the
            # list of an advisory's authors is one of them, never the one held responsible
            lists = [
                _list_span(self.gw, tokenized, m) for m in self.gw["coauthors"].finditer(tokenized)
            ]
            targets = [t for t in targets if not any(a <= t.span[0] < b for a, b in lists)]
        charging, sanctions = self._acts(tokenized)
        if not (charging or sanctions):
            return targets
        out = [t for t in targets if not self._only_located(tokenized, t)]
        have = {(t.state, t.level) for t in out}
        for state, span in self._defendants(tokenized):
            if (state, "individuals") not in have:
                out.append(make(state, "individuals", span))
                have.add((state, "individuals"))
        state_tied = any(t.level in ("state", "state-agency", "state-sponsored") for t in out)
        if (
            out
            and not state_tied
            and self.gw["crime"].search(tokenized)
            # (but "charged six citizens of the Russian Federation with cybercrimes", in a
            # text that names "the General Staff of the Russian Armed Forces")
            and not {t.state for t in out} <= self._organ_states()
        ):
            return []  # "eleven members of a cybercrime gang": criminals, no state's
        if (
            out
            and sanctions
            and not charging
            and _PERFECT_PASSIVE.search(sentence.text)
            and not _SAYS.search(sentence.text)
        ):
            return []  # "the group has been sanctioned by the US Treasury": a profile recalls it
            # (but "... have been sanctioned over attacks ..., Oliver Dowden told the House of
            # Commons": a government announcing its act)
        other_act = sanctions and not charging and self.gw["non-cyber"].search(tokenized)
        if out and other_act and not self._cyber(sentence):
            return []  # "sanctions on Russian oligarchs over the war": not a cyber act
        return out

    def parties(self, sentence, tokenized: str, targets: list, parties: list) -> list:
        """``parties`` of a sentence with ``targets``, with the advisory's co-authors when the
        sentence speaks for the advisory, or the prosecutors when it charges and names no
        one else."""
        if not targets:
            return parties
        attributed = {t.state for t in targets}
        have = {code for code, _ in parties} | attributed
        out = list(parties)
        voice = self._advisory_voice(sentence, parties)
        if voice or self._allies(sentence, tokenized, parties):
            authors = dict(self.coauthors(sentence))
            # a co-author the sentence names itself speaks for the advisory too, unless the
            # allies' sentence names its own act ("... and its allies accused Russia in a
            # joint statement": that party's row stays the joint statement)
            own = voice or not _found(self.words["joint-statement"], sentence.text)
            out = [(c, f"{b} ({COAUTHOR})" if c in authors and own else b) for c, b in out]
            for code, basis in authors.items():
                if code not in have:
                    out.append((code, f"{basis} ({COAUTHOR})"))
                    have.add(code)
        if out or self.words["reported"].search(sentence.text):
            return out  # "The researchers said ... was sanctioned by OFAC": a vendor speaks
        out = self._alliance(tokenized, attributed)
        if out:
            return out
        charging, sanctions = self._acts(tokenized)
        if charging:
            role = "prosecutors"
        elif sanctions:
            if self.gw["standing"].search(sentence.text):
                return out  # "APT 28 steht bereits auf der Sanktionsliste der EU": recalled
            role = "sanctioners"
        else:
            return self._designee(sentence, attributed)
        found = self._body(sentence.text, role) or self._charging_subject(tokenized, role)
        if not found and role == "prosecutors":
            # Only an indictment takes its charging body from elsewhere in the text: a
            # sanctioning body named elsewhere is too often another act's (tried: on the fresh
            # split it found two right states and one wrong state and level)
            found = self._text_body(role)
        if found and found[0] not in attributed:
            out.append(found)
        return out

    def finish(self, rows: dict) -> None:
        """The statement type the genre gives: ``advisory`` for a co-author's rows,
        ``indictment`` for a clause that charges in words the clause reader's list lacks."""
        for key, a in list(rows.items()):
            kind = a.statement_type
            if a.basis.endswith(f"({COAUTHOR})") and kind in ("statement", "joint-statement"):
                kind = "joint-statement" if self.joint_doc else "advisory"
            elif f"; {DESIGNEE} " in a.basis and kind == "statement":
                kind = a.basis.rsplit(" ", 1)[-1].rstrip(")")  # the act it goes on about
            elif (
                kind == "statement"
                and not self.words["indictment"].search(a.quote)
                and not a.basis.endswith("(denied)")
            ):
                # words the clause reader's indictment list lacks: "acusó formalmente", or
                # "acusó" with persons as its object (individuals) where the language says so;
                # not in a denial, whose accusation noun ("obvinění") charges nobody
                persons = any(
                    b.quote == a.quote and b.level == "individuals" for b in rows.values()
                )
                # "El Departamento de Justicia ha acusado a seis oficiales ...": a justice
                # ministry's accusation of persons (or officers of an agency) is its charge,
                # whether or not the persons were read as such (the party named so, or the
                # clause's subject before the accusation word); of a state, a statement
                named = _PARTY_NAMED.match(a.basis)
                accused = self.gw["justice-accuse"].search(a.quote)
                justice = self.gw["justice-office"]
                by_justice = bool(
                    accused
                    and a.level not in ("state", "territory")  # persons, not a state accused
                    and (
                        (named and justice.search(named[1]))
                        or justice.search(a.quote, 0, accused.start())
                    )
                )
                if (
                    self.gw["charge"].search(a.quote)
                    or (persons and self.gw["accuse-persons"].search(a.quote))
                    or by_justice
                ):
                    kind = "indictment"
                elif self.gw["sanction"].search(a.quote) and not self.words["sanctions"].search(
                    a.quote
                ):
                    kind = "sanctions"  # "Einreiseverbote und Vermögenssperren"
            if kind != a.statement_type:
                del rows[key]
                rows.setdefault(key[:4] + (kind,), replace(a, statement_type=kind))
        self._prosecutors_go_on(rows)

    def _prosecutors_go_on(self, rows: dict) -> None:
        """ "According to the DOJ, Xu was part of a hacking group known as Hafnium": what the
        prosecutors who charge the text's persons say of them goes on with their charge, no
        statement of its own (a party with an indictment against the same state, the row's
        own words a prosecuting body: genre role prosecutors; the row about persons, an agency
        or its proxies, not the state itself)."""
        charged = {
            (a.party, a.attributed_state)
            for a in rows.values()
            if a.role == "attributing" and a.statement_type == "indictment"
        }
        if not charged:
            return
        for key, a in list(rows.items()):
            if a.statement_type != "statement" or (a.party, a.attributed_state) not in charged:
                continue
            if a.level in ("state", "territory"):
                continue  # "The FBI said North Korea was responsible": a finding of its own
            named = _PARTY_NAMED.match(a.basis)
            if not named or not any(
                p.fullmatch(named[1]) for p, _ in self.gw.bodies["prosecutors"]
            ):
                continue
            del rows[key]
            rows.setdefault(key[:4] + ("indictment",), replace(a, statement_type="indictment"))

    # -- helpers ----------------------------------------------------------------------------

    def _allies(self, sentence, tokenized: str, parties: list) -> bool:
        """Does a party of the sentence attribute "and its allies" ("Les Etats-Unis et leurs
        alliés occidentaux ont accusé ...") where the text lists the co-authors of a joint
        advisory, that party among them ("Dans un avis conjoint, les autorités ... aux
        Etats-Unis, au Canada, ... ont mis en garde")? Then the allies are those co-authors.
        With no such list, or the party not in it, the allies stay unnamed (precision)."""
        allies = self.gw["allies"]
        if not parties or not _found(allies, tokenized):
            return False
        codes = {code for code, _ in parties}
        leads = {
            m.group(2)
            for m in _STATE.finditer(tokenized)
            if m.group(2) in codes and allies.match(tokenized, m.end())
        }
        if not leads:
            return False
        authors = {code for code, _ in self.coauthors(sentence)}
        return len(authors) > 1 and bool(leads & authors)

    def _advisory_voice(self, sentence, parties: list) -> bool:
        """Does the sentence speak for the advisory: in its voice ("the authoring agencies
        assess"), naming it, in the text of an advisory with no other speaker, or in the
        sentence that lists its co-authors?"""
        if self._names_advisory(sentence.text) or (
            not parties and (self.advisory_doc or self.joint_doc)
        ):
            return True
        if (self.advisory_doc or self.joint_doc) and parties and self.words.language == "en":
            # "Australia's cyber intelligence agency sounded a rare warning ... The advisory
            # note was co-authored with input from the United States, the UK, ...": in a
            # report on an advisory, a party that is one of its authors speaks for all of them
            authors = {code for code, _ in self.coauthors(sentence)}
            # "The advisory note was co-authored with input from the United States, ...": the
            # agency the report says speaks (Australia's) leads the advisory the others wrote
            lead = self.advisory_doc and all(
                not b.startswith("text:") or "agency" in b.lower() or "directorate" in b.lower()
                for _, b in parties
            )
            return bool(authors) and (lead or any(code in authors for code, _ in parties))
        # "It said Chinese state-sponsored hackers ..." right after the advisory is named
        return bool(
            sentence.field == "plain_text"
            and self.gw["advisory-anaphor"].match(sentence.text)
            and self.gw["advisory"].search(self.text, max(0, sentence.start - 400), sentence.start)
        )

    def _acts(self, tokenized: str) -> tuple[bool, bool]:
        """Does the sentence charge, does it sanction? (Asked for its targets, then its
        parties; the last answer is kept.)"""
        if self._acts_of != tokenized:
            w = self.words
            self._acts_of = tokenized
            self._acts_are = (
                bool(_found(w["indictment"], tokenized) or _found(self.gw["charge"], tokenized)),
                bool(_found(w["sanctions"], tokenized)),
            )
        return self._acts_are

    def _names_advisory(self, text: str) -> bool:
        """Does ``text`` name an advisory or speak in its voice? (Asked twice of a sentence:
        for its targets, then its parties; the last answer is kept.)"""
        if self._asked != text:
            self._asked = text
            self._answer = bool(
                self.gw["advisory-voice"].search(text) or self.gw["advisory"].search(text)
            )
        return self._answer

    def _only_located(self, tokenized: str, target) -> bool:
        """Is every token of the target's state in its span followed by "-based"?"""
        a, b = target.span
        tokens = [m for m in _STATE.finditer(tokenized, a, b) if m.group(2) == target.state]
        return bool(tokens) and all(self.gw["based"].match(tokenized, m.end()) for m in tokens)

    def _defendants(self, tokenized: str):
        """(state, span) of defendants named with their state: "a North Korean programmer",
        "sept ressortissants chinois"."""
        person = self.gw["person"]
        for m in _STATE.finditer(tokenized):
            if m.group(1) != "A":
                continue
            after = re.match(r"\s+(?:[\w-]+\s+){0,2}?", tokenized[m.end() :])
            rest = tokenized[m.end() + (after.end() if after else 0) :]
            hit = person.match(rest)
            if hit and _ACTING.match(rest, hit.end()):
                continue  # "British officials filing charges", "US officials said": who acts
            if hit and not self.gw["based"].match(tokenized, m.end()):
                yield m.group(2), (m.start(), m.end() + (after.end() if after else 0) + hit.end())
                continue
            before = tokenized[max(0, m.start() - 40) : m.start()]
            # "sept ressortissants chinois", "six officials in the Iranian Government ..."
            hit = re.search(
                r"(?:" + person.pattern + r")\s+(?:(?:in|of|from) the\s+)?$", before, person.flags
            )
            if hit:
                yield m.group(2), (m.start() - len(before) + hit.start(), m.end())

    def _alliance(self, tokenized: str, attributed: set) -> list[tuple[str, str]]:
        """ "The foreign ministers of the Five Eyes countries condemned Russia's GRU": an
        alliance named with its governments, in a sentence that names no other party."""
        for pattern, members in self.gw.alliances:
            m = pattern.search(tokenized)
            near = tokenized[max(0, m.start() - 40) : m.end() + 30] if m else ""
            if m and _ALLIANCE_GOVERNMENTS.search(near):
                basis = f"text: {m.group()!r} (its members)"
                return [(code, basis) for code in members if code not in attributed]
        return []

    def _designee(self, sentence, attributed: set) -> list[tuple[str, str]]:
        """ "OFAC sanctioned Integrity Technology Group, a Beijing-based company. The company
        is linked to Flax Typhoon, a PRC state-sponsored group.": a sentence that goes on
        about whom the sentence right before sanctioned or charged, naming its body, is
        part of that act (its rows take that act's type, see :meth:`finish`)."""
        if sentence.field != "plain_text":
            return []
        start = max(0, sentence.start - 400)
        before = [m.end() for m in _LIST_END.finditer(self.text, start, sentence.start)]
        lo = before[-2] if len(before) > 1 else start
        previous = _SPACES.sub(" ", self.text[lo : sentence.start]).strip()
        if not self.gw["designee"].match(sentence.text):
            # "OFAC has sanctioned Integrity Technology Group (Integrity Tech). Integrity Tech
            # has been linked to ...": the designee named again opens the sentence
            named = _NAMED_AGAIN.match(sentence.text)
            if not named:
                return []
            if named.group(1) not in previous:
                # "The sanctions target Sichuan Juxinhe ... . [a paragraph on the breach]
                # Sichuan Juxinhe faces penalties for its connections to Salt Typhoon, a
                # Chinese state-backed group": the act that named it a few sentences back, with
                # the sentence before that act (where its body may be)
                at = self.text.rfind(named.group(1), max(0, sentence.start - 800), sentence.start)
                if at < 0:
                    return []
                ends = [m.end() for m in _LIST_END.finditer(self.text, max(0, at - 400), at)]
                # a paragraph's end is a boundary of its own: two back may be the same one
                lo = ends[-3] if len(ends) > 2 else max(0, at - 400)
                end = _LIST_END.search(self.text, at)
                previous = _SPACES.sub(" ", self.text[lo : end.end() if end else at]).strip()
        for role, kind in (("prosecutors", "indictment"), ("sanctioners", "sanctions")):
            acts = self.words["indictment"] if kind == "indictment" else self.words["sanctions"]
            if not acts.search(previous) and not (
                kind == "indictment" and self.gw["charge"].search(previous)
            ):
                continue
            found = self._body(previous, role)
            if found and found[0] not in attributed:
                return [(found[0], f"{found[1]} (the sentence before; {DESIGNEE} {kind})")]
        return []

    def _charging_subject(self, tokenized: str, role: str) -> tuple[str, str] | None:
        """ "Washington ha incriminato sette cittadini cinesi": a state (its name or capital)
        that opens a charging sentence, its charge word right after, charges; so does the
        state a charge is brought in ("have been charged in the U.S.")."""
        if role != "prosecutors":
            return None
        for charge in (self.words["indictment"], self.gw["charge"]):
            for c in charge.finditer(tokenized):
                where = _CHARGED_IN.match(tokenized, c.end())
                if where:
                    return where.group(2), f"text: {self.words.detokenize(where.group())!r}"
        article = _ARTICLE.match(tokenized)
        m = _SUBJECT.match(tokenized, article.end())
        state = m.group(2) if m else None
        if not m:
            for pattern, code in self.gw.bodies["capital"]:
                m = pattern.match(tokenized, article.end())
                if m and not tokenized[m.end() : m.end() + 1].isalnum():
                    state = code
                    break
            else:
                return None
        rest = tokenized[m.end() : m.end() + 40]
        charge = self.words["indictment"].search(rest) or self.gw["charge"].search(rest)
        if not charge:
            return None
        return state, f"text: {self.words.detokenize(m.group())!r} (charges)"

    def _bodies_in(self, text: str, role: str):
        """(state, words) of every body of ``role`` (prosecutors, sanctioners) the text names
        as written ("la justice américaine", not a state token); "German federal
        prosecutors" are Germany's."""
        for pattern, state in self.gw.bodies[role]:
            for m in pattern.finditer(text):
                before = self.words.tokenize(text[max(0, m.start() - 40) : m.start()])
                prior = _BEFORE_OFFICE.search(before)
                yield (_STATE.match(prior.group(1)).group(2) if prior else state), m.group()

    def _body(self, text: str, role: str) -> tuple[str, str] | None:
        for state, words in self._bodies_in(text, role):
            return state, f"text: {words!r} ({role})"
        return None

    def _text_body(self, role: str) -> tuple[str, str] | None:
        """The one state whose bodies of ``role`` the text names anywhere ("The two-count
        indictment ... charges ...", the Justice Department named in another sentence), read
        once per role."""
        if role not in self._named:
            found: dict[str, str] = {}
            for part in (self.title, self.text[:20000]):
                for state, words in self._bodies_in(part, role):
                    found.setdefault(state, words)
            self._named[role] = ()
            if len(found) == 1:
                ((state, words),) = found.items()
                self._named[role] = (state, f"text: {words!r} ({role}, named in the text)")
        return self._named[role] or None

    def _cyber(self, sentence) -> bool:
        cyber = self.gw["cyber"]
        if cyber.search(sentence.text) or cyber.search(self.title):
            return True
        if sentence.field != "plain_text":
            return False
        start = self.text.rfind("\n", 0, sentence.start) + 1
        end = self.text.find("\n", sentence.end)
        return bool(cyber.search(self.text, start, end if end >= 0 else len(self.text)))


# Persons who act, not defendants: "British officials filing charges, imposing sanctions",
# "US officials said" (the -ed of a charging verb after persons is their charge: "two Russian
# officers charged with hacking").
_ACTING = re.compile(
    r",?\s+(?:(?:have|has|had|also|on \w+day)\s+)*(?:(?:are|were|is|was)\s+)?(?:filing|imposing|"
    r"announcing|bringing|unsealing|charging|indicting|sanctioning|accusing|calling out)\b"
    r"|,?\s+(?:(?:have|has|had|also|on \w+day)\s+)*(?:said|say|says|told|announced|stated|"
    # finite past forms that are never a participle of the persons ("filed charges"; not
    # "charged" or "accused", which also say the persons were charged or accused)
    r"filed|imposed|brought|unsealed|called out|claim(?:s|ed)?)\b"
)


def read_genres(words, text: str, title: str, kind: str) -> Genres:
    """The genre reader of a document (its advisory's co-authors are read when a sentence
    first speaks for an advisory: most texts never do, and a whole-text scan costs)."""
    gw = genre_words(words)
    return Genres(
        words,
        gw,
        text,
        title,
        advisory_doc=(kind == "advisory"),
        # a joint statement's report that names no advisory (a "joint alert" keeps its rows
        # advisories); one search, only in the rare text headed as a joint statement
        joint_doc=(
            kind == "joint-statement" and words.language == "en" and not gw["advisory"].search(text)
        ),
    )


def _read_coauthors(genres: Genres, lo: int, hi: int) -> list[tuple[str, str]]:
    """The co-authors listed after an introducing phrase in ``text[lo:hi]``, when an
    advisory is named near it (in the 300 characters before or the 600 after): "together
    with" elsewhere introduces no co-author."""
    gw, text = genres.gw, genres.text
    found: dict[str, str] = {}
    for m in gw["coauthors"].finditer(text, lo, hi):
        near = max(0, m.start() - 300), m.end() + 600
        if not gw["advisory"].search(text, *near) and not (
            genres.joint_doc and _JOINT.search(text, *near)
        ):
            continue
        # "The NSA, the FBI and CISA, together with Germany's BSI, ...": the offices named
        # before the phrase in its sentence are authors too
        start = max(0, m.start() - 400)
        bounds = list(_LIST_END.finditer(text, start, m.start()))
        prefix = genres.words.tokenize(
            _SPACES.sub(" ", text[bounds[-1].end() if bounds else start : m.start()])
        )
        before = _offices(genres.words, prefix, 0, len(prefix))
        if _STATES_ONLY.fullmatch(prefix):
            # "The UK, along with the US, Germany, ...": the states the sentence opens with
            before += [
                (st.group(2), f"text: {genres.words.detokenize(st.group())!r}")
                for st in _STATE.finditer(prefix)
            ]
        agencies = bool(before) or bool(_AGENCY_WORD.search(m.group()))
        # a list may open on the next lines, after a colon ("co-authors on the joint
        # advisory:\n\n  • ..."): the blank line after the phrase ends no list
        listed = _listed_parties(
            genres.words, gw, text[m.end() : m.end() + 1500].lstrip(), agencies
        )
        for code, basis in listed + before:
            found.setdefault(code, basis)
    return list(found.items())


_JOINT = re.compile(r"\b(?:[Jj]oint )?[Ss]tatement\b")  # in a joint statement's report
# A sentence that opens with states only, before a phrase introducing co-authors ("The UK, ")
_STATES_ONLY = re.compile(
    r"\s*(?:[Tt]he\s+)?⟨N [A-Z]{2} \d+⟩"
    r"(?:(?:\s*,\s*(?:and\s+)?|\s+and\s+)(?:the\s+)?⟨N [A-Z]{2} \d+⟩)*\s*,?\s*"
)


def _list_span(gw: GenreWords, tokenized: str, intro: re.Match) -> tuple[int, int]:
    """Where the list an introducing phrase opens runs in a tokenized sentence: to the first
    word that ends a list (a verb, "that", ...) after its first item."""
    first = _STATE.search(tokenized, intro.end())
    stop = gw["list-stop"].search(tokenized, intro.end())
    if first is None or (stop and stop.start() < first.start()):
        return intro.end(), intro.end()  # "the authoring agencies attribute ... to X": no list
    stop = gw["list-stop"].search(tokenized, first.end())
    return intro.end(), stop.start() if stop else len(tokenized)


def _listed_parties(
    words, gw: GenreWords, chunk: str, agencies_named: bool = False
) -> list[tuple[str, str]]:
    """The states and offices listed at the start of ``chunk`` ("the FBI, CISA, the UK's
    NCSC and New Zealand's GCSB, which ..."), up to the end of the list."""
    end = _LIST_END.search(chunk)
    chunk = _SPACES.sub(" ", chunk[: end.start() if end else len(chunk)])
    tokenized = words.tokenize(chunk)
    offices = list(words.body_pattern.finditer(tokenized))
    states = list(_STATE.finditer(tokenized))
    allied = [m for pattern, _ in gw.alliances for m in [pattern.search(tokenized)] if m]
    first = min([m.end() for m in offices + states + allied], default=None)
    stop = gw["list-stop"].search(tokenized)
    if first is None or (stop and stop.end() < first):
        return []  # "the authoring agencies attribute ... to X": no list
    stop = gw["list-stop"].search(tokenized, first)
    limit = stop.start() if stop else len(tokenized)
    out = dict(_offices(words, tokenized, 0, limit))
    # "jointly authored with allies including the Five Eyes partners, Germany, South Korea and
    # Japan": an alliance of governments in the list makes it governments' too
    allied_here = any(m.start() < limit for m in allied)
    # "co-authored with input from the United States, the UK, Germany, Japan, South Korea":
    # three states or more listed by name are governments too
    named_states = sum(1 for m in states if m.start() < limit and m.group(1) == "N")
    if (
        not out
        and not allied_here
        and named_states < 3
        and not _AGENCY_WORD.search(tokenized, 0, limit)
        and not agencies_named
    ):
        # "Our analysts, together with partners in Japan and Taiwan, wrote an advisory": no
        # agency in the list and none before it, so no government's advisory
        states = []
    for pattern, members in gw.alliances:  # "the Five Eyes agencies": each member
        m = pattern.search(tokenized, 0, limit)
        if m:
            for code in members:
                out.setdefault(code, f"text: {m.group()!r}")
    for m in states:
        if m.start() >= limit:
            break
        if gw["based"].match(tokenized, m.end()):
            continue
        out.setdefault(m.group(2), f"text: {words.detokenize(m.group())!r}")
    return list(out.items())


def _offices(words, tokenized: str, lo: int, hi: int) -> list[tuple[str, str]]:
    """The offices named in ``tokenized[lo:hi]`` with their state; one several governments
    have ("National Cyber Security Centre") takes the state next to it ("the UK's NCSC",
    "NCSC-NZ"), or is left out."""
    out: dict[str, str] = {}
    for m in words.body_pattern.finditer(tokenized, lo, hi):
        code = words.body_code(m.group())
        if code == "?":
            before = _BEFORE_OFFICE.search(tokenized[max(0, m.start() - 40) : m.start()])
            after = _AFTER_OFFICE.match(tokenized, m.end())
            token = (before or after).group(1) if (before or after) else None
            code = _STATE.match(token).group(2) if token else None
        if code:
            out.setdefault(code, f"text: {words.detokenize(m.group())!r}")
    return list(out.items())
