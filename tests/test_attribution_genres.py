"""Genres that say who attributes their own way (misp_module.core.attribution.genres): joint
advisories and their co-authors, indictments and who charges, cyber-only sanctions. Every
text is written for the test, in the style of its genre, with its exact expected tags."""

from __future__ import annotations

import json

import pytest

from misp_module.core.attribution import extract_attributions
from misp_module.core.lexicon import lexicon
from misp_module.core.rules import load_rules, shipped
from misp_module.core.taxonomy import attribution_tags

from conftest import make_entry


def tags(entry, lex=None):
    return sorted(attribution_tags(extract_attributions(entry, lex)))


def expected(attributing=(), states=(), levels=(), types=()):
    out = []
    for predicate, values in (
        ("attributing-party", attributing),
        ("attributed-state", states),
        ("attribution-level", levels),
        ("statement-type", types),
    ):
        out += [f'public-attribution:{predicate}="{v}"' for v in values]
    return sorted(out)


FIVE_EYES = ["AU", "CA", "GB", "NZ", "US"]

ADVISORIES = [
    pytest.param(
        make_entry(
            title="Joint Cybersecurity Advisory",
            text=(
                "This joint Cybersecurity Advisory is co-authored by the Federal Bureau of "
                "Investigation (FBI), the Cybersecurity and Infrastructure Security Agency (CISA), "
                "the National Security Agency (NSA), the United Kingdom's National Cyber Security "
                "Centre (NCSC-UK), the Australian Signals Directorate's Australian Cyber Security "
                "Centre (ACSC), the Canadian Centre for Cyber Security (CCCS) and New Zealand's "
                "National Cyber Security Centre (NCSC-NZ).\r\n\r\nThe authoring agencies assess "
                "that People's Republic of China (PRC) state-sponsored cyber actors are targeting "
                "telecommunications providers."
            ),
        ),
        expected(FIVE_EYES, ["CN"], ["state-sponsored"], ["advisory"]),
        id="header-lists-co-authors-the-authoring-agencies-attribute",
    ),
    pytest.param(
        make_entry(
            "Cybersecurity agencies from the US, the UK, Australia, Canada and New Zealand warned "
            "in a joint advisory on Thursday that Chinese state-sponsored hackers have "
            "compromised routers worldwide."
        ),
        expected(FIVE_EYES, ["CN"], ["state-sponsored"], ["advisory"]),
        id="news-agencies-from-countries",
    ),
    pytest.param(
        make_entry(
            "Joint Cybersecurity Advisory\n\nThe National Security Agency (NSA), the Federal "
            "Bureau of Investigation (FBI) and the Cybersecurity and Infrastructure Security "
            "Agency (CISA), together with Germany's Federal Office for Information Security (BSI) "
            "and Japan's National Police Agency, are releasing this advisory.\n\nThe authoring "
            "agencies attribute this activity to the Russian GRU's 85th Main Special Service "
            "Center, also known as APT28."
        ),
        expected(["DE", "JP", "US"], ["RU"], ["state-agency"], ["advisory"]),
        id="offices-before-together-with-are-authors-too",
    ),
    pytest.param(
        make_entry(
            "Das BSI hat gemeinsam mit Behörden aus den USA, Großbritannien und Japan eine "
            "gemeinsame Warnung veröffentlicht, die chinesische staatlich gesteuerte Hacker für "
            "die Angriffe verantwortlich macht.",
            language="de",
        ),
        expected(["DE", "GB", "JP", "US"], ["CN"], ["state-sponsored"], ["advisory"]),
        id="de-states-in-the-author-list-are-not-targets",
    ),
    pytest.param(
        make_entry(
            "The joint advisory was published by the NSA, the FBI and CISA and cybersecurity "
            "agencies of Australia, Canada, Germany, Japan and the United Kingdom. It said "
            "Chinese state-sponsored hackers had breached telecommunications providers."
        ),
        expected(["AU", "CA", "DE", "GB", "JP", "US"], ["CN"], ["state-sponsored"], ["advisory"]),
        id="it-said-goes-on-in-the-advisory-voice",
    ),
    pytest.param(
        make_entry(
            "The advisory, co-sealed by agencies in 12 other countries including Australia, "
            "Canada, Germany, Japan and the UK, says the hackers work for Chinese companies that "
            "support the People's Liberation Army."
        ),
        expected(["AU", "CA", "DE", "GB", "JP"], ["CN"], ["state-agency"], ["advisory"]),
        id="co-sealed-by-opens-the-sentence-and-including-lists-authors",
    ),
    pytest.param(
        make_entry(
            "The advisory, co-authored by the cybersecurity agencies of the Five Eyes alliance, "
            "says PRC state-sponsored actors have compromised telecommunications networks."
        ),
        expected(FIVE_EYES, ["CN"], ["state-sponsored"], ["advisory"]),
        id="an-alliance-co-authors-as-its-members",
    ),
    pytest.param(
        make_entry(
            "Australia joined its Five Eyes partners in attributing the campaign to Chinese "
            "state-sponsored hackers."
        ),
        expected(["AU"], ["CN"], ["state-sponsored"], ["statement"]),
        id="an-alliance-outside-an-advisory-authors-nothing",
    ),
    pytest.param(
        make_entry(
            "L'avis conjoint, co-signé par les agences de cybersécurité des États-Unis, du "
            "Royaume-Uni, du Canada et de l'Australie, attribue la campagne à des pirates "
            "soutenus par l'État chinois.",
            language="fr",
        ),
        expected(["AU", "CA", "GB", "US"], ["CN"], ["state-sponsored"], ["advisory"]),
        id="fr-co-signe-par-les-agences",
    ),
    pytest.param(
        make_entry(
            "Our analysts, together with partners in Japan and Taiwan, wrote an advisory for "
            "customers about the Chinese state-sponsored group."
        ),
        [],
        id="a-vendor-advisory-with-partners-in-countries-has-no-government-author",
    ),
    pytest.param(
        make_entry(
            "Researchers at a security firm, together with partners in Japan, said the Chinese "
            "state-sponsored group also targeted Taiwan."
        ),
        [],
        id="together-with-without-an-advisory-introduces-no-author",
    ),
]

INDICTMENTS = [
    pytest.param(
        make_entry(
            "Federal prosecutors charged two Iranian nationals who worked on behalf of the "
            "Islamic Revolutionary Guard Corps with hacking into US water utilities."
        ),
        expected(["US"], ["IR"], ["individuals", "state-agency"], ["indictment"]),
        id="federal-prosecutors-charge-for-the-us",
    ),
    pytest.param(
        make_entry(
            "German federal prosecutors charged a Russian national who worked for the GRU with "
            "spying on the Bundestag."
        ),
        expected(["DE"], ["RU"], ["individuals", "state-agency"], ["indictment"]),
        id="prosecutors-of-the-state-named-with-them",
    ),
    pytest.param(
        make_entry(
            "The United States charged a North Korean programmer who prosecutors said worked for "
            "a government-sponsored hacking team known as the Lazarus Group."
        ),
        expected(["US"], ["KP"], ["individuals"], ["indictment"]),
        id="a-defendant-named-with-his-state",
    ),
    pytest.param(
        make_entry(
            "Le département américain de la Justice a inculpé sept ressortissants chinois, "
            "accusés d'avoir mené une campagne de piratage pour le compte du ministère chinois "
            "de la Sécurité d'État.",
            language="fr",
        ),
        expected(["US"], ["CN"], ["individuals", "state-agency"], ["indictment"]),
        id="fr-justice-department-and-the-mss",
    ),
    pytest.param(
        make_entry(
            "Il Dipartimento di Giustizia degli Stati Uniti ha incriminato sette hacker cinesi "
            "legati al ministero della Sicurezza dello Stato di Pechino.",
            language="it",
        ),
        expected(["US"], ["CN"], ["individuals", "state-agency"], ["indictment"]),
        id="it-incriminato-opens-the-sentence",
    ),
    pytest.param(
        make_entry(
            "Un gran jurado de Estados Unidos acusó formalmente a seis oficiales de la "
            "inteligencia militar rusa (GRU) de lanzar ciberataques contra Ucrania.",
            language="es",
        ),
        # the officers charged are persons of the agency (README: "officers of the GU/GRU"
        # are `individuals`), read since round eight's members of an agency in Spanish
        expected(["US"], ["RU"], ["individuals", "state-agency"], ["indictment"]),
        id="es-acuso-formalmente-is-an-indictment",
    ),
    pytest.param(
        make_entry(
            "Estados Unidos acusó este lunes a siete piratas informáticos chinos de espiar "
            "durante 14 años a críticos de Pekín por encargo del Ministerio de Seguridad del "
            "Estado.",
            language="es",
        ),
        expected(["US"], ["CN"], ["individuals", "state-agency"], ["indictment"]),
        id="es-acuso-with-persons-as-object-is-a-charge",
    ),
    pytest.param(
        make_entry(
            "Rusia acusó a Estados Unidos de lanzar ciberataques contra su infraestructura.",
            language="es",
        ),
        expected(["RU"], ["US"], ["state"], ["statement"]),
        id="es-acuso-with-a-state-as-object-stays-a-statement",
    ),
    pytest.param(
        make_entry(
            "Washington sanctioned six Iranian officials it said were behind cyberattacks on "
            "water utilities, the Treasury Department said."
        ),
        expected(["US"], ["IR"], ["individuals"], ["sanctions"]),
        id="officials-named-with-their-state",
    ),
    pytest.param(
        make_entry(
            "Amerykański Departament Sprawiedliwości postawił zarzuty siedmiu chińskim hakerom "
            "działającym na zlecenie Ministerstwa Bezpieczeństwa Państwowego.",
            language="pl",
        ),
        expected(["US"], ["CN"], ["individuals", "state-agency"], ["indictment"]),
        id="pl-zarzuty-and-the-mss",
    ),
]

INDICTMENTS += [
    pytest.param(
        make_entry(
            "Washington ha incriminato sette cittadini cinesi per una campagna di spionaggio "
            "informatico durata 14 anni e condotta per conto dei servizi segreti di Pechino.",
            language="it",
        ),
        expected(["US"], ["CN"], ["individuals"], ["indictment"]),
        id="it-a-capital-that-opens-a-charge-charges",
    ),
    pytest.param(
        make_entry(
            "Washington state officials charged a man with stealing data from a Chinese firm."
        ),
        [],
        id="a-capital-not-followed-by-the-charge-is-no-party",
    ),
    pytest.param(
        make_entry(
            "Los acusados formaban parte de APT31, un grupo patrocinado por el Estado chino, según "
            "el Departamento de Justicia.",
            language="es",
        ),
        expected(["US"], ["CN"], ["state-sponsored"], ["indictment"]),
        id="es-patrocinado-por-el-estado-and-los-acusados-are-a-charge",
    ),
]

INDICTMENTS += [
    pytest.param(
        make_entry(
            "Seven Chinese nationals have been charged in the U.S. as part of a 14-year operation "
            "by the APT31 group, which prosecutors said was run by China's Ministry of State "
            "Security."
        ),
        expected(["US"], ["CN"], ["individuals", "state-agency"], ["indictment"]),
        id="the-state-a-charge-is-brought-in-charges",
    ),
]

CHARGED = "The indictment unsealed on Monday charges that the three defendants were officers of "
CHARGED += "China's Ministry of State Security."
INDICTMENTS += [
    pytest.param(
        make_entry(CHARGED + "\n\nThe case is part of a broader effort, FBI Director Wray said."),
        expected(["US"], ["CN"], ["individuals", "state-agency"], ["indictment"]),
        id="a-charge-without-speaker-takes-the-one-charging-body-of-the-text",
    ),
    pytest.param(make_entry(CHARGED), [], id="a-charge-with-no-charging-body-anywhere"),
    pytest.param(
        make_entry(
            CHARGED + "\n\nThe FBI and German federal prosecutors worked together on the case."
        ),
        [],
        id="charging-bodies-of-two-states-name-no-one",
    ),
]

STATEMENTS = [
    pytest.param(
        make_entry(
            "In a joint statement, the foreign ministers of the Five Eyes countries condemned "
            "Russia's GRU for the attacks."
        ),
        expected(FIVE_EYES, ["RU"], ["state-agency"], ["joint-statement"]),
        id="an-alliance-named-with-its-governments-speaks-as-its-members",
    ),
]

SANCTIONS = [
    pytest.param(
        make_entry(
            "The EU imposed sanctions on six individuals and three entities, including the GRU's "
            "Main Centre for Special Technologies, over the WannaCry, NotPetya and Cloud Hopper "
            "attacks."
        ),
        expected(["EU"], ["RU"], ["individuals", "state-agency"], ["sanctions"]),
        id="a-sanction-with-no-other-reason-named-is-read",
    ),
    pytest.param(
        make_entry(
            "The EU imposed sanctions on four GRU officers over the cyber-attack against the OPCW."
        ),
        expected(["EU"], ["RU"], ["individuals", "state-agency"], ["sanctions"]),
        id="cyber-sanctions",
    ),
    pytest.param(
        make_entry(
            "The EU imposed sanctions on four GRU officers over the poisoning in Salisbury."
        ),
        [],
        id="non-cyber-sanctions-attribute-nothing",
    ),
    pytest.param(
        make_entry(
            "The UK has sanctioned 11 members of the Russia-based Trickbot cybercrime gang."
        ),
        [],
        id="a-state-that-locates-a-criminal-gang",
    ),
    pytest.param(
        make_entry(
            "Today, the U.S. Department of the Treasury's Office of Foreign Assets Control (OFAC) "
            "is sanctioning six officials in the Iranian Government organization Islamic "
            "Revolutionary Guard Corps Cyber-Electronic Command (IRGC-CEC) who are responsible "
            "for a series of malicious cyber activities against critical infrastructure."
        ),
        expected(["US"], ["IR"], ["individuals", "state-agency"], ["sanctions"]),
        id="officials-in-the-state-government-organization",
    ),
    pytest.param(
        make_entry(
            "Today, OFAC sanctioned Integrity Technology Group, a Beijing-based cybersecurity "
            "company, for its role in computer intrusions against U.S. victims. The company is "
            "linked to Flax Typhoon, a People's Republic of China state-sponsored cyber group."
        ),
        expected(["US"], ["CN"], ["state-sponsored"], ["sanctions"]),
        id="the-designees-affiliation-in-the-next-sentence-is-part-of-the-sanction",
    ),
    pytest.param(
        make_entry(
            "Today, OFAC sanctioned Integrity Technology Group, a Beijing-based cybersecurity "
            "company, for its role in computer intrusions against U.S. victims."
        ),
        [],
        id="a-state-that-only-locates-the-designee",
    ),
    pytest.param(
        make_entry(
            "Treasury sanctioned two Iranian companies that worked for the IRGC over "
            "cyberattacks on water utilities."
        ),
        expected(["US"], ["IR"], ["state-agency"], ["sanctions"]),
        id="treasury-alone-sanctions-for-the-us",
    ),
    pytest.param(
        make_entry(
            "Die Einreiseverbote und Vermögenssperren richten sich gegen Hacker der Gruppe APT28, "
            "die dem russischen Militärgeheimdienst zugerechnet wird, teilte der Rat der EU mit.",
            language="de",
        ),
        expected(["EU"], ["RU"], ["state-agency"], ["sanctions"]),
        id="de-travel-bans-and-asset-freezes-are-sanctions",
    ),
    pytest.param(
        make_entry(
            "Die Hackergruppe APT 28, die dem russischen Militärgeheimdienst GRU zuzuordnen ist, "
            "steht bereits auf der Sanktionsliste der EU.",
            language="de",
        ),
        [],
        id="de-a-standing-sanction-is-recalled-not-reported",
    ),
    pytest.param(
        make_entry(
            "The researchers said the group, which is linked to the Chinese government, was "
            "sanctioned by OFAC last year."
        ),
        [],
        id="a-vendor-reporting-a-sanction-gets-no-sanctioner",
    ),
    pytest.param(
        make_entry(
            "The group has been linked to the Iranian government and has been sanctioned by the "
            "US Treasury. It uses the Dropbox API to exfiltrate files."
        ),
        [],
        id="a-vendor-profile-recalls-a-sanction",
    ),
    pytest.param(
        make_entry("OFAC designated three Russian oligarchs for supporting the war in Ukraine."),
        [],
        id="designation-not-cyber",
    ),
]


@pytest.mark.parametrize(("entry", "want"), ADVISORIES + INDICTMENTS + STATEMENTS + SANCTIONS)
def test_genres(entry, want):
    assert tags(entry) == want


def test_co_author_rows_say_they_come_from_the_list():
    entry = ADVISORIES[0].values[0]
    rows = [r for r in extract_attributions(entry) if r.party == "NZ"]
    assert rows and all("co-author of the advisory" in r.basis for r in rows)
    assert all("NCSC" in r.basis or "National Cyber Security Centre" in r.basis for r in rows)


def test_genre_words_are_rules_data_a_user_can_extend(tmp_path):
    text = "Crown prosecutors charged two Russian officers of the GRU over the cyber-attack."
    entry = make_entry(text)
    assert tags(entry) == []
    (tmp_path / "crown.json").write_text(
        json.dumps(
            {
                "kind": "attribution-genres",
                "description": "written for a test",
                "entries": [
                    {"role": "prosecutors", "pattern": r"\bCrown prosecutors\b", "state": "GB"}
                ],
            }
        )
    )
    lex = lexicon(load_rules([tmp_path]))
    assert tags(entry, lex) == expected(
        ["GB"], ["RU"], ["individuals", "state-agency"], ["indictment"]
    )


def test_shipped_genre_entries_are_distinct_and_valid():
    entries = shipped().of("attribution-genres")
    patterns = [e["pattern"] for e in entries]
    assert len(patterns) == len(set(patterns))  # the key: a duplicate would silently replace
    assert {e["role"] for e in entries} >= {"coauthors", "prosecutors", "charge", "cyber"}
    assert all(e["state"] == "US" for e in entries if e["role"] == "prosecutors")
