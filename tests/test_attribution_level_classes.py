"""Attribution levels by class of phrasing (issue 17): each test's sentences were written for
it and fail on the base where they say so."""

from conftest import attribution_tags_of, expected_attribution_tags


def test_persons_charged_said_to_belong_to_an_agency_in_other_languages():
    # The sentence after a charge says the persons belong to an agency, in German, Italian and
    # Spanish as in English ("the defendants are members of ..."): the agency is held
    # responsible by the charging party, beside the persons (before: individuals only).
    cases = [
        (
            "de",
            "Das US-Justizministerium hat drei Nordkoreaner wegen Cyberangriffen angeklagt. "
            "Es handele sich um Mitglieder des Geheimdienstes Reconnaissance General Bureau.",
        ),
        (
            "it",
            "Gli Stati Uniti hanno incriminato tre cittadini nordcoreani per una serie di "
            "cyberattacchi. I tre sono agenti dell'Ufficio generale di ricognizione.",
        ),
        (
            "es",
            "El Departamento de Justicia de Estados Unidos acusó a tres piratas informáticos "
            "norcoreanos de robar 1.300 millones de dólares. Los tres forman parte de la "
            "Oficina General de Reconocimiento.",
        ),
    ]
    want = expected_attribution_tags(
        attributing=["US"],
        states=["KP"],
        levels=["individuals", "state-agency"],
        types=["indictment"],
    )
    for language, text in cases:
        assert attribution_tags_of(text, language) == want, (language, text)


def test_membership_without_a_charge_before_it_attributes_nothing():
    # Belonging alone is no attribution: no party charged the persons before.
    text = "Die drei Männer sind Mitglieder des Geheimdienstes Reconnaissance General Bureau."
    assert attribution_tags_of(text, "de") == []


def test_french_part_of_a_group_opens_no_sentence_to_a_home_office():
    # "font partie d'un groupe" is no membership cue in French: it opened a sentence whose
    # "ministère de la Justice" (the US one) read as the Swiss paper's home government.
    text = (
        "Les Etats-Unis ont annoncé l'inculpation de deux pirates informatiques chinois, "
        "accusés d'avoir mené des cyberattaques au nom du gouvernement de Pékin. Les deux "
        "hommes font partie d'un groupe connu sous le nom de APT 10, en association avec le "
        "ministère chinois de la Sécurité d'Etat, a déclaré le No 2 du ministère de la Justice."
    )
    parties = [t for t in attribution_tags_of(text, "fr", "https://www.tdg.ch/x") if "party" in t]
    assert parties == expected_attribution_tags(attributing=["US"])


def test_spanish_agency_with_its_state_after_it():
    # "una agencia de inteligencia militar de Corea del Norte": Spanish names the state after
    # the agency with "de" (before: no agency read, individuals only).
    for agency in (
        "una agencia de inteligencia militar de Corea del Norte",
        "la agencia de inteligencia militar de la República Popular Democrática de Corea",
    ):
        text = (
            "El Departamento de Justicia de Estados Unidos acusó a tres piratas informáticos "
            "norcoreanos de robar 1.300 millones de dólares. Los hombres forman parte de "
            f"{agency}."
        )
        assert attribution_tags_of(text, "es") == expected_attribution_tags(
            attributing=["US"],
            states=["KP"],
            levels=["individuals", "state-agency"],
            types=["indictment"],
        ), agency


def test_spanish_agency_with_its_state_after_it_that_speaks_is_no_target():
    # The agency that says it is the speaker's, never a target of its own state.
    text = "El servicio de inteligencia de España afirma que Rusia está detrás del ciberataque."
    assert attribution_tags_of(text, "es") == expected_attribution_tags(
        attributing=["ES"], states=["RU"], levels=["state"], types=["statement"]
    )


def test_state_as_the_subject_of_an_attack_verb_a_party_reports():
    # "Britain also said Russia had targeted ...": the state itself is held responsible by the
    # party that says it (before: no cue word, nothing read).
    for text in (
        "Britain also said Russia had targeted media outlets, telecoms providers and energy "
        "infrastructure in the UK.",
        "Britain alleges that Russia also targeted media, telecoms, and critical "
        "infrastructure in the UK.",
        "The UK said Russia had sought to sow discord and disrupt the lives of ordinary "
        "Georgian people.",
    ):
        assert attribution_tags_of(text) == expected_attribution_tags(
            attributing=["GB"], states=["RU"], levels=["state"], types=["statement"]
        ), text


def test_a_state_that_calls_on_another_is_no_target():
    # "The United States calls on Russia to cease": the US speaks; it was read as held
    # responsible by the party of the sentence before (GB).
    text = (
        "The UK said Russia was behind the attack on Georgia. US Secretary of State Mike "
        'Pompeo also condemned the attacks, saying: "The United States calls on Russia to '
        'cease this behaviour in Georgia and elsewhere."'
    )
    assert "US" not in [
        t.split('"')[1] for t in attribution_tags_of(text) if "attributed-state" in t
    ]


def test_persons_of_an_agency_charged_by_their_trade_or_as_part_of_it():
    # "charges against three computer programmers in the regime's 'General Reconnaissance
    # Bureau'", "sanctions on the officials who are part of the Iranian IRGC": the persons
    # are charged, individuals of the agency (before: the agency only).
    cases = [
        (
            "The Justice Department announced charges against three programmers in North "
            "Korea's Reconnaissance General Bureau.",
            "KP",
            "indictment",
        ),
        (
            "Federal prosecutors said Wednesday, announcing charges against three computer "
            'programmers in the regime\'s "General Reconnaissance Bureau."',
            "KP",
            "indictment",
        ),
        (
            "The US Treasury Department imposed sanctions on the officials who are part of "
            "the Iranian Islamic Revolutionary Guard Corps Cyber-Electronic Command.",
            "IR",
            "sanctions",
        ),
    ]
    for text, state, kind in cases:
        assert attribution_tags_of(text) == expected_attribution_tags(
            attributing=["US"],
            states=[state],
            levels=["individuals", "state-agency"],
            types=[kind],
        ), text


def test_persons_expelled_after_an_attribution_are_individuals_in_dutch():
    # "Vier betrokken Russische inlichtingenofficieren werden het land uitgezet": the persons
    # expelled are individuals of the state the party attributed to, under its statement
    # (before: the expulsion sentence was never read).
    text = (
        "De MIVD heeft een hackoperatie van de Russische militaire inlichtingendienst GROe "
        "tegen de OPCW verijdeld. Vier betrokken Russische inlichtingenofficieren werden "
        "meteen het land uitgezet."
    )
    assert attribution_tags_of(text, "nl") == expected_attribution_tags(
        attributing=["NL"],
        states=["RU"],
        levels=["individuals", "state-agency"],
        types=["statement"],
    )


def test_an_expulsion_alone_attributes_nothing():
    # No attribution by anyone before it: persons expelled are no public attribution, and a
    # Belgian paper's home government does not become who expelled them.
    for text in (
        "Vier Russen werden het land uitgezet.",
        # the office without a state read as the Belgian paper's own (BE, before the rows of
        # an expulsion only followed an attribution of their party)
        "Het ministerie van Defensie maakte bekend dat vier Russische inlichtingenofficieren "
        "het land zijn uitgezet.",
    ):
        assert attribution_tags_of(text, "nl", "https://www.hln.be/x") == [], text


def test_german_actor_linked_to_an_agency_after_it_is_state_sponsored():
    # "Cyber-Akteure, die mit dem Ministerium für Staatssicherheit ... verbunden sind": the
    # German participle of the link follows the agency; the actor is sponsored by its state
    # (before: the agency, a wrong level).
    for link in ("verbunden sind", "in Verbindung gebracht werden"):
        text = (
            "Das Weiße Haus geht davon aus, dass böswillige Cyber-Akteure, die mit dem "
            f"Ministerium für Staatssicherheit der Volksrepublik China {link}, hinter dem "
            "Angriff stehen."
        )
        assert attribution_tags_of(text, "de") == expected_attribution_tags(
            attributing=["US"], states=["CN"], levels=["state-sponsored"], types=["statement"]
        ), link


def test_group_controlled_by_an_agency_in_romance_languages_is_state_sponsored():
    # "el grupo APT28, liderado por los servicios de inteligencia rusos": the group the agency
    # leads is held responsible, sponsored by the state, as the English "a group controlled
    # by" (before: the agency, a wrong level).
    cases = [
        (
            "es",
            "El gobierno alemán acusó el viernes al grupo APT28, liderado por los servicios de "
            "inteligencia rusos, de una reciente campaña de ciberataques.",
        ),
        (
            "fr",
            "Le gouvernement allemand a accusé vendredi le groupe APT28, dirigé par le "
            "renseignement militaire russe, d'une campagne de cyberattaques.",
        ),
        (
            "it",
            "Il governo tedesco ha accusato venerdì il gruppo APT28, guidato dall'intelligence "
            "militare russa, di una campagna di attacchi informatici.",
        ),
    ]
    want = expected_attribution_tags(
        attributing=["DE"], states=["RU"], levels=["state-sponsored"], types=["statement"]
    )
    for language, text in cases:
        assert attribution_tags_of(text, language) == want, language
