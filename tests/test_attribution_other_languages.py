"""Public attribution in languages other than English: the error classes found on the
benchmark's round-twelve dev texts (benchmarks/accuracy/attribution, ids de12-*, fr12-*, es12-*,
it12-*, pl12-*, cs12-*, nl12-*: news of attributions, indictments, sanctions and denials in
seven languages). Each sentence is self-written and failed before the rule it names."""

from __future__ import annotations

import pytest

from conftest import attribution_tags_of as tags
from conftest import expected_attribution_tags as expected


# Italian participles of backing before their agent ("controllato dallo Stato cinese",
# "sostenuto dalla Cina", "finanziato dallo Stato russo") make the group state-sponsored
# (attribution-cues.json, role sponsorship, language it).
@pytest.mark.parametrize(
    "text, party",
    [
        pytest.param(
            "Il governo francese accusa un gruppo di pirati controllato dallo Stato cinese.",
            "FR",
            id="controllato",
        ),
        pytest.param(
            "La Germania ha accusato il collettivo supportato dalla Cina di aver violato le reti.",
            "DE",
            id="supportato",
        ),
    ],
)
def test_italian_backing_participles_are_sponsorship(text, party):
    assert tags(text, "it") == expected(
        attributing=[party], states=["CN"], levels=["state-sponsored"], types=["statement"]
    )


# "een operatie van de Russische militaire inlichtingendienst": an operation of an agency names
# who carried it out (attribution-cues.json, cue "operatie van", language nl).
def test_dutch_operation_of_an_agency_is_read():
    text = "Volgens de MIVD was de aanval een operatie van de Iraanse inlichtingendienst."
    assert tags(text, "nl") == expected(
        attributing=["NL"], states=["IR"], levels=["state-agency"], types=["statement"]
    )


# "meerdere landen, zoals Australië en Canada": the states after "zoals" are examples of a noun
# (attribution-words.json, role including-word), never the object of the attribution word.
def test_dutch_examples_after_zoals_are_no_target():
    text = "Ook andere landen, zoals Australië en Canada, beschuldigen Rusland van de hackaanval."
    assert "AU" not in str(tags(text, "nl")) and "CA" not in str(tags(text, "nl"))


# Persons charged or sanctioned as news names them ("programadores", "programmatori",
# "programmeurs", "piratas informáticos militares"; attribution-cues.json, role actor-noun),
# persons tied to a regime ("vinculadas al régimen chino"; role linking) or to a state's name
# ("dos individuos vinculados a China": the persons' phrase takes any state token). Persons
# linked to the state itself also act for it (state-sponsored, as "two people linked to the
# Chinese government" in English; round twenty).
@pytest.mark.parametrize(
    "language, text, party, state, stype",
    [
        pytest.param(
            "it",
            "Il Dipartimento di Giustizia ha incriminato tre programmatori nordcoreani per il "
            "furto di criptovalute.",
            "US",
            "KP",
            "indictment",
            id="it-programmatori",
        ),
        pytest.param(
            "fr",
            "Le département de la Justice a inculpé trois programmeurs nord-coréens pour le vol "
            "de cryptomonnaies.",
            "US",
            "KP",
            "indictment",
            id="fr-programmeurs",
        ),
        pytest.param(
            "es",
            "El Departamento de Justicia presentó cargos contra dos piratas informáticos "
            "militares iraníes por los ataques.",
            "US",
            "IR",
            "indictment",
            id="es-militares",
        ),
        pytest.param(
            "it",
            "Il governo britannico ha sanzionato due persone legate al regime cinese per gli "
            "attacchi informatici.",
            "GB",
            "CN",
            "sanctions",
            id="it-regime",
        ),
        pytest.param(
            "fr",
            "Le gouvernement britannique a sanctionné deux individus liés au régime chinois pour "
            "des cyberattaques.",
            "GB",
            "CN",
            "sanctions",
            id="fr-regime",
        ),
        pytest.param(
            "es",
            "El Gobierno británico impuso sanciones contra dos individuos vinculados a Rusia por "
            "los ciberataques.",
            "GB",
            "RU",
            "sanctions",
            id="es-linked-to-name",
        ),
    ],
)
def test_persons_charged_or_sanctioned_in_other_words(language, text, party, state, stype):
    linked = any(w in text for w in ("legate al", "liés au", "vinculados a"))
    levels = ["individuals", "state-sponsored"] if linked else ["individuals"]
    assert tags(text, language) == expected(
        attributing=[party], states=[state], levels=levels, types=[stype]
    )


# Officials of an agency charged are persons of it ("funcionarios de la inteligencia militar";
# attribution-words.json, role member-noun: funcionarios, funzionari, fonctionnaires).
def test_officials_of_an_agency_charged_are_individuals():
    text = "El Departamento de Justicia imputó a dos funcionarios de la inteligencia militar rusa."
    assert tags(text, "es") == expected(
        attributing=["US"],
        states=["RU"],
        levels=["individuals", "state-agency"],
        types=["indictment"],
    )


# German news names the US government in compounds and inflections ("US-Präsident",
# "US-Regierung", "des Weißen Hauses"; offices.json): the US speaks, not the paper's home
# government (a German host read the unqualified "Regierung" as Germany's).
@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "Laut der Regierung von US-Präsident Joe Biden steckt Russland hinter dem Angriff.",
            id="us-praesident",
        ),
        pytest.param(
            "Einer Erklärung des Weißen Hauses zufolge geht die Regierung davon aus, dass der "
            "russische Militärgeheimdienst hinter dem Angriff steckt.",
            id="weissen-hauses",
        ),
    ],
)
def test_german_names_of_the_us_government_speak_for_the_us(text):
    got = tags(text, "de", url="https://www.zeitung.de/x")
    assert 'public-attribution:attributing-party="US"' in got
    assert 'public-attribution:attributing-party="DE"' not in got


# The accused state answering back: calling the accusation absurd or invented, the accuser
# hypocritical with double standards (attribution-cues.json, role denial, eight languages)
# attributes nothing ("a accusé les Etats-Unis d'hypocrisie" made China accuse the US).
@pytest.mark.parametrize(
    "language, text",
    [
        pytest.param(
            "fr",
            "Le ministère chinois de la Défense a accusé les Etats-Unis d'hypocrisie et de faire "
            "dans le deux poids deux mesures.",
            id="fr-hypocrisie",
        ),
        pytest.param(
            "de",
            "Das russische Außenministerium warf den USA Heuchelei vor und nannte die Vorwürfe "
            "eine reine Erfindung.",
            id="de-heuchelei",
        ),
        pytest.param(
            "es",
            "El Ministerio de Exteriores chino acusó a Estados Unidos de hipocresía y de aplicar "
            "un doble rasero.",
            id="es-hipocresia",
        ),
        pytest.param(
            "it",
            "Il ministero degli Esteri russo ha accusato gli Stati Uniti di ipocrisia e di usare "
            "due pesi e due misure.",
            id="it-ipocrisia",
        ),
    ],
)
def test_answering_back_is_a_denial(language, text):
    assert tags(text, language) == []


# A state's aid to another in a war is no support of an attribution ("el apoyo de Italia hacia
# Ucrania", "un apoyo económico", "le soutien militaire de la Belgique"; attribution-cues.json,
# role support, es and fr): the states were read as supporting parties.
@pytest.mark.parametrize(
    "language, text",
    [
        pytest.param(
            "es",
            "Los ataques, atribuidos a grupos de hackers procedentes de Rusia, se producen en un "
            "clima de tensión, sobre todo por el apoyo de Italia hacia Ucrania.",
            id="es-hacia",
        ),
        pytest.param(
            "es",
            "Los ciberataques, atribuidos a hackers rusos, llegan tras el apoyo económico de "
            "Portugal a Ucrania.",
            id="es-economico",
        ),
        pytest.param(
            "fr",
            "Ces attaques, attribuées à des groupes de pirates venus de Russie, surviennent dans un "
            "climat de tension, lié au soutien militaire de la Belgique à l'Ukraine.",
            id="fr-militaire",
        ),
    ],
)
def test_aid_in_a_war_is_no_support(language, text):
    assert "supporting-party" not in str(tags(text, language))


# The People's Liberation Army and the Reconnaissance General Bureau as news in other languages
# names them (agencies.json), and hackers of an agency charged as its persons in German
# (attribution-words.json, member-noun "Hacker", "Angehörige").
@pytest.mark.parametrize(
    "language, text, state, levels",
    [
        pytest.param(
            "de",
            "Die US-Regierung hat vier Hacker der Volksbefreiungsarmee angeklagt.",
            "CN",
            ["individuals", "state-agency"],
            id="de-volksbefreiungsarmee",
        ),
        pytest.param(
            "fr",
            "La justice américaine a inculpé des pirates de l'Armée populaire de libération.",
            "CN",
            ["state-agency"],
            id="fr-apl",
        ),
        pytest.param(
            "it",
            "Il Dipartimento di Giustizia ha incriminato hacker dell'Esercito popolare di "
            "liberazione.",
            "CN",
            ["state-agency"],
            id="it-epl",
        ),
        pytest.param(
            "es",
            "El Departamento de Justicia acusó formalmente a hackers de la Oficina General de "
            "Reconocimiento.",
            "KP",
            ["state-agency"],
            id="es-rgb",
        ),
    ],
)
def test_agencies_named_in_other_languages(language, text, state, levels):
    assert tags(text, language) == expected(
        attributing=["US"], states=[state], levels=levels, types=["indictment"]
    )


# Italian news writes the acronyms of US agencies in title case ("l'Fbi"; offices.json).
def test_italian_title_case_acronyms_speak_for_the_us():
    text = "L'Fbi ha accusato hacker legati al governo cinese di aver violato le reti."
    assert tags(text, "it") == expected(
        attributing=["US"], states=["CN"], levels=["state-sponsored"], types=["statement"]
    )


# A foreign minister as news names them ("el secretario de Asuntos Exteriores británico", "le
# chef de la diplomatie française", "il segretario per gli Affari esteri"; attribution-cues.json,
# role government-noun), never the EU's ("Szefowa unijnej dyplomacji" on a Polish host is no
# Polish minister).
@pytest.mark.parametrize(
    "language, text, party, state",
    [
        pytest.param(
            "es",
            "El secretario de Asuntos Exteriores británico, David Cameron, acusó a China de "
            "ataques a nuestra democracia.",
            "GB",
            "CN",
            id="es-secretario",
        ),
        pytest.param(
            "fr",
            "Le chef de la diplomatie française a accusé la Russie de cyberattaques.",
            "FR",
            "RU",
            id="fr-chef-diplomatie",
        ),
        pytest.param(
            "it",
            "Il segretario per gli Affari esteri britannico ha accusato la Cina degli attacchi.",
            "GB",
            "CN",
            id="it-segretario",
        ),
    ],
)
def test_foreign_ministers_in_other_words(language, text, party, state):
    assert tags(text, language) == expected(
        attributing=[party], states=[state], levels=["state"], types=["statement"]
    )


@pytest.mark.parametrize(
    "language, text, reference",
    [
        pytest.param(
            "pl",
            "Szefowa unijnej dyplomacji potępiła cyberataki i obwiniła Chiny.",
            "https://wiadomosci.example.pl/a",
            id="pl-unijnej",
        ),
        pytest.param(
            "fr",
            "Le chef de la diplomatie européenne a accusé la Chine de cyberattaques.",
            "https://journal.example.fr/a",
            id="fr-europeenne",
        ),
    ],
)
def test_the_eus_chief_diplomat_is_no_home_minister(language, text, reference):
    got = str(tags(text, language, reference))
    assert 'attributing-party="PL"' not in got and 'attributing-party="FR"' not in got


# The involvement of an agency names who carried out the attack ("zapojení GRU", "Beteiligung
# des russischen Militärgeheimdienstes", "coinvolgimento dei servizi segreti russi";
# attribution-cues.json, cue and blame, six languages).
@pytest.mark.parametrize(
    "language, text, party",
    [
        pytest.param("cs", "Česká vláda nemá pochyb o zapojení GRU.", "CZ", id="cs-zapojeni"),
        pytest.param(
            "de",
            "Die Bundesregierung hat keine Zweifel an der Beteiligung des russischen "
            "Militärgeheimdienstes.",
            "DE",
            id="de-beteiligung",
        ),
        pytest.param(
            "it",
            "Il governo italiano non ha dubbi sul coinvolgimento dei servizi segreti russi.",
            "IT",
            id="it-coinvolgimento",
        ),
    ],
)
def test_involvement_of_an_agency_is_an_attribution(language, text, party):
    assert tags(text, language) == expected(
        attributing=[party], states=["RU"], levels=["state-agency"], types=["statement"]
    )


# A statement closed by its speaker's surname with no quotation marks ("..., sagte Raab.",
# "..., aldus Bijleveld.", "..., a déclaré Raab.", "..., Raab said.") speaks for the
# government an earlier sentence names that person with.
@pytest.mark.parametrize(
    "language, text",
    [
        pytest.param(
            "en",
            "British Foreign Secretary Dominic Raab spoke on Monday in London. Russia was behind "
            "the attack, Raab said.",
            id="en-said",
        ),
        pytest.param(
            "de",
            "Der britische Außenminister Dominic Raab äußerte sich am Montag. Russland stecke "
            "hinter dem Angriff, sagte Raab.",
            id="de-sagte",
        ),
        pytest.param(
            "fr",
            "Le ministre britannique des Affaires étrangères Dominic Raab s'est exprimé lundi. "
            "La Russie est derrière l'attaque, a déclaré Raab.",
            id="fr-a-declare",
        ),
        pytest.param(
            "nl",
            "De Britse minister van Buitenlandse Zaken Dominic Raab sprak maandag. Rusland zat "
            "achter de aanval, aldus Raab.",
            id="nl-aldus",
        ),
    ],
)
def test_a_surname_closing_a_statement_speaks_for_its_office(language, text):
    assert tags(text, language) == expected(
        attributing=["GB"], states=["RU"], levels=["state"], types=["statement"]
    )


# A group affiliated with a state or its government acts for it ("afiliado al estado chino",
# "affiliato al governo cinese"; attribution-cues.json, role sponsorship, es and it).
@pytest.mark.parametrize(
    "language, text",
    [
        pytest.param(
            "es",
            "Gran Bretaña dijo que un grupo de piratería afiliado al estado chino estaba detrás "
            "del ciberataque.",
            id="es-afiliado",
        ),
        pytest.param(
            "it",
            "Il governo britannico ha confermato che l'attore era affiliato al governo cinese.",
            id="it-affiliato",
        ),
    ],
)
def test_affiliated_with_a_state_is_sponsorship(language, text):
    assert tags(text, language) == expected(
        attributing=["GB"], states=["CN"], levels=["state-sponsored"], types=["statement"]
    )


# The separable German verb "anklagen" ("die USA klagen ... an"; attribution-cues.json, cue,
# indictment and blame), as the Dutch "klagen ... aan".
def test_german_separable_anklagen_is_a_charge():
    text = "Die USA klagen zwei Russen wegen Hackerangriffen an."
    assert tags(text, "de") == expected(
        attributing=["US"], states=["RU"], levels=["individuals"], types=["indictment"]
    )


# Italian headlines abbreviate Great Britain in title case, as they do the US ("Gb e Usa
# accusano la Cina"; state-names.json).
def test_italian_gb_is_great_britain():
    assert tags("Gb e Usa accusano la Cina di attacchi informatici", "it") == expected(
        attributing=["GB", "US"], states=["CN"], levels=["state"], types=["statement"]
    )


# The work of an agency names who carried the attack out, as the English "the work of" and
# the Dutch "werk van" (attribution-cues.json, cue and blame, six languages).
@pytest.mark.parametrize(
    "language, text, party",
    [
        pytest.param(
            "it",
            "Il governo italiano afferma che l'attacco è opera dei servizi segreti russi.",
            "IT",
            id="it-opera",
        ),
        pytest.param(
            "es",
            "El Gobierno español afirma que el ataque fue obra de los servicios secretos rusos.",
            "ES",
            id="es-obra",
        ),
        pytest.param(
            "de",
            "Die Bundesregierung erklärte, der Angriff sei das Werk des russischen "
            "Militärgeheimdienstes.",
            "DE",
            id="de-werk",
        ),
        pytest.param(
            "pl",
            "Polski rząd twierdzi, że atak był dziełem rosyjskiego wywiadu wojskowego.",
            "PL",
            id="pl-dzielem",
        ),
        pytest.param(
            "cs", "Česká vláda uvedla, že útok byl dílem ruské vojenské rozvědky.", "CZ", id="cs"
        ),
        pytest.param(
            "fr",
            "Le gouvernement français affirme que l'attaque est l'œuvre du renseignement "
            "militaire russe.",
            "FR",
            id="fr-oeuvre",
        ),
    ],
)
def test_the_work_of_an_agency_is_an_attribution(language, text, party):
    assert tags(text, language) == expected(
        attributing=[party], states=["RU"], levels=["state-agency"], types=["statement"]
    )


# The NSA as Italian news names it, with its demonym (offices.json).
def test_italian_nsa_speaks_for_the_us():
    text = "L'Agenzia per la sicurezza nazionale americana ha accusato hacker sostenuti dallo Stato cinese."
    assert tags(text, "it") == expected(
        attributing=["US"], states=["CN"], levels=["state-sponsored"], types=["statement"]
    )


# Two acts in one sentence: a state accused, then sanctions announced ("ha acusado a China de
# ... y ha anunciado sanciones"): the accusation of the state is a statement, as with charges.
@pytest.mark.parametrize(
    "language, text",
    [
        pytest.param(
            "es",
            "El Gobierno de Reino Unido ha acusado a China de los ciberataques y, en respuesta, "
            "ha anunciado sanciones.",
            id="es",
        ),
        pytest.param(
            "en",
            "The UK accused China of the cyber attacks and announced sanctions in response.",
            id="en",
        ),
    ],
)
def test_a_state_accused_before_sanctions_is_a_statement(language, text):
    assert tags(text, language) == expected(
        attributing=["GB"], states=["CN"], levels=["state"], types=["statement"]
    )


# A criminal complaint filed against persons is a charge ("presentó una demanda contra ...";
# attribution-cues.json, indictment, es), as the English "criminal complaint".
def test_spanish_complaint_against_persons_is_a_charge():
    text = "La fiscalía de Estados Unidos presentó una demanda contra cinco ciudadanos rusos por los ataques informáticos."
    assert tags(text, "es") == expected(
        attributing=["US"], states=["RU"], levels=["individuals"], types=["indictment"]
    )


# A word for "or" joins states in a list as "and" does (attribution-words.json, and-word: pl
# czy, lub, albo; cs či, nebo; de oder; fr ou; es, it o; nl of): the last state of "w Niemczech,
# USA czy Francji" is down the list after the preposition of place, no party.
def test_or_joins_a_list_of_places():
    text = (
        "Rzecznik rządu mówi o ataku z terenu Federacji Rosyjskiej, a podobne ataki miały miejsce "
        "choćby w Niemczech, USA czy Francji."
    )
    assert 'attributing-party="FR"' not in str(tags(text, "pl"))


# Inflected state names news uses (state-names.json: Polish "Iranowi", "w Niemczech",
# "w Czechach", "w Stanach Zjednoczonych", "Koreę Północną"; Czech "ve Spojených státech").
def test_polish_inflected_state_names():
    assert tags("Polski rząd przypisał cyberatak Iranowi.", "pl") == expected(
        attributing=["PL"], states=["IR"], levels=["state"], types=["statement"]
    )


# A French verb in the plural ends as an English noun in "-ment" does ("Les Etats-Unis
# affirment", "estiment"): the state before it speaks, it modifies no noun (_modifier).
@pytest.mark.parametrize(
    "text, level",
    [
        pytest.param(
            "Les Etats-Unis affirment qu'un groupe de pirates piloté par la Chine a attaqué des "
            "infrastructures.",
            "state-sponsored",
            id="affirment",
        ),
        pytest.param(
            "Les Etats-Unis estiment que la Chine est derrière l'attaque.", "state", id="estiment"
        ),
    ],
)
def test_french_plural_verbs_in_ment_follow_a_speaking_state(text, level):
    assert tags(text, "fr") == expected(
        attributing=["US"], states=["CN"], levels=[level], types=["statement"]
    )
