"""Output files: modes kept, new files as the umask says, unwritable paths a one-line error."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys

import pytest

from conftest import EU_DECLARATION, GALAXY

APT31 = "6bf7e6b6-5917-45a6-9567-f0baba79768c"


def run(*args, umask: int = 0o022):
    return subprocess.run(
        [sys.executable, "-m", "misp_module.cli", *args],
        capture_output=True,
        text=True,
        timeout=300,
        preexec_fn=lambda: os.umask(umask),
    )


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.fixture
def checkout(tmp_path):
    """A misp-galaxy checkout whose APT31 lacks the EU declaration's URL (so it gets written)."""
    repo = tmp_path / "misp-galaxy"
    shutil.copytree(GALAXY, repo)
    path = repo / "clusters" / "threat-actor.json"
    data = json.loads(path.read_text())
    for v in data["values"]:
        if v["uuid"] == APT31:
            v["meta"]["refs"] = [r for r in v["meta"]["refs"] if "consilium.europa.eu" not in r]
    path.write_text(json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n")
    return repo


@pytest.mark.parametrize("old_mode", [0o644, 0o640])
def test_galaxy_regenerate_keeps_the_mode_of_the_files_it_replaces(checkout, tmp_path, old_mode):
    clusters = checkout / "clusters" / "threat-actor.json"
    os.chmod(clusters, old_mode)
    before = clusters.read_bytes()
    out = tmp_path / "out"
    done = run(
        "galaxy", "regenerate", "--records", str(EU_DECLARATION), "--out", str(out),
        "--galaxy-dir", str(checkout),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert clusters.read_bytes() != before  # replaced, not left alone
    assert mode(clusters) == old_mode
    # New files: what the umask gives (0644 under the usual 022), never 0600.
    for path in (
        out / "clusters" / "public-attribution.json",
        out / "galaxies" / "public-attribution.json",
    ):
        assert mode(path) == 0o644, path


def test_new_files_follow_the_umask(tmp_path):
    assert run("taxonomy", "--out", str(tmp_path / "a.json"), umask=0o027).returncode == 0
    assert mode(tmp_path / "a.json") == 0o640
    assert run("taxonomy", "--out", str(tmp_path / "b.json")).returncode == 0
    assert mode(tmp_path / "b.json") == 0o644


def test_taxonomy_and_match_outputs_keep_the_mode_they_had(tmp_path):
    for path in (tmp_path / "m.json", tmp_path / "lines.jsonl"):
        path.write_text("old\n")
        os.chmod(path, 0o604)
    assert run("taxonomy", "--out", str(tmp_path / "m.json")).returncode == 0
    done = run("match", "-q", str(EU_DECLARATION), "-o", str(tmp_path / "lines.jsonl"))
    assert done.returncode == 0, done.stderr
    for path in (tmp_path / "m.json", tmp_path / "lines.jsonl"):
        assert mode(path) == 0o604 and path.read_text() != "old\n"
    assert json.loads((tmp_path / "lines.jsonl").read_text())["sha1"].startswith("fea6b7")
    assert not list(tmp_path.glob(".*.tmp"))


@pytest.mark.parametrize(
    "args, where",
    [
        (["match", str(EU_DECLARATION), "-o", "{f}/lines.jsonl"], "{f}/lines.jsonl"),
        (["taxonomy", "--out", "{f}/t.json"], "{f}/t.json"),
        (["galaxy", "regenerate", "--records", str(EU_DECLARATION), "--out", "{f}/out"], "{f}/out"),
        (
            [
                "galaxy",
                "regenerate",
                "--records",
                str(EU_DECLARATION),
                "--out",
                "{d}/ok",
                "--galaxy-dir",
                "{f}",
            ],
            "{f}/clusters",
        ),
    ],
)
def test_unwritable_output_paths_are_one_line_errors(tmp_path, args, where):
    # A regular file where a directory must be: unwritable even for root.
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    subst = {"f": str(blocker), "d": str(tmp_path)}
    done = run(*(a.format(**subst) for a in args))
    assert done.returncode == 2
    assert (
        done.stderr.strip()
        == f"orkl-misp: {where.format(**subst)}: cannot write ({blocker} is not a directory)"
    )
    assert done.stdout == ""
