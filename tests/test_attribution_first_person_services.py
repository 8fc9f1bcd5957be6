"""A speaker's "our services" ("Analiza naszych służb", "Informationen unserer
Nachrichtendienste", "nos services de renseignement") in a national paper: the services are
the home state's, and so is the attribution (issue 17, stage "a target, but no party"; dev text
pl12-wmeritum-morawiecki). Each sentence is self-written; the positive ones failed before
attribution-cues.json listed the first-person services as government nouns."""

from __future__ import annotations

import pytest

from conftest import attribution_parties_of as parties

POLISH = (
    "„Analiza naszych służb pozwala stwierdzić, że atak cybernetyczny został przeprowadzony z "
    "terenu Federacji Rosyjskiej” – informuje Jan Kowalski."
)


@pytest.mark.parametrize(
    "language, text, url, want",
    [
        ("pl", POLISH, "https://wiadomosci.example.pl/x", ["PL"]),
        (
            "de",
            "Nach Informationen unserer Nachrichtendienste steckt der russische "
            "Militärgeheimdienst GRU hinter dem Angriff.",
            "https://zeitung.example.de/x",
            ["DE"],
        ),
        (
            "fr",
            "Selon nos services de renseignement, l'attaque a été menée par le renseignement "
            "militaire russe GRU.",
            "https://journal.example.fr/x",
            ["FR"],
        ),
        # no national paper: whose "our" it is stays unknown
        ("pl", POLISH, "https://news.example.de/x", []),
    ],
)
def test_our_services_are_the_home_states(language, text, url, want):
    assert parties(text, language, url) == want
