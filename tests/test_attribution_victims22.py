"""States that are victims or compared, read as parties or targets (issue 17, round twenty-two
of session nine, attrvict22): each class with sentences of our own; the first case of each
failed before its change."""

from __future__ import annotations

import pytest

from conftest import attribution_tags_of, expected_attribution_tags


@pytest.mark.parametrize(
    "text, want",
    [
        # the government an attack hit, after "on the government of": neither target nor party
        (
            "Britain accused Russia's military intelligence of a cyberattack on the government "
            "of Estonia.",
            expected_attribution_tags(["GB"], [], ["RU"], ["state-agency"], ["statement"]),
        ),
        (
            "The U.S. Treasury sanctioned Iran's intelligence ministry for a cyberattack on the "
            "government of Albania.",
            expected_attribution_tags(["US"], [], ["IR"], ["state-agency"], ["sanctions"]),
        ),
        (
            "The Dutch government blamed Iranian hackers for the attack on the government of "
            "Kenya.",
            [],
        ),
        # unchanged: the blame put on a government is the target
        (
            "Canada blamed the attack on the government of Russia.",
            expected_attribution_tags(["CA"], [], ["RU"], ["state"], ["statement"]),
        ),
    ],
)
def test_government_an_attack_hit_is_no_target(text, want):
    assert attribution_tags_of(text) == want


@pytest.mark.parametrize(
    "text, language, want",
    [
        # the states a comparison names ("than those from", "als solche aus"): no targets
        (
            "Das US-Justizministerium hat zwei Offiziere des nordkoreanischen Geheimdienstes "
            "mehrerer Cyberangriffe beschuldigt. Der verantwortliche Beamte Max Muster machte "
            "deutlich, dass illegale Hacker-Aktivitäten aus Nordkorea ganz andere Motive hätten "
            "als solche aus Russland, China oder dem Iran.",
            "de",
            ["KP"],
        ),
        (
            "Britain blamed Russia for the attack, unlike France.",
            "en",
            ["RU"],
        ),
        (
            "The Dutch government blamed Russia for the intrusion rather than China.",
            "en",
            ["RU"],
        ),
        # unchanged: a list of states held responsible, no comparison
        (
            "Britain blamed Russia, China and Iran for the attacks.",
            "en",
            ["CN", "IR", "RU"],
        ),
    ],
)
def test_state_a_comparison_names_is_no_target(text, language, want):
    tags = attribution_tags_of(text, language=language)
    states = [t.split('"')[1] for t in tags if "attributed-state=" in t]
    assert states == want


@pytest.mark.parametrize(
    "text, want",
    [
        # the states after "by" right after an attribution word speak: no targets
        (
            "Britain accused Russia of the attack. The condemnation by Australia and Japan "
            "followed within hours.",
            expected_attribution_tags(["GB"], [], ["RU"], ["state"], ["statement"]),
        ),
        (
            "New Zealand's GCSB said China's MSS was behind the intrusion. The joint "
            "condemnation by Australia, Canada, and other partners of the hacking followed.",
            expected_attribution_tags(["NZ"], [], ["CN"], ["state-agency"], ["statement"]),
        ),
        # unchanged: the passive agent of the attribution speaks, the object after "to"
        (
            "The hacking campaign was attributed by the UK to Russia.",
            expected_attribution_tags(["GB"], [], ["RU"], ["state"], ["statement"]),
        ),
    ],
)
def test_state_after_by_an_attribution_word_is_no_target(text, want):
    assert attribution_tags_of(text) == want


EU_RU_GRU = expected_attribution_tags(["EU"], [], ["RU"], ["state-agency"], ["sanctions"])


@pytest.mark.parametrize(
    "text, language, want",
    [
        # a state inside a bank's name (often what was robbed): no party
        (
            "L'Union européenne a sanctionné le GRU russe pour le vol auprès de la Banque "
            "centrale du Bangladesh.",
            "fr",
            EU_RU_GRU,
        ),
        (
            "La Unión Europea sancionó al GRU ruso por el robo en el Banco Central de Chile.",
            "es",
            EU_RU_GRU,
        ),
        # unchanged: the bank's name in English was already no party
        (
            "The EU sanctioned Russia's GRU over the theft from the Central Bank of Bangladesh.",
            "en",
            EU_RU_GRU,
        ),
    ],
)
def test_state_in_a_banks_name_is_no_party(text, language, want):
    assert attribution_tags_of(text, language=language) == want
