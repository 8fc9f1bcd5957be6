"""Words and rules as data: the shipped files validate, a user's folder extends them, a bad
file is refused with its path, entry and field."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from misp_module.core.enrich import Enricher
from misp_module.core.rules import KEYS, RulesError, load_rules, shipped
from misp_module.module import handler

from conftest import make_entry

UK_ON_GUOANBU = make_entry(
    "The United Kingdom today attributes this malicious cyber activity to the Guoanbu. "
    "The Guoanbu has run the campaign since 2019.",
    title="UK statement on a cyber campaign",
)
KIMSUKY = make_entry(
    "Kimsuky sent new phishing lures. Kimsuky targeted think tanks. The Kimsuky group "
    "reused its infrastructure.",
    title="Kimsuky returns",
)


def write_rules(folder, name: str, kind: str, entries: list) -> None:
    folder.mkdir(exist_ok=True)
    body = {"kind": kind, "description": "written for a test", "entries": entries}
    (folder / name).write_text(json.dumps(body), encoding="utf-8")


def cli(*args: str):
    return subprocess.run(
        [sys.executable, "-m", "misp_module.cli", *args], capture_output=True, text=True
    )


def test_every_kind_is_shipped_and_valid():
    rules = shipped()
    assert set(rules.entries) == set(KEYS)
    assert rules.mapping("demonyms", "state")["Chinese"] == "CN"
    assert rules.mapping("government-sites", "party")["consilium.europa.eu"] == "EU"
    assert any("GRU" in e["pattern"] for e in rules.of("agencies"))


def test_every_shipped_file_passes_its_schema_and_its_patterns_compile():
    # At run time only users' files are validated; the package's own are checked here.
    from misp_module.core import rules as rules_module

    folder = rules_module._shipped_dir()
    names = sorted(n.name for n in folder.iterdir() if n.name.endswith(".json"))
    kinds = set()
    for name in names:
        kind, entries, _ = rules_module._read(folder.joinpath(name), name)  # validates
        kinds.add(kind)
        assert entries
    assert kinds == set(KEYS)


def test_starting_up_reads_the_shipped_rules_without_jsonschema():
    code = (
        "import sys; from misp_module.core.rules import load_rules; load_rules(()); "
        "print('jsonschema' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.stdout.strip() == "False", done.stderr


def test_a_user_agency_alias_makes_an_attribution(tmp_path):
    assert not Enricher().enrich(UK_ON_GUOANBU).attributions
    write_rules(
        tmp_path / "rules",
        "agencies.json",
        "agencies",
        [
            {
                "pattern": "Ministry of State Security",
                "state": "CN",
                "aliases": ["Guoanbu"],
                "source": "test",
            }
        ],
    )
    rules = load_rules([tmp_path / "rules"])
    tags = Enricher(rules=rules).enrich(UK_ON_GUOANBU).tags
    assert 'public-attribution:attributed-state="CN"' in tags
    assert 'public-attribution:attribution-level="state-agency"' in tags
    assert 'public-attribution:attributing-party="GB"' in tags
    # the shipped entry was replaced, not duplicated
    assert [e["pattern"] for e in rules.of("agencies")].count("Ministry of State Security") == 1


def test_a_user_never_match_name_is_not_searched_for(tmp_path):
    assert 'misp-galaxy:threat-actor="Kimsuky"' in Enricher().enrich(KIMSUKY).tags
    write_rules(tmp_path / "rules", "never.json", "never-match", [{"name": "kimsuky", "why": "t"}])
    enrichment = Enricher(rules=load_rules([tmp_path / "rules"])).enrich(KIMSUKY)
    assert not [t for t in enrichment.tags if "Kimsuky" in t]


def test_a_user_extra_synonym_finds_its_cluster(tmp_path):
    entry = make_entry("Blue Harbour Otter phished. Blue Harbour Otter again. Blue Harbour Otter.")
    assert not Enricher().enrich(entry).tags
    write_rules(
        tmp_path / "rules",
        "syn.json",
        "extra-synonyms",
        [{"name": "Blue Harbour Otter", "galaxy": "threat-actor", "value": "APT40", "why": "t"}],
    )
    tags = Enricher(rules=load_rules([tmp_path / "rules"])).enrich(entry).tags
    assert 'misp-galaxy:threat-actor="APT40"' in tags


def test_disabled_removes_a_shipped_entry(tmp_path):
    write_rules(
        tmp_path / "r", "d.json", "demonyms", [{"name": "Chinese", "state": "CN", "disabled": True}]
    )
    assert "Chinese" not in load_rules([tmp_path / "r"]).mapping("demonyms", "state")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            {
                "kind": "agencies",
                "description": "d",
                "entries": [{"pattern": "X Bureau", "state": "China"}],
            },
            "entries[0] (pattern 'X Bureau'), field state: 'China' does not match",
        ),
        (
            {"kind": "agencies", "description": "d", "entries": [{"pattern": "X(", "state": "CN"}]},
            "entries[0], field pattern: not a regular expression",
        ),
        (
            {"kind": "words", "description": "d", "entries": []},
            "kind: 'words' is not one of",
        ),
        (
            {
                "kind": "never-match",
                "description": "d",
                "entries": [{"name": "x", "colour": "red"}],
            },
            "entries[0] (name 'x'): Additional properties are not allowed ('colour'",
        ),
        (
            '{"kind": "never-match",\n  "entries": [}',
            "not JSON: Expecting value (line 2, column 15)",
        ),
    ],
)
def test_a_malformed_rules_file_is_refused_with_path_entry_and_field(tmp_path, content, message):
    folder = tmp_path / "rules"
    folder.mkdir()
    path = folder / "bad.json"
    path.write_text(content if isinstance(content, str) else json.dumps(content))
    with pytest.raises(RulesError) as caught:
        load_rules([folder])
    assert str(caught.value).startswith(f"{path}: ")
    assert message in str(caught.value)
    done = cli("match", "--rules", str(folder), "-")
    assert done.returncode == 2
    assert done.stderr.startswith("orkl-misp: ") and message in done.stderr
    assert "Traceback" not in done.stderr


def test_the_cli_takes_rules_folders(tmp_path):
    write_rules(tmp_path / "rules", "never.json", "never-match", [{"name": "kimsuky", "why": "t"}])
    raw = json.dumps(
        {"sha1_hash": "a" * 40, "id": "x", "title": KIMSUKY.title, "plain_text": KIMSUKY.text}
    )
    plain = subprocess.run(
        [sys.executable, "-m", "misp_module.cli", "match", "-"],
        input=raw,
        capture_output=True,
        text=True,
    )
    ruled = subprocess.run(
        [sys.executable, "-m", "misp_module.cli", "match", "--rules", str(tmp_path / "rules"), "-"],
        input=raw,
        capture_output=True,
        text=True,
    )
    assert "Kimsuky" in json.loads(plain.stdout)["tags"][0]
    assert json.loads(ruled.stdout)["tags"] == []


def test_the_module_uses_only_the_servers_rules_folders(tmp_path, monkeypatch):
    write_rules(tmp_path / "strict", "never.json", "never-match", [{"name": "kimsuky", "why": "t"}])
    monkeypatch.setenv("ORKL_MISP_RULES", str(tmp_path / "strict"))
    request = {"attribute": {"type": "text", "value": "x"}, "config": {"rules": "/etc"}}
    request["attribute"]["value"] = "00000000-0000-4000-8000-000000000000"
    answer = handler(json.dumps(request))
    assert "is not a rules folder this server offers (strict)" in answer["error"]
    assert str(tmp_path) not in answer["error"]


def test_an_entry_marked_case_sensitive_stays_so_beside_case_insensitive_entries():
    """The schemas promise '"flags": "" is case-sensitive'; one alternation of a role used to
    take re.I from any entry, so German 'die' (an article, lower case) matched 'Die' and
    'Atom' (a noun) matched 'atomkraft'."""
    import re

    from misp_module.core.attribution.genres import GenreWords
    from misp_module.core.lexicon import alternation
    from misp_module.core.rules import shipped

    both = re.compile(alternation([{"pattern": "Atom", "flags": ""}, {"pattern": "war"}]))
    assert both.search("WAR") and both.search("Atom") and not both.search("atom")
    # a pattern built around it and compiled with re.I keeps the entry's own case rule
    around = re.compile(rf"\bthe (?:{alternation([{'pattern': 'Atom', 'flags': ''}])})", re.I)
    assert around.search("THE Atom") and not around.search("the atom")
    german = GenreWords(shipped(), "de")
    assert german["non-cyber"].search("Atomkraft") and not german["non-cyber"].search("atomkraft")
    assert german["list-stop"].search("die") and not german["list-stop"].search("Die")


def _shipped_salience_words(role: str) -> set[str]:
    # Read the package's file directly, not through the loader the matcher uses.
    from misp_module.core import rules as rules_module

    path = rules_module._shipped_dir().joinpath("salience-words.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    return {e["word"] for e in data["entries"] if e["role"] == role}


def test_the_cluster_matcher_words_come_from_the_salience_words_file():
    from misp_module.core import salience, textscan

    assert _shipped_salience_words("actor-noun") == salience.ROLE_ACTOR_WORDS
    assert "threat actor" in salience.ROLE_ACTOR_WORDS
    extra = _shipped_salience_words("malware-noun")
    assert salience.MALWARE_WORDS | extra == salience.ROLE_MALWARE_WORDS
    assert "platform" in extra and "platform" not in salience.MALWARE_WORDS
    joiners = _shipped_salience_words("list-joiner")
    assert "oraz" in joiners and joiners <= salience._LIST_GAP_WORDS
    assert _shipped_salience_words("company-suffix") == textscan._COMPANY_SUFFIXES
    for ext in _shipped_salience_words("code-extension"):
        assert salience._CODEISH.search(f"invoice.{ext}"), ext
    assert not salience._CODEISH.search("invoice.txt")
    for joiner in _shipped_salience_words("phrase-joiner"):
        assert textscan._PHRASE_BEFORE.search(f"Plug {joiner} "), joiner
    for word in _shipped_salience_words("comparison-adjacent"):
        assert salience._COMPARED.search(f"much {word} the "), word
    for fragment in _shipped_salience_words("comparison"):
        assert fragment in salience._COMPARED.pattern
    assert salience._COMPARED.search("a loader similar to the one used by ")
    lineage = salience.SHIPPED_WORDS.lineage
    for word in ("successor", "father"):
        assert word in _shipped_salience_words("lineage-after")
        assert lineage.match(f"’s {word}") and lineage.match(f" {word}")
    assert not lineage.match(" banker")


def test_salience_words_are_merged_by_role_and_word(tmp_path):
    write_rules(
        tmp_path / "r",
        "s.json",
        "salience-words",
        [
            {"role": "phrase-joiner", "word": "and", "disabled": True},
            {"role": "company-suffix", "word": "sarl", "why": "a French legal form"},
        ],
    )
    words = load_rules([tmp_path / "r"]).of("salience-words")
    pairs = {(e["role"], e["word"]) for e in words}
    assert ("phrase-joiner", "and") not in pairs
    assert ("company-suffix", "sarl") in pairs
    assert ("actor-noun", "group") in pairs
    assert len(pairs) == len(words) == len(shipped().of("salience-words"))


def test_a_salience_comparison_that_is_no_regular_expression_is_refused(tmp_path):
    write_rules(
        tmp_path / "r", "s.json", "salience-words", [{"role": "comparison", "word": "akin (to"}]
    )
    with pytest.raises(RulesError, match=r"s\.json: entries\[0\], field word: not a regular"):
        load_rules([tmp_path / "r"])
    write_rules(
        tmp_path / "l", "s.json", "salience-words", [{"role": "lineage-after", "word": "heir("}]
    )
    with pytest.raises(RulesError, match=r"field word: not a regular"):
        load_rules([tmp_path / "l"])
    write_rules(tmp_path / "q", "s.json", "salience-words", [{"role": "noun", "word": "x"}])
    with pytest.raises(RulesError, match=r"entries\[0\] \(word 'x'\), field role"):
        load_rules([tmp_path / "q"])


def test_a_user_file_disabling_a_salience_word_reaches_the_matcher(tmp_path):
    # A name only ever written as a file name is an indicator: no tag. The extension comes
    # from salience-words.json; a user's file that disables it makes the mentions count.
    entry = make_entry(
        "The loader drops Kimsuky.exe in the temp folder. Kimsuky.exe then runs. "
        "Kimsuky.exe beacons.",
        title="A loader",
    )
    assert not Enricher().enrich(entry).tags
    write_rules(
        tmp_path / "r",
        "s.json",
        "salience-words",
        [{"role": "code-extension", "word": "exe", "disabled": True}],
    )
    tags = Enricher(rules=load_rules([tmp_path / "r"])).enrich(entry).tags
    assert 'misp-galaxy:threat-actor="Kimsuky"' in tags


def test_a_users_malware_word_after_an_ordinary_word_leaves_it_a_name(tmp_path):
    # "Dairy Queen" is a longer proper name, "the Dairy Trojan" the malware: a malware word
    # after an ordinary-word hit says what it is (textscan._name_goes_on, salience-words role
    # malware-word). "beacon" is not shipped: "the Dairy Beacon" is a longer name until a
    # user's file adds the word.
    filler = "Backups and patching remain the best defence for small firms. " * 30
    entry = make_entry("The Dairy Beacon and the Carbon Beacon spread. " * 6 + filler, title="x")
    assert not Enricher().enrich(entry).tags
    word = {"role": "malware-word", "word": "beacon", "why": "a test"}
    write_rules(tmp_path / "r", "s.json", "salience-words", [word])
    tags = Enricher(rules=load_rules([tmp_path / "r"])).enrich(entry).tags
    assert 'misp-galaxy:malpedia="Dairy"' in tags


def test_a_users_malware_word_beside_a_shared_name_picks_the_family(tmp_path):
    # "the DarkHotel backdoor": a malware word beside a name an actor and a family share says
    # which (matcher._resolve, salience-words role malware-word). "beacon" is not shipped: "the
    # Winnti beacon" is the actor until a user's file adds the word.
    said = "The Winnti beacon struck again. Experts watched the Winnti beacon for years."
    entry = make_entry(said, title="A report")
    assert Enricher().enrich(entry).tags == ['misp-galaxy:threat-actor="APT41"']
    word = {"role": "malware-word", "word": "beacon", "why": "a test"}
    write_rules(tmp_path / "r", "s.json", "salience-words", [word])
    tags = Enricher(rules=load_rules([tmp_path / "r"])).enrich(entry).tags
    assert tags == ['misp-galaxy:malpedia="Winnti (Windows)"']


def test_a_users_detection_scheme_word_reaches_the_matcher(tmp_path):
    # "Amiga/Glupteba.M" reads as a path (corroborates only) until a user's rules file adds
    # the platform word to the detection-name schemes: then it is the family, named.
    entry = make_entry(
        ("The dropper installs Amiga/Glupteba.M on the host. " + "Nothing else. " * 5) * 5,
        title="A dropper",
    )
    assert not Enricher().enrich(entry).tags
    write_rules(
        tmp_path / "r",
        "d.json",
        "salience-words",
        [{"role": "detection-platform", "word": "Amiga", "why": "an old platform"}],
    )
    tags = Enricher(rules=load_rules([tmp_path / "r"])).enrich(entry).tags
    assert 'misp-galaxy:malpedia="Glupteba"' in tags


def test_a_users_including_word_makes_the_states_after_it_places(tmp_path):
    # "countries, chiefly Australia": a state after a word that opens examples is a victim,
    # no party. "chiefly" is not shipped (attribution-words.json, role including-word); a
    # user's file adds it, and the false party goes.
    entry = make_entry(
        "China-backed hackers breached networks in several countries, chiefly Australia, "
        "the statement said.",
        title="Statement",
    )
    assert 'public-attribution:attributing-party="AU"' in Enricher().enrich(entry).tags
    write_rules(
        tmp_path / "r",
        "w.json",
        "attribution-words",
        [{"role": "including-word", "word": "chiefly", "language": "en", "why": "a test"}],
    )
    tags = Enricher(rules=load_rules([tmp_path / "r"])).enrich(entry).tags
    assert not [t for t in tags if t.startswith("public-attribution:attributing-party")]


def test_a_users_with_support_word_makes_who_precedes_it_the_attributor(tmp_path):
    # "The United Kingdom, together with Japan and Canada, attributes ...": a user adds the
    # support cue "together with"; alone it is an active support phrase, so every state before
    # and after it supports. With "together" a with-support word (attribution-words.json, as
    # "with", "avec", "s"), who precedes it attributes and who follows backs the attribution.
    entry = make_entry(
        "The United Kingdom, together with Japan and Canada, attributes this malicious cyber "
        "activity to Russia's GRU.",
        title="Statement",
    )
    cue = {"role": "support", "language": "en", "pattern": r"\btogether with\b", "why": "t"}
    write_rules(tmp_path / "r", "c.json", "attribution-cues", [cue])

    def parties(tags) -> set[str]:
        return {t for t in tags if "-party=" in t}

    tags = Enricher(rules=load_rules([tmp_path / "r"])).enrich(entry).tags
    assert 'public-attribution:attributing-party="GB"' not in tags
    word = {"role": "with-support", "word": "together", "language": "en", "why": "a test"}
    write_rules(tmp_path / "r", "w.json", "attribution-words", [word])
    tags = Enricher(rules=load_rules([tmp_path / "r"])).enrich(entry).tags
    assert parties(tags) == {
        'public-attribution:attributing-party="GB"',
        'public-attribution:supporting-party="JP"',
        'public-attribution:supporting-party="CA"',
    }


def test_a_users_front_noun_makes_the_state_a_firm_is_linked_to_its_sponsor(tmp_path):
    # "a company linked to the Chinese government": a firm the linking word ties to a state is a
    # front of its actor, and the state sponsors (attribution-words.json, role front-noun).
    # "consortium" is not shipped: the state is held responsible itself until a user's file
    # adds the noun.
    def level(text: str, rules) -> set[str]:
        tags = Enricher(rules=rules).enrich(make_entry(text, title="Statement")).tags
        return {t for t in tags if "attribution-level" in t}

    sponsored = {'public-attribution:attribution-level="state-sponsored"'}
    said = "The United States sanctioned a {} linked to the Chinese government for the attacks."
    assert level(said.format("company"), shipped()) == sponsored
    assert level(said.format("consortium"), shipped()) != sponsored
    word = {"role": "front-noun", "word": "consortium", "language": "en", "why": "a test"}
    write_rules(tmp_path / "r", "w.json", "attribution-words", [word])
    assert level(said.format("consortium"), load_rules([tmp_path / "r"])) == sponsored


def test_a_users_member_noun_makes_the_charged_persons_individuals(tmp_path):
    # "charged six officers of the GRU": persons of the agency are charged, individuals
    # (attribution-words.json, role member-noun). "staffers" is not shipped: the agency alone
    # is held responsible until a user's file adds the noun.
    def levels(text: str, rules) -> set[str]:
        tags = Enricher(rules=rules).enrich(make_entry(text, title="Statement")).tags
        return {t.split("=")[1].strip('"') for t in tags if "attribution-level" in t}

    said = "The Justice Department charged six {} of the GRU with the hacking of the election."
    assert levels(said.format("officers"), shipped()) == {"individuals", "state-agency"}
    assert levels(said.format("staffers"), shipped()) == {"state-agency"}
    word = {"role": "member-noun", "word": "staffers", "language": "en", "why": "a test"}
    write_rules(tmp_path / "r", "m.json", "attribution-words", [word])
    rules = load_rules([tmp_path / "r"])
    assert levels(said.format("staffers"), rules) == {"individuals", "state-agency"}


def _attribution(text: str, rules) -> set[str]:
    tags = Enricher(rules=rules).enrich(make_entry(text, title="Statement")).tags
    return {t for t in tags if t.startswith("public-attribution:attribut")}


def test_a_users_advice_noun_makes_the_agency_a_speaker(tmp_path):
    # "Based on advice from Danish intelligence agencies, the Danish Government has judged":
    # the agency the speaker rests on speaks (attribution-words.json, role advice-noun).
    # "reporting" is not shipped: nothing is read until a user's file adds it.
    said = (
        "Based on {} from Danish intelligence agencies, the Danish Government has judged that "
        "Russian state sponsored actors were responsible for the incident."
    )
    want = {
        'public-attribution:attributing-party="DK"',
        'public-attribution:attributed-state="RU"',
        'public-attribution:attribution-level="state-sponsored"',
    }
    assert _attribution(said.format("advice"), shipped()) == want
    assert not _attribution(said.format("reporting"), shipped())
    word = {"role": "advice-noun", "word": "reporting", "language": "en", "why": "a test"}
    write_rules(tmp_path / "r", "a.json", "attribution-words", [word])
    assert _attribution(said.format("reporting"), load_rules([tmp_path / "r"])) == want


def test_a_users_inquiry_words_make_the_investigating_state_no_target(tmp_path):
    # "whose investigation was led by the Netherlands": the agent of an inquiry investigated,
    # it is no target (attribution-words.json, roles inquiry-noun and inquiry-verb). "audit"
    # and "performed" are not shipped: the Netherlands is held responsible with Russia until
    # a user's file adds them.
    said = "Canada attributed the intrusion, whose {} by the Netherlands, to Russia."
    russia = 'public-attribution:attributed-state="RU"'
    netherlands = 'public-attribution:attributed-state="NL"'
    found = _attribution(said.format("investigation was led"), shipped())
    assert russia in found and netherlands not in found
    assert netherlands in _attribution(said.format("audit was performed"), shipped())
    write_rules(
        tmp_path / "r",
        "i.json",
        "attribution-words",
        [
            {"role": "inquiry-noun", "word": "audit", "language": "en", "why": "a test"},
            {"role": "inquiry-verb", "word": "performed", "language": "en", "why": "a test"},
        ],
    )
    found = _attribution(said.format("audit was performed"), load_rules([tmp_path / "r"]))
    assert russia in found and netherlands not in found


def test_a_users_acts_for_phrase_makes_the_group_state_sponsored(tmp_path):
    # "a threat actor operating under the direction of China's Ministry of State Security": a
    # group acting for the agency is sponsored by it (attribution-words.json, role acts-for).
    # "in the pay of" is not shipped: the agency is held responsible itself until a user's
    # file adds it.
    said = (
        "The Dutch government blamed the intrusion on APT99, a threat actor operating {} "
        "China's Ministry of State Security."
    )
    sponsored = 'public-attribution:attribution-level="state-sponsored"'
    assert sponsored in _attribution(said.format("under the direction of"), shipped())
    assert sponsored not in _attribution(said.format("in the pay of"), shipped())
    phrase = {"role": "acts-for", "word": "in the pay of", "language": "en", "why": "a test"}
    write_rules(tmp_path / "r", "p.json", "attribution-words", [phrase])
    assert sponsored in _attribution(said.format("in the pay of"), load_rules([tmp_path / "r"]))


def test_a_users_headline_verb_is_no_part_of_a_persons_name(tmp_path):
    # "Denmark, UK, US Blame Russia For ...": a Title Case headline's verb before a state is no
    # given name (attribution-words.json, role headline-verb). "Blamed" is not shipped: "Blamed
    # Russia" reads as a person's name and nothing is attributed until a user's file adds it.
    said = "Denmark, UK, US {} Russia For NotPetya Ransomware Outbreak"
    russia = 'public-attribution:attributed-state="RU"'
    assert russia in _attribution(said.format("Blame"), shipped())
    assert russia not in _attribution(said.format("Blamed"), shipped())
    verb = {"role": "headline-verb", "word": "Blamed", "language": "en", "why": "a test"}
    write_rules(tmp_path / "r", "h.json", "attribution-words", [verb])
    assert russia in _attribution(said.format("Blamed"), load_rules([tmp_path / "r"]))


def test_attribution_vocabulary_of_the_extractor_comes_from_the_attribution_words_file():
    # Tables of core/attribution.py moved to attribution-words.json: the verbs of a Title Case
    # headline (role headline-verb), the prepositions that open a backing support phrase
    # (role with-support), the nouns for firms (role front-noun) and for persons of an agency
    # (role member-noun; the last three read from the rule set in use).
    from misp_module.core.attribution import grammar as attribution_grammar
    from misp_module.core.lexicon import Lexicon

    entries = shipped().of("attribution-words")
    verbs = [e["word"] for e in entries if e["role"] == "headline-verb"]
    assert {"Blame", "Accuses", "Calls Out"} <= set(verbs)
    lex = Lexicon(shipped())
    assert all(lex.HEADLINE_VERB.fullmatch(v) for v in verbs)
    assert not lex.HEADLINE_VERB.fullmatch("Smith")
    with_support = [e["word"] for e in entries if e["role"] == "with-support"]
    assert {"with", "avec", "przy", "s"} <= set(with_support)
    assert all(lex.WITH_SUPPORT.match(f"{w} the support of") for w in with_support)
    assert not lex.WITH_SUPPORT.match("stands with")
    fronts = [e for e in entries if e["role"] == "front-noun"]
    assert {"companies", "empresas", "Unternehmen", "bedrij"} <= {e["word"] for e in fronts}
    for e in fronts:
        assert re.fullmatch(lex.FRONT_NOUNS, e["word"] + ("en" if e.get("stem") else ""), re.I)
    members = {e["word"] for e in entries if e["role"] == "member-noun"}
    assert {"officials", "officiers", "miembros", "Offizier"} <= members
    members_of = attribution_grammar._grammar(lex.words("fr")).members_of
    assert members_of.search("deux officiers du ") and members_of.search("six officials of the ")
    for role in ("advice-noun", "inquiry-noun", "inquiry-verb", "acts-for"):
        assert {e["word"] for e in entries if e["role"] == role}, role
    g = attribution_grammar._grammar(lex.words("en"))
    assert g.advice_from.search("Based on findings from the ")
    assert g.inquiry_led.search("The probe was carried out by the ")
    assert g.acts_for.search("a group working on behalf of the ")


@pytest.mark.parametrize(
    "entry, field",
    [
        ({"role": "and-word", "word": "und", "language": "German"}, "language"),
        ({"role": "and-word", "word": "y", "language": ["es", "es"]}, "language"),
        ({"role": "quote-verb", "word": "uvedl", "stem": "yes"}, "stem"),
        ({"role": "speech-word", "word": "according  to"}, "word"),
        ({"role": "speech-word", "word": "said\\w*"}, "word"),
        ({"role": "conjunction", "word": "and"}, "role"),
        ({"role": "sponsor-agent", "word": "vom"}, ""),  # read by language: needs one
    ],
)
def test_a_malformed_attribution_words_entry_is_refused(tmp_path, entry, field):
    write_rules(tmp_path / "r", "w.json", "attribution-words", [entry])
    where = rf"field {field}" if field else "'language' is a required property"
    with pytest.raises(RulesError, match=rf"w\.json: entries\[0\].*{where}"):
        load_rules([tmp_path / "r"])


def test_the_extractor_phrases_are_built_from_the_attribution_words_file():
    from misp_module.core.attribution import grammar as attribution_grammar
    from misp_module.core.attribution import parties as attribution_parties
    from misp_module.core.attribution import places as attribution_places
    from misp_module.core.attribution import speakers as attribution_speakers
    from misp_module.core.lexicon import Lexicon

    def words(role):
        return {e["word"] for e in shipped().of("attribution-words") if e["role"] == role}

    assert words("pronoun") == attribution_speakers._PRONOUNS
    assert words("place-noun") == Lexicon(shipped()).PLACE_NOUNS
    # a stem takes any ending, a multi-word entry is read as written
    assert attribution_places._SAYS.search("jak uvedla policie")
    assert attribution_places._SAYS.search("the work, according to the agency")
    assert attribution_grammar._SAID_BEFORE.search("», a affirmé le ministre ")
    assert attribution_parties._PASSIVE_SUPPORT.search("poparte przez Polskę")
    # the "and" of each language lists states in its language only ("en" is Dutch there)
    tails = attribution_places._LIST_TAILS
    assert tails["nl"].sub("", "Nederland en ") == "Nederland"
    assert tails["de"].sub("", "Niederlande en ") == "Niederlande en"
    assert tails["de"].sub("", "Niederlande und ") == "Niederlande"
    # "e" is Spanish and Italian: one entry with both languages
    assert tails["es"].sub("", "España e ") == "España"
    assert tails["it"].sub("", "Spagna e ") == "Spagna"
    # a dropped subject's clause opener, and "according to" a document, in every entry's words
    for opener in words("clause-opener"):
        assert attribution_speakers._AUXILIARY_FIRST.match(f"{opener} obvinila").end() > 0
    for noun in words("document-noun"):
        assert attribution_speakers._PER_DOCUMENT.search(f"Según el {noun}"), noun
    for prep in words("per-document"):
        assert attribution_speakers._PER_DOCUMENT.search(f"{prep.capitalize()} la nota"), prep


def test_one_name_in_two_languages_is_two_entries(tmp_path):
    # Polish and Czech both write "Kanad*" for Canada: neither entry may replace the other.
    languages = {e.get("language") for e in shipped().of("state-names") if e["name"] == "Kanad*"}
    assert languages == {"pl", "cs"}
    # a user's entry replaces only the entry of its own language
    write_rules(
        tmp_path / "r",
        "s.json",
        "state-names",
        [{"name": "Kanad*", "state": "CA", "language": "cs", "disabled": True}],
    )
    left = [e for e in load_rules([tmp_path / "r"]).of("state-names") if e["name"] == "Kanad*"]
    assert [e["language"] for e in left] == ["pl"]


def test_one_pattern_in_two_roles_is_two_entries(tmp_path):
    # "vervolgt" is both a blame word and the word of a charge: two roles, two entries
    entries = [
        {"role": role, "language": "nl", "pattern": r"\bvervolgzz\b", "why": "t"}
        for role in ("blame", "indictment")
    ]
    write_rules(tmp_path / "r", "c.json", "attribution-cues", entries)
    cues = load_rules([tmp_path / "r"]).of("attribution-cues")
    assert sorted(e["role"] for e in cues if e["pattern"] == r"\bvervolgzz\b") == [
        "blame",
        "indictment",
    ]


def test_a_file_that_gives_one_entry_twice_is_refused(tmp_path):
    entry = {"role": "blame", "language": "nl", "pattern": r"\bvervolgzz\b", "why": "t"}
    write_rules(tmp_path / "r", "c.json", "attribution-cues", [entry, dict(entry, why="again")])
    with pytest.raises(RulesError) as raised:
        load_rules([tmp_path / "r"])
    message = str(raised.value)
    assert "c.json: entries[1]" in message and "repeats entries[0]" in message
    assert "role 'blame'" in message and "language 'nl'" in message


def test_the_actor_and_malware_words_come_from_the_salience_words_file():
    # The nouns beside a name ("the X group", "the X backdoor") were tables in core/salience.py;
    # they are salience-words of roles actor-word and malware-word now.
    from misp_module.core import salience

    assert salience.ACTOR_WORDS == _shipped_salience_words("actor-word") >= {"group", "apt"}
    assert salience.MALWARE_WORDS == _shipped_salience_words("malware-word") >= {"backdoor"}
    assert salience.SHIPPED_WORDS.actor_words == salience.ACTOR_WORDS
    assert salience.SHIPPED_WORDS.malware_words == salience.MALWARE_WORDS


def test_a_users_malware_word_says_what_a_name_is(tmp_path):
    # "Kimsuky, a beacon ...": "beacon" is no shipped malware word, so the sentence says
    # nothing of what Kimsuky is; a user's file adds it, and the index built with those rules
    # reads the mention as malware (and "a beacon called X" too). The shipped words stay.
    from misp_module.core.salience import _role, words_of

    write_rules(
        tmp_path / "r",
        "m.json",
        "salience-words",
        [{"role": "malware-word", "word": "beacon", "why": "a test"}],
    )
    index = Enricher(rules=load_rules([tmp_path / "r"])).index
    words = words_of(index.salience_words)
    assert _role("", ", a beacon that phones home", words) == "malware"
    assert _role("the team found a beacon called ", "", words) == "malware"
    assert _role("", ", a beacon that phones home") == ""
    assert {"beacon", "backdoor"} <= words.malware_words
    assert words.actor_words == words_of().actor_words


def test_the_actor_schemes_and_alias_words_come_from_the_salience_words_file():
    # The vendors' naming schemes and the alias words were tables in core/matcher.py; they are
    # read from salience-words.json now, compiled once per rule set.
    from misp_module.core.matcher import scheme_words

    sw = scheme_words()
    assert set(sw.words) == _shipped_salience_words("actor-scheme-word") >= {"Typhoon", "Panda"}
    keys = _shipped_salience_words("actor-scheme-key") >= {"tiger"}
    assert sw.keys == {w.lower() for w in sw.words} | _shipped_salience_words("actor-scheme-key")
    assert keys and [p.pattern for p in sw.numbers] == [
        re.escape(p) + r"\d{2,5}\b" for p in ("UNC", "TA", "DEV-", "Storm-")
    ]
    # One word list, read by the three patterns: "(aka X)", a run's gap, "aka" in a gap.
    assert _shipped_salience_words("alias-word") >= {"aka", "a.k.a.", "also known as"}
    for said in ("aka", "A.K.A.", "a.k.a", "also known as", "Known as", "also called"):
        assert sw.says_alias.search(f"X, {said} Y"), said
        assert sw.alias_gap.fullmatch(f" ({said} "), said
    assert not sw.says_alias.search("Osaka, Alaska, well-known assets")
    assert sw.own_alias.search("RATVERMIN (a.k.a. VERMIN)").group(1) == "VERMIN"
    assert sw.own_alias.search("RATVERMIN (also known as VERMIN)").group(1) == "VERMIN"
    assert not sw.own_alias.search("RATVERMIN (or VERMIN)")


def test_a_users_actor_scheme_words_reach_the_unknown_actors(tmp_path):
    # A vendor's new family ("Hurricane") and numbered designation ("CL-STA-") are reported as
    # unknown actors once a user's rules file adds them to the schemes.
    entry = make_entry(
        "Crimson Hurricane and CL-STA-9876 attacked ministries. Volt Kestrel did not. " * 3,
        title="A campaign",
    )

    def unknown(result) -> set[str]:
        return {u.main_name for u in result.unresolved}

    assert unknown(Enricher().enrich(entry)).isdisjoint({"Crimson Hurricane", "CL-STA-9876"})
    write_rules(
        tmp_path / "r",
        "s.json",
        "salience-words",
        [
            {"role": "actor-scheme-word", "word": "Hurricane", "why": "a new vendor family"},
            {"role": "actor-scheme-prefix", "word": "CL-STA-", "why": "a numbered cluster"},
        ],
    )
    found = unknown(Enricher(rules=load_rules([tmp_path / "r"])).enrich(entry))
    assert {"Crimson Hurricane", "CL-STA-9876"} <= found
    assert "Volt Kestrel" not in found


def test_a_users_alias_word_joins_the_reports_own_name_to_a_cluster(tmp_path):
    # "RATVERMIN (alias VERMIN)": "alias" is no shipped alias word, so RATVERMIN names nothing;
    # a user's file adds it, and RATVERMIN is the family VERMIN wherever the report writes it.
    text = (
        "Reports on the war in Ukraine. "
        * 20
        + "The group used the RATVERMIN malware. Domains connected to RATVERMIN (alias VERMIN) "
        "resolved to one address. "
        + "RATVERMIN is a .NET backdoor. The operators sent commands to RATVERMIN. "
        * 4
    )
    entry = make_entry(text, title="A backdoor")
    vermin = 'misp-galaxy:malpedia="Vermin"'
    assert vermin not in Enricher().enrich(entry).tags
    write_rules(
        tmp_path / "r",
        "a.json",
        "salience-words",
        [{"role": "alias-word", "word": "alias", "why": "another name of the same thing"}],
    )
    assert vermin in Enricher(rules=load_rules([tmp_path / "r"])).enrich(entry).tags


def test_a_users_file_disabling_a_set_apart_word_reaches_the_coined_names(tmp_path):
    # "other ... actors, including the actor we call X": a group named to be set apart from
    # the subject (salience-words role set-apart, naming.coined); without the word "other" the
    # report's own naming counts again.
    filler = "Backups and patching remain the best defence for small firms. " * 30
    said = (
        "APT38 robs banks. APT38 hides its traces. APT38 moves money. We saw the activity of "
        "other actors, including the actor we call TEMP.Hermit. "
    )
    entry = make_entry(said + filler, title="APT38 robs banks")
    assert 'misp-galaxy:threat-actor="TEMP.Hermit"' not in Enricher().enrich(entry).tags
    off = {"role": "set-apart", "word": "other", "disabled": True}
    write_rules(tmp_path / "r", "s.json", "salience-words", [off])
    tags = Enricher(rules=load_rules([tmp_path / "r"])).enrich(entry).tags
    assert 'misp-galaxy:threat-actor="TEMP.Hermit"' in tags


def test_a_users_file_disabling_an_actor_suffix_word_reaches_the_index(tmp_path):
    # "menuPass" is "Menupass Team" less its group word (salience-words role actor-suffix,
    # core/galaxy_index._actor_heads); a user's file that disables "team" leaves only the
    # galaxy's own names.
    filler = "Backups and patching remain the best defence for small firms. " * 30
    said = "The menuPass actors attacked academics. The menuPass campaign persisted. " * 2
    entry = make_entry(said + filler, title="menuPass returns")
    assert 'misp-galaxy:threat-actor="APT10"' in Enricher().enrich(entry).tags
    off = {"role": "actor-suffix", "word": "team", "disabled": True}
    write_rules(tmp_path / "r", "s.json", "salience-words", [off])
    tags = Enricher(rules=load_rules([tmp_path / "r"])).enrich(entry).tags
    assert 'misp-galaxy:threat-actor="APT10"' not in tags
