"""Public attribution in non-English statements, denials and supporting parties: the error
classes found on the benchmark's round-eight dev texts (benchmarks/accuracy/attribution, kinds
denial, denial-with-attribution, news-statement-support, language-not-attempted). Each sentence
is self-written, in the language's own news style, and failed before the rule it names."""

from __future__ import annotations

import pytest

from conftest import attribution_tags_of as tags
from conftest import expected_attribution_tags as expected


# The accused state's spokesperson calls the accusation groundless, slander, made "wrongly" or
# "without any evidence", or "protests against" it: the sentence and the rest of its paragraph
# yield nothing, in each language's own words (attribution-cues.json, role denial).
@pytest.mark.parametrize(
    "language, text",
    [
        pytest.param(
            "de",
            "Ein Sprecher des chinesischen Außenministeriums sagte, die Bundesregierung habe "
            "ohne jeden Beweis China für die Cyberangriffe verantwortlich gemacht.",
            id="de-ohne-jeden-beweis",
        ),
        pytest.param(
            "de",
            "Peking wies den Vorwurf, die Bundesregierung mache China für die Cyberangriffe "
            "verantwortlich, entschieden zurück.",
            id="de-wies-far-from-zurueck",
        ),
        pytest.param(
            "fr",
            "Le Royaume-Uni a accusé à tort la Chine de cyberattaques contre sa démocratie.",
            id="fr-a-tort",
        ),
        pytest.param(
            "fr",
            "La Chine a repoussé les accusations des gouvernements américain et britannique "
            "concernant des cyberattaques.",
            id="fr-repousser-les-accusations",
        ),
        pytest.param(
            "cs",
            "Čína protestovala také proti tvrzení Británie, že Čína stojí za kybernetickým útokem.",
            id="cs-protestovat-proti",
        ),
        pytest.param(
            "cs",
            "Podle velvyslanectví je vymyšlené, že britská vláda označila Čínu za zodpovědnou "
            "za útok.",
            id="cs-vymyslene",
        ),
        pytest.param(
            "it",
            "Il governo italiano ha attribuito l'attacco alla Russia: calunnie, secondo Mosca.",
            id="it-calunnie",
        ),
        pytest.param(
            "es",
            "Pekín calificó de calumnia que el Gobierno de Estados Unidos acusara a China del "
            "ciberataque.",
            id="es-calumnia",
        ),
        pytest.param(
            "pl",
            "Rzecznik Kremla nazwał kłamstwem to, że polski rząd oskarżył Rosję o cyberatak.",
            id="pl-klamstwo",
        ),
        pytest.param(
            "nl",
            "Het Kremlin zegt dat de Nederlandse regering Rusland ten onrechte de cyberaanval "
            "aanrekent.",
            id="nl-ten-onrechte",
        ),
    ],
)
def test_a_denial_in_the_accused_states_words_yields_nothing(language, text):
    assert tags(text, language) == []


def test_a_quote_opening_with_an_apostrophe_starts_a_sentence():
    """ "... konden de operatie verijdelen. 'Bovendien heeft ...": the quote is a sentence of its
    own, so the state named before it ("in partnerschap met het Verenigd Koninkrijk") is not in
    the clause of the one after."""
    text = (
        "Nederlandse inlichtingendiensten in partnerschap met het Verenigd Koninkrijk konden "
        "de operatie verijdelen. 'De Nederlandse regering houdt Rusland verantwoordelijk voor "
        "de cyberaanval', aldus de minister."
    )
    assert tags(text, "nl") == expected(["NL"], [], ["RU"], ["state"], ["statement"])


def test_the_benchmark_counts_texts_whose_language_it_says_it_did_not_attempt(
    tmp_path, monkeypatch, capsys
):
    """A text in a language with no words (Japanese, Swedish, ...) must say "attribution not
    attempted for language 'xx'" in its notes; the attribution benchmark counts those that do."""
    import hashlib
    import importlib.util
    import json

    from conftest import ROOT

    path = ROOT / "benchmarks/accuracy/attribution/evaluate.py"
    spec = importlib.util.spec_from_file_location("bench_evaluate_round8", path)
    evaluate = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(evaluate)
    texts = {
        "ja-1": "外務省は、中国のハッカー集団によるサイバー攻撃を非難した。",
        "en-1": "The weather was fine.",
    }
    empty = {p: [] for p in evaluate.PREDICATES}
    rows = [
        {"id": i, "url": f"https://news.example/{i}", "language": i[:2], "labels": empty}
        for i in texts
    ]
    for row in rows:
        row["sha1"] = hashlib.sha1(texts[row["id"]].encode()).hexdigest()
    labels, cache = tmp_path / "labels.jsonl", tmp_path / "texts.jsonl"
    labels.write_text("".join(json.dumps(r) + "\n" for r in rows))
    cache.write_text(
        "".join(json.dumps({**r, "text": texts[r["id"]]}, ensure_ascii=False) + "\n" for r in rows)
    )
    monkeypatch.setattr(evaluate, "LABELS", labels)
    monkeypatch.setattr(evaluate, "CACHE", cache)
    assert evaluate.main(["score", "--split", "all"]) == 0
    out = capsys.readouterr().out
    assert "language not attempted, said so: 1/1" in out
    assert "negatives clean: 2/2" in out


# A statement of solidarity "with" a state supports the attribution made before it; the state
# solidarity is with is supported, neither a target nor a supporter (attribution-cues.json,
# role solidarity-with); EU and NATO members named in the language (state-names, demonyms).
@pytest.mark.parametrize(
    "language, text, want",
    [
        pytest.param(
            "de",
            "Die niederländische Regierung macht Russland für die Cyberangriffe verantwortlich. "
            "Die österreichische Regierung hatte die Angriffe verurteilt und volle Solidarität "
            "mit den Niederlanden erklärt.",
            expected(["NL"], ["AT"], ["RU"], ["state"], ["solidarity", "statement"]),
            id="de-solidaritaet-mit-den-niederlanden",
        ),
        pytest.param(
            "nl",
            "De Nederlandse regering houdt Rusland verantwoordelijk voor de cyberaanval. De "
            "NAVO-lidstaten tonen zich solidair met de Nederlandse en Britse regering.",
            expected(["NL"], ["NATO"], ["RU"], ["state"], ["solidarity", "statement"]),
            id="nl-solidair-met-de-nederlandse-en-britse-regering",
        ),
        pytest.param(
            "pl",
            "Polski rząd oskarżył Rosję o cyberatak. Solidarność z Polską w związku z atakami "
            "wyraziła Litwa.",
            expected(["PL"], ["LT"], ["RU"], ["state"], ["solidarity", "statement"]),
            id="pl-solidarnosc-z-polska-wyrazila-litwa",
        ),
        pytest.param(
            "fr",
            "Le gouvernement allemand a attribué la cyberattaque à la Russie. La Belgique a "
            "exprimé sa solidarité avec l'Allemagne.",
            expected(["DE"], ["BE"], ["RU"], ["state"], ["solidarity", "statement"]),
            id="fr-solidarite-avec-l-allemagne",
        ),
        pytest.param(
            "fr",
            "Le gouvernement allemand a attribué la cyberattaque à la Russie. La solidarité de "
            "la Belgique avec l'Allemagne est totale.",
            expected(["DE"], ["BE"], ["RU"], ["state"], ["solidarity", "statement"]),
            id="fr-solidarite-de-la-belgique-avec-l-allemagne",
        ),
        pytest.param(
            "it",
            "Il governo britannico ha attribuito l'attacco alla Russia. La Francia ha espresso "
            "piena solidarietà all'Italia e al Regno Unito.",
            expected(["GB"], ["FR"], ["RU"], ["state"], ["solidarity", "statement"]),
            id="it-solidarieta-all-italia",
        ),
        pytest.param(
            "cs",
            "Česká vláda označila Čínu za zodpovědnou za kybernetický útok. Rakousko vyjádřilo "
            "solidaritu s Českem.",
            expected(["CZ"], ["AT"], ["CN"], ["state"], ["solidarity", "statement"]),
            id="cs-solidarita-s-ceskem",
        ),
    ],
)
def test_solidarity_with_a_state_supports_and_the_state_is_no_target(language, text, want):
    assert tags(text, language) == want


# German and Dutch perfect tense: the object stands before the participle at the end of the
# clause, often after a long "für ..." phrase (attribution-cues.json, role responsible).
@pytest.mark.parametrize(
    "language, text, want",
    [
        pytest.param(
            "de",
            "Auch Deutschland hat Russland für eine Reihe von Cyberangriffen auf staatliche "
            "Einrichtungen verantwortlich gemacht.",
            expected(["DE"], [], ["RU"], ["state"], ["statement"]),
            id="de-hat-russland-fuer-eine-lange-reihe-verantwortlich-gemacht",
        ),
        pytest.param(
            "de",
            "Großbritannien und die Niederlande hatten gestern Russland großangelegte "
            "Hackerattacken vorgeworfen.",
            expected(["GB", "NL"], [], ["RU"], ["state"], ["statement"]),
            id="de-hatten-russland-vorgeworfen",
        ),
        pytest.param(
            "nl",
            "De Verenigde Staten hebben China beschuldigd van de hack.",
            expected(["US"], [], ["CN"], ["state"], ["statement"]),
            id="nl-hebben-china-beschuldigd",
        ),
    ],
)
def test_the_object_before_a_german_or_dutch_participle_is_the_target(language, text, want):
    assert tags(text, language) == want


def test_the_accused_states_own_government_site_attributes_nothing_to_it():
    """An embassy's page (a gov.cn host) that reports the accusation against its own state
    before calling it groundless is the accused speaking."""
    text = (
        "Die deutsche Bundesregierung hat wegen des Cyberangriffes auf das Bundesamt China "
        "öffentlich vorgeworfen. Diesen Vorwurf halten wir für unbegründet."
    )
    assert tags(text, "de", url="http://munich.china-consulate.gov.cn/ger/x.htm") == []
    assert tags(text, "de") == expected(["DE"], [], ["CN"], ["state"], ["statement"])


# Sponsorship words read as cues of their own, in the language (attribution-cues.json, roles
# cue and sponsorship), and the US Treasury as French news names it (offices.json).
@pytest.mark.parametrize(
    "language, text, want",
    [
        pytest.param(
            "fr",
            "Le département américain du Trésor a affirmé que des hackers soutenus par le "
            "gouvernement chinois avaient violé sa sécurité informatique.",
            expected(["US"], [], ["CN"], ["state-sponsored"], ["statement"]),
            id="fr-soutenus-par-le-gouvernement-chinois",
        ),
        pytest.param(
            "es",
            "Washington afirmó que piratas dirigidos por Pekín habían entrado en la red de la "
            "agencia federal.",
            expected(["US"], [], ["CN"], ["state-sponsored"], ["statement"]),
            id="es-piratas-dirigidos-por-pekin",
        ),
        pytest.param(
            "cs",
            "Novozélandská vláda uvedla, že na parlament podnikla kybernetický útok skupina "
            "podporovaná čínským státem.",
            expected(["NZ"], [], ["CN"], ["state-sponsored"], ["statement"]),
            id="cs-skupina-podporovana-cinskym-statem",
        ),
    ],
)
def test_sponsorship_words_are_cues_in_their_language(language, text, want):
    assert tags(text, language) == want


# Standing at a state's side is support and solidarity in every language ("aux côtés de",
# "an der Seite", "na straně"); the state named next is the one supported.
@pytest.mark.parametrize(
    "language, text, want",
    [
        pytest.param(
            "fr",
            "L'Allemagne a accusé la Russie d'être responsable des cyberattaques. La France est "
            "aux côtés de l'Allemagne pour assurer que les auteurs de ces attaques rendent "
            "compte de leurs actes.",
            expected(["DE"], ["FR"], ["RU"], ["state"], ["solidarity", "statement"]),
            id="fr-aux-cotes-de",
        ),
        pytest.param(
            "de",
            "Die niederländische Regierung macht Russland für die Cyberangriffe verantwortlich. "
            "Belgien steht an der Seite der Niederlande.",
            expected(["NL"], ["BE"], ["RU"], ["state"], ["solidarity", "statement"]),
            id="de-an-der-seite",
        ),
    ],
)
def test_standing_at_a_states_side_supports_it(language, text, want):
    assert tags(text, language) == want


def test_a_headline_party_the_body_names_in_support_supports():
    """ "Usa, Nato e Ue accusano la Cina ..." over a body in which the US accuses and NATO and
    the EU back it: the headline squeezed the supporters in with the accuser."""
    text = (
        "Usa, Nato e Ue accusano la Russia dell'attacco informatico\n\n"
        "Gli Stati Uniti hanno accusato pubblicamente il governo russo dell'attacco "
        "informatico. La denuncia di Washington ha trovato l'appoggio della Nato e dei "
        "principali alleati, tra cui il Regno Unito e l'Unione europea."
    )
    assert tags(text, "it") == expected(
        ["US"], ["EU", "GB", "NATO"], ["RU"], ["state"], ["statement"]
    )


def test_actors_affiliated_with_the_state_are_read_in_french():
    text = (
        "Le vice-Premier ministre britannique a déclaré devant le Parlement que des acteurs "
        "affiliés à l'État chinois avaient mené deux cyberattaques malveillantes."
    )
    assert tags(text, "fr") == expected(["GB"], [], ["CN"], ["state-sponsored"], ["statement"])


def test_another_states_agency_between_a_state_and_behind_is_the_one_behind():
    """ "heeft het Verenigd Koninkrijk de GROe geïdentificeerd achter ...": the UK identified
    the GRU, it is not behind the attacks itself (it was read as a second target)."""
    text = (
        "De Nederlandse regering houdt Rusland verantwoordelijk voor de aanval op de OPCW. "
        "'Bovendien heeft het Verenigd Koninkrijk de GROe geïdentificeerd achter een aantal "
        "andere cyberaanvallen', aldus de minister."
    )
    assert tags(text, "nl") == expected(
        ["GB", "NL"], [], ["RU"], ["state", "state-agency"], ["statement"]
    )


# "with the support of" names who backs the clause's attribution, listed right after it; the
# subject before it attributes (it was read as a supporter, and NATO and the EU were lost).
@pytest.mark.parametrize(
    "language, text",
    [
        pytest.param(
            "es",
            "Estados Unidos acusó a China del ciberataque con el apoyo de la OTAN, la Unión "
            "Europea y Japón.",
            id="es-con-el-apoyo-de",
        ),
        pytest.param(
            "fr",
            "Washington a accusé la Chine des piratages avec le soutien de l'Otan, de l'Union "
            "européenne et du Japon, le secrétaire d'Etat parlant d'une menace pour les "
            "Etats-Unis.",
            id="fr-avec-le-soutien-de-up-to-where-the-list-stops",
        ),
        pytest.param(
            "nl",
            "De Verenigde Staten beschuldigen China van de hack, met steun van de NAVO, de EU en "
            "Japan.",
            id="nl-met-steun-van",
        ),
        pytest.param(
            "cs",
            "Spojené státy obvinily Čínu z kybernetického útoku s podporou NATO, Evropské unie "
            "a Japonska.",
            id="cs-s-podporou",
        ),
    ],
)
def test_with_the_support_of_names_the_supporters_after_it(language, text):
    assert tags(text, language) == expected(
        ["US"], ["EU", "JP", "NATO"], ["CN"], ["state"], ["statement"]
    )


def test_a_quote_that_goes_on_speaks_for_the_office_that_closed_its_first_part():
    """„...” – poinformował wicepremier. „... z terenu Federacji Rosyjskiej.": in a Polish
    paper (a .pl host) the deputy prime minister is the home government."""
    text = (
        "„Najważniejsi polscy urzędnicy byli przedmiotem ataku” – poinformował wicepremier. "
        "„Analiza naszych służb pozwala na stwierdzenie, że atak został przeprowadzony z "
        "terenu Federacji Rosyjskiej.”"
    )
    want = expected(["PL"], [], ["RU"], ["territory"], ["statement"])
    assert tags(text, "pl", url="https://www.wiadomosci.example.pl/x") == want
    assert tags(text, "pl") == []  # no home: the office's state is not known


# "the country" held responsible points back to the one state the sentence before held
# responsible (attribution-cues.json, role country-anaphor); a state listed with the subject
# before "responsible" is a subject too, never the one held responsible.
@pytest.mark.parametrize(
    "language, text, want",
    [
        pytest.param(
            "nl",
            "De Europese Unie en de Verenigde Staten zeiden maandag dat zij China de hack "
            "aanrekenen. Ook het Verenigd Koninkrijk, Canada en Japan houden het land "
            "verantwoordelijk.",
            expected(["CA", "EU", "GB", "JP", "US"], [], ["CN"], ["state"], ["statement"]),
            id="nl-houden-het-land-verantwoordelijk",
        ),
        pytest.param(
            "de",
            "Die Bundesregierung macht Russland für den Angriff verantwortlich. Auch Frankreich "
            "und Polen machen das Land für die Attacke verantwortlich.",
            expected(["DE", "FR", "PL"], [], ["RU"], ["state"], ["statement"]),
            id="de-frankreich-und-polen-machen-das-land-verantwortlich",
        ),
        pytest.param(
            "fr",
            "Le gouvernement allemand a accusé la Russie de la cyberattaque. La Pologne et la "
            "Belgique tiennent le pays pour responsable.",
            expected(["BE", "DE", "PL"], [], ["RU"], ["state"], ["statement"]),
            id="fr-la-pologne-et-la-belgique-tiennent-le-pays-pour-responsable",
        ),
    ],
)
def test_the_country_held_responsible_is_the_state_held_responsible_before(language, text, want):
    assert tags(text, language) == want


@pytest.mark.parametrize(
    "language, text, want",
    [
        pytest.param(
            "pl",
            "Polski rząd oskarżył o cyberatak rosyjski i białoruski wywiad.",
            expected(["PL"], [], ["BY", "RU"], ["state-agency"], ["statement"]),
            id="pl-rosyjski-i-bialoruski-wywiad",
        ),
        pytest.param(
            "cs",
            "Česká vláda obvinila ruskou a běloruskou rozvědku z kybernetického útoku.",
            expected(["CZ"], [], ["BY", "RU"], ["state-agency"], ["statement"]),
            id="cs-ruskou-a-beloruskou-rozvedku",
        ),
        pytest.param(
            "de",
            "Die Bundesregierung macht den russischen und den belarussischen Geheimdienst für "
            "den Angriff verantwortlich.",
            expected(["DE"], [], ["BY", "RU"], ["state-agency"], ["statement"]),
            id="de-den-russischen-und-den-belarussischen-geheimdienst",
        ),
    ],
)
def test_each_demonym_listed_before_an_agency_owns_one(language, text, want):
    """ "z rosyjskim i białoruskim wywiadem": two agencies, one of each state (only the last
    demonym was read; Czech read the first as the bare state, German with its article as a
    speaker)."""
    assert tags(text, language) == want


@pytest.mark.parametrize(
    "language, text",
    [
        pytest.param(
            "es",
            "El Departamento de Justicia de Estados Unidos presentó los cargos contra cinco "
            "miembros del Ejército chino por ciberespionaje.",
            id="es-cargos-contra-miembros-del-ejercito",
        ),
        pytest.param(
            "fr",
            "La justice américaine a inculpé cinq membres de l'armée chinoise pour "
            "cyberespionnage.",
            id="fr-inculpe-cinq-membres-de-l-armee",
        ),
    ],
)
def test_members_of_an_agency_charged_are_individuals_too(language, text):
    """Members of a state's agency charged are persons (`individuals`) of that agency."""
    assert tags(text, language) == expected(
        ["US"], [], ["CN"], ["individuals", "state-agency"], ["indictment"]
    )


@pytest.mark.parametrize(
    "language, text, want",
    [
        pytest.param(
            "pl",
            "Dokładne dochodzenie w sprawie incydentu, przeprowadzone przez czeski wywiad, "
            "wskazało jednoznacznie na Pekin i służby chińskie.",
            expected(["CZ"], [], ["CN"], ["state-agency"], ["statement"]),
            id="pl-dochodzenie-przeprowadzone-przez-czeski-wywiad",
        ),
        pytest.param(
            "de",
            "Die Untersuchung, durchgeführt vom niederländischen Geheimdienst, macht den "
            "russischen Militärgeheimdienst für den Angriff verantwortlich.",
            expected(["NL"], [], ["RU"], ["state-agency"], ["statement"]),
            id="de-untersuchung-durchgefuehrt-vom-geheimdienst",
        ),
    ],
)
def test_the_agency_that_carried_out_an_inquiry_speaks(language, text, want):
    """An inquiry "carried out by" a state's agency (rules role ``investigation``): the agency
    is its author, not the one held responsible (it was read as a second target)."""
    assert tags(text, language) == want
