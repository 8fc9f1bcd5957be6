"""A list of states opened by a word for "including" whose first item is a body after an article
("darunter die EU, Großbritannien, Kanada und Japan"): every item is a victim or a place, none
speaks (issue 17, round twenty-six). Before the change the article hid the list opener, and a
state's token after a comma did not count as a further item, so the list was not followed past
the body. Self-written sentences; each failed before the change."""

from __future__ import annotations

import pytest

from conftest import attribution_tags_of, expected_attribution_tags

US_CN_AGENCY = expected_attribution_tags(["US"], [], ["CN"], ["state-agency"], ["statement"])


@pytest.mark.parametrize(
    "text",
    [
        "Hacker des chinesischen Ministeriums für Staatssicherheit haben Behörden in mehreren "
        "Staaten angegriffen, darunter die EU, Großbritannien, Kanada und Japan, teilte die "
        "US-Regierung mit.",
        "Hacker des chinesischen Ministeriums für Staatssicherheit haben Netze in vielen Ländern "
        "angegriffen, darunter die EU, Neuseeland, Kanada, Japan und Australien, teilte die "
        "US-Regierung mit.",
    ],
)
def test_a_list_after_darunter_is_followed_past_a_body(text):
    assert attribution_tags_of(text, "de") == US_CN_AGENCY
