"""Wrong tags on the re-gathered attribution texts (issue 17, round nineteen, precision): each
class with sentences of our own; the first case of each failed before its change."""

from __future__ import annotations

import pytest

from conftest import attribution_tags_of, expected_attribution_tags

US_CN_CHARGED = expected_attribution_tags(
    ["US"], [], ["CN"], ["individuals", "state-agency"], ["indictment"]
)


@pytest.mark.parametrize(
    "text, want",
    [
        # the accused state accusing its accuser back answers the accusation: no attribution
        (
            "The United States charged five officers of the Chinese army with cyber espionage "
            "on Monday. China accuses the United States of the same practices.",
            US_CN_CHARGED,
        ),
        # two accusations between four different states stay
        (
            "Britain accused Russia of the cyberattack. Iran blamed the United States for the "
            "attack on its nuclear plant.",
            expected_attribution_tags(["GB", "IR"], [], ["RU", "US"], ["state"], ["statement"]),
        ),
    ],
)
def test_a_counter_accusation_is_no_attribution(text, want):
    assert attribution_tags_of(text) == want


DE_RU = expected_attribution_tags(["DE"], [], ["RU"], ["state"], ["statement"])
BLAMED_DE = "Das Auswärtige Amt macht Russland für den Cyberangriff verantwortlich. "


@pytest.mark.parametrize(
    "text, language, want",
    [
        # the state a sentence of support helps is no supporter of the attribution before it
        (BLAMED_DE + "Wir werden weiterhin die Ukraine entschlossen unterstützen.", "de", DE_RU),
        (
            "Le ministère français des Affaires étrangères a attribué la cyberattaque à la "
            "Russie. Paris reste mobilisé en soutien de l'Ukraine.",
            "fr",
            expected_attribution_tags(["FR"], [], ["RU"], ["state"], ["statement"]),
        ),
        (
            "El Gobierno británico acusó a Rusia del ciberataque. Londres mantiene su respaldo "
            "a Ucrania.",
            "es",
            expected_attribution_tags(["GB"], [], ["RU"], ["state"], ["statement"]),
        ),
        # unchanged: a state that supports, as the subject of the same verb
        (
            BLAMED_DE + "Die Niederlande unterstützen die Einschätzung der Bundesregierung.",
            "de",
            expected_attribution_tags(["DE"], ["NL"], ["RU"], ["state"], ["statement"]),
        ),
        (
            BLAMED_DE + "Auch die Niederlande werden diese Einschätzung unterstützen.",
            "de",
            expected_attribution_tags(["DE"], ["NL"], ["RU"], ["state"], ["statement"]),
        ),
    ],
)
def test_the_state_helped_is_no_supporter(text, language, want):
    assert attribution_tags_of(text, language=language) == want


NEWS_DE = "https://www.zeitung.de/politik/angriffe"
# a paragraph of the same report naming no state and no office (far enough that the speaker of
# its first sentence does not simply go on)
FILLER_DE = (
    "\n\nDie Angriffe richteten sich gegen Banken, Kryptobörsen und Filmstudios in vielen "
    "Ländern. Die Täter erbeuteten dabei nach Angaben der Ermittler mehr als eine Milliarde "
    "Dollar in bar und in digitalen Währungen. Ein Teil des Geldes wurde über Börsen in Asien "
    "gewaschen, ein anderer Teil floss über Mittelsmänner ab. Die Ermittlungen dauerten mehr "
    "als zwei Jahre und umfassten Dutzende Durchsuchungen. Mehrere Helfer wurden bereits "
    "verurteilt, andere sind auf der Flucht. Die Banken haben ihre Systeme inzwischen "
    "erneuert.\n\n"
)
QUOTE_DE = (
    "„Russland ist für weitere Angriffe verantwortlich“, sagte ein Sprecher des Ministeriums."
)


@pytest.mark.parametrize(
    "first, want",
    [
        # a German paper reporting only the US so far: the ministry is the US one
        (
            "Das US-Justizministerium hat drei Agenten des nordkoreanischen Geheimdienstes "
            "mehrerer Cyberangriffe beschuldigt.",
            expected_attribution_tags(
                ["US"], [], ["KP", "RU"], ["state", "state-agency"], ["statement"]
            ),
        ),
        # unchanged: a paper reporting its own government, whose office goes on speaking
        (
            "Das Bundesinnenministerium macht den russischen Militärgeheimdienst für den "
            "Cyberangriff verantwortlich.",
            expected_attribution_tags(["DE"], [], ["RU"], ["state", "state-agency"], ["statement"]),
        ),
    ],
)
def test_an_office_named_alone_is_the_reported_governments(first, want):
    assert attribution_tags_of(first + FILLER_DE + QUOTE_DE, "de", NEWS_DE) == want


@pytest.mark.parametrize(
    "text, want",
    [
        # the sentence after denies: it names who denies, never who attributed before it
        (
            "Lawmakers criticized the reluctance of the president to point the finger at Russia, "
            "which has been widely blamed for the hack. A Kremlin spokesman said the debate in "
            'Washington about the breaches "has nothing to do with us."',
            [],
        ),
        # unchanged: the sentence after says who stated it
        (
            "Lawmakers said Russia has been widely blamed for the hack. This was stated by the "
            "White House.",
            expected_attribution_tags(["US"], [], ["RU"], ["state"], ["statement"]),
        ),
    ],
)
def test_a_denial_after_is_no_speaker(text, want):
    assert attribution_tags_of(text) == want


@pytest.mark.parametrize(
    "text, language",
    [
        # a state suffering attacks the sentence says are attributed: the victim, no accuser
        (
            "Portugal está sufriendo una serie de ataques cibernéticos atribuidos a hackers "
            "rusos, tras el reciente respaldo del primer ministro a Ucrania en el conflicto "
            "contra Rusia.",
            "es",
        ),
        (
            "Portugal está sufriendo una serie de ataques cibernéticos atribuidos a hackers rusos.",
            "es",
        ),
        (
            "Estonia is suffering a series of cyberattacks attributed to Russian hackers, after "
            "its recent support for Ukraine in the war against Russia.",
            "en",
        ),
    ],
)
def test_a_victim_of_attributed_attacks_is_no_accuser(text, language):
    assert attribution_tags_of(text, language=language) == []


@pytest.mark.parametrize(
    "text, language, want",
    [
        # unchanged: the victim that accuses
        (
            "Portugal ha sufrido una oleada de ciberataques y el Gobierno portugués acusa a Rusia.",
            "es",
            expected_attribution_tags(["PT"], [], ["RU"], ["state"], ["statement"]),
        ),
        (
            "Estonia blamed Russia for the cyberattacks it suffered.",
            "en",
            expected_attribution_tags(["EE"], [], ["RU"], ["state"], ["statement"]),
        ),
    ],
)
def test_a_victim_that_accuses_still_accuses(text, language, want):
    assert attribution_tags_of(text, language=language) == want


@pytest.mark.parametrize(
    "text, language, want",
    [
        # sanctions someone evades are no sanctions of the text's party
        (
            "The Justice Department charged three officers of North Korea's military "
            "intelligence, who built a platform to evade U.S. and U.N. sanctions.",
            "en",
            expected_attribution_tags(
                ["US"], [], ["KP"], ["individuals", "state-agency"], ["indictment"]
            ),
        ),
        (
            "El Departamento de Justicia acusó a tres oficiales de la inteligencia militar "
            "norcoreana de robar criptomonedas. Los tres desarrollaron una plataforma para "
            "evadir las sanciones, dijo el Departamento.",
            "es",
            expected_attribution_tags(
                ["US"], [], ["KP"], ["individuals", "state-agency"], ["indictment"]
            ),
        ),
        # unchanged: charges and sanctions both brought
        (
            "The Justice Department announced charges and sanctions against three officers of "
            "North Korea's military intelligence.",
            "en",
            expected_attribution_tags(
                ["US"], [], ["KP"], ["individuals", "state-agency"], ["indictment", "sanctions"]
            ),
        ),
    ],
)
def test_sanctions_evaded_are_no_sanctions(text, language, want):
    assert attribution_tags_of(text, language=language) == want


@pytest.mark.parametrize(
    "text, language",
    [
        # a doubt cast on an involvement questions an attribution, it makes none
        (
            "L'inquilino della Casa Bianca aveva messo in dubbio il coinvolgimento di Mosca "
            "nell'attacco hacker, che i funzionari avevano definito storico.",
            "it",
        ),
        (
            "Das Weiße Haus hatte die Beteiligung Russlands an dem Hackerangriff in Zweifel gezogen.",
            "de",
        ),
        (
            "La Maison Blanche avait mis en doute l'implication de Moscou dans la cyberattaque.",
            "fr",
        ),
    ],
)
def test_a_doubt_is_no_attribution(text, language):
    assert attribution_tags_of(text, language=language) == []


GB_RU_SANCTIONS = expected_attribution_tags(
    ["GB"], [], ["RU"], ["individuals", "state-agency"], ["sanctions"]
)
US_KP_CHARGES = expected_attribution_tags(
    ["US"], [], ["KP"], ["individuals", "state-agency"], ["indictment"]
)
US_IR_SANCTIONS = expected_attribution_tags(
    ["US"], [], ["IR"], ["individuals", "state-agency"], ["sanctions"]
)


@pytest.mark.parametrize(
    "text, language, want",
    [
        # a past act the sentence recalls is background, not the text's attribution
        (
            "The UK sanctioned two officers of Russia's GRU over the cyberattacks. British "
            "ministers have repeatedly accused Moscow of sabotage and espionage across Europe.",
            "en",
            GB_RU_SANCTIONS,
        ),
        (
            "The Justice Department charged three officers of North Korea's military "
            "intelligence with the thefts. The case builds upon 2016 charges in which "
            "prosecutors said North Korea was behind the bank hack.",
            "en",
            US_KP_CHARGES,
        ),
        (
            "The US Treasury sanctioned six officials of Iran's Islamic Revolutionary Guard Corps "
            "over the cyberattacks. The Treasury announced in March that, together with Canada, "
            "it had sanctioned two IRGC commanders.",
            "en",
            US_IR_SANCTIONS,
        ),
        # a sanction the sentence says was not announced is none
        (
            "Gli Stati Uniti hanno accusato la Cina dell'attacco informatico. Washington per ora "
            "non ha annunciato nessuna sanzione contro la Cina, a differenza di quanto avvenuto "
            "con la Russia, colpita da sanzioni per le accuse di hackeraggio.",
            "it",
            expected_attribution_tags(["US"], [], ["CN"], ["state"], ["statement"]),
        ),
    ],
)
def test_recalled_and_unannounced_acts_are_not_the_texts(text, language, want):
    assert attribution_tags_of(text, language=language) == want


@pytest.mark.parametrize(
    "text, language, want",
    [
        # a justice ministry accusing persons charges them
        (
            "En Estados Unidos, el Departamento de Justicia ha acusado a cuatro agentes de la "
            "inteligencia militar rusa de atacar la red eléctrica.",
            "es",
            expected_attribution_tags(
                ["US"], [], ["RU"], ["individuals", "state-agency"], ["indictment"]
            ),
        ),
        (
            "Il dipartimento di Giustizia degli Stati Uniti ha accusato due ufficiali "
            "dell'esercito cinese di aver rubato segreti industriali.",
            "it",
            expected_attribution_tags(
                ["US"], [], ["CN"], ["individuals", "state-agency"], ["indictment"]
            ),
        ),
        (
            "Ministerstwo sprawiedliwości Stanów Zjednoczonych poinformowało, że oskarżyło "
            "czterech obywateli Chin o ataki hakerskie.",
            "pl",
            expected_attribution_tags(["US"], [], ["CN"], ["individuals"], ["indictment"]),
        ),
        # unchanged: a government's accusation of a state is a statement
        (
            "El Gobierno británico ha acusado a Rusia de atacar la red eléctrica.",
            "es",
            expected_attribution_tags(["GB"], [], ["RU"], ["state"], ["statement"]),
        ),
    ],
)
def test_a_justice_ministry_accusing_persons_charges_them(text, language, want):
    assert attribution_tags_of(text, language=language) == want


def test_a_state_after_contre_is_what_the_act_was_against():
    # "l'attaque contre les autorités financières polonaises": Poland was attacked, it speaks not
    text = (
        "Le Conseil de l'Union européenne a sanctionné le GRU, le renseignement militaire russe, "
        "impliqué dans l'attaque contre les autorités financières polonaises."
    )
    assert attribution_tags_of(text, language="fr") == expected_attribution_tags(
        ["EU"], [], ["RU"], ["state-agency"], ["sanctions"]
    )


GB_RU = expected_attribution_tags(["GB"], [], ["RU"], ["state"], ["statement"])


@pytest.mark.parametrize(
    "text, language, url, want",
    [
        # arson or sabotage with no cyber word: no cyber operation attributed
        (
            "Polski rząd oskarżył Rosję o cyberatak na agencję prasową. Pożar magazynu w Gdańsku "
            "to kolejne podpalenie na zlecenie GRU - pisze dziennik.",
            "pl",
            "https://www.gazeta.pl/kraj/atak",
            expected_attribution_tags(["PL"], [], ["RU"], ["state"], ["statement"]),
        ),
        (
            "The British government blamed Russia for the cyberattack on the news agency. The "
            "GRU was behind the arson attack on a warehouse in London, the government said.",
            "en",
            "https://news.example/x",
            GB_RU,
        ),
        # unchanged: sabotage done by cyber means
        (
            "The British government said the GRU was behind the cyber sabotage of the power grid.",
            "en",
            "https://news.example/x",
            expected_attribution_tags(["GB"], [], ["RU"], ["state-agency"], ["statement"]),
        ),
    ],
)
def test_a_physical_act_is_no_cyber_operation(text, language, url, want):
    assert attribution_tags_of(text, language, url) == want


@pytest.mark.parametrize(
    "text, language, url, want",
    [
        # the body a government informed is who was told, never the speaker after it
        (
            "Rząd poinformował NATO o cyberataku na skrzynkę ministra. W oświadczeniu premiera "
            "padło sformułowanie: „Analiza naszych służb pozwala na jednoznaczne stwierdzenie, że "
            "atak cybernetyczny został przeprowadzony z terenu Federacji Rosyjskiej.”",
            "pl",
            "https://www.gazeta.pl/kraj/atak",
            expected_attribution_tags(["PL"], [], ["RU"], ["territory"], ["statement"]),
        ),
        (
            "The government notified NATO of the cyberattack on the ministry. In the statement, "
            "the prime minister said the attack was carried out from the territory of the "
            "Russian Federation.",
            "en",
            "https://news.example/x",
            [],
        ),
    ],
)
def test_who_was_informed_does_not_speak(text, language, url, want):
    assert attribution_tags_of(text, language, url) == want


def test_a_sanction_only_planned_does_not_go_on():
    # "announced plans to enforce these sanctions": no sanction of its own, so "The sanctions
    # were imposed upon ..." after it stays the EU's
    text = (
        "The Council of the European Union imposed sanctions on two Russian citizens over the "
        "cyberattack on the Bundestag. The United Kingdom announced plans to enforce these "
        "sanctions as well. The sanctions were imposed upon Dmitry Badin, an officer of Russia's "
        "GRU, and the 85th Main Center of the GRU."
    )
    assert attribution_tags_of(text) == expected_attribution_tags(
        ["EU"], [], ["RU"], ["individuals", "state-agency"], ["sanctions"]
    )


def test_a_conditional_sanction_does_not_go_on():
    # "Solche Sanktionen könnten ...": a conditional, no sanction brought
    text = (
        "Die Bundesregierung macht den russischen Militärgeheimdienst GRU für den Angriff auf den "
        "Bundestag verantwortlich. Solche Sanktionen könnten sich auch auf die Zusammenarbeit "
        "auswirken."
    )
    assert attribution_tags_of(text, "de", NEWS_DE) == expected_attribution_tags(
        ["DE"], [], ["RU"], ["state-agency"], ["statement"]
    )


BLAMED_GRU_DE = (
    "Die Bundesregierung macht den russischen Militärgeheimdienst GRU für den Angriff "
    "verantwortlich. "
)


@pytest.mark.parametrize(
    "second, want",
    [
        # the bodies a speaker acts within are its frame, no supporters
        (
            "Deutschland handle Seite an Seite innerhalb der Europäischen Union, der Nato und mit "
            "seinen Partnern, sagte die Ministerin.",
            expected_attribution_tags(["DE"], [], ["RU"], ["state-agency"], ["statement"]),
        ),
        # unchanged: bodies standing at its side support it
        (
            "Die Europäische Union und die Nato stehen an der Seite Deutschlands.",
            expected_attribution_tags(
                ["DE"], ["EU", "NATO"], ["RU"], ["state-agency"], ["solidarity", "statement"]
            ),
        ),
    ],
)
def test_the_bodies_a_speaker_acts_within_do_not_support(second, want):
    assert attribution_tags_of(BLAMED_GRU_DE + second, "de", NEWS_DE) == want


def test_the_accused_complaining_of_blame_denies():
    text = (
        'The Justice Department charged six Russian hackers on Monday. "We are seeing a '
        "regrettable tendency for Russia and the Russian special services to be blamed for "
        'everything," the Kremlin spokesman said.'
    )
    assert attribution_tags_of(text) == expected_attribution_tags(
        ["US"], [], ["RU"], ["individuals"], ["indictment"]
    )


@pytest.mark.parametrize(
    "text, want",
    [
        # what the prosecutors who charge say of the persons goes on with their charge
        (
            "Italian police arrested Xu Ming, a Chinese IT manager, at the request of the United "
            "States. According to the DOJ, Xu was part of a hacking group known as Hafnium, which "
            "has alleged ties to China's Ministry of State Security. A nine-count indictment "
            "unsealed in Texas charges Xu and a co-defendant with wire fraud.",
            expected_attribution_tags(["US"], [], ["CN"], ["state-agency"], ["indictment"]),
        ),
        # unchanged: a finding about the state itself stays a statement of its own
        (
            "The FBI said North Korea was responsible for the hack of the studio. The Justice "
            "Department later charged a North Korean programmer.",
            expected_attribution_tags(
                ["US"], [], ["KP"], ["individuals", "state"], ["indictment", "statement"]
            ),
        ),
    ],
)
def test_what_prosecutors_say_of_persons_they_charge_is_their_charge(text, want):
    assert attribution_tags_of(text) == want
