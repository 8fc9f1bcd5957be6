"""What a user installs: every file of the package is in the build, with no setuptools warning."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT


def test_build_ships_every_package_file_without_warnings(tmp_path):
    # build_py is the step of `pip install .` and of the wheel build that copies the package.
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "import setuptools; setuptools.setup()",
            "build_py",
            "-d",
            str(tmp_path),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    output = done.stdout + done.stderr
    assert "`packages`" not in output and "Warning" not in output, output[-2000:]
    source = ROOT / "misp_module"
    expected = sorted(
        p.relative_to(source).as_posix()
        for p in source.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    )
    built = sorted(
        p.relative_to(tmp_path / "misp_module").as_posix()
        for p in (tmp_path / "misp_module").rglob("*")
        if p.is_file()
    )
    assert built == expected
    assert "data/eu-declaration-2021-07-19.json" in built
