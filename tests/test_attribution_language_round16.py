"""Public attribution in languages other than English, round sixteen: the error classes found
on the benchmark's new dev texts (benchmarks/accuracy/attribution, ids <lang>16-*: government
statements, indictments, sanctions, denials and speculation in seven languages). Each sentence
is self-written and failed before the rule it names."""

from __future__ import annotations

import pytest

from conftest import attribution_parties_of
from conftest import attribution_tags_of as tags
from conftest import expected_attribution_tags as expected


# A modal of possibility before the act ("could have been carried out by") is a doubt, as
# "possibly" is (attribution-cues.json, role hedge; German "dürfte", not the reported "könnte").
@pytest.mark.parametrize(
    "text, language",
    [
        pytest.param(
            "Česká vláda uvedla, že kybernetický útok na ministerstvo mohl být veden ze strany "
            "Ruska.",
            "cs",
            id="cs-mohl-být",
        ),
        pytest.param(
            "Polski rząd poinformował, że cyberatak na serwery ministerstwa mógł zostać "
            "przeprowadzony przez Rosję.",
            "pl",
            id="pl-mógł-zostać",
        ),
        pytest.param(
            "Il governo italiano ha dichiarato che l'attacco informatico potrebbe essere stato "
            "condotto dalla Russia.",
            "it",
            id="it-potrebbe",
        ),
        pytest.param(
            "De Nederlandse regering verklaarde dat de cyberaanval door Rusland uitgevoerd zou "
            "kunnen zijn.",
            "nl",
            id="nl-zou-kunnen",
        ),
        pytest.param(
            "Die Bundesregierung erklärte, hinter dem Cyberangriff dürfte Russland stecken.",
            "de",
            id="de-dürfte",
        ),
    ],
)
def test_a_modal_of_possibility_is_no_attribution(text, language):
    assert tags(text, language) == []


# "stands shoulder to shoulder with Germany" in each language (attribution-cues.json, role
# stood-with): the state stood with is supported, never a party (only idioms of standing side
# by side: "razem z", "společně s" are "together with", a co-author of the attribution).
@pytest.mark.parametrize(
    "text, language",
    [
        pytest.param(
            "Brytyjski minister spraw zagranicznych oświadczył, że Wielka Brytania stoi ramię w "
            "ramię z Niemcami, aby pociągnąć Rosję do odpowiedzialności za cyberataki.",
            "pl",
            id="pl-ramię-w-ramię",
        ),
        pytest.param(
            "Britský ministr zahraničí prohlásil, že Spojené království stojí bok po boku s "
            "Německem a obviňuje Rusko z kybernetických útoků.",
            "cs",
            id="cs-bok-po-boku",
        ),
        pytest.param(
            "Der britische Außenminister erklärte, Großbritannien stehe Schulter an Schulter mit "
            "Frankreich und mache Russland für die Cyberangriffe verantwortlich.",
            "de",
            id="de-Schulter-an-Schulter",
        ),
        pytest.param(
            "Le ministre britannique a déclaré que le Royaume-Uni se tient côte à côte avec "
            "l'Allemagne pour tenir la Russie responsable des cyberattaques.",
            "fr",
            id="fr-côte-à-côte",
        ),
        pytest.param(
            "El ministro británico declaró que el Reino Unido está hombro con hombro con Alemania "
            "para responsabilizar a Rusia de los ciberataques.",
            "es",
            id="es-hombro-con-hombro",
        ),
        pytest.param(
            "Il ministro britannico ha dichiarato che il Regno Unito è fianco a fianco con la "
            "Germania nel ritenere la Russia responsabile degli attacchi informatici.",
            "it",
            id="it-fianco-a-fianco",
        ),
        pytest.param(
            "De Britse minister verklaarde dat het Verenigd Koninkrijk schouder aan schouder met "
            "Duitsland staat om Rusland verantwoordelijk te houden voor de cyberaanvallen.",
            "nl",
            id="nl-schouder-aan-schouder",
        ),
    ],
)
def test_the_state_stood_with_is_no_party(text, language):
    assert attribution_parties_of(text, language) == ["GB"]


# Hackers linked to a state's government named as its noun and demonym ("al Gobierno chino",
# "al governo cinese", "čínské vládě"), whatever the sentence does with them: the state
# sponsors them (roles: the other languages read the link without a charge; an adverb may
# split "vinculado supuestamente al", a closing quote may follow the actor; Czech "blízký",
# close to, links too; attribution-cues.json roles linking and sponsorship).
@pytest.mark.parametrize(
    "text, language, party",
    [
        pytest.param(
            "Las autoridades de Estados Unidos acusaron a un grupo de “hackers” vinculado "
            "supuestamente al Gobierno chino de lanzar un ciberataque contra la red eléctrica.",
            "es",
            "US",
            id="es-vinculado-supuestamente-al-Gobierno",
        ),
        pytest.param(
            "Hackers vinculados al gobierno chino se infiltraron en las redes eléctricas de "
            "Estados Unidos, declaró el director del FBI.",
            "es",
            "US",
            id="es-vinculados-al-gobierno",
        ),
        pytest.param(
            "Il direttore dell'FBI ha lanciato l'allarme: hacker legati al governo cinese stanno "
            "preparando un attacco informatico alle infrastrutture americane.",
            "it",
            "US",
            id="it-legati-al-governo",
        ),
        pytest.param(
            "Británie obvinila hackery blízké čínské vládě z útoku na volební úřad.",
            "cs",
            "GB",
            id="cs-blízké-vládě",
        ),
    ],
)
def test_hackers_linked_to_a_government_are_sponsored_by_its_state(text, language, party):
    assert tags(text, language) == expected(
        attributing=[party], states=["CN"], levels=["state-sponsored"], types=["statement"]
    )


# The speaker after the clause it said, its verb first: a closing “ of the low-high quotes
# ("„...,“ uvedlo britské ministerstvo"), and the verbs of a ministry's announcement
# (attribution-words.json, role quote-verb-before: "poinformowało", "teilte ... mit").
@pytest.mark.parametrize(
    "text, language, url, level",
    [
        pytest.param(
            "„Za útoky je zodpovědná skupina APT28 napojená na ruskou vojenskou rozvědku,“ "
            "uvedlo britské ministerstvo zahraničí.",
            "cs",
            "https://www.zpravy.com/x",
            "state-sponsored",
            id="cs-closing-quote",
        ),
        pytest.param(
            "Za cyberatakami stoi rosyjski wywiad wojskowy - poinformowało brytyjskie "
            "ministerstwo spraw zagranicznych.",
            "pl",
            "https://www.wiadomosci.pl/x",
            "state-agency",
            id="pl-poinformowało",
        ),
        pytest.param(
            "Hinter den Cyberangriffen steckt der russische Militärgeheimdienst, teilte das "
            "britische Außenministerium mit.",
            "de",
            "https://www.zeitung.de/x",
            "state-agency",
            id="de-teilte-mit",
        ),
    ],
)
def test_the_office_after_its_verb_of_saying_speaks(text, language, url, level):
    assert tags(text, language, url) == expected(
        attributing=["GB"], states=["RU"], levels=[level], types=["statement"]
    )


# Czech "obvinit z" accuses a state as often as it charges persons (attribution-genres.json,
# role charge no longer holds it): a state accused is a statement, persons accused a charge.
def test_czech_accusing_a_state_is_a_statement_not_an_indictment():
    text = "Česká vláda v pondělí obvinila z kybernetického útoku na ministerstvo Rusko."
    assert tags(text, "cs", "https://www.zpravy.cz/x") == expected(
        attributing=["CZ"], states=["RU"], levels=["state"], types=["statement"]
    )


def test_czech_accusing_persons_still_charges_them():
    text = (
        "Americké ministerstvo spravedlnosti obvinilo sedm čínských hackerů z kybernetických útoků."
    )
    assert tags(text, "cs") == expected(
        attributing=["US"], states=["CN"], levels=["individuals"], types=["indictment"]
    )


# States as the other languages' news write them: the United Kingdom in Czech and Polish,
# the acronyms of North Korea and China, and Polish "Korea Płn." (state-names.json).
@pytest.mark.parametrize(
    "text, language, party, state, level",
    [
        pytest.param(
            "Spojené království obvinilo Rusko z kybernetických útoků na volby.",
            "cs",
            "GB",
            "RU",
            "state",
            id="cs-Spojené-království",
        ),
        pytest.param(
            "Zjednoczone Królestwo oskarżyło Rosję o cyberataki na wybory.",
            "pl",
            "GB",
            "RU",
            "state",
            id="pl-Zjednoczone-Królestwo",
        ),
        pytest.param(
            "FBI oskarża hakerów związanych z Koreą Płn. o kradzież kryptowalut.",
            "pl",
            "US",
            "KP",
            "state-sponsored",
            id="pl-Korea-Płn",
        ),
        pytest.param(
            "Americké ministerstvo spravedlnosti obvinilo KLDR z kybernetického útoku na banky.",
            "cs",
            "US",
            "KP",
            "state",
            id="cs-KLDR",
        ),
        pytest.param(
            "Departament Stanu oskarżył ChRL o cyberataki na amerykańskie firmy.",
            "pl",
            "US",
            "CN",
            "state",
            id="pl-ChRL",
        ),
        pytest.param(
            "Le gouvernement américain accuse la RPDC d'avoir mené la cyberattaque contre Sony.",
            "fr",
            "US",
            "KP",
            "state",
            id="fr-RPDC",
        ),
    ],
)
def test_states_by_their_local_names_and_acronyms(text, language, party, state, level):
    assert tags(text, language) == expected(
        attributing=[party], states=[state], levels=[level], types=["statement"]
    )


# A government qualified by a demonym the words lacked was read as the paper's home government
# (a wrong party): Israel, Albania, Norway and Taiwan's demonyms in the other languages
# (demonyms.json).
@pytest.mark.parametrize(
    "text, language, url, party, state",
    [
        pytest.param(
            "Le gouvernement albanais accuse l'Iran d'être responsable de la cyberattaque.",
            "fr",
            "https://www.journal.fr/x",
            "AL",
            "IR",
            id="fr-albanais",
        ),
        pytest.param(
            "Die israelische Regierung macht den Iran für den Cyberangriff verantwortlich.",
            "de",
            "https://www.zeitung.de/x",
            "IL",
            "IR",
            id="de-israelisch",
        ),
        pytest.param(
            "Rząd norweski oskarżył Rosję o cyberatak na parlament.",
            "pl",
            "https://www.wiadomosci.pl/x",
            "NO",
            "RU",
            id="pl-norweski",
        ),
        pytest.param(
            "El Gobierno taiwanés acusó a China del ciberataque.",
            "es",
            "https://www.diario.es/x",
            "TW",
            "CN",
            id="es-taiwanés",
        ),
    ],
)
def test_a_government_by_its_demonym_is_that_state_not_the_papers(
    text, language, url, party, state
):
    assert tags(text, language, url) == expected(
        attributing=[party], states=[state], levels=["state"], types=["statement"]
    )


# "Israel Katz sagte": a state's name that is also a given name (person-state-name), then a
# surname and a verb of saying, is a person's name in German too, whose capitalised nouns
# turned the English next-word test off.
def test_a_given_name_that_is_a_state_before_a_surname_and_a_verb_of_saying():
    text = "Israel Katz sagte, der Iran sei für den Cyberangriff verantwortlich."
    assert attribution_parties_of(text, "de", "https://www.zeitung.de/x") == []


# The perpetrator named ("l'auteur de", "la autora del", "autore dell'"): a cue, and a word
# that holds the one named responsible (attribution-cues.json, roles cue and responsible).
@pytest.mark.parametrize(
    "text, language, url, party, level",
    [
        pytest.param(
            "Selon l'Anssi, le GRU est l'auteur de cyberattaques très régulières contre la France.",
            "fr",
            "https://www.journal.fr/x",
            "FR",
            "state-agency",
            id="fr-auteur",
        ),
        pytest.param(
            "Según el Gobierno británico, la inteligencia militar rusa es la autora del "
            "ciberataque.",
            "es",
            "https://www.diario.es/x",
            "GB",
            "state-agency",
            id="es-autora",
        ),
        pytest.param(
            "Il governo britannico ha indicato la Russia come autore dell'attacco informatico.",
            "it",
            "https://www.giornale.it/x",
            "GB",
            "state",
            id="it-autore",
        ),
    ],
)
def test_the_perpetrator_named_is_held_responsible(text, language, url, party, level):
    assert tags(text, language, url) == expected(
        attributing=[party], states=["RU"], levels=[level], types=["statement"]
    )


# Persons and a counted second noun of a list of states, sanctioned: "seis personas y tres
# entidades de Rusia, Corea del Norte y China" are individuals of each (grammar persons: the
# conjunction of each language, a count after it; "ciudadanos y empresas del Reino Unido",
# not counted, are those the sanctions bind, no one sanctioned).
@pytest.mark.parametrize(
    "text, language, url",
    [
        pytest.param(
            "La Unión Europea anunció sanciones contra seis personas y tres entidades de Rusia, "
            "Corea del Norte y China por ciberataques.",
            "es",
            "https://www.diario.es/x",
            id="es-y-tres-entidades",
        ),
        pytest.param(
            "Die EU verhängte Sanktionen gegen sechs Personen und drei Organisationen aus "
            "Russland, China und Nordkorea wegen Cyberangriffen.",
            "de",
            "https://www.zeitung.de/x",
            id="de-und-drei-Organisationen",
        ),
    ],
)
def test_persons_and_counted_entities_of_listed_states_are_individuals(text, language, url):
    assert tags(text, language, url) == expected(
        attributing=["EU"], states=["CN", "KP", "RU"], levels=["individuals"], types=["sanctions"]
    )


def test_citizens_and_companies_the_sanctions_bind_are_not_sanctioned():
    text = (
        "Estados Unidos y el Reino Unido anunciaron sanciones contra dos personas vinculadas al "
        "régimen chino. Las sanciones impiden a ciudadanos y empresas del Reino Unido manejar "
        "sus fondos."
    )
    assert "GB" not in [t.split('"')[1] for t in tags(text, "es") if "attributed-state" in t]


# German sponsorship: "im Auftrag der chinesischen Regierung" (the article before the demonym)
# and "vom chinesischen Staat gesponsert" (attribution-cues.json, sponsorship).
@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "Die Bundesregierung erklärte, die Gruppe APT40 handle im Auftrag der chinesischen "
            "Regierung.",
            id="im-Auftrag-der",
        ),
        pytest.param(
            "Die Bundesregierung erklärte, die vom chinesischen Staat gesponserte Hackergruppe "
            "APT40 sei für die Angriffe verantwortlich.",
            id="gesponsert",
        ),
    ],
)
def test_german_sponsorship_by_a_government_or_state(text):
    assert tags(text, "de", "https://www.zeitung.de/x") == expected(
        attributing=["DE"], states=["CN"], levels=["state-sponsored"], types=["statement"]
    )


# The state that suffered the attack ("subito dal governo degli Stati Uniti", "sufrido por el
# Gobierno de Estados Unidos", "subie par le gouvernement des États-Unis") is what the attack
# hit: no target, so it may speak (attribution-cues.json, role victim-verb, read for targets).
@pytest.mark.parametrize(
    "text, language, url",
    [
        pytest.param(
            "Il segretario di Stato americano ha accusato la Russia di essere dietro al grande "
            "attacco informatico subito dal governo degli Stati Uniti.",
            "it",
            "https://www.giornale.it/x",
            id="it-subito-dal",
        ),
        pytest.param(
            "El secretario de Estado estadounidense acusó a Rusia de estar detrás del "
            "ciberataque sufrido por el Gobierno de Estados Unidos.",
            "es",
            "https://www.diario.es/x",
            id="es-sufrido-por",
        ),
        pytest.param(
            "Le secrétaire d'État américain a accusé la Russie d'être derrière la cyberattaque "
            "subie par le gouvernement des États-Unis.",
            "fr",
            "https://www.journal.fr/x",
            id="fr-subie-par",
        ),
    ],
)
def test_the_state_that_suffered_the_attack_is_no_target(text, language, url):
    assert tags(text, language, url) == expected(
        attributing=["US"], states=["RU"], levels=["state"], types=["statement"]
    )


# The accused state's ministry ruling out that its state is behind the attack denies it: no
# attribution, least of all by the paper's home government (attribution-cues.json, denial).
@pytest.mark.parametrize(
    "text, language, url",
    [
        pytest.param(
            "Il ministero degli Esteri cinese ha escluso che Pechino possa essere dietro "
            "all'attacco informatico.",
            "it",
            "https://www.giornale.it/x",
            id="it-escluso-che",
        ),
        pytest.param(
            "El Ministerio de Exteriores chino descartó que Pekín esté detrás del ciberataque.",
            "es",
            "https://www.diario.es/x",
            id="es-descartó-que",
        ),
        pytest.param(
            "Le ministère chinois des Affaires étrangères a exclu que Pékin soit derrière la "
            "cyberattaque.",
            "fr",
            "https://www.journal.fr/x",
            id="fr-exclu-que",
        ),
    ],
)
def test_ruling_out_that_the_state_is_behind_it_is_a_denial(text, language, url):
    assert tags(text, language, url) == []


# French news writes the apostrophe as ’: "à l’origine", "l’œuvre de", "la Sécurité de l’État"
# hold as "à l'origine" does (attribution-cues.json, agencies.json).
def test_french_typographic_apostrophe_in_attribution_words():
    text = (
        "Selon le ministère des Affaires étrangères, le renseignement militaire russe est à "
        "l’origine de la cyberattaque contre TV5Monde."
    )
    assert tags(text, "fr", "https://www.journal.fr/x") == expected(
        attributing=["FR"], states=["RU"], levels=["state-agency"], types=["statement"]
    )


# French, Spanish and Italian put the demonym after the act an attribution word governs: "La
# France condamne les cyberattaques russes", "denunció una campaña de ciberespionaje rusa"
# (roles: the demonym owns the event noun right before it).
@pytest.mark.parametrize(
    "text, language, url, party",
    [
        pytest.param(
            "La France condamne les cyberattaques russes contre ses institutions.",
            "fr",
            "https://www.journal.fr/x",
            "FR",
            id="fr-cyberattaques-russes",
        ),
        pytest.param(
            "El Gobierno británico denunció una campaña de ciberespionaje rusa.",
            "es",
            "https://www.diario.es/x",
            "GB",
            id="es-campaña-de-ciberespionaje-rusa",
        ),
        pytest.param(
            "Il governo britannico condanna gli attacchi informatici russi.",
            "it",
            "https://www.giornale.it/x",
            "GB",
            id="it-attacchi-informatici-russi",
        ),
    ],
)
def test_the_demonym_after_the_act_is_the_state_held_responsible(text, language, url, party):
    assert tags(text, language, url) == expected(
        attributing=[party], states=["RU"], levels=["state"], types=["statement"]
    )


def test_a_demonym_after_an_act_no_attribution_word_governs_is_no_target():
    text = "Le gouvernement britannique a publié un rapport sur les cyberattaques russes."
    assert tags(text, "fr", "https://www.journal.fr/x") == []


# A sentence of support right after an attribution that names only a body ("L'OTAN a exprimé sa
# solidarité.", "Die EU unterstützt Berlin."): no state token, yet it supports what was just
# attributed (extract: such a sentence is read, not skipped as stateless; cs "se postavily
# za" is a support word too).
def test_a_body_supporting_in_the_next_sentence_is_a_supporting_party():
    text = (
        "Le gouvernement tchèque a accusé la Chine de la cyberattaque contre son ministère. "
        "L'OTAN a exprimé sa solidarité."
    )
    assert tags(text, "fr", "https://www.journal.fr/x") == expected(
        attributing=["CZ"],
        supporting=["NATO"],
        states=["CN"],
        levels=["state"],
        types=["solidarity", "statement"],
    )


def test_the_eu_supporting_berlin_in_the_next_sentence():
    text = (
        "Die Bundesregierung macht Russland für den Cyberangriff verantwortlich. "
        "Die EU unterstützt Berlin."
    )
    assert attribution_parties_of(text, "de", "https://www.zeitung.de/x") == ["DE", "EU"]
    assert 'public-attribution:supporting-party="EU"' in tags(
        text, "de", "https://www.zeitung.de/x"
    )


# Agencies as the other languages write them: the German compound "Staatssicherheitsministerium"
# (agencies.json) and the French plural "renseignements militaires" (agency-noun).
@pytest.mark.parametrize(
    "text, language, url, party, state",
    [
        pytest.param(
            "Die Bundesregierung beschuldigt das chinesische Staatssicherheitsministerium der "
            "Cyberangriffe.",
            "de",
            "https://www.zeitung.de/x",
            "DE",
            "CN",
            id="de-Staatssicherheitsministerium",
        ),
        pytest.param(
            "Le ministre a dénoncé l'implication des renseignements militaires russes dans une "
            "série de cyberattaques.",
            "fr",
            "https://www.journal.fr/x",
            "FR",
            "RU",
            id="fr-renseignements-militaires",
        ),
    ],
)
def test_agencies_in_their_local_forms(text, language, url, party, state):
    assert tags(text, language, url) == expected(
        attributing=[party], states=[state], levels=["state-agency"], types=["statement"]
    )


# Polish puts the attack first and its doer after the verb: "cyberatak przeprowadziły grupy z
# Federacji Rosyjskiej i Białorusi" (attribution-cues.json: cue and blame 'przeprowadziły' with
# a doer right after it; territory 'grupy z'; each state listed after a territory's is one too).
def test_polish_attack_carried_out_by_groups_from_listed_states_is_territory():
    text = (
        "Środowy cyberatak na biura parlamentarzystów przeprowadziły grupy z Federacji "
        "Rosyjskiej i Białorusi - poinformował minister cyfryzacji Krzysztof Gawkowski."
    )
    assert tags(text, "pl", "https://www.gazeta.pl/x") == expected(
        attributing=["PL"], states=["BY", "RU"], levels=["territory"], types=["statement"]
    )


def test_polish_attack_carried_out_by_an_agency_named_after_the_verb():
    text = (
        "Atak na serwery ministerstwa przeprowadził rosyjski wywiad wojskowy - poinformował "
        "wicepremier."
    )
    assert tags(text, "pl", "https://www.gazeta.pl/x") == expected(
        attributing=["PL"], states=["RU"], levels=["state-agency"], types=["statement"]
    )


# An agency whose information the attribution rests on speaks, in the other languages' genitive
# too ("auf Grundlage belastbarer Informationen der deutschen Nachrichtendienste"): it is no
# target, so the attribution keeps its speaker (attribution-words.json, advice-noun).
def test_the_agency_whose_information_an_attribution_rests_on_is_no_target():
    text = (
        "Die Aktionen der Gruppe APT28 könnten auf Grundlage belastbarer Informationen der "
        "deutschen Nachrichtendienste konkret dem russischen Militärgeheimdienst GRU zugeordnet "
        "werden, sagte der Regierungssprecher."
    )
    assert tags(text, "de", "https://www.zeitung.de/x") == expected(
        attributing=["DE"], states=["RU"], levels=["state-agency"], types=["statement"]
    )
