"""What a user expects of a command line: progress on a terminal only, -v/-q anywhere, counts
per file, names that exist on a typo, English counts, settings checked before any wait."""

from __future__ import annotations

import fcntl
import json
import os
import pty
import select
import struct
import subprocess
import sys
import termios

import pytest
from orkl_fake import FakeOrkl, install, make_entries

from conftest import EU_DECLARATION, OPENCTI

CLI = [sys.executable, "-m", "misp_module.cli"]


def run(*args, env=None):
    return subprocess.run(
        [*CLI, *args], capture_output=True, text=True, timeout=120, env=env or dict(os.environ)
    )


def run_on_a_terminal(*args) -> tuple[int, str, str]:
    """The command with stderr on a pseudo-terminal (as in an interactive shell)."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 120, 0, 0))  # 120 columns
    proc = subprocess.Popen(
        [*CLI, *args], stdout=subprocess.PIPE, stderr=slave, stdin=subprocess.DEVNULL
    )
    os.close(slave)
    seen = b""
    while True:
        ready, _, _ = select.select([master], [], [], 120)
        if not ready:
            break
        try:
            chunk = os.read(master, 65536)
        except OSError:  # the terminal closed: the process is done with it
            break
        if not chunk:
            break
        seen += chunk
    os.close(master)
    out = proc.stdout.read().decode()
    proc.stdout.close()
    return proc.wait(60), out, seen.decode(errors="replace")


# --- progress -----------------------------------------------------------------------------


def test_match_shows_a_bar_with_percentage_count_and_time_left_on_a_terminal():
    code, out, err = run_on_a_terminal("match", str(EU_DECLARATION), str(OPENCTI))
    assert code == 0 and len(out.splitlines()) == 2
    last = err.replace("\r", "\n").splitlines()
    bar = [line for line in last if "100%|" in line]
    assert bar, err
    # tqdm's "[elapsed<left, rate, counts]": the time left and the count of entries matched.
    assert "<" in bar[-1] and "entries=2" in bar[-1] and "rejected=0" in bar[-1]
    assert "matched 2 entries (2 with tags), rejected 0" in err


def test_no_bar_on_a_pipe_and_none_with_q_on_a_terminal():
    piped = run("match", str(EU_DECLARATION))
    assert piped.returncode == 0
    assert piped.stderr == "orkl-misp: matched 1 entry (1 with tags), rejected 0\n"
    code, out, err = run_on_a_terminal("match", str(EU_DECLARATION), "-q")
    assert code == 0 and out and err == ""


def test_import_and_sync_bars_on_a_terminal(tmp_path, httpserver):
    library = str(tmp_path / "lib.sqlite3")
    code, _, err = run_on_a_terminal("import", str(EU_DECLARATION), "--library", library)
    assert code == 0 and "import: 100%|" in err
    fake = FakeOrkl(make_entries(250))
    url = install(httpserver, fake)
    args = ("sync", "--library", str(tmp_path / "s.sqlite3"), "--api-url", url, "--rate", "1000")
    code, _, err = run_on_a_terminal(*args)
    assert code == 0, err
    bar = [
        line for line in err.replace("\r", "\n").splitlines() if "sync:" in line and "%|" in line
    ]
    assert bar and "100%|" in bar[-1] and "250/250" in bar[-1]


def test_galaxy_regenerate_bar_on_a_terminal(tmp_path):
    out = str(tmp_path / "out")
    code, _, err = run_on_a_terminal(
        "galaxy", "regenerate", "--records", str(EU_DECLARATION), "--out", out
    )
    assert code == 0 and "regenerate: 100%|" in err and "entries=1" in err


# --- options and messages -------------------------------------------------------------------


@pytest.mark.parametrize("flag", ["-q", "--quiet", "-v", "--verbose"])
def test_verbosity_flags_work_after_the_subcommand(flag, tmp_path):
    done = run("match", str(EU_DECLARATION), flag)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["sha1"].startswith("fea6b7")
    quiet = flag in ("-q", "--quiet")
    assert (done.stderr == "") == quiet
    nested = run(
        "galaxy", "regenerate", "--records", str(EU_DECLARATION), "--out", str(tmp_path), flag
    )
    assert nested.returncode == 0 and (nested.stderr == "") == quiet


def test_q_and_v_together_are_refused():
    done = run("match", str(EU_DECLARATION), "-q", "-v")
    assert done.returncode == 2 and "not allowed with argument" in done.stderr


def test_import_prints_each_files_own_counts(tmp_path):
    library = str(tmp_path / "lib.sqlite3")
    done = run("import", str(EU_DECLARATION), str(OPENCTI), "--library", library)
    assert done.returncode == 0, done.stderr
    assert done.stderr.splitlines() == [
        f"orkl-misp: {EU_DECLARATION}: 1 added, 0 updated, 0 deleted, 0 skipped",
        f"orkl-misp: {OPENCTI}: 1 added, 0 updated, 0 deleted, 0 skipped",
        f"orkl-misp: import: 2 added, 0 updated, 0 deleted, 0 skipped; 2 entries in {library}",
    ]
    again = run("import", str(EU_DECLARATION), "--library", library)
    assert again.stderr.splitlines()[1:] == [
        f"orkl-misp: {EU_DECLARATION}: 0 added, 0 updated, 0 deleted, 1 skipped (1 already imported)",
        f"orkl-misp: import: 0 added, 0 updated, 0 deleted, 1 skipped (1 already imported); "
        f"2 entries in {library}",
    ]


def test_a_galaxy_typo_lists_the_galaxies_that_exist():
    done = run("match", str(EU_DECLARATION), "--galaxies", "threat-actor,malpeida")
    assert done.returncode == 2
    (line,) = done.stderr.splitlines()
    assert line.startswith(
        "orkl-misp: no cluster file for galaxy 'malpeida' in the data pymispgalaxies ships "
        "(did you mean 'malpedia'?); galaxies there: "
    )
    names = line.split("galaxies there: ")[1].split(", ")
    assert {"threat-actor", "malpedia", "country"} <= set(names) and names == sorted(names)
    assert "site-packages" not in line


def test_one_entry_is_singular(tmp_path):
    done = run("galaxy", "regenerate", "--records", str(EU_DECLARATION), "--out", str(tmp_path))
    assert done.returncode == 0 and done.stderr.startswith("orkl-misp: 1 entry read;")
    imported = run("import", str(EU_DECLARATION), "--library", str(tmp_path / "l.sqlite3"))
    assert imported.stderr.splitlines()[-1].endswith(f"; 1 entry in {tmp_path / 'l.sqlite3'}")


@pytest.mark.parametrize(
    "url, hint",
    [
        ("misp.example.org", " (did you mean https://misp.example.org?)"),
        ("ftp://misp.example.org", ""),
        ("https://", ""),
    ],
)
def test_watch_refuses_a_misp_url_without_scheme_or_host_at_once(url, hint):
    env = {**os.environ, "MISP_KEY": "k" * 40}
    done = run("watch", "--misp-url", url, "--once", "--tries", "5", env=env)
    assert done.returncode == 2
    assert (
        done.stderr == f"orkl-misp: MISP URL {url!r}: must start with https:// or http://{hint}\n"
    )


@pytest.mark.parametrize(
    "command, option",
    [("watch", "--rate"), ("watch", "--deadline"), ("serve", "--rate"), ("serve", "--tries")],
)
def test_watch_and_serve_offer_no_orkl_client_option_they_would_ignore(command, option):
    # The module paces its own ORKL client (module.py); an option it never reads is refused
    # rather than silently dropped.
    done = run(command, option, "3")
    assert done.returncode == 2 and f"unrecognized arguments: {option} 3" in done.stderr


def test_watch_tries_are_misp_tries_and_checked():
    env = {**os.environ, "MISP_KEY": "k" * 40}
    done = run("watch", "--misp-url", "https://misp.example.org", "--once", "--tries", "0", env=env)
    assert done.returncode == 2 and done.stderr == "orkl-misp: --tries must be at least 1\n"
    assert "tries per MISP request" in run("watch", "--help").stdout
