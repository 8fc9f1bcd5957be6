"""Home offices a national paper names without their state, in the language's words:
"Laut Verteidigungsministerium" (de), "Według resortu cyfryzacji" (pl), "Volgens Defensie",
"Volgens Buitenlandse Zaken" (nl) are the home government's on the country's host (issue 17,
class "a ministry named without its state"). Each sentence is self-written; the positive ones
failed before attribution-cues.json listed these government nouns."""

from __future__ import annotations

import pytest

from conftest import attribution_parties_of as parties

DE = "steckt der russische Militärgeheimdienst GRU hinter dem Angriff."
NL = "zit de Russische militaire inlichtingendienst GRU achter de aanval."


@pytest.mark.parametrize(
    "language, text, url, want",
    [
        ("de", f"Laut Verteidigungsministerium {DE}", "https://zeitung.example.de/x", ["DE"]),
        (
            "pl",
            "Według resortu cyfryzacji za atakiem stoi rosyjski wywiad wojskowy GRU.",
            "https://wiadomosci.example.pl/x",
            ["PL"],
        ),
        ("nl", f"Volgens Defensie {NL}", "https://krant.example.nl/x", ["NL"]),
        ("nl", f"Volgens Buitenlandse Zaken {NL}", "https://krant.example.nl/x", ["NL"]),
        # a Belgian paper's "Defensie" is Belgium's
        ("nl", f"Volgens Defensie {NL}", "https://krant.example.be/x", ["BE"]),
        # no home paper, no home office
        ("nl", f"Volgens Defensie {NL}", "https://news.example.com/x", []),
    ],
)
def test_a_home_office_named_without_its_state(language, text, url, want):
    assert parties(text, language, url) == want
