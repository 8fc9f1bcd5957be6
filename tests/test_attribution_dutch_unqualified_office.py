"""In a Dutch paper on a .nl host, an office named without its state ("Volgens het kabinet",
"het ministerie van Defensie") is the Dutch one even when the attributed state follows after a
verb and the article "de" ("... zit de Russische militaire inlichtingendienst GRU achter"):
Dutch "de" is the article, not the "de" of "ministre de France" (issue 17, stage "a target, but
no party"). Each sentence is self-written; the first two failed before attribution read the
state after a Dutch office only with "van"."""

from __future__ import annotations

import pytest

from conftest import attribution_parties_of

GRU = "zit de Russische militaire inlichtingendienst GRU achter de aanval."


def parties(text: str, url: str) -> list[str]:
    return attribution_parties_of(text, "nl", url)


@pytest.mark.parametrize(
    "text, url, want",
    [
        (f"Volgens het kabinet {GRU}", "https://nos.nl/x", ["NL"]),
        (f"Volgens het ministerie van Defensie {GRU}", "https://nos.nl/x", ["NL"]),
        # the state after "van" still qualifies the office
        (f"Volgens het kabinet van Duitsland {GRU}", "https://nos.nl/x", ["DE"]),
        (
            f"Volgens het ministerie van Buitenlandse Zaken van de Verenigde Staten {GRU}",
            "https://nos.nl/x",
            ["US"],
        ),
        # no home paper: an unqualified office names no state
        (f"Volgens het kabinet {GRU}", "https://news.example.com/x", []),
    ],
)
def test_a_dutch_office_named_without_its_state(text, url, want):
    assert parties(text, url) == want
