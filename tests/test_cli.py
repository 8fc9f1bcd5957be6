"""The command line, run as a user runs it: a real process, its output and exit status."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from conftest import EU_DECLARATION, GALAXY, OPENCTI


def run(*args, stdin=None):
    env = dict(os.environ)
    return subprocess.run(
        [sys.executable, "-m", "misp_module.cli", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def test_enrich_prints_module_results_and_is_deterministic():
    first = run("enrich", str(EU_DECLARATION))
    second = run("enrich", str(EU_DECLARATION))
    assert first.returncode == 0, first.stderr
    assert first.stdout == second.stdout
    results = json.loads(first.stdout)["results"]
    assert set(results) == {"Attribute", "Object", "EventReport", "Tag"}
    (obj,) = results["Object"]
    assert obj["name"] == "report"
    relations = {(a["object_relation"], a["value"]) for a in obj["Attribute"]}
    assert (
        "link",
        "https://archive.orkl.eu/fea6b7aed1e060e78366ceb11657592c0c3694a8.pdf",
    ) in relations
    assert ("type", "Report") in relations
    (report,) = results["EventReport"]
    assert '@[tag](misp-galaxy:threat-actor="APT40")' in report["content"]
    tags = [t["name"] for t in results["Tag"]]
    assert 'misp-galaxy:threat-actor="APT40"' in tags


def test_enrich_reads_stdin_and_envelopes():
    result = run("enrich", "-", stdin=OPENCTI.read_text())
    assert result.returncode == 0, result.stderr
    assert 'misp-galaxy:threat-actor=\\"GhostEmperor\\"' in result.stdout


def test_enrich_bad_entry_exits_2_without_traceback(tmp_path):
    bad = json.loads(OPENCTI.read_text())["data"]
    bad["plain_text"] = 5
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(bad))
    result = run("enrich", str(path))
    assert result.returncode == 2
    assert (
        result.stderr.strip()
        == f"orkl-misp: {path}: entry 1 (sha1 5ac8…): plain_text must be a string or null"
    )
    assert "Traceback" not in result.stderr and result.stdout == ""


def test_enrich_missing_file():
    result = run("enrich", "/nonexistent/entry.json")
    assert (
        result.returncode == 2
        and "no such file" in result.stderr
        and "Traceback" not in result.stderr
    )


def test_match_writes_a_line_per_entry_and_skips_bad_ones(tmp_path):
    bad = {"sha1_hash": "0" * 40, "plain_text": []}
    dump = tmp_path / "dump.json"
    dump.write_text(json.dumps([json.loads(EU_DECLARATION.read_text()), bad]))
    result = run("match", str(dump), str(OPENCTI), "--galaxy-dir", str(GALAXY))
    assert result.returncode == 2
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["sha1"][:6] for line in lines] == ["fea6b7", "5ac892"]
    eu = lines[0]
    assert {"sha1", "title", "tags", "clusters", "attributions"} <= set(eu)
    apt40 = next(c for c in eu["clusters"] if c["value"] == "APT40")
    assert apt40["uuid"] and apt40["confidence"] >= 0.95
    assert {e["kind"] for e in apt40["evidence"]} == {"reference", "text"}
    assert "entry 2 (sha1 0000…): plain_text must be a string or null (skipped)" in result.stderr
    assert "matched 2 entries" in result.stderr


def test_help_on_every_command():
    from misp_module.cli import build_parser

    commands = build_parser()._subparsers._group_actions[0].choices
    for cmd in (
        [],
        *([c] for c in commands),
        ["galaxy", "regenerate"],
        ["galaxy", "archive-links"],
    ):
        result = run(*cmd, "--help")
        assert result.returncode == 0 and "usage: orkl-misp" in result.stdout, cmd


def test_taxonomy_command_prints_the_shipped_taxonomy(tmp_path):
    from misp_module.core.taxonomy import shipped_machinetag

    assert run("taxonomy").stdout == shipped_machinetag()
    assert run("taxonomy", "--out", str(tmp_path / "m.json")).returncode == 0
    assert (tmp_path / "m.json").read_text() == shipped_machinetag()


def test_bad_option_values_are_refused():
    result = run("match", str(EU_DECLARATION), "--threshold", "2")
    assert result.returncode == 2 and "must be between 0 and 1" in result.stderr
    result = run("enrich", str(EU_DECLARATION), "--galaxy-dir", "/nonexistent")
    assert result.returncode == 2 and "no cluster file for galaxy 'threat-actor'" in result.stderr
