"""Stage 6: context beyond the sentence. A news headline's attributing party, a charge or sanction that goes on in the next sentence without naming the state again, and past attributions the text only recalls ("In the past, the UK has attributed ..."), kept apart as background: evidence, never tags."""

from __future__ import annotations

import re
from dataclasses import replace

from misp_module.core.attribution.grammar import (
    _GROUP,
    _found,
)
from misp_module.core.attribution.model import (
    _Sentence,
    _Target,
)
from misp_module.core.attribution.parties import (
    _STATE_BACKED,
)
from misp_module.core.attribution.places import (
    _SAYS,
    _TO_STATE_BEFORE,
    _taken,
)
from misp_module.core.attribution.roles import (
    _roles,
)
from misp_module.core.attribution.rows import (
    _CLOSES,
    _PASSIVE_CHARGE,
    _add_row,
)
from misp_module.core.entry import OrklEntry
from misp_module.core.lexicon import Lexicon
from misp_module.core.regexgate import compile_gated


def _headline_speakers(lex: Lexicon, words, entry: OrklEntry, doc, p) -> list[tuple[str, str]]:
    """The one party a news headline names attributing ("UK blames China for ..."): the title,
    or the text's first line when it is a line of its own with no full stop."""
    line = entry.title.strip()
    if not line:
        first = entry.text.lstrip().split("\n", 1)[0].strip()
        line = first if first and not first.endswith(_CLOSES) and len(first) < 200 else ""
    if not line or not words.CUE.search(line):
        return []
    roles = _roles(lex, words, words.tokenize(line), doc, p)
    parties = [(c, b) for c, b in roles.parties if c not in {t.state for t in roles.targets}]
    if not roles.targets or len(parties) != 1:
        return []
    return [(c, f"{b} (the headline)") for c, b in parties]


_GOES_ON = compile_gated(
    r"\b(?:also|too|as well|in addition|additionally|anche|inoltre|también|además|aussi|"
    r"également|auch|zudem|ebenfalls|ook|eveneens|także|również|také|rovněž)\b",
    re.I,
)


_NAMED_OBJECT = compile_gated(
    r"\b(?:against|on|contro|contra|contre|gegen|tegen|przeciwko|proti)\s+(?:the\s+)?"
    r"(?:(?:members|operators|affiliates) of\s+)?"
    # a date is no object: "the Justice Department announced on Thursday"
    r"(?!(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b|(?:January|February|March|April|May|June|"
    r"July|August|September|October|November|December)\b)[A-Z]"
)


_NAME_AFTER = re.compile(r"[A-Z][\w-]*(?: [A-Z][\w-]*){0,2}")


def _charges_go_on(words, rows: dict, doc, s: _Sentence, parties, targets) -> None:
    """ "The Treasury also announced sanctions.": a sentence naming no state that charges or
    sanctions, right after an attribution, takes that act against what was just attributed
    (by the same parties); a denial or doubt in it adds nothing."""
    if not (_taken(words, "sanctions", s.text) or _taken(words, "indictment", s.text)):
        return  # none, or only one evaded, planned or weighed ("para evadir las sanciones")
    if (_GROUP.search(s.text) or _NAMED_OBJECT.search(s.text)) and not _GOES_ON.search(s.text):
        return  # "charges against members of APT10": its own object, unless it says "also"
    if words["negation"].search(s.text) or words["denial"].search(s.text):
        return
    if words["hedge"].search(s.text):
        return
    named = {words.body_code(m.group()) for m in words.body_pattern.finditer(s.text)}
    if named - {c for c, _ in parties} - {"?"}:
        return  # "des sanctions de l'Union européenne": another party's act
    backed = _STATE_BACKED.search(s.text) if words.language == "en" else None
    if backed and len({t.state for t in targets}) == 1:
        # "The indictment highlights the threat posed by state-sponsored cybercriminals": the
        # actors charged are sponsored by the one state just attributed
        targets = [*targets, _Target(targets[0].state, "state-sponsored", backed.span())]
    for code, basis in parties:
        for t in targets:
            _add_row(words, rows, doc, s, code, "attributing", t, f"{basis} (goes on)", False)
    if _PASSIVE_CHARGE.search(s.text):
        # "Authorities accused ... hacker Rim Jong Hyok of trying to ... . Rim was indicted on
        # charges of conspiracy, the Justice Department announced": the accusation of the
        # sentence right before was the charge itself, not a statement of its own
        kind = "indictment" if words["indictment"].search(s.text) else "sanctions"
        codes = {c for c, _ in parties}
        for key, a in list(rows.items()):
            if (
                a.statement_type == "statement"
                and a.party in codes
                and a.field == s.field
                and 0 <= s.start - a.end <= 3
            ):
                del rows[key]
                rows.setdefault(key[:4] + (kind,), replace(a, statement_type=kind))


# Plural nouns news use for persons of any state ("two nationals", "Russian hackers", "the
# defendants" of another case): a later sentence with one of them names persons of its own; the
# words that point back at the actors just attributed ("individuals involved", "members") or
# one person named by trade ("Yin Kecheng, a cyber actor") go on with the attribution
_ANY_STATES_PERSONS = frozenset(
    ("officers", "persons", "nationals", "defendants", "citizens", "hackers")
)
# How far after the last attribution a sentence charging persons still charges persons of its
# state: news name the persons sanctioned or indicted a paragraph or two after the attribution
_PERSONS_REACH = 1200


def _persons_charged_go_on(lex: Lexicon, words, rows: dict, doc, s, parties, targets, text: str):
    """ "The U.S. Treasury said it imposed sanctions on 10 individuals and two entities.": a
    sentence that charges or sanctions persons (attribution-words.json, role charged-person)
    and holds no target of its own, right after an attribution to one state, charges persons
    of that state: individuals, by the same parties; a denial or doubt in it adds nothing."""
    states = {t.state for t in targets}
    if len(states) != 1 or not parties or s.field != "plain_text":
        return
    tokenized = words.tokenize(s.text)
    m = _found(lex.patterns()["individuals"], tokenized)
    if not m:
        return
    state = next(iter(states))
    if m["who"] in _ANY_STATES_PERSONS:
        return
    if m["st"] and lex.state_of(m["st"]) != state:
        return  # "sanctions on two Russian nationals" after an attribution to China
    if _found(words["negation"], s.text) or _found(words["denial"], s.text):
        return
    if _found(words["hedge"], s.text):
        return
    named = _NAMED_OBJECT.search(s.text)
    if named and not _GOES_ON.search(s.text):
        # "charges against members of Earth Baxia": persons of a group of their own, unless
        # the text spoke of that group before ("sanctions on Star Blizzard members" after
        # "carried out by the Star Blizzard group, ... subordinate to the FSB")
        name = _NAME_AFTER.match(s.text, named.end() - 1)
        if not name or name.group() not in text[: s.start]:
            return
    target = _Target(state, "individuals", m.span("who"))
    for code, basis in parties:
        _add_row(words, rows, doc, s, code, "attributing", target, f"{basis} (goes on)", False)


def _recalled(words, sentence: str) -> bool:
    """Does a past-time marker govern the attributing clause ("In the past, the UK has
    attributed ...", "previously blamed")? One after an event noun dates the event
    ("blaming the MSS for an attack on a mail server earlier this year"), not the attribution."""
    marker = words["background"].search(sentence)
    if not marker:
        return False
    blame = words["blame"].search(sentence)
    if not blame and words.language == "en":
        # "The Russian military was directly behind a cyber-attack ... last year, the US and
        # Britain have said": the clause turns at "behind" when no attribution word does
        blame = words["responsible"].search(sentence)
    if not blame and words.language == "en":
        # "US authorities on Monday charged six Russian military officers in connection with
        # some of the world's largest cyber attacks in the past decade": a charge or sanction
        # is the act that attributes; the marker after its event dates the event
        blame = words["indictment"].search(sentence) or words["sanctions"].search(sentence)
    if not blame:
        return True
    if marker.start() < blame.start():
        # "A huge cyber-attack which knocked out ... websites last year was carried out by
        # Russia": the marker ends the subject's event, it dates the event (no word of saying
        # or attributing between them); "In the past, the UK has attributed ..." governs
        lo = max(0, marker.start() - 120)
        event = next(
            reversed(list(words["event-noun"].finditer(sentence, lo, marker.start()))), None
        )
        return not (
            event
            and words.language == "en"
            and not _SAYS.search(sentence, event.end(), marker.start())
            and not words["blame"].search(sentence, event.end(), marker.start())
        )
    events = list(words["event-noun"].finditer(sentence, blame.end(), marker.start()))
    if not events:
        return True
    # "have attributed malicious cyber-activity to Russia in the past": the marker follows the
    # attribution's object ("to <state>"), so it closes the attributing clause, not the event
    return bool(_TO_STATE_BEFORE.search(sentence, events[-1].end(), marker.start()))
