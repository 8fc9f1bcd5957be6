"""Words and rules as data: the lists analysts extend without touching the package.

A rules file is JSON in the shape of a MISP warninglist: a ``kind``, a ``description`` and a
list of ``entries``, each entry with its ``source`` (where the fact comes from) or ``why``
(what it prevents) where one exists. The package ships one file per kind in
``misp_module/data/rules/``; users add their own files in a folder (``--rules DIR`` on the CLI,
the server's ``rules`` setting for the module). Every user file is validated against the JSON
Schema of its kind (``data/rules/schemas/<kind>.schema.json``) before anything is used, and a
bad file is refused with its path, the entry and the field; the shipped files are validated by
the tests, not at every start (a tenth of a second of each `orkl-misp` process).

Entries from user files are merged over the shipped ones: an entry whose key (the field named
in ``KEYS``) equals a shipped entry's replaces it, any other entry is added. An entry with
``"disabled": true`` removes the shipped entry with its key.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING

from misp_module.core.errors import ConfigError

if TYPE_CHECKING:  # loaded only to validate an analyst's rules file (a tenth of a second)
    import jsonschema

# kind -> the field that identifies an entry (for merging user files over shipped ones)
KEYS: Mapping[str, str] = MappingProxyType(
    {
        "state-names": "name",
        "demonyms": "name",
        "metonyms": "name",
        "offices": "pattern",
        "agencies": "pattern",
        "government-sites": "host",
        "attribution-cues": "pattern",
        "attribution-genres": "pattern",
        "never-match": "name",
        "extra-synonyms": "name",
        "family-members": "value",
        "url-rewrites": "pattern",
        "salience-words": "word",
        "attribution-words": "word",
    }
)
# kinds whose entries are identified by a role and the key field together ("and" is both a
# list joiner and a phrase joiner; "vervolg" is both a blame word and an indictment word)
ROLE_KEYED = frozenset(
    {"salience-words", "attribution-words", "attribution-cues", "attribution-genres"}
)
# kinds whose entries are identified by their language too: the Polish and the Czech "Kanad*"
# are two entries, and one must not replace the other
LANGUAGE_KEYED = frozenset(
    {
        "state-names",
        "demonyms",
        "metonyms",
        "offices",
        "attribution-cues",
        "attribution-genres",
        "attribution-words",
    }
)
MAX_FILE_BYTES = 5 * 1024 * 1024  # a rules file is a word list, never a data dump


class RulesError(ConfigError):
    """A rules file that cannot be used: names the file, the entry and the field."""


@dataclass(frozen=True)
class RuleSet:
    """The merged entries of every kind, and where they came from."""

    entries: Mapping[str, tuple[dict, ...]]
    files: tuple[str, ...] = ()
    fingerprint: str = ""
    _keyed: dict = field(default_factory=dict, compare=False, repr=False)

    def of(self, kind: str) -> tuple[dict, ...]:
        if kind not in KEYS:
            raise KeyError(f"unknown rules kind {kind!r}")
        return self.entries.get(kind, ())

    def mapping(self, kind: str, value: str) -> dict[str, str]:
        """``{entry[key]: entry[value]}`` for one kind, e.g. demonym -> state."""
        cache_key = (kind, value)
        if cache_key not in self._keyed:
            self._keyed[cache_key] = {e[KEYS[kind]]: e[value] for e in self.of(kind)}
        return self._keyed[cache_key]


def _shipped_dir():
    return resources.files("misp_module").joinpath("data", "rules")


@cache
def _schema(kind: str) -> dict:
    text = _shipped_dir().joinpath("schemas", f"{kind}.schema.json").read_text(encoding="utf-8")
    return json.loads(text)


@lru_cache(maxsize=1)
def _envelope() -> dict:
    text = _shipped_dir().joinpath("schemas", "rules-file.schema.json").read_text("utf-8")
    return json.loads(text)


def _where(error: jsonschema.ValidationError) -> str:
    path = list(error.absolute_path)
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "the file"


def _validate(data: object, name: str) -> tuple[str, list[dict]]:
    """The file's kind and entries, or a RulesError naming the entry and field."""
    import jsonschema

    envelope = jsonschema.Draft202012Validator(_envelope())
    error = jsonschema.exceptions.best_match(envelope.iter_errors(data))
    if error is not None:
        raise RulesError(f"{name}: {_where(error)}: {error.message}")
    kind = data["kind"]
    validator = jsonschema.Draft202012Validator(_schema(kind))
    for i, entry in enumerate(data["entries"]):
        error = jsonschema.exceptions.best_match(validator.iter_errors(entry))
        if error is not None:
            key = entry.get(KEYS[kind]) if isinstance(entry, dict) else None
            label = f" ({KEYS[kind]} {key!r})" if isinstance(key, str) else ""
            field = ".".join(str(p) for p in error.absolute_path)
            where = f"entries[{i}]{label}" + (f", field {field}" if field else "")
            raise RulesError(f"{name}: {where}: {error.message}")
        _check_patterns(kind, entry, f"{name}: entries[{i}]")
    _check_unique(kind, data["entries"], name)
    return kind, data["entries"]


def _check_unique(kind: str, entries: list[dict], name: str) -> None:
    """One file gives an entry once: a second entry with the same key would silently replace
    the first (a user's file replaces a shipped entry on purpose, never its own)."""
    first: dict = {}
    for i, entry in enumerate(entries):
        key = entry_key(kind, entry)
        if key in first:
            raise RulesError(
                f"{name}: entries[{i}] ({_describe(kind, key)}) repeats entries[{first[key]}]; "
                "give each entry once, or change its key"
            )
        first[key] = i


def _describe(kind: str, key) -> str:
    """An entry's key in words, for an error message."""
    parts = key if isinstance(key, tuple) else (key,)
    names = (("role",) if kind in ROLE_KEYED else ()) + (KEYS[kind],)
    names += ("language",) if kind in LANGUAGE_KEYED else ()
    return ", ".join(f"{n} {v!r}" for n, v in zip(names, parts, strict=True) if v != "")


REGEX_KINDS = frozenset(
    {"offices", "agencies", "attribution-cues", "attribution-genres", "url-rewrites"}
)


# salience-words roles whose word is a regular expression fragment
REGEX_ROLES = frozenset({"comparison", "comparison-adjacent", "lineage-after"})


def _check_patterns(kind: str, entry: dict, where: str) -> None:
    """A pattern that does not compile is refused with the file, not when a text meets it."""
    if kind in REGEX_KINDS:
        name = "pattern"
    elif kind == "salience-words" and entry["role"] in REGEX_ROLES:
        name = "word"
    else:
        return
    try:
        re.compile(entry[name])
    except re.error as exc:
        raise RulesError(f"{where}, field {name}: not a regular expression ({exc})") from None


def entry_key(kind: str, entry: dict) -> str | tuple:
    """What identifies an entry of ``kind`` when user files are merged over shipped ones: its
    key field, with its role and its language (a list read as a set) where the kind has them."""
    key: tuple = (entry[KEYS[kind]],)
    if kind in ROLE_KEYED:
        key = (entry["role"], *key)
    if kind in LANGUAGE_KEYED:
        language = entry.get("language", "")
        key += (tuple(sorted(language)) if isinstance(language, list) else language,)
    return key if len(key) > 1 else key[0]


def _read(path_or_resource, name: str, validate: bool = True) -> tuple[str, list[dict], bytes]:
    try:
        raw = path_or_resource.read_bytes()
    except OSError as exc:
        raise RulesError(f"{name}: cannot read ({exc.strerror or exc})") from None
    if len(raw) > MAX_FILE_BYTES:
        raise RulesError(
            f"{name}: {len(raw)} bytes, over the {MAX_FILE_BYTES} a rules file may have"
        )
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise RulesError(f"{name}: not UTF-8 ({exc.reason} at byte {exc.start})") from None
    except json.JSONDecodeError as exc:
        raise RulesError(
            f"{name}: not JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})"
        ) from None
    if not validate:  # the package's own files: the tests validate them (test_rules.py)
        return data["kind"], data["entries"], raw
    kind, entries = _validate(data, name)
    return kind, entries, raw


def _merge(base: dict[str, dict[str, dict]], kind: str, entries: Iterable[dict]) -> None:
    slot = base.setdefault(kind, {})
    for entry in entries:
        key = entry_key(kind, entry)
        if entry.get("disabled"):
            slot.pop(key, None)
        else:
            slot[key] = entry


def user_files(directory: str | Path) -> list[Path]:
    """The rules files in a user's folder, in name order (later files win)."""
    folder = Path(directory)
    if not folder.is_dir():
        raise RulesError(f"{folder}: no such rules folder")
    return sorted(p for p in folder.glob("*.json") if p.is_file())


@lru_cache(maxsize=8)
def _load(directories: tuple[str, ...], stamps: tuple) -> RuleSet:
    merged: dict[str, dict[str, dict]] = {}
    digest = hashlib.sha256()
    files: list[str] = []
    shipped = _shipped_dir()
    for name in sorted(n.name for n in shipped.iterdir() if n.name.endswith(".json")):
        where = f"misp_module/data/rules/{name}"
        kind, entries, raw = _read(shipped.joinpath(name), where, validate=False)
        _merge(merged, kind, entries)
        digest.update(raw)
    for directory in directories:
        for path in user_files(directory):
            kind, entries, raw = _read(path, str(path))
            _merge(merged, kind, entries)
            digest.update(b"\0" + str(path).encode() + b"\0" + raw)
            files.append(str(path))
    entries = {kind: tuple(slot.values()) for kind, slot in sorted(merged.items())}
    return RuleSet(MappingProxyType(entries), tuple(files), digest.hexdigest()[:16])


def load_rules(directories: Iterable[str | Path] = ()) -> RuleSet:
    """The shipped rules with the files of ``directories`` merged over them (validated)."""
    dirs = tuple(str(Path(d)) for d in directories if d)
    stamps = tuple(
        (str(p), p.stat().st_mtime_ns, p.stat().st_size) for d in dirs for p in user_files(d)
    )
    return _load(dirs, stamps)


def shipped() -> RuleSet:
    return load_rules(())


def salience_words(role: str) -> tuple[str, ...]:
    """The shipped salience-words of one role, in file order (the module-level sets of
    core/salience.py; an index built with a user's rules carries its own, see words_of)."""
    return tuple(e["word"] for e in shipped().of("salience-words") if e["role"] == role)


def attribution_words(role: str) -> tuple[str, ...]:
    """The shipped attribution-words of one role, in file order (the module-level word sets of
    the core/attribution/ package: abbreviations, function words, number words)."""
    return tuple(e["word"] for e in shipped().of("attribution-words") if e["role"] == role)


def attribution_word_entries(role: str) -> tuple[dict, ...]:
    """The shipped attribution-words entries of one role, in file order (with their language
    and stem flag: the roles the extractor builds its phrase patterns from)."""
    return tuple(e for e in shipped().of("attribution-words") if e["role"] == role)


def word_alternation(entries: Iterable[dict], then: str = "") -> str:
    """The entries' words as one regular-expression alternation in file order (the schema
    admits no pattern characters in a word; a stem takes any ending: ``\\w*``), each followed
    by ``then`` (a space) unless elided: an article that ends in its apostrophe ("l'")."""
    return "|".join(
        e["word"] + (r"\w*" if e.get("stem") else "") + ("" if e["word"].endswith("'") else then)
        for e in entries
    )


def word_languages(entry: dict) -> tuple[str, ...]:
    """The languages of an attribution-words entry (one, or several that share the word)."""
    language = entry.get("language", ())
    return (language,) if isinstance(language, str) else tuple(language)
