"""Public attribution in languages other than English, round thirteen: the error classes found
on the benchmark's new dev texts (benchmarks/accuracy/attribution, ids xx13-*: news of
attributions, indictments, sanctions and denials in seven languages). Each sentence is
self-written and failed before the rule it names."""

from __future__ import annotations

import pytest

from conftest import attribution_parties_of
from conftest import attribution_tags_of as tags
from conftest import expected_attribution_tags as expected


# Spies, agents and programmers charged, as each language's news names them
# (attribution-cues.json, role actor-noun): persons, individuals of their state.
@pytest.mark.parametrize(
    "text, language, state",
    [
        pytest.param(
            "Das US-Justizministerium hat Anklage gegen drei nordkoreanische "
            "Computerprogrammierer erhoben.",
            "de",
            "KP",
            id="de-Computerprogrammierer",
        ),
        pytest.param(
            "Estados Unidos acusó a siete supuestos espías rusos de ataques cibernéticos.",
            "es",
            "RU",
            id="es-espías",
        ),
    ],
)
def test_spies_and_programmers_charged_are_individuals(text, language, state):
    assert tags(text, language) == expected(
        attributing=["US"], states=[state], levels=["individuals"], types=["indictment"]
    )


def test_polish_agents_of_an_agency_charged_are_individuals_too():
    text = (
        "Amerykański wymiar sprawiedliwości postawił zarzuty siedmiu agentom rosyjskiego "
        "wywiadu wojskowego z powodu serii cyberataków."
    )
    assert tags(text, "pl") == expected(
        attributing=["US"],
        states=["RU"],
        levels=["individuals", "state-agency"],
        types=["indictment"],
    )


# "Rosjan", "Rosjanie" are Russians as persons: the demonym's longer stem wins over the name's
# "Rosj*" (lexicon tokenize), and the person-demonym makes them persons charged, not the state.
def test_polish_russians_charged_are_persons_not_the_state():
    text = (
        "Departament Sprawiedliwości postawił zarzuty Rosjanom za cyberataki na agencje "
        "antydopingowe."
    )
    assert tags(text, "pl") == expected(
        attributing=["US"], states=["RU"], levels=["individuals"], types=["indictment"]
    )


# French backing with an adverb before its agent, and funding (role sponsorship, fr).
@pytest.mark.parametrize(
    "text",
    [
        "Le Trésor américain accuse un acteur soutenu financièrement par la Chine d'être à "
        "l'origine de la cyberattaque.",
        "Le Trésor américain accuse des pirates financés par l'État chinois d'être à l'origine "
        "de la cyberattaque.",
    ],
)
def test_french_backing_with_an_adverb_or_funding_is_sponsorship(text):
    assert tags(text, "fr") == expected(
        attributing=["US"], states=["CN"], levels=["state-sponsored"], types=["statement"]
    )


# "cyberattaques organisées depuis la Russie": acts from a state's territory (role territory);
# the six persons the sanctions are against are individuals too (round nineteen, as the dev
# label of the same phrasing reads it)
def test_french_acts_organised_from_a_state_are_territory():
    text = (
        "Le Conseil de l'UE a imposé des sanctions à six personnes responsables de "
        "cyberattaques organisées depuis la Russie."
    )
    assert tags(text, "fr") == expected(
        attributing=["EU"],
        states=["RU"],
        levels=["individuals", "territory"],
        types=["sanctions"],
    )


# A foreign minister titled Secretary of State, the state after the title (government-noun).
@pytest.mark.parametrize(
    "text, language",
    [
        pytest.param(
            "Il segretario di Stato americano Mike Pompeo ha accusato la Russia di essere dietro "
            "all'attacco informatico.",
            "it",
            id="it",
        ),
        pytest.param(
            "Le secrétaire d'État américain a accusé la Russie d'être derrière la cyberattaque.",
            "fr",
            id="fr",
        ),
    ],
)
def test_a_secretary_of_state_speaks_for_the_state_after_the_title(text, language):
    assert tags(text, language) == expected(
        attributing=["US"], states=["RU"], levels=["state"], types=["statement"]
    )


# "EE UU" (with a space, as El País writes it) is the United States (state-names.json, es).
def test_spanish_ee_uu_with_a_space_is_the_united_states():
    assert tags("EE UU acusó a Rusia del ciberataque.", "es") == expected(
        attributing=["US"], states=["RU"], levels=["state"], types=["statement"]
    )


# The accused calling the accusation "sin fundamento" (groundless) is a denial: before, the
# accused state became the party and its accuser the target.
def test_spanish_groundless_accusation_is_a_denial():
    text = (
        "Rusia denunció las acusaciones sin fundamento lanzadas por Estados Unidos y Reino Unido "
        "al acusarle de un gran ataque cibernético."
    )
    assert 'public-attribution:attributing-party="RU"' not in tags(text, "es")
    assert 'public-attribution:attributed-state="GB"' not in tags(text, "es")


# Dutch designation as the perpetrator, the state before the participle (role responsible, nl).
def test_dutch_designated_as_perpetrator_holds_the_state_responsible():
    text = (
        "Het ministerie van Buitenlandse Zaken van het Verenigd Koninkrijk heeft Rusland "
        "donderdag aangewezen als dader van de grote cyberaanval."
    )
    assert tags(text, "nl") == expected(
        attributing=["GB"], states=["RU"], levels=["state"], types=["statement"]
    )


# A denial that names the accusation's maker after a participle of making it: the maker
# attributes to the accused state, the sentence's subject (speakers._ACCUSATION_MADE_BY).
@pytest.mark.parametrize(
    "text, language, accusers",
    [
        pytest.param(
            "Rusia denunció las acusaciones sin fundamento lanzadas por Estados Unidos y Reino "
            "Unido al acusarle de un gran ataque cibernético.",
            "es",
            ["GB", "US"],
            id="es-lanzadas-por",
        ),
        pytest.param(
            "Rusko v sobotu důrazně odmítlo obvinění z hackerských útoků, která v pátek vznesla "
            "vláda Spojených států.",
            "cs",
            ["US"],
            id="cs-ktera-vznesla",
        ),
    ],
)
def test_a_denied_accusation_names_its_maker(text, language, accusers):
    assert tags(text, language) == expected(
        attributing=accusers, states=["RU"], levels=["state"], types=["statement"]
    )


# Without an agent, the denial's accusation is nobody's attribution.
def test_a_denied_accusation_without_its_maker_yields_nothing():
    text = "Rusia denunció las acusaciones sin fundamento de un gran ataque cibernético."
    assert tags(text, "es") == []


# A state as the subject of "is responsible", its speaker after a verb of saying that closes the
# clause (attribution-words.json, role speech-word: "oznámil", "poinformował", "ha dichiarato"):
# the state is held responsible, the speaker's office a national paper's home government.
@pytest.mark.parametrize(
    "text, language, url, party, state",
    [
        pytest.param(
            "Čína je odpovědná za kybernetický útok na síť ministerstva, oznámil ministr "
            "zahraničí.",
            "cs",
            "https://zpravy.example.cz/a",
            "CZ",
            "CN",
            id="cs-oznamil",
        ),
        pytest.param(
            "Rosja jest odpowiedzialna za cyberatak na ministerstwo, poinformował minister "
            "cyfryzacji.",
            "pl",
            "https://wiadomosci.example.pl/a",
            "PL",
            "RU",
            id="pl-poinformowal",
        ),
        pytest.param(
            "La Russia è responsabile dell'attacco informatico al ministero, ha dichiarato il "
            "ministro degli Esteri.",
            "it",
            "https://notizie.example.it/a",
            "IT",
            "RU",
            id="it-ha-dichiarato",
        ),
    ],
)
def test_a_state_responsible_with_its_speaker_after(text, language, url, party, state):
    assert tags(text, language, url=url) == expected(
        attributing=[party], states=[state], levels=["state"], types=["statement"]
    )


# The verb "responsabilizar" holds its object responsible; its subject is no state held
# responsible (role responsible, es, no longer matches the verb). Before, the topic tag's
# "Rusia" was read as the party and Germany, the subject, as the one held responsible.
def test_spanish_responsabilizar_is_no_adjective_of_its_subject():
    text = (
        "Rusia/Alemania.- Alemania responsabiliza a la Inteligencia rusa de un ciberataque "
        "contra los socialdemócratas."
    )
    assert tags(text, "es") == expected(
        attributing=["DE"], states=["RU"], levels=["state-agency"], types=["statement"]
    )


# Lowercase "inteligencia" is the field, not the service: speculation about groups "linked to
# Russian intelligence" claiming attacks stays clean.
def test_spanish_lowercase_inteligencia_is_no_agency():
    text = (
        "Grupos vinculados a la inteligencia rusa han reivindicado los ciberataques contra "
        "España, según medios locales."
    )
    assert tags(text, "es") == []


# Italian prepositions with their article ("alla", "dall'") put a state in a place or make it a
# victim (role location-preposition, it): never the party, never the one held responsible.
@pytest.mark.parametrize(
    "text, wrong",
    [
        pytest.param(
            "Dall'Australia la ministra degli Esteri tedesca ha accusato la Russia dell'attacco "
            "informatico.",
            'public-attribution:attributing-party="AU"',
            id="dall-party",
        ),
        pytest.param(
            "La Russia è dietro un attacco hacker alla Germania, ha accusato la ministra degli "
            "Esteri tedesca.",
            'public-attribution:attributed-state="DE"',
            id="alla-victim",
        ),
    ],
)
def test_italian_state_after_a_preposition_is_a_place(text, wrong):
    assert wrong not in tags(text, "it")


# "ha negato" is a denial (role denial, it); after it, a sentence whose subject is another
# government holding the denier responsible reports the accusation: the accused no longer
# speaks there (extract: _accuser_speaks).
def test_after_a_denial_the_accusers_own_sentence_is_read():
    text = (
        "La Russia ha negato categoricamente le accuse del governo tedesco sugli attacchi "
        "informatici. Il governo tedesco ha accusato la Russia di essere dietro a un "
        "cyberattacco ai socialdemocratici."
    )
    assert tags(text, "it") == expected(
        attributing=["DE"], states=["RU"], levels=["state"], types=["statement"]
    )


def test_after_a_denial_the_denier_going_on_yields_nothing():
    text = (
        "La Russia ha negato categoricamente le accuse del governo tedesco sugli attacchi "
        "informatici. Mosca ha aggiunto che la Germania è responsabile di una campagna contro "
        "la Russia."
    )
    assert tags(text, "it") == []


# The speaker in the sentence after, named by "it follows from the statement of"
# (speakers._STATED); in Czech the act first, a relative clause, then who stands behind it
# (role blame, cs: "Za ... útokem, který ..., stojí Rusko").
@pytest.mark.parametrize(
    "text, language, parties",
    [
        pytest.param(
            "Za masivním kybernetickým útokem, který vyřadil z provozu weby banky, stojí Rusko. "
            "Vyplývá to z prohlášení Rady Evropské unie a britského ministerstva zahraničí.",
            "cs",
            ["EU", "GB"],
            id="cs-vyplyva-to-z",
        ),
        pytest.param(
            "Hinter dem Cyberangriff auf das Ministerium steckt Russland. Dies geht aus einer "
            "Erklärung der britischen Regierung hervor.",
            "de",
            ["GB"],
            id="de-geht-aus",
        ),
        pytest.param(
            "La cyberattaque a été menée par la Russie. Cela ressort d'un communiqué du "
            "gouvernement britannique.",
            "fr",
            ["GB"],
            id="fr-ressort-de",
        ),
        pytest.param(
            "El ciberataque fue llevado a cabo por Rusia. Así se desprende de un comunicado del "
            "Gobierno británico.",
            "es",
            ["GB"],
            id="es-se-desprende-de",
        ),
        pytest.param(
            "L'attacco informatico è stato condotto dalla Russia. Lo si evince da una nota del "
            "governo britannico.",
            "it",
            ["GB"],
            id="it-si-evince-da",
        ),
    ],
)
def test_the_speaker_in_the_statement_the_next_sentence_names(text, language, parties):
    assert tags(text, language) == expected(
        attributing=parties, states=["RU"], levels=["state"], types=["statement"]
    )


# Bodies backing the attributing state in German: "unterstützen Tschechien", "erklärten sich
# solidarisch mit" (roles support, solidarity and cue, de) make supporting parties.
@pytest.mark.parametrize(
    "second, types",
    [
        pytest.param(
            "NATO und die Europäische Union unterstützen Tschechien.",
            ["statement"],
            id="unterstuetzen",
        ),
        pytest.param(
            "NATO und die Europäische Union erklärten sich solidarisch mit Tschechien.",
            ["solidarity", "statement"],
            id="solidarisch-mit",
        ),
    ],
)
def test_german_bodies_backing_the_attributing_state_support(second, types):
    text = (
        "Die tschechische Regierung beschuldigte China eines Cyberangriffs auf das "
        "Außenministerium. " + second
    )
    assert tags(text, "de") == expected(
        attributing=["CZ"],
        supporting=["EU", "NATO"],
        states=["CN"],
        levels=["state"],
        types=types,
    )


# One person charged by nationality ("un cittadino russo", "el ciudadano ruso Dimitri Badin",
# "un ressortissant russe"; role actor-noun) by a prosecutor's office ("procura", "Fiscalía";
# government-noun): individuals; the name after the demonym is the person's, not a surname of
# the state (roles.add, languages whose demonym follows its noun).
@pytest.mark.parametrize(
    "text, language",
    [
        pytest.param(
            "La procura generale tedesca ha spiccato un mandato di arresto nei confronti di un "
            "cittadino russo, Dmitri Badin, sospettato dell'attacco hacker al Bundestag.",
            "it",
            id="it-cittadino",
        ),
        pytest.param(
            "La Fiscalía alemana emitió una orden de detención contra el ciudadano ruso Dimitri "
            "Badin por el ciberataque al Bundestag.",
            "es",
            id="es-ciudadano-name-after",
        ),
        pytest.param(
            "Le ministère allemand de la Justice a émis un mandat d'arrêt contre un "
            "ressortissant russe pour la cyberattaque.",
            "fr",
            id="fr-ressortissant",
        ),
    ],
)
def test_one_person_charged_by_nationality_is_individuals(text, language):
    assert tags(text, language) == expected(
        attributing=["DE"], states=["RU"], levels=["individuals"], types=["indictment"]
    )


# A state-backed group "from" a state ("eine staatlich geförderte Gruppe aus China") is
# state-sponsored, not the state itself (grammar: sponsored, other languages).
def test_german_state_backed_group_from_a_state_is_state_sponsored():
    text = (
        "Der tschechische Außenminister erklärte, es habe sich bei den Angreifern um eine "
        "staatlich geförderte Gruppe aus China gehandelt."
    )
    assert tags(text, "de") == expected(
        attributing=["CZ"], states=["CN"], levels=["state-sponsored"], types=["statement"]
    )


# A group of a state's nationality held responsible ("der chinesischen Gruppe APT15 zugeordnet",
# "au groupe chinois APT31", "al grupo ruso APT28"): state-sponsored (grammar.state_group; the
# German participle closing the clause after it).
@pytest.mark.parametrize(
    "text, language, url, party, state",
    [
        pytest.param(
            "Die Bundesregierung ordnet den Cyberangriff der chinesischen Gruppe APT15 zu.",
            "de",
            "https://www.example.de/a",
            "DE",
            "CN",
            id="de-zugeordnet",
        ),
        pytest.param(
            "Le gouvernement français attribue l'attaque au groupe chinois APT31.",
            "fr",
            "https://news.example/x",
            "FR",
            "CN",
            id="fr-groupe-chinois",
        ),
        pytest.param(
            "El Gobierno español atribuye el ciberataque al grupo ruso APT28.",
            "es",
            "https://news.example/x",
            "ES",
            "RU",
            id="es-grupo-ruso",
        ),
    ],
)
def test_a_group_of_a_states_nationality_held_responsible(text, language, url, party, state):
    assert tags(text, language, url=url) == expected(
        attributing=[party], states=[state], levels=["state-sponsored"], types=["statement"]
    )


# News naming the government by its capital or its executive ("Madrid acusa a Moscú", "Roma
# accusa Mosca", "El Ejecutivo señala a Rusia"; offices.json, government-noun), or opening the
# sentence with an unqualified, capitalised government whose verb has the state as its object
# ("Rząd wskazał Rosję jako sprawcę", "Vláda označila Čínu za původce": the home government of a
# national paper; document._unqualified_office no longer reads the verb as the office's state).
@pytest.mark.parametrize(
    "text, language, url, party, state",
    [
        pytest.param(
            "Madrid acusa a Moscú del ciberataque.",
            "es",
            "https://www.example.es/a",
            "ES",
            "RU",
            id="es-madrid",
        ),
        pytest.param(
            "Roma accusa Mosca dell'attacco hacker.",
            "it",
            "https://www.example.it/a",
            "IT",
            "RU",
            id="it-roma",
        ),
        pytest.param(
            "El Ejecutivo señala a Rusia como responsable del ciberataque.",
            "es",
            "https://www.example.es/a",
            "ES",
            "RU",
            id="es-ejecutivo",
        ),
        pytest.param(
            "L'Esecutivo accusa Mosca dell'attacco hacker.",
            "it",
            "https://www.example.it/a",
            "IT",
            "RU",
            id="it-esecutivo",
        ),
        pytest.param(
            "Rząd wskazał Rosję jako sprawcę cyberataku.",
            "pl",
            "https://www.example.pl/a",
            "PL",
            "RU",
            id="pl-rzad-wskazal-jako-sprawce",
        ),
        pytest.param(
            "Vláda označila Čínu za původce kybernetického útoku.",
            "cs",
            "https://www.example.cz/a",
            "CZ",
            "CN",
            id="cs-vlada-oznacila",
        ),
    ],
)
def test_a_government_by_its_capital_or_unqualified_at_the_start(text, language, url, party, state):
    assert tags(text, language, url=url) == expected(
        attributing=[party], states=[state], levels=["state"], types=["statement"]
    )


# Officers of an agency sanctioned: Italian title-case acronyms ("ufficiali del Gru";
# agencies.json), the Polish and Czech genitive right after the persons ("dwóch oficerów GRU",
# "dva důstojníky GRU"), the Dutch compound ("twee GRU-officieren"; grammar members and
# members_of): individuals beside the agency.
@pytest.mark.parametrize(
    "text, language",
    [
        pytest.param(
            "L'Ue ha sanzionato due ufficiali del Gru per l'attacco hacker al Bundestag.",
            "it",
            id="it-gru",
        ),
        pytest.param(
            "UE nałożyła sankcje na dwóch oficerów GRU za cyberatak na Bundestag.",
            "pl",
            id="pl-genitive",
        ),
        pytest.param(
            "EU uvalila sankce na dva důstojníky GRU za kybernetický útok na Bundestag.",
            "cs",
            id="cs-genitive",
        ),
        pytest.param(
            "De EU heeft sancties opgelegd aan twee GRU-officieren voor de cyberaanval op de "
            "Bundestag.",
            "nl",
            id="nl-compound",
        ),
    ],
)
def test_officers_of_an_agency_sanctioned_are_individuals(text, language):
    assert tags(text, language) == expected(
        attributing=["EU"],
        states=["RU"],
        levels=["individuals", "state-agency"],
        types=["sanctions"],
    )


# "het VK" is the United Kingdom (state-names.json, nl).
def test_dutch_vk_is_the_united_kingdom():
    assert tags("Het VK en de VS beschuldigen China van hackaanvallen.", "nl") == expected(
        attributing=["GB", "US"], states=["CN"], levels=["state"], types=["statement"]
    )


# Languages that drop the subject: a clause opening with its attribution verb goes on with the
# one government the sentence before named (speakers._subject_dropped_speaker).
@pytest.mark.parametrize(
    "text, language, url, party",
    [
        pytest.param(
            "El Gobierno español reaccionó el viernes. Acusó a Rusia de estar detrás del "
            "ciberataque.",
            "es",
            "https://www.example.es/a",
            "ES",
            id="es-acuso",
        ),
        pytest.param(
            "Il governo italiano ha reagito venerdì. Ha accusato la Russia di essere dietro "
            "l'attacco hacker.",
            "it",
            "https://www.example.it/a",
            "IT",
            id="it-ha-accusato",
        ),
        pytest.param(
            "Polski rząd zareagował w piątek. Oskarżył Rosję o cyberatak.",
            "pl",
            "https://www.example.pl/a",
            "PL",
            id="pl-oskarzyl",
        ),
        pytest.param(
            "Česká vláda v pátek reagovala. Obvinila Rusko z kybernetického útoku.",
            "cs",
            "https://www.example.cz/a",
            "CZ",
            id="cs-obvinila",
        ),
    ],
)
def test_a_dropped_subject_is_the_government_named_before(text, language, url, party):
    assert tags(text, language, url=url) == expected(
        attributing=[party], states=["RU"], levels=["state"], types=["statement"]
    )


# A government named before the state in a reported clause is its subject, the state the one
# held responsible (attribution-words.json, role subject-government: fr, es, it, nl).
@pytest.mark.parametrize(
    "text, language, url, party",
    [
        pytest.param(
            "Le porte-parole du gouvernement a déclaré vendredi que la Russie était derrière ces "
            "cyberattaques.",
            "fr",
            "https://www.example.fr/a",
            "FR",
            id="fr-gouvernement",
        ),
        pytest.param(
            "El portavoz del Gobierno aseguró que Rusia está detrás del ciberataque.",
            "es",
            "https://www.example.es/a",
            "ES",
            id="es-gobierno",
        ),
        pytest.param(
            "Il portavoce del governo ha detto che la Russia è dietro l'attacco hacker.",
            "it",
            "https://www.example.it/a",
            "IT",
            id="it-governo",
        ),
        pytest.param(
            "Een woordvoerder van het kabinet zei dat Rusland achter de cyberaanval zit.",
            "nl",
            "https://www.example.nl/a",
            "NL",
            id="nl-kabinet",
        ),
    ],
)
def test_a_government_before_the_state_is_its_subject(text, language, url, party):
    assert tags(text, language, url=url) == expected(
        attributing=[party], states=["RU"], levels=["state"], types=["statement"]
    )


# A Dutch pronoun subject right before the attribution verb points back to the government
# named before ("Het beschuldigt Rusland", role anaphor, nl), as "It accused".
def test_dutch_pronoun_subject_points_back_to_the_government():
    text = (
        "Het Britse ministerie van Buitenlandse Zaken reageerde vrijdag. Het beschuldigt "
        "Rusland van de cyberaanval."
    )
    assert tags(text, "nl") == expected(
        attributing=["GB"], states=["RU"], levels=["state"], types=["statement"]
    )


# The EU's "restrictive measures" are its sanctions in every language (roles sanctions and cue).
@pytest.mark.parametrize(
    "text, language",
    [
        pytest.param(
            "Le Conseil de l'UE a adopté des mesures restrictives contre deux ressortissants "
            "russes pour la cyberattaque.",
            "fr",
            id="fr",
        ),
        pytest.param(
            "Il Consiglio Ue ha adottato misure restrittive nei confronti di due ufficiali russi "
            "per l'attacco informatico.",
            "it",
            id="it",
        ),
        pytest.param(
            "El Consejo de la UE adoptó medidas restrictivas contra dos oficiales rusos por el "
            "ciberataque.",
            "es",
            id="es",
        ),
        pytest.param(
            "Der EU-Rat verhängte restriktive Maßnahmen gegen zwei russische Offiziere wegen des "
            "Cyberangriffs.",
            "de",
            id="de",
        ),
        pytest.param(
            "Rada UE przyjęła środki ograniczające wobec dwóch rosyjskich oficerów za cyberatak.",
            "pl",
            id="pl",
        ),
        pytest.param(
            "Rada EU přijala omezující opatření vůči dvěma ruským důstojníkům za kybernetický "
            "útok.",
            "cs",
            id="cs",
        ),
        pytest.param(
            "De Raad van de EU nam beperkende maatregelen tegen twee Russische officieren wegens "
            "de cyberaanval.",
            "nl",
            id="nl",
        ),
    ],
)
def test_restrictive_measures_are_sanctions(text, language):
    assert tags(text, language) == expected(
        attributing=["EU"], states=["RU"], levels=["individuals"], types=["sanctions"]
    )


# A preposition of direction between a state and an agency noun ("attribuée par la France au
# renseignement militaire russe") makes no agency of that state: before, France was read as
# the owner of the intelligence service, a target beside Russia.
def test_a_state_before_au_renseignement_owns_no_agency():
    text = "L'attaque a été attribuée par la France au renseignement militaire russe."
    assert tags(text, "fr") == expected(
        attributing=["FR"], states=["RU"], levels=["state-agency"], types=["statement"]
    )


# "Podle Washingtonu": the US capital in the Czech cases (offices.json).
def test_czech_washingtonu_is_the_united_states():
    assert tags("Podle Washingtonu za kybernetickým útokem stojí Čína.", "cs") == expected(
        attributing=["US"], states=["CN"], levels=["state"], types=["statement"]
    )


# The state solidarity is with is never a supporter, even beside a target of the sentence's own
# (extract: the supporters of a sentence of solidarity lose the supported state).
@pytest.mark.parametrize(
    "text, language",
    [
        pytest.param(
            "L'OTAN a exprimé sa solidarité avec la République tchèque après l'attaque attribuée "
            "à la Chine.",
            "fr",
            id="fr",
        ),
        pytest.param(
            "La Nato ha espresso solidarietà alla Repubblica Ceca per l'attacco attribuito alla "
            "Cina.",
            "it",
            id="it",
        ),
        pytest.param(
            "NATO wyraziło solidarność z Czechami po ataku przypisywanym Chinom.", "pl", id="pl"
        ),
    ],
)
def test_the_state_solidarity_is_with_is_no_supporter(text, language):
    assert 'public-attribution:supporting-party="CZ"' not in tags(text, language)
    assert 'public-attribution:supporting-party="NATO"' in tags(text, language)


# China's Ministry of State Security in Polish and Czech (agencies.json), a state's justice
# system as the party ("La justicia estadounidense", "Amerykański wymiar sprawiedliwości",
# "Americká justice"; government-noun).
@pytest.mark.parametrize(
    "text, language",
    [
        pytest.param(
            "La justicia estadounidense acusó a siete hackers que trabajan para el Ministerio de "
            "Seguridad del Estado chino.",
            "es",
            id="es",
        ),
        pytest.param(
            "Amerykański wymiar sprawiedliwości oskarżył siedmiu hakerów pracujących dla "
            "chińskiego Ministerstwa Bezpieczeństwa Państwowego.",
            "pl",
            id="pl",
        ),
        pytest.param(
            "Americká justice obvinila sedm hackerů pracujících pro čínské ministerstvo státní "
            "bezpečnosti.",
            "cs",
            id="cs",
        ),
    ],
)
def test_a_justice_system_accuses_persons_of_the_mss(text, language):
    found = tags(text, language)
    for tag in (
        'public-attribution:attributing-party="US"',
        'public-attribution:attributed-state="CN"',
        'public-attribution:attribution-level="state-agency"',
    ):
        assert tag in found


# A government backing another's findings in the present tense ("respalda las conclusiones",
# "sostiene le conclusioni", "popiera ustalenia", "podporuje zjištění"; roles support and cue)
# supports the attribution before.
@pytest.mark.parametrize(
    "text, language, supporter",
    [
        pytest.param(
            "El Gobierno británico acusa a Rusia del ciberataque. España respalda las "
            "conclusiones del Reino Unido.",
            "es",
            "ES",
            id="es-respalda",
        ),
        pytest.param(
            "Il governo britannico accusa la Russia dell'attacco hacker. L'Italia sostiene le "
            "conclusioni del Regno Unito.",
            "it",
            "IT",
            id="it-sostiene",
        ),
        pytest.param(
            "Brytyjski rząd oskarża Rosję o cyberatak. Polska popiera ustalenia Wielkiej Brytanii.",
            "pl",
            "PL",
            id="pl-popiera",
        ),
        pytest.param(
            "Britská vláda obvinila Rusko z kybernetického útoku. Česko podporuje zjištění "
            "Spojeného království.",
            "cs",
            "CZ",
            id="cs-podporuje",
        ),
    ],
)
def test_backing_anothers_findings_in_the_present_supports(text, language, supporter):
    assert tags(text, language) == expected(
        attributing=["GB"],
        supporting=[supporter],
        states=["RU"],
        levels=["state"],
        types=["statement"],
    )


# Attacks "from" a state are from its territory ("cyberataki z Rosji", "útoky z Ruska"; role
# territory, pl and cs); a state's authorities after the attack's preposition ("Cyberangriffe
# aus Russland auf deutsche Behörden") are its victims, not held responsible (roles.add).
@pytest.mark.parametrize(
    "text, language, url, party",
    [
        pytest.param(
            "Rząd potępia cyberataki z Rosji na polskie instytucje.",
            "pl",
            "https://www.example.pl/a",
            "PL",
            id="pl-z-rosji",
        ),
        pytest.param(
            "Vláda odsuzuje kybernetické útoky z Ruska na české instituce.",
            "cs",
            "https://www.example.cz/a",
            "CZ",
            id="cs-z-ruska",
        ),
        pytest.param(
            "Die Bundesregierung verurteilt die Cyberangriffe aus Russland auf deutsche Behörden.",
            "de",
            "https://www.example.de/a",
            "DE",
            id="de-auf-deutsche-behoerden",
        ),
    ],
)
def test_attacks_from_a_state_on_another(text, language, url, party):
    assert tags(text, language, url=url) == expected(
        attributing=[party], states=["RU"], levels=["territory"], types=["statement"]
    )


# A person named in apposition to a person's noun in a charging sentence ("a inculpé Rim Jong
# Hyok, un agent du renseignement nord-coréen") is an individual of the state attributed to
# (grammar.named_person, other languages).
@pytest.mark.parametrize(
    "text, language",
    [
        pytest.param(
            "Le département de la Justice a inculpé Rim Jong Hyok, un agent du renseignement "
            "nord-coréen.",
            "fr",
            id="fr",
        ),
        pytest.param(
            "Il Dipartimento di Giustizia ha incriminato Rim Jong Hyok, agente dell'intelligence "
            "militare nordcoreana.",
            "it",
            id="it",
        ),
        pytest.param(
            "Das US-Justizministerium hat Anklage gegen Rim Jong Hyok erhoben, einen Agenten des "
            "nordkoreanischen Militärgeheimdienstes.",
            "de",
            id="de",
        ),
        pytest.param(
            "Het Amerikaanse ministerie van Justitie heeft Rim Jong Hyok aangeklaagd, een agent "
            "van de Noord-Koreaanse militaire inlichtingendienst.",
            "nl",
            id="nl",
        ),
    ],
)
def test_a_person_named_in_apposition_when_charged_is_individuals(text, language):
    assert tags(text, language) == expected(
        attributing=["US"],
        states=["KP"],
        levels=["individuals", "state-agency"],
        types=["indictment"],
    )


# A joint statement as each language's news names it, in any case ("déclaration commune",
# "declaración conjunta", "comunicato congiunto", "we wspólnym oświadczeniu", "ve společném
# prohlášení"; role joint-statement).
@pytest.mark.parametrize(
    "text, language",
    [
        pytest.param(
            "Dans une déclaration commune, les États-Unis et le Royaume-Uni accusent la Chine de "
            "cyberespionnage.",
            "fr",
            id="fr",
        ),
        pytest.param(
            "En una declaración conjunta, Estados Unidos y el Reino Unido acusan a China de "
            "ciberespionaje.",
            "es",
            id="es",
        ),
        pytest.param(
            "In un comunicato congiunto, Stati Uniti e Regno Unito accusano la Cina di "
            "cyberspionaggio.",
            "it",
            id="it",
        ),
        pytest.param(
            "We wspólnym oświadczeniu USA i Wielka Brytania oskarżyły Chiny o cyberszpiegostwo.",
            "pl",
            id="pl",
        ),
        pytest.param(
            "Ve společném prohlášení USA a Británie obvinily Čínu z kybernetické špionáže.",
            "cs",
            id="cs",
        ),
    ],
)
def test_a_joint_statement_in_other_languages(text, language):
    assert tags(text, language) == expected(
        attributing=["GB", "US"], states=["CN"], levels=["state"], types=["joint-statement"]
    )


# "According to the statement" points back to the document the sentence before says one
# government issued: its issuer speaks (speakers._document_speaker, other languages).
@pytest.mark.parametrize(
    "text, language",
    [
        pytest.param(
            "El Ministerio de Exteriores británico publicó un comunicado el martes. Según el "
            "comunicado, detrás del ciberataque está Rusia.",
            "es",
            id="es",
        ),
        pytest.param(
            "Le ministère britannique des Affaires étrangères a publié un communiqué mardi. Selon "
            "le communiqué, la Russie est derrière la cyberattaque.",
            "fr",
            id="fr",
        ),
        pytest.param(
            "Das britische Außenministerium veröffentlichte am Dienstag eine Erklärung. Laut der "
            "Erklärung steckt Russland hinter dem Cyberangriff.",
            "de",
            id="de",
        ),
        pytest.param(
            "Il ministero degli Esteri britannico ha diffuso una nota martedì. Secondo la nota, "
            "dietro l'attacco hacker c'è la Russia.",
            "it",
            id="it",
        ),
        pytest.param(
            "Brytyjskie MSZ opublikowało we wtorek komunikat. Według komunikatu za cyberatakiem "
            "stoi Rosja.",
            "pl",
            id="pl",
        ),
        pytest.param(
            "Britské ministerstvo zahraničí v úterý vydalo prohlášení. Podle prohlášení za "
            "kybernetickým útokem stojí Rusko.",
            "cs",
            id="cs",
        ),
        pytest.param(
            "Het Britse ministerie van Buitenlandse Zaken publiceerde dinsdag een verklaring. "
            "Volgens de verklaring zit Rusland achter de cyberaanval.",
            "nl",
            id="nl",
        ),
    ],
)
def test_according_to_the_statement_its_issuer_speaks(text, language):
    assert tags(text, language) == expected(
        attributing=["GB"], states=["RU"], levels=["state"], types=["statement"]
    )


@pytest.mark.parametrize(
    "text, language, url, party",
    [
        (
            "Ministerstwo Spraw Zagranicznych Wielkiej Brytanii oskarżyło Rosję o cyberataki.",
            "pl",
            "https://www.onet.pl/x",
            "GB",
        ),
        (
            "Ministerstvo zahraničí Spojených států obvinilo Rusko z kybernetických útoků.",
            "cs",
            "https://www.novinky.cz/x",
            "US",
        ),
    ],
)
def test_a_foreign_ministry_with_its_state_in_the_genitive_is_that_states(
    text, language, url, party
):
    """ "Ministerstwo Spraw Zagranicznych Wielkiej Brytanii": in Polish and Czech the state
    follows its office in the genitive; it is that state's office, not the paper's home one."""
    assert attribution_parties_of(text, language, url) == [party]
