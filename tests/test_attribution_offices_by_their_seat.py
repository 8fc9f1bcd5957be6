"""Government offices news names by their seat or their own name, with no state beside them:
"selon Matignon", "Viginum", "Palazzo Chigi", "la Moncloa", Poland's SKW and ABW in full and in
their cases (issue 17, class "selon/secondo/según/według + office"). Each sentence is
self-written, on a generic host (no home paper to fall back on); the positive ones failed
before offices.json listed them."""

from __future__ import annotations

import pytest

from conftest import attribution_parties_of

FR = "l'attaque a été menée par le renseignement militaire russe GRU."
PL = "za atakiem stoi rosyjski wywiad wojskowy GRU."


def parties(text: str, language: str) -> list[str]:
    return attribution_parties_of(text, language, "https://news.example.com/x")


@pytest.mark.parametrize(
    "language, text, want",
    [
        ("fr", f"Selon Matignon, {FR}", ["FR"]),
        ("fr", f"Selon Viginum, {FR}", ["FR"]),
        (
            "it",
            "Secondo Palazzo Chigi, l'attacco è opera dell'intelligence militare russa GRU.",
            ["IT"],
        ),
        (
            "es",
            "Según la Moncloa, el ataque fue obra del servicio de inteligencia militar ruso GRU.",
            ["ES"],
        ),
        ("pl", f"Według SKW {PL}", ["PL"]),
        ("pl", f"Według Agencji Bezpieczeństwa Wewnętrznego {PL}", ["PL"]),
        # a person's name (a capitalised word after the seat) is not the office
        ("fr", f"Selon Matignon Dupont, {FR}", []),
    ],
)
def test_an_office_by_its_seat_or_name(language, text, want):
    assert parties(text, language) == want
