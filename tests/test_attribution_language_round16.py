"""Public attribution in languages other than English, round sixteen: the error classes found
on the benchmark's new dev texts (benchmarks/accuracy/attribution, ids <lang>16-*: government
statements, indictments, sanctions, denials and speculation in seven languages). Each sentence
is self-written and failed before the rule it names."""

from __future__ import annotations

import pytest

from conftest import attribution_tags_of as tags


# A modal of possibility before the act ("could have been carried out by") is a doubt, as
# "possibly" is (attribution-cues.json, role hedge; German "dürfte", not the reported "könnte").
@pytest.mark.parametrize(
    "text, language",
    [
        pytest.param(
            "Česká vláda uvedla, že kybernetický útok na ministerstvo mohl být veden ze strany "
            "Ruska.",
            "cs",
            id="cs-mohl-být",
        ),
        pytest.param(
            "Polski rząd poinformował, że cyberatak na serwery ministerstwa mógł zostać "
            "przeprowadzony przez Rosję.",
            "pl",
            id="pl-mógł-zostać",
        ),
        pytest.param(
            "Il governo italiano ha dichiarato che l'attacco informatico potrebbe essere stato "
            "condotto dalla Russia.",
            "it",
            id="it-potrebbe",
        ),
        pytest.param(
            "De Nederlandse regering verklaarde dat de cyberaanval door Rusland uitgevoerd zou "
            "kunnen zijn.",
            "nl",
            id="nl-zou-kunnen",
        ),
        pytest.param(
            "Die Bundesregierung erklärte, hinter dem Cyberangriff dürfte Russland stecken.",
            "de",
            id="de-dürfte",
        ),
    ],
)
def test_a_modal_of_possibility_is_no_attribution(text, language):
    assert tags(text, language) == []
