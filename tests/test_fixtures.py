"""The suite needs nothing outside the repository: a fresh clone passes `make test` alone."""

from __future__ import annotations

import contextlib
import hashlib
import re
from pathlib import Path

import conftest
from conftest import FIXTURES, ROOT


def test_every_data_path_the_tests_use_is_inside_the_repository():
    paths = {name: v for name, v in vars(conftest).items() if isinstance(v, Path)}
    assert {"ORKL", "GALAXY", "EU_DECLARATION", "TAXONOMIES"} <= set(paths)
    for name, path in paths.items():
        assert path.resolve().is_relative_to(ROOT), name
        assert path.exists(), name


def test_every_fixture_is_listed_in_provenance_with_its_hash():
    table = dict(
        re.findall(
            r"^\| `([^`]+)` \| \d+ \| ([0-9a-f]{64}) \|$",
            (FIXTURES / "PROVENANCE.md").read_text(),
            re.M,
        )
    )
    files = {
        p.relative_to(FIXTURES).as_posix(): p
        for p in FIXTURES.rglob("*")
        if p.is_file()
        and p.name not in ("PROVENANCE.md", "make_fixtures.py")
        and "__pycache__" not in p.parts
    }
    assert sorted(table) == sorted(files)
    for name, path in files.items():
        assert hashlib.sha256(path.read_bytes()).hexdigest() == table[name], name


def test_a_read_beside_the_repository_is_caught():
    before = len(conftest.OUTSIDE_READS)
    beside = ROOT.parent / "shared" / "data" / "orkl" / "no-such-file.json"
    with contextlib.suppress(OSError):
        beside.open().close()  # a Path, as most tests pass them
    assert conftest.OUTSIDE_READS[before:] == [str(beside)]
    del conftest.OUTSIDE_READS[before:]  # this read was the test's own
