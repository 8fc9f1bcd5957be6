"""Public attribution: the EU declaration, texts written in the style of each kind, and
negative controls. Each text has its exact expected tags."""

from __future__ import annotations

import pytest

from misp_module.core.attribution import extract_attributions, sentences
from misp_module.core.taxonomy import attribution_tags

from conftest import expected_attribution_tags as expected
from conftest import make_entry


def tags(entry):
    return sorted(attribution_tags(extract_attributions(entry)))


def test_eu_declaration(eu_entry):
    rows = extract_attributions(eu_entry)
    assert tags(eu_entry) == expected(
        attributing=["EU"],
        supporting=["AL", "ME", "MK", "NO"],
        states=["CN"],
        levels=["territory"],
        types=["declaration"],
    )
    assert {r.date for r in rows} == {"2021-07-19"}
    (eu,) = [r for r in rows if r.role == "attributing"]
    assert eu.quote == (
        "The EU and its member states assess these malicious cyber activities to have been "
        "undertaken from the territory of China."
    )
    assert eu.field == "plain_text"
    assert " ".join(eu_entry.text[eu.start : eu.end].split()) == eu.quote
    supporting = [r for r in rows if r.role == "supporting"]
    assert {r.party for r in supporting} == {"AL", "ME", "MK", "NO"}
    for r in supporting:
        assert "align themselves with this declaration" in r.quote
        assert (r.attributed_state, r.level, r.statement_type) == ("CN", "territory", "declaration")


UK_AGENCY = make_entry(
    title="UK exposes Russian intelligence agency behind cyber campaign",
    text=(
        "Press release\r\nFrom: Foreign, Commonwealth & Development Office\r\n"
        "Published 15 October 2026\r\n"
        "The National Cyber Security Centre has assessed that the Russian military intelligence "
        "service, the GRU, was almost certainly responsible for a sustained campaign of cyber\r\n"
        "attacks against media organisations and energy suppliers in Europe. The Foreign Secretary "
        "said: \"The GRU's reckless actions will not go unanswered. We will continue to work with "
        'our allies to call out and counter this malicious activity." The UK will continue to '
        "expose the GRU's activity wherever it takes place."
    ),
    references=["https://www.gov.uk/government/news/uk-exposes-russian-intelligence-agency"],
)

US_INDICTMENT = make_entry(
    title=(
        "Four Chinese Nationals Working with the Ministry of State Security Charged with Global "
        "Computer Intrusion Campaign Targeting Intellectual Property"
    ),
    text=(
        "Department of Justice\r\nOffice of Public Affairs\r\nFOR IMMEDIATE RELEASE\r\n"
        "Monday, July 19, 2021\r\n"
        "A federal grand jury in San Diego, California, returned an indictment in May charging "
        "four nationals and residents of the People's Republic of China with a campaign to hack "
        "into the computer systems of dozens of victim companies, universities and government "
        "entities in the U.S. and abroad. The indictment alleges that the defendants, Ding "
        "Xiaoyang, Cheng Qingmin and Zhu Yunmin, were officers in the Hainan State Security "
        'Department, a provincial arm of the Ministry of State Security. "These criminal charges '
        "once again highlight that China continues to use cyber-enabled attacks to steal what "
        'other countries make," said Deputy Attorney General Lisa O. Monaco.'
    ),
    references=["https://www.justice.gov/opa/pr/four-chinese-nationals-working-ministry-state"],
)

NATO_SOLIDARITY = make_entry(
    title=(
        "Statement by the North Atlantic Council in solidarity with those affected by recent "
        "malicious cyber activities including the Microsoft Exchange Server compromise"
    ),
    text=(
        "Press Release (2021) 112\r\nIssued on 19 Jul. 2021\r\n"
        "1. We stand in solidarity with all those who have been affected by recent malicious "
        "cyber activities, including the Microsoft Exchange Server compromise. Such malicious "
        "cyber activities undermine security, confidence and stability in cyberspace.\r\n"
        "2. We acknowledge national statements by Allies, such as Canada, the United Kingdom, "
        "and the United States, attributing responsibility for the Microsoft Exchange Server "
        "compromise to the People's Republic of China. In line with our recent Brussels Summit "
        "Communiqué, we call on all States, including China, to uphold their international "
        "commitments and obligations."
    ),
    references=["https://www.nato.int/cps/en/natohq/news_185863.htm"],
)

EU_SANCTIONS = make_entry(
    title="Malicious cyber-attacks: EU sanctions two individuals and one body over 2015 Bundestag hack",
    text=(
        "Council of the EU\r\nPress release\r\n22 October 2020 14:25\r\n"
        "The Council today decided to impose restrictive measures on two individuals and one "
        "body who were responsible for or took part in the cyber-attack on the German Federal "
        "Parliament (Deutscher Bundestag) in April and May 2015. The body subject to sanctions "
        "is the 85th Main Centre for Special Services (GTsSS) of the Main Directorate of the "
        "General Staff of the Armed Forces of the Russian Federation (GU/GRU). The two "
        "individuals sanctioned are officers of the GU/GRU. The sanctions imposed consist of a "
        "travel ban and an asset freeze."
    ),
    references=[
        "https://www.consilium.europa.eu/en/press/press-releases/2020/10/22/malicious-cyber-"
        "attacks-eu-sanctions-two-individuals-and-one-body-over-2015-bundestag-hack/"
    ],
)

JOINT_STATEMENT = make_entry(
    title="Joint statement on Russian malicious cyber activity targeting critical infrastructure",
    text=(
        "Joint Statement\r\n9 May 2026\r\n"
        "The governments of Australia, Canada, New Zealand, the United Kingdom and the United "
        "States assess that the Russian Federal Security Service (FSB) conducted a years-long "
        "campaign of cyber espionage against energy and water utilities in Europe and North "
        "America. We call on Russia to stop this reckless behaviour and to act in line with the "
        "norms it has endorsed."
    ),
)

VENDOR_REPORT = make_entry(
    title="Operation Ocean Current: APT40 targets maritime firms",
    text=(
        "By the Acme Threat Research team\r\nPublished 3 March 2026\r\n"
        "Our researchers observed APT40, a China-based espionage group also tracked as "
        "Leviathan, targeting shipping companies in Germany, Norway and the United States. We "
        "assess with moderate confidence that the group operates on behalf of the Chinese "
        "government, and its tooling overlaps with earlier campaigns attributed to the same "
        "actor. The Chinese embassy did not respond to a request for comment."
    ),
    references=["https://acme-security.example/blog/operation-ocean-current"],
)

NEWS = make_entry(
    title="Foreign ministers meet in Beijing",
    text=(
        "The Foreign Secretary visited Beijing on Tuesday for talks with Chinese officials on "
        "trade and climate. The European Union and China agreed to continue their dialogue on "
        "cyber security, and the State Department said it was responsible for coordinating the "
        "next round of talks with the United States' partners in Asia."
    ),
)

DENIALS = make_entry(
    title="Ministry rejects claims",
    text=(
        "Russia denied any responsibility for the attack on the power grid. The UK government "
        "has not attributed the incident to any state, and the Department of Justice declined to "
        "say whether Chinese nationals were behind it."
    ),
)


@pytest.mark.parametrize(
    "entry, want",
    [
        pytest.param(
            UK_AGENCY,
            expected(["GB"], [], ["RU"], ["state-agency"], ["statement"]),
            id="uk-statement-naming-an-agency",
        ),
        pytest.param(
            US_INDICTMENT,
            expected(["US"], [], ["CN"], ["individuals", "state-agency"], ["indictment"]),
            id="us-indictment-of-officers",
        ),
        pytest.param(
            NATO_SOLIDARITY,
            expected(["CA", "GB", "US"], ["NATO"], ["CN"], ["state"], ["solidarity", "statement"]),
            id="nato-solidarity",
        ),
        pytest.param(
            EU_SANCTIONS,
            expected(["EU"], [], ["RU"], ["individuals", "state-agency"], ["sanctions"]),
            id="eu-sanctions",
        ),
        pytest.param(
            JOINT_STATEMENT,
            expected(
                ["AU", "CA", "GB", "NZ", "US"], [], ["RU"], ["state-agency"], ["joint-statement"]
            ),
            id="joint-statement",
        ),
        pytest.param(VENDOR_REPORT, [], id="vendor-report-is-no-attribution"),
        pytest.param(NEWS, [], id="news-mentioning-governments"),
        pytest.param(DENIALS, [], id="denials-and-refusals"),
    ],
)
def test_texts_of_each_kind(entry, want):
    assert tags(entry) == want


@pytest.mark.parametrize(
    "entry, date",
    [
        (UK_AGENCY, "2026-10-15"),
        (US_INDICTMENT, "2021-07-19"),
        (NATO_SOLIDARITY, "2021-07-19"),
        (EU_SANCTIONS, "2020-10-22"),
        (JOINT_STATEMENT, "2026-05-09"),
    ],
)
def test_statement_dates(entry, date):
    assert {r.date for r in extract_attributions(entry)} == {date}


def test_every_row_quotes_its_sentence_at_its_offsets():
    for entry in (UK_AGENCY, US_INDICTMENT, NATO_SOLIDARITY, EU_SANCTIONS, JOINT_STATEMENT):
        for row in extract_attributions(entry):
            source = entry.text if row.field == "plain_text" else entry.title
            assert " ".join(source[row.start : row.end].split()) == row.quote
            assert row.basis


def test_vendor_report_still_matches_its_actor(enricher):
    result = enricher.enrich(VENDOR_REPORT)
    assert 'misp-galaxy:threat-actor="APT40"' in result.tags
    assert not [t for t in result.tags if t.startswith("public-attribution:")]


def test_sentences_do_not_break_at_abbreviations():
    text = "The U.S. Department of Justice charged Mr. Smith. The E.U. agreed. No. 5 stands."
    assert [s.text for s in sentences(text)] == [
        "The U.S. Department of Justice charged Mr. Smith.",
        "The E.U. agreed.",
        "No. 5 stands.",
    ]


def test_enrich_output_carries_the_attribution(enricher, eu_entry):
    from misp_module.misp.results import build_results

    result = enricher.enrich(eu_entry)
    record = result.to_record()
    assert record["date"] == "2021-07-19"
    assert {a["party"] for a in record["attributions"]} == {"EU", "AL", "ME", "MK", "NO"}
    (report,) = build_results(result)["results"]["EventReport"]
    content = report["content"]
    assert "## Attribution" in content
    assert (
        "| European Union (EU) | attributing | CN | territory | declaration | 2021-07-19 |"
        in content
    )
    assert "undertaken from the territory of China." in content
    tags_out = [t["name"] for t in build_results(result)["results"]["Tag"]]
    assert 'public-attribution:attributing-party="EU"' in tags_out


# --- roles from the clause, languages, denials, background (issue 17) ----------------------
# Texts written for the tests in the style of the real ones the benchmark holds
# (benchmarks/accuracy/attribution); each case failed before the clause analysis.

GERMAN_NEWS = make_entry(
    title="Regierung: Russland steckt hinter Angriff auf Parteizentrale",
    text=(
        "Die Bundesregierung macht Russland für den Cyberangriff auf eine Parteizentrale "
        "verantwortlich. Die Angreifer wurden nach Angaben des Auswärtigen Amtes vom russischen "
        "Militärgeheimdienst gesteuert."
    ),
    references=["https://zeitung.example/politik/angriff"],
    language="de",
)
FRENCH_NEWS = make_entry(
    title="Cyberattaques : Paris met en cause Moscou",
    text=(
        "La France accuse la Russie d'avoir mené des cyberattaques contre des ministères. Le "
        "ministère des Affaires étrangères condamne le recours par le service de renseignement "
        "militaire russe à ce mode opératoire."
    ),
    references=["https://journal.example/cyber"],
    language="fr",
)
CZECH_NEWS = make_entry(
    title="Vláda: za útokem stojí Čína",
    text="Česká vláda označila Čínu za zodpovědnou za kybernetickou kampaň proti ministerstvu.",
    references=["https://zpravy.example/clanek"],
    language="cs",
)
PASSIVE_AGENT = make_entry(
    title="Hack of the ministry",
    text=(
        "The intrusion into the ministry's mail servers was conducted by the Russian "
        "Federation, the Foreign Office said on Tuesday."
    ),
    references=["https://news.example/hack"],
)
SPONSORSHIP = make_entry(
    title="Allies name hackers",
    text=(
        "Czechia strongly condemns the activities of the Russia-controlled group APT28. "
        "Japan accused Chinese government-backed hackers of targeting its space agency."
    ),
    references=["https://news.example/allies"],
)
VICTIMS_AND_MODIFIERS = make_entry(
    title="Hackers charged",
    text=(
        "The Justice Department charged two Chinese nationals with hacking a US cybersecurity "
        "provider and entities in countries including Germany, Norway and Japan, said Deputy "
        "Attorney General Lisa O. Monaco."
    ),
    references=["https://news.example/charged"],
)
DENIAL_AND_ACCUSING_BACK = make_entry(
    title="Beijing rejects accusations",
    text=(
        "Foreign Ministry spokesperson Guo said China firmly rejects the groundless accusations "
        "and urged the United States to stop its own cyber attacks on other countries. The US "
        "is the world's largest hacker and is responsible for attacks on China, he said."
    ),
    references=["https://news.example/rejects"],
)
BACKGROUND_AND_SUPPORT = make_entry(
    title="UK names Russian military intelligence",
    text=(
        "The UK government has accused the Russian military intelligence service, the GRU, of "
        "a campaign of cyber attacks against media organisations. Australia and New Zealand "
        "supported the findings. In the past, the UK has publicly attributed malicious cyber "
        "activity to Iran and North Korea."
    ),
    references=["https://news.example/uk-names"],
)
NOT_READ = make_entry(
    title="ロシアのサイバー攻撃",
    text="政府はロシア軍の情報機関がサイバー攻撃を行ったと発表した。attributed to Russia.",
    language="ja",
)


@pytest.mark.parametrize(
    "entry, want",
    [
        pytest.param(
            GERMAN_NEWS,
            expected(["DE"], [], ["RU"], ["state", "state-agency"], ["statement"]),
            id="german-news",
        ),
        pytest.param(
            FRENCH_NEWS,
            expected(["FR"], [], ["RU"], ["state", "state-agency"], ["statement"]),
            id="french-news",
        ),
        pytest.param(
            CZECH_NEWS, expected(["CZ"], [], ["CN"], ["state"], ["statement"]), id="czech-news"
        ),
        pytest.param(
            PASSIVE_AGENT,
            expected(["GB"], [], ["RU"], ["state"], ["statement"]),
            id="passive-agent-is-the-target",
        ),
        pytest.param(
            SPONSORSHIP,
            expected(["CZ", "JP"], [], ["CN", "RU"], ["state-sponsored"], ["statement"]),
            id="controlled-and-backed-mark-sponsorship",
        ),
        pytest.param(
            VICTIMS_AND_MODIFIERS,
            expected(["US"], [], ["CN"], ["individuals"], ["indictment"]),
            id="victims-modifiers-and-person-names-are-not-parties",
        ),
        pytest.param(DENIAL_AND_ACCUSING_BACK, [], id="denial-and-accusing-back"),
        pytest.param(
            BACKGROUND_AND_SUPPORT,
            expected(["GB"], ["AU", "NZ"], ["RU"], ["state-agency"], ["statement"]),
            id="background-kept-apart-support-across-sentences",
        ),
        pytest.param(NOT_READ, [], id="language-not-read"),
        pytest.param(
            make_entry(
                "Seven Chinese nationals, members of APT31, were charged with conspiracy, the "
                "Justice Department said.",
                references=["https://news.example/apt31"],
            ),
            expected(["US"], [], ["CN"], ["individuals"], ["indictment"]),
            id="defendants-named-by-their-demonym",
        ),
        pytest.param(
            make_entry(
                "North Korea was held responsible for the WannaCry attack by the governments of "
                "Australia, Canada and Japan.",
                references=["https://news.example/wannacry"],
            ),
            expected(["AU", "CA", "JP"], [], ["KP"], ["state"], ["statement"]),
            id="passive-attribution-its-agent-attributes",
        ),
        pytest.param(
            make_entry(
                "Canada stands in solidarity with the United Kingdom, which attributed the attack "
                "to Russia.",
                references=["https://news.example/solidarity"],
            ),
            expected(["GB"], ["CA"], ["RU"], ["state"], ["solidarity", "statement"]),
            id="solidarity-with-the-attributing-party",
        ),
        pytest.param(
            make_entry(
                "Czech institutions were targeted by hackers linked to Russian military "
                "intelligence. This was stated by the Czech Ministry of Foreign Affairs.",
                references=["https://news.example/czech"],
            ),
            # hackers linked to an agency: a group acting for the state (state-sponsored)
            expected(["CZ"], [], ["RU"], ["state-sponsored"], ["statement"]),
            id="speaker-named-in-the-sentence-after",
        ),
        pytest.param(
            make_entry(
                # (the text names Japan: "National Police Agency" is also Korea's and Taiwan's
                # name, and a text naming none of them gives the office no state)
                "The group has carried out 210 cyberattacks on Japanese companies since 2019, "
                "according to the National Police Agency. The group is believed to use spear "
                "phishing. "
                "The NPA believes that the attacks are linked to the Chinese government.",
                references=["https://news.example/npa"],
            ),
            expected(["JP"], [], ["CN"], ["state"], ["statement"]),
            id="the-office-pointing-back-to-its-speaker-in-the-lead",
        ),
        pytest.param(
            make_entry(
                "The group has carried out 210 cyberattacks on companies since 2019, the "
                "National Police Agency found. The group is believed to use spear phishing. "
                "The NPA believes that the attacks are linked to the Chinese government.",
                references=["https://news.example/npa-no-speaker"],
            ),
            expected(),
            id="no-speaker-in-the-lead-no-party",
        ),
        pytest.param(
            make_entry(
                "British Foreign Secretary Jeremy Hunt spoke in London on Thursday. Officials "
                'met. "We hold the Russian government responsible for these attacks," Hunt said.',
                references=["https://news.example/quote"],
            ),
            expected(["GB"], [], ["RU"], ["state"], ["statement"]),
            id="a-quote-closed-by-its-speaker-speaks-for-the-government-that-named-him",
        ),
        pytest.param(
            make_entry(
                "The US government has warned of the campaign. \"We believe Russia's GRU is "
                'behind it," Smith said.',
                references=["https://news.example/quote-other-speaker"],
            ),
            expected(),
            id="a-quote-by-someone-else-is-not-the-government-before",
        ),
        pytest.param(
            make_entry(
                'Researchers at a security firm said the campaign was large. "We hold the '
                'Russian government responsible for these attacks," Hunt said.',
                references=["https://news.example/quote-vendor"],
            ),
            expected(),
            id="a-quote-with-no-government-before-has-no-party",
        ),
        pytest.param(
            make_entry(
                "Las agencias de inteligencia de EE.UU. concluyeron que el ataque fue un acto de "
                "espionaje. En un comunicado conjunto, cuatro agencias de inteligencia del país "
                "señalaron a Moscú como responsable del ciberataque.",
                references=["https://news.example/es"],
                language="es",
            ),
            expected(["US"], [], ["RU"], ["state"], ["joint-statement"]),
            id="the-agencies-of-the-country-named-in-the-sentence-before",
        ),
        pytest.param(
            make_entry(
                "Die Bundesregierung ordnet den Angriff eindeutig dem russischen "
                "Militärgeheimdienst GRU zu.",
                references=["https://news.example/de-zu"],
                language="de",
            ),
            expected(["DE"], [], ["RU"], ["state-agency"], ["statement"]),
            id="german-verb-split-around-its-object",
        ),
        pytest.param(
            make_entry(
                "Die Bundesregierung führt die Angriffe auf den russischen Militärgeheimdienst "
                "GRU zurück.",
                references=["https://news.example/de-zurueck"],
                language="de",
            ),
            expected(["DE"], [], ["RU"], ["state-agency"], ["statement"]),
            id="german-fuehrt-auf-zurueck",
        ),
        pytest.param(
            make_entry(
                'Australian Prime Minister Scott Morrison said: "We attribute this campaign to '
                "China's Ministry of State Security.\"",
                references=["https://news.example/au-pm"],
            ),
            expected(["AU"], [], ["CN"], ["state-agency"], ["statement"]),
            id="a-demonym-token-before-an-office-is-no-preposition",
        ),
        pytest.param(
            make_entry(
                "The weekly news conference by the National Public Safety Commission caused a "
                "stir after the police chief identified China as responsible for a cyberattack.",
                references=["https://news.example/npsc"],
            ),
            expected(["JP"], [], ["CN"], ["state"], ["statement"]),
            id="japans-public-safety-commission-speaks-for-japan",
        ),
        pytest.param(
            make_entry(
                "China has firmly rejected allegations made in a recent advisory from the US and "
                "12 other countries that accused Beijing of sponsoring cyberattacks on networks.",
                references=["https://news.example/denied-accusation"],
            ),
            expected(["US"], [], ["CN"], ["state-sponsored"], ["advisory"]),
            id="a-denial-names-the-accusation-and-its-accuser",
        ),
        pytest.param(
            make_entry(
                "Moscow dismissed claims from Kyiv that Russia's GRU was behind the attack as "
                "baseless slander.",
                references=["https://news.example/denied-groundless"],
            ),
            expected(),
            id="an-accusation-the-clause-itself-calls-baseless",
        ),
        pytest.param(
            make_entry(
                "The United States accused Beijing of sponsoring cyberattacks on networks.",
                references=["https://news.example/sponsoring"],
            ),
            expected(["US"], [], ["CN"], ["state-sponsored"], ["statement"]),
            id="accused-a-state-of-sponsoring",
        ),
        pytest.param(
            make_entry(
                "Die Hackergruppe APT 28, die dem russischen Militärgeheimdienst GRU zuzuordnen "
                "ist, steht auf der Sanktionsliste der EU. Nach Angaben des "
                "Bundesinnenministeriums gibt es belastbare Informationen darüber, dass APT 28 "
                "für den Angriff verantwortlich ist.",
                references=["https://news.example/de-group"],
                language="de",
            ),
            expected(["DE"], [], ["RU"], ["state-agency"], ["statement"]),
            id="a-group-the-text-tied-to-an-agency-stands-for-it",
        ),
        pytest.param(
            make_entry(
                "Nach Angaben des Bundesinnenministeriums gibt es belastbare Informationen "
                "darüber, dass APT 28 für den Angriff verantwortlich ist.",
                references=["https://news.example/de-group-untied"],
                language="de",
            ),
            expected(),
            id="a-group-the-text-never-tied-to-a-state-is-no-state",
        ),
        pytest.param(
            make_entry(
                "Brytyjskie Centrum Cyberbezpieczeństwa (NCSC) oskarża rosyjski wywiad wojskowy "
                "GRU o cyberataki.",
                references=["https://news.example/pl-ncsc"],
                language="pl",
            ),
            expected(["GB"], [], ["RU"], ["state-agency"], ["statement"]),
            id="an-office-abbreviated-after-its-name-with-a-capitalised-demonym",
        ),
        pytest.param(
            make_entry(
                "The U.S. Department of the Treasury today imposed sanctions on five Russian "
                "nationals for cyber-attacks. According to the U.S. government, the action "
                "counters attacks attributed to Russia's military intelligence.",
                references=["https://news.example/sanctions-follow"],
            ),
            expected(["US"], [], ["RU"], ["individuals", "state-agency"], ["sanctions"]),
            id="what-the-sanctioning-party-says-next-is-part-of-the-sanctions",
        ),
        pytest.param(
            make_entry(
                "The advisory, co-authored by agencies of the US, UK and Canada, attributes the "
                "campaign to China's Ministry of State Security.",
                references=["https://news.example/advisory"],
            ),
            expected(["CA", "GB", "US"], [], ["CN"], ["state-agency"], ["advisory"]),
            id="co-authors-of-an-advisory",
        ),
        pytest.param(
            make_entry(
                "People's Republic of China (PRC) state-sponsored cyber actors are seeking to "
                "pre-position themselves on IT networks.",
                references=["https://www.cisa.gov/news-events/cybersecurity-advisories/x"],
            ),
            expected(["US"], [], ["CN"], ["state-sponsored"], ["statement"]),
            id="agency-page-voice-with-an-abbreviation",
        ),
    ],
)
def test_roles_from_the_clause(entry, want):
    assert tags(entry) == want


def test_background_attributions_are_evidence_not_tags():
    from misp_module.core.attribution import attribution_report

    report = attribution_report(BACKGROUND_AND_SUPPORT)
    assert {(a.party, a.attributed_state) for a in report.background} == {
        ("GB", "IR"),
        ("GB", "KP"),
    }
    assert all("In the past" in a.quote for a in report.background)
    assert not {a.attributed_state for a in report.rows} & {"IR", "KP"}


def test_language_not_read_is_said_in_the_evidence_and_the_event_report(enricher):
    from misp_module.misp.results import build_results

    result = enricher.enrich(NOT_READ)
    assert result.attribution_notes == ["attribution not attempted for language 'ja'"]
    assert result.to_record()["attribution_notes"] == result.attribution_notes
    (report,) = build_results(result)["results"]["EventReport"]
    assert "attribution not attempted for language 'ja'" in report["content"]


def test_background_attributions_are_in_the_event_report(enricher):
    from misp_module.misp.results import build_results

    result = enricher.enrich(BACKGROUND_AND_SUPPORT)
    (report,) = build_results(result)["results"]["EventReport"]
    assert "only recalls" in report["content"]
    assert "| IR |" in report["content"]
    assert not [t for t in result.tags if t.endswith('"IR"')]


@pytest.mark.parametrize(
    "given, code", [("EN", "en"), ("English", "en"), ("deu", "de"), ("pt-BR", "pt"), ("", "")]
)
def test_language_codes_and_names_are_read(given, code):
    from misp_module.core.attribution import language_of

    assert language_of(make_entry("text", language=given)) == code


def test_vendor_prose_gets_no_party():
    """A vendor quoting victims, a group claiming an attack, a passive 'linked to' after a
    sentence that only names a government: none of it is a public attribution."""
    entry = make_entry(
        "Kaspersky described Naikon as active in countries such as the Philippines, Malaysia and "
        "Vietnam, and as an Iranian state-sponsored group. The FBI published indicators. The group "
        "has been linked to Russian intelligence. The group claimed responsibility for breaching "
        "Israeli government websites.",
        references=["https://vendor.example/blog/naikon"],
    )
    assert tags(entry) == []


# --- issue 17, held-out classes: each sentence written for the test, each failed before ----


@pytest.mark.parametrize(
    "text, language, want",
    [
        pytest.param(
            "The UK, the US and NATO accused the Chinese government of cyber espionage on "
            "Monday, blaming the MSS for an attack on a mail server earlier this year.",
            "en",
            expected(["GB", "NATO", "US"], [], ["CN"], ["state", "state-agency"], ["statement"]),
            id="a-time-after-an-event-noun-dates-the-event-not-the-attribution",
        ),
        pytest.param(
            "Le ministère américain de la Justice accuse quatre officiers russes d'avoir piraté "
            "un parti politique.",
            "fr",
            expected(["US"], [], ["RU"], ["individuals"], ["statement"]),
            id="counted-persons-as-the-object-of-an-accusation",
        ),
        pytest.param(
            "The accusation came after Canada and Japan announced charges against three Chinese "
            "hackers working for China's Ministry of State Security.",
            "en",
            expected(["CA", "JP"], [], ["CN"], ["individuals", "state-agency"], ["indictment"]),
            id="states-that-announce-are-parties-not-objects-of-the-accusation-noun",
        ),
        pytest.param(
            "Hackers linked to the Iranian government attacked the Albanian parliament, the "
            "Albanian government said.",
            "en",
            expected(["AL"], [], ["IR"], ["state-sponsored"], ["statement"]),
            id="actors-linked-to-a-government-are-sponsored-and-the-victim-no-target",
        ),
        pytest.param(
            "The European Union condemns Russia's campaign of malicious cyber activities.",
            "en",
            expected(["EU"], [], ["RU"], ["state"], ["statement"]),
            id="a-state-owning-the-condemned-campaign",
        ),
        pytest.param(
            "The Justice Department announced charges against the GRU agents.",
            "en",
            expected(["US"], [], ["RU"], ["individuals", "state-agency"], ["indictment"]),
            id="officers-of-an-agency-charged",
        ),
        pytest.param(
            "New Zealand joined Canada in accusing China of cyberattacks through state-backed "
            "hackers.",
            "en",
            expected(["CA", "NZ"], [], ["CN"], ["state-sponsored"], ["statement"]),
            id="state-backed-after-the-object-is-what-the-state-is-held-to-do",
        ),
    ],
)
def test_heldout_error_classes(text, language, want):
    entry = make_entry(text, references=["https://news.example/a"], language=language)
    assert tags(entry) == want


def test_a_french_title_charging_persons_by_their_lower_case_demonym():
    entry = make_entry(
        "Le texte complet.",
        title="Les États-Unis inculpent les responsables russes d'une cyberattaque",
        references=["https://news.example/fr"],
        language="fr",
    )
    assert tags(entry) == expected(["US"], [], ["RU"], ["individuals"], ["indictment"])


@pytest.mark.parametrize(
    "text, language, url, want",
    [
        pytest.param(
            "Hinter dem Angriff auf das Parlament steckt nach Erkenntnissen der britischen "
            "Regierung der russische Militärgeheimdienst.",
            "de",
            "https://news.example/a",
            expected(["GB"], [], ["RU"], ["state-agency"], ["statement"]),
            id="a-government-in-an-according-to-phrase-speaks",
        ),
        pytest.param(
            "Wie Frankreich beschuldigt nun auch die Bundesregierung offiziell Russland als "
            "Urheber der Angriffe.",
            "de",
            "https://news.example/a",
            expected(["DE"], [], ["RU"], ["state"], ["statement"]),
            id="german-subject-after-the-verb-and-the-state-compared-with",
        ),
        pytest.param(
            "Volgens de Britse regering zit de Russische dienst achter de aanvallen op het "
            "ministerie.",
            "nl",
            "https://news.example/a",
            expected(["GB"], [], ["RU"], ["state-agency"], ["statement"]),
            id="dutch-service-is-an-agency",
        ),
        pytest.param(
            "Die Bundesregierung verurteilt die Cyberangriffe aus China auf Behörden.",
            "de",
            "https://news.example/a",
            expected(["DE"], [], ["CN"], ["territory"], ["statement"]),
            id="attacks-from-a-state-name-its-territory",
        ),
        pytest.param(
            "Ministerstvo v pátek oznámilo, že Ruskem kontrolovaná skupina APT28 útočila na české "
            "instituce.",
            "cs",
            "https://zpravy.example.cz/clanek",
            expected(["CZ"], [], ["RU"], ["state-sponsored"], ["statement"]),
            id="czech-paper-own-ministry-and-a-state-in-the-instrumental",
        ),
        pytest.param(
            "Ministerstvo v pátek oznámilo, že Ruskem kontrolovaná skupina APT28 útočila na české "
            "instituce.",
            "cs",
            # another state's country-code host (a Czech paper on a generic host is Czech:
            # tests/test_attribution_national_paper_on_a_generic_host.py)
            "https://zpravy.example.sk/clanek",
            [],
            id="no-home-government-without-a-national-host",
        ),
        pytest.param(
            "The ministry said the Russian-controlled group APT28 targeted Czech institutions.",
            "en",
            "https://news.example.co.uk/x",
            [],
            id="no-home-government-for-english-on-a-national-host",
        ),
    ],
)
def test_heldout_error_classes_in_other_languages(text, language, url, want):
    assert tags(make_entry(text, references=[url], language=language)) == want


def test_a_headline_state_is_the_body_agency_said_short():
    entry = make_entry(
        "The National Cyber Security Centre of the United Kingdom attributed the campaign to "
        "the GRU.",
        title="UK attributes cyber-attacks to Russia",
        references=["https://news.example/a"],
    )
    assert tags(entry) == expected(["GB"], [], ["RU"], ["state-agency"], ["statement"])


def test_the_ministry_points_back_to_the_last_ministry_named_even_in_a_headline():
    entry = make_entry(
        "Polish foreign minister summons Belarusian envoy\n\nThe minister met the envoy on "
        "Monday over recent cyberattacks on Polish institutions.\n\nOn Friday the ministry "
        "announced that the Belarus-backed group Ghostwriter has been targeting Polish "
        "institutions.",
        references=["https://news.example/pl"],
    )
    assert tags(entry) == expected(["PL"], [], ["BY"], ["state-sponsored"], ["statement"])


def test_a_demonym_after_a_surname_is_no_person_and_hiding_behind_is_a_cue():
    entry = make_entry(
        "Według Hunta Brytyjskie Centrum Cyberbezpieczeństwa ustaliło, że GRU ukrywa się za "
        "atakami na instytucje.",
        references=["https://news.example/pl-hunt"],
        language="pl",
    )
    assert tags(entry) == expected(["GB"], [], ["RU"], ["state-agency"], ["statement"])


@pytest.mark.parametrize(
    "text, want",
    [
        pytest.param(
            "The indictment was unsealed on the same day Canada and Japan accused the Russian "
            "government of cyber espionage.",
            expected(["CA", "JP"], [], ["RU"], ["state"], ["statement"]),
            id="the-type-comes-from-the-clause-the-parties-speak-in",
        ),
        pytest.param(
            "Canada and Japan announced criminal charges and sanctions against five Russian "
            "hackers working for the GRU.",
            expected(
                ["CA", "JP"],
                [],
                ["RU"],
                ["individuals", "state-agency"],
                ["indictment", "sanctions"],
            ),
            id="charges-and-sanctions-are-two-acts",
        ),
    ],
)
def test_statement_type_from_the_attributing_clause(text, want):
    assert tags(make_entry(text, references=["https://news.example/t"])) == want


@pytest.mark.parametrize(
    "language, text, want",
    [
        pytest.param(
            "it",
            "Gli Stati Uniti hanno incriminato sette hacker cinesi legati al ministero della "
            "Sicurezza di Stato.",
            expected(["US"], [], ["CN"], ["individuals", "state-agency"], ["indictment"]),
            id="it-indictment-is-a-cue-and-the-mss-in-italian",
        ),
        pytest.param(
            "es",
            "El Departamento de Justicia de Estados Unidos imputó a cinco piratas informáticos "
            "chinos vinculados al Ministerio de Seguridad del Estado.",
            expected(["US"], [], ["CN"], ["individuals", "state-agency"], ["indictment"]),
            id="es-imputo-charges-and-the-mss-in-spanish",
        ),
        pytest.param(
            "fr",
            "Le gouvernement britannique accuse le renseignement militaire russe d'être derrière "
            "une série de cyberattaques.",
            expected(["GB"], [], ["RU"], ["state-agency"], ["statement"]),
            id="fr-a-verb-divides-the-speaker-from-the-agency",
        ),
        pytest.param(
            "fr",
            "Les États-Unis ont inculpé sept pirates informatiques chinois soupçonnés de "
            "travailler pour le ministère de la Sécurité d'État.",
            expected(["US"], [], ["CN"], ["individuals"], ["indictment"]),
            id="fr-charged-persons-despite-the-presumption-of-innocence",
        ),
        pytest.param(
            "pl",
            "Stany Zjednoczone oskarżyły siedmiu chińskich hakerów o ataki na zlecenie "
            "chińskiego wywiadu.",
            expected(["US"], [], ["CN"], ["individuals", "state-agency"], ["statement"]),
            id="pl-hackers-in-the-genitive",
        ),
        pytest.param(
            "en",
            "Canada's Communications Security Establishment assessed that the Iranian regime was "
            "responsible.",
            expected(["CA"], [], ["IR"], ["state"], ["statement"]),
            id="en-a-regime-held-responsible",
        ),
        pytest.param(
            "de",
            "Die Revolutionsgarden stecken nach Angaben der Bundesregierung hinter dem Angriff.",
            expected(["DE"], [], ["IR"], ["state-agency"], ["statement"]),
            id="de-an-agency-in-german",
        ),
    ],
)
def test_other_languages_charges_agencies_and_speakers(language, text, want):
    assert tags(make_entry(text, references=["https://news.example/l"], language=language)) == want


def test_a_speaker_named_by_office_speaks_for_the_headline_party():
    entry = make_entry(
        "The campaign was carried out by APT31, a group backed by the Chinese state, Deputy "
        "Prime Minister Oliver Dowden said.",
        title="UK blames China for cyber attack on Electoral Commission",
        references=["https://news.example/h"],
    )
    assert tags(entry) == expected(["GB"], [], ["CN"], ["state-sponsored"], ["statement"])


@pytest.mark.parametrize(
    "second, want_types",
    [
        ("The foreign ministry also announced sanctions.", ["sanctions", "statement"]),
        ("Sanctions are possible, officials suspect.", ["statement"]),
        ("The European Union also announced sanctions.", ["statement"]),
        ("The ministry announced charges against members of Earth Baxia.", ["statement"]),
    ],
)
def test_sanctions_announced_next_are_against_what_was_just_attributed(second, want_types):
    entry = make_entry(
        "The UK government accused China of a cyber espionage campaign against lawmakers. "
        + second,
        title="Cyber espionage",
        references=["https://news.example/s"],
    )
    assert tags(entry) == expected(["GB"], [], ["CN"], ["state"], want_types)


def test_charges_filed_in_spanish():
    entry = make_entry(
        "Las autoridades estadounidenses presentaron cargos contra siete ciudadanos chinos que "
        "trabajaban para el Ministerio de Seguridad del Estado.",
        references=["https://news.example/es"],
        language="es",
    )
    assert tags(entry) == expected(
        ["US"], [], ["CN"], ["individuals", "state-agency"], ["indictment"]
    )


def test_a_sentence_that_starts_with_its_cue_is_not_merged_with_the_one_before():
    from misp_module.core.attribution import cue_sentences
    from misp_module.core.lexicon import lexicon

    text = "The minister spoke on Monday. Sanctions follow the attack."
    (s,) = [s for s in cue_sentences(lexicon().words("en"), text) if "Sanctions" in s.text]
    assert s.text == "Sanctions follow the attack."


@pytest.mark.parametrize(
    "language, text, want",
    [
        pytest.param(
            "it",
            "L'attacco è stato attribuito dal governo britannico a hacker legati al Cremlino.",
            expected(["GB"], [], ["RU"], ["state-sponsored"], ["statement"]),
            id="it-passive-agent-attributes-and-linked-actors-are-sponsored",
        ),
        pytest.param(
            "es",
            "El ataque fue atribuido por el Gobierno británico a la inteligencia militar rusa.",
            expected(["GB"], [], ["RU"], ["state-agency"], ["statement"]),
            id="es-passive-agent-and-the-agency-after-it",
        ),
        pytest.param(
            "it",
            "Secondo la Farnesina, l'attacco è riconducibile a gruppi sponsorizzati dalla Russia.",
            expected(["IT"], [], ["RU"], ["state-sponsored"], ["statement"]),
            id="it-foreign-ministry-by-its-seat",
        ),
        pytest.param(
            "it",
            "Il Dipartimento di Giustizia ha incriminato due cittadini russi per gli attacchi.",
            expected(["US"], [], ["RU"], ["individuals"], ["indictment"]),
            id="it-a-us-department",
        ),
        pytest.param(
            "de",
            "Der Angriff wird der Gruppe APT28 zugeschrieben, die dem russischen "
            "Militärgeheimdienst untersteht, teilte das Bundesamt für Verfassungsschutz mit.",
            expected(["DE"], [], ["RU"], ["state-agency"], ["statement"]),
            id="de-speaker-after-with-a-separable-verb",
        ),
        pytest.param(
            "en",
            "US prosecutors charged two Russian nationals with hacking the election systems.",
            expected(["US"], [], ["RU"], ["individuals"], ["indictment"]),
            id="en-prosecutors-are-the-government",
        ),
        pytest.param(
            "en",
            "British intelligence believes the Russian military intelligence service GRU was "
            "behind the attack.",
            expected(["GB"], [], ["RU"], ["state-agency"], ["statement"]),
            id="en-an-agency-that-speaks-is-no-target",
        ),
    ],
)
def test_passive_agents_linked_actors_and_speaking_agencies(language, text, want):
    assert tags(make_entry(text, references=["https://news.example/p"], language=language)) == want


@pytest.mark.parametrize(
    "language, url, text, want",
    [
        pytest.param(
            "pl",
            "https://www.example.pl/a",
            "Rosyjskie służby stoją za cyberatakiem na Polską Agencję Prasową - poinformował "
            "wicepremier Krzysztof Gawkowski.",
            expected(["PL"], [], ["RU"], ["state-agency"], ["statement"]),
            id="pl-services-are-an-agency-and-the-deputy-pm-the-home-government",
        ),
        pytest.param(
            "pl",
            "https://www.example.pl/a",
            "Za atakiem hakerskim stoi Rosja – ocenił minister cyfryzacji.",
            expected(["PL"], [], ["RU"], ["state"], ["statement"]),
            id="pl-behind-it-stands-russia-said-the-minister",
        ),
        pytest.param(
            "pl",
            "https://news.example/a",
            "Amerykański Departament Sprawiedliwości postawił zarzuty siedmiu obywatelom Chin.",
            expected(["US"], [], ["CN"], ["individuals"], ["indictment"]),
            id="pl-citizens-of-a-state-in-the-genitive",
        ),
        pytest.param(
            "nl",
            "https://news.example/a",
            "Volgens de AIVD zit Rusland achter de aanval.",
            expected(["NL"], [], ["RU"], ["state"], ["statement"]),
            id="nl-a-state-behind-it-after-an-according-to-office",
        ),
        pytest.param(
            "nl",
            "https://news.example/a",
            "Nederland en Groot-Brittannië beschuldigen Rusland van cyberaanvallen.",
            expected(["GB", "NL"], [], ["RU"], ["state"], ["statement"]),
            id="nl-and-joins-a-list-of-speakers-not-a-place",
        ),
        pytest.param(
            "nl",
            "https://www.example.nl/a",
            "Het kabinet wijst China aan als dader van de hack bij Defensie.",
            expected(["NL"], [], ["CN"], ["state"], ["statement"]),
            id="nl-designates-as-perpetrator",
        ),
        pytest.param(
            "de",
            "https://news.example/a",
            "Die Niederlande werfen Russland einen Cyberangriff auf die OPCW vor.",
            expected(["NL"], [], ["RU"], ["state"], ["statement"]),
            id="de-werfen-vor",
        ),
        pytest.param(
            "es",
            "https://news.example/a",
            "El Centro Criptológico Nacional atribuyó la campaña a APT28, vinculado al GRU ruso.",
            expected(["ES"], [], ["RU"], ["state-sponsored"], ["statement"]),
            id="es-national-cryptologic-centre",
        ),
        pytest.param(
            "fr",
            "https://news.example/a",
            "Le gouvernement accuse la Russie de cyberattaques en France.",
            [],
            id="fr-en-before-a-lone-state-is-a-place-and-no-speaker",
        ),
    ],
)
def test_speakers_and_targets_of_news_in_other_languages(language, url, text, want):
    assert tags(make_entry(text, title="x", references=[url], language=language)) == want


@pytest.mark.parametrize(
    "language, text, want",
    [
        pytest.param(
            "es",
            "España condena los ciberataques de Rusia contra sus ministerios.",
            expected(["ES"], [], ["RU"], ["state"], ["statement"]),
            id="es-condemns",
        ),
        pytest.param(
            "fr",
            "La France met en cause la Russie dans la cyberattaque contre TV5 Monde.",
            expected(["FR"], [], ["RU"], ["state"], ["statement"]),
            id="fr-met-en-cause",
        ),
        pytest.param(
            "nl",
            "De Nederlandse regering veroordeelt de cyberaanvallen van Rusland.",
            expected(["NL"], [], ["RU"], ["state"], ["statement"]),
            id="nl-condemns",
        ),
        pytest.param(
            "pl",
            "Polska potępia rosyjskie cyberataki na infrastrukturę krytyczną.",
            expected(["PL"], [], ["RU"], ["state"], ["statement"]),
            id="pl-condemns-attacks-named-by-a-demonym",
        ),
        pytest.param(
            "it",
            "Il governo britannico punta il dito contro la Cina per l'attacco.",
            expected(["GB"], [], ["CN"], ["state"], ["statement"]),
            id="it-points-the-finger-against-is-no-place",
        ),
        pytest.param(
            "en",
            "The UK blamed China for attacks against the US and Japan.",
            expected(["GB"], [], ["CN"], ["state"], ["statement"]),
            id="en-victims-after-against-stay-places",
        ),
        pytest.param(
            "en",
            "Czechia blames Russian hackers for the campaign.",
            [],
            id="en-hackers-are-no-event-and-no-state",
        ),
    ],
)
def test_condemning_and_pointing_in_each_language(language, text, want):
    assert (
        tags(make_entry(text, title="x", references=["https://news.example/c"], language=language))
        == want
    )


def test_a_campaign_named_by_its_demonym_and_officials_of_an_agency():
    exposed = make_entry(
        "The UK has exposed a Russian cyber campaign targeting British politicians.",
        title="x",
        references=["https://news.example/e"],
    )
    assert tags(exposed) == expected(["GB"], [], ["RU"], ["state"], ["statement"])
    sanctioned = make_entry(
        "The Treasury Department's Office of Foreign Assets Control sanctioned six officials of "
        "the IRGC Cyber-Electronic Command.",
        title="x",
        references=["https://news.example/o"],
    )
    assert tags(sanctioned) == expected(
        ["US"], [], ["IR"], ["individuals", "state-agency"], ["sanctions"]
    )


@pytest.mark.parametrize(
    "second, supporter, types",
    [
        ("The European Union expressed its solidarity with Germany.", "EU", ["solidarity"]),
        ("Japan welcomed the announcement and supports Germany's assessment.", "JP", ["statement"]),
    ],
)
def test_support_in_the_sentence_after_in_other_words(second, supporter, types):
    entry = make_entry(
        "The German government attributed the attack on the SPD to the Russian military "
        "intelligence service GRU. " + second,
        title="x",
        references=["https://news.example/sup"],
    )
    assert tags(entry) == expected(
        ["DE"], [supporter], ["RU"], ["state-agency"], sorted({"statement", *types})
    )


@pytest.mark.parametrize(
    "language, text, party, state",
    [
        ("es", "Estados Unidos acusa a hackers patrocinados por el Estado chino.", "US", "CN"),
        ("fr", "La France accuse des pirates soutenus par l'État russe.", "FR", "RU"),
        ("nl", "De VS beschuldigen door de Chinese staat gesteunde hackers.", "US", "CN"),
    ],
)
def test_actors_backed_by_the_state_named_after_its_noun(language, text, party, state):
    entry = make_entry(text, title="x", references=["https://news.example/b"], language=language)
    assert tags(entry) == expected([party], [], [state], ["state-sponsored"], ["statement"])


def test_the_sentence_right_before_names_who_speaks():
    entry = make_entry(
        "British Foreign Secretary David Cameron announced new measures on Monday. The campaign "
        "was carried out by APT31, which is linked to China's Ministry of State Security.",
        title="x",
        references=["https://news.example/rb"],
    )
    assert tags(entry) == expected(["GB"], [], ["CN"], ["state-sponsored"], ["statement"])


def test_an_uncertain_attribution_is_no_attribution():
    entry = make_entry(
        "The Department of Justice announced new charges. The attribution of their campaign to "
        "Ukraine is uncertain due to limited visibility.",
        title="x",
        references=["https://news.example/un"],
    )
    assert tags(entry) == []


@pytest.mark.parametrize(
    "text, party, state, level",
    [
        (
            "The Biden administration formally accused China's Ministry of State Security of "
            "the hack.",
            "US",
            "CN",
            "state-agency",
        ),
        ("GCHQ said the GRU was almost certainly behind the attacks.", "GB", "RU", "state-agency"),
    ],
)
def test_offices_known_by_other_names(text, party, state, level):
    entry = make_entry(text, title="x", references=["https://news.example/of"])
    assert tags(entry) == expected([party], [], [state], [level], ["statement"])


@pytest.mark.parametrize(
    "language, text, states",
    [
        ("pl", "Nowa Zelandia, chińscy, irańscy, rosyjscy, brytyjscy", "NZ CN IR RU GB"),
        ("cs", "Írán, Nový Zéland, íránští, severokorejští, čínští, ruští", "IR NZ IR KP CN RU"),
        ("de", "das Vereinigte Königreich, des Vereinigten Königreichs", "GB GB"),
        ("it", "statunitense, statunitensi", "US US"),
    ],
)
def test_state_names_and_demonyms_in_their_inflected_forms(language, text, states):
    from misp_module.core.lexicon import TOKEN, lexicon

    tokenized = lexicon().words(language).tokenize(text)
    assert [m.group(2) for m in TOKEN.finditer(tokenized)] == states.split()


@pytest.mark.parametrize(
    "language, url, text",
    [
        (
            "it",
            "https://news.example/d",
            "La Cina respinge le accuse degli Stati Uniti: infondate.",
        ),
        ("es", "https://news.example/d", "Rusia niega las acusaciones de Estados Unidos."),
        (
            "pl",
            "https://www.example.pl/v",
            "Według badaczy firmy ESET za atakiem stoi grupa powiązana z rosyjskim wywiadem.",
        ),
        (
            "cs",
            "https://www.example.cz/v",
            "Podle výzkumníků společnosti ESET za útokem stojí skupina napojená na ruskou rozvědku.",
        ),
        (
            "it",
            "https://www.example.it/v",
            "Secondo i ricercatori di Kaspersky, dietro l'attacco c'è un gruppo legato ai servizi "
            "segreti russi.",
        ),
    ],
)
def test_denials_and_vendors_in_other_languages_stay_clean(language, url, text):
    assert tags(make_entry(text, title="x", references=[url], language=language)) == []


def test_solidarity_in_german_is_a_statement_of_its_own_kind():
    entry = make_entry(
        "Die Bundesregierung macht den russischen Militärgeheimdienst GRU für den Angriff "
        "verantwortlich. Die EU und die NATO erklärten ihre Solidarität mit Deutschland.",
        title="x",
        references=["https://news.example/sol"],
        language="de",
    )
    assert tags(entry) == expected(
        ["DE"], ["EU", "NATO"], ["RU"], ["state-agency"], ["solidarity", "statement"]
    )


def test_a_declaration_headed_in_german():
    entry = make_entry(
        "Die Europäische Union verurteilt die Cyberangriffe aus Russland auf Behörden.",
        title="Erklärung des Hohen Vertreters im Namen der EU zu Cyberangriffen",
        references=["https://news.example/decl"],
        language="de",
    )
    assert tags(entry) == expected(["EU"], [], ["RU"], ["territory"], ["declaration"])


@pytest.mark.parametrize(
    "text, want",
    [
        pytest.param(
            "The UK accused Kremlin-backed hackers of the attack.",
            expected(["GB"], [], ["RU"], ["state-sponsored"], ["statement"]),
            id="a-seat-backed-actor-is-sponsored",
        ),
        pytest.param(
            "The UK government said a group acting at the direction of the Chinese state was "
            "responsible.",
            expected(["GB"], [], ["CN"], ["state-sponsored"], ["statement"]),
            id="at-the-direction-of-a-state-is-sponsorship",
        ),
        pytest.param(
            "The US accused hackers acting on the orders of the Kremlin of the intrusion.",
            expected(["US"], [], ["RU"], ["state-sponsored"], ["statement"]),
            id="on-the-orders-of-a-seat-is-sponsorship",
        ),
        pytest.param(
            "Britain blamed the Russian army for the attacks.",
            expected(["GB"], [], ["RU"], ["state-agency"], ["statement"]),
            id="the-army-named-by-its-role-is-an-agency",
        ),
        pytest.param(
            "The UK said the Russian armed forces were responsible for the attack.",
            expected(["GB"], [], ["RU"], ["state-agency"], ["statement"]),
            id="the-armed-forces-are-an-agency",
        ),
    ],
)
def test_levels_of_sponsors_and_agencies_named_by_role(text, want):
    assert tags(make_entry(text, references=["https://news.example/p"])) == want


@pytest.mark.parametrize(
    "text, want",
    [
        pytest.param(
            "The UK named two GRU officers responsible for the attack.",
            expected(["GB"], [], ["RU"], ["individuals", "state-agency"], ["statement"]),
            id="counted-officers-of-an-agency-named-are-individuals",
        ),
        pytest.param(
            "Today, we are exposing the Chinese government agents directing the attacks, the "
            "US Justice Department said.",
            [],
            id="government-agents-are-persons-not-the-state",
        ),
        pytest.param(
            "The US sanctioned seven members of a Russian gang linked to Russian intelligence "
            "services.",
            expected(["US"], [], ["RU"], ["individuals", "state-agency"], ["sanctions"]),
            id="members-of-a-gang-with-an-article-are-individuals",
        ),
    ],
)
def test_levels_of_persons(text, want):
    assert tags(make_entry(text, references=["https://news.example/p"])) == want


@pytest.mark.parametrize(
    "language, text, want",
    [
        pytest.param(
            "de",
            "Die Bundesregierung macht die russische Armee für den Angriff verantwortlich.",
            expected(["DE"], [], ["RU"], ["state-agency"], ["statement"]),
            id="de-the-army-is-an-agency",
        ),
        pytest.param(
            "es",
            "España acusa al ejército ruso del ciberataque.",
            expected(["ES"], [], ["RU"], ["state-agency"], ["statement"]),
            id="es-the-army-is-an-agency",
        ),
        pytest.param(
            "de",
            "Das Auswärtige Amt macht chinesische Staatshacker für den Angriff verantwortlich.",
            expected(["DE"], [], ["CN"], ["state-sponsored"], ["statement"]),
            id="de-state-hackers-in-one-word-are-sponsored",
        ),
        pytest.param(
            "en",
            "The UK blamed Russia for cyberattacks on the Ukrainian army.",
            expected(["GB"], [], ["RU"], ["state"], ["statement"]),
            id="en-an-agency-the-attacks-hit-is-the-victim",
        ),
        pytest.param(
            "en",
            "The UK blamed the NotPetya attack on the Russian military.",
            expected(["GB"], [], ["RU"], ["state-agency"], ["statement"]),
            id="en-blame-put-on-an-agency-is-no-victim",
        ),
    ],
)
def test_armies_state_hackers_and_victim_agencies(language, text, want):
    entry = make_entry(text, references=["https://news.example/p"], language=language)
    assert tags(entry) == want


@pytest.mark.parametrize(
    "text, want",
    [
        pytest.param(
            "The UK government said Russia carried out the attack.",
            expected(["GB"], [], ["RU"], ["state"], ["statement"]),
            id="a-state-as-the-subject-of-an-attack-verb",
        ),
        pytest.param(
            "The UK said the Kremlin orchestrated the attack.",
            expected(["GB"], [], ["RU"], ["state"], ["statement"]),
            id="a-seat-that-orchestrated-the-attack",
        ),
        pytest.param(
            "The US government traced the attack to North Korea.",
            expected(["US"], [], ["KP"], ["state"], ["statement"]),
            id="traced-to-a-state",
        ),
        pytest.param(
            "The UK held Russia accountable for the cyberattack.",
            expected(["GB"], [], ["RU"], ["state"], ["statement"]),
            id="held-accountable",
        ),
        pytest.param(
            "The UK said the attack was the work of Russia.",
            expected(["GB"], [], ["RU"], ["state"], ["statement"]),
            id="the-work-of-a-state",
        ),
        pytest.param(
            "The UK government said Russia launched a full-scale invasion of Ukraine.",
            [],
            id="an-invasion-is-no-cyberattack",
        ),
        pytest.param(
            "Researchers at Mandiant said Russia launched cyberattacks against Ukraine.",
            [],
            id="a-vendor-saying-it-is-no-party",
        ),
    ],
)
def test_the_state_level_from_attack_verbs_and_tracing(text, want):
    assert tags(make_entry(text, references=["https://news.example/p"])) == want


@pytest.mark.parametrize(
    "language, text, want",
    [
        pytest.param(
            "en",
            "Germany issued an arrest warrant for a Russian GRU officer over the Bundestag hack.",
            expected(["DE"], [], ["RU"], ["individuals", "state-agency"], ["indictment"]),
            id="en-an-arrest-warrant-charges-a-person",
        ),
        pytest.param(
            "de",
            "Die Bundesanwaltschaft hat einen Haftbefehl gegen einen russischen GRU-Offizier "
            "erwirkt.",
            expected(["DE"], [], ["RU"], ["individuals", "state-agency"], ["indictment"]),
            id="de-the-federal-prosecutor-and-a-compound-officer",
        ),
        pytest.param(
            "de",
            "Der Generalbundesanwalt hat Haftbefehl gegen den Russen Dmitri B. erwirkt, einen "
            "Offizier des GRU.",
            expected(["DE"], [], ["RU"], ["individuals", "state-agency"], ["indictment"]),
            id="de-an-officer-of-the-agency",
        ),
        pytest.param(
            "fr",
            "Les États-Unis ont inculpé deux officiers du GRU.",
            expected(["US"], [], ["RU"], ["individuals", "state-agency"], ["indictment"]),
            id="fr-officers-of-the-agency",
        ),
    ],
)
def test_arrest_warrants_and_officers_of_an_agency(language, text, want):
    entry = make_entry(text, references=["https://news.example/p"], language=language)
    assert tags(entry) == want


@pytest.mark.parametrize(
    "language, text, want",
    [
        pytest.param(
            "fr",
            "Le gouvernement français cite nommément la Chine comme instigatrice des intrusions.",
            expected(["FR"], [], ["CN"], ["state"], ["statement"]),
            id="fr-named-as-the-instigator",
        ),
        pytest.param(
            "en",
            "The UK government identified Russia as the instigator of the attacks.",
            expected(["GB"], [], ["RU"], ["state"], ["statement"]),
            id="en-identified-as-the-instigator",
        ),
    ],
)
def test_a_state_named_as_the_instigator(language, text, want):
    entry = make_entry(text, references=["https://news.example/p"], language=language)
    assert tags(entry) == want


@pytest.mark.parametrize(
    "text, want",
    [
        pytest.param(
            "The US accused the North Korean government-backed Lazarus Group of the theft.",
            expected(["US"], [], ["KP"], ["state-sponsored"], ["statement"]),
            id="a-group-name-after-the-sponsorship-word-is-no-surname",
        ),
        pytest.param(
            "The US blamed hackers employed by the Chinese government for the attack.",
            expected(["US"], [], ["CN"], ["state-sponsored"], ["statement"]),
            id="employed-by-a-government",
        ),
        pytest.param(
            "The US attributed the attack to a group that works for the Chinese state.",
            expected(["US"], [], ["CN"], ["state-sponsored"], ["statement"]),
            id="works-for-the-state",
        ),
        pytest.param(
            "The US attributed the attack to proxies of the Iranian government.",
            expected(["US"], [], ["IR"], ["state-sponsored"], ["statement"]),
            id="proxies-of-a-government",
        ),
        pytest.param(
            "The US attributed the attack to an Iranian government proxy.",
            expected(["US"], [], ["IR"], ["state-sponsored"], ["statement"]),
            id="a-government-proxy",
        ),
        pytest.param(
            "The US accused North Korean regime hackers of stealing cryptocurrency.",
            expected(["US"], [], ["KP"], ["state-sponsored"], ["statement"]),
            id="regime-hackers",
        ),
        pytest.param(
            "The UK attributed the campaign to a Kremlin-linked group.",
            expected(["GB"], [], ["RU"], ["state-sponsored"], ["statement"]),
            id="a-seat-linked-group",
        ),
        pytest.param(
            "The US accused Chinese state-linked hackers of the intrusions.",
            expected(["US"], [], ["CN"], ["state-sponsored"], ["statement"]),
            id="state-linked-hackers",
        ),
    ],
)
def test_sponsorship_in_more_words(text, want):
    assert tags(make_entry(text, references=["https://news.example/p"])) == want


def test_a_name_after_the_persons_noun_is_theirs_not_a_surname():
    text = "The US charged Iranian hacker Farid Example with the intrusion into the network."
    want = expected(["US"], [], ["IR"], ["individuals"], ["indictment"])
    assert tags(make_entry(text, references=["https://news.example/p"])) == want


@pytest.mark.parametrize(
    "text, want",
    [
        pytest.param(
            "The UK blamed Russia for a cyberattack on Georgia.",
            expected(["GB"], [], ["RU"], ["state"], ["statement"]),
            id="a-victim-after-on-is-not-blamed",
        ),
        pytest.param(
            "The UK blamed Russia's GRU for the Georgia cyberattack.",
            expected(["GB"], [], ["RU"], ["state-agency"], ["statement"]),
            id="a-state-before-the-attack-noun-says-where",
        ),
        pytest.param(
            "The UK blamed the cyberattack on Russia.",
            expected(["GB"], [], ["RU"], ["state"], ["statement"]),
            id="blame-put-on-a-state",
        ),
    ],
)
def test_victims_of_the_attack_are_not_attributed(text, want):
    assert tags(make_entry(text, references=["https://news.example/p"])) == want


@pytest.mark.parametrize(
    "language, text, state",
    [
        pytest.param(
            "de",
            "Die Bundesregierung macht von Peking unterstützte Hacker für den "
            "Angriff verantwortlich.",
            "CN",
            id="de-a-seat-before-the-participle",
        ),
        pytest.param(
            "fr",
            "La France accuse des pirates liés à Pékin d'être derrière l'attaque.",
            "CN",
            id="fr-linked-to-a-seat-is-no-place",
        ),
        pytest.param(
            "fr",
            "La France accuse des hackers proches du Kremlin.",
            "RU",
            id="fr-close-to-the-seat",
        ),
        pytest.param(
            "fr",
            "La France accuse des hackers agissant pour le compte de l'État russe.",
            "RU",
            id="fr-on-behalf-of-the-state",
        ),
        pytest.param(
            "es",
            "España acusa a piratas informáticos al servicio del Kremlin.",
            "RU",
            id="es-in-the-service-of",
        ),
        pytest.param(
            "it",
            "L'Italia accusa hacker filorussi al servizio del Cremlino.",
            "RU",
            id="it-in-the-service-of",
        ),
        pytest.param(
            "pl",
            "Polska oskarża hakerów działających na zlecenie Kremla.",
            "RU",
            id="pl-commissioned-by-a-seat",
        ),
        pytest.param(
            "cs",
            "Česko obvinilo hackery napojené na Kreml.",
            "RU",
            id="cs-linked-to-a-seat-is-no-place",
        ),
        pytest.param(
            "cs",
            "Česko obvinilo hackery spojené s ruskou vládou.",
            "RU",
            id="cs-connected-with-the-government",
        ),
        pytest.param(
            "nl",
            "Nederland beschuldigt hackers die banden hebben met het Kremlin.",
            "RU",
            id="nl-ties-with-the-seat",
        ),
        pytest.param(
            "nl",
            "Nederland beschuldigt aan het Kremlin gelieerde hackers.",
            "RU",
            id="nl-a-seat-before-the-participle",
        ),
        pytest.param(
            "nl",
            "Nederland beschuldigt hackers in dienst van de Russische staat.",
            "RU",
            id="nl-in-the-service-of-the-state",
        ),
    ],
)
def test_sponsorship_by_seats_and_services_in_other_languages(language, text, state):
    entry = make_entry(text, references=["https://news.example/p"], language=language)
    got = tags(entry)
    assert f'public-attribution:attributed-state="{state}"' in got
    levels = [t for t in got if "attribution-level" in t]
    assert levels == ['public-attribution:attribution-level="state-sponsored"']


@pytest.mark.parametrize(
    "text, levels",
    [
        pytest.param(
            "The US attributed the attack to Russia, specifically its military intelligence "
            "agency.",
            ["state", "state-agency"],
            id="its-agency-after-the-state",
        ),
        pytest.param(
            "The UK accused Moscow of using its military intelligence service to launch the "
            "attacks.",
            ["state", "state-agency"],
            id="a-seat-using-its-agency",
        ),
        pytest.param(
            "The UK blamed Russia for the attack and praised its own intelligence agency for "
            "detecting it.",
            ["state"],
            id="its-own-agency-is-the-speakers",
        ),
        pytest.param(
            "The UK blamed Russia for the attack, its intelligence agency GCHQ said.",
            ["state"],
            id="its-agency-that-speaks-is-no-target",
        ),
    ],
)
def test_the_agency_a_state_just_named_owns(text, levels):
    got = tags(make_entry(text, references=["https://news.example/p"]))
    assert [t.split("=")[1].strip('"') for t in got if "attribution-level" in t] == levels
    assert 'public-attribution:attributed-state="RU"' in got


def test_es_formally_accused_officers_of_an_agency_are_charged_persons():
    text = "Estados Unidos acusó formalmente a dos oficiales del GRU."
    want = expected(["US"], [], ["RU"], ["individuals", "state-agency"], ["indictment"])
    assert tags(make_entry(text, references=["https://news.example/p"], language="es")) == want


@pytest.mark.parametrize(
    "text, want",
    [
        pytest.param(
            "The UK sanctioned two Russians for the phishing campaign.",
            expected(["GB"], [], ["RU"], ["individuals"], ["sanctions"]),
            id="sanctioned-two-russians",
        ),
        pytest.param(
            "The US charged two North Koreans with the thefts.",
            expected(["US"], [], ["KP"], ["individuals"], ["indictment"]),
            id="charged-two-north-koreans",
        ),
        pytest.param(
            "The US charged two Americans with helping the hackers.", [], id="its-own-citizens"
        ),
    ],
)
def test_counted_demonyms_as_plural_nouns_are_charged_persons(text, want):
    assert tags(make_entry(text, references=["https://news.example/p"])) == want


@pytest.mark.parametrize(
    "text, want",
    [
        pytest.param(
            "The MIVD said the group is extremely likely Russian state supported.",
            expected(["NL"], [], ["RU"], ["state-sponsored"], ["statement"]),
            id="state-supported",
        ),
        pytest.param(
            "The MIVD said the group operated with Russian state support.",
            expected(["NL"], [], ["RU"], ["state-sponsored"], ["statement"]),
            id="with-state-support",
        ),
    ],
)
def test_state_support_is_sponsorship(text, want):
    assert tags(make_entry(text, references=["https://news.example/p"])) == want


def test_eu_and_nato_countries_are_places_not_speakers():
    text = (
        "The agencies said in a report that the group steals data from European Union and "
        "NATO countries and is extremely likely Russian state-sponsored."
    )
    assert tags(make_entry(text, references=["https://news.example/p"])) == []
    # NATO speaking is still a party
    text = "NATO condemned the attacks, which it attributed to Russia."
    assert 'public-attribution:attributing-party="NATO"' in tags(make_entry(text))


def test_designee_named_again_goes_on_about_the_sanction():
    text = (
        "The Treasury Department has sanctioned Beijing-based Integrity Technology Group "
        "(Integrity Tech). Integrity Tech has been linked to Flax Typhoon, a Chinese "
        "state-sponsored cyber group."
    )
    want = expected(["US"], [], ["CN"], ["state-sponsored"], ["sanctions"])
    assert tags(make_entry(text, references=["https://news.example/p"])) == want
    # a name repeated after a vendor's sentence is no sanction
    text = (
        "Microsoft described Integrity Tech in a report. Integrity Tech has been linked to "
        "Flax Typhoon, a Chinese state-sponsored cyber group."
    )
    assert tags(make_entry(text, references=["https://news.example/p"])) == []


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "The FBI said that North Korea (DPRK) was responsible for the theft.", id="alias"
        ),
        pytest.param(
            "The FBI said that the Democratic People’s Republic of Korea was responsible for the "
            "theft.",
            id="typographic-apostrophe",
        ),
        pytest.param(
            "The FBI said that the Democratic People’s Republic of Korea (North Korea) was "
            "responsible for the theft.",
            id="both",
        ),
    ],
)
def test_state_with_alias_in_brackets_is_the_one_responsible(text):
    want = expected(["US"], [], ["KP"], ["state"], ["statement"])
    assert tags(make_entry(text, references=["https://news.example/p"])) == want


def test_agentless_attribution_right_after_an_advisory_is_the_advisorys():
    text = (
        "The FBI, CISA and NSA, in collaboration with agencies from the Netherlands, Germany and "
        "Estonia, released a joint alert detailing the cyberattacks. The attacks, carried out "
        "using a malware called WhisperGate, have been attributed to GRU Unit 29155, a Russian "
        "military hacking group."
    )
    want = expected(["DE", "EE", "NL", "US"], [], ["RU"], ["state-agency"], ["advisory"])
    assert tags(make_entry(text, references=["https://news.example/p"])) == want
    # after a vendor's report it is nobody's
    text = (
        "Microsoft released a report on the cyberattacks. The attacks have been attributed to "
        "GRU Unit 29155, a Russian military hacking group."
    )
    assert tags(make_entry(text, references=["https://news.example/p"])) == []


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "The AIVD and MIVD published a report on the hack. The agencies say it is highly "
            "likely they are working on behalf of the Russian state.",
            id="the-agencies-say",
        ),
        pytest.param(
            "According to MIVD Director Peter Reesink the data concerned military deliveries to "
            "Ukraine. The intelligence agencies estimated that Laundry Bear has been active since "
            "2024. The agencies say it is highly likely they are working on behalf of the Russian "
            "state.",
            id="according-to-opens-two-sentences-before",
        ),
    ],
)
def test_the_agencies_point_back_to_the_offices_named_before(text):
    want = expected(["NL"], [], ["RU"], ["state-sponsored"], ["statement"])
    assert tags(make_entry(text, references=["https://news.example/p"])) == want


def test_an_attribution_made_last_year_is_background():
    from misp_module.core.attribution import attribution_report

    text = (
        "The Justice Department charged a North Korean programmer on Thursday. The Trump "
        "administration concluded last year that North Korea was responsible for WannaCry."
    )
    entry = make_entry(text, references=["https://news.example/p"])
    assert 'public-attribution:attribution-level="state"' not in tags(entry)
    report = attribution_report(entry)
    assert {(a.party, a.attributed_state, a.level) for a in report.background} == {
        ("US", "KP", "state")
    }
    # an event dated last year is still this report's attribution
    text = "The UK government said on Monday that Russia was responsible for an attack last year."
    want = expected(["GB"], [], ["RU"], ["state"], ["statement"])
    assert tags(make_entry(text, references=["https://news.example/p"])) == want


@pytest.mark.parametrize(
    "text, levels",
    [
        pytest.param(
            "The Foreign Office said Russia’s FSB agency was responsible for the operations.",
            ["state-agency"],
            id="the-states-agency-is-responsible",
        ),
        pytest.param(
            "The Foreign Office said Russia and its FSB agency were responsible for the "
            "operations.",
            ["state", "state-agency"],
            id="the-state-and-its-agency",
        ),
    ],
)
def test_a_states_agency_before_responsible_is_no_state_level(text, levels):
    want = expected(["GB"], [], ["RU"], levels, ["statement"])
    assert tags(make_entry(text, references=["https://news.example/p"])) == want


@pytest.mark.parametrize(
    "text, want",
    [
        (
            "Britain has stepped up its dispute with China. The government accused China's "
            "Ministry of State Security of the hack.",
            expected(["GB"], [], ["CN"], ["state-agency"], ["statement"]),
        ),
        (
            # the state the government holds responsible is never its speaker
            "Russia is escalating its dispute with Britain. The government has called out the "
            "Russian military intelligence service for the attacks.",
            [],
        ),
    ],
)
def test_the_government_is_the_state_opening_the_sentence_before(text, want):
    entry = make_entry(text, title="x", references=["https://news.example/gv"])
    assert tags(entry) == want


@pytest.mark.parametrize(
    "text",
    [
        "The Justice Department charged a hacker with conducting intrusions on behalf of "
        "Iran’s government.",
        "The Justice Department charged a hacker with conducting intrusions on behalf of the "
        "government of Iran.",
    ],
)
def test_acting_on_behalf_of_a_government_is_sponsorship(text):
    # the hacker charged is a person too (attribution-words.json, role charged-person)
    entry = make_entry(text, title="x", references=["https://news.example/bh"])
    assert tags(entry) == expected(
        ["US"], [], ["IR"], ["individuals", "state-sponsored"], ["indictment"]
    )


@pytest.mark.parametrize(
    "text, level",
    [
        # a group the agency stands behind is held responsible: it acts for the state
        (
            "The UK government said the hack was carried out by APT99, which is linked to "
            "Russia's GRU.",
            "state-sponsored",
        ),
        (
            "The UK government blamed a hacking group linked to the Russian military intelligence "
            "service.",
            "state-sponsored",
        ),
        # the agency itself is held responsible
        ("The UK government said the GRU was behind the hack.", "state-agency"),
    ],
)
def test_a_group_linked_to_an_agency_is_state_sponsored(text, level):
    entry = make_entry(text, title="x", references=["https://news.example/lk"])
    assert tags(entry) == expected(["GB"], [], ["RU"], [level], ["statement"])


@pytest.mark.parametrize(
    "text, levels",
    [
        ("US says Iranian charged in hospital hack", ["individuals"]),
        (
            "A computer programmer accused of working at the behest of the Iranian government "
            "was charged Thursday by the Justice Department.",
            ["individuals", "state-sponsored"],
        ),
    ],
)
def test_one_person_charged_by_demonym_or_trade(text, levels):
    entry = make_entry(text, title="x", references=["https://news.example/pc"])
    assert tags(entry) == expected(["US"], [], ["IR"], levels, ["indictment"])


def test_accusing_a_state_and_charging_persons_are_two_acts():
    entry = make_entry(
        "The United States accused Iran of the hospital hack and charged two Iranian hackers.",
        title="x",
        references=["https://news.example/ta"],
    )
    got = {
        (a.level, a.statement_type)
        for a in extract_attributions(entry)
        if a.party == "US" and a.attributed_state == "IR"
    }
    assert got == {("state", "statement"), ("individuals", "indictment")}


def test_a_campaign_led_by_a_government():
    entry = make_entry(
        "“This case is about a hacking campaign led by the government of Iran,” said the acting "
        "U.S. Attorney.",
        title="x",
        references=["https://news.example/lb"],
    )
    assert tags(entry) == expected(["US"], [], ["IR"], ["state"], ["statement"])


# The class "a target with no party in its clause, its speaker sentences before": an anaphor
# ("the agencies say") looks back for who spoke, and neither a Title Case headline's
# "Russian Hackers Behind Police" (actors, not a government) nor a party named far back in
# another story stands in for that speaker.
HEADLINE_THEN_AGENCIES = (
    "Dutch Spy Agencies Say Russian Hackers Behind Police Breach\n"
    "\n"
    "The Dutch intelligence agencies AIVD and MIVD have established that a new cyber "
    "group broke into the police systems last year. The group took the contact "
    "details of thousands of officers and also sought information on military "
    "deliveries, officials disclosed on Monday.\n"
    "\n"
    "According to AIVD director Erik Akerboom the data concerned deliveries to "
    "Ukraine. The attack is one of many against Western targets. The agencies "
    "estimated that the group has been active since at least last spring and has "
    "targeted armed forces, governments and defence companies. The group works "
    "closely with the Russian state, and the agencies say it is highly likely that "
    "they work on behalf of the Russian state."
)
STALE_PARTY_FAR_BACK = (
    "The British government announced sanctions against two trading companies on "
    "Monday. The companies sold equipment to buyers in several countries over many "
    "years. Their owners live abroad and could not be reached for comment on the "
    "matter this week. Shipping records show dozens of deliveries by sea and by air, "
    "most of them to ports in the region. Analysts expect more measures of the kind "
    "in the coming months, as governments review their export controls and the rules "
    "that govern them.\n"
    "\n"
    "Separately, a new cyber group broke into the networks of the police last year "
    "and took the contact details of thousands of officers. The group also looked for "
    "information on the supply of equipment to the armed forces and on the plans of "
    "the defence ministry for the next years. According to AIVD director Erik "
    "Akerboom, the data concerned military deliveries. The attack is one of many "
    "against Western targets. The group works closely with the Russian state, and the "
    "agencies say it is highly likely that they work on behalf of the Russian state."
)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(HEADLINE_THEN_AGENCIES, id="title-case-headline-actors-are-no-government"),
        pytest.param(STALE_PARTY_FAR_BACK, id="a-party-far-back-does-not-stop-the-look-back"),
    ],
)
def test_anaphor_finds_its_speaker_sentences_before(text):
    entry = make_entry(text, references=["https://news.example/x"], language="en")
    assert tags(entry) == expected(["NL"], [], ["RU"], ["state-sponsored"], ["statement"])


# The class "a state's agency speaks, read as the target or not at all": the agency before a
# verb of finding or saying, with the rest of its noun and its own names between.
@pytest.mark.parametrize(
    "text, want",
    [
        pytest.param(
            "The hack of the ministry was carried out by Russia, Belgian intelligence "
            "services have revealed.",
            expected(["BE"], [], ["RU"], ["state"], ["statement"]),
            id="plural-agency-noun-after-the-clause",
        ),
        pytest.param(
            "The Belgian General Intelligence Agency and Military Agency stated that the "
            "group operated with Russian state support.",
            expected(["BE"], [], ["RU"], ["state-sponsored"], ["statement"]),
            id="capitalised-agency-names-coordinated",
        ),
        pytest.param(
            "The Belgian intelligence agencies ADIV and VSSE have established that the "
            "attack was carried out by Russia.",
            expected(["BE"], [], ["RU"], ["state"], ["statement"]),
            id="agency-acronyms-before-the-verb",
        ),
    ],
)
def test_a_state_agency_that_speaks_is_the_party(text, want):
    entry = make_entry(text, references=["https://news.example/x"], language="en")
    assert tags(entry) == want


# The class "a passive attribution ('is alleged to'), its speaker in the next sentence with
# 'claim'": who claims it is the party; the accused state's own claim is none.
@pytest.mark.parametrize(
    "text, want",
    [
        pytest.param(
            "The company is alleged to have worked closely with the Chinese state-sponsored "
            "hacking group. US officials claim the company played a key role in the attacks.",
            expected(["US"], [], ["CN"], ["state-sponsored"], ["statement"]),
            id="officials-claim-in-the-next-sentence",
        ),
        pytest.param(
            "The company is alleged to have worked closely with the Chinese state-sponsored "
            "hacking group. The British government claimed that the company played a key role.",
            expected(["GB"], [], ["CN"], ["state-sponsored"], ["statement"]),
            id="a-government-claimed-in-the-next-sentence",
        ),
        pytest.param(
            "The company is alleged to have worked closely with the Chinese state-sponsored "
            "hacking group. Chinese officials claim the company played no role in the attacks.",
            [],
            id="the-accused-state-claiming-is-no-party",
        ),
    ],
)
def test_the_next_sentence_claims_the_passive_attribution(text, want):
    entry = make_entry(text, references=["https://news.example/x"], language="en")
    assert tags(entry) == want
