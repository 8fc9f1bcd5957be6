"""A paper in a language only one state speaks (Czech, Polish) on a generic host (".org",
".com") is that state's national paper: an office it names without a state ("uvedlo
ministerstvo zahraničí") is that state's (issue 17, stage "a target, but no party"; dev text
cs12-czechnews-apt28). Each sentence is self-written; the positive ones failed before
core/attribution/document.py's _home read the generic host."""

from __future__ import annotations

import pytest

from conftest import attribution_tags_of as tags

CZECH = (
    "Útoky na české úřady odpovídaly profilu skupiny APT28, která je spojována s ruskou "
    "vojenskou tajnou službou GRU. V prohlášení to v pátek uvedlo ministerstvo zahraničí."
)
POLISH = (
    "Za cyberatakiem na polskie urzędy stoi rosyjski wywiad wojskowy GRU - "
    "poinformowało w piątek ministerstwo cyfryzacji."
)


@pytest.mark.parametrize(
    "language, text, url, party",
    [
        ("cs", CZECH, "https://czech-news.org/cesko-apt28", "CZ"),
        ("cs", CZECH, "https://zpravy.example.com/cesko-apt28", "CZ"),
        ("pl", POLISH, "https://wiadomosci.example.com/gru", "PL"),
    ],
)
def test_an_office_without_its_state_is_the_home_one_on_a_generic_host(language, text, url, party):
    got = tags(text, language, url)
    assert f'public-attribution:attributing-party="{party}"' in got
    assert 'public-attribution:attributed-state="RU"' in got


@pytest.mark.parametrize(
    "language, text, url",
    [
        # a language several states speak: the generic host says nothing of whose paper
        (
            "de",
            "Hinter dem Angriff steckt der russische Militärgeheimdienst GRU, teilte das "
            "Ministerium am Freitag mit.",
            "https://nachrichten.example.com/gru",
        ),
        # another state's country-code host stays that state's, not the language's
        ("cs", CZECH, "https://zpravy.example.sk/cesko-apt28"),
    ],
)
def test_no_home_government_where_the_host_does_not_say_it(language, text, url):
    assert not any("attributing-party" in t for t in tags(text, language, url))
