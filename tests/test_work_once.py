"""Work done only where it matters: what `match` does not print is not built, and the gates in
front of costly steps never change a result (issue 18)."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from misp_module.core import enrich as enrich_module
from misp_module.core.summary import summarise


def test_the_summary_is_built_only_when_read(enricher, eu_entry, monkeypatch):
    calls = []

    def counting(title, text, *args):
        calls.append(title)
        return summarise(title, text, *args)

    monkeypatch.setattr(enrich_module, "summarise", counting)
    enrichment = enricher.enrich(eu_entry)
    enrichment.to_record()  # what `match` prints: no summary in it
    assert calls == []
    assert enrichment.summary == summarise(eu_entry.title, eu_entry.text)
    enrichment.summary  # noqa: B018 - read twice, built once
    assert len(calls) == 1


def test_an_entry_text_is_put_in_scan_form_once(enricher, monkeypatch):
    from misp_module.core import names

    from conftest import make_entry

    made = []
    original = names.ScanForm.__init__

    def counting(self, text):
        made.append(text)
        original(self, text)

    monkeypatch.setattr(names.ScanForm, "__init__", counting)
    # A malware family with platform variants: its platform words are counted in the text too.
    text = "The Mirai botnet spread to Linux routers. Mirai was then built for ARM devices. " * 3
    entry = make_entry(text, title="Mirai on Linux")
    enricher.enrich(entry)
    assert made.count(entry.text) == 1
    assert made.count(entry.title) == 1


def test_the_scan_form_is_words_only():
    from misp_module.core.names import scan_form, words_only

    for text in ("APT40 (Leviathan)", "Grüße an İstanbul’s X-Agent", "", "a\r\nb"):
        form = scan_form(text)
        assert form.words == words_only(text) == form.data.decode("ascii")
        assert len(form.words) == len(text)
        assert form.lower_keeps_length == (len(text.lower()) == len(text))
        assert scan_form(text) is form


# Texts where the scan form and the lower-cased text differ: punctuation inside a stem's
# words, letters outside ASCII, a letter that lower-cases to two, a stem inside a word.
TRICKY = [
    "The UK linked-to Russia; it was linked to Russia, and linked\r\nto the GRU.",
    "ΟΔΟΣ attributed the attack; Σ behind it. Kelvin \u212aattributed it.",
    "İstanbul attributed the campaign to APT28.",
    "_attributed, unattributed, misattributed, ATTRIBUTED, Attribut-ion.",
    "Canada stands with the UK. They call out, calls out and called out Russia.",
    "An advisory co-signed by six; co signed, co\r\nsigned, CO-SIGNED, co-sealed and co-authored.",
    "",
]


def test_cue_positions_from_the_scan_form_are_those_of_the_lowered_text(eu_entry):
    from misp_module.core.lexicon import lexicon

    lex = lexicon()
    assert lex._cue_literals is not None  # the shipped stems are plain words
    for text in [*TRICKY, eu_entry.text, " ".join(TRICKY) * 3]:
        assert lex.cue_positions(text) == lex._cue_positions_lowered(text), text[:40]
    assert lex.cue_positions(TRICKY[0])  # the texts hold cues: the comparison is not empty


def test_the_literal_engines_give_the_same_hits_in_the_same_order(eu_entry):
    from misp_module.core.literals import Literals, hyperscan
    from misp_module.core.names import scan_form

    words = ["led", "controlled", "link", "linked to", "ed to", "a", "aa", "aaa"]
    engines = ["ahocorasick"] + (["hyperscan"] if hyperscan is not None else [])
    for text in [*TRICKY, eu_entry.text, "aaaa controlled led linked to"]:
        form = scan_form(text)
        found = [Literals(words, engine).find(form) for engine in engines]
        assert all(f == found[0] for f in found), text[:40]
        # the same occurrences by their ends, in whatever order the engine gives them
        for engine in engines:
            ends = Literals(words, engine).ends_in(form.words, form.data)
            assert sorted(ends) == sorted((at + len(words[i]), i) for at, i in found[0])
        # every occurrence, overlapping ones included
        assert len(found[0]) == sum(_count(form.words, w) for w in words)


def _count(text: str, word: str) -> int:
    return sum(text.startswith(word, i) for i in range(len(text)))


def test_lower_casing_keeps_letters_and_digits_apart():
    # cue_positions reads text[k].isalnum() for lowered[k].isalnum() when lower-casing keeps
    # the length: true of every character Python lower-cases to one character.
    changed = (chr(i) for i in range(0x110000) if chr(i).lower() != chr(i))
    assert all(c.isalnum() == c.lower().isalnum() for c in changed if len(c.lower()) == 1)


def test_a_cached_index_scans_with_its_compiled_database_and_finds_the_same(
    tmp_path, monkeypatch, eu_entry
):
    import msgpack

    from misp_module.core import galaxy_index
    from misp_module.core.literals import hyperscan
    from misp_module.core.textscan import scan

    from conftest import GALAXY

    monkeypatch.setenv("ORKL_MISP_CACHE", str(tmp_path / "cache"))
    galaxy_index._MEMO.clear()
    text = eu_entry.text + " APT 40, Advanced Persistent\r\nThreat 40, X-Agent; Sofacy. " * 2
    engines, hits = [], []

    def load(**how):
        index = galaxy_index.load_index(GALAXY, **how)
        engines.append(index.scanner.engine)
        hits.append(scan(index, text))
        galaxy_index._MEMO.clear()

    try:
        load(use_cache=False)  # built, pyahocorasick
        load()  # the module's way: cached, never compiled
        load(fast_scan=True)  # match's: compiled, the cache rewritten with the database
        load()  # read from the cache, whoever reads it
        (path,) = (tmp_path / "cache").glob("index-*.msgpack")
        doc = msgpack.unpackb(path.read_bytes())
        doc["scan_db"] = b"not a database" if doc["scan_db"] else None
        path.write_bytes(msgpack.packb(doc))  # another machine's database
        load()  # not compiled for the module
        load(fast_scan=True)  # compiled for match
    finally:
        galaxy_index._MEMO.clear()
    fast = "hyperscan" if hyperscan is not None else "ahocorasick"
    plain = "ahocorasick"
    assert engines == [plain, plain, fast, fast, plain, fast]
    assert len(hits[0]) > 5
    assert all(h == hits[0] for h in hits)


def _scan_form_by_definition(text: str) -> tuple[str, bool]:
    """The scan form as defined: the text lower-cased (a character that lower-cases to two
    kept as written), ASCII letters and digits kept, other ASCII a space, other letters "x"."""
    lowered = text.lower()
    keeps = len(lowered) == len(text)
    if not keeps:
        lowered = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    out = "".join(
        (c if c.isalnum() else " ") if c.isascii() else ("x" if c.isalnum() else " ")
        for c in lowered
    )
    return out, keeps


@given(st.text(alphabet=st.characters(codec=None, categories=None)))
@settings(max_examples=300, deadline=None)
def test_the_scan_form_is_its_definition(text):
    from misp_module.core.names import ScanForm

    form = ScanForm(text)
    assert (form.words, form.lower_keeps_length) == _scan_form_by_definition(text)


def test_the_scan_form_of_every_character_is_its_definition():
    from misp_module.core.names import LOWER_TO_MORE, ScanForm

    every = "".join(chr(i) for i in range(0x110000))
    assert ScanForm(every).words == _scan_form_by_definition(every)[0]
    assert set(LOWER_TO_MORE) == {c for c in every if len(c.lower()) != 1}
    for text in ("ΟΔΟΣ ΟΔΟΣ.", "\u212aelvin", "İstanbul", "a\ud800b"):
        assert (ScanForm(text).words, ScanForm(text).lower_keeps_length) == (
            _scan_form_by_definition(text)
        )


def _scheme_spans_by_find(text: str) -> list[tuple[int, int]]:
    """The vendor-scheme names as the matcher found them first: a str.find per word."""
    from misp_module.core import matcher

    spans = []
    sw = matcher.scheme_words()
    for word in sw.words:
        at = text.find(word)
        while at > 0:
            end = at + len(word)
            if text[at - 1] == " " and not text[end : end + 1].isalnum():
                before = matcher._NAME_WORD.search(text, max(0, at - 30), at)
                words = before.group().split() if before else []
                while words and words[0] in matcher._NOT_A_NAME:
                    words = words[1:]
                if words:
                    spans.append((at - len(" ".join(words)) - 1, end))
            at = text.find(word, end)
    for pattern in sw.numbers:
        for m in pattern.finditer(text):
            if m.start() and text[m.start() - 1].isalnum():
                continue
            if not m.group().startswith("TA00"):
                spans.append(m.span())
    return sorted(spans)


SCHEMES = [
    "Mint Sandstorm and Volt Typhoon; the Sandstorm; Fancy Bear, Cozy Bear's kin, BEAR.",
    "Typhoon at the start: Salt Typhoon stops nothing. Charming Kitten, Kittens, UNC2452.",
    "Wicked Panda\r\nPanda; Labyrinth Chollima;Scattered Spider spiders TA505 TA0001 DEV-0537",
    "Ολυμπιακός Sleet Storm-0558 — Aqua Blizzard, Brass Typhoon’s, Typhoons Typhoon.",
    "xTA505 ta505 éTA505 İTA505 (TA505) DEV_0537 DEV-05 Storm-123456 UNC1 UNC12\r\nTA0042",
    "Storm-0558, and UNC3886/TA2541-TA402;DEV-0537:UNC2452.",
]


def test_scheme_names_from_the_scan_form_are_those_str_find_gave(eu_entry):
    from misp_module.core.matcher import _scheme_spans

    for text in [*SCHEMES, " ".join(SCHEMES), eu_entry.text, "", "TA505", "UNC12 x"]:
        assert _scheme_spans(text) == _scheme_spans_by_find(text), text[:40]
    assert len(_scheme_spans(SCHEMES[-1])) == 6  # each designation, those at either end too
    assert len(_scheme_spans(SCHEMES[0])) >= 3


# Pieces of prose with every kind of sentence boundary, to be strung together at random.
_PIECES = [
    "word ", "Word ", "U.S. ", "Mr. Smith ", "e.g. ", ". ", ".  ", "! ", "? ", '." ', ".” ",
    ".) ", ".] ", "’ ", "» ", "\r\n", "\r\n\r\n", "\n\n  ", "\t", "    ", "1. ", "“Quote ",
    "(Aside) ", "attributed ", ". The ", "? Which ", "x" * 30 + " ", "É ", "A.B.C. ",
    "U.S.\r\n\r\n", "Mr.  \n\n  ", " " * 40, ".\r\n" * 5,
]  # fmt: skip


@given(st.lists(st.sampled_from(_PIECES), min_size=80, max_size=300))
@settings(max_examples=40, deadline=None)
def test_a_sentence_start_found_near_is_the_one_found_far(pieces):
    from misp_module.core.attribution.splitting import _sentence_start, _sentence_start_near

    text = "".join(pieces)
    for pos in range(len(text) + 1):  # the near window's edge at every character
        assert _sentence_start_near(text, pos) == _sentence_start(text, pos), pos


@given(st.lists(st.sampled_from(_PIECES), min_size=20, max_size=200), st.integers(0, 400))
@settings(max_examples=60, deadline=None)
def test_sentence_boundaries_led_by_a_look_ahead_are_those_of_the_plain_pattern(pieces, at):
    import re

    from misp_module.core.attribution.splitting import _BOUNDARY, _BOUNDARY_TEXT

    plain = re.compile(_BOUNDARY_TEXT)
    text = "".join(pieces)
    assert _BOUNDARY.pattern != _BOUNDARY_TEXT  # led by the look-ahead
    for window in ((), (at,), (at, at + 160)):  # as sentences and the cue windows read them

        def found(pattern, window=window):
            return [(m.span(), m.group("p")) for m in pattern.finditer(text, *window)]

        assert found(_BOUNDARY) == found(plain)


def test_sentence_starts_near_and_far_agree_on_real_prose(eu_entry):
    from misp_module.core.attribution.splitting import _sentence_start, _sentence_start_near

    # An abbreviation's stop, then a blank line: the window may start inside the white space,
    # where the blank line alone would look like a boundary.
    crafted = "x" * 300 + " U.S.\r\n\r\nWord" + " more" * 60 + " Mr.  \n\n  Smith" + " z" * 100
    for text, step in ((eu_entry.text, 7), (crafted, 1)):
        for pos in range(0, len(text), step):
            assert _sentence_start_near(text, pos) == _sentence_start(text, pos), pos


def test_the_cue_positions_are_found_once_per_text(eu_entry, monkeypatch):
    import dataclasses

    from misp_module.core.attribution import attribution_report
    from misp_module.core.lexicon import Lexicon, lexicon

    # A title without a cue: the text itself had to be searched for a first cue before.
    eu_entry = dataclasses.replace(eu_entry, title="Declaration by the High Representative")
    lex = lexicon()
    expected = attribution_report(eu_entry, lex)
    calls = []
    original = Lexicon.cue_positions

    def counting(self, text):
        calls.append(text)
        return original(self, text)

    monkeypatch.setattr(Lexicon, "cue_positions", counting)
    words = lex.words("en")
    searched = []

    class Searching:  # the cue pattern, its whole-text searches counted
        def __init__(self, pattern):
            self.pattern = pattern

        def search(self, text, *args):
            searched.append(text)
            return self.pattern.search(text, *args)

        def __getattr__(self, name):
            return getattr(self.pattern, name)

    monkeypatch.setattr(words, "CUE", Searching(words.CUE))
    assert attribution_report(eu_entry, lex) == expected
    assert eu_entry.text not in searched  # no separate search of the text for a first cue
    assert expected.rows  # the declaration attributes: its sentences were read
    assert sorted(calls) == sorted([eu_entry.text, eu_entry.title])


def test_white_space_is_the_same_for_the_regex_and_split():
    # Sentences are collapsed with str.split where _SPACES (\s+) was used: the same characters.
    from misp_module.core.attribution.splitting import _SPACES, _add_sentence

    every = [chr(i) for i in range(0x110000)]
    assert {c for c in every if _SPACES.fullmatch(c)} == {c for c in every if c.isspace()}
    out = []
    _add_sentence(out, " \r\n A\u00a0 b\u2029\tc.\x1c\n ", 0, 14, "plain_text")
    assert out[0].text == "A b c." and (out[0].start, out[0].end) == (4, 12)


def test_words_hyperscan_cannot_take_fall_back_to_pyahocorasick(eu_entry):
    from misp_module.core.literals import Literals
    from misp_module.core.names import scan_form

    form = scan_form("an ascii text with caf\u00e9 in it")
    odd = Literals(["caf\u00e9", "text"], engine="hyperscan")  # not ASCII: no scan form has it
    assert odd.engine == "ahocorasick"
    assert odd.find(form) == Literals(["caf\u00e9", "text"], engine="ahocorasick").find(form)


# Lines a references heading may or may not be, to be strung together at random: headings of
# every kind, the same words in prose, letters re's IGNORECASE reads as ASCII ones.
_REFERENCE_LINES = [
    "References\n", "## References:\n", "  *Sources*\n", "\t# IOCs \n", "Appendix B\n",
    "Further reading\n", "Related articles\n", "YARA rules\n", "Indicators of Compromise\n",
    "See the references below.\n", "sources say so\n", "iocs and more\n", "Endnotes\r\n",
    "ſources\n", "İOC\n", "\u212aeferences\n", "REFERENCES\n", "bioco related\n", "x\n",
    "Word word word.\n", "\n", "relatedness\n", "— “Quoted” prose …\n",
]  # fmt: skip


def _references_start_by_regex(text: str) -> int:
    from misp_module.core.salience import _REFERENCES

    found = _REFERENCES.search(text, len(text) // 2)
    return found.start() if found else len(text)


@given(st.lists(st.sampled_from(_REFERENCE_LINES), max_size=60))
@settings(max_examples=300, deadline=None)
def test_the_references_heading_found_from_its_words_is_the_one_the_regex_finds(lines):
    from misp_module.core.salience import references_start

    text = "".join(lines)
    assert references_start(text) == _references_start_by_regex(text)


@given(
    st.lists(st.sampled_from([*_REFERENCE_LINES, "ı", "a", "\n"]), max_size=60),
    st.sampled_from("\u0130\u0131\u017f"),
    st.data(),
)
@settings(max_examples=300, deadline=None)
@example(["x\n", "References\n"], "ı", None)  # the heading's line starts at half exactly
@example(["x", "\n", "References\n"], "ı", None)  # its newline is at half - 1
@example([], "ı", None)
def test_a_text_the_scan_form_cannot_read_finds_the_heading_the_regex_finds(lines, letter, data):
    # A letter the scan form hides (İ ı ſ) somewhere in the text: the regex alone, led by the
    # newline before the line, finds what _REFERENCES finds from half the text.
    from misp_module.core.salience import references_start

    text = "".join(lines)
    at = data.draw(st.integers(0, len(text))) if data is not None else 0
    text = text[:at] + letter + text[at:]
    assert references_start(text) == _references_start_by_regex(text)


def test_references_headings_found_from_their_words(eu_entry):
    from misp_module.core.salience import references_start

    body = "A report … on “X”.\n" * 40
    for heading in ("References\n", "## Sources:\n", "FURTHER READING\n", "ſources\n"):
        text = body + heading + "https://example.org/a\n"
        assert references_start(text) == len(body) == _references_start_by_regex(text)
    prose = body + "The sources say so.\n"
    assert references_start(prose) == len(prose) == _references_start_by_regex(prose)
    assert references_start(eu_entry.text) == _references_start_by_regex(eu_entry.text)


@given(
    st.lists(
        st.sampled_from(
            ["similar", "as d", "as w", "pos", "ing", "ed", "like", "than", "heir", "based"]
            + ["x", " ", "-", "S", "I", "\u017f", "\u0131", "\n"]
        ),
        max_size=30,
    )
)
@settings(max_examples=300, deadline=None)
def test_the_comparison_hint_told_its_first_letters_finds_what_the_plain_regex_finds(pieces):
    # salience._COMPARED_HINT (compile_gated, checked before every mention's comparison
    # phrases) on the 40 lower-cased characters before a mention, as re.compile would have it
    import re

    from misp_module.core.salience import _COMPARED_HINT

    plain = re.compile(_COMPARED_HINT.pattern)  # its text is as written (no look-ahead)
    assert plain != _COMPARED_HINT  # but told its first letters: another compiled pattern
    text = "".join(pieces).lower()
    for at in range(len(text) + 1):
        found, want = _COMPARED_HINT.search(text, at), plain.search(text, at)
        assert (found and found.span()) == (want and want.span())


def test_the_letters_the_scan_form_hides_from_the_references_words_are_listed():
    # re.IGNORECASE takes these for ASCII letters; the scan form writes them as "x": a text
    # with one of them is searched by the regex itself (salience.references_start).
    import re

    from misp_module.core.names import words_only
    from misp_module.core.salience import CASE_FOLDS_UNSEEN

    letter = re.compile("[a-z]", re.IGNORECASE)
    folded = [chr(i) for i in range(128, 0x110000) if letter.fullmatch(chr(i))]
    assert folded  # the Kelvin sign at least
    unseen = set()
    for c in folded:
        (ascii_letter,) = (a for a in "abcdefghijklmnopqrstuvwxyz" if re.fullmatch(a, c, re.I))
        if words_only(c) != ascii_letter:
            unseen.add(c)
    assert unseen == set(CASE_FOLDS_UNSEEN)


@given(
    st.lists(
        st.sampled_from(
            ["mac", "os", "x", "elf", "linux", "node", "js", "Win32", "ELF"]
            + [" ", "  ", "-", "/", ", ", "é"]
        ),
        max_size=80,
    )
)
@settings(max_examples=300, deadline=None)
def test_platform_cue_words_counted_in_one_pass_as_str_count_counts_them(pieces):
    from misp_module.core.matcher import _cue_word_counts
    from misp_module.core.names import PLATFORM_WORDS, words_only

    text = "".join(pieces)
    padded = " " + words_only(text) + " "
    expected = {w: padded.count(f" {w} ") for w in PLATFORM_WORDS}
    assert _cue_word_counts(text) == {w: n for w, n in expected.items() if n}


def _token_by_search(text: str, start: int, end: int) -> str:
    """The token around a name as salience first found it: the separators searched each way."""
    before = text[max(0, start - 80) : start]
    after = text[end : end + 80]
    lo = max(before.rfind(" "), before.rfind("\n"), before.rfind("\t"))
    his = [i for i in (after.find(" "), after.find("\n"), after.find("\t")) if i >= 0]
    return before[lo + 1 :] + "X" + after[: min(his) if his else len(after)]


@given(
    st.lists(
        st.sampled_from([" ", "\n", "\t", "\r", ".", "/", "@", "a", "Name", "é"]), max_size=40
    ),
    st.data(),
)
@settings(max_examples=300, deadline=None)
def test_the_token_around_a_name_between_spaces_is_the_name_alone(pieces, data):
    from misp_module.core.salience import _token

    text = "".join(pieces)
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    assert _token(text, start, end) == _token_by_search(text, start, end)


def _passage_in_full(text, start, end):
    # salience._passage before its early returns: both sides made, then the key judged
    from misp_module.core.salience import PASSAGE, PASSAGE_AFTER_MIN, PASSAGE_MIN

    lo = text.rfind("\n", max(0, start - PASSAGE), start) + 1 or max(0, start - PASSAGE)
    hi = text.find("\n", end, end + PASSAGE)
    before = "".join(text[max(lo, start - PASSAGE) : start].lower().split())
    after = "".join(text[end : hi if hi >= 0 else end + PASSAGE].lower().split())
    if len(before) < PASSAGE_MIN or len(after) < PASSAGE_AFTER_MIN:
        return None, after
    return (text[start:end].lower(), before), after


@given(
    st.lists(
        st.sampled_from([" ", "  ", "\n", "\t", "\r\n", "Srizbi", "x", "xxxxx", "x" * 10, "É"]),
        max_size=40,
    )
)
@example(["x" * 10] * 3 + ["Srizbi"] + ["x" * 10])  # 30 characters before: a key, just
@example(["x" * 10] * 3 + [" ", "Srizbi", " "] + ["x" * 10])
@settings(max_examples=100, deadline=None)
def test_a_passage_cut_short_has_the_key_and_copies_of_the_full_computation(pieces):
    # mark_lines skips the lower-cased copies of a passage too near its line's start: the key
    # (and, where there is one, the side after it) is the one the full computation gives, for
    # every span of texts that repeat a passage, break it across lines and overlap names
    from misp_module.core.salience import _passage

    text = "".join(pieces)
    for start in range(len(text) + 1):
        for end in range(start, min(len(text), start + 8) + 1):
            key, after = _passage(text, start, end)
            full_key, full_after = _passage_in_full(text, start, end)
            assert key == full_key
            assert key is None or after == full_after


def test_the_warm_up_before_the_workers_fork_leaves_results_alone(eu_entry):
    # bulk.init enriches an entry of its own (patterns built once, before -j N forks): the
    # records that follow are those a fresh enricher gives.
    from misp_module.core import bulk
    from misp_module.core.enrich import Enricher

    from conftest import GALAXY

    bulk.init(GALAXY, ("threat-actor", "malpedia"), 0.6)
    warmed = bulk._STATE["enricher"].enrich(eu_entry).to_record()
    fresh = Enricher(GALAXY, ("threat-actor", "malpedia"), 0.6).enrich(eu_entry).to_record()
    assert warmed == fresh
    assert warmed["tags"]  # the EU declaration is tagged: the comparison is not empty


def test_the_warm_up_builds_what_each_worker_would_build_on_its_first_entries():
    # What the core builds on first use and -j N's workers would each build again after the
    # fork: the government bodies' patterns (a body named beside a state in a cue sentence)
    # and the detection-name patterns (a name written as "Linux/Mirai.B").
    from misp_module.core import bulk, naming
    from misp_module.core.lexicon import lexicon

    lexicon().__dict__.pop("_compiled_bodies", None)  # as in a fresh process
    lexicon()._body_codes.clear()
    naming._detection_patterns.cache_clear()
    bulk.init(None, ("threat-actor", "malpedia"), 0.6)  # the galaxy pymispgalaxies ships
    assert "_compiled_bodies" in lexicon().__dict__
    assert naming._detection_patterns.cache_info().currsize == 1


def test_a_name_of_one_galaxy_resolves_to_its_clusters_without_looking_at_the_words():
    # matcher._resolve returns a key's clusters at once when it is no family and not shared:
    # "shared" must say exactly that the key names clusters of several galaxies.
    from misp_module.core.galaxy_index import load_index
    from misp_module.core.matcher import _resolve
    from misp_module.core.salience import Mention

    from conftest import GALAXY

    index = load_index(GALAXY)
    for p in index.patterns:
        assert p.shared == (len({index.clusters[c].galaxy for c in p.clusters}) > 1), p.key
    shared = [p for p in index.patterns if p.shared and not p.family and p.quality != "ambiguous"]
    assert shared  # names of an actor and a malware family both
    m = Mention("plain_text", 0, 5, "body", after=("backdoor",))
    for p in shared:
        resolved = _resolve(index, p, m, {})
        assert {index.clusters[c].galaxy for c in resolved} == {"malpedia"}, p.key


def test_records_written_by_hand_are_those_asdict_gives():
    from dataclasses import asdict

    from misp_module.core.evidence import Evidence, Span, UnresolvedActor

    span = Span("plain_text", 4, 9, "Storm-0558", "…the [[Storm-0558]] actor…")
    for actor in (
        UnresolvedActor("text:Storm-0558", "Storm-0558", "text", "named once", (span, span)),
        UnresolvedActor("ETDA:X", "X", "ETDA", "no cluster"),
    ):
        expected = asdict(actor)
        if not actor.spans:
            del expected["spans"]
        assert actor.to_dict() == expected
        assert list(actor.to_dict()) == list(expected)  # the keys in the same order
    evidence = Evidence("text", 0.7, "named", name="X", spans=(span,), note="a note")
    expected = {k: v for k, v in asdict(evidence).items() if v is not None}
    expected["spans"] = list(expected["spans"])
    assert evidence.to_dict() == expected


def test_an_unknown_scheme_name_keeps_its_count_past_the_spans_it_shows():
    from misp_module.core.galaxy_index import load_index
    from misp_module.core.matcher import MAX_SPANS, unknown_actor_names

    from conftest import GALAXY, make_entry

    text = "The actor Storm-9876 phished again. " * (MAX_SPANS + 2)
    (actor,) = unknown_actor_names(make_entry(text, title="Storm-9876"), load_index(GALAXY))
    assert actor.main_name == "Storm-9876"
    assert actor.reason.startswith(f"named {MAX_SPANS + 3} times")
    assert len(actor.spans) == MAX_SPANS
    assert actor.spans[0].field == "title" and actor.spans[1].start == len("The actor ")


@given(st.text(alphabet=st.characters(codec=None, categories=None)))
@settings(max_examples=300, deadline=None)
def test_a_text_without_capitals_is_one_lower_casing_leaves_alone(text):
    from misp_module.core.textscan import uncased_text

    assert uncased_text(text) == (text == text.lower())


def test_every_character_lower_casing_changes_makes_a_text_cased():
    from misp_module.core.textscan import uncased_text

    for i in range(0x110000):
        c = chr(i)
        for text in (c, "plain words " + c):
            assert uncased_text(text) == (text == text.lower()), hex(i)


_HEADER_PIECES = [
    "12 March 2021", "March 12, 2021", "Sept. 3, 2019", "2021-07-19", "1999-12-31", "3 May",
    "Joint Statement", "joint statement", "Declaration", "Declarations", "Cybersecurity Advisory",
    "advisory", "Advisory:", "x2021-07-19", "٣ March 2021", "१२ May 2020", "Jun 1, 2000",
    " ", "\n", ", ", ".", "(", "the ", "Updated: ", "A", "D", "J", "1", "20", "_",
]  # fmt: skip


@given(st.lists(st.sampled_from(_HEADER_PIECES), max_size=40))
@settings(max_examples=300, deadline=None)
def test_date_and_kind_patterns_led_by_a_look_ahead_find_what_they_found_without(pieces):
    import re

    from misp_module.core.attribution import document as attribution_document
    from misp_module.core.lexicon import DATE_PATTERNS

    header = "".join(pieces)
    gated = [
        *DATE_PATTERNS,
        attribution_document._JOINT_STATEMENT,
        attribution_document._DECLARATION,
        attribution_document._ADVISORY,
    ]
    for pattern in gated:
        bare = re.compile(re.sub(r"^\(\?=[^)]*\)", "", pattern.pattern))
        assert bare.pattern != pattern.pattern
        assert [m.groupdict() | {"": m.span()} for m in pattern.finditer(header)] == [
            m.groupdict() | {"": m.span()} for m in bare.finditer(header)
        ]


def _mark_lists_slicing_every_gap(doc, mentions):
    """mark_lists as it was: the text between every two names sliced and read."""
    from misp_module.core import salience as s

    body = sorted((m for m in mentions if m.field == "plain_text"), key=lambda m: m.start)
    run: list = []

    def close() -> None:
        if len(run) >= s.LIST_RUN:
            for m in run:
                if m.how == "":
                    m.how = "list"

    for m in body:
        if run:
            gap = doc.text[run[-1].end : m.start]
            if (0 <= len(gap) <= s.LIST_GAP and s._is_list_gap(gap, doc.words.list_gaps)) or (
                len(gap) <= s.LIST_GAP_NAME and s._UNKNOWN_NAME_GAP.fullmatch(gap)
            ):
                run.append(m)
                continue
            close()
        run = [m]
    close()


_LIST_PIECES = ["N", ", ", " and ", " or ", ", Foo, ", "; ", " ", "x" * 9, "y" * 31, ". ", "/"]


@given(st.lists(st.sampled_from(_LIST_PIECES), max_size=60))
@settings(max_examples=300, deadline=None)
def test_lists_are_marked_as_when_every_gap_was_sliced(pieces):
    from misp_module.core.salience import Document, Mention, mark_lists

    text, spans = "", []
    for piece in pieces:
        if piece == "N":
            spans.append((len(text), len(text) + 4))
            piece = "Name"
        text += piece
    doc = Document("t", text)
    marked = [Mention("plain_text", a, b, "body") for a, b in spans]
    expected = [Mention("plain_text", a, b, "body") for a, b in spans]
    mark_lists(doc, marked)
    _mark_lists_slicing_every_gap(doc, expected)
    assert [m.how for m in marked] == [m.how for m in expected]


_ALIAS_PIECES = [
    "We saw the SNAKEBITE (aka Turla) implant. ", "We saw the SNAKEBITE (Aka Turla) implant. ",
    "SNAKEBITE ", "(AKA Turla) ", "the RATVERMIN (a.k.a. VERMIN) backdoor. ", "RATVERMIN ",
    "(also known as Snake) ", "Turla ", "aka ", "known as ", "( ", ") ", "(x) ", "(Turla) ",
    "The group used ", ". ", "\n",
]  # fmt: skip


@given(st.lists(st.sampled_from(_ALIAS_PIECES), max_size=30))
@example(["We saw the SNAKEBITE (Aka Turla) implant. ", "SNAKEBITE "])  # no alias word as written
@example(["We saw the SNAKEBITE (aka Turla) implant. ", "SNAKEBITE "])
@example(["We saw the SNAKEBITE (Aka Turla) implant. ", "aka ", "SNAKEBITE "])  # one elsewhere
@settings(max_examples=60, deadline=None)
def test_own_aliases_looked_for_brackets_first_are_those_of_the_hint_words_first(enricher, pieces):
    from misp_module.core.matcher import _ALIAS_BEFORE, ALIAS_MIN, _own_alias_names, scheme_words
    from misp_module.core.textscan import scan

    # The definition: no alias word written anywhere (as the rules write it, or in capitals),
    # no alias of the report's own; else each bracket holding exactly one galaxy name.
    def hint_words_first(text, named, sw):
        if "(" not in text or not any(k in text for k in sw.alias_hints):
            return {}
        spans = [(h.start, h.end) for _, h in named]
        own = {}
        for found in sw.own_alias.finditer(text):
            inside = [h for _, h in named if found.start(1) <= h.start < found.end(1)]
            if len({h.start for h in inside}) != 1 or inside[-1].end < found.end(1) - 1:
                continue
            before = _ALIAS_BEFORE.search(text, max(0, found.start() - 40), found.start())
            if (
                before
                and len(before.group(1)) >= ALIAS_MIN
                and not any(s <= before.start(1) < e for s, e in spans)
            ):
                own.setdefault(before.group(1), inside[-1])
        return own

    text = "".join(pieces)
    index = enricher.index
    named = [("plain_text", h) for h in scan(index, text) if index.patterns[h.pattern].clusters]
    sw = scheme_words(index.salience_words)
    own = _own_alias_names(text, named, sw)
    assert own == hint_words_first(text, named, sw)
    if "SNAKEBITE (aka Turla)" in text:
        assert "SNAKEBITE" in own  # the report's own name


@given(
    st.lists(
        st.sampled_from(
            ["successor", "SUCCESS", "ſuccess", "Father", "HEIR", "offſhoot", "clone", "Copycat",
             "predecessor", "her", "off", "the ", " ", "-", "s", "o", "\u212a"]
        ),
        max_size=12,
    ),
    st.integers(0, 20),
)  # fmt: skip
@settings(max_examples=80, deadline=None)
def test_the_lineage_hint_led_by_a_look_ahead_finds_what_the_plain_pattern_finds(pieces, end):
    import re

    from misp_module.core.salience import _LINEAGE_HINT

    plain = re.compile(r"success|predecess|father|offshoot|heir|clone|copycat", re.I)
    text = "".join(pieces)
    for window in ((), (0, end)):  # as mention reads the 16 characters after a name
        found = _LINEAGE_HINT.search(text, *window)
        expected = plain.search(text, *window)
        assert (found and found.span()) == (expected and expected.span())


@given(
    st.lists(
        st.lists(
            st.sampled_from(["led", "linked to", "ed to", "a", "aa", " ", "x", "controlled"]),
            max_size=12,
        ),
        max_size=6,
    )
)
@example([["linked"], ["to x"], ["a"], ["a"]])  # no hit across two texts
@settings(max_examples=60, deadline=None)
def test_each_texts_hits_from_one_scan_of_them_all_are_those_of_a_scan_each(parts):
    from misp_module.core.literals import Literals, hyperscan

    words = ["led", "controlled", "linked to", "ed to", "a", "aa", "aaa"]
    datas = [("".join(p)).encode("ascii") for p in parts]
    engines = ["ahocorasick"] + (["hyperscan"] if hyperscan is not None else [])
    for engine in engines:
        literals = Literals(words, engine)
        each = [sorted(literals.ends_in(d.decode("ascii"), d)) for d in datas]
        assert [sorted(found) for found in literals.ends_in_each(datas)] == each


def test_names_found_ahead_for_a_batch_are_those_scan_finds_alone(enricher, eu_entry):
    from misp_module.core import names, textscan

    index = enricher.index
    texts = [eu_entry.title, eu_entry.text, "APT28 and Fancy Bear", "", "Sofacy. Mirai"]
    alone = [textscan.scan(index, t) for t in texts]
    textscan.scan_ahead(index, texts)
    assert textscan._AHEAD  # found ahead, waiting
    for text, hits in zip(texts, alone, strict=True):
        ahead_form = names._AHEAD_FORMS.get(id(text))
        assert textscan.scan(index, text) == hits
        if text:  # the form made ahead is the one scan_form hands out
            assert names.scan_form(text) is ahead_form
    assert not textscan._AHEAD and not names._AHEAD_FORMS  # all taken
    textscan.scan_ahead(index, ["Turla"])
    textscan.scan_ahead(index, [eu_entry.text])  # the next batch: the earlier one dropped
    assert len(textscan._AHEAD) == 1 and len(names._AHEAD_FORMS) == 1
    assert textscan.scan(index, eu_entry.text) == alone[1]


# Ends of text before a full stop: abbreviations, initials, brackets, spaces of every kind.
_BEFORE_STOP = [
    "U.S", "Mr", "e.g", "(", " ", "\u00a0", "\t", "\u2003", "\x1c", "A", "B.C", "x", "ds", "Inc",
    ".", "(U.S", "No", ")", "”", "É", "a(b", "J.R.R", "z",
]  # fmt: skip


@given(st.lists(st.sampled_from(_BEFORE_STOP), max_size=8), st.integers(0, 6))
@settings(max_examples=400, deadline=None)
@example(["x", "(U.S"], 0)
@example(["Mr", " "], 0)
def test_a_sentence_boundary_reads_the_last_token_as_the_regex_split_did(pieces, floor):
    """_is_boundary finds the token before a full stop with str methods; it is the one
    _LAST_TOKEN.split gave, and initials are looked for only where they can end."""
    from misp_module.core.attribution import splitting as sentences

    def by_regex(text, m, floor):
        if not m.group("p"):
            return True
        before = text[max(floor, m.start() - 12) : m.start()].rstrip('.!?])"”’')
        last = sentences._LAST_TOKEN.split(before)[-1] if before else ""
        return not (last in sentences._ABBREVIATIONS or sentences._INITIALS.fullmatch(last))

    text = "".join(pieces) + ". The end"
    found = list(sentences._BOUNDARY.finditer(text))
    assert found
    for m in found:
        assert sentences._is_boundary(text, m, floor) == by_regex(text, m, floor), text


def test_may_match_lowers_a_text_once_for_the_patterns_read_in_turn(monkeypatch):
    """may_match keeps the text it lowered last: the answers are those of a fresh look at each
    text, whatever came before, a character case folding takes apart included."""
    import re

    from misp_module.core import regexgate

    patterns = [
        re.compile(r"\bindicted\b", re.I),
        re.compile(r"(?i:\bsanction(?:s|ed))"),
        re.compile(r"\bwith (?:the )?⟨N"),
        re.compile(r"(?i:attribut\w*|blam\w*)"),
    ]
    texts = [
        "They were INDICTED.", "Sanctioned by ⟨N US 1⟩", "nothing here", "\u0130NDICTED",
        "with the ⟨N RU 2⟩", "Attributed to X", "", "blame", "\u212aNDICTED",
    ]  # fmt: skip
    expected = {}
    for text in texts:
        for pattern in patterns:
            monkeypatch.setattr(regexgate, "_LOWERED", (None, False, ""))
            expected[text, pattern.pattern] = regexgate.may_match(pattern, text)
            assert expected[text, pattern.pattern] or not pattern.search(text)
    lowered = []

    class Counted(str):
        def lower(self):
            lowered.append(str(self))
            return super().lower()

    for text in [*texts, *reversed(texts), *texts]:
        text = Counted(text)
        for pattern in patterns:
            assert regexgate.may_match(pattern, text) == expected[str(text), pattern.pattern]
    assert len(lowered) <= 3 * len(texts)  # once per text in turn, not once per pattern


def test_a_compilation_header_is_found_through_its_words_as_by_the_pattern():
    from misp_module.core.attribution.grammar import _found
    from misp_module.core.lexicon import lexicon

    lex = lexicon()
    texts = [
        "Cyberwar Timeline", "Below is a timeline of the attacks", "This is a list of the "
        "cyber-attacks", "Chronologie des cyberattaques", "A Tracker", "timeline", "no such",
        "Zeitleiste der Angriffe", "Here is an updated database of incidents", "",
    ]  # fmt: skip
    seen = 0
    for language in sorted(lex.LANGUAGES):
        pattern = lex.words(language)["compilation"]
        for text in texts:
            assert bool(_found(pattern, text)) == bool(pattern.search(text)), (language, text)
            seen += bool(pattern.search(text))
    assert seen > 8


@given(st.lists(st.sampled_from(["a", "é", "\ud800", "\udc00", "\ud83d\ude00", '"', "\\"])))
@example(["\ud800"])
@example(["\ud83d", "\ude00"])  # a pair, written as two escapes: one character
@settings(max_examples=200, deadline=None)
def test_what_orjson_decodes_holds_no_lone_surrogate_to_look_for(pieces):
    # bulk parses a JSON Lines line with orjson and tells parse_entry its strings need no test
    # for lone surrogates (utf8_checked): orjson refuses them (json's decoder, the reader's
    # fallback for a refused line, lets them through and parse_entry replaces them)
    import json

    import orjson

    from misp_module.core.entry import _has_surrogate

    line = json.dumps({"plain_text": "".join(pieces)})  # \\udXXX escapes, as a dump may hold
    try:
        decoded = orjson.loads(line)
    except orjson.JSONDecodeError:
        assert _has_surrogate(json.loads(line)["plain_text"])
        return
    assert not _has_surrogate(decoded["plain_text"])


def test_a_line_orjson_decodes_or_refuses_gives_the_entry_the_reader_gives(eu_entry):
    import json

    import orjson

    from misp_module.core import bulk
    from misp_module.core.entry import parse_entry

    clean = orjson.dumps(eu_entry.raw)
    (entry,) = bulk._items("x", (1, clean))
    assert entry == parse_entry(json.loads(clean))
    lone = json.dumps({**eu_entry.raw, "title": "Bad \ud800 title"}).encode()
    (entry,) = bulk._items("x", (1, lone))  # refused by orjson: the reader's json
    assert entry.title == "Bad \ufffd title"
    assert entry.notes == (
        "title: 1 invalid character (lone UTF-16 surrogate) replaced with U+FFFD",
    )
