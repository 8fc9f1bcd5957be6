"""Stage 3c: the phrases of one language. :class:`_Grammar` compiles, once per language, the patterns built on the rules data (cues, targets, speech verbs, counts of persons, governed objects), with the small predicates over them (is a state governed by an attribution word, linked to an actor, followed by an event noun). The roles stage reads every sentence through these."""

from __future__ import annotations

import re

from misp_module.core.attribution.parties import (
    _AGENT_BEFORE,
)
from misp_module.core.regexgate import compile_gated, may_match
from misp_module.core.rules import (
    attribution_word_entries,
    attribution_words,
    word_alternation,
)

# Nouns of the state itself, every language: its government, regime, state, authorities (not
# its officials, prosecutors or ministries, which are persons or offices of it)
_THE_STATE = (
    r"(?i:governments?|gobierno|gouvernement|governo|Regierung|regering|rząd\w*|vlád\w*|"
    r"regimes?|régimen|régime|regime\w*|režim\w*|state|estado|état|stato|Staat\w*|"
    r"authorities|autoridades|autorités|autorità|Behörden|autoriteiten|władz\w*|úřad\w*)"
)


class _Grammar:
    """The phrases of one language over tokenized sentences, compiled once per language."""

    def __init__(self, words) -> None:
        w = {k: words.source(k) for k in ("government-noun", "agency-noun", "sponsorship")}
        actor = words.source("actor-noun")
        ANY, ADJ, NAME = r"⟨[NA] [A-Z]{2} \d+⟩", r"⟨A [A-Z]{2} \d+⟩", r"⟨[NM] [A-Z]{2} \d+⟩"
        SEAT = r"⟨M [A-Z]{2} \d+⟩"
        gov, agency, sponsor = w["government-noun"], w["agency-noun"], w["sponsorship"]
        filler = r"(?:[\w-]+ ){0,2}?"
        # "Russian Hackers Behind Police Breach" (a Title Case headline): the state's actors
        # (hackers, a group) before the noun are no government of it
        # nor the attribution word ("Estados Unidos culpó al gobierno chino": the US is the
        # subject, the Chinese government the object; one phrase made both a speaker)
        no_actor = rf"(?:(?!(?i:{actor})\b)(?!{words.source('blame')})[\w-]+ ){{0,2}}?"
        self.government = compile_gated(
            rf"(?P<st>{ANY})(?:'s|’s)? {no_actor}(?:{gov})\b"
            # "the government of Canada", "gobierno de Rusia"; a demonym after its noun only
            # ("Ministerio de Exteriores británico", "le gouvernement français")
            rf"|\b(?:{gov}) (?:(?:of|du|de|del|van|des|di) (?:the |la |l')?(?P<st2>{ANY})"
            rf"|{filler}(?P<st3>{ADJ}))"
        )
        # many=True: these alternations are led by a look-ahead of their first characters
        # though each alternative fails fast by itself (regexgate; 1.5x to 3x faster led)
        # the words between a state and its agency are no preposition of direction: "attribuée
        # par la France au renseignement militaire russe" is no French agency (round thirteen)
        to = r"(?!(?:au|aux|à|al|alla|allo|ai|agli|a|to|aan|naar|do|na|ke|k)\b)"
        self.agency = compile_gated(
            rf"(?P<st>{ANY})(?:'s|’s)? (?:{to}[\w-]+ ){{0,2}}?(?:{agency})"
            # a demonym after the agency's noun, in the languages that put it there ("l'esercito
            # nordcoreano"); English never does: "Dutch intelligence agencies said Chinese
            # hackers" is no Chinese agency (round twenty-two, levels by class)
            + (
                rf"|\b(?:{agency}) (?:[\w-]+ ){{0,1}}(?P<st2>{ADJ})"
                if words.language != "en"
                else ""
            )
            # Spanish: the state after the agency ("una agencia de inteligencia militar de Corea
            # del Norte", "de la República Popular Democrática de Corea")
            + (rf"|\b(?:{agency}) de (?:la )?(?P<st3>{NAME})" if words.language == "es" else ""),
            many=True,
        )
        self.sponsored = compile_gated(
            # "Russia-controlled"; a capital or seat too: "Kremlin-backed", "Beijing-backed"
            rf"(?P<st>{ANY}|{SEAT})-(?:[\w]+[- ])?(?:{sponsor})"
            rf"|(?P<st4>{ADJ}) (?:[\w]+[- ])?(?:{sponsor})"  # "ruského státního aktéra"
            rf"|\b(?:{sponsor}) (?:by |from |of |de |del |di |przez |por |par |door |da |dal |dallo |"
            r"dalla )?(?:the |el |la |le |l'|l’|de |het |der |des |dem )?"  # "im Auftrag der"
            # "patrocinados por el Estado chino", "soutenus par l'État russe"
            rf"(?:[Ss]tat[oe] |[Ss]tate |government |[Ee]stado |[ÉE]tat |[Gg]obierno |[Gg]ouvernement )?"
            rf"(?P<st2>{ANY}|{SEAT})"  # "na zlecenie Kremla"
            rf"|\b(?:{sponsor})\w* (?P<st3>{ADJ})"
            # a state before the participle: "Ruskem kontrolovaná skupina", "von Peking
            # unterstützte Hacker", "aan het Kremlin gelieerde hackers"
            + (
                rf"|{_AGENT_BEFORE.get(words.language, '')}(?P<st5>{NAME}) (?:{sponsor})"
                if words.language in ("cs", "pl", "de", "nl")
                else ""
            )
            # a state-backed group "from" a state: "eine staatlich geförderte Gruppe aus China",
            # "un groupe soutenu par l'État en provenance de Chine" (round thirteen)
            + (
                rf"|\b(?:{sponsor})\w* (?:[\w-]+ ){{1,2}}?(?:aus|uit|z|ze|de|di|da) "
                rf"(?P<st6>{NAME})"
                if words.language != "en"
                # English: "a state-sponsored actor from the People's Republic of China" (the
                # actor's noun right before "from": no "state-backed attacks in Ukraine";
                # round nineteen, issue 17)
                else r"|\b(?:state|government)[- ](?:sponsored|backed|affiliated|linked|supported) "
                rf"(?:[\w-]+ )?(?:{actor}|actors?|groups?|cyberspies|attackers|operators?) "
                rf"(?:from|based in) (?:the )?(?P<st6>{NAME})"
            ),
            many=True,
        )
        # A group of a state's nationality, named or not, in the other languages: "der
        # chinesischen Gruppe APT15", "le groupe chinois APT31", "il gruppo hacker russo", "la
        # chińska grupa" (round thirteen; read as state-sponsored where held responsible)
        group = (
            r"(?:[Hh]acker-?[Gg]ruppe\w*|[Cc]yber-?[Gg]ruppe\w*|Gruppe\w*|groupe|gruppo|grupo|"
            r"hackersgroep\w*|groep\w*|grup[aęy]|skupin\w*)"
        )
        self.state_group = compile_gated(
            rf"(?P<st>{ADJ}) (?:[\w-]+ )?{group}\b"
            rf"|\b{group} (?:(?:de |di )?(?:hackers?|pirates?|piratas?|hacker) )?(?P<st2>{ADJ})"
            # English: "the Chinese group APT15", "North Korean hacking group", "the North
            # Korean-based cyber attack group TraderTraitor", "North Korea's Lazarus group"
            # (round sixteen)
            + (
                rf"|(?:(?P<st3>{ADJ})(?:-based)?|(?P<st4>{NAME})(?:'s|’s)) "
                r"(?:(?:hacking|hacker|cyber|attack|espionage|threat|APT|state|cyber-?attack|"
                r"cyberespionage|[A-Z][\w-]*) ){0,2}?groups?\b"
                if words.language == "en"
                else ""
            )
        )
        # A state's unnamed attackers as the agent of a passive attribution phrase, matched
        # where the phrase ends with its preposition ("were conducted by North Korean
        # hackers", "menées par des pirates chinois", "condotti da hacker russi"): never
        # "Russian hackers" in general. German and Dutch put the agent before the participle.
        attackers = words.source("attacker-noun")
        self.agent_attackers = (
            re.compile(rf"\s+(?:the\s+)?(?P<st>{ADJ})\s+(?:{attackers})\b")
            if words.language == "en"
            else re.compile(
                r"\s+(?:(?:des|de|d'|les|los|las|unos|unas|dei|degli|delle|di|alcuni)\s+)?"
                rf"(?:{attackers})\s+(?P<st>{ADJ})"
            )
            if words.language in ("fr", "es", "it")
            else None
        )
        self.persons = compile_gated(
            rf"(?P<st>{ADJ}) (?:[\w-]+ ){{0,2}}?(?:{actor})\b"
            # "six persons and three entities from Russia", "seis personas y tres entidades de":
            # a counted second noun only ("ciudadanos y empresas del Reino Unido" are no one
            # sanctioned but those its sanctions bind)
            rf"|\b(?:{actor}) (?:and \w+ |(?:y|e|et|und|en|i|a|oraz) {_NUMBERS} \w+ )?"
            rf"(?:of|from|van|di|de|del|des|du|aus|z) (?:the )?(?P<st2>{NAME})"
            # a genitive after the noun: "obywatelom Chin", "Staatsangehörige Chinas"
            + (rf"|\b(?:{actor}) (?P<st5>{NAME})" if words.language in ("pl", "cs", "de") else "")
            + rf"|\b(?:{actor}) (?P<st3>{ADJ})"
            # "seven members of a Russian cybercrime gang": an article before the demonym too
            rf"|\b(?:{actor})\b[^.;⟨]{{0,50}}?\b(?:in|to|of|for|with) (?:the |an? )?(?P<st4>{ADJ})"
            # "czterech hakerów związanych z chińskimi władzami": persons linked to a state,
            # or to its name ("dos individuos vinculados a China")
            # the state's own noun may come first: "sujetos vinculados al Gobierno chino"
            rf"|\b(?:{actor})\s+(?:{words.source('linking')})(?:{_THE_STATE}\s+)?(?P<st6>{ANY})",
            many=True,
        )
        # the state itself as a noun right before or after its token: "vinculadas al régimen
        # chino", "linked to the Chinese government", "związanych z chińskimi władzami"
        self.government_before = re.compile(rf"\b(?:{_THE_STATE})\s+$")
        self.government_after = re.compile(rf"\s+(?:{_THE_STATE})\b")
        # the passive-agent phrases anywhere (their data patterns end where the agent starts)
        self.passive_anywhere = re.compile(words.source("passive-agent").replace("$)", ")"), re.I)
        # "the GRU agents", "five Chinese military officials" (charged: persons of the agency)
        # (a hyphen too: "twee GRU-officieren", round thirteen)
        self.members = re.compile(rf"(?:\s+|-)(?:[\w-]+\s+)?(?:{actor}|officials)\b")
        self.actor_after = re.compile(rf"\s+(?:{actor})\b")  # "mutmaßlichen Hacker"
        # a person's name in apposition to a person's noun: "Rim Jong Hyok, un agent du ...",
        # "gegen Rim Jong Hyok erhoben, einen Agenten des ..." (round thirteen)
        cap = r"[A-ZÀ-ÖØ-ÞČŘŠŽŁŚŻ][\w’'-]+"
        self.named_person = re.compile(
            rf"(?P<name>{cap}(?: {cap}){{1,2}})(?:,| (?:\w+ ){{0,2}}?\w+,)\s+"
            rf"(?:(?:un|une|uno|una|un'|el|la|il|l'|einen|eine|ein|een|de|der)\s+)?(?:{actor})"
        )
        # an agency the state just named owns: "Russia, specifically its military
        # intelligence agency", "Moscow ... using its military intelligence service"
        self.its_agency = compile_gated(
            rf"\b(?:its|their|seine[mnrs]?|ihre[mnrs]?|son|sa|ses|leurs?|sus?|suo|sua|suoi|"
            rf"swo\w+|svou|svým|svoj\w*|zijn|haar) (?!own\b|eigene)(?:[\w-]+ ){{0,2}}?"
            rf"(?:{agency})\b"
        )
        # "hackers linked to", "a group tied to": an actor the linking word ties to a state;
        # in English a phrase of acting for someone ties it too ("hackers acting on orders
        # from Russia", "a group working for China"; acts-for, as before an agency)
        linking = words.source("linking")
        if words.language == "en":
            linking += rf"|(?:{words.lex.ACTS_FOR})\s+(?:the\s+)?"
        self.linked_actor = compile_gated(
            rf"\b(?i:{actor}|groups?|gruppi|grupos?|groupes?|Gruppe\w*|groep\w*|grup\w*|skupin\w*|"
            # "two people linked to the Chinese government" (round sixteen)
            r"people|individuals|persons|"
            # firms ("companies linked to the IRGC", "empresas vinculadas a"): fronts of it
            # (attribution-words.json, role front-noun)
            rf"{words.lex.FRONT_NOUNS}|"
            # a closing quote after the actor: 'un grupo de “hackers” vinculado al' (round 16)
            r"actors?|APT ?\d+)[”\"»]?,?\s+(?:\w+\s+)?(?:(?:is|are|was|were|has been|have been)\s+)?"
            r"(?:\w+\s+)?"
            rf"(?:{linking})$"
        )
        # "sanctioned six officials of the IRGC": persons of an agency, in a charging sentence;
        # "einen Offizier des GRU", "deux officiers du GRU", "oficiales del GRU", "officieren van
        # de", "cinco miembros del Ejército chino" (attribution-words.json, role member-noun)
        english, other = words.lex.MEMBER_NOUNS
        self.members_of = re.compile(
            # "the head of Iran's Islamic Revolutionary Guard Corps": the state's possessive
            # "officials who are part of the Iranian ...", "programmers in the regime's \"General
            # Reconnaissance Bureau\"" (issue 17, level by class)
            rf"\b(?:{english})\s+(?:(?:who|that)\s+(?:are|were)\s+part\s+)?(?:of|from|with|within|in)\s+"
            rf"(?:the\s+|the\s+regime(?:'s|’s)\s+[\"“]?|⟨[NA] [A-Z]{{2}} \d+⟩(?:'s|’s)?\s+)?"
            rf"(?:the\s+)?(?:⟨A [A-Z]{{2}} \d+⟩\s+)?$"
            rf"|\b(?:{other})\s+(?:des|der|du|de la|de l'|del|dell[ao]?|della|van de|van het)\s*$"
            # Polish and Czech put the agency in the genitive right after the persons: "dwóch
            # oficerów GRU", "dva důstojníky GRU" (round thirteen)
            + (rf"|\b(?:{other})\w*\s+$" if words.language in ("pl", "cs") else "")
        )
        # counted persons of an agency, or working for it, right before it: "seis oficiales de
        # inteligencia militar rusos", "tre programmatori di computer che lavorano per
        # l'esercito nordcoreano", "two officers of the GRU" (issue 17, levels by class: the
        # persons are individuals, the agency they serve stays the agency)
        self.counted_members = re.compile(
            rf"{_PERSONS_COUNT}\s+(?:[\w-]+\s+){{0,2}}?(?:{english}|{other}|{actor})\w*"
            r"(?:\s+[^.;,⟨]{0,40}?)?\s+(?:of|from|within|in|for|de|del|des|du|de la|della|dell['’]|"
            r"di|der|van|per|para|pour|für)(?:\s+|(?<=['’]))"
            r"(?:(?:the|l['’]|la|el|il|lo|le|den|dem|het|de)\s*)?(?:⟨[NA] [A-Z]{2} \d+⟩(?:'s|’s)?\s+)?$"
        )
        lex = words.lex
        # Acting for an agency, up to it (a few words, a state's token, "the government and
        # the"): English only, as the words are (attribution-words.json, role acts-for)
        self.acts_for = re.compile(rf"\b(?:{lex.ACTS_FOR})\s+(?:\S+\s+){{0,8}}?$")
        # the head or an officer of the agency just named, sanctioned or charged with it: "Iran's
        # Ministry of Intelligence and its minister", "... (MOIS) and Minister of Intelligence
        # Esmail Khatib" (attribution-words.json, role agency-person)
        self.its_person = re.compile(
            r"(?:\s+[\w-]+){0,2}(?:\s*\([^()]{1,60}\))?(?:,[^,.;()]{1,80})?,?\s+and\s+"
            r"(?:(?:[\w-]+\s+of\s+)?(?:its|their)\s+"
            rf"(?:[\w-]+\s+){{0,2}}?(?:{lex.AGENCY_PERSONS})\b|(?i:{lex.AGENCY_PERSONS}) of\b)"
        )
        # counted persons anywhere in a charging sentence, in every language: "sanctioned two
        # companies and four individuals linked to the IRGC", "Ten people and two organizations
        # ... have been subjected to sanctions", "sancionado a dos individuos y una entidad"
        # (issue 17, levels by class; the state is the sentence's one attributed state)
        self.counted_persons = compile_gated(
            rf"{_PERSONS_COUNT}\s+(?:(?!(?i:million|thousand|hundred|billion|mil|mill|tausend))"
            # "two men", "twee mannen": who they are is not said (an American facilitator of
            # a North Korean scheme), so their state is not the one attributed to
            rf"[\w-]+\s+){{0,2}}?(?P<who>(?!(?i:men|man|woman|women|mannen|vrouwen)\b)(?:{actor})\b)",
            re.I,
        )
        # persons as the subject of their own charge: "three individuals are facing charges
        # for ...", "the defendants were indicted" (attribution-words.json, charged-person)
        self.persons_charged = re.compile(
            rf"\b(?P<who>{lex.CHARGED_PERSONS})\s+(?:are|were|is|was|have been|has been)\s+"
            r"(?:\w+\s+)?(?:facing (?:\w+\s+)?charges|charged|indicted|sanctioned)\b"
        )
        # An agency whose advice or findings the speaker rests on speaks too: "Based on advice
        # from Australian intelligence agencies, ... the Australian Government has judged ..."
        # (attribution-words.json, role advice-noun)
        # (the other languages' genitive: "Informationen der deutschen Nachrichtendienste")
        self.advice_from = re.compile(
            rf"\b(?:{lex.ADVICE_NOUNS}) (?:from|of|by|der|des|von|de la|du|de|di|della|del|dei|"
            r"degli|van de|van het|van) (?:the |unserer |unseres )?$"
        )
        # "The investigation was led by Australia, and was conducted in collaboration with ...":
        # the agent of an inquiry (not of an attack) investigated; it is no target
        # (attribution-words.json, roles inquiry-noun and inquiry-verb)
        self.inquiry_led = re.compile(
            rf"\b(?:{lex.INQUIRY_NOUNS})\s+(?:was|were|is|are|has been|had been)\s+(?:\w+\s+)?"
            rf"(?:{lex.INQUIRY_VERBS})\s+by\s+(?:the\s+)?$"
        )
        # "a combined investigation by authorities and the US military": its agents too
        self.inquiry_by = re.compile(
            rf"\b(?:{lex.INQUIRY_NOUNS})\s+(?:(?:{lex.INQUIRY_VERBS})\s+)?by\s+"
            r"(?:[\w-]+\s+(?:and|,)\s+)?(?:the\s+)?$"
        )
        # German and Dutch end the clause with the participle: "hat Russland für eine Reihe
        # von Cyberangriffen auf staatliche Einrichtungen verantwortlich gemacht"
        gap = 12 if words.language in ("de", "nl") else 6
        self.responsible_after = compile_gated(
            # "the DPRK (North Korea) was responsible": an alias in brackets goes with it
            rf"(?P<st>{NAME})(?:'s|’s)?(?: \([^()]{{1,40}}\))? "
            r"(?:(?:is|was|are|were|has been|had been) )?"
            rf"(?:[\w-]+ ){{0,{gap}}}?(?:{words.source('responsible')})",
            re.I,
        )


# A count before persons makes them defendants, not "Russian hackers" in general.
# The number words are rules data (attribution-words.json, role number-word).
_NUMBERS = r"(?:\b\d+|\b(?:" + "|".join(attribution_words("number-word")) + "))"
_COUNT = re.compile(_NUMBERS + r"\s+(?:[\w-]+\s+)?$", re.I)
_COUNTED_NATIONALS = re.compile(
    _NUMBERS + r"\s+(?P<dem>(?:North |South )?[A-Z][a-z]+(?:ian|ean|an|ani|i))s\b"
)
# "sanctions on six Iranian government officials": counted officials of a state's government
# or services, persons (a bare "Russian officials said" is no one charged)
_COUNTED_OFFICIALS = re.compile(
    _NUMBERS + r"\s+(?:senior\s+)?(?P<st>⟨A [A-Z]{2} \d+⟩)\s+(?:government|military|intelligence|"
    r"security|state|cyber)\s+officials\b"
)
_NATIONAL_CHARGED = re.compile(
    r"(?P<st>⟨A [A-Z]{2} \d+⟩) (?:(?:was|is|has been|had been) )?(?:charged|indicted)\b"
)
# a count of persons: a number word, or a small number that is no year ("7 hackers")
_PERSONS_COUNT = (
    r"(?:(?<![\d.,])\b\d{1,3}\b|\b(?:" + "|".join(attribution_words("number-word")) + "))"
)
_NUMBER_WORDS = frozenset(re.findall(r"[^\W\d_]+", _NUMBERS.split("(?:", 2)[2]))


def _counts(sentence: str) -> bool:
    """A cheap test before the persons' phrases: does the sentence hold a number?"""
    return bool(_SMALL_NUMBER.search(sentence)) or not _NUMBER_WORDS.isdisjoint(
        sentence.lower().split()
    )


_SMALL_NUMBER = re.compile(r"(?<![\d.,])\d{1,3} ")  # "7 hackers", not a year


# A state followed by a finite verb is the subject of its own clause ("The accusation comes a
# day after the US and the UK announced ..."), not the object of the attribution word.
_FINITE = re.compile(
    r"(?:,? (?:and |or |as well as )?(?:the )?⟨N [A-Z]{2} \d+⟩)*\s+(?:has|have|had|is|are|was|"
    r"were|will|would|announced|said|says|accused|charged|sanctioned|imposed|issued|joined|"
    r"published|released|attributed|blamed|condemned)\b"
)
# ... or the subject of a verb of saying or charging, a party of its own clause ("The accusation
# comes a day after the US and the UK announced charges against ...").
_SPEAKS = re.compile(
    r"(?:,? (?:and |or |as well as )?(?:the )?⟨N [A-Z]{2} \d+⟩)*\s+(?:(?:has|have|had|also|"
    r"jointly|today|formally|publicly)\s+)*(?:announced|said|says|accused|charged|sanctioned|"
    r"imposed|issued|attributed|blamed|condemned|indicted|named)\b"
)
_SAID_AFTER = re.compile(r"\s+(?:(?:has|have|also)\s+)*(?:said|says|stated|announced|added|told)\b")
# An agency that speaks: "British intelligence believes ...", "US intelligence concluded ..."
_FINDS = (
    r"believes?|believed|said|says|assess(?:es|ed)?|conclude[sd]?|found|determined|judged?|"
    r"stated"
)
_BELIEVES = re.compile(rf"\s+(?:(?:has|have|had|also)\s+)?(?:{_FINDS})\b")
# A state's agency as the subject of a verb of finding or saying, the rest of its noun
# ("intelligence service|s have revealed") and its own names ("agencies AIVD and MIVD have
# established", "General Intelligence Agency and Military Agency stated") between them.
_AGENCY_SPEAKS = re.compile(
    # an acronym in brackets may follow the name: "National Intelligence Service(NIS) reported"
    r"\w*(?:\s+(?:and\s+)?[A-Z][\w-]*){0,3}(?:\s*\([A-Z]{2,8}\))?\s+(?:(?:has|have|had|also)\s+)?"
    rf"(?:{_FINDS}|revealed|established|disclosed|warn(?:s|ed)?|sounded|issued|published|"
    r"reported|told)\b"
)
# "a group (known as APT40) which the <state> government is behind" (English)
_GROUP_WHICH = re.compile(
    r"\b(?:groups?|actors?|APT ?\d+|units?)\b[^.;⟨]{0,40}?\b(?:which|that|whom) (?:the )?$"
)
# A group a passive participle of control ties to the agency after it: "a cyber group
# controlled by the", "the group Andariel, which is controlled by the" (up to the agency)
_GROUP_CONTROLLED = compile_gated(
    r"\b(?:groups?|actors?|gangs?|crews?|collectives?|APT ?\d+)[”\"»]?(?:\s+(?:[^\s.;]+\s+){0,3}?"
    # a relative clause or an alias between them: "the APT28 group, which is controlled by
    # the", "APT28, also known as Fancy Bear and controlled by" (issue 17, levels)
    r"|,\s+(?:(?:which|that|who)\s+(?:is|are|was|were|has been|have been)\s+(?:\w+\s+)?|"
    r"also known as\s+[^,.;⟨]{1,40}?\s+and\s+))"
    r"(?:controlled|run|directed|operated|overseen|commanded|steered)\s+by\s+(?:\S+\s+){0,8}?$"
)
_IS_BEHIND = re.compile(r"(?:\s+government)?\s+(?:is|are|was|were)\s+(?:\w+\s+)?behind\b")
_HELD = re.compile(r"\s+(?:is|was|are|were|has been|had been)\s+(?:\w+\s+){0,2}?")
# An apposition between a subject and its verb: dashes, or commas around a few words
# ("the Russian government – the Kremlin – was", "the Russian Government, specifically the
# Russian military, was"); empty when there is none
_APPOSITION = re.compile(r"(?:\s*[–—]\s*[^–—.;,]{1,60}?\s*[–—]|,\s*[^,.;]{1,60}?,)?")
# (attribution-words.json, roles governing-preposition and governing-article: an elided
# article takes no space)
_GOVERNING = re.compile(
    rf"\s*(?:(?:{word_alternation(attribution_word_entries('governing-preposition'))})\s+)?(?:"
    + word_alternation(attribution_word_entries("governing-article"), r"\s+")
    + ")?"
)


# "attributed <the act, however long its phrase> to <target>": the verbs of attributing to
# someone take the target after the "to" that closes their first object, not within a fixed
# reach of the verb ("attributed the cyber attack on the water utility in Pennsylvania to the
# Iranian government"). English only, as the words are.
# ... but not the "to" of a journey ("attribute this cyberattack to APT28, she told a news
# conference during a visit to Australia"; attribution-words.json, role journey-noun)
_JOURNEY_TO = "".join(rf"(?<!\b{e['word']} )" for e in attribution_word_entries("journey-noun"))
_TO_SECOND = compile_gated(
    r"\b(?:attribut\w*|link(?:s|ed|ing)?|tied|ties|tying|trac(?:e|ed|es|ing))\b"
    rf"[^.;:!?]{{1,200}}?{_JOURNEY_TO}\bto\s+(?:the\s+)?$"
)


def _second_object(words, sentence: str, start: int) -> bool:
    """Is the state or government at ``start`` what an attributing verb attributes to?"""
    return words.language == "en" and bool(_TO_SECOND.search(sentence, max(0, start - 240), start))


def _governed(blames: list[tuple[int, int]], sentence: str, start: int) -> bool:
    """Does an attribution word govern the state at ``start`` directly ("accused China",
    "attributed to the Russian Federation"), with nothing but a preposition between?"""
    return any(b <= start and _GOVERNING.fullmatch(sentence, b, start) for _, b in blames)


def _actor_linked(g: _Grammar, sentence: str, start: int) -> bool:
    """Is the state at ``start`` what an actor is linked to ("hackers linked to the Chinese
    government", "a group tied to China", "Z-Pentest and NoName057(16) are linked to the
    Russian government")? Then the actor is state-sponsored."""
    window = sentence[max(0, start - 80) : start]
    return bool(g.linked_actor.search(window) or _NAMED_LINKED.search(window))


# A group's own name (a capital, and a digit, a hyphen or a second capital in it: "Z-Pentest",
# "NoName057(16)", "APT28", "ShadowPad"), then "is/are/were linked to" (English; no pronoun or
# state token is such a name)
_NAMED_LINKED = re.compile(
    r"(?<![\w⟩])(?=[A-Z][\w()-]*(?:\d|-|(?<=\w)[A-Z]))[A-Z][\w()-]*[”\"]?,?\s+"
    r"(?:is|are|was|were|has been|have been)\s+(?:\w+\s+)?(?:linked|tied|connected)\s+"
    r"(?:to|with)\s+(?:the\s+)?$"
)


def _group_linked(g: _Grammar, sentence: str, start: int) -> bool:
    """Is the agency at ``start`` what a group, not counted persons, is linked to ("APT31,
    which is linked to the MSS", but not "seven hackers linked to the MSS")?"""
    window = sentence[max(0, start - 80) : start]
    m = g.linked_actor.search(window)
    before = re.sub(r"⟨[^⟩]*⟩", "X", sentence[: max(0, start - 80) + m.start()] if m else "")
    return bool(m) and not _COUNT.search(before[-24:])  # "sedm ⟨A CN⟩ hackerů napojených"


def _event_after(words, sentence: str, pos: int, reach: int = 3) -> bool:
    """Does an event noun follow ``pos`` within ``reach`` words ("Russia's intensifying
    campaign"), with no actor before it ("Russian hackers for cyberattacks" is no event)?"""
    m = re.match(rf"(?:[\w-]+[ .,;]){{0,{reach}}}", sentence[pos:])
    if not m:
        return False
    event = words["event-noun"].search(m.group())
    return bool(event) and not words["actor-noun"].search(m.group(), 0, event.start())


def _grammar(words) -> _Grammar:
    found = getattr(words, "_grammar", None)
    if found is None:
        found = words._grammar = _Grammar(words)
    return found


_AGENTS_AFTER = re.compile(r"[- ](?:agents?|operatives)\b")
_OF_SPONSORING = re.compile(
    r"\s+of\s+(?:sponsoring|backing|directing|supporting|ordering|commissioning)\b"
)


def _found(pattern: re.Pattern, text: str) -> re.Match | None | bool:
    """``pattern.search(text)``, or False at once where no word its matches hold is in the
    text (regexgate.may_match): for the words scanned in every cue sentence."""
    return may_match(pattern, text) and pattern.search(text)


def _each(pattern: re.Pattern, text: str):
    """``pattern.finditer(text)``, nothing at once where it cannot match (see :func:`_found`)."""
    return pattern.finditer(text) if may_match(pattern, text) else ()


# Named intrusion sets: APT28, APT 40, TA505, UNC2452, FIN7, Storm-0558, DEV-0537, TAG-22.
_GROUP = compile_gated(r"\b(?:APT|TA|UNC|FIN|Storm|DEV|TAG)[ -]?\d{1,4}\b")


_VERB_OF_QUOTE = f"(?:{word_alternation(attribution_word_entries('quote-verb'))})"
# The speaker after its verb, closing the clause it said ("«...», a déclaré le ministre
# britannique", "..., dijo el canciller británico", "..., uvedla ve středu FBI").
_SAID_BEFORE = re.compile(
    # "„...,“ uvedlo britské ministerstvo": the low-high quotes of cs, de and pl close with “
    r"(?:[,»”“\"]\s*|\s[-–]\s*)(?:"
    + _VERB_OF_QUOTE
    + "|"
    + word_alternation(attribution_word_entries("quote-verb-before"))  # attribution-words.json
    + r")\s+(?:[\w'’-]+\s+){0,3}$"
)
