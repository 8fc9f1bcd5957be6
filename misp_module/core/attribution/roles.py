"""Stage 3: roles from sentence structure. :func:`_roles` reads one cue sentence, tokenized, and finds its attributing subject, the attribution word and its object or agent: the targets (state and level), the parties that attribute and those that only support. It is the heart of the clause analysis explained in the package docstring, and uses the helpers of the modules before it."""

from __future__ import annotations

import re

from misp_module.core.attribution.genres import genre_words
from misp_module.core.attribution.grammar import (
    _AGENCY_SPEAKS,
    _AGENTS_AFTER,
    _APPOSITION,
    _BELIEVES,
    _COUNT,
    _COUNTED_NATIONALS,
    _COUNTED_OFFICIALS,
    _FINITE,
    _GROUP,
    _GROUP_CONTROLLED,
    _GROUP_WHICH,
    _HELD,
    _IS_BEHIND,
    _NATIONAL_CHARGED,
    _NUMBERS,
    _OF_SPONSORING,
    _SAID_AFTER,
    _SAID_BEFORE,
    _SPEAKS,
    _actor_linked,
    _counts,
    _each,
    _event_after,
    _found,
    _governed,
    _Grammar,
    _grammar,
    _group_linked,
    _second_object,
)
from misp_module.core.attribution.model import (
    _Target,
)
from misp_module.core.attribution.parties import (
    _ADJ_LISTED_ARTICLE,
    _ANY_STATE_TOKEN,
    _COPULA,
    _ENDS_PHRASE,
    _LIST_JOINED,
    _LISTED_WITH,
    _NOBODY,
    _PASSIVE_BY,
    _PASSIVE_SUPPORT,
    _PASSIVE_TARGET,
    _SANCTIONS_FOR_ROLE,
    _STATE_BACKED,
    _STATE_OBJECT,
    _WITH_WHICH,
    _aided,
    _bank_named,
    _demonyms_listed,
    _hit_state,
    _inverted_government,
    _inverted_subjects,
    _joining,
    _list_after,
    _listed_with_target,
    _person_demonym,
    _possessed_asset,
    _Roles,
    _titled_victim,
    _victim,
    _victim_of_act,
)
from misp_module.core.attribution.persons import (
    _NAMED_AFTER,
    _NAMES_CHARGED,
    _person,
)
from misp_module.core.attribution.places import (
    _BLOC_PLACE,
    _POSSESSIVE_GAP,
    _SAYS,
    _after_source,
    _compared,
    _inside,
    _is_location,
    _mentioned_before,
    _modifier,
    _object_of,
    _office_state,
    _subject_examples,
    _traced_infrastructure,
    _victim_of_act_to,
)
from misp_module.core.attribution.splitting import (
    _Document,
)
from misp_module.core.lexicon import Lexicon
from misp_module.core.regexgate import may_match

_NAME_TOKEN = r"⟨[NM] [A-Z]{2} \d+⟩"  # a state's name or metonym, tokenized
# An actor or group, then a relative pronoun and "mit dem": the German link whose participle
# follows the agency (attribution-cues.json, linked-after)
_DE_LINKED_BEFORE = re.compile(
    r"(?:[Aa]kteur\w*|[Gg]ruppe\w*|[Hh]acker\w*|APT ?\d+)(?:\s+\w+)?[”\"»]?,?\s+(?:die|der|das|welche)\s+"
    r"(?:\w+\s+){0,2}?mit\s+(?:dem|der|den)\s+(?:⟨A [A-Z]{2} \d+⟩\s+)?$"
)

# "by" right after an attribution word, before a state: "the condemnation by Australia",
# "was attributed by the UK": the agent of the attribution speaks (round twenty-two)
_BY_AFTER_BLAME = re.compile(
    r"\s+by\s+(?:the\s+)?(?:⟨[^⟩]*⟩(?:\s*,\s*(?:and\s+)?|\s+and\s+)(?:the\s+)?)*"
)

# The agent of a passive act right before persons: "breached by", "carried out by the"
_BY_AGENT = re.compile(r"\b[a-z]+ed by\s+(?:the\s+|an?\s+)?$")

# The preposition that ends a passive attribution phrase before its agent ("conducted by",
# "menées par", "condotti da", "llevados a cabo por")
_AGENT_PREPOSITION = re.compile(r"\b(?:by|par|da|por)$")

# a verb of working together and its "with", then a list whose later item is an agency: a
# partner ("collaborated with international entities and the Finnish Security and Intelligence
# Service"); right after "with" the agency may be whom someone acts for ("collaborating with
# Russian military intelligence"), so it stays
_PARTNERED = re.compile(
    r"\b(?:collaborat\w+|cooperat\w+|co-operat\w+|partner(?:ed|ing|s)?|work(?:ed|ing|s)?|"
    r"teamed up)\s+(?:closely\s+)?with\s+[^.;⟨]{1,50}?\s+and\s+(?:the\s+)?$"
)
# the words of linking a party or person to a state, shared by the two patterns below
_LINKED_TO = r"\b(?:linked|tied|connected|associated|affiliated)\s+(?:to|with)\s+"
# a demonym and "state" after a word of linking (English): "linked to the Chinese state",
# not "the Chinese state media" nor "state-sponsored"
_LINKED_STATE = re.compile(
    _LINKED_TO + r"[\"“‘']?the\s+"
    r"(?P<st>⟨A [A-Z]{2} \d+⟩)\s+state\b(?!-)"
    r"(?!\s+(?:media|television|news|broadcaster|owned|run|compan\w+|firms?|enterprises?)\b)"
)
# a word of linking right before a government ("linked to the ")
_LINKING_BEFORE = re.compile(_LINKED_TO + r"(?:the\s+)?$")
# persons right before the words linking them to a state ("Two individuals and a company ")
_PERSONS_LINKED = re.compile(
    r"\b(?:individuals|people|persons|nationals|hackers|officers|officials|members)\b"
    r"(?:\s+and\s+(?:an?\s+)?[\w-]+)?\s+$"
)
# a state's actors in the genitive of the state itself, every language: "Cyberakteuren des
# russischen Staates", "cyber actors of the Russian state", "acteurs de l'État russe"
_ACTORS_OF_THE_STATE = re.compile(
    r"\b(?:[Cc]yber-?)?(?:[Aa]kteur\w*|[Aa]ctors?|[Aa]cteurs?|[Aa]ctores|[Aa]ttori|[Aa]ctoren|"
    r"[Aa]ktor\w*|[Aa]ktér\w*)\s+"
    r"(?:(?:des|of the|van de)\s+(?P<st>⟨A [A-Z]{2} \d+⟩)\s+(?:Staate?s|[Ss]tate|staat)\b"
    r"|(?:de l['’]|del|dello|dell['’])\s*(?:État|Estado|Stato)\s+(?P<st2>⟨A [A-Z]{2} \d+⟩))"
)
# "pro-" or "anti-" right before a state's token: sympathy, never the state itself
_SYMPATHY = re.compile(r"\b(?:[Pp]ro|[Aa]nti)-$")


# the plural noun for persons suspected, in the hedge words of each language ("the suspects",
# "los sospechosos", "les suspects", "i sospettati", "podejrzani"), and what makes it a noun
# before it: an article, a demonstrative or a number (the number words are rules data,
# attribution-words.json role number-word, as for every count of persons)
_SUSPECTS_NOUN = re.compile(r"(?i:suspects|sospechos[oa]s|sospettati|podejrzani|podezřel[íi])")
_PERSONS_DETERMINER = re.compile(
    r"(?:\b(?i:the|these|those|both|all|los|las|estos|estas|ambos|les|ces|des|i|gli|questi)|"
    rf"(?i:{_NUMBERS}))\s+(?:[\w-]+\s+)?$"
)
# "affiliates of" right before an agency, perhaps after its state's possessive: "sanctions on
# affiliates of Iran's IRGC", "affiliates of the Revolutionary Guard"
# or "affiliated with" it ("actors affiliated with the IRGC", round twenty)
_AFFILIATES_OF = re.compile(
    r"\b(?:affiliates\s+of|affiliated\s+(?:with|to))\s+(?:the\s+)?"
    r"(?:⟨[NA] [A-Z]{2} \d+⟩(?:'s|’s)?\s+)?(?:the\s+)?$"
)
# an agency's name joined to a participle of sponsoring, the adjective of a cyber actor or act:
# "IRGC-affiliated cyber actors", "FSB-sponsored phishing campaigns", "GRU-backed hackers"; not
# "IRGC-backed militia groups" nor "the military-run espionage agency" (round twenty)
_AGENCY_SPONSORED_AFTER = re.compile(
    r"(?:[-‑](?:affiliated|backed|sponsored|linked|controlled|directed|operated|run|led|tied)"
    # unhyphenated, the participles no verb after an agency reads as ("Iranian IRGC affiliated
    # hostile cyber actors"; not "the GRU led cyber attacks", the agency's own act; round
    # twenty-two)
    r"|\s+(?:affiliated|sponsored))"
    r"(?:\s+[\w-]+){0,2}?\s+(?:cyber[\w-]*|hack\w*|phishing|intrusion\w*|(?:threat\s+)?actors?)\b"
)

# after an office the accusation's object: an acronym in brackets, then "of" and an act ("the
# National Security Agency (NSA) of launching cyberattacks")
_OFFICE_ACCUSED_OF = re.compile(
    r"(?:\s*\([A-Z]{2,8}\))?\s+of\s+(?:[\w\"“”-]+\s+){0,3}?(?:cyber[\w-]*|hack\w*|attacks?|"
    r"intrusions?|espionage|spying)\b"
)

# A state as the subject of an act verb, per language: its auxiliary, a few words, the
# participle, Dutch and German ("Russland habe die Server angegriffen", "heeft Rusland
# geprobeerd ... te saboteren"; French, Spanish and Italian subjects are read already); English
# has its own, after a verb of saying (attribution-cues.json, reported-act)
_STATE_NAME = r"(?P<st>⟨[NM] [A-Z]{2} \d+⟩)"
_STATE_ACTS = {
    "nl": re.compile(
        rf"(?:\b(?:heeft|had|hebben)\s+{_STATE_NAME}|{_STATE_NAME.replace('st>', 'st2>')}\s+"
        r"(?:heeft|had|hebben))\s+(?:\w+\s+){0,4}?(?:geprobeerd|getracht|aangevallen|gehackt|"
        r"gesaboteerd|uitgevoerd|gelanceerd)\b"
    ),
    "de": re.compile(
        rf"{_STATE_NAME}\s+(?:hat|habe|hatte|haben)\s+(?:[\w-]+\s+){{0,10}}?(?:angegriffen|attackiert|"
        r"gehackt|ausspioniert|sabotiert|infiltriert|verübt|durchgeführt|gestartet)\b"
    ),
}

# counted persons as the subject of a passive charge or sanction, a few words between: "Ten
# people and two organizations that the US claims are connected to the IRGC have been
# subjected to sanctions"
_PERSONS_BEFORE_ACT = re.compile(
    r"[^.;]{0,160}?\b(?:have|has|were|was|had)\s+been\s+(?:\w+\s+)?(?:subjected\s+to\s+sanctions|"
    r"sanctioned|charged|indicted)\b"
)

# A named unit's capitalised noun, "of" and an article right before its office
_UNIT_OF = re.compile(r"\b([A-Z][a-z]+) of (?:the )?$")


def _unit_of_office(lex: Lexicon, sentence: str, start: int) -> bool:
    """Is the office at ``start`` the one a named unit belongs to ("The Cyber Security Bureau
    of the National Police Agency announced")? It speaks through the unit: no place."""
    m = _UNIT_OF.search(sentence, max(0, start - 30), start)
    return bool(m and m.group(1).lower() in lex.UNIT_NOUNS)


def _sympathy(sentence: str, span: tuple[int, int]) -> bool:
    """Is the first state token of ``span`` after "pro-" or "anti-" ("a pro-Russia group")?"""
    at = sentence.find("⟨", span[0], span[1])
    return at >= 0 and bool(_SYMPATHY.search(sentence, max(0, at - 6), at))


# an act's noun and "by" right before a state: "a scheme by North Korea", "a campaign by the"
_ACT_BY = re.compile(r"\b[a-z]+s?\s+by\s+(?:the\s+)?$")
# A compass word before a state makes it a region, a place ("western Norway", "eastern Ukraine")
_REGION_OF = re.compile(r"\b(?:[Ww]estern|[Ee]astern|[Nn]orthern|[Ss]outhern|[Cc]entral)\s+$")
# "in solidarity with the UK, which attributed": the state stood with is a party after all
_WHICH_AFTER = re.compile(r"⟨[^⟩]*⟩,? (?:which|who)\b")


# a copula, perhaps with a verb of finding, right before who someone is: "are believed to be the"
_IDENTIFIED = re.compile(
    r"\b(?:is|are|was|were)\s+(?:(?:believed|thought|assessed|found|confirmed|identified|"
    r"determined)\s+(?:to be|as)\s+)?(?:the\s+|an?\s+)?$"
)


def _counted_members(g, words, sentence: str, start: int, blames, charged: bool) -> bool:
    """Are counted persons of the agency at ``start``, or working for it, right before it, the
    object of an attribution word ("ha acusado a seis oficiales de inteligencia militar
    rusos")? They are individuals of its state (charged persons right before an agency are
    ``members_of``'s: a count and a few words more there added a level the labels lack)."""
    m = g.counted_members.search(sentence, max(0, start - 110), start)
    return bool(m) and not charged and _object_of(blames, m.start(), 25, sentence)


def _held_after(words, sentence: str, m: re.Match) -> bool:
    """Is the group ``m`` ends the subject of "was responsible" or "was behind" (English)?"""
    held = _HELD.match(sentence, m.end())
    rest = sentence[held.end() : held.end() + 20]
    return rest.startswith("behind") or bool(words["responsible"].match(rest))


def _stood_with(words, sentence: str, start: int) -> bool:
    """Is the state at ``start`` the one a phrase of solidarity is with, right after it ("stands
    shoulder to shoulder with Germany", "stands with Albania"; attribution-cues.json, role
    stood-with)? It is supported or the victim: neither a party nor a supporter."""
    return any(
        _ARTICLE_ONLY.fullmatch(sentence, m.end(), start)
        for m in words["stood-with"].finditer(sentence, max(0, start - 80), start)
    )


_ARTICLE_ONLY = re.compile(r"\s*(?:(?:the|die|den|der|la|le|les|el|los|il|lo|het|de)\s+|l'|l’)?")


# English subordinators that open a clause of its own ("after Washington blamed Tehran")
# (not "as": "a group known as APT40 which ...")
_SUBORDINATOR = r"(?:after|before|when|since|because|while|once|until|following)"
_OWN_SUBJECT = re.compile(
    rf"\b{_SUBORDINATOR}\s+(?:the\s+)?(?:⟨[NM] [A-Z]{{2}} \d+⟩|[A-Z][\w.-]*)(?:\s+(?:and|,)\s+"
    r"(?:the\s+)?⟨[NM] [A-Z]{2} \d+⟩)*"
)
# a contrasting clause after every attribution word, with a subject of its own
_CONTRAST = re.compile(r",\s+(?:while|whereas|but)\s+(?=(?:the\s+)?(?:⟨|[A-Z]))")
_LEADING_CLAUSE = re.compile(rf"^{_SUBORDINATOR.replace('(?:', '(?:[Aa]fter|', 1)}\b[^,;]*,", re.I)


def _in_other_clause(sentence: str, start: int, blames: list[tuple[int, int]]) -> bool:
    """Is the state at ``start`` outside the clause of every attribution word: before a
    subordinate clause with a subject of its own that holds the word ("Qatar mediated talks
    between the US and Iran after Washington blamed Tehran for the hack"), or after a leading
    subordinate clause that holds them all ("After the UK and the US accused China of the hack,
    Australia, Canada and New Zealand said they were studying the evidence")? English."""
    if not blames:
        return False
    if _after_leading_clause(sentence, start, blames):
        return True
    contrast = _CONTRAST.search(sentence, max(b for _, b in blames))
    if contrast and contrast.end() <= start:
        return True  # "..., while the Czech government said it could not confirm"
    contrast = _CONTRAST.search(sentence, start, min(a for a, _ in blames))
    if contrast and all(a >= contrast.end() for a, _ in blames):
        return True  # "The Netherlands expelled four agents, while the United States charged
        # seven Russian agents": the words that attribute are all in the other clause
    after = [a for a, _ in blames if a > start]
    if not after or any(a < start for a, _ in blames):
        return False
    sub = _OWN_SUBJECT.search(sentence, start, after[0])
    # no comma between that subject and the word: "Washington, after Tbilisi, accused Moscow"
    # names no clause of its own
    return bool(sub) and sub.start() > start and "," not in sentence[sub.end() : after[0]]


def _after_leading_clause(sentence: str, start: int, blames: list[tuple[int, int]]) -> bool:
    """Is ``start`` after a leading subordinate clause that holds every attribution word ("When
    the US blamed North Korea for the Sony hack, China called for calm")? English."""
    lead = _LEADING_CLAUSE.match(sentence) if blames else None
    return bool(lead) and start >= lead.end() and all(b <= lead.end() for _, b in blames)


# An English verb of holding in the active voice between a state and "responsible" or
# "accountable": the state holds someone else to account ("the U.S. will hold the hackers
# accountable", "Britain held Russia responsible"); passive "was held responsible" is no match.
_HOLDS = re.compile(
    r"\b(?:hold|holds|holding)\b|(?<!\bwas )(?<!\bwere )(?<!\bbeen )(?<!\bis )(?<!\bare )\bheld\b"
)


def _roles(lex: Lexicon, words, sentence: str, doc: _Document, p: dict, known=()) -> _Roles:
    """``known``: (span, state, level) of groups the text tied to a state before."""
    has_state = "⟨" in sentence
    agency_named = p["agency_name"].search(sentence)
    if not (has_state or agency_named or "its territory" in sentence or known):
        return _NOBODY  # most cue sentences name no state and no agency: nothing to read
    g = _grammar(words)
    targets: list[_Target] = []
    caps = words.language == "de"

    charged = bool(
        _found(words["indictment"], sentence)
        or _found(words["sanctions"], sentence)
        or _found(words["expulsion"], sentence)  # "vier Russen werden het land uitgezet"
    )
    speaking: list[tuple[str, str, int]] = []  # a state's agency that speaks, not a target
    hedges = [
        h.span()
        for h in _each(words["hedge"], sentence)
        # "einer der mutmaßlichen Hacker", "presunti hacker": the news's presumption of
        # innocence for persons, not a doubt about the attribution
        if (words.language == "en" or not g.actor_after.match(sentence, h.end()))
        # "the three suspects are members of ...", "los tres sospechosos son": the persons'
        # noun, after an article or a number, is who they are, no doubt cast (round
        # twenty-two, levels by class)
        and not (
            _SUSPECTS_NOUN.fullmatch(h.group())
            and _PERSONS_DETERMINER.search(sentence, max(0, h.start() - 24), h.start())
        )
    ]

    def unit_before(span: tuple[int, int]) -> bool:
        """ "Unit 29155, a threat group belonging to Russian military intelligence": the group
        tied to the agency is itself an agency's unit, named before it; it stays the agency."""
        return bool(
            agency_named and p["agency_name"].search(sentence, max(0, span[0] - 90), span[0])
        )

    def add(state: str | None, level: str, span: tuple[int, int], unit: bool = False) -> None:
        """``unit``: an agency's own name, which a capitalised unit name may follow ("the IRGC
        Cyber Electronic Command"): no person's name."""
        if not state:
            return
        if _sympathy(sentence, span):
            return  # "a pro-Russia hacking group": who sides with the state, not the state
        if level == "individuals" and _BY_AGENT.search(sentence, max(0, span[0] - 40), span[0]):
            return  # "networks were breached by Russian foreign intelligence agents": who did
            # it, named in general, not persons the sanctions or charges are against
        if words.language == "en" and _after_leading_clause(sentence, span[0], blames):
            return  # "When the US blamed North Korea ..., China called for calm": no target
        if level in ("state-sponsored", "individuals") and (
            not sentence.endswith("⟩", 0, span[1])
            # "el ciudadano ruso Dimitri Badin": the person's noun first, the name after the
            # demonym is the person's (round thirteen)
            # (other languages, whose demonym follows its noun)
            or (
                level == "individuals"
                and words.language != "en"
                and not sentence.startswith("⟨", span[0])
            )
        ):
            # "the North Korean government-backed Lazarus Group", "Iranian hacker Behzad M.":
            # the capital after a sponsorship word or a person's noun begins the group's or
            # the person's name, not a surname; only the words before can make it a name
            if not unit and _person(words.lex, sentence, span[0], span[0], caps):
                return
        elif not unit and _person(words.lex, sentence, *span, caps):
            return
        if (level != "individuals" or not charged) and any(
            span[0] - 80 <= b and a <= span[1] + 12 for a, b in hedges
        ):
            # "suspected", "could be behind": not an attribution; but "charged seven hackers
            # suspected of working for the MSS" charges the persons (the link stays hedged)
            return
        if level == "state" and words.language == "en" and _possessed_asset(sentence, *span):
            return  # "malware into Ukraine's government systems": the victim's, no target
        if level == "state" and words["victim-verb"].search(
            sentence, max(0, span[0] - 40), span[0]
        ):
            return  # "l'attacco subito dal governo degli Stati Uniti": what the attack hit
        behind = level == "state" and _IS_BEHIND.match(sentence, span[1])
        if behind and (
            _GROUP_WHICH.search(sentence, max(0, span[0] - 80), span[0])
            or _GROUP.match(sentence, behind.end() + 1)
        ):
            level = "state-sponsored"  # "a group known as APT40 which the Chinese government
            # is behind", "the Chinese government is behind APT40": the group is held
            # responsible, the state behind it sponsors it
        if level == "state" and _OF_SPONSORING.match(sentence, span[1]):
            level = "state-sponsored"  # "accused Beijing of sponsoring cyberattacks"
        if level == "state" and _actor_linked(g, sentence, span[0]):
            level = "state-sponsored"  # "hackers linked to the Chinese government"
            linking = _LINKING_BEFORE.search(sentence, max(0, span[0] - 30), span[0])
            if (
                charged
                and words.language == "en"
                and linking
                and _PERSONS_LINKED.search(sentence, max(0, linking.start() - 40), linking.start())
            ):
                # "sanctions against a company and two people linked to the Chinese
                # government": the persons sanctioned or charged themselves
                targets.append(_Target(state, "individuals", span))
        elif level in ("state-agency", "state") and (
            _GROUP_CONTROLLED.search(sentence, max(0, span[0] - 90), span[0])
            or words["group-controlled"].search(sentence, max(0, span[0] - 90), span[0])
        ):
            # "Andariel, a cyber group controlled by the Reconnaissance General Bureau": the group
            # the agency controls is held responsible, sponsored by the state (the issue's
            # "-controlled/-led marks sponsorship"), even beside persons charged
            level = "state-sponsored"
        elif (
            level == "state-agency"
            and words.language == "de"
            and not (charged and _found(words["indictment"], sentence))
            and _DE_LINKED_BEFORE.search(sentence, max(0, span[0] - 90), span[0])
            and words["linked-after"].match(sentence[span[1] :])
        ):
            # "Cyber-Akteure, die mit dem Ministerium für Staatssicherheit ... verbunden sind":
            # the German link closes after the agency; the actor is sponsored by its state
            level = "state-sponsored"
        elif (
            level == "state-agency"
            and not charged
            and g.acts_for.search(sentence, max(0, span[0] - 90), span[0])
            and not unit_before(span)
        ):
            # "APT40, a threat actor operating under the direction of the MSS", "groups belonging
            # to the Reconnaissance General Bureau": a group acting for the agency is sponsored
            # by it (persons charged for acting on its behalf keep the agency, as the labels
            # of the earlier rounds read them)
            level = "state-sponsored"
        elif (
            level == "state-agency"
            and not (charged and _found(words["indictment"], sentence))
            and _group_linked(g, sentence, span[0])
            and not unit_before(span)
        ):
            # "APT31, which is linked to China's Ministry of State Security": the group is held
            # responsible, acting for the state through its agency (the taxonomy's "groups
            # acting for the state"), not the agency itself; persons charged keep their agency,
            # but firms sanctioned for a link ("sancionó a empresas vinculadas a la Guardia
            # Revolucionaria") act for it like a group
            level = "state-sponsored"
        elif (
            level == "state-agency"
            and words.language == "en"
            and (
                _AFFILIATES_OF.search(sentence, max(0, span[0] - 40), span[0])
                or _AGENCY_SPONSORED_AFTER.match(sentence, span[1])
            )
        ):
            # "sanctions on affiliates of Iran's IRGC": those affiliated with the agency act for
            # it, as a group linked to it does (issue 17, levels by class)
            level = "state-sponsored"
        if (
            level == "state"
            and words.language != "en"
            and _attacked_after_act(words, sentence, span)
        ):
            return  # "die Cyberangriffe aus Russland auf deutsche Behörden": the victim (round 13)
        targets.append(_Target(state, level, span))

    # Where the clause turns: the first attribution word. Before it, the subject.
    blames = [b.span() for b in words["blame"].finditer(sentence)]
    agent = _PASSIVE_BY.search(sentence) if may_match(_PASSIVE_BY, sentence) else None
    # a government is named with a state (every phrase of g.government holds a token): found
    # once, read for the targets and for the parties
    governments = (
        list(g.government.finditer(sentence))
        if has_state and may_match(g.government, sentence)
        else []
    )
    turn = blames[0][0] if blames else len(sentence)
    if not blames and words.language == "en":
        # "The UK government says that the GRU was behind the attempt to undermine Georgia's
        # sovereignty": with no attribution word, the clause turns at "behind" (the other
        # words of holding responsible are attribution words); a plain find, no pattern
        held = sentence.find(" behind ")
        turn = held + 1 if held >= 0 else turn

    # -- targets ----------------------------------------------------------------------------
    if has_state or "its territory" in sentence:
        for m in p["territory"].finditer(sentence) if may_match(p["territory"], sentence) else ():
            st = m["st"] or m["st2"] or m["st3"]
            add(lex.state_of(st) if st else doc.subject_state, "territory", m.span())
        for m in _STATE_OBJECT.finditer(sentence) if words.language != "en" else ():
            # "Cyberangriffe aus Russland", "en provenance de la Russie"
            if words["territory"].search(sentence, max(0, m.start() - 60), m.start()):
                add(lex.state_of(m["st"]), "territory", m.span())
                for span in _list_after(sentence, m.end()):  # "z Federacji Rosyjskiej i Białorusi"
                    add(lex.state_of(sentence[span[0] : span[1]]), "territory", span)
    offices = [
        (m.span(), words.body_code(m.group()) or "?") for m in words.body_pattern.finditer(sentence)
    ]
    office_states = {code for _, code in offices}
    for (a, b), code in offices if blames and words.language == "en" else ():
        # "have accused the United States National Security Agency (NSA) of launching
        # cyberattacks": a state's office as the direct object of the accusation is the
        # agency held responsible, not a speaker (issue 17, recall by class)
        if (
            len(code) == 2
            and code != "?"
            and _object_of(blames, a, 30, sentence)  # "accused the United States NSA"
            and _OFFICE_ACCUSED_OF.match(sentence, b)
        ):
            add(code, "state-agency", (a, b), unit=True)
    for m in p["agency"].finditer(sentence) if agency_named else ():
        agency_state = lex.agency_state(m["agency"])
        named = lex.state_of(m["st"]) if m["st"] else None
        if _victim(words, sentence, m.start()):
            continue  # "cyberattacks on the Ukrainian army": the agency was attacked
        if words.language == "en" and _PARTNERED.search(
            sentence, max(0, m.start() - 80), m.start()
        ):
            continue  # "collaborated with international entities and the SVR": a partner
        if named and named != agency_state:
            continue  # "Russian ... MSS": the pattern caught the wrong word
        # "China's MSS": China is not the object
        add(agency_state, "state-agency", m.span(), unit=True)
        if charged and (
            g.members.match(sentence, m.end())
            or g.members_of.search(sentence, max(0, m.start() - 40), m.start())
            or g.its_person.match(sentence, m.end())  # "the MOIS and its minister"
        ):
            add(agency_state, "individuals", m.span())  # "charges against the GRU agents"
        elif (
            blames
            and g.members.match(sentence, m.end())
            and _COUNT.search(sentence[max(0, m.start() - 16) : m.start()])
            and _object_of(blames, m.start(), 25, sentence)
        ):
            # "named two GRU officers responsible": counted persons of the agency are the
            # object of the attribution word, as with "accuse six officiers russes"
            add(agency_state, "individuals", m.span())
        elif _counted_members(g, words, sentence, m.start(), blames, charged):
            add(agency_state, "individuals", m.span())  # "two officers of the GRU"
    if has_state:
        at = 0 if may_match(g.agency, sentence) else len(sentence) + 1  # past the end: none
        while m := g.agency.search(sentence, at):
            at = m.end("st") if m["st"] else m.end()  # the agency may have its own state after
            if m["st"] and blames and words["blame"].search(sentence, m.end("st"), m.end()):
                at = m.end("st")  # "le gouvernement britannique accuse le renseignement": the
                continue  # verb divides them; the agency's own state may follow
            st = lex.state_of(m["st"] or m.groupdict().get("st2") or m.groupdict().get("st3"))
            if _victim(words, sentence, m.start()):
                continue  # "attacks against the Ukrainian military": the victim
            if words.language == "en" and _PARTNERED.search(
                sentence, max(0, m.start() - 80), m.start()
            ):
                continue  # "the NBI collaborated with international entities and the Finnish
                # Security and Intelligence Service": a partner in the inquiry, no target
            if words.language == "en" and g.inquiry_by.search(
                sentence, max(0, m.start() - 80), m.start()
            ):
                continue  # "a combined investigation by authorities and the US military"
            if (
                (m["st"] or m.groupdict().get("st3"))
                and (
                    _AGENCY_SPEAKS.match(sentence, m.end())
                    or words["finding"].match(sentence, m.end())
                    # "Dochodzenie ..., przeprowadzone przez czeski wywiad, wskazało na Pekin":
                    # the agency that carried out the inquiry speaks
                    or _found(words["investigation"], sentence[max(0, m.start() - 90) : m.start()])
                    or g.advice_from.search(sentence, max(0, m.start() - 40), m.start())
                )
            ):
                speaking.append((st, words.detokenize(m.group()), m.start()))
                continue  # "British intelligence believes ...": the agency speaks
            if st not in office_states:  # "De Nederlandse inlichtingendienst MIVD" speaks
                add(st, "state-agency", m.span())
                if charged and g.members_of.search(sentence, max(0, m.start() - 40), m.start()):
                    add(st, "individuals", m.span())  # "cargos contra cinco miembros del Ejército"
                elif charged and words.language == "en" and g.members.match(sentence, m.end()):
                    add(st, "individuals", m.span())  # "indicts five Chinese military officers"
                elif charged and words.language == "en" and g.its_person.match(sentence, m.end()):
                    add(st, "individuals", m.span())  # "Iran's intelligence ministry and its
                    # top intelligence official"
                elif _counted_members(g, words, sentence, m.start(), blames, charged):
                    add(st, "individuals", m.span())  # "seis oficiales de inteligencia militar
                    # rusos", "tre programmatori ... che lavorano per l'esercito nordcoreano"
                at_demonym = m["st"] and m.start("st") == m.start()
                while at_demonym and (
                    listed := _ADJ_LISTED_ARTICLE.search(
                        sentence, max(0, m.start() - 40), m.start()
                    )
                ):
                    # "z rosyjskim i białoruskim wywiadem": each demonym listed owns one
                    add(lex.state_of(listed.group(1)), "state-agency", listed.span(1))
                    m = listed
        for m in g.sponsored.finditer(sentence) if may_match(g.sponsored, sentence) else ():
            if not _inside(m.span(), targets):  # "vom russischen Militärgeheimdienst gesteuert"
                st = m["st"] or m["st2"] or m["st3"] or m["st4"] or m.groupdict().get("st5")
                st = st or m.groupdict().get("st6")
                add(lex.state_of(st), "state-sponsored", m.span())
        for m in p["sponsored"].finditer(sentence) if may_match(p["sponsored"], sentence) else ():
            st = m["st"] or m["st2"] or m["st3"] or m["st4"] or m["st5"]
            add(lex.state_of(st), "state-sponsored", m.span())
        for m in _LINKED_STATE.finditer(sentence) if words.language == "en" else ():
            # "two individuals and a company linked to the Chinese state", "actors 'affiliated
            # to the Chinese state'": tied to the state itself, so acting for it
            if not _inside(m.span("st"), targets):
                add(lex.state_of(m["st"]), "state-sponsored", m.span("st"))
                if charged and _PERSONS_LINKED.search(sentence, max(0, m.start() - 40), m.start()):
                    # "Two individuals and a company linked to the Chinese state have been
                    # sanctioned": the persons sanctioned or charged
                    add(lex.state_of(m["st"]), "individuals", m.span("st"))
        for m in _ACTORS_OF_THE_STATE.finditer(sentence) if blames else ():
            # "Cyberakteuren des russischen Staates ... zugeordnet": the state's own actors, in
            # the genitive of the state itself, are the state (round twenty)
            if not _inside(m.span(), targets):
                add(lex.state_of(m["st"] or m["st2"]), "state", m.span())
        counts = not charged and blames and _counts(sentence)
        if charged and words.language == "en":
            for m in _COUNTED_NATIONALS.finditer(sentence):
                # "charged two Russians": a demonym as a plural noun names persons
                add(lex.state_of(m["dem"]), "individuals", m.span("dem"))
            for m in _COUNTED_OFFICIALS.finditer(sentence):
                add(lex.state_of(m["st"]), "individuals", m.span("st"))
            for m in _NATIONAL_CHARGED.finditer(sentence):
                # "North Korean charged in Sony hack": a demonym as a noun, the one charged
                add(lex.state_of(m["st"]), "individuals", m.span("st"))
        elif charged:
            for m in _STATE_OBJECT.finditer(sentence):
                if _person_demonym(words, m["st"]):  # "EU sanktioniert Russen"
                    add(lex.state_of(m["st"]), "individuals", m.span())
        elif counts:
            for m in _STATE_OBJECT.finditer(sentence):
                # "beschuldigt twee Chinezen": counted persons as the object of the attribution
                # word, as with "accuse six officiers russes"
                if (
                    _person_demonym(words, m["st"])
                    and _COUNT.search(sentence[max(0, m.start() - 16) : m.start()])
                    and _object_of(blames, m.start(), 25, sentence)
                ):
                    add(lex.state_of(m["st"]), "individuals", m.span())
        persons_named = words.language == "en" and blames and _NAMED_AFTER.search(sentence)
        for m in g.persons.finditer(sentence) if charged or counts or persons_named else ():
            # charged, or counted as the object of an attribution word ("accuse six
            # officiers russes"), or named right after their noun as its object ("accused
            # North Korean government-backed hacker Rim Jong Hyok of"): persons, not
            # "Russian hackers" in general
            counted = _COUNT.search(sentence[max(0, m.start() - 16) : m.start()])
            named = _NAMED_AFTER.match(sentence, m.end()) if persons_named else None
            if charged or ((counted or named) and _object_of(blames, m.start(), 25, sentence)):
                st = m["st"] or m["st2"] or m["st3"] or m["st4"] or m.groupdict().get("st5")
                add(lex.state_of(st or m["st6"]), "individuals", m.span())
                if m["st6"] and (linked := _linked_to_the_state(g, sentence, m)):
                    # "dos individuos vinculados a China", "dos personas vinculadas al régimen
                    # chino": persons linked to the state itself act for it, as "two people
                    # linked to the Chinese government" do (round twenty)
                    add(lex.state_of(m["st6"]), "state-sponsored", linked)
                if m["st2"]:  # "citizens of Russia, China and North Korea"
                    for span in _list_after(sentence, m.end()):
                        add(lex.state_of(sentence[span[0] : span[1]]), "individuals", span)
        for m in g.state_group.finditer(sentence) if may_match(g.state_group, sentence) else ():
            # "attribue l'attaque au groupe chinois APT31", "der chinesischen Gruppe APT15
            # zugeordnet": a group of the state's nationality held responsible acts for it
            if _inside(m.span(), targets):
                continue
            after = words.language in ("de", "nl") and any(
                m.end() <= a <= m.end() + 60 for a, _ in blames
            )  # the participle closes the clause
            # English: the group as the subject of "was responsible", "was behind"
            # ("... that North Korean hacking group was responsible for the attack")
            english = m.groupdict().get("st3") or m.groupdict().get("st4")
            after = after or bool(
                english and _HELD.match(sentence, m.end()) and _held_after(words, sentence, m)
            )
            # or named as who they are: "the hackers behind the attempts ... are believed to be
            # the North Korean group known as Kimsuky"
            after = after or bool(
                english
                and _IDENTIFIED.search(sentence, max(0, m.start() - 50), m.start())
                and " behind " in sentence[: m.start()]
            )
            if _object_of(blames, m.start(), 40, sentence) or after:
                st = m["st"] or m["st2"] or m.groupdict().get("st3") or m.groupdict().get("st4")
                add(lex.state_of(st), "state-sponsored", m.span())
        for start, end in blames if g.agent_attackers else ():
            # the attackers are the agent of the attribution phrase itself ("conducted by"
            # ends at its preposition), not of any passive ("breached by Russian hackers")
            if words["hedge"].search(sentence, 0, start):
                continue  # "sospechan que ... fue perpetrado por hackers norcoreanos"
            m = g.agent_attackers.match(sentence, end)
            if (
                m
                and _AGENT_PREPOSITION.search(sentence, start, end)
                and not _inside(m.span(), targets)
            ):
                add(lex.state_of(m["st"]), "state-sponsored", m.span("st"))
        for m in p["state"].finditer(sentence) if may_match(p["state"], sentence) else ():
            st = m["st"] or m["st2"] or m["st3"] or m["st4"] or m["st5"] or m["st6"]
            if _inside(m.span(), targets):
                continue
            if _hit_state(words, sentence, m.start()):
                continue  # "a cyberattack on the government of Albania": what the act hit
            # "the Russian government – the Kremlin – was responsible", "the Russian Government,
            # specifically the Russian military, was responsible": an apposition between them
            after = _APPOSITION.match(sentence, m.end()).end() if m["st2"] else m.end()
            held = (
                m["st2"]
                and _HELD.match(sentence, after)
                and words["responsible"].search(sentence, after, after + 40)
            )  # "assessed that the Iranian regime was responsible"
            # "two hacking groups believed to be operated by the North Korean government": the
            # government that controls a group sponsors it
            controlled = m["st2"] and _GROUP_CONTROLLED.search(
                sentence, max(0, m.start() - 90), m.start()
            )
            if (
                m["st2"]
                and not held
                and not controlled
                and not _object_of(blames, m.start(), 25, sentence)
            ):
                continue  # "The UK government has accused ...": the subject, not the object
            group = next(g for g in ("st", "st2", "st3", "st4", "st5", "st6") if m[g])
            # the state's own words, not the whole "attribution of ... to China": what lies
            # between may name who speaks
            own = group in ("st3", "st4", "st6")
            add(lex.state_of(st), "state", m.span(group) if own else m.span())
        # The object of the attribution word, or its passive agent ("conducted by Russia").
        for m in governments:
            if _AGENTS_AFTER.match(sentence, m.end()):
                continue  # "exposing the Chinese government agents": persons, not the state
            if _inverted_government(words, sentence, blames, m.start()):
                continue  # "Zo beschuldigt de Britse regering APT10 van ...": the subject
            if _hit_state(words, sentence, m.start()):
                continue  # "a cyberattack on the government of Albania": what the act hit
            linked = charged and _actor_linked(g, sentence, m.start())  # "... linked to the
            # Chinese authorities" after persons charged: the state that backs them
            # (in the other languages whatever the sentence does: "hacker legati al governo
            # cinese", "skupina napojená na čínský stát" are sponsored by it; round sixteen)
            linked = linked or (words.language != "en" and _actor_linked(g, sentence, m.start()))
            second = _second_object(words, sentence, m.start())  # "attributed ... to the"
            if (_object_of(blames, m.start(), 25, sentence) or linked or second) and not _inside(
                m.span(), targets
            ):
                if words["passive-agent"].search(sentence, max(0, m.start() - 70), m.start()):
                    continue  # "attribuito dal governo britannico": who attributes
                add(lex.state_of(m["st"] or m["st2"] or m["st3"]), "state", m.span())
        inverted_subjects = _inverted_subjects(words, sentence, blames)
        for m in _STATE_OBJECT.finditer(sentence):
            second = _second_object(words, sentence, m.start())  # "attributed ... to Iran"
            # "charges in connection with a scheme by North Korea": the agent of the act a
            # charge or sanction is over (English)
            second = second or bool(
                charged
                and words.language == "en"
                and _ACT_BY.search(sentence, max(0, m.start() - 40), m.start())
                and words["event-noun"].search(sentence, max(0, m.start() - 40), m.start())
            )
            if not (_object_of(blames, m.start(), 60, sentence) or second) or _inside(
                m.span(), targets
            ):
                continue
            if _titled_victim(words, sentence, m.start()):
                continue  # "condemned the cyberattack on NATO ally Albania": the victim
            if _hit_state(words, sentence, m.start()):
                continue  # "the attack on the government of Kenya": what the act hit
            if _compared(words, sentence, m.start()):
                continue  # "andere Ziele als solche aus Russland": a comparison, no target
            if words.language == "en" and any(
                _BY_AFTER_BLAME.fullmatch(sentence, b, m.start()) for _, b in blames
            ):
                continue  # "the condemnation by Australia, New Zealand ...": who condemns
            if words.language == "en" and _aided(words, sentence, m.start()):
                continue  # "cyber attacks on logistics firms aiding Ukraine": the state helped
            if words.language == "en" and _REGION_OF.search(
                sentence, max(0, m.start() - 20), m.start()
            ):
                continue  # "the cyber-attack on Bremanger, western Norway": a region, a place
            if words.language == "en" and _traced_infrastructure(lex, sentence, m.start()):
                continue  # "IP addresses ... which were traced back to China": where they are
            if _after_source(words, sentence, m.start()):
                continue  # "... was carried out by Russia, according to Georgia, the UK and
                # the US": who says so, not who did it
            if words.language in ("fr", "es", "it") and _victim_of_act_to(sentence, m.start()):
                continue  # "un attacco hacker alla Germania": the victim of the act
            if g.inquiry_led.search(sentence, max(0, m.start() - 80), m.start()):
                continue  # "The investigation was led by Australia": who investigated
            if _person_demonym(words, m["st"]):
                continue  # "Russen", "Chinezen": persons, not the state
            if m.span() in inverted_subjects:
                continue  # "In einer Warnung werfen die USA China ... vor": the subject
            if agent and m.start() >= agent.end():
                continue  # "... by the governments of Australia, ...": who attributes
            if words.language != "en" and words["passive-agent"].search(
                sentence, max(0, m.start() - 70), m.start()
            ):
                continue  # "acusada por el Reino Unido", "attribuito dal governo": who accuses
            if g.government.match(sentence, m.start()):
                continue  # "... Česká vláda označila": a government speaking
            if m["st"].startswith("⟨A") and _owned_event_before(words, sentence, m.start(), blames):
                add(lex.state_of(m["st"]), "state", m.span())  # "condamne les cyberattaques
                continue  # russes": the Romance demonym after the act an attribution word governs
            if m["st"].startswith("⟨A") and _object_of(blames, m.start(), 12, sentence):
                if _ENDS_PHRASE.match(sentence, m.end()):  # "ze strony rosyjskiej i ..."
                    add(lex.state_of(m["st"]), "state", m.span())
                elif _event_after(words, sentence, m.end() + 1, 2):
                    add(lex.state_of(m["st"]), "state", m.span())  # "potępia rosyjskie cyberataki"
                continue
            if (
                not m["st"].startswith("⟨A")
                and sentence.startswith(("'s ", "’s "), m.end("st"))
                and _event_after(words, sentence, m.end() + 3)
            ):
                add(lex.state_of(m["st"]), "state", m.span())  # "condemn Russia's campaign"
                continue
            if m["st"].startswith("⟨A") or sentence.startswith(("'", "’"), m.end("st")):
                continue  # a demonym, or a possessive: "the United States' partners"
            if not _governed(blames, sentence, m.start()) and (
                _modifier(sentence, m.end()) or _FINITE.match(sentence, m.end())
            ):
                continue  # "the New Zealand parliament"; "... after the US and the UK announced"
            if words["appeal-verb"].match(sentence, m.end()):
                continue  # "saying: 'The United States calls on Russia to cease ...'": speaks
            if g.government.match(sentence, m.start()):
                continue  # "... Česká vláda označila": a government speaking
            direct = _governed(blames, sentence, m.start()) or second  # "punta il dito contro"
            direct = direct or _actor_linked(g, sentence, m.start())  # "liés à Pékin"
            if not direct and _is_location(lex, sentence, m.start(), p["name"], object_ok=True):
                continue
            if re.search(r"\b(?:on|at)\s+(?:the\s+)?$", sentence[: m.start()]) and not (
                _object_of(blames, m.start(), 16, sentence)
            ):
                continue  # "blame on Russia", but not "... cyberattacks on the US"
            add(lex.state_of(m["st"]), "state", m.span())
            for span in _list_after(sentence, m.end()):  # "... to Iran, China and Russia"
                if not _inside(span, targets):
                    add(lex.state_of(sentence[span[0] : span[1]]), "state", span)
        for m in _STATE_OBJECT.finditer(sentence) if words.language != "en" else ():
            # "Rusia fue acusada por el Reino Unido", "Rosja została oskarżona przez ...": the
            # subject of a passive accusation is its target (the agent speaks, see subject())
            if words["passive-target"].match(sentence, m.end()):
                add(lex.state_of(m["st"]), "state", m.span())
        for m in _PASSIVE_TARGET.finditer(sentence):
            add(lex.state_of(m["st"]), "state", m.span("st"))
        if words.language == "en" and _found(words["reported-act"], sentence):
            # "Britain also said Russia had targeted media outlets": the state as the subject
            # of an attack verb (attribution-cues.json, reported-act) in what a party says
            acted = rf"\b(?:said|says|alleges|alleged|added)(?: that)? (?P<st>{_NAME_TOKEN}) "
            for m in re.finditer(acted + rf"(?:{words.source('reported-act')})", sentence):
                add(lex.state_of(m["st"]), "state", m.span("st"))
        acts = _STATE_ACTS.get(words.language)
        if acts and genre_words(words)["cyber"].search(sentence):
            # "Voor het eerst heeft Rusland geprobeerd ... te saboteren, aldus de MIVD",
            # "Russland habe die Server angegriffen": the state as the subject of an act verb in
            # what a party says (issue 17, recall by class; the words of each language's
            # grammar, a cyber word in the sentence: "la Russie a lancé une invasion" is none)
            for m in acts.finditer(sentence):
                g_st = "st" if m["st"] else "st2"
                if not _inside(m.span(g_st), targets):
                    add(lex.state_of(m[g_st]), "state", m.span(g_st))
        for m in _SANCTIONS_FOR_ROLE.finditer(sentence) if words.language == "en" else ():
            # "imposed sanctions against Russia for its involvement in the 2015 hack", "sanctions
            # against Russia to punish the Kremlin for its involvement in the hacking campaign":
            # the state sanctioned for its own part in a cyber act is held responsible
            if genre_words(words)["cyber"].search(sentence, m.end(), m.end() + 100):
                add(lex.state_of(m["st"]), "state", m.span("st"))
        for m in g.responsible_after.finditer(sentence):
            # "Die Bundesregierung macht Russland ... verantwortlich": a state named after
            # the subject and before the attribution word
            if _inside(m.span("st"), targets) or any(
                m.end("st") <= t.span[0] < m.end()
                and _POSSESSIVE_GAP.fullmatch(sentence, m.end("st"), t.span[0])
                for t in targets
            ):
                continue  # "Russia’s FSB agency was responsible": the agency is, not the state
            if any(
                t.state != lex.state_of(m["st"]) and m.end("st") <= t.span[0] < m.end()
                for t in targets
            ):
                continue  # "heeft het Verenigd Koninkrijk de GROe geïdentificeerd achter ...":
                # another state's agency between them is the one behind, the state speaks
            said_before = (
                words["source"].search(sentence, 0, m.start())
                or words.body_pattern.search(sentence, 0, m.start())
                # "Het ministerie neemt aan dat China achter de hackaanval zit": a subject
                # pointing back to the office named before
                or words["anaphor"].search(sentence, 0, m.start())
            )  # "Volgens de AIVD zit Rusland achter de aanval"
            if not (_mentioned_before(sentence, m.start()) or said_before) and not _SAYS.search(
                sentence, m.end()
            ):
                continue  # the state must follow a subject, or the speaker come after
            if g.government.match(sentence, m.start()):
                continue  # "the UK government has ...": a government speaks
            if words.language == "en" and _HOLDS.search(sentence, m.end("st"), m.end()):
                continue  # "the U.S. will hold the hackers accountable": who holds them
            if _LISTED_WITH.search(sentence, 0, m.start("st")):
                continue  # "La Pologne et la Belgique tiennent le pays pour responsable": a
                # state listed with the subject is a subject too, not the one held responsible
            if _is_location(lex, sentence, m.start(), p["name"]):
                continue
            if words.language != "en" and words["passive-agent"].search(
                sentence, max(0, m.start() - 70), m.start()
            ):
                continue  # "acusada por el Reino Unido de estar detrás": who accuses
            add(lex.state_of(m["st"]), "state", m.span("st"))
        if targets and _STATE_BACKED.search(sentence) and len({t.state for t in targets}) == 1:
            # "four Chinese nationals with state-backed worldwide hacking campaign", "accusing
            # China of launching cyberattacks through state-backed hackers"
            add(targets[0].state, "state-sponsored", _STATE_BACKED.search(sentence).span())
            # "accusing China of launching cyberattacks through state-backed hackers": like
            # "accused Beijing of sponsoring", the state is held to back them, not to act
            targets[:] = [t for t in targets if t.level != "state"] or targets
    if targets and (words.language != "en" or "its " in sentence or "their " in sentence):
        for m in g.its_agency.finditer(sentence):
            owner = [
                t
                for t in targets
                if t.span[1] <= m.start() <= t.span[1] + 60 and t.level == "state"
            ]
            if _SAYS.search(sentence, m.end(), m.end() + 30) or _BELIEVES.match(sentence, m.end()):
                continue  # "..., its intelligence agency GCHQ said": the speaker's own
            if owner and not _inside(m.span(), targets):
                # the agency of the state the clause just held responsible
                add(owner[-1].state, "state-agency", m.span())
    if targets and charged and words.language == "en" and _NAMES_CHARGED.search(sentence):
        # "Ding Xiaoyang, Cheng Qingmin and Zhu Yunmin were charged", "sanctioned Ivan Petrov":
        # persons named by the charge itself, individuals of the state the sentence attributes
        # to (one state only)
        states = {t.state for t in targets}
        if len(states) == 1:
            m = _NAMES_CHARGED.search(sentence)
            add(next(iter(states)), "individuals", m.span("name" if m["name"] else "name2"))
    if targets and charged and words.language != "en":
        # "a inculpé Rim Jong Hyok, un agent du renseignement nord-coréen": a person named in
        # apposition to a person's noun, in a charging sentence, is an individual of the one
        # state the sentence attributes to (round thirteen)
        states = {t.state for t in targets}
        m = g.named_person.search(sentence) if len(states) == 1 else None
        if m:
            add(next(iter(states)), "individuals", m.span("name"))
    if targets and p["individuals"].search(sentence):
        for m in p["individuals"].finditer(sentence):
            # the span of the persons' noun, not of the charging word: "The Justice Department
            # charged a hacker" is no person's name "Department charged"
            if m["st"]:
                add(lex.state_of(m["st"]), "individuals", m.span("who"))
            else:
                add(targets[0].state, "individuals", m.span("who"))

    persons = g.persons_charged.search(sentence) if charged and words.language == "en" else None
    if persons and len({t.state for t in targets}) == 1:
        # "three individuals are facing charges for allegedly hacking into the campaign at the
        # behest of the Iranian government": the persons charged, of the one state the
        # sentence attributes to
        add(targets[0].state, "individuals", persons.span("who"))
    counted = charged and len({t.state for t in targets}) == 1 and _counts(sentence)
    if counted and not any(t.level == "individuals" for t in targets):
        # "sanctioned two companies and four individuals linked to the IRGC": counted persons
        # the sentence charges or sanctions, of the one state it attributes to
        m = g.counted_persons.search(sentence)
        acts = [
            a.start()
            for role in ("indictment", "sanctions", "expulsion")
            for a in words[role].finditer(sentence)
        ]
        # the persons the act is against: after its word ("sanctioned two individuals"), or
        # before it as the subject of a passive ("Ten people ... have been subjected to
        # sanctions"), not persons named elsewhere in it
        if (
            m
            and any(a < m.start() <= a + 120 for a in acts)
            or (m and _PERSONS_BEFORE_ACT.match(sentence, m.end()))
        ):
            add(targets[0].state, "individuals", m.span("who"))

    if known and (blames or words["responsible"].search(sentence)):
        # "dass APT 28 für den Angriff verantwortlich ist", the text having said before that
        # APT 28 belongs to the GRU: the group stands for what it was tied to
        for span, state, level in known:
            if not _inside(span, targets):
                add(state, level, span)

    # -- parties ----------------------------------------------------------------------------
    joined = _joining(words, sentence, targets)
    if joined:  # the states that join the attribution are not what it attributes
        targets = [t for t in targets if t.span not in joined]
    attributed = {t.state for t in targets}
    spans = [t.span for t in targets]
    # The subject of a clause comes before an attribution word whose object follows it
    # ("Statement on ... The Australian Government's decision to ... attribute ... to China").
    heads = [a for a, b in blames if any(t.span[0] >= b for t in targets)] or [turn]

    inverted = words.language in ("de", "nl")
    first_target = min((t.span[0] for t in targets), default=0)

    # one test per sentence (when first needed) before the tests per candidate
    cheap: dict[str, bool] = {}

    def anywhere(name: str, pattern: re.Pattern) -> bool:
        if name not in cheap:
            cheap[name] = pattern.search(sentence) is not None
        return cheap[name]

    def subject(x: int) -> bool:
        """Before an attribution word with its object, or the agent of a passive one
        ("North Korea was held responsible ... by the governments of Australia, ...")."""
        clause = max(sentence.rfind(",", 0, x), sentence.rfind(";", 0, x), 0)
        if x - clause < 40 and words["comparison"].match(sentence, clause, x):
            comma = sentence.find(",", x)
            if not _SAYS.search(sentence, x, comma if comma > 0 else len(sentence)):
                return False  # "Wie Großbritannien beschuldigt nun auch die Bundesregierung
                # ...", but "Wie das Auswärtige Amt mitteilte, ..." says who speaks
        if any(x < a for a in heads) or (agent and x >= agent.end()):
            return True
        if inverted and any(b <= x <= b + 40 for _, b in blames) and x < first_target:
            return True  # German and Dutch put the subject after the verb: "beschuldigt nun
            # auch die Bundesregierung Russland"
        # "according to the British NCSC", "nach Erkenntnissen der britischen Cyberabwehr"
        if anywhere("source", words["source"]) and (
            words["source"].search(sentence, max(0, x - 45), x) or _after_source(words, sentence, x)
        ):
            return True
        # "attribuito dal governo britannico", "atribuido por el Gobierno británico"
        return anywhere("passive", g.passive_anywhere) and bool(
            words["passive-agent"].search(sentence, max(0, x - 70), x)
        )

    found: dict[str, str] = {}
    # when states join an attribution the sentence makes itself, its subject still attributes
    support = None if joined and targets else (_found(words["support"], sentence) or None)
    support_span = (
        (support.end(), turn if turn > support.end() else len(sentence)) if support else None
    )
    supporters: dict[str, str] = {}
    bare: set = set()
    # "Canada stands in solidarity with ...": who comes before an active support phrase
    # supports; before a passive one ("sostenuta da alleati") it is the one supported
    passive = support and (
        _PASSIVE_SUPPORT.search(support.group()) or lex.WITH_SUPPORT.match(support.group())
    )
    active = support.start() if support and not passive else -1
    unresolved = False

    def covered(span) -> bool:
        return any(a <= span[0] < b for a, b in spans)

    # the words an attribution clause turns on: its attribution words, else "behind" and
    # "responsible" ("The Polish government said Russia was behind the attack, while ...")
    clause_words = blames or [m.span() for m in words["responsible"].finditer(sentence)]
    if not clause_words and charged and words.language == "en":
        # "The Netherlands expelled four agents, while the United States charged seven Russian
        # agents": the words of charging or sanctioning
        clause_words = [
            m.span() for role in ("indictment", "sanctions") for m in words[role].finditer(sentence)
        ]

    def put(code: str, basis: str, start: int) -> None:
        if code in attributed or _victim_of_act(words, sentence, start):
            return
        if _hit_state(words, sentence, start):
            return  # "a cyberattack on the government of Albania": the victim, not who speaks
        if _bank_named(sentence, start):
            return  # "la Banque centrale du Bangladesh": a bank's name, not who speaks
        if _compared(words, sentence, start):
            return  # "than those from Russia": a comparison, not who speaks
        if words.language == "en" and _possessed_asset(sentence, start):
            return  # "Ukrainian government networks": the victim, not who speaks
        if words.language == "en" and _aided(words, sentence, start):
            return  # "will continue to support Ukraine": the one helped, not who speaks
        if words.language == "en" and _in_other_clause(sentence, start, clause_words):
            return  # "Qatar mediated talks ... after Washington blamed Tehran": not its clause
        if _stood_with(words, sentence, start) and not _WHICH_AFTER.match(sentence, start):
            return  # "the UK stands with Albania": the state stood with neither speaks nor backs
            # ("in solidarity with the UK, which attributed": _WITH_WHICH makes it a party)
        if support_span and (support_span[0] <= start < support_span[1] or start < active):
            supporters.setdefault(code, basis)  # "Canada stands in solidarity with ..."
        else:
            found.setdefault(code, basis)

    spoken: list[int] = []  # where the offices that speak end
    for (a, b), code in offices:
        # down a list from an office that speaks: "par Washington, Londres et Wellington"
        listed = any(_LIST_JOINED.fullmatch(sentence, end, a) for end in spoken)
        unit = not listed and _unit_of_office(lex, sentence, a)
        if covered((a, b)) or (
            not listed and not unit and _is_location(lex, sentence, a, p["name"])
        ):
            continue
        if not listed and not subject(a) and not _SAYS.search(sentence[max(0, a - 30) : b + 40]):
            continue  # "... targeting a European NATO member state": not who speaks
        if code in ("EU", "NATO") and _BLOC_PLACE.match(sentence, b):
            continue  # "data from European Union and NATO countries": places, no speaker
        if code == "?":
            code = _office_state(lex, sentence, a, b, p, words.language) or doc.publisher
            if code in (None, "EU", "NATO"):
                unresolved = True
                continue
        put(code, f"text: {words.detokenize(sentence[a:b])!r}", a)
        spoken.append(b)
    for code, said, at in speaking:
        put(code, f"text: {said!r}", at)
    for pattern in ("government_of",):
        for m in p[pattern].finditer(sentence):
            if subject(m.start()) and not covered(m.span()):
                put(lex.state_of(m["st"]), f"text: {words.detokenize(m.group())!r}", m.start())
    for m in governments:
        if _is_location(lex, sentence, m.start(), _ANY_STATE_TOKEN, language=words.language):
            continue  # "who have targeted U.S. government entities"; a list "X en Y" is none
        speaks = subject(m.start()) or _SAID_AFTER.match(sentence, m.end())
        # '«...», a déclaré le vice-Premier ministre britannique': the verb before it
        speaks = speaks or _SAID_BEFORE.search(sentence, max(0, m.start() - 40), m.start())
        if speaks and not covered(m.span()):
            st = m["st"] or m["st2"] or m["st3"]
            after = sentence[m.end() : m.end() + 60]
            if re.match(
                _COPULA + r"\s+(?:[\w-]+\s+){0,2}?(?:" + words.source("responsible") + ")", after
            ):
                add(lex.state_of(st), "state", m.span())  # "rosyjski rząd jest odpowiedzialny"
                continue
            demonym = (m["st"] or m["st2"] or m["st3"]).startswith(
                "⟨A"
            )  # "Hunta Brytyjskie Centrum ...": no
            if demonym or not _person(lex, sentence, *m.span(), caps):  # surname is a demonym
                put(lex.state_of(st), f"text: {words.detokenize(m.group())!r}", m.start())
                for other in _demonyms_listed(sentence, m) if demonym else ():
                    put(lex.state_of(other), f"text: {words.detokenize(m.group())!r}", m.start())
    for m in p["name"].finditer(sentence):
        if covered(m.span()) or m["st"].startswith("⟨A"):
            continue
        if not subject(m.start()) and not _SPEAKS.match(sentence, m.end()):
            continue
        sourced = anywhere("source", words["source"]) and _after_source(
            words, sentence, m.start()
        )  # "according to Georgia, the UK and the US": "to" is no place here
        if (
            not sourced
            and _is_location(lex, sentence, m.start(), p["name"], language=words.language)
            # "Several Western countries, such as Australia and New Zealand, accuse Russia":
            # examples of the subject, not places
            and not _subject_examples(lex, sentence, m.start(), blames)
        ) or _person(lex, sentence, *m.span(), caps):
            continue
        if _modifier(sentence, m.end(), words.language) or re.match(
            r"-[^\W\d_]", sentence[m.end() :]
        ):
            continue  # "a US cybersecurity provider", "ihrer Australien-Reise"
        if _listed_with_target(sentence, m.span(), targets):
            continue  # "China, Russia, Iran, and North Korea sponsored ...": actors all
        if lex.state_of(m["st"]) not in found:
            bare.add(lex.state_of(m["st"]))  # named, not an office: a vendor may say it
        put(lex.state_of(m["st"]), f"text: {words.detokenize(m['st'])!r}", m.start())
    if support and lex.WITH_SUPPORT.match(support.group()):
        # "with the support of NATO, the European Union and Japan": the states and bodies
        # listed right after it, up to where the list stops ("..., le secrétaire d'Etat ...
        # pour la sécurité des Etats-Unis" is no supporter)
        named = [
            (m.start(), m.end(), lex.state_of(m["st"]), m["st"])
            for m in p["name"].finditer(sentence, support.end())
        ]
        named += [
            (m.start(), m.end(), words.body_code(m.group()), m.group())
            for m in words.body_pattern.finditer(sentence, support.end())
        ]
        last = support.end()
        for a, b, code, said in sorted(named):
            if a - last > 14:
                break
            last = b
            if code and code not in attributed and code != "?":
                supporters.setdefault(code, f"text: {words.detokenize(said)!r}")
    elif support_span:  # "supported by allies including the United States, ..., and Japan"
        a, b = support_span
        for m in p["name"].finditer(sentence, a, b):
            code = lex.state_of(m["st"])
            if _stood_with(words, sentence, m.start()) and not _WHICH_AFTER.match(
                sentence, m.start()
            ):
                continue  # "the UK stands with Albania": the state stood with supports nothing
            if code and code not in attributed:
                supporters.setdefault(code, f"text: {words.detokenize(m['st'])!r}")
    for span, code in joined.items():  # "..., y otros países como Japón también coinciden"
        if code not in attributed:
            supporters.setdefault(code, f"text: {words.detokenize(sentence[span[0] : span[1]])!r}")
    with_which = _WITH_WHICH.finditer(sentence) if may_match(_WITH_WHICH, sentence) else ()
    for m in with_which:  # "in solidarity with the UK, which attributed"
        code = lex.state_of(m["st"])
        if code in supporters and code not in attributed:
            found.setdefault(code, supporters.pop(code))
    return _Roles(
        targets, list(found.items()), list(supporters.items()), unresolved, frozenset(bare)
    )


# The preposition of an attack's object right before a state (or its authorities), an attack
# noun shortly before: "Cyberangriffe aus Russland auf deutsche Behörden", "attaques contre
# les institutions françaises" (round thirteen)
_ATTACKED_PREPOSITION = re.compile(
    r"\b(?:auf|gegen|contre|contra|contro|na|proti|op|tegen)\s+"
    r"(?:(?:die|den|der|das|la|le|les|el|los|las|il|lo|gli|de|het)\s+|l['’])?$"
)


def _attacked_after_act(words, sentence: str, span: tuple[int, int]) -> bool:
    before = sentence[max(0, span[0] - 90) : span[0]]
    m = _ATTACKED_PREPOSITION.search(before)
    return bool(m) and bool(words["event-noun"].search(before, 0, m.start()))


# French, Spanish and Italian put the demonym after the act ("les cyberattaques russes", "una
# campaña de ciberespionaje rusa", "gli attacchi informatici russi"): the event noun, a word
# or a "de"-phrase of its own, then the demonym (round sixteen)
_EVENT_TAIL = re.compile(r"(?:\s+(?:de|di|d'|d’|del|du|des)\s*[\w-]+|\s+[\w-]+)?\s+$")


def _owned_event_before(words, sentence: str, start: int, blames) -> bool:
    """Is the demonym at ``start`` the owner of an act named right before it, the object of an
    attribution word ("La France condamne les cyberattaques russes")? fr, es and it only."""
    if words.language not in ("fr", "es", "it"):
        return False
    window_start = max(0, start - 50)
    events = list(words["event-noun"].finditer(sentence, window_start, start))
    if not events:
        return False
    event = events[-1]
    if not _EVENT_TAIL.fullmatch(sentence, event.end(), start):
        return False
    return _object_of(blames, event.start(), 25, sentence)


def _linked_to_the_state(g: _Grammar, sentence: str, m: re.Match) -> tuple[int, int] | None:
    """Where the persons ``m`` matched are linked to the state itself: its name ("linked to
    China"), or its adjective with a government's noun ("al régimen chino", "al Gobierno
    chino", "to the Chinese government"), the span of both; None when they are linked to a
    thing of its nationality ("tied to Russian hacking") or to one it owns ("tied to Iran's
    IRGC")."""
    span = m.span("st6")
    if re.match(r"['’]s\b", sentence[span[1] : span[1] + 2]):
        return None  # "tied to Iran's IRGC": to the state's agency, which says so itself
    if not m["st6"].startswith("⟨A "):
        return span
    if before := g.government_before.search(sentence, m.start(), span[0]):
        return before.start(), span[1]  # "al Gobierno chino": from the noun, no person's name
    return span if g.government_after.match(sentence, span[1]) else None
