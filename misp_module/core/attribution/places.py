"""Stage 3d: where a state stands in its sentence. A state that is the object of a preposition (a location: "targets in Germany"), a modifier of a noun ("a US cybersecurity provider"), an example in a list of victims, or named by an according-to phrase is not the party; an office's own state; and the statement type read from the clause that attributes."""

from __future__ import annotations

import functools
import re

from misp_module.core.attribution.model import (
    _Target,
)
from misp_module.core.attribution.parties import (
    _AND_WORDS,
)
from misp_module.core.attribution.splitting import (
    _Document,
)
from misp_module.core.lexicon import Lexicon
from misp_module.core.regexgate import compile_gated
from misp_module.core.rules import (
    attribution_word_entries,
    attribution_words,
    word_alternation,
    word_languages,
)

_POSSESSIVE_GAP = re.compile(r"(?:'s|’s)?\s*")
# A state's token right before an office, with its possessive and one word between at most
# ("⟨A CZ⟩ Ministry of Foreign Affairs", "⟨N GB⟩'s Foreign Office"): the office's state
_BEFORE_OFFICE = re.compile(r"(⟨[NA] [A-Z]{2} \d+⟩)(?:'s|’s)?\s+(?:[\w-]+\s+)?$")
_ACCORDING = re.compile(r"According to\b")
# after EU or NATO: its countries, or one ally or member ("our NATO Ally, Albania", "a NATO
# member state"): a place or a victim, the bloc does not speak ("NATO Allies" may)
_BLOC_PLACE = re.compile(r"\s+(?:countries|nations|[Aa]lly\b|[Mm]ember\b(?!s))")
_PARAGRAPH = re.compile(r"\n")  # web pages: one line a paragraph
# (attribution-words.json, role speech-word)
_SAYS = compile_gated(rf"\b(?:{word_alternation(attribution_word_entries('speech-word'))})\b")


# (attribution-words.json, role subject-government: "[Gg]overnment")
_GOVERNMENT_BEFORE = re.compile(
    "|".join(f"[{w[0].upper()}{w[0]}]{w[1:]}" for w in attribution_words("subject-government"))
)


def _mentioned_before(sentence: str, start: int) -> bool:
    """Does a state or a government come before ``start`` (the subject of the clause)?"""
    return "⟩" in sentence[:start] or bool(_GOVERNMENT_BEFORE.search(sentence[:start]))


# Between an according-to phrase and a state: only the states listed before it ("according
# to Georgia, the UK and the US").
_LISTED_SO_FAR = re.compile(
    r"(?:\s*(?:the\s+)?⟨[NA] [A-Z]{2} \d+⟩(?:\s*,|\s+(?:and|or|as well as))?)*\s*(?:the\s+)?$"
)


# The words that open examples of a plural noun ("countries such as", "landen, zoals"), and
# the close of the examples right before the attribution word (", accuse", ", beschuldigen").
_EXAMPLES_NOUN = re.compile(r"([^\W\d_]+)\s*,\s*(?:such as|including|like|zoals)\b")
_LIST_ONLY = re.compile(r"(?:⟨[NM] [A-Z]{2} \d+⟩|\s|,|\band\b|\ben\b|\bthe\b)*")
_EXAMPLES_CLOSE = re.compile(r"\s*,\s+(?:(?:also|have|has|had|now|on \w+day)\s+)*$")


def _subject_examples(lex: Lexicon, sentence: str, start: int, blames) -> bool:
    """Is the state at ``start`` in a list of examples set off by commas after a plural noun
    of states that opens the sentence, the attribution word right after the list ("Several
    Western countries, such as Australia and New Zealand, accuse Russia of ...", "meerdere
    westerse landen, zoals Australië en Nieuw-Zeeland, de Russen")? Such states are the
    subject's, who attribute; a list after the attribution word ("attacks on countries
    such as ...") stays places (the attribution word must follow the list's close)."""
    # the plural noun right before the comma that opens the examples
    noun = _EXAMPLES_NOUN.search(sentence, 0, start)
    if not noun or noun.group(1).lower() not in lex.PLACE_NOUNS:
        return False
    if any(a < noun.start() for a, _ in blames):
        return False  # the noun comes after the attribution word: its object, or places
    if not _LIST_ONLY.fullmatch(sentence, noun.end(), start):
        return False  # the state is not down the list the examples' word opens
    # the list's states and joins only, from the state to the close before the word
    return any(
        a > start
        and _EXAMPLES_CLOSE.search(sentence, start, a)
        and _LIST_ONLY.fullmatch(sentence, start, a)
        for a, _ in blames
    )


def _after_source(words, sentence: str, start: int) -> bool:
    """Is the state at ``start`` named by an according-to phrase, perhaps down a list?"""
    if words.language != "en":
        return False
    found = None
    for m in words["source"].finditer(sentence, max(0, start - 120), start):
        found = m
    return bool(found) and _LISTED_SO_FAR.fullmatch(sentence, found.end(), start) is not None


def _object_of(
    blames: list[tuple[int, int]], start: int, reach: int, sentence: str | None = None
) -> bool:
    """Is ``start`` within ``reach`` characters after an attribution word, in its clause (no
    ";" between: "... was responsible for NotPetya; the UK government said ...")?"""
    return any(
        b <= start <= b + reach and (sentence is None or ";" not in sentence[b:start])
        for _, b in blames
    )


def _modifier(sentence: str, end: int, language: str = "en") -> bool:
    """Does the state at ``end`` modify the noun after it ("a US cybersecurity provider",
    "Czech institutions")? A state that speaks is followed by a verb, a list or a comma.
    French puts the noun before the state, and its verbs in the plural end as English nouns
    in "-ment" do ("Les Etats-Unis affirment", "estiment")."""
    rest = sentence[end:]
    m = re.match(r"(?:'s|’s)?\s+([a-z][\w-]*)", rest)
    if not m:
        return False
    word = m.group(1)
    if _EVENT_WORD.fullmatch(word):
        return True  # "for the Georgia cyberattack": the state says where, it is no party
    if re.match(r"\s+(?:with|by|that|the|a|an|in|to|its|their|on|for\b|⟨)", rest[m.end() :]):
        return False  # "Canada stands with ...": a verb
    if language == "fr" and word.endswith("ent"):
        return False  # a verb in the plural ("affirment", "estiment"), no noun in "-ment"
    return word.endswith(("s", "er", "or", "ion", "ment")) and word not in _VERB_LIKE


_EVENT_WORD = re.compile(r"(?:cyber-?)?attacks?|hack(?:s|ing)?|breach(?:es)?|intrusions?")


_VERB_LIKE = frozenset(
    [
        "has",
        "is",
        "was",
        "says",
        "said",
        "assess",
        "assesses",
        "assessed",
        "attributes",
        "attributed",
        "blames",
        "blamed",
        "accuses",
        "accused",
        "condemns",
        "condemned",
        "joins",
        "joined",
        "names",
        "named",
        "exposes",
        "exposed",
        "calls",
        "called",
        "links",
        "linked",
        "identifies",
        "identified",
        "determines",
        "determined",
        "confirms",
        "confirmed",
        "concludes",
        "concluded",
        "judges",
        "judged",
        "announces",
        "announced",
        "sanctions",
        "sanctioned",
        "charges",
        "charged",
        "indicts",
        "indicted",
        # the verbs of the other acts a government speaks through (issue 17, recall by
        # class: "U.S. imposes sanctions on affiliates of Iran's IRGC", "UK expels ...")
        "imposes",
        "levies",
        "slaps",
        "expels",
        "summons",
        "designates",
        "unseals",
        "and",
        "or",
        "as",
        "also",
        "on",
        "in",
        "at",
        "with",
    ]
)


# Languages whose possessor follows its noun in the genitive, with no preposition: the state
# right after an office is its state ("Ministerstwo Spraw Zagranicznych Wielkiej Brytanii").
_GENITIVE_AFTER = frozenset({"pl", "cs"})


def _office_state(
    lex: Lexicon, sentence: str, a: int, b: int, p: dict, language: str = "en"
) -> str | None:
    """The state of an office several governments have ("the Czech Ministry of Foreign
    Affairs", "NCSC of the United Kingdom", "UK Foreign Secretary")."""
    before = sentence[max(0, a - 40) : a]
    m = _BEFORE_OFFICE.search(before)
    if m:
        return lex.state_of(m.group(1))
    after = sentence[b : b + 40]
    m = re.match(
        r"\s*(?:\([^)]*\)\s*)?(?:of|du|de|van) (?:the |la |l')?(⟨[NA] [A-Z]{2} \d+⟩)", after
    )
    if m:
        return lex.state_of(m.group(1))
    m = re.match(r"\s+(⟨A [A-Z]{2} \d+⟩)", after)  # "Ministerio de Exteriores británico"
    if m:
        return lex.state_of(m.group(1))
    if language in _GENITIVE_AFTER:
        m = re.match(r"\s+(⟨N [A-Z]{2} \d+⟩)", after)
        if m:
            return lex.state_of(m.group(1))
    return None


def _inside(span: tuple[int, int], targets: list[_Target]) -> bool:
    return any(
        t.span[0] <= span[0] and span[1] <= t.span[1] or span[0] <= t.span[0] < span[1]
        for t in targets
    )


_TOKEN_WORD = re.compile(r"⟨[^⟩]*⟩")


# The word for "and" in each language, which joins a list of states.
_AND = {
    lang: word_alternation(e for e in _AND_WORDS if lang in word_languages(e))
    for lang in dict.fromkeys(lang for e in _AND_WORDS for lang in word_languages(e))
    if lang != "en"
}
_LIST_TAILS = {lang: re.compile(rf"(?:\s|,|\b(?:{conj}|and)\b)+$") for lang, conj in _AND.items()}
# A conjunction between two items: what makes a run of names a list, not a place before a
# speaker ("In London, the Foreign Office said").
_CONJUNCTION_WORDS = {lang: rf"{conj}|and|or" for lang, conj in _AND.items()}
_CONJUNCTION_WORDS["en"] = r"and|or|as well as"
_CONJUNCTIONS = {lang: re.compile(rf"\b(?:{w})\b") for lang, w in _CONJUNCTION_WORDS.items()}
# After one item, further items (", Belgium, France", or a state's token: ", ⟨N CA 506⟩")
# up to the conjunction before the last.
_LIST_GOES_ON = {
    lang: re.compile(rf"(?:\s*,\s*(?:[^\W\d]|⟨)[^,.;:]{{0,40}}?)*?\s*,?\s*\b(?:{w})\b")
    for lang, w in _CONJUNCTION_WORDS.items()
}


# An article between a word that opens a list and its first item ("darunter die EU", "notamment
# la France"; attribution-words.json, list-article): the English "the" is stripped with the
# separators, the other languages' articles are read here.
_LIST_ARTICLE_WORDS = frozenset(e["word"] for e in attribution_word_entries("list-article"))


_SEPARATORS_AT_END = re.compile(r"(?:\s|,|\band\b|\bor\b|\bthe\b|\bas well as\b)+$")


def _strip_separators(text: str) -> str:
    """``_SEPARATORS_AT_END.sub("", text)``, reading the last 40 characters when that says it
    all (the whole prefix of a sentence was read before each state). A match ends at the end;
    searched from ``k`` (the word boundaries still see the characters before ``k``) it is the
    one found from the start if it begins 12 or more characters after ``k``: one found from
    further back passes a joint between separators (10 characters at most: "as well as")
    within 10 characters after ``k``, and the search would start there. Closer than that,
    the whole text is read."""
    k = len(text) - 40
    if k > 0:
        m = _SEPARATORS_AT_END.search(text, k)
        if m is None:
            return text
        if m.start() >= k + 12:
            return text[: m.start()]
    return _SEPARATORS_AT_END.sub("", text)


def _is_location(
    lex: Lexicon,
    sentence: str,
    start: int,
    name: re.Pattern,
    object_ok: bool = False,
    language: str = "en",
) -> bool:
    """Is the state at ``start`` the object of a preposition, perhaps down a list of states?
    With ``object_ok``, "to", "on", "by" and "at" right after an attribution word are not
    places ("attributed to China", "blame on Russia", "conducted by the Russian Federation")."""
    before = sentence[:start]
    conjunction = _CONJUNCTIONS.get(language, _CONJUNCTIONS["en"])
    item = (
        name.match(sentence, start)
        or lex.patterns()["body"].match(sentence, start)
        or lex.place_names.match(sentence, start)
    )
    # the run goes on after the state to a conjunction ("the European Union, and Ukraine")
    goes_on = _LIST_GOES_ON.get(language, _LIST_GOES_ON["en"])
    joined = bool(item and goes_on.match(sentence, item.end()))
    while True:
        trimmed = _strip_separators(before)
        # down a list in any language ("Nederland en Groot-Brittannië"), but only after a
        # state: the French "en" before a lone state is a place ("en France")
        tail = _LIST_TAILS.get(language)
        listed = tail.sub("", trimmed) if tail else trimmed
        joined = joined or bool(conjunction.search(before[len(listed) :]))
        prior = None
        for m in name.finditer(listed[-60:]):
            if m.end() == len(listed[-60:]):
                prior = m
        # "in North America, the European Union and Ukraine": a place whose name holds a
        # state's (attribution-words.json, place-name) or a body is an item of the list too,
        # once a conjunction has made the run a list ("In London, the Foreign Office said":
        # London is where the office speaks, not an item before it)
        for items in (lex.place_names, lex.patterns()["body"]) if prior is None and joined else ():
            for m in items.finditer(listed[-60:]):
                if m.end() == len(listed[-60:]):
                    prior = m
        if prior is None:
            before = trimmed  # "includes the United States": the word before the article
            break
        before = listed[: len(listed) - (len(listed[-60:]) - prior.start())]
    # A state's token is one word, not its letters: the "AU" of "⟨A AU 442⟩ Prime Minister"
    # is no French "au", the "IN" of India no "in".
    before = _TOKEN_WORD.sub(" qqstate ", before)
    words = [w.lower() for w in re.findall(r"[^\W\d_]+", before[-40:])]
    # "the governments of Australia, ...", "officials from the United States and Britain"
    if len(words) >= 2 and words[-1] in ("of", "from") and words[-2] in lex.GOVERNMENT_WORDS:
        return False
    if not words:
        return False
    if words[-2:] == ["according", "to"]:
        return False  # "According to the DOJ, Xu was part of ...": who says so, no place
    if words[-2:] == ["such", "as"] and len(words) > 2 and words[-3] in lex.PLACE_NOUNS:
        return True  # "countries such as the Philippines, Malaysia, ..."
    if words[-1] in lex.INCLUDING_WORDS:
        return True  # "countries including ...": victims
    if len(words) >= 2 and words[-1] in _LIST_ARTICLE_WORDS and words[-2] in lex.INCLUDING_WORDS:
        return True  # "mehrere Staaten, darunter die EU, ...": its article between
    if object_ok and words[-1] in lex.OBJECT_WORDS:
        return False
    return words[-1] in lex.LOCATION_PREPOSITIONS


# --- the extraction ------------------------------------------------------------------------


# "... to Russia in the past", "... to the Russian Federation previously" (English only: the
# object's preposition between the event noun and a past-time marker)
_TO_STATE_BEFORE = re.compile(r"\bto (?:the )?[A-Z][\w.-]*(?: [A-Z][\w.-]*){0,3}\s*,?\s*$")


def _statement_type(words, sentence: str, doc: _Document, role: str, own_voice: bool) -> str:
    if role == "supporting" and words["solidarity"].search(sentence):
        return "solidarity"
    if _taken(words, "indictment", sentence):
        return "indictment"
    if _taken(words, "sanctions", sentence):
        return "sanctions"
    if words["advisory"].search(sentence):
        return "advisory"
    if words["joint-statement"].search(sentence):
        return "joint-statement"
    return doc.kind if own_voice else "statement"


@functools.lru_cache(maxsize=8)
def _traced_pattern(nouns: str) -> re.Pattern:
    # the noun, then up to eight words (", which were", "used for the attack,") before
    # "traced (back) to", and nothing but an article after it
    return re.compile(
        rf"\b(?:{nouns})\b(?:[\s,]+[\w-]+){{0,8}}?[\s,]+traced(?:\s+back)?\s+to\s+(?:the\s+)?$",
        re.I,
    )


def _traced_infrastructure(lex: Lexicon, sentence: str, start: int) -> bool:
    """Is the state at ``start`` where machines or addresses were traced to ("Internet protocol
    addresses used for the attack, which were traced back to China")? That says where they
    are, not who used them (attribution-words.json, infrastructure-noun; English)."""
    window = sentence[max(0, start - 160) : start]
    return "traced" in window and bool(_traced_pattern(lex.INFRASTRUCTURE_NOUNS).search(window))


def _taken(words, role: str, sentence: str) -> bool:
    """Does the sentence name a charge or sanction (``role``) actually brought, not only
    proposed, threatened or weighed ("said it was considering sanctions", "prosecutors are
    weighing charges"; attribution-cues.json, role prospective)?"""
    return any(
        not words["prospective"].search(sentence, max(0, m.start() - 60), m.start())
        for m in words[role].finditer(sentence)
    )


# "un attacco hacker alla Germania", "une cyberattaque à la France", "el ataque al Reino Unido":
# after an attack noun, the Romance "to" (a, à, alla, au, al) names its victim; but after a verb
# of attributing to ("ha attribuito l'attacco alla Russia", "atribuyó el ataque a Rusia") it
# names who is held responsible (round thirteen)
_ACT_TO = re.compile(
    r"\b(?:attacch?[io]|cyber-?attacch?[io]|attaques?|cyber-?attaques?|ataques?|ciberataques?)"
    r"\s+(?:[\w-]+\s+){0,2}?(?:alla|al|allo|agli|ai|alle|all['’]|a la|a los|a|al|à la|à l['’]|à|"
    r"au|aux)\s*$"
)
_ATTRIBUTING_TO = re.compile(
    r"\b(?:attribu|imput|ascri|ricondu|atribu|achac|impút)\w*\b[^.;]{0,60}$"
)


def _victim_of_act_to(sentence: str, start: int) -> bool:
    """Is the state at ``start`` the victim of an act named right before it with "to"?"""
    before = sentence[max(0, start - 90) : start]
    m = _ACT_TO.search(before)
    return bool(m) and not _ATTRIBUTING_TO.search(before, 0, m.start())


# A comparison before a state (or a list of states): "other goals than those from Russia,
# China or Iran", "andere Ziele ... als solche aus Russland, China oder dem Iran", "unlike
# Russia": the state is what the act is set against, not who did it (round twenty-two)
_COMPARED_BEFORE = re.compile(
    r"(?:\b(?:than|unlike)\s+(?:(?:those|that|the\s+ones?|hackers|groups|actors)\s+)?"
    r"(?:(?:from|of|in|by)\s+)?"
    r"|\b(?:als|wie)\s+(?:(?:solche|jene|die|diejenigen|Hacker|Gruppen)\s+)?(?:aus|von)\s+"
    r"|\b(?:anders\s+als|im\s+Gegensatz\s+zu)\s+)"
    r"(?:(?:the|dem|der|den|die)\s+)?"
    r"(?:(?:⟨[^⟩]*⟩|[A-Z][\w'’-]*)(?:\s*,\s*(?:(?:and|or|und|oder)\s+)?|\s+(?:and|or|und|oder)\s+)"
    r"(?:(?:the|dem|der|den|die)\s+)?)*$"
)


def _compared(words, sentence: str, start: int) -> bool:
    """Is the state at ``start`` one a comparison names ("than those from Russia", "als
    solche aus Russland")? Then it is neither target nor party (English and German)."""
    if words.language not in ("en", "de"):
        return False
    return bool(_COMPARED_BEFORE.search(sentence, max(0, start - 120), start))
