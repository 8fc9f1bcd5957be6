"""The README's install steps, commands and examples are true: each is run or checked here."""

from __future__ import annotations

import configparser
import json
import os
import re
import stat
import subprocess
import sys
from importlib.metadata import version

from conftest import EU_DECLARATION, OPENCTI, ROOT

README = (ROOT / "README.md").read_text()


def test_install_lines_install_a_path_not_an_unpublished_name():
    lines = [line for line in README.splitlines() if "pip install" in line]
    assert lines
    for line in lines:
        for target in re.findall(r"pip install\s+('[^']+'|\S+)", line):
            target = target.strip("'`")
            # A checkout or a wheel: orkl-misp is on no package index.
            assert target.startswith(("/", ".", "…/", "dist/")), line


def test_misp_modules_version_the_readme_names_is_the_pin_and_installs():
    pin = configparser.ConfigParser()
    pin.read(ROOT / "setup.cfg")
    (spec,) = pin["options.extras_require"]["server"].split()
    pinned = spec.split("==")[1]
    assert f"misp-modules {pinned}" in README
    assert version("misp-modules") == pinned


def test_python_one_liners_in_the_readme_run():
    commands = re.findall(r"python -c '([^']+)'", README)
    paths = [c for c in commands if "modules_root()" in c or "data/workflows" in c]
    assert len(paths) == 2
    for code in commands:
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
        assert done.returncode == 0, (code, done.stderr)
        if code in paths:  # the folders the README sends the reader to exist
            assert os.path.isdir(done.stdout.strip()), code


def test_watch_key_file_lines_work_on_a_fresh_home(tmp_path):
    block = (
        README.split("### Outside MISP: `orkl-misp watch`")[1].split("```sh\n")[1].split("```")[0]
    )
    setup = [line for line in block.splitlines() if line and not line.startswith("orkl-misp")]
    env = {**os.environ, "HOME": str(tmp_path), "MISP_API_KEY": "k" * 40}
    done = subprocess.run(["sh", "-ec", "\n".join(setup)], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    key = tmp_path / ".config" / "orkl-misp" / "misp.key"
    assert key.read_text() == "k" * 40 + "\n" and stat.S_IMODE(key.stat().st_mode) == 0o600


def test_the_malformed_entry_example_is_what_match_prints(tmp_path):
    (example,) = re.findall(r"^orkl-misp: dump\.json: entry 3 .*$", README, re.M)
    good = json.loads(EU_DECLARATION.read_text())
    bad = json.loads(OPENCTI.read_text())["data"]
    bad["plain_text"] = 5
    (tmp_path / "dump.json").write_text(json.dumps([good, good, bad]))
    done = subprocess.run(
        [sys.executable, "-m", "misp_module.cli", "match", "dump.json"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert done.returncode == 2
    assert done.stderr.splitlines()[0] == example


def test_galaxy_dir_variable_is_read_by_the_commands_the_readme_names(tmp_path):
    (row,) = [line for line in README.splitlines() if line.startswith("| `ORKL_MISP_GALAXY_DIR`")]
    assert "all commands" not in row
    env = {**os.environ, "ORKL_MISP_GALAXY_DIR": str(tmp_path / "nowhere")}
    for command in ("enrich", "match"):
        assert f"`{command}`" in row
        done = subprocess.run(
            [sys.executable, "-m", "misp_module.cli", command, str(EU_DECLARATION)],
            capture_output=True,
            text=True,
            env=env,
        )
        assert done.returncode == 2 and str(tmp_path / "nowhere") in done.stderr, command
    assert "not `galaxy regenerate`" in row
    done = subprocess.run(
        [sys.executable, "-m", "misp_module.cli", "galaxy", "regenerate", "--records",
         str(EU_DECLARATION), "--out", str(tmp_path / "out")],
        capture_output=True, text=True, env=env,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
