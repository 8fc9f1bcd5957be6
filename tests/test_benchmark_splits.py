"""The accuracy benchmarks' fresh split: its own rows, rebuilt like the others, never shown.

The fresh split is the honest measure of generalisation (nobody tunes on it), so the scripts
print only its aggregate figures. These tests use made-up labels and texts in tmp_path.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import subprocess

import pytest

from conftest import GALAXY, ROOT


def _load(name, path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture()
def evaluate():
    return _load("bench_evaluate", ROOT / "benchmarks/accuracy/attribution/evaluate.py")


@pytest.fixture()
def score():
    return _load("bench_score", ROOT / "benchmarks/accuracy/clusters/score.py")


def _sha1(data: bytes) -> str:
    return hashlib.sha1(data).hexdigest()


def test_a_label_marked_fresh_is_in_the_fresh_split_and_others_keep_their_sha1_split(evaluate):
    assert evaluate.split_of({"id": "x", "split": "fresh"}) == "fresh"
    ids = [f"text-{i}" for i in range(30)]
    splits = {evaluate.split_of({"id": i}) for i in ids}
    assert splits == {"dev", "heldout"}
    for i in ids:  # unchanged: a third held out by the sha1 of the id
        want = "heldout" if int(_sha1(i.encode()), 16) % 3 == 0 else "dev"
        assert evaluate.split_of({"id": i}) == want


def _attribution_labels(tmp_path, evaluate, monkeypatch):
    texts = {"old-1": "An old text.", "fresh-1": "A fresh text."}
    labels = tmp_path / "labels.jsonl"
    empty = {p: [] for p in evaluate.PREDICATES}
    rows = [
        {"id": "old-1", "url": "https://a.example/1", "language": "en", "labels": empty},
        {"id": "fresh-1", "url": "https://b.example/2", "language": "de", "split": "fresh"},
    ]
    rows[1]["labels"] = empty
    for row in rows:
        row["sha1"] = _sha1(texts[row["id"]].encode())
    labels.write_text("".join(json.dumps(r) + "\n" for r in rows))
    monkeypatch.setattr(evaluate, "LABELS", labels)
    monkeypatch.setattr(evaluate, "CACHE", tmp_path / "out" / "texts.jsonl")
    monkeypatch.setattr(evaluate, "REGATHERED", tmp_path / "regathered.jsonl")
    return texts


def test_rebuild_reads_every_from_file_and_keeps_texts_whose_sha1_is_labelled(
    tmp_path, evaluate, monkeypatch
):
    texts = _attribution_labels(tmp_path, evaluate, monkeypatch)
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    one.write_text(json.dumps({"id": "old-1", "text": texts["old-1"]}) + "\n")
    two.write_text(
        json.dumps({"url": "https://b.example/2", "text": texts["fresh-1"]})
        + "\n"
        + json.dumps({"id": "old-1", "text": "changed since labelled"})
        + "\n"
    )
    assert evaluate.main(["rebuild", "--from", str(one), "--from", str(two)]) == 0
    cached = evaluate.load_cache()
    assert sorted(cached) == ["fresh-1", "old-1"]
    assert cached["old-1"]["text"] == texts["old-1"]
    assert cached["fresh-1"]["language"] == "de"


def test_regather_caches_an_excerpt_records_its_sha1_and_rebuild_then_accepts_it(
    tmp_path, evaluate, monkeypatch, capsys
):
    texts = _attribution_labels(tmp_path, evaluate, monkeypatch)
    folder = tmp_path / "texts"
    folder.mkdir()
    # old-1's page now gives a longer excerpt than the labelled passage; fresh-1's is the same
    excerpt = "A line before. " + texts["old-1"] + " A line after.\n"
    (folder / "old-1.txt").write_text(excerpt)
    (folder / "fresh-1.txt").write_text(texts["fresh-1"])
    manifest = tmp_path / "m.jsonl"
    rows = [
        {"id": "old-1", "url": "https://a.example/1", "query": "old text"},
        {"id": "fresh-1", "url": "https://b.example/2", "query": "fresh text"},
        {"id": "nobody", "url": "https://c.example/3", "query": "q"},
        {"id": "old-1", "url": "https://a.example/other", "query": "q"},
    ]
    manifest.write_text("".join(json.dumps(r) + "\n" for r in rows))
    code = evaluate.main(["regather", "--texts", str(folder), "--manifest", str(manifest)])
    out = capsys.readouterr().out
    assert code == 1  # two bad manifest rows, each named with its line
    assert "m.jsonl:3: no label has the id 'nobody'" in out
    assert "m.jsonl:4: old-1: url 'https://a.example/other' is not the label's" in out
    assert "1 the labelled passage, 1 re-gathered" in out
    cached = evaluate.load_cache()
    assert cached["old-1"]["text"] == excerpt.rstrip()  # trailing white space dropped
    again = evaluate.load_regathered()
    assert list(again) == ["old-1"]  # the identical excerpt needs no record
    assert again["old-1"]["sha1"] == _sha1(excerpt.rstrip().encode())
    assert again["old-1"]["query"] == "old text"
    # the recorded sha1 lets a later rebuild take the same excerpt, and only it
    saved = tmp_path / "saved.jsonl"
    saved.write_text(
        json.dumps({"id": "old-1", "text": excerpt.rstrip()})
        + "\n"
        + json.dumps({"id": "fresh-1", "text": texts["fresh-1"] + " edited"})
        + "\n"
    )
    assert evaluate.main(["rebuild", "--from", str(saved)]) == 1  # fresh-1 is changed
    assert sorted(evaluate.load_cache()) == ["old-1"]
    evaluate.main(["score", "--split", "all"])
    assert "1 texts scored (1 negatives; 1 re-gathered), 1 missing" in capsys.readouterr().out


def test_errors_are_refused_on_the_fresh_split(tmp_path, evaluate, monkeypatch, capsys):
    _attribution_labels(tmp_path, evaluate, monkeypatch)
    with pytest.raises(SystemExit) as exit_:
        evaluate.main(["score", "--split", "fresh", "--errors"])
    assert exit_.value.code == 2
    assert "refused on the fresh split" in capsys.readouterr().err


def test_show_is_refused_on_the_fresh_split(score, capsys):
    with pytest.raises(SystemExit) as exit_:
        score.main(["--split", "fresh", "--show", "wrong"])
    assert exit_.value.code == 2
    assert "refused on the fresh split" in capsys.readouterr().err


def test_a_batch_by_its_note_is_scored_on_dev_and_refused_on_fresh(
    tmp_path, score, monkeypatch, capsys
):
    text = b"APT28 sent the lure; APT28 then deployed its implant."
    item = {"title": "A report", "url": "https://vendor.example/a", "extra": []}
    labels = {
        "reports": [
            {**item, "id": "new", "sha1": _sha1(text), "split": "dev", "notes": "round six"},
            {**item, "id": "old", "sha1": "0" * 40, "split": "dev", "notes": ""},
        ]
    }
    (tmp_path / "labels.json").write_text(json.dumps(labels))
    (tmp_path / "cache").mkdir()
    (tmp_path / "cache" / "new.txt").write_bytes(text)  # the other report is not even cached
    monkeypatch.setattr(score, "LABELS", tmp_path / "labels.json")
    monkeypatch.setattr(score, "CACHE", tmp_path / "cache")
    args = ["--split", "dev", "--note", "round six", "--galaxy-dir", str(GALAXY)]
    assert score.main(args) == 0
    assert "text dev      both         n=  1" in capsys.readouterr().out
    # a note could single out one fresh report: --note never scores the fresh split
    for split in (["--split", "fresh"], []):
        with pytest.raises(SystemExit) as exit_:
            score.main([*split, "--note", "round six"])
        assert exit_.value.code == 2
        assert "the fresh split is scored only whole" in capsys.readouterr().err


def _git(repo, *args):
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True)


def test_rebuild_takes_each_text_from_the_clone_that_holds_its_commit(tmp_path, score, monkeypatch):
    items = []
    for name in ("first", "second"):
        repo = tmp_path / name
        repo.mkdir()
        _git(repo, "init", "-q")
        (repo / "report.txt").write_bytes(f"A report kept in {name}.".encode())
        _git(repo, "add", "report.txt")
        _git(repo, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "report")
        commit = subprocess.run(
            ["git", "-C", str(repo), "rev-parse", "HEAD"], capture_output=True, text=True
        ).stdout.strip()
        items.append(
            {
                "id": f"{name}-report",
                "source": {"repo": f"someone/{name}", "path": "report.txt", "commit": commit},
                "sha1": _sha1(f"A report kept in {name}.".encode()),
            }
        )
    monkeypatch.setattr(score, "CACHE", tmp_path / "cache")
    score.rebuild(items, [tmp_path / "first", tmp_path / "second"])
    assert (tmp_path / "cache" / "first-report.txt").read_bytes() == b"A report kept in first."
    assert (tmp_path / "cache" / "second-report.txt").read_bytes() == b"A report kept in second."


def test_one_split_scores_from_a_cache_that_lacks_the_other_splits_texts(
    tmp_path, score, monkeypatch, capsys
):
    text = b"APT28 sent the lure; APT28 then deployed its implant."
    item = {"title": "A report", "url": "https://vendor.example/a", "extra": []}
    labels = {
        "reports": [
            {**item, "id": "dev-report", "sha1": _sha1(text), "split": "dev"},
            {**item, "id": "fresh-report", "sha1": "0" * 40, "split": "fresh"},
        ]
    }
    (tmp_path / "labels.json").write_text(json.dumps(labels))
    (tmp_path / "cache").mkdir()
    (tmp_path / "cache" / "dev-report.txt").write_bytes(text)  # the fresh text is not cached
    monkeypatch.setattr(score, "LABELS", tmp_path / "labels.json")
    monkeypatch.setattr(score, "CACHE", tmp_path / "cache")
    assert score.main(["--split", "dev", "--galaxy-dir", str(GALAXY)]) == 0
    assert "text dev      both         n=  1" in capsys.readouterr().out
    with pytest.raises(SystemExit, match="fresh-report.txt: not cached"):
        score.main(["--galaxy-dir", str(GALAXY)])


def test_a_dirty_fresh_negative_is_counted_but_never_named(tmp_path, evaluate, monkeypatch, capsys):
    texts = _attribution_labels(tmp_path, evaluate, monkeypatch)
    cache = tmp_path / "out" / "texts.jsonl"
    cache.parent.mkdir(parents=True)
    cache.write_text(
        "".join(json.dumps({"id": i, "text": t, "language": "en"}) + "\n" for i, t in texts.items())
    )
    tagged = {p: set() for p in evaluate.PREDICATES} | {"attributing-party": {"US"}}
    monkeypatch.setattr(evaluate, "predicted", lambda row: tagged)  # every text tagged
    assert evaluate.main(["score", "--split", "all"]) == 0
    out = capsys.readouterr().out
    assert "negatives clean: 0/2" in out
    assert "old-1" in out and "fresh-1" not in out


def _sealed_labels(tmp_path, evaluate, monkeypatch):
    """Three negatives, one per kind of split: dev by sha1, fresh, fresh2; all cached."""
    texts = {"old-1": "An old text.", "fresh-1": "A fresh text.", "fresh2-1": "A sealed text."}
    splits = {"old-1": None, "fresh-1": "fresh", "fresh2-1": "fresh2"}
    empty = {p: [] for p in evaluate.PREDICATES}
    rows = []
    for i, (text_id, text) in enumerate(texts.items()):
        row = {"id": text_id, "url": f"https://t{i}.example/", "language": "en", "labels": empty}
        if splits[text_id]:
            row["split"] = splits[text_id]
        rows.append(row | {"sha1": _sha1(text.encode())})
    (tmp_path / "labels.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    cache = tmp_path / "out" / "texts.jsonl"
    cache.parent.mkdir(parents=True)
    cache.write_text(
        "".join(json.dumps({"id": i, "text": t, "language": "en"}) + "\n" for i, t in texts.items())
    )
    monkeypatch.setattr(evaluate, "LABELS", tmp_path / "labels.jsonl")
    monkeypatch.setattr(evaluate, "CACHE", cache)
    monkeypatch.setattr(evaluate, "REGATHERED", tmp_path / "regathered.jsonl")
    tagged = {p: set() for p in evaluate.PREDICATES} | {"attributing-party": {"US"}}
    monkeypatch.setattr(evaluate, "predicted", lambda row: tagged)  # every text tagged


def test_errors_are_refused_on_the_fresh2_split(tmp_path, evaluate, monkeypatch, capsys):
    _sealed_labels(tmp_path, evaluate, monkeypatch)
    assert evaluate.split_of({"id": "x", "split": "fresh2"}) == "fresh2"
    with pytest.raises(SystemExit) as exit_:
        evaluate.main(["score", "--split", "fresh2", "--errors"])
    assert exit_.value.code == 2
    assert "--errors is refused on the fresh2 split" in capsys.readouterr().err


def test_fresh2_is_scored_whole_and_its_dirty_negative_is_counted_but_never_named(
    tmp_path, evaluate, monkeypatch, capsys
):
    _sealed_labels(tmp_path, evaluate, monkeypatch)
    assert evaluate.main(["score", "--split", "fresh2"]) == 0
    out = capsys.readouterr().out
    assert "split=fresh2: 1 texts scored (1 negatives; 0 re-gathered), 0 missing" in out
    assert "negatives clean: 0/1 dirty: ['(a fresh2 text)']" in out
    assert "fresh2-1" not in out
    # 'all' includes fresh2; its errors, like fresh's, are left out of --errors
    assert evaluate.main(["score", "--split", "all", "--errors"]) == 0
    out = capsys.readouterr().out
    assert "split=all: 3 texts scored (3 negatives; 0 re-gathered)" in out
    assert "old-1" in out and "fresh-1" not in out and "fresh2-1" not in out
    assert "(a fresh text)" in out and "(a fresh2 text)" in out


def test_show_and_note_are_refused_on_the_fresh2_split(score, capsys):
    with pytest.raises(SystemExit) as exit_:
        score.main(["--split", "fresh2", "--show", "wrong"])
    assert exit_.value.code == 2
    assert "--show is refused on the fresh2 split" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exit_:
        score.main(["--split", "fresh2", "--note", "seed"])
    assert exit_.value.code == 2
    assert "the fresh2 split is scored only whole" in capsys.readouterr().err


def _cluster_labels(tmp_path, score, monkeypatch, text: bytes, fresh2_sha1: str):
    """A dev report and a fresh2 report, both telling of APT28, both cached."""
    item = {"title": "A report", "url": "https://vendor.example/a", "extra": [], "notes": ""}
    labels = {
        "reports": [
            {**item, "id": "dev-report", "sha1": _sha1(text), "split": "dev"},
            {**item, "id": "sealed-report", "sha1": fresh2_sha1, "split": "fresh2"},
        ]
    }
    (tmp_path / "labels.json").write_text(json.dumps(labels))
    (tmp_path / "cache").mkdir()
    for name in ("dev-report", "sealed-report"):
        (tmp_path / "cache" / f"{name}.txt").write_bytes(text)
    monkeypatch.setattr(score, "LABELS", tmp_path / "labels.json")
    monkeypatch.setattr(score, "CACHE", tmp_path / "cache")
    return labels["reports"]


def test_fresh2_is_scored_whole_counted_in_all_and_never_shown(
    tmp_path, score, monkeypatch, capsys
):
    text = b"APT28 sent the lure; APT28 then deployed its implant."
    _cluster_labels(tmp_path, score, monkeypatch, text, _sha1(text))
    galaxy = ["--galaxy-dir", str(GALAXY)]
    assert score.main(["--split", "fresh2", *galaxy]) == 0
    out = capsys.readouterr().out
    assert "text fresh2   both         n=  1" in out
    assert "url  fresh2   both         n=  1" in out
    assert "dev-report" not in out and "sealed-report" not in out
    for split in (["--split", "all"], []):
        assert score.main([*split, "--show", "all", *galaxy]) == 0
        out = capsys.readouterr().out
        assert "text all      both         n=  2" in out
        assert "dev-report" in out  # the dev split's tags are shown
        assert "sealed-report" not in out  # the fresh2 split's never are
    assert "text fresh2   both         n=  1" in out  # every split's figures without --split


def test_rebuild_copies_fresh2_texts_and_checks_their_sha1(tmp_path, score, monkeypatch):
    repo = tmp_path / "clone"
    repo.mkdir()
    _git(repo, "init", "-q")
    (repo / "report.txt").write_bytes(b"A sealed report.")
    _git(repo, "add", "report.txt")
    _git(repo, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "report")
    commit = subprocess.run(
        ["git", "-C", str(repo), "rev-parse", "HEAD"], capture_output=True, text=True
    ).stdout.strip()
    source = {"repo": "someone/clone", "path": "report.txt", "commit": commit}
    items = [
        {"id": "sealed", "split": "fresh2", "source": source, "sha1": _sha1(b"A sealed report.")},
        {"id": "changed", "split": "fresh2", "source": source, "sha1": "0" * 40},
    ]
    monkeypatch.setattr(score, "CACHE", tmp_path / "cache")
    score.rebuild(items, [repo])
    assert (tmp_path / "cache" / "sealed.txt").read_bytes() == b"A sealed report."
    assert not (tmp_path / "cache" / "changed.txt").exists()  # a sha1 that differs: not cached
