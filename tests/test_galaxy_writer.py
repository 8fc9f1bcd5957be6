"""Galaxy JSON for maintainers: the public-attribution galaxy and refs for existing clusters."""

from __future__ import annotations

import copy
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from misp_module.core import files
from misp_module.core.enrich import Enricher
from misp_module.core.reader import read_entries
from misp_module.galaxy import writer as galaxy_writer
from misp_module.galaxy.writer import GALAXY_TYPE, dumps_preserving, plan, write

from conftest import EU_DECLARATION, EU_URL, GALAXY, ROOT

APT40 = "5b4b6980-3bc7-11e8-84d6-879aaac37dd9"
APT31 = "6bf7e6b6-5917-45a6-9567-f0baba79768c"


def git(repo, *args):
    return subprocess.run(
        ["git", "-C", str(repo), *args], capture_output=True, text=True, check=True
    ).stdout


@pytest.fixture
def checkout(tmp_path):
    return make_checkout(tmp_path)


def make_checkout(tmp_path):
    """A copy of misp-galaxy in git, with the EU declaration's URL removed from APT40 and APT31."""
    repo = tmp_path / "misp-galaxy"
    shutil.copytree(GALAXY, repo)
    os.system(f"chmod -R u+w {repo}")
    path = repo / "clusters" / "threat-actor.json"
    data = json.loads(path.read_text())
    for v in data["values"]:
        if v["uuid"] in (APT40, APT31):
            v["meta"]["refs"] = [r for r in v["meta"]["refs"] if "consilium.europa.eu" not in r]
    path.write_text(dumps_preserving(data))
    git(repo, "init", "-q")
    git(repo, "-c", "user.name=t", "-c", "user.email=t@t", "add", "-A")
    git(repo, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "base")
    return repo


def run_cli(*args):
    return subprocess.run(
        [sys.executable, "-m", "misp_module.cli", "galaxy", "regenerate", *args],
        capture_output=True,
        text=True,
        timeout=300,
    )


def regenerate(out, checkout, *extra):
    return run_cli(
        "--records", str(EU_DECLARATION), "--out", str(out), "--galaxy-dir", str(checkout), *extra
    )


def test_refs_come_back_on_exactly_apt40_and_apt31(checkout, tmp_path):
    """With --refs-to refs (the earlier behaviour) and no relations: only two ref lines."""
    out = tmp_path / "out"
    done = regenerate(out, checkout, "--refs-to", "refs", "--no-relations")
    assert done.returncode == 0, done.stderr
    assert (
        "statements: 1 added" in done.stderr and "clusters touched: 2; refs added: 2" in done.stderr
    )
    assert git(checkout, "status", "--porcelain").split() == ["M", "clusters/threat-actor.json"]
    diff = git(checkout, "diff", "-U0")
    removed = [
        line[1:]
        for line in diff.splitlines()
        if line.startswith("-") and not line.startswith("---")
    ]
    added = [
        line[1:]
        for line in diff.splitlines()
        if line.startswith("+") and not line.startswith("+++")
    ]
    old_version = json.loads((GALAXY / "clusters" / "threat-actor.json").read_text())["version"]
    # Removed: the version, and the two refs that were last in their lists (they gain a comma).
    last_refs = [line for line in removed if '"version"' not in line]
    assert f'  "version": {old_version}' in removed and len(last_refs) == 2
    assert sorted(added) == sorted(
        [f'  "version": {old_version + 1}', f'          "{EU_URL}"', f'          "{EU_URL}"']
        + [line + "," for line in last_refs]
    )
    data = json.loads((checkout / "clusters" / "threat-actor.json").read_text())
    with_url = [v["value"] for v in data["values"] if EU_URL in v.get("meta", {}).get("refs", [])]
    assert sorted(with_url) == ["APT31", "APT40"]
    # A second run changes nothing anywhere.
    git(checkout, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qam", "first run")
    before = {p: p.read_bytes() for p in out.rglob("*.json")}
    again = regenerate(out, checkout, "--refs-to", "refs", "--no-relations")
    assert again.returncode == 0 and "files changed: 0" in again.stderr
    assert git(checkout, "diff") == ""
    assert {p: p.read_bytes() for p in out.rglob("*.json")} == before
    checked = regenerate(out, checkout, "--check", "--refs-to", "refs", "--no-relations")
    assert checked.returncode == 0


def test_public_attribution_files_validate_load_and_relate(checkout, tmp_path):
    out = tmp_path / "out"
    assert regenerate(out, checkout).returncode == 0
    cluster = json.loads((out / "clusters" / f"{GALAXY_TYPE}.json").read_text())
    galaxy = json.loads((out / "galaxies" / f"{GALAXY_TYPE}.json").read_text())
    jsonschema.Draft7Validator(json.loads((GALAXY / "schema_clusters.json").read_text())).validate(
        cluster
    )
    jsonschema.Draft7Validator(json.loads((GALAXY / "schema_galaxies.json").read_text())).validate(
        galaxy
    )
    text = (out / "clusters" / f"{GALAXY_TYPE}.json").read_text()
    assert text == json.dumps(cluster, indent=2, sort_keys=True, ensure_ascii=False) + "\n"

    from pymispgalaxies import Cluster, Galaxy

    loaded = Cluster(copy.deepcopy(cluster))  # the loader changes the dict it is given
    Galaxy(copy.deepcopy(galaxy))
    (value,) = loaded.values()
    assert value.value.startswith("China: Declaration by the High Representative")
    related = {r["dest-uuid"]: r for r in cluster["values"][0]["related"]}
    assert set(related) == {APT40, APT31}
    assert related[APT40]["type"] == "describes"
    assert related[APT40]["tags"] == ['estimative-language:likelihood-probability="almost-certain"']
    meta = cluster["values"][0]["meta"]
    assert meta["attributing-party"] == ["EU"] and meta["supporting-party"] == [
        "AL",
        "ME",
        "MK",
        "NO",
    ]
    assert meta["attributed-state"] == ["CN"] and meta["date"] == "2021-07-19"


def test_diff_shows_and_writes_nothing(checkout, tmp_path):
    out = tmp_path / "out"
    done = regenerate(out, checkout, "--diff")
    assert done.returncode == 0
    assert (
        f'+          "{EU_URL}"' in done.stdout
        and "+++ b/clusters/public-attribution.json" in done.stdout
    )
    assert not out.exists() and git(checkout, "status", "--porcelain") == ""


def test_check_names_the_files_and_writes_nothing(checkout, tmp_path):
    done = regenerate(tmp_path / "out", checkout, "--check")
    assert done.returncode == 1
    assert "would change" in done.stderr and "threat-actor.json" in done.stderr
    assert git(checkout, "status", "--porcelain") == ""


def _break(checkout, how):
    path = checkout / "clusters" / "threat-actor.json"
    data = json.loads(path.read_text())
    if how == "schema":
        data["values"][3]["unknown-key"] = True
    elif how == "duplicate-uuid":
        data["values"][5]["uuid"] = data["values"][4]["uuid"]
    elif how == "meta":
        data["values"][6]["meta"]["attribution-confidence"] = 50
    path.write_text(dumps_preserving(data))
    return data


@pytest.mark.parametrize(
    "how, message",
    [
        (
            "schema",
            "clusters/threat-actor.json: values/3: Additional properties are not allowed ('unknown-key'",
        ),
        ("duplicate-uuid", "uuid already used in"),
        ("meta", "meta.attribution-confidence is int, not a string or a list of strings"),
    ],
)
def test_invalid_inputs_are_refused_and_nothing_is_written(checkout, tmp_path, how, message):
    data = _break(checkout, how)
    before = (checkout / "clusters" / "threat-actor.json").read_bytes()
    out = tmp_path / "out"
    done = regenerate(out, checkout)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "refusing to write invalid galaxy data" in done.stderr and message in done.stderr
    if how == "meta":
        assert repr(data["values"][6]["value"]) in done.stderr
    assert not out.exists()
    assert (checkout / "clusters" / "threat-actor.json").read_bytes() == before


def test_a_run_killed_while_writing_leaves_the_old_files(checkout, tmp_path, monkeypatch):
    out = tmp_path / "out"
    assert regenerate(out, checkout).returncode == 0
    # Make the next run rewrite a file: an older description in the generated cluster file.
    path = out / "clusters" / f"{GALAXY_TYPE}.json"
    data = json.loads(path.read_text())
    data["values"][0]["description"] = "older text"
    path.write_text(galaxy_writer.dumps_generated(data))
    old = {
        p: p.read_bytes() for p in [*out.rglob("*.json"), *(checkout / "clusters").glob("*.json")]
    }
    enricher = Enricher(galaxy_dir=checkout)
    outcome = plan((enricher.enrich(e) for e in read_entries([str(EU_DECLARATION)])), out, checkout)
    assert [c.path for c in outcome.changes] == [path]

    def killed(src, dst):
        raise KeyboardInterrupt

    monkeypatch.setattr(files.os, "replace", killed)
    with pytest.raises(KeyboardInterrupt):
        write(outcome)
    assert {p: p.read_bytes() for p in old} == old
    assert not [p for p in out.rglob("*") if p.name.endswith(".tmp")]


def test_committed_galaxy_clusters_are_up_to_date():
    done = run_cli(
        "--records",
        str(ROOT / "misp_module" / "data" / "eu-declaration-2021-07-19.json"),
        "--out",
        str(ROOT / "galaxy_clusters"),
        "--check",
    )
    assert done.returncode == 0, done.stderr + "\nrun `make galaxy` and commit galaxy_clusters/"


def test_bad_arguments(tmp_path):
    done = run_cli("--out", str(tmp_path))
    assert done.returncode == 2 and "give either --records PATH... or --library" in done.stderr


def test_regenerate_from_the_library(tmp_path):
    from misp_module.orkl.library import Library
    from misp_module.orkl.sync import import_files

    lib = tmp_path / "lib.sqlite3"
    with Library(lib) as library:
        import_files(library, [str(EU_DECLARATION)])
    done = run_cli("--library", str(lib), "--out", str(tmp_path / "out"))
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "out" / "clusters" / "public-attribution.json").exists()
    assert Path(tmp_path / "out" / "galaxies" / "public-attribution.json").exists()
