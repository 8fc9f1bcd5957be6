"""An office several governments name alike ("National Police Agency" is Japan's, South Korea's
and Taiwan's; offices.json ``shared-with``) speaks for the one of those states the text names
most, and for nobody when the text names none of them (issue 17, class "National Police Agency
read as Japan's in Korean news"). The sentences are self-written; the Korean ones gave Japan as
the attributing party before the change."""

from __future__ import annotations

import pytest

from conftest import attribution_parties_of

ACT = (
    "the National Police Agency said the hacking of the exchange was carried out by the "
    "Lazarus group of North Korea's Reconnaissance General Bureau."
)


@pytest.mark.parametrize(
    "text, want",
    [
        # Korean news: South Korea named, Japan not
        (f"A South Korean crypto exchange lost its coins in 2019. In Seoul, {ACT}", ["KR"]),
        # Japanese news: Japan named
        (f"A Japanese crypto exchange lost its coins in 2019. On Wednesday, {ACT}", ["JP"]),
        # Taiwanese news: Taiwan named
        (f"A Taiwanese crypto exchange lost its coins in 2019. In Taipei, {ACT}", ["TW"]),
        # neither named: nobody's office, no party rather than a guess
        (f"A crypto exchange lost its coins in 2019. {ACT[0].upper()}{ACT[1:]}", []),
    ],
)
def test_a_shared_office_name_is_the_state_the_text_names(text, want):
    assert attribution_parties_of(text) == want


def test_the_office_of_a_single_government_is_unaffected():
    text = f"A crypto exchange lost its coins in 2019. {ACT.replace('the National Police Agency', 'The FBI')}"
    assert attribution_parties_of(text) == ["US"]
