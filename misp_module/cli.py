"""The ``orkl-misp`` command line: a thin layer over the core and the adapters."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import time
from collections.abc import Iterator
from importlib import resources
from typing import TextIO

from misp_module import __version__
from misp_module.core.entry import OrklEntry
from misp_module.core.errors import ConfigError, EntryError, InputError, OrklMispError
from misp_module.core.evidence import DEFAULT_THRESHOLD
from misp_module.core.galaxy_index import DEFAULT_GALAXIES
from misp_module.core.words import counted

PROG = "orkl-misp"
EXAMPLE = "eu-declaration-2021-07-19.json"
log = logging.getLogger(PROG)


def _info(args: argparse.Namespace, line: str) -> None:
    """A summary line on stderr, unless -q."""
    if not args.quiet:
        print(f"{PROG}: {line}", file=sys.stderr)


def example_path() -> str:
    """The EU declaration entry shipped with the package."""
    return str(resources.files("misp_module").joinpath("data", EXAMPLE))


# --- shared options ---------------------------------------------------------------------


def _threshold(value: str) -> float:
    try:
        f = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if not 0.0 <= f <= 1.0:
        raise argparse.ArgumentTypeError(f"must be between 0 and 1, not {value}")
    return f


def _galaxy_list(value: str) -> tuple[str, ...]:
    names = tuple(v.strip() for v in value.split(",") if v.strip())
    if not names:
        raise argparse.ArgumentTypeError("name at least one galaxy, e.g. threat-actor")
    return names


def _add_rules_option(g) -> None:
    g.add_argument(
        "--rules",
        action="append",
        metavar="DIR",
        help="a folder of rules files (words, never-match names, synonyms, agencies) merged "
        f"over the shipped ones; repeatable (env ORKL_MISP_RULES, separated by {os.pathsep!r})",
    )


def _add_galaxy_options(p: argparse.ArgumentParser, galaxy_dir_help: str = "") -> None:
    g = p.add_argument_group("galaxy data")
    g.add_argument(
        "--galaxy-dir",
        metavar="DIR",
        default=os.environ.get("ORKL_MISP_GALAXY_DIR") or None,
        help=galaxy_dir_help
        or "a misp-galaxy checkout (default: the data pymispgalaxies ships; "
        "env ORKL_MISP_GALAXY_DIR)",
    )
    g.add_argument(
        "--galaxies",
        type=_galaxy_list,
        default=DEFAULT_GALAXIES,
        metavar="LIST",
        help=f"comma-separated galaxy types to match (default: {','.join(DEFAULT_GALAXIES)})",
    )
    _add_rules_option(g)
    g.add_argument(
        "--threshold",
        type=_threshold,
        default=DEFAULT_THRESHOLD,
        help=f"confidence a cluster needs to become a tag, 0..1 (default: {DEFAULT_THRESHOLD})",
    )


def _add_library_options(p: argparse.ArgumentParser, api: bool = True, client: bool = True) -> None:
    """--library, and with ``api`` --api-url; with ``client`` too the ORKL client's own --rate,
    --tries and --deadline (not for watch and serve: the module paces its own client)."""
    g = p.add_argument_group("library and ORKL API")
    g.add_argument(
        "--library",
        metavar="PATH",
        default=os.environ.get("ORKL_MISP_LIBRARY") or None,
        help="the local library (default: $XDG_DATA_HOME/orkl-misp/library.sqlite3; "
        "env ORKL_MISP_LIBRARY)",
    )
    if api:
        g.add_argument(
            "--api-url",
            metavar="URL",
            default=None,
            help="ORKL API base URL (default: https://orkl.eu/api/v1; env ORKL_API_URL)",
        )
    if api and client:
        g.add_argument(
            "--rate", type=float, default=1.0, help="ORKL requests per second (default 1)"
        )
        g.add_argument(
            "--tries",
            type=int,
            default=5,
            help="tries per ORKL request before giving up (default 5)",
        )
        g.add_argument(
            "--deadline",
            type=float,
            default=60.0,
            metavar="SECONDS",
            help="total time one ORKL request may take, connect to last byte (default 60)",
        )


def _add_lookup_options(p: argparse.ArgumentParser, many: bool) -> None:
    g = p.add_argument_group("look an entry up instead of reading a file")
    action = "append" if many else "store"
    for flag, what in (
        ("--sha1", "an ORKL sha1"),
        ("--id", "an ORKL entry id"),
        ("--url", "a report URL, an ORKL entry URL or an archive.orkl.eu URL"),
    ):
        g.add_argument(
            flag, action=action, metavar="KEY", help=f"{what}: the library first, then the ORKL API"
        )
    g.add_argument("--offline", action="store_true", help="never contact the ORKL API")
    _add_library_options(p)


def _client(args: argparse.Namespace):
    from misp_module.orkl.client import OrklClient

    if getattr(args, "rate", 1.0) <= 0:
        raise ConfigError("--rate must be above 0")
    if args.tries < 1:
        raise ConfigError("--tries must be at least 1")
    if getattr(args, "deadline", 60.0) <= 0:
        raise ConfigError("--deadline must be above 0 seconds")
    return OrklClient(
        args.api_url, rate=args.rate, tries=args.tries, deadline=getattr(args, "deadline", 60.0)
    )


def _lookup(args: argparse.Namespace, keys: list[str]) -> Iterator[OrklEntry]:
    from misp_module.orkl.lookup import find_entry, open_library

    library = open_library(args.library)
    client = None if args.offline else _client(args)
    for key in keys:
        entry, where = find_entry(key, library=library, client=client)
        if entry is None:
            hint = "" if args.offline else " or through the ORKL API"
            raise InputError(f"{key}: no such entry in the library{hint} (try `{PROG} sync`)")
        log.info("%s: found in the %s", key, where)
        yield entry


def _keys(args: argparse.Namespace) -> list[str]:
    keys = []
    for name in ("sha1", "id", "url"):
        value = getattr(args, name, None)
        keys += value if isinstance(value, list) else ([value] if value else [])
    return keys


def _rules_dirs(args: argparse.Namespace) -> tuple[str, ...]:
    """The environment's rules folders, then the command line's (later files win)."""
    env = [d for d in os.environ.get("ORKL_MISP_RULES", "").split(os.pathsep) if d]
    return tuple(os.path.abspath(d) for d in [*env, *(getattr(args, "rules", None) or ())])


def _rules(args: argparse.Namespace):
    from misp_module.core.rules import load_rules

    return load_rules(_rules_dirs(args))


def _enricher(args: argparse.Namespace):
    from misp_module.core.enrich import Enricher

    return Enricher(args.galaxy_dir, args.galaxies, args.threshold, rules=_rules(args))


def _dump(obj: object, indent: int | None = 2) -> str:
    separators = None if indent else (",", ":")
    return json.dumps(obj, indent=indent, ensure_ascii=False, separators=separators)


# --- enrich -----------------------------------------------------------------------------


def _single_entry(path: str) -> OrklEntry:
    from misp_module.core.reader import read_entries

    found = None
    for item in read_entries([path]):
        if isinstance(item, EntryError):
            raise item
        if found is not None:
            raise InputError(f"{path}: holds more than one entry; use `{PROG} match` for many")
        found = item
    if found is None:
        raise InputError(f"{'<stdin>' if path == '-' else path}: holds no ORKL entry")
    return found


def cmd_enrich(args: argparse.Namespace) -> int:
    from misp_module.misp.results import build_results

    keys = _keys(args)
    if bool(keys) == bool(args.file):
        raise ConfigError("give either FILE or one of --sha1, --id, --url")
    entry = next(_lookup(args, keys)) if keys else _single_entry(args.file)
    enrichment = _enricher(args).enrich(entry)
    print(_dump(build_results(enrichment, args.attribute_uuid)))
    return 0


# --- match ------------------------------------------------------------------------------


# --- progress ---------------------------------------------------------------------------
# A tqdm bar on stderr (percentage, count and time left when the total is known) for the long
# commands (sync, import, match, galaxy regenerate), only when stderr is a terminal: on a pipe
# or in a log file the bar would be noise, and with -q the user asked for silence. Results and
# one-line summaries are printed apart from it.


class Progress:
    """``with Progress(enabled, total, unit="B") as p: p.update(n); p.note(entries=3)``"""

    def __init__(
        self,
        enabled: bool,
        total: int | None,
        *,
        desc: str = "",
        unit: str = " entries",
        stream: TextIO | None = None,
    ) -> None:
        stream = stream or sys.stderr
        self.stream = stream
        self.bar = None
        if enabled and stream.isatty():
            from tqdm import tqdm

            self.bar = tqdm(
                total=total,
                desc=desc or None,
                unit=unit,
                unit_scale=unit == "B",
                unit_divisor=1024 if unit == "B" else 1000,
                file=stream,
                dynamic_ncols=True,
                mininterval=0.2,
                leave=True,
            )

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, kind, value, tb) -> None:
        self.close(complete=kind is None)

    def update(self, n: int = 1) -> None:
        if self.bar is not None:
            self.bar.update(n)

    def set(self, done: int, total: int | None = None) -> None:
        """Where the work is now (for callers that count, not add)."""
        if self.bar is not None:
            if total is not None and total != self.bar.total:
                self.bar.total = total
            self.bar.update(done - self.bar.n)

    def note(self, **counts: int) -> None:
        """Counts shown after the bar: entries=…, rejected=…"""
        if self.bar is not None:
            self.bar.set_postfix(counts, refresh=False)

    def write(self, line: str) -> None:
        """A message above the bar (or plainly, when there is no bar)."""
        if self.bar is not None:
            self.bar.write(line, file=self.stream)
        else:
            print(line, file=self.stream)

    def close(self, complete: bool = True) -> None:
        if self.bar is not None:
            if complete and self.bar.total is not None and self.bar.n < self.bar.total:
                self.bar.update(self.bar.total - self.bar.n)  # the input was read to its end
            self.bar.close()
            self.bar = None


def cmd_match(args: argparse.Namespace) -> int:
    import contextlib

    from misp_module.core import bulk
    from misp_module.core.files import atomic_open
    from misp_module.core.reader import input_size, read_units

    keys = _keys(args)
    if not keys and not args.paths:
        raise ConfigError("give PATHs or --sha1/--id/--url keys")
    if args.jobs < 1:
        raise ConfigError("--jobs must be at least 1")
    counts = {"done": 0, "rejected": 0, "tagged": 0}
    total = input_size(args.paths) if args.paths and not keys else None
    # By bytes read when reading files (the entry count is not known up front); by entries
    # when only looking keys up.
    by_bytes = bool(args.paths)
    progress = Progress(
        not args.quiet,
        total if by_bytes else len(keys),
        desc="match",
        unit="B" if by_bytes else " entries",
    )
    # Files come as raw units the workers parse; looked-up entries as entries.
    units = _chain(
        read_units(args.paths, progress.update) if args.paths else iter(()),
        (("", e) for e in _lookup(args, keys)) if keys else (),
    )
    positions: dict[str, int] = {}
    unreadable: set[str] = set()  # files whose rest could not be read

    def emit(source: str, outcomes: list) -> None:
        for outcome in outcomes:
            if source in unreadable:
                return
            position = positions[source] = positions.get(source, 0) + 1
            if outcome[0] == "ok":
                out.write(outcome[1] + b"\n")
                counts["done"] += 1
                counts["tagged"] += outcome[2]
                if not by_bytes:
                    progress.update(1)
            elif outcome[0] == "bad":
                counts["rejected"] += 1
                err = EntryError(outcome[1], position=position, sha1=outcome[2], source=source)
                progress.write(f"{PROG}: {err} (skipped)")
            else:  # the reader's FileError: reported, and the next file is read
                counts["rejected"] += 1
                unreadable.add(source)
                progress.write(f"{PROG}: {outcome[1]} (skipped)")
        progress.note(entries=counts["done"], rejected=counts["rejected"])

    # -o replaces the file only when the run completes (mode kept); an unwritable path fails
    # here, before any work.
    output = atomic_open(args.output) if args.output else contextlib.nullcontext(sys.stdout.buffer)
    with output as out, progress:
        init_args = (args.galaxy_dir, args.galaxies, args.threshold, _rules_dirs(args))
        bulk.run(units, emit, jobs=args.jobs, init_args=init_args)
        if not args.output:
            out.flush()
    _info(
        args,
        f"matched {counted(counts['done'], 'entry')} ({counts['tagged']} with tags), "
        f"rejected {counts['rejected']}",
    )
    return 2 if counts["rejected"] else 0


def _chain(*iterables):
    for it in iterables:
        yield from it


# --- library: sync, import, show ---------------------------------------------------------


def _open_library(args: argparse.Namespace):
    from misp_module.orkl.library import Library, default_library_path

    return Library(args.library or default_library_path())


def cmd_sync(args: argparse.Namespace) -> int:
    from misp_module.orkl.sync import sync

    client = _client(args)  # settings checked before anything shows
    with _open_library(args) as library:
        created = library.created
        try:
            with Progress(not args.quiet, None, desc="sync") as progress:
                summary, problems = sync(
                    library,
                    client,
                    report=lambda line: _info(args, line),
                    max_pages=args.max_pages,
                    progress=progress.set,
                )
        except OrklMispError:
            if created and library.count() == 0:
                library.remove()  # a first sync that fetched nothing leaves no empty library
            raise
        for problem in problems:
            print(f"{PROG}: {problem} (skipped)", file=sys.stderr)
        _info(
            args,
            f"{summary.line('sync')}; {counted(library.count(), 'entry')} in {library.path}",
        )
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from misp_module.core.reader import input_size
    from misp_module.orkl.sync import import_files

    total = input_size(args.paths)
    with _open_library(args) as library:
        with Progress(not args.quiet, total, desc="import", unit="B") as progress:
            summary, problems = import_files(
                library,
                args.paths,
                report=lambda line: _info(args, line),
                on_read=progress.update,
                # Each file's own counts, under its name; the totals come after.
                on_file=lambda path, counts: (
                    args.quiet or progress.write(f"{PROG}: {counts.line(path)}")
                ),
            )
        for problem in problems:
            print(f"{PROG}: {problem} (skipped)", file=sys.stderr)
        _info(
            args,
            f"{summary.line('import')}; {counted(library.count(), 'entry')} in {library.path}",
        )
    return 2 if problems else 0


def cmd_show(args: argparse.Namespace) -> int:
    (entry,) = _lookup(args, [args.key])
    print(_dump(entry.raw))
    return 0


# --- the misp-modules server ----------------------------------------------------------------


def _server_env(args: argparse.Namespace) -> dict:
    """Settings for the module, passed to the server as its defaults."""
    env = {}
    if getattr(args, "library", None):
        env["ORKL_MISP_LIBRARY"] = os.path.abspath(args.library)
    if getattr(args, "api_url", None):
        env["ORKL_API_URL"] = args.api_url
    if getattr(args, "offline", False):
        env["ORKL_MISP_OFFLINE"] = "true"
    if getattr(args, "galaxy_dir", None):
        env["ORKL_MISP_GALAXY_DIR"] = os.path.abspath(args.galaxy_dir)
    if _rules_dirs(args):
        env["ORKL_MISP_RULES"] = os.pathsep.join(_rules_dirs(args))
    # What a request may choose among (see misp_module.misp.policy and README "Security").
    if getattr(args, "config", None):
        env["ORKL_MISP_CONFIG"] = os.path.abspath(args.config)
    if getattr(args, "allow_api_url", None):
        env["ORKL_MISP_ALLOWED_API_URLS"] = " ".join(args.allow_api_url)
    for flag, name in (("allow_library", "LIBRARIES"), ("allow_galaxy_dir", "GALAXY_DIRS")):
        if getattr(args, flag, None):
            paths = [os.path.abspath(p) for p in getattr(args, flag)]
            env[f"ORKL_MISP_ALLOWED_{name}"] = os.pathsep.join(paths)
    return env


def cmd_serve(args: argparse.Namespace) -> int:
    from misp_module.misp.policy import policy_from
    from misp_module.misp.server import check_can_listen, modules_root, server_command

    env = {**os.environ, **_server_env(args)}
    policy_from(env)  # a wrong configuration stops here, in one line, not at the first query
    command = server_command(args.host, args.port)
    check_can_listen(args.host, args.port)
    _info(args, f"misp-modules on {args.host}:{args.port}, custom modules from {modules_root()}")
    sys.stderr.flush()
    # Replace this process with the server: a signal sent to `serve` (SIGTERM from systemd,
    # Ctrl-C) reaches misp-modules itself, so stopping serve stops the server, no orphan.
    os.execve(command[0], command, env)


DEMO_ATTRIBUTE_UUID = "6f1c3a52-2f4b-4c38-9d55-0f6b8e2f1a7d"


def demo_query() -> dict:
    """The query MISP sends when an analyst enriches a link to the EU declaration."""
    from misp_module.misp.expansion import moduleconfig
    from misp_module.orkl.lookup import bundled

    (entry,) = bundled().entries
    return {
        "module": "orkl_attribution",
        "event_id": "1",
        "attribute": {
            "type": "link",
            "category": "External analysis",
            "value": entry.references[0],
            "uuid": DEMO_ATTRIBUTE_UUID,
        },
        "config": dict.fromkeys(moduleconfig),  # every setting unset, as a fresh MISP sends
    }


def cmd_demo(args: argparse.Namespace) -> int:
    from misp_module.misp.server import ModuleServer

    query = demo_query()

    def say(line: str) -> None:  # status on stderr, unless -q
        if not args.quiet:
            print(f"{PROG} demo: {line}", file=sys.stderr)

    say("starting the misp-modules server on 127.0.0.1 ...")
    # Offline: the demo needs no network; the bundled entry answers the link.
    with ModuleServer(env={"ORKL_MISP_OFFLINE": "true", **_server_env(args)}) as server:
        say(
            f"{server.url} ready in {server.ready_after:.1f} s; "
            f"POST /query {query['attribute']['type']} {query['attribute']['value']}"
        )
        started = time.monotonic()
        answer = server.query(query)
        elapsed = time.monotonic() - started
    if args.json:
        print(_dump(answer))
        return 0 if "results" in answer else 1
    if "results" not in answer:
        raise OrklMispError(f"the module answered an error: {answer.get('error')}")
    results = answer["results"]
    print("# Tags for the event\n")
    for tag in results.get("Tag", []):
        print(f"- {tag['name']}")
    for report in results.get("EventReport", []):
        print(f"\n# Event report: {report['name']}\n")
        print(report["content"])
    say(f"the module answered in {elapsed:.2f} s")
    return 0


# --- galaxy regenerate ---------------------------------------------------------------------------


def cmd_galaxy_regenerate(args: argparse.Namespace) -> int:
    from pathlib import Path

    from misp_module.core.files import check_writable_dir
    from misp_module.galaxy.writer import plan, write

    if bool(args.records) == (args.library is not None):
        raise ConfigError("give either --records PATH... or --library")
    if not (args.check or args.diff):  # fail before the work, not after it
        check_writable_dir(args.out)
        if args.galaxy_dir:
            check_writable_dir(Path(args.galaxy_dir) / "clusters")
    enricher = _enricher(args)
    if args.records:
        from misp_module.core.reader import input_size, read_entries

        # Progress by bytes read: the number of entries in the files is not known up front.
        progress = Progress(not args.quiet, input_size(args.records), desc="regenerate", unit="B")

        def progress_entries(n: int) -> None:
            progress.note(entries=n)

        def entries():
            for item in read_entries(args.records, progress.update):
                if isinstance(item, EntryError):
                    raise item  # a maintainer's input must be clean
                yield item
    else:
        from misp_module.orkl.library import Library, default_library_path

        library = Library(args.library or default_library_path(), create=False)
        entries = library.iter_entries
        progress = Progress(not args.quiet, library.count(), desc="regenerate")

        def progress_entries(n: int) -> None:
            progress.set(n)

    galaxy_dir = Path(args.galaxy_dir) if args.galaxy_dir else None
    out = Path(args.out)
    with progress:
        enrichments = (enricher.enrich(e) for e in entries())
        outcome = plan(
            enrichments,
            out,
            galaxy_dir,
            refs_to=args.refs_to,
            relate=not args.no_relations,
            url_key=_page_key(_rules(args)),
            progress=progress_entries,
        )
    if args.review:
        from misp_module.galaxy.review import regenerate_review

        _write_review(args.review, regenerate_review(outcome, args.refs_to))
    for note in outcome.notes:
        print(f"{PROG}: {note}", file=sys.stderr)
    if args.diff:
        for change in outcome.changes:
            root = galaxy_dir if galaxy_dir and change.path.is_relative_to(galaxy_dir) else out
            sys.stdout.write(change.diff(root))
    if args.check:
        if outcome.changes:
            for change in outcome.changes:
                print(f"{PROG}: would change {change.path}", file=sys.stderr)
            print(f"{PROG}: {outcome.summary()}", file=sys.stderr)
            return 1
        _info(args, f"up to date; {outcome.summary()}")
        return 0
    if not args.diff:
        write(outcome)
    _info(args, outcome.summary())
    return 0


def _write_review(path: str, text: str) -> None:
    from misp_module.core.errors import OutputError
    from misp_module.core.files import atomic_write

    try:
        atomic_write(path, text)
    except OutputError as exc:
        raise ConfigError(f"{path}: cannot write the review ({exc.reason})") from None


def _library_resolver(library, rules):
    """ref -> sha1 of the library entry it leads to, after normalisation and the moved-URL
    rules (url-rewrites), applied to both sides: a ref at the old address and an entry at the
    new one meet, and the other way round."""
    from misp_module.core.urls import normalize_url

    rewrite = _key_rewriter(rules)
    table: dict[str, str] = {}
    for key, sha1 in library.url_index():
        table.setdefault(key, sha1)
        table.setdefault(rewrite(key), sha1)

    def resolve(url: str) -> str | None:
        key = normalize_url(url)
        if not key:
            return None
        return table.get(key) or table.get(rewrite(key))

    return resolve


def _page_key(rules):
    """url -> a key equal for two spellings or two addresses of one page."""
    from misp_module.core.urls import normalize_url

    rewrite = _key_rewriter(rules)

    def key(url: str) -> str | None:
        k = normalize_url(url)
        return rewrite(k) if k else None

    return key


def _key_rewriter(rules):
    """A normalised URL with every url-rewrites rule applied in order (rules.py: the pattern is
    a regular expression over the normalised URL, no scheme, no www.)."""
    import re

    compiled = [(re.compile(e["pattern"]), e["replace"]) for e in rules.of("url-rewrites")]

    def rewrite(key: str) -> str:
        for pattern, replace in compiled:
            key = pattern.sub(replace, key)
        return key

    return rewrite


def cmd_galaxy_archive_links(args: argparse.Namespace) -> int:
    from pathlib import Path

    from misp_module.galaxy.archive import find_archives, plan_archive_refs
    from misp_module.galaxy.linkcheck import LinkChecker
    from misp_module.galaxy.review import archive_review
    from misp_module.galaxy.writer import write
    from misp_module.orkl.library import Library, default_library_path

    galaxy_dir = Path(args.galaxy_dir)
    if not (galaxy_dir / "clusters").is_dir():
        raise ConfigError(f"{galaxy_dir}: not a misp-galaxy checkout (no clusters/ folder)")
    if args.max_checks < 1 or args.per_host_interval < 0 or args.timeout <= 0:
        raise ConfigError(
            "--max-checks must be at least 1, --per-host-interval 0 or more, --timeout above 0"
        )
    rules = _rules(args)
    with Library(args.library or default_library_path(), create=False) as library:
        resolve = _library_resolver(library, rules)
    report, docs = find_archives(galaxy_dir, resolve, args.galaxies)
    if args.check_links:
        checker = LinkChecker(
            per_host_interval=args.per_host_interval,
            timeout=args.timeout,
            max_requests=args.max_checks,
        )
        statuses = checker.check(a.ref for a in report.links)
        for a in report.links:
            a.status, a.dead = statuses[a.ref].label(), statuses[a.ref].dead
        report.checked = True
    if args.write:
        plan_archive_refs(report, docs, galaxy_dir)
        write(report)
    text = archive_review(report, args.check_links)
    if args.review:
        _write_review(args.review, text)
    else:
        sys.stdout.write(text)
    print(f"{PROG}: {report.summary()}", file=sys.stderr)
    return 0


# --- watch --------------------------------------------------------------------------------------


def _misp_key(args: argparse.Namespace) -> str:
    if args.misp_key_file:
        try:
            key = open(args.misp_key_file, encoding="utf-8").read().strip()  # noqa: SIM115
        except OSError as exc:
            raise ConfigError(
                f"{args.misp_key_file}: cannot read the MISP key ({exc.strerror})"
            ) from None
        if not key:
            raise ConfigError(f"{args.misp_key_file}: the MISP key file is empty")
        return key
    key = os.environ.get("MISP_KEY", "").strip()
    if not key:
        raise ConfigError("no MISP API key: give --misp-key-file FILE or set MISP_KEY")
    return key


def _watch_state_path(args: argparse.Namespace, url: str):
    import hashlib
    from pathlib import Path

    if args.state:
        return Path(args.state)
    base = os.environ.get("XDG_STATE_HOME") or os.path.join(
        os.path.expanduser("~"), ".local", "state"
    )
    digest = hashlib.sha256(url.encode()).hexdigest()[:12]
    return Path(base) / "orkl-misp" / f"watch-{digest}.json"


def _check_misp_url(url: str) -> None:
    """Refuse at once what no retry can fix: a URL without http(s):// or without a host."""
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        hint = f" (did you mean https://{url}?)" if "://" not in url else ""
        raise ConfigError(f"MISP URL {url!r}: must start with https:// or http://{hint}")


def cmd_watch(args: argparse.Namespace) -> int:
    from misp_module.misp.watch import State, exclusive, status_lines

    url = args.misp_url or os.environ.get("MISP_URL")
    if not url:
        raise ConfigError("no MISP URL: give --misp-url URL or set MISP_URL")
    _check_misp_url(url)
    if args.status:
        state = State.load(_watch_state_path(args, url), 0)
        for line in status_lines(state):
            print(line)
        return 0
    with exclusive(_watch_state_path(args, url)):
        return _watch(args, url)


def _watch(args: argparse.Namespace, url: str) -> int:
    from misp_module.misp.client import MispClient
    from misp_module.misp.watch import State, parse_since, run_pass
    from misp_module.module import enrich_request

    try:
        since = parse_since(args.since)
    except ValueError as exc:
        raise ConfigError(f"--since: {exc}") from None
    if args.interval <= 0:
        raise ConfigError("--interval must be above 0 seconds")
    if args.refusal_tries < 1 or args.refusal_backoff < 0:
        raise ConfigError("--refusal-tries must be 1 or more, --refusal-backoff 0 or more")
    if args.tries < 1:
        raise ConfigError("--tries must be at least 1")
    key = _misp_key(args)
    config = {
        "offline": "true" if args.offline else None,
        "galaxies": ",".join(args.galaxies),
        "threshold": str(args.threshold),
    }
    # Settings that name places are the module's server configuration (misp/policy.py), never
    # a request's: watch, the module's own server here, sets them as `serve` would.
    os.environ.update(_server_env(args))
    client = MispClient(url, key, verify_tls=not args.insecure, tries=args.tries)
    state = State.load(_watch_state_path(args, url), since)

    def say(line: str) -> None:
        print(f"{PROG}: {client.scrub(line)}", file=sys.stderr)

    while True:
        started = time.monotonic()
        try:
            summary = run_pass(
                client,
                state,
                config,
                enrich=enrich_request,
                tags=args.tag,
                org=args.org,
                dry_run=args.dry_run,
                say=say,
                refusal_tries=args.refusal_tries,
                refusal_backoff=args.refusal_backoff,
            )
        except OrklMispError as exc:
            raise type(exc)(client.scrub(str(exc))) from None
        args.quiet or say(
            f"pass done: {counted(summary.events, 'event')} seen, {summary.enriched} enriched, "
            f"{summary.refused} refused by MISP; "
            f"high-water mark {state.high_water}"
            + (" (dry run: nothing written)" if args.dry_run else "")
        )
        if args.once or args.dry_run:
            return 0
        time.sleep(max(0.0, args.interval - (time.monotonic() - started)))


def cmd_taxonomy(args: argparse.Namespace) -> int:
    from pathlib import Path

    from misp_module.core.files import atomic_write
    from misp_module.core.taxonomy import machinetag_json

    if args.out:
        atomic_write(Path(args.out), machinetag_json())
    else:
        sys.stdout.write(machinetag_json())
    return 0


# --- parser -----------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Turn ORKL threat-intelligence reports into MISP knowledge: galaxy "
        "clusters with evidence, public attribution, misp-modules results.",
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    _add_verbosity(parser, False)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True

    p = sub.add_parser(
        "enrich",
        help="print the misp-modules results for one ORKL entry",
        description="Print exactly the JSON the MISP expansion module returns for one entry: "
        "a report object, an EventReport and the event tags.",
    )
    p.add_argument(
        "file", nargs="?", metavar="FILE", help="an ORKL entry (bare, API envelope) or - for stdin"
    )
    p.add_argument(
        "--attribute-uuid",
        metavar="UUID",
        help="uuid of the attribute enriched: adds an expanded-from reference to the report object",
    )
    _add_galaxy_options(p)
    _add_lookup_options(p, many=False)
    p.set_defaults(func=cmd_enrich)

    p = sub.add_parser(
        "match",
        help="match many entries, one JSON line each",
        description="Read entries from files, directories or stdin (bare entries, API envelopes "
        "and pages, JSON Lines, the bulk dump) and write one JSON line per entry with its tags, "
        "clusters and evidence. Bad entries are reported on stderr and skipped; the exit status "
        "is 2 if any was.",
    )
    p.add_argument("paths", nargs="*", metavar="PATH", help="files, directories, or - for stdin")
    p.add_argument("-o", "--output", metavar="FILE", help="write the lines here (default: stdout)")
    p.add_argument(
        "-j",
        "--jobs",
        type=int,
        default=1,
        help="worker processes (default 1; the number of cores is usually best for large inputs)",
    )
    _add_galaxy_options(p)
    _add_lookup_options(p, many=True)
    p.set_defaults(func=cmd_match)

    p = sub.add_parser(
        "sync",
        help="bring the local library up to date from the ORKL API",
        description="Incremental: pages ORKL's entries newest-updated first and stops at the last "
        "sync (with a few minutes of overlap). Deleted entries are removed. A killed sync resumes "
        "where it stopped.",
    )
    _add_library_options(p)
    p.add_argument("--max-pages", type=int, metavar="N", help="stop after N pages (resumable)")
    p.set_defaults(func=cmd_sync)

    p = sub.add_parser(
        "import",
        help="import ORKL entries from files (the bulk library.json dump, pages, JSON Lines)",
        description="Streamed with bounded memory, committed in batches; an interrupted import "
        "of the same file resumes after its last batch.",
    )
    p.add_argument("paths", nargs="+", metavar="FILE")
    _add_library_options(p, api=False)
    p.set_defaults(func=cmd_import)

    galaxy = sub.add_parser("galaxy", help="galaxy JSON for misp-galaxy maintainers")
    gsub = galaxy.add_subparsers(dest="galaxy_command", metavar="COMMAND")
    gsub.required = True
    p = gsub.add_parser(
        "regenerate",
        help="write the public-attribution galaxy, and refs for the clusters reports cover",
        description="Writes DIR/galaxies/public-attribution.json and DIR/clusters/"
        "public-attribution.json (one value per attribution statement). With --galaxy-dir, also "
        "adds each report's URL to the clusters it is tagged with in that "
        "misp-galaxy checkout, in place (meta.additional_refs by default), relates threat actors "
        "to the country cluster of the state a government publicly attributed them to, and "
        "updates the checkout's README index. Everything is validated first (schemas and "
        "misp-galaxy's CI rules) and written atomically.",
    )
    p.add_argument(
        "--records", nargs="+", metavar="PATH", help="entries to read (files, directories)"
    )
    p.add_argument(
        "--library",
        nargs="?",
        const="",
        default=None,
        metavar="PATH",
        help="read every entry of the local library (default location without PATH)",
    )
    p.add_argument(
        "--out", required=True, metavar="DIR", help="where the public-attribution files go"
    )
    p.add_argument(
        "--check",
        action="store_true",
        help="write nothing; exit 1 naming the files a run would change",
    )
    p.add_argument(
        "--diff", action="store_true", help="print the change as a unified diff; write nothing"
    )
    p.add_argument(
        "--refs-to",
        choices=("additional_refs", "refs"),
        default="additional_refs",
        help="where a report's URL goes in the clusters it is tagged with (default "
        "additional_refs: misp-galaxy keeps refs for a name's original source)",
    )
    p.add_argument(
        "--no-relations",
        action="store_true",
        help="do not relate threat actors to the country a government attributed them to",
    )
    p.add_argument(
        "--review",
        metavar="FILE",
        help="write a markdown review of every change (cluster, ref, evidence, confidence), "
        "for a pull request; written even with --check or --diff",
    )
    # Not _add_galaxy_options: this --galaxy-dir is written to, so it never comes from the
    # environment, and the threshold also decides which clusters get refs.
    g = p.add_argument_group("galaxy data")
    g.add_argument(
        "--galaxy-dir",
        metavar="DIR",
        help="a misp-galaxy checkout: match against it, and update its refs",
    )
    g.add_argument(
        "--galaxies",
        type=_galaxy_list,
        default=DEFAULT_GALAXIES,
        metavar="LIST",
        help=f"galaxy types to match (default: {','.join(DEFAULT_GALAXIES)})",
    )
    _add_rules_option(g)
    g.add_argument(
        "--threshold",
        type=_threshold,
        default=DEFAULT_THRESHOLD,
        help="confidence a cluster needs to be related and to get the report's refs",
    )
    p.set_defaults(func=cmd_galaxy_regenerate)

    p = gsub.add_parser(
        "archive-links",
        help="name the ORKL archive copy of every cluster ref the local library holds",
        description="For every ref (and additional_ref) of every cluster in a misp-galaxy "
        "checkout that leads to an entry of the local library (after URL normalisation and the "
        "moved-URL rules), name its ORKL copy, https://archive.orkl.eu/<sha1>.pdf. Prints a "
        "markdown report. --check-links sends one HEAD request per ref (only to the refs' own "
        "hosts, redirects not followed, a per-host rate limit); --write adds the copies to each "
        "value's meta.archive-refs.",
    )
    p.add_argument("--galaxy-dir", required=True, metavar="DIR", help="a misp-galaxy checkout")
    p.add_argument(
        "--galaxies",
        type=_galaxy_list,
        default=None,
        metavar="LIST",
        help="only these galaxy types (default: every cluster file)",
    )
    p.add_argument(
        "--library",
        metavar="PATH",
        default=os.environ.get("ORKL_MISP_LIBRARY") or None,
        help="the local library (default: $XDG_DATA_HOME/orkl-misp/library.sqlite3)",
    )
    _add_rules_option(p)
    p.add_argument("--check-links", action="store_true", help="HEAD each ref: which still answer")
    p.add_argument(
        "--per-host-interval",
        type=float,
        default=2.0,
        metavar="SECONDS",
        help="at least this long between two requests to one host (default 2)",
    )
    p.add_argument(
        "--max-checks",
        type=int,
        default=1000,
        metavar="N",
        help="at most N requests in a run; the rest are reported as not checked (default 1000)",
    )
    p.add_argument("--timeout", type=float, default=10.0, help="seconds per request (default 10)")
    p.add_argument(
        "--write", action="store_true", help="add the ORKL copies to meta.archive-refs in place"
    )
    p.add_argument("--review", metavar="FILE", help="write the markdown report here, not stdout")
    p.set_defaults(func=cmd_galaxy_archive_links)

    p = sub.add_parser(
        "taxonomy",
        help="print the public-attribution taxonomy (misp-taxonomies machinetag.json)",
        description="The public-attribution taxonomy, generated from the vocabulary the "
        "extractor uses, in misp-taxonomies' machinetag.json format.",
    )
    p.add_argument("--out", metavar="FILE", help="write it here instead of stdout")
    p.set_defaults(func=cmd_taxonomy)

    p = sub.add_parser(
        "watch",
        help="enrich new and changed MISP events through MISP's REST API (no Workflows needed)",
        description="Polls MISP for events changed since the last pass (a high-water mark kept in "
        "a state file), enriches every attribute the module accepts, and writes back the report "
        "object, the event report and the tags, skipping what the event already has. The API key "
        "comes from --misp-key-file or the MISP_KEY environment variable, never the command line.",
    )
    p.add_argument("--misp-url", metavar="URL", help="MISP base URL (env MISP_URL)")
    p.add_argument(
        "--misp-key-file", metavar="FILE", help="a file holding the API key (else env MISP_KEY)"
    )
    p.add_argument("--insecure", action="store_true", help="do not verify MISP's TLS certificate")
    p.add_argument(
        "--state", metavar="PATH", help="the high-water mark file (default under $XDG_STATE_HOME)"
    )
    p.add_argument(
        "--since", default="1d", help="first run only: how far back to look (7d, 24h, a date)"
    )
    p.add_argument(
        "--tag", action="append", metavar="TAG", help="only events with this tag (repeatable)"
    )
    p.add_argument("--org", metavar="ORG", help="only events of this organisation")
    p.add_argument("--once", action="store_true", help="one pass, then exit (for cron)")
    p.add_argument(
        "--interval", type=float, default=300, help="seconds between passes (default 300)"
    )
    p.add_argument(
        "--dry-run", action="store_true", help="print what would be written; write nothing"
    )
    p.add_argument("--offline", action="store_true", help="never contact the ORKL API")
    p.add_argument(
        "--status",
        action="store_true",
        help="print the state: the mark and the events MISP refused (for good or to retry)",
    )
    p.add_argument(
        "--refusal-tries",
        type=int,
        default=4,
        metavar="N",
        help="tries of an event MISP refuses before it is given up on (default 4)",
    )
    p.add_argument(
        "--refusal-backoff",
        type=float,
        default=900,
        metavar="SECONDS",
        help="wait before retrying a refused event, doubled each time (default 900)",
    )
    p.add_argument(
        "--tries",
        type=int,
        default=5,
        metavar="N",
        help="tries per MISP request before giving up (default 5)",
    )
    _add_galaxy_options(p)
    # The module's settings only: it paces its own ORKL client (module.py), so no --rate,
    # --deadline or ORKL --tries here that would be silently ignored.
    _add_library_options(p, client=False)
    p.set_defaults(func=cmd_watch)

    p = sub.add_parser(
        "serve",
        help="run the misp-modules server with the orkl_attribution module",
        description="Runs `misp-modules -l HOST -p PORT -c <this package's modules root>`. "
        "--library, --api-url, --offline and --galaxy-dir become the module's defaults for "
        "settings MISP leaves empty. A request (anyone who reaches the port) may only choose "
        "among what the server allows: see README, Security.",
    )
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=6666, help="port (default 6666)")
    p.add_argument("--offline", action="store_true", help="the module never contacts the ORKL API")
    p.add_argument("--galaxy-dir", metavar="DIR", help="a misp-galaxy checkout for the module")
    _add_rules_option(p)
    _add_library_options(p, client=False)
    g = p.add_argument_group("what a request may choose (besides the defaults above)")
    g.add_argument(
        "--allow-api-url",
        action="append",
        metavar="URL",
        help="another ORKL API a request's api_url may name (repeatable)",
    )
    g.add_argument(
        "--allow-library",
        action="append",
        metavar="PATH",
        help="another library a request's library may name (repeatable)",
    )
    g.add_argument(
        "--allow-galaxy-dir",
        action="append",
        metavar="DIR",
        help="another misp-galaxy checkout a request's galaxy_dir may name (repeatable)",
    )
    g.add_argument(
        "--config",
        metavar="FILE",
        help="a JSON file of server settings (env ORKL_MISP_CONFIG; the options above win)",
    )
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser(
        "demo",
        help="enrich the bundled EU declaration through the real misp-modules server",
        description="Starts misp-modules on a free loopback port, sends the query MISP sends "
        "for a link attribute carrying the EU declaration's URL, prints the tags and the event "
        "report, and stops the server. Needs no network and no MISP.",
    )
    p.add_argument("--json", action="store_true", help="print the module's raw JSON answer")
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser(
        "show",
        help="print a stored entry",
        description="Print the entry for a "
        "sha1, ORKL id or URL, from the library (then the ORKL API unless --offline).",
    )
    p.add_argument("key", metavar="SHA1|ID|URL")
    p.add_argument("--offline", action="store_true", help="never contact the ORKL API")
    _add_library_options(p)
    p.set_defaults(func=cmd_show)
    # -v and -q work before and after the subcommand (`orkl-misp sync -q`).
    for p in _all_subparsers(parser):
        _add_verbosity(p, argparse.SUPPRESS)
    return parser


def _add_verbosity(p: argparse.ArgumentParser, default) -> None:
    g = p.add_mutually_exclusive_group()
    g.add_argument("-v", "--verbose", action="store_true", default=default, help="log what happens")
    g.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        default=default,
        help="no progress bar and no summary; errors only",
    )


def _all_subparsers(parser: argparse.ArgumentParser):
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in dict.fromkeys(action.choices.values()):
                yield sub
                yield from _all_subparsers(sub)


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format=f"{PROG}: %(message)s",
        stream=sys.stderr,
    )
    try:
        return args.func(args)
    except OrklMispError as exc:
        print(f"{PROG}: {exc}", file=sys.stderr)
        return exc.exit_status
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (| head): not an error of ours.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except OSError as exc:
        # Any file the command could not read or write (disk full, a bad --state path, a
        # read-only folder): one line naming it, exit 3, the files closed by their `with`s.
        where = exc.filename or "input/output"
        print(f"{PROG}: {where}: {exc.strerror or exc}", file=sys.stderr)
        return 3


if __name__ == "__main__":
    sys.exit(main())
