"""Shared fixtures. Real data is read from ../shared/data (see its PROVENANCE.md files)."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import pytest

# Index caches go to a throw-away directory, never the developer's own cache.
os.environ.setdefault("ORKL_MISP_CACHE", tempfile.mkdtemp(prefix="orkl-misp-test-cache-"))
os.environ.pop("ORKL_API_URL", None)
os.environ.pop("ORKL_MISP_GALAXY_DIR", None)

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data"
ORKL = SHARED / "orkl"
GALAXY = SHARED / "misp-galaxy"
EU_DECLARATION = ORKL / "eu-declaration-2021-07-19.json"
OPENCTI = ORKL / "opencti_library_entry_full_2026_truncated.json"
CTITOOLS = ORKL / "ctitools_library-example_2024.json"
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
    """The misp-galaxy files of August 2026 in ../shared/data."""
    from misp_module.core.enrich import Enricher

    return Enricher(galaxy_dir=GALAXY)


@pytest.fixture
def eu_entry():
    from misp_module.core.entry import parse_entry

    return parse_entry(json.loads(EU_DECLARATION.read_text()))


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
