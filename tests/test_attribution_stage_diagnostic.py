"""The attribution benchmark's stage diagnostic (evaluate.py score --stages): for each gold
(attributing party, attributed state) of a positive text, the first pipeline stage that lost it.
Counts only; a sealed split (fresh, fresh2) never has a text named. Made-up texts and labels in
tmp_path.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json

import pytest

from conftest import ROOT


@pytest.fixture()
def evaluate():
    spec = importlib.util.spec_from_file_location(
        "bench_evaluate_stages", ROOT / "benchmarks/accuracy/attribution/evaluate.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _row(text: str, language: str = "en") -> dict:
    return {
        "id": "x",
        "url": "https://news.example/a",
        "language": language,
        "title": "",
        "text": text,
    }


@pytest.mark.parametrize(
    ("text", "stage"),
    [
        ("The United Kingdom attributes the cyber attack to Russia's GRU.", "found"),
        ("Russia and the United Kingdom met today to talk about trade.", "no cue word"),
        ("The cyber attack was attributed to Russia's GRU, the report says.", "no party"),
        (
            "The United Kingdom said the cyber attack was possibly carried out by Russia's GRU.",
            "hedged",
        ),
        ("The United Kingdom did not attribute the cyber attack to Russia.", "dropped"),
        ("France attributes the cyber attack to Russia's GRU.", "another party"),
        (
            "Russia is big. The United Kingdom attributes the cyber attack to hackers.",
            "in no cue sentence",
        ),
    ],
)
def test_each_gold_attribution_gets_the_stage_that_lost_it(evaluate, text, stage):
    (got,) = evaluate.stages_of(_row(text), [("GB", "RU")])
    assert got in evaluate.STAGES
    assert stage in got


def test_a_language_without_words_is_lost_before_any_stage(evaluate):
    got = evaluate.stages_of(_row("Великобритания обвинила Россию.", "ru"), [("GB", "RU")])
    assert got == ["language not attempted"]


_TEXTS = {
    "dev-found": "The United Kingdom attributes the cyber attack to Russia's GRU.",
    "dev-lost": "The cyber attack was attributed to Russia's GRU, the report says.",
    "sealed-one": "France attributes the cyber attack to Russia's GRU.",
    "sealed-two": "The cyber attack was attributed to Russia's GRU, the report says.",
}


@pytest.fixture()
def benchmark(tmp_path, evaluate, monkeypatch):
    gold = {"attributing-party": ["GB"], "attributed-state": ["RU"]}
    rows = []
    for text_id, text in _TEXTS.items():
        split = {"sealed-one": "fresh", "sealed-two": "fresh2"}.get(text_id, "dev")
        labels = {p: gold.get(p, []) for p in evaluate.PREDICATES}
        sha1 = hashlib.sha1(text.encode()).hexdigest()
        rows.append(
            {
                "id": text_id,
                "url": f"https://n.example/{text_id}",
                "language": "en",
                "split": split,
                "sha1": sha1,
                "labels": labels,
            }
        )
    (tmp_path / "labels.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    cache = tmp_path / "texts.jsonl"
    cache.write_text(
        "".join(
            json.dumps({"id": i, "url": "u", "language": "en", "title": "", "text": t}) + "\n"
            for i, t in _TEXTS.items()
        )
    )
    monkeypatch.setattr(evaluate, "LABELS", tmp_path / "labels.jsonl")
    monkeypatch.setattr(evaluate, "CACHE", cache)
    return evaluate


def _count(out: str, stage: str) -> int:
    line = next(line for line in out.splitlines() if line.startswith(stage))
    return int(line[46:52])


@pytest.mark.parametrize("split", ["fresh", "fresh2"])
def test_a_sealed_split_prints_stage_counts_and_no_id(benchmark, capsys, split):
    assert benchmark.main(["score", "--stages", "--split", split]) == 0
    out = capsys.readouterr().out
    assert "1 gold (party, state) pairs in 1 positive texts" in out
    stage = "target, another party" if split == "fresh" else "target, but no party"
    assert _count(out, stage) == 1
    assert "sealed" not in out and "n.example" not in out


@pytest.mark.parametrize("split", ["fresh", "fresh2"])
def test_stages_with_errors_are_refused_on_a_sealed_split(benchmark, capsys, split):
    with pytest.raises(SystemExit) as exit_:
        benchmark.main(["score", "--stages", "--split", split, "--errors"])
    assert exit_.value.code == 2
    assert f"refused on the {split} split" in capsys.readouterr().err


def test_all_splits_with_errors_name_dev_texts_and_never_a_sealed_one(benchmark, capsys):
    assert benchmark.main(["score", "--stages", "--split", "all", "--errors"]) == 0
    out = capsys.readouterr().out
    assert "4 gold (party, state) pairs in 4 positive texts" in out
    assert _count(out, "found") == 1 and _count(out, "target, but no party") == 2
    assert "dev-lost GB->RU" in out
    assert "sealed" not in out
