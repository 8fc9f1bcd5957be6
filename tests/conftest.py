"""Shared fixtures. Real data lives in tests/fixtures (see its PROVENANCE.md); the tests read
nothing outside the repository, so a fresh clone passes `make test` on its own."""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

import pytest

# Index caches go to a throw-away directory, never the developer's own cache.
os.environ.setdefault("ORKL_MISP_CACHE", tempfile.mkdtemp(prefix="orkl-misp-test-cache-"))
os.environ.pop("ORKL_API_URL", None)
# The module builds replies in its own thread: tests patch it in process (worker processes,
# forked before a patch, would not see it); tests/test_module_speed.py turns them on.
os.environ["ORKL_MISP_PROCESSES"] = "0"
os.environ.pop("ORKL_MISP_GALAXY_DIR", None)

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
ORKL = FIXTURES / "orkl"
GALAXY = FIXTURES / "misp-galaxy"  # trimmed misp-galaxy of August 2026
TAXONOMIES = FIXTURES / "misp-taxonomies"
# The example the package ships, read where the package has it.
EU_DECLARATION = ROOT / "misp_module" / "data" / "eu-declaration-2021-07-19.json"
OPENCTI = ORKL / "opencti_library_entry_full_2026_truncated.json"
CTITOOLS = ORKL / "ctitools_library-example_2024.json"


# Every file a test opens beside the repository (../shared, a sibling checkout): a fresh clone
# has none of them, so the session fails if any test reads one (see pytest_sessionfinish).
OUTSIDE_READS: list[str] = []
_BESIDE = str(ROOT.parent) + os.sep
_INSIDE = str(ROOT) + os.sep


def _audit(event: str, args: tuple) -> None:
    if event != "open" or not isinstance(args[0], (str, os.PathLike)):
        return
    path = os.path.abspath(os.fspath(args[0]))
    if path.startswith(_BESIDE) and not path.startswith(_INSIDE):
        OUTSIDE_READS.append(path)


sys.addaudithook(_audit)


def pytest_sessionfinish(session, exitstatus):
    if OUTSIDE_READS:
        print(f"\ntests read files outside the repository: {sorted(set(OUTSIDE_READS))}")
        session.exitstatus = 1


EU_URL = (
    "https://www.consilium.europa.eu/en/press/press-releases/2021/07/19/declaration-by-the-high-"
    "representative-on-behalf-of-the-eu-urging-china-to-take-action-against-malicious-cyber-"
    "activities-undertaken-from-its-territory/"
)


@pytest.fixture(scope="session")
def enricher():
    """The default: galaxy data embedded in pymispgalaxies."""
    from misp_module.core.enrich import Enricher

    return Enricher()


@pytest.fixture(scope="session")
def shared_enricher():
    """The misp-galaxy files of August 2026 (trimmed) in tests/fixtures."""
    from misp_module.core.enrich import Enricher

    return Enricher(galaxy_dir=GALAXY)


@pytest.fixture
def eu_entry():
    from misp_module.core.entry import parse_entry

    return parse_entry(json.loads(EU_DECLARATION.read_text()))


# Prose with no cluster name, to give a test report the length of a real one.
REPORT_FILLER = (
    "The campaign relied on spear-phishing and commodity tooling in several waves. " * 60
)


def tagged_pairs(result, galaxy=None) -> set:
    """The (galaxy, value) pairs an enrichment tags, of one galaxy or all."""
    return {
        (m.galaxy, m.value) for m in result.tagged_matches if galaxy is None or m.galaxy == galaxy
    }


def match_named(result, galaxy, value):
    """The enrichment's match of that cluster (tagged or not), else None."""
    found = [m for m in result.matches if (m.galaxy, m.value) == (galaxy, value)]
    return found[0] if found else None


def make_entry(text: str, title: str = "", **fields):
    """An ORKL-shaped entry around a text written for a test."""
    import hashlib

    from misp_module.core.entry import parse_entry

    raw = {
        "id": "00000000-0000-4000-8000-" + hashlib.sha1(text.encode()).hexdigest()[:12],
        "sha1_hash": hashlib.sha1((title + text).encode()).hexdigest(),
        "title": title,
        "plain_text": text,
        "references": [],
        "threat_actors": [],
        "file_creation_date": "0001-01-01T00:00:00Z",
    }
    raw.update(fields)
    return parse_entry(raw)


# The MISP double, shared by the watch and real-MISP tests.
MISP_KEY = "k3yS3cr3tZZZZ0123456789abcdefghijklmnopq"
EU_SHA1 = "fea6b7aed1e060e78366ceb11657592c0c3694a8"


@pytest.fixture
def misp(httpserver):
    """The strict MISP double on loopback; a test fails if the client broke MISP's contract."""
    from misp_fake import FakeMisp, install

    fake = FakeMisp(MISP_KEY)
    fake.url = install(httpserver, fake)
    yield fake
    assert fake.violations == [], (
        "requests the MISP contract (tests/misp_contract.py) does not allow"
    )


@pytest.fixture
def key_file(tmp_path):
    path = tmp_path / "misp.key"
    path.write_text(MISP_KEY + "\n")
    return path


def attribution_tags_of(
    text: str, language: str = "en", url: str = "https://news.example/x", title: str = ""
) -> list[str]:
    """The public-attribution tags of a text written for a test, as an entry with ``url`` as its
    reference (the publisher's host matters) in ``language``, sorted."""
    from misp_module.core.attribution import extract_attributions
    from misp_module.core.taxonomy import attribution_tags

    entry = make_entry(text, title, references=[url], language=language)
    return sorted(attribution_tags(extract_attributions(entry)))


def attribution_parties_of(
    text: str, language: str = "en", url: str = "https://news.example/x"
) -> list[str]:
    """The attributing and supporting parties of ``attribution_tags_of``'s tags, sorted."""
    return sorted(
        t.split('"')[1] for t in attribution_tags_of(text, language, url) if "-party" in t
    )


def expected_attribution_tags(attributing=(), supporting=(), states=(), levels=(), types=()):
    """The sorted public-attribution tags a test expects, predicate by predicate."""
    out = []
    for predicate, values in (
        ("attributing-party", attributing),
        ("supporting-party", supporting),
        ("attributed-state", states),
        ("attribution-level", levels),
        ("statement-type", types),
    ):
        out += [f'public-attribution:{predicate}="{v}"' for v in values]
    return sorted(out)


def levels_of(tags: list[str]) -> set[str]:
    """The attribution levels among attribution tags (``attribution_tags_of``'s answer)."""
    return {t.split('"')[1] for t in tags if "attribution-level" in t}
