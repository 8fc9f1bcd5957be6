"""What misp-galaxy maintainers asked for: additional refs, attribution as relations, a review,
the README index their CI regenerates, and ORKL archive copies of refs."""

from __future__ import annotations

import copy
import json
import subprocess
import sys

import pytest
from test_galaxy_writer import APT31, APT40, git, make_checkout, regenerate

from misp_module.core.ids import derived_uuid
from misp_module.core.urls import normalize_url
from misp_module.galaxy.ci import INDEX_END, INDEX_START, ci_problems, readme_with_index
from misp_module.galaxy.relations import Relation, merge_related
from misp_module.galaxy.writer import dumps_generated, dumps_preserving, set_sorted, validate

from conftest import EU_DECLARATION, EU_URL, GALAXY, make_entry


@pytest.fixture
def checkout(tmp_path):
    return make_checkout(tmp_path)


CHINA_TAG_LIKELIHOOD = 'estimative-language:likelihood-probability="almost-certain"'


def _changed_lines(repo, a: str, b: str) -> list[str]:
    """The -/+ lines of ``git diff --no-index -U0`` between two texts, sorted."""
    (repo.parent / "a.json").write_text(a)
    (repo.parent / "b.json").write_text(b)
    done = subprocess.run(
        [
            "git",
            "diff",
            "--no-index",
            "-U0",
            str(repo.parent / "a.json"),
            str(repo.parent / "b.json"),
        ],
        capture_output=True,
        text=True,
    )
    return sorted(
        line
        for line in done.stdout.splitlines()
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    )


def _country(iso: str) -> dict:
    data = json.loads((GALAXY / "clusters" / "country.json").read_text())
    return next(v for v in data["values"] if v["meta"].get("ISO") == iso)


def test_done_when_additional_refs_relations_nothing_else_valid_idempotent(checkout, tmp_path):
    path = checkout / "clusters" / "threat-actor.json"
    old_text = path.read_text()
    base = json.loads(old_text)
    out = tmp_path / "out"
    done = regenerate(out, checkout)
    assert done.returncode == 0, done.stderr
    assert "refs added: 2; relations added or updated: 2" in done.stderr
    assert git(checkout, "status", "--porcelain").split() == ["M", "clusters/threat-actor.json"]

    statement = json.loads((out / "clusters" / "public-attribution.json").read_text())["values"][0]
    assert statement["uuid"] == derived_uuid(
        "orkl", "fea6b7aed1e060e78366ceb11657592c0c3694a8", "public-attribution"
    )
    china = _country("CN")
    new_text = path.read_text()
    new = json.loads(new_text)
    assert len(new["values"]) == len(base["values"])
    changed = {v["uuid"] for v, w in zip(base["values"], new["values"], strict=True) if v != w}
    assert changed == {APT40, APT31}
    for v, w in zip(base["values"], new["values"], strict=True):
        if v["uuid"] not in changed:
            continue
        assert w["meta"]["additional_refs"] == [EU_URL]
        assert {k: x for k, x in w["meta"].items() if k != "additional_refs"} == v["meta"]
        assert not any("consilium" in r for r in w["meta"]["refs"])
        assert w["related"][:-1] == v["related"]
        assert w["related"][-1] == {
            "dest-uuid": china["uuid"],
            "tags": [
                CHINA_TAG_LIKELIHOOD,
                f'misp-galaxy:public-attribution="{statement["value"]}"',
            ],
            # The EU said "undertaken from the territory of China": not the state itself.
            "type": "originates-from",
        }
        assert {k: x for k, x in w.items() if k not in ("meta", "related")} == {
            k: x for k, x in v.items() if k not in ("meta", "related")
        }
    assert new["version"] == base["version"] + 1
    assert {k: x for k, x in new.items() if k not in ("values", "version")} == {
        k: x for k, x in base.items() if k not in ("values", "version")
    }

    # The file's own format and order: exactly what it was, plus the new lines.
    assert new_text == dumps_preserving(new)
    # misp-galaxy's CI rewrites the file as `jq --sort-keys .`: that moves nothing we wrote.
    assert _changed_lines(checkout, old_text, new_text) == _changed_lines(
        checkout, dumps_generated(base), dumps_generated(new)
    )
    clusters = {
        str(p): json.loads(p.read_text()) for p in sorted((checkout / "clusters").glob("*.json"))
    }
    assert validate(clusters, {}, checkout) == []
    assert ci_problems(clusters, {APT40, APT31}) == []
    # misp-galaxy's CI also loads every file with PyMISPGalaxies (its tests/tests.py).
    from pymispgalaxies import Cluster

    loaded = Cluster(copy.deepcopy(new))
    assert loaded.duplicates == [] and loaded.get("APT40").related[-1]["type"] == "originates-from"
    assert json.loads(loaded.to_json())["version"] == new["version"]

    git(checkout, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qam", "first run")
    again = regenerate(out, checkout, "--check")
    assert again.returncode == 0 and "files changed: 0" in again.stderr, again.stderr


def test_refs_to_refs_puts_the_url_into_refs(checkout, tmp_path):
    done = regenerate(tmp_path / "out", checkout, "--refs-to", "refs", "--no-relations")
    assert done.returncode == 0, done.stderr
    data = json.loads((checkout / "clusters" / "threat-actor.json").read_text())
    with_url = {v["uuid"] for v in data["values"] if EU_URL in v.get("meta", {}).get("refs", [])}
    assert with_url == {APT40, APT31}
    assert not [v for v in data["values"] if "additional_refs" in v.get("meta", {})]


def test_a_url_in_either_list_is_not_added_again(checkout, tmp_path):
    path = checkout / "clusters" / "threat-actor.json"
    data = json.loads(path.read_text())
    for v in data["values"]:
        if v["uuid"] == APT40:  # in additional_refs, spelled without www. and the slash
            v["meta"]["additional_refs"] = [EU_URL.replace("www.", "").rstrip("/")]
        if v["uuid"] == APT31:  # in refs
            v["meta"]["refs"].append(EU_URL)
    path.write_text(dumps_preserving(data))
    done = regenerate(tmp_path / "out", checkout, "--no-relations")
    assert done.returncode == 0 and "refs added: 0" in done.stderr, done.stderr


def test_review_lists_every_change_with_evidence_and_confidence(checkout, tmp_path):
    review = tmp_path / "review.md"
    done = regenerate(tmp_path / "out", checkout, "--check", "--review", str(review))
    assert done.returncode == 1  # --check: changes pending, nothing written
    assert git(checkout, "status", "--porcelain") == ""
    text = review.read_text()
    rows = [line for line in text.splitlines() if line.startswith("| ")]
    refs = [r for r in rows if EU_URL in r and "Advanced Persistent Threat" in r]
    assert len(refs) == 2
    assert any(f"APT40 ({APT40})" in r and "Advanced Persistent Threat 40" in r for r in refs)
    # each ref row shows the confidence of the match it rests on (the text: the ref is gone)
    from misp_module.core.enrich import Enricher
    from misp_module.core.entry import parse_entry

    entry = parse_entry(json.loads(EU_DECLARATION.read_text()))
    matches = {m.value: m for m in Enricher(galaxy_dir=checkout).enrich(entry).tagged_matches}
    for value, uuid in (("APT40", APT40), ("APT31", APT31)):
        (row,) = [r for r in refs if f"{value} ({uuid})" in r]
        assert f"| {matches[value].confidence:.2f} |" in row
    relations = [r for r in rows if "originates-from" in r]
    assert len(relations) == 2
    statement_uuid = derived_uuid(
        "orkl", "fea6b7aed1e060e78366ceb11657592c0c3694a8", "public-attribution"
    )
    for r in relations:
        assert _country("CN")["uuid"] in r and statement_uuid in r
        assert "| EU | territory |" in r and "from the territory of China" in r
        # almost-certain (0.98) rests on the text and on the ref this run adds: both shown.
        assert "Advanced Persistent Threat" in r and "which this run adds" in r
    assert "## References (`meta.additional_refs`)" in text
    assert "- `clusters/threat-actor.json`" in text


def _plan(tmp_path, checkout, entries, **kw):
    from misp_module.core.enrich import Enricher
    from misp_module.galaxy.writer import plan

    enricher = Enricher(galaxy_dir=checkout)
    return plan((enricher.enrich(e) for e in entries), tmp_path / "out", checkout, **kw)


UK_GRU_APT28 = make_entry(
    title="UK exposes Russian intelligence agency behind APT28 cyber campaign",
    text=(
        "Press release\r\nFrom: Foreign, Commonwealth & Development Office\r\n"
        "Published 15 October 2026\r\n"
        "The National Cyber Security Centre has assessed that the Russian military intelligence "
        "service, the GRU, was almost certainly responsible for a sustained campaign of cyber "
        "attacks by APT28 against media organisations and energy suppliers in Europe. "
        "The UK will continue to expose the GRU's activity wherever it takes place."
    ),
    references=["https://www.gov.uk/government/news/uk-exposes-russian-intelligence-agency"],
)


def test_an_agency_level_attribution_is_attributed_to(checkout, tmp_path):
    outcome = _plan(tmp_path, checkout, [UK_GRU_APT28])
    (rel,) = outcome.relation_changes
    assert (rel.actor_value, rel.type, rel.state, rel.levels) == (
        "APT28",
        "attributed-to",
        "RU",
        ["state-agency"],
    )
    assert rel.country_uuid == _country("RU")["uuid"] and rel.parties == ["GB"]


def test_no_relation_below_the_threshold_or_without_a_country_cluster(checkout, tmp_path):
    # Above the actor's confidence (0.8): the actor is not tagged, so it gets no relation.
    from misp_module.core.enrich import Enricher
    from misp_module.galaxy.writer import plan

    strict = Enricher(galaxy_dir=checkout, threshold=0.9)
    outcome = plan([strict.enrich(UK_GRU_APT28)], tmp_path / "out", checkout)
    assert outcome.relation_changes == [] and outcome.statements_added == 1
    # A country galaxy without Russia: nothing related, and the run says why.
    path = checkout / "clusters" / "country.json"
    data = json.loads(path.read_text())
    data["values"] = [v for v in data["values"] if v["meta"].get("ISO") != "RU"]
    path.write_text(dumps_generated(data))
    outcome = _plan(tmp_path, checkout, [UK_GRU_APT28])
    assert outcome.relation_changes == []
    assert any("no country cluster with ISO RU" in n for n in outcome.notes)


def _rel(likelihood: str, statement: str) -> Relation:
    return Relation(
        actor_uuid=APT40,
        actor_value="APT40",
        country_uuid="c",
        country_value="china",
        state="CN",
        type="attributed-to",
        likelihood_tag=f'estimative-language:likelihood-probability="{likelihood}"',
        confidence=0.5,
        statement_uuid="s",
        statement_value=statement,
    )


def test_a_second_statement_adds_its_source_and_keeps_the_stronger_likelihood():
    related, changed = merge_related([], _rel("very-likely", "UK statement"))
    assert changed
    related, changed = merge_related(related, _rel("likely", "US indictment"))
    assert changed and related == [
        {
            "dest-uuid": "c",
            "tags": [
                'estimative-language:likelihood-probability="very-likely"',
                'misp-galaxy:public-attribution="UK statement"',
                'misp-galaxy:public-attribution="US indictment"',
            ],
            "type": "attributed-to",
        }
    ]
    again, changed = merge_related(related, _rel("almost-certain", "US indictment"))
    assert changed and again[0]["tags"][0].endswith('"almost-certain"')
    assert merge_related(again, _rel("likely", "UK statement")) == (again, False)
    # A relation of another type to the same country is another entry.
    eu = _rel("likely", "EU declaration")
    eu.type = "originates-from"
    other, changed = merge_related(again, eu)
    assert changed and other[:1] == again and other[1]["type"] == "originates-from"


def _readme(index: str = "") -> str:
    return f"# misp-galaxy\n\nIntro.\n\n{INDEX_START}\n{index}\n{INDEX_END}\n\nAfter the index.\n"


def test_readme_index_follows_a_new_cluster_file(checkout, tmp_path):
    readme = checkout / "README.md"
    # A stale index is not this run's business while the run does not change the index.
    readme.write_text(_readme("stale index"))
    assert regenerate(tmp_path / "out", checkout).returncode == 0
    assert readme.read_text() == _readme("stale index")
    git(checkout, "checkout", "--", "clusters")
    readme.write_text(readme_with_index(_readme("stale index"), checkout, {}))
    git(checkout, "-c", "user.name=t", "-c", "user.email=t@t", "add", "-A")
    git(checkout, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "readme")
    before = readme.read_text()
    # Written elsewhere: the checkout's index does not change.
    assert regenerate(tmp_path / "out", checkout, "--check").stderr.count("README") == 0
    # Written into the checkout: a new cluster file, so a new index entry, in file order.
    done = regenerate(checkout, checkout)
    assert done.returncode == 0, done.stderr
    after = readme.read_text()
    section = (
        "## Public attribution\n\n"
        "[Public attribution](https://www.misp-galaxy.org/public-attribution) - Public "
        "attribution statements found in ORKL reports, with the parties, the attributed state, "
        "the level and the type of each. Predicates: attributing-party, supporting-party, "
        "attributed-state, attribution-level, statement-type.\n\n"
        "Category: *attribution* - source: *ORKL (https://orkl.eu), via orkl-misp* - total: "
        "*1* elements\n\n"
        "[[HTML](https://www.misp-galaxy.org/public-attribution)] - [[JSON](https://github.com/"
        "MISP/misp-galaxy/blob/main/clusters/public-attribution.json)]\n\n"
    )
    assert after.count(section) == 1 and after.replace(section, "") == before
    titles = [line for line in after.splitlines() if line.startswith("## ")]
    assert titles == ["## Country", "## Malpedia", "## Producer", "## Public attribution"] + [
        "## Regions UN M49",
        "## Threat Actor",
    ]
    assert after.startswith("# misp-galaxy\n\nIntro.\n\n") and after.endswith("After the index.\n")
    git(checkout, "-c", "user.name=t", "-c", "user.email=t@t", "add", "-A")
    git(checkout, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "run")
    assert regenerate(checkout, checkout, "--check").returncode == 0


def test_ci_rules_catch_unsorted_keys_and_missing_uuids():
    data = {"values": [{"meta": {"refs": [], "country": "CN"}, "uuid": "u1", "value": "a"}]}
    assert "keys out of sorted order" in ci_problems({"f.json": data}, {"u1"})[0]
    data["values"][0]["meta"] = {"country": "CN", "refs": []}
    data["values"].append({"value": "b"})
    (problem,) = ci_problems({"f.json": data}, {"u1"})
    assert "values/1 ('b') has no uuid" in problem
    assert ci_problems({"f.json": data}, set()) == []  # a file this run leaves alone
    # Out of order before the change (two upstream values are): not this change's doing.
    data["values"].pop()
    data["values"][0]["meta"] = {"refs": [], "country": "CN", "archive-refs": ["x"]}
    assert ci_problems({"f.json": data}, {"u1"}) != []
    was = {"meta": {"refs": [], "country": "CN"}, "uuid": "u1", "value": "a"}
    assert ci_problems({"f.json": data}, {"u1"}, {"u1": was}) == []


# --- archive-links ----------------------------------------------------------------------------


def archive_cli(*args):
    return subprocess.run(
        [sys.executable, "-m", "misp_module.cli", "galaxy", "archive-links", *args],
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture
def library(tmp_path):
    """The EU declaration, and an entry whose references are two galaxy refs spelled
    differently (http, no www., a trailing slash, a tracking parameter)."""
    from misp_module.orkl.library import Library
    from misp_module.orkl.sync import import_files

    other = make_entry(
        "A report text.",
        title="Leviathan",
        references=[
            "http://proofpoint.com/us/threat-insight/post/leviathan-espionage-actor-spearphishes-"
            "maritime-and-defense-targets/?utm_source=x",
            "https://attack.mitre.org/groups/G0065",
        ],
    )
    path = tmp_path / "other.json"
    path.write_text(json.dumps(other.raw))
    lib = tmp_path / "lib.sqlite3"
    with Library(lib) as library:
        import_files(library, [str(EU_DECLARATION), str(path)])
    return lib, other.sha1


def test_archive_links_names_the_copy_of_every_ref_the_library_holds(library, tmp_path):
    lib, other_sha1 = library
    # Computed independently: every ref whose normal form is one of the entries' references.
    keys = {normalize_url(EU_URL): "fea6b7aed1e060e78366ceb11657592c0c3694a8"}
    from misp_module.orkl.library import Library

    with Library(lib) as opened:
        for e in opened.iter_entries():
            keys |= {normalize_url(u): e.sha1 for u in e.references}
    want = set()
    for p in sorted((GALAXY / "clusters").glob("*.json")):
        for v in json.loads(p.read_text())["values"]:
            for r in dict.fromkeys(v.get("meta", {}).get("refs") or []):
                if normalize_url(r) in keys:
                    want.add((v["uuid"], r, keys[normalize_url(r)]))
    assert len(want) >= 4 and {sha1 for _, _, sha1 in want} == {
        "fea6b7aed1e060e78366ceb11657592c0c3694a8",
        other_sha1,
    }
    review = tmp_path / "report.md"
    done = archive_cli("--galaxy-dir", str(GALAXY), "--library", str(lib), "--review", str(review))
    assert done.returncode == 0, done.stderr
    rows = [
        [c.strip() for c in line.strip("|").split(" | ")]
        for line in review.read_text().splitlines()
        if line.startswith("| ") and "archive.orkl.eu" in line
    ]
    got = {(row[0].rsplit("(", 1)[1].rstrip(")"), row[1], row[4]) for row in rows}
    assert got == want
    assert all(row[2] == f"https://archive.orkl.eu/{row[4]}.pdf" for row in rows)
    assert all(row[3] == f"https://archive.orkl.eu/{row[4]}.txt" for row in rows)
    assert f"{len(want)} with an ORKL copy" in done.stderr


def test_archive_links_write_is_valid_and_idempotent(library, checkout):
    lib, other_sha1 = library
    paths = sorted((checkout / "clusters").glob("*.json"))
    before = {p: json.loads(p.read_text()) for p in paths}
    done = archive_cli("--galaxy-dir", str(checkout), "--library", str(lib), "--write")
    assert done.returncode == 0, done.stderr
    copy = f"https://archive.orkl.eu/{other_sha1}.pdf"
    touched = set()
    for p in paths:
        old, new = before[p], json.loads(p.read_text())
        changed = [(v, w) for v, w in zip(old["values"], new["values"], strict=True) if v != w]
        # Exactly the values citing the Leviathan report (the checkout's APT40 and APT31 lost
        # the EU URL) gain its copy, and nothing else changes.
        cites = [
            v
            for v in old["values"]
            if any("leviathan-espionage" in r for r in v.get("meta", {}).get("refs", []))
        ]
        assert [v for v, _ in changed] == cites
        for v, w in changed:
            assert w["meta"] == set_sorted(dict(v["meta"]), "archive-refs", [copy])
            assert {k: x for k, x in w.items() if k != "meta"} == {
                k: x for k, x in v.items() if k != "meta"
            }
            touched.add(w["uuid"])
        assert new["version"] == old["version"] + bool(changed)
        assert p.read_text() == (dumps_preserving(new) if changed else p.read_text())
    assert len(touched) == 3  # APT40 and two Malpedia families
    status = git(checkout, "status", "--porcelain").split()
    assert status == ["M", "clusters/malpedia.json", "M", "clusters/threat-actor.json"]
    clusters = {str(p): json.loads(p.read_text()) for p in paths}
    assert validate(clusters, {}, checkout) == [] and ci_problems(clusters, touched) == []
    git(checkout, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qam", "archive")
    again = archive_cli("--galaxy-dir", str(checkout), "--library", str(lib), "--write")
    assert again.returncode == 0 and "files changed: 0" in again.stderr
    assert git(checkout, "status", "--porcelain") == ""


def test_archive_links_needs_a_library_and_a_checkout(tmp_path):
    done = archive_cli("--galaxy-dir", str(tmp_path), "--library", str(tmp_path / "x.sqlite3"))
    assert done.returncode != 0 and "not a misp-galaxy checkout" in done.stderr
    done = archive_cli("--galaxy-dir", str(GALAXY), "--library", str(tmp_path / "x.sqlite3"))
    assert done.returncode != 0 and "no library here" in done.stderr
    assert "Traceback" not in done.stderr


def test_archive_links_follow_the_moved_url_rules(tmp_path):
    """A ref at CFR's old address finds the entry ORKL holds under the new one through the
    shipped url-rewrites rule, and not when a user's --rules folder disables that rule."""
    from misp_module.core.rules import shipped
    from misp_module.orkl.library import Library
    from misp_module.orkl.sync import import_files

    moved = make_entry(
        "CFR profile.", title="APT 40", references=["https://www.cfr.org/cyber-operations/apt-40"]
    )
    (tmp_path / "moved.json").write_text(json.dumps(moved.raw))
    lib = tmp_path / "lib.sqlite3"
    with Library(lib) as library:
        import_files(library, [str(tmp_path / "moved.json")])
    (cfr,) = [e for e in shipped().of("url-rewrites") if "cfr" in e["pattern"]]
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "no-cfr.json").write_text(
        json.dumps(
            {
                "kind": "url-rewrites",
                "description": "without CFR's move",
                "entries": [{**cfr, "disabled": True}],
            }
        )
    )
    args = ["--galaxy-dir", str(GALAXY), "--galaxies", "threat-actor", "--library", str(lib)]
    without = archive_cli(*args, "--rules", str(rules))
    assert without.returncode == 0 and "0 with an ORKL copy" in without.stderr
    done = archive_cli(*args)
    assert done.returncode == 0, done.stderr
    rows = [line for line in done.stdout.splitlines() if moved.sha1 in line]
    assert len(rows) == 1
    assert f"APT40 ({APT40}) | https://www.cfr.org/interactive/cyber-operations/apt-40 |" in rows[0]


def test_a_ref_at_the_moved_address_is_the_same_page(checkout, tmp_path):
    """APT40 cites the declaration at a (made-up) new address; a url-rewrites rule says the
    report's address moved there, so APT40 gets nothing, APT31 gets the URL."""
    path = checkout / "clusters" / "threat-actor.json"
    data = json.loads(path.read_text())
    new_address = EU_URL.replace("/en/press/", "/press/")
    for v in data["values"]:
        if v["uuid"] == APT40:
            v["meta"]["refs"].append(new_address)
    path.write_text(dumps_preserving(data))
    rules = tmp_path / "rules"
    rules.mkdir()
    rule = {"pattern": r"^consilium\.europa\.eu/en/press/", "replace": "consilium.europa.eu/press/"}
    (rules / "moved.json").write_text(
        json.dumps({"kind": "url-rewrites", "description": "t", "entries": [rule]})
    )
    outcome_args = ("--no-relations", "--check", "--review", str(tmp_path / "r.md"))
    without = regenerate(tmp_path / "out", checkout, *outcome_args)
    assert "refs added: 2" in without.stderr, without.stderr
    done = regenerate(tmp_path / "out", checkout, *outcome_args, "--rules", str(rules))
    assert "refs added: 1" in done.stderr, done.stderr
    review = (tmp_path / "r.md").read_text()
    assert f"APT31 ({APT31})" in review and f"APT40 ({APT40})" not in review


def test_a_review_that_cannot_be_written_is_one_line(library, tmp_path):
    lib, _ = library
    (tmp_path / "a-file").write_text("")
    where = tmp_path / "a-file" / "review.md"
    args = ["--galaxy-dir", str(GALAXY), "--galaxies", "threat-actor", "--library", str(lib)]
    done = archive_cli(*args, "--review", str(where))
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert f"{where}: cannot write the review" in done.stderr


def test_after_a_regenerate_archive_links_names_the_copy_behind_additional_refs(
    library, checkout, tmp_path
):
    lib, other_sha1 = library
    assert regenerate(tmp_path / "out", checkout).returncode == 0
    done = archive_cli(
        "--galaxy-dir", str(checkout), "--galaxies", "threat-actor", "--library", str(lib)
    )
    assert done.returncode == 0, done.stderr
    eu_copy = "https://archive.orkl.eu/fea6b7aed1e060e78366ceb11657592c0c3694a8.pdf"
    rows = [line for line in done.stdout.splitlines() if eu_copy in line]
    assert len(rows) == 2 and all(f"| {EU_URL} |" in r for r in rows)
    assert {r.split(" (", 1)[0] for r in rows} == {"| threat-actor APT40", "| threat-actor APT31"}
