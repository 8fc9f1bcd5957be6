"""The look-ahead in front of the attribution patterns changes no match (only their speed)."""

import importlib
import pkgutil
import re

import pytest

import misp_module.core.attribution as _attribution_package
from misp_module.core.attribution import extract_attributions
from misp_module.core.attribution import grammar as attribution_grammar
from misp_module.core.attribution import places as attribution_places
from misp_module.core.lexicon import lexicon
from misp_module.core.regexgate import compile_gated, first_chars_gate, may_match, required_words

from conftest import make_entry

# Every module of the attribution package: their module-level patterns are checked too.
_ATTRIBUTION_MODULES = [
    importlib.import_module(f"{_attribution_package.__name__}.{m.name}")
    for m in pkgutil.iter_modules(_attribution_package.__path__)
]

SENTENCES = [
    "The UK government attributed the attack to ⟨N RU 3⟩'s GRU, the Foreign Office said.",
    "⟨A CN 4⟩ state-sponsored hackers, linked to the Ministry of State Security, were charged.",
    "BLAMED on ⟨N KP 1⟩! Accused: the Kremlin-backed group; denied by Moscow.",
    # case folding beyond ASCII: the Kelvin sign folds to k, the long s to s, İ to i
    "\u212anown ſuspected \u0130ndicted attributed ATTRIBUTED Attributed",
    "Die Bundesregierung macht ⟨N RU 9⟩ verantwortlich; la Russie est accusée.",
    "",
    "a",
    "It said the sanctions were imposed by the governments of ⟨N AU 1⟩ and ⟨N NZ 2⟩.",
]


def _all(pattern: re.Pattern, text: str) -> list:
    return [(m.span(), m.groups(), m.groupdict()) for m in pattern.finditer(text)]


def test_gate_names_the_first_characters():
    assert first_chars_gate(r"\b(?:said|told)\b", re.I) == "(?=(?i:[st]))"
    assert first_chars_gate(r"(?i:\bblam\w*)") == "(?=(?i:[b]))"
    # an optional first word: its first letter or the next word's
    assert first_chars_gate(r"(?:the )?ministry") == "(?=[mt])"
    assert first_chars_gate(r"(?<![\w.])(?:GRU|FSB)(?!\w)") == "(?=[FG])"


@pytest.mark.parametrize(
    "pattern",
    [
        r"(?:the )?",  # may match empty: a match may start anywhere
        r"\w+ing",  # a category: too wide to be worth it
        r"[A-Z]\.",  # a range
        r"^(?:It|He) said",  # anchored: the engine tries the start only
        r"said|told",  # a literal set: the engine already skips ahead
        r"\b(?:from|on) the",  # a word boundary then exact text: fails fast by itself
        r".said",
        r"(?a:said)",  # other case rules
    ],
)
def test_no_gate_where_unknown_or_useless(pattern):
    assert first_chars_gate(pattern) is None
    assert compile_gated(pattern).pattern == pattern


def test_many_leads_a_cheap_alternation_and_finds_the_same():
    # each alternative fails fast by itself (no gate by default); with many=True it is led
    # by the first characters all the same, and finds what the pattern alone finds
    pattern = r"\b(?:[Gg]overnment|[Rr]egime) of|(?P<st>⟨N [A-Z]{2}⟩) is|\bblam\w+ on"
    assert compile_gated(pattern).pattern == pattern
    led = compile_gated(pattern, many=True)
    assert led.pattern == r"(?=[GRbgr⟨])(?:" + pattern + ")"
    plain = re.compile(pattern)
    for text in [*SENTENCES, "They blamed it on ⟨N RU⟩; the Government of ⟨N CN⟩ is silent."]:
        assert _all(led, text) == _all(plain, text)
        assert [m.groupdict() for m in led.finditer(text)] == [
            m.groupdict() for m in plain.finditer(text)
        ]


def test_global_flags_stay_first():
    # "(?i)" must open the pattern: then it is compiled as it is
    assert compile_gated(r"(?i)\bsaid").pattern == r"(?i)\bsaid"
    assert compile_gated(r"(?i)\bsaid").search("He SAID so")


def test_shipped_patterns_match_as_before():
    """Every gated pattern of every language finds what the pattern alone finds."""
    lex = lexicon()
    checked = 0
    for language in sorted(lex.LANGUAGES):
        words = lex.words(language)
        grammar = attribution_grammar._grammar(words)
        found = [*words.patterns.values(), words.CUE, words.body_pattern]
        found += [v for v in vars(grammar).values() if isinstance(v, re.Pattern)]
        found += list(lex.patterns().values())
        for pattern in found:
            if not pattern.pattern.startswith("(?="):
                continue
            plain = re.compile(_ungated(pattern), pattern.flags)
            for text in SENTENCES:
                assert _all(pattern, text) == _all(plain, text), (pattern.pattern[:80], text)
                assert bool(pattern.match(text)) == bool(plain.match(text))
            checked += 1
    assert checked > 50


def _ungated(pattern: re.Pattern) -> str:
    """The pattern as written: the source after the look-ahead its own gate is."""
    source, flags = pattern.pattern, pattern.flags & ~re.UNICODE
    for k, ch in enumerate(source):
        if ch == ")" and source[: k + 1] in (
            first_chars_gate(source[k + 1 :], flags),
            first_chars_gate(source[k + 1 :], flags, many=True),  # led though cheap
        ):
            return source[k + 1 :]
    raise AssertionError(source[:80])


# --- words a match must hold --------------------------------------------------------------

ATTRIBUTING = [
    "Estonia says the responsibility for the attacks lies with those operating from the "
    "territory of Russia.",
    "The UK government said the attacks were carried out by hackers sponsored by the Chinese "
    "government.",
    "The Dutch government attributed the campaign to a Kremlin-backed group.",
    "Australia's government attributed the attack to the Iranian regime.",
    "The United Kingdom today attributed the attacks to Russian military intelligence.",
    "The US government accused the Chinese government of the hack.",
    "The intrusion was attributed to China by the governments of Australia and New Zealand.",
    "Canada stands in solidarity with the United Kingdom, which attributed the attack to Russia.",
    "The United States charged seven Russian nationals with hacking, attributing the campaign "
    "to Russia.",
]


def test_required_words_are_read_from_the_pattern():
    exact = re.compile(r"\b(?:from|on) the territory of")
    assert required_words(exact) == ((" the territory of",), ())
    # one word of each alternative; "on" alone is too short to name, so the run after it
    assert required_words(re.compile(r"\b(?:blamed|accused) by")) == (("accused", "blamed"), ())
    assert required_words(re.compile(r"(?:the )?[Ss]tate-backed")) == (("tate-backed",), ())
    # case-insensitive words lower-cased, looked for in the lower-cased text
    assert required_words(re.compile(r"\b(?:indict\w*|Grand Jury)", re.I)) == (
        (),
        ("grand jury", "indict"),
    )
    # nothing every match must hold: no test, the pattern always runs
    assert required_words(re.compile(r"(?:the )?(?:US|UK)")) is None
    assert required_words(re.compile(r"(?i:\bété)")) is None  # folded outside ASCII: not read
    assert not may_match(re.compile(r"\bwith (?:the )?⟨N"), "nothing here")
    assert may_match(re.compile(r"(?:US|UK)"), "nothing here")  # unknown: may match
    indicted = re.compile(r"\bindicted\b", re.I)
    assert not may_match(indicted, "charged in ⟨N US 1⟩")
    for text in ("INDICTED", "Indicted ⟨N RU 2⟩", "\u0130NDICTED", "\u0131ndicted"):
        assert may_match(indicted, text) or not indicted.search(text)
    assert indicted.search("\u0130NDICTED") and may_match(indicted, "\u0130NDICTED")


def test_may_match_answers_for_each_pattern_when_freed_patterns_leave_their_ids_to_others():
    """may_match keeps each pattern's words by its id: a pattern made after others were freed
    (the table cleared, their ids free for new objects) is read for its own words."""
    for i in range(5000):
        word = f"word{i:04d}x"
        pattern = re.compile(rf"\b{word}\b", re.I)
        assert may_match(pattern, f"a {word.upper()} b")
        assert not may_match(pattern, f"a word{i + 1:04d}x b")
        del pattern


def test_the_characters_case_folding_takes_apart_are_all_known():
    """may_match lower-cases the text to find case-insensitive ASCII words: only a character
    that Python's matching folds to an ASCII letter, or whose lower case is not one character
    outside ASCII, could hide one. Each is in _FOLDED_APART (then the pattern runs)."""
    from misp_module.core.regexgate import _FOLDED_APART

    letter = re.compile("[a-z]", re.I)
    apart = set()
    for code in range(0x80, 0x110000):
        ch = chr(code)
        lower = ch.lower()
        if letter.fullmatch(ch) or len(lower) != 1 or lower.isascii():
            apart.add(ch)
    assert apart == set(_FOLDED_APART)


def test_every_match_holds_a_required_word():
    """The claim behind may_match, over every shipped pattern and tokenized sentences."""
    lex = lexicon()
    texts = SENTENCES + [lex.tokenize(t) for t in ATTRIBUTING]
    checked = 0
    for language in sorted(lex.LANGUAGES):
        words = lex.words(language)
        grammar = attribution_grammar._grammar(words)
        found = [*words.patterns.values(), *lex.patterns().values()]
        found += [v for v in vars(grammar).values() if isinstance(v, re.Pattern)]
        found += [
            v for m in _ATTRIBUTION_MODULES for v in vars(m).values() if isinstance(v, re.Pattern)
        ]
        for pattern in found:
            need = required_words(pattern)
            if need is None:
                continue
            for text in texts:
                for m in pattern.finditer(text):
                    # the match itself already holds a word (or a character folded apart)
                    assert may_match(pattern, m.group()), (pattern.pattern[:60], m.group())
                    assert may_match(pattern, text)
                    checked += 1
    assert checked > 100


@pytest.mark.parametrize("text", ATTRIBUTING)
def test_sentences_through_each_looked_for_phrase_still_attribute(text):
    """Each sentence reaches its attribution through a phrase _roles looks for only where its
    words are (territory, sponsorship, state, agency, government, passive agent, "with X,
    which", charged persons): a test that skipped it wrongly would lose the row."""
    entry = make_entry(text, references=["https://news.example/gated"])
    rows = extract_attributions(entry)
    assert rows and all(r.attributed_state in ("RU", "CN", "IR") for r in rows)


def test_separators_stripped_from_the_end_as_by_the_whole_pattern():
    """_is_location reads only the end of a long prefix; the same result as the pattern run
    over all of it, on texts made of separators, near-separators and states."""
    import random

    pattern = attribution_places._SEPARATORS_AT_END
    pieces = [" ", ",", "and", "or", "the", "as well as", "band", "theory", "as well", "\n"]
    pieces += ["x", "⟨N RU 1⟩", "Iran", "a"]
    separators = pieces[:6]
    rnd = random.Random(18)
    for _ in range(20000):
        text = "".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 40)))
        # and a run of separators at the end, as long as the part read or longer
        text += "".join(rnd.choice(separators) for _ in range(rnd.randint(0, 30)))
        assert attribution_places._strip_separators(text) == pattern.sub("", text), repr(text)


def test_an_alternation_is_gated_whole():
    # written in front of "A|B", the gate would lead A only
    assert compile_gated(r"(?i:\bsaid)|(?i:\btold)").pattern == (
        r"(?=(?i:[st]))(?:(?i:\bsaid)|(?i:\btold))"
    )
    assert compile_gated(r"[a|b](?i:x\|y)(?:said|told)", re.I).pattern.startswith("(?=")
    assert "(?:" + r"(?i:\bone)|[|]" + ")" in compile_gated(r"(?i:\bone)|[|]").pattern


def test_a_pattern_is_parsed_once(monkeypatch):
    from misp_module.core import regexgate

    parsed = []
    parse = regexgate._parser.parse
    monkeypatch.setattr(regexgate._parser, "parse", lambda p, *a: parsed.append(p) or parse(p, *a))
    pattern = r"(?i:\b(?:attributed|blamed) to (?P<st>[A-Z]\w+))|(?i:\bcharged (?P<who>\w+))"
    compiled = compile_gated(pattern)
    assert sum(pattern in text for text in parsed) == 1  # not again behind its gate
    assert compiled.pattern.startswith("(?=")


def _rule_patterns() -> list[tuple[str, int]]:
    from misp_module.core import regexgate

    lex = lexicon()
    lex.patterns()
    for language in lex.LANGUAGES:
        attribution_grammar._grammar(lex.words(language))
    return [(pattern, flags, many) for pattern, flags, many in regexgate._GATED]


def test_each_pattern_is_what_re_compiles_from_its_text():
    # the parse put together here compiles to the pattern re makes of the same text: equal
    # patterns (text, flags, code), the same groups; every pattern of the rules, and others
    from misp_module.core import regexgate

    others = [
        (r"(?<![\w.])(?:GRU|FSB)(?!\w)|(?i:\bkremlin)", 0),
        (r"(?P<a>said)\s+(?P=a)", re.I),
        (r"(?i)\bsaid|told", 0),
        (r"[\]|(](?:x|y)", re.I),
        (r"\bjoint (?:statement|declaration)\b", re.I),
        (r"(?-i:[Gg]overnment)|(?i:regime)", 0),
    ]
    others += [(r"\b(?:from|on) the|⟨N|\bby", 0, True)]  # a cheap alternation, led (many)
    for pattern, flags, *many in _rule_patterns() + others:
        # as compile_gated builds it, before its first characters go into the info block
        compiled = regexgate._build(pattern, flags, bool(many and many[0]), first_chars=False)
        made = regexgate._compile_text(pattern, flags, bool(many and many[0]))
        assert made == compiled, pattern
        assert (made.pattern, made.flags, made.groupindex) == (
            compiled.pattern,
            compiled.flags,
            compiled.groupindex,
        )


def test_the_genre_bodies_led_by_a_look_ahead_match_as_before():
    from misp_module.core.attribution.genres import genre_words

    texts = [
        *SENTENCES,
        "The U.S. Department of Justice and federal prosecutors charged two men; the Justice "
        "Department said so. OFAC, the Office of Foreign Assets Control, and HM Treasury's OFSI "
        "sanctioned them, as did the Council of the EU, der Rat der EU and the Conseil de l'UE.",
        "american prosecutors, us federal prosecutors, the department of justice (lower case)",
    ]
    led = 0
    lex = lexicon()
    for language in sorted(lex.LANGUAGES):
        for found in genre_words(lex.words(language)).bodies.values():
            for pattern, _ in found:
                if not pattern.pattern.startswith("(?="):
                    continue
                plain = re.compile(_ungated(pattern), pattern.flags)
                for text in texts:
                    assert _all(pattern, text) == _all(plain, text), pattern.pattern[:60]
                led += 1
    assert led >= 5


# --- the first characters in the info block ----------------------------------------------


def test_the_case_variants_of_ascii_characters_are_all_known():
    """A case-insensitive first character is told to re's search with its case variants:
    every character Python's matching takes for an ASCII one (all code points read)."""
    from misp_module.core.regexgate import _ASCII_FOLDS

    everything = "".join(chr(code) for code in range(0x110000))
    for code in range(0x80):
        ch = chr(code)
        found = {m.group() for m in re.finditer(re.escape(ch), everything, re.I)}
        assert found == {ch.lower(), ch.upper(), *_ASCII_FOLDS.get(ch.lower(), "")}, ch


def _variants(text: str) -> list[str]:
    """The text, in capitals, and with the characters that fold to ASCII letters."""
    folded = text.replace("k", "\u212a").replace("s", "\u017f").replace("i", "\u0130")
    return [text, text.upper(), folded.replace("\u0130", "\u0131", 1)]


_MULTILINGUAL = [
    "Die Bundesregierung macht den ⟨A RU 2⟩ Militärgeheimdienst GRU für den Cyberangriff "
    "verantwortlich, teilte das Auswärtige Amt mit.",
    "La France attribue l'attaque au groupe ⟨A CN 5⟩ APT31, selon le ministère des Affaires "
    "étrangères; la Russie dément.",
    "El Gobierno ⟨A ES 7⟩ acusó a ⟨N RU 1⟩ de estar detrás del ciberataque, según el comunicado.",
    "Il governo ha accusato l'intelligence militare russa; Mosca ha negato ogni responsabilità.",
    "Het kabinet houdt ⟨N CN 4⟩ verantwoordelijk voor de hackaanval op het ministerie.",
    "Rząd ⟨N PL 3⟩ oskarżył rosyjski wywiad o cyberatak, poinformowało Ministerstwo Spraw.",
    "Česká vláda označila ⟨N CN 6⟩ za původce kybernetického útoku na ministerstvo zahraničí.",
    "Sanktionen gegen ⟨A RU 8⟩ Hacker: the EU imposed restrictive measures on six persons.",
]

_TEXTS = [v for t in [*SENTENCES, *ATTRIBUTING, *_MULTILINGUAL] for v in _variants(t)]


def _everywhere(pattern: re.Pattern, text: str) -> list:
    """What the attribution code asks: every match, and searches from and up to every fifth word."""
    found = _all(pattern, text)
    for pos in [0, *(m.end() for m in re.finditer(r"\W+", text))][1::5]:
        m = pattern.search(text, pos)
        found.append((pos, m and (m.span(), m.groups())))
        m = pattern.search(text, 0, pos)
        found.append((-pos, m and (m.span(), m.groups())))
    return found


def test_patterns_told_their_first_characters_find_what_they_found():
    """The info block's set skips no position a match starts at, and the exact classes that
    lead the alternatives of wide case-insensitive alternations take the letters they took:
    every pattern of the rules (every language) finds, searches and matches what the same
    pattern compiled as re compiles its text does."""
    from misp_module.core import regexgate

    checked = 0
    for pattern, flags, many in _rule_patterns():
        told = compile_gated(pattern, flags, many=many)
        plain = regexgate._build(pattern, flags, many, first_chars=False)
        for text in _TEXTS:
            assert _everywhere(told, text) == _everywhere(plain, text), (pattern[:80], text)
            assert bool(told.match(text)) == bool(plain.match(text))
        checked += 1
    assert checked > 100


def test_a_set_too_narrow_would_be_seen(monkeypatch):
    """Without the Kelvin sign among k's variants, "\u212aremlin" would be skipped: the
    variant texts above catch a set that misses a character (the test's own check)."""
    from misp_module.core import regexgate

    pattern = r"(?i:\bkremlin)|\bblamed"
    told = regexgate._build(pattern, 0, False)
    assert told.search("the \u212aremlin").span() == (4, 11)
    monkeypatch.setattr(regexgate, "_ASCII_FOLDS", {})
    narrow = regexgate._build(pattern, 0, False)
    assert narrow.search("the \u212aremlin") is None  # skipped: the set lacks the sign
    assert narrow.search("the Kremlin").span() == (4, 11)


def test_exact_classes_too_narrow_would_be_seen(monkeypatch):
    """A wide case-insensitive alternation's alternatives led by exact classes take every
    case variant: without the long s, the dotted I and the Kelvin sign among them, words
    written with those would be skipped (the variant texts above catch that)."""
    from misp_module.core import regexgate

    words = "kremlin|sanction|indict|moscow|beijing|tehran|pyongyang|accused"
    pattern = rf"(?i:\b(?:{words}))"
    text = "\u212aremlin, \u017fanction, \u0130ndict, MOSCOW"
    plain = re.compile(pattern)
    found = [m.group() for m in plain.finditer(text)]
    assert len(found) == 4
    assert [m.group() for m in regexgate._build(pattern, 0, False).finditer(text)] == found
    monkeypatch.setattr(regexgate, "_ASCII_FOLDS", {})
    # the classes alone (no first characters in the info block, which would skip them too)
    monkeypatch.setattr(regexgate, "_with_first_chars", lambda code, parsed, flags: code)
    narrow = regexgate._build(pattern, 0, False)
    assert [m.group() for m in narrow.finditer(text)] == ["MOSCOW"]
