"""The ORKL entry model: a validated, normalised view of one ORKL library entry.

Validation uses the JSON Schema shipped in ``data/orkl-entry.schema.json``; the model then
smooths over the shape drift ORKL has had (sources as strings or objects, null lists, the
``0001-01-01`` sentinel date, empty titles, aliases with trailing spaces).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from misp_module.core.errors import EntryError

if TYPE_CHECKING:  # jsonschema is imported only when an entry fails the hand-written check
    import jsonschema

UNKNOWN_DATE_PREFIX = "0001-01-01"
# Real entries nest four levels at most; past this the input is broken or hostile, and deeper
# values would hit Python's recursion limit in the decoder, the validator or the encoder.
MAX_DEPTH = 64
# A lone UTF-16 surrogate (JSON "\ud800" not followed by its pair) is no character: it cannot
# be written as UTF-8 (stdout, SQLite, MISP), so it is replaced with U+FFFD on the way in.
_SURROGATE = re.compile("[\ud800-\udfff]")
ARCHIVE_BASE = "https://archive.orkl.eu"
_TYPE_WORDS = {
    "string": "a string",
    "array": "a list",
    "object": "an object",
    "null": "null",
    "integer": "an integer",
    "number": "a number",
    "boolean": "true or false",
}


@dataclass(frozen=True)
class OrklActor:
    """One item of an entry's ``threat_actors``: ORKL's opinion, per source."""

    main_name: str
    source_id: str = ""
    source_name: str = ""
    aliases: tuple[str, ...] = ()
    id: str = ""


@dataclass(frozen=True)
class OrklEntry:
    """A normalised ORKL entry. ``raw`` keeps the entry as it came, for storage."""

    sha1: str
    id: str
    title: str
    text: str
    references: tuple[str, ...]
    actors: tuple[OrklActor, ...]
    sources: tuple[str, ...]
    files: dict[str, str]
    created_at: str | None
    updated_at: str | None
    deleted_at: str | None
    file_date: str | None
    language: str
    raw: dict[str, Any] = field(repr=False, compare=False, hash=False)
    # How this entry came to be what it is, for the evidence: what was repaired on the way in
    # (invalid characters replaced), which of several entries a URL led to and why.
    notes: tuple[str, ...] = field(default=(), compare=False)

    @property
    def orkl_links(self) -> tuple[str, ...]:
        """The ORKL copies of the report (pdf, text), as ORKL serves them."""
        return tuple(self.files[k] for k in ("pdf", "text") if self.files.get(k))

    @property
    def archive_links(self) -> tuple[str, ...]:
        """archive.orkl.eu URLs derived from the sha1: stable even when ``files`` is older."""
        return tuple(f"{ARCHIVE_BASE}/{self.sha1}.{ext}" for ext in ("pdf", "txt"))


@lru_cache(maxsize=1)
def _validator() -> jsonschema.protocols.Validator:
    import jsonschema

    text = resources.files("misp_module").joinpath("data/orkl-entry.schema.json").read_text()
    schema = json.loads(text)
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def _field_path(path: Any) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _describe(error: jsonschema.ValidationError) -> str:
    """Turn a jsonschema error into 'field must be ...' words."""
    where = _field_path(error.absolute_path)
    if error.validator == "required":
        missing = error.message.split("'")[1] if "'" in error.message else "a field"
        return f"{where + '.' if where else ''}{missing} is missing"
    custom = error.schema.get("x-message") if isinstance(error.schema, dict) else None
    if custom:
        return f"{where} {custom}"
    if error.validator == "type":
        wanted = error.validator_value
        wanted = wanted if isinstance(wanted, list) else [wanted]
        words = " or ".join(_TYPE_WORDS.get(w, w) for w in wanted)
        if not where:
            return f"the entry must be {words}, not {type(error.instance).__name__}"
        return f"{where} must be {words}"
    return f"{where or 'entry'}: {error.message}"


def _date(value: str | None) -> str | None:
    if not value or value.startswith(UNKNOWN_DATE_PREFIX):
        return None
    return value


def _strings(values: list[str] | None) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for v in values or ():
        v = v.strip()
        if v:
            seen.setdefault(v, None)
    return tuple(seen)


def _title(raw: dict[str, Any], references: tuple[str, ...], sha1: str) -> str:
    for candidate in (raw.get("title"), raw.get("llm_title")):
        if candidate and candidate.strip():
            return " ".join(candidate.split())
    names = _strings(raw.get("report_names"))
    if names:
        return names[0]
    return references[0] if references else f"ORKL report {sha1}"


def _clean(value: Any, where: str, counts: dict[str, int], depth: int = 0) -> Any:
    """``value`` with lone surrogates replaced (counted per field in ``counts``).

    Returns the same object when nothing changed, so a clean entry is not copied. Raises
    ValueError past :data:`MAX_DEPTH`.
    """
    if isinstance(value, str):
        if value.isascii() or not _SURROGATE.search(value):
            return value
        fixed, n = _SURROGATE.subn("\ufffd", value)
        counts[where or "entry"] = counts.get(where or "entry", 0) + n
        return fixed
    if depth >= MAX_DEPTH and isinstance(value, (dict, list)):
        raise ValueError(f"nested more than {MAX_DEPTH} levels deep")
    if isinstance(value, dict):
        out, changed = {}, False
        for k, v in value.items():
            name = f"{where}.{k}" if where else str(k)
            k2 = _clean(k, name, counts, depth + 1)
            v2 = _clean(v, name, counts, depth + 1)
            changed = changed or k2 is not k or v2 is not v
            out[k2] = v2
        return out if changed else value
    if isinstance(value, list):
        items = [_clean(v, where, counts, depth + 1) for v in value]
        changed = any(a is not b for a, b in zip(items, value, strict=True))
        return items if changed else value
    return value


def _has_surrogate(text: str) -> bool:
    try:
        text.encode("utf-8")  # twenty times faster than a regex search on real texts
    except UnicodeEncodeError:
        return True
    return False


def _check(raw: Any, surrogates: bool = True) -> bool:
    """True when ``raw`` holds a lone surrogate; ValueError past :data:`MAX_DEPTH`. The fast
    pass every entry takes (no copies, no field names); :func:`_clean` runs only when needed.
    ``surrogates=False``: the depth only (a decoder that refuses lone surrogates read it)."""
    found = False
    stack = [(raw, 0)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, str):
            found = found or (surrogates and not value.isascii() and _has_surrogate(value))
        elif isinstance(value, dict):
            if depth >= MAX_DEPTH:
                raise ValueError(f"nested more than {MAX_DEPTH} levels deep")
            stack.extend((k, depth + 1) for k in value)
            stack.extend((v, depth + 1) for v in value.values())
        elif isinstance(value, list):
            if depth >= MAX_DEPTH:
                raise ValueError(f"nested more than {MAX_DEPTH} levels deep")
            stack.extend((v, depth + 1) for v in value)
    return found


# The schema's checks, by hand: jsonschema walks every keyword of every entry and costs more
# than matching a short report. An entry this accepts the schema accepts too (and the other
# way round: tests/test_entries.py checks both on generated entries); one it refuses goes
# through jsonschema for the message.
_SHA1 = re.compile(r"^[0-9a-fA-F]{40}$")
_OPTIONAL_STRINGS = ("id", "title", "llm_title", "authors", "plain_text", "language")
_DATES = (
    "created_at",
    "updated_at",
    "deleted_at",
    "file_creation_date",
    "file_modification_date",
)
_STRING_LISTS = ("references", "report_names", "origins")


def _str_or_none(value: Any) -> bool:
    return value is None or type(value) is str


def _strings_or_none(value: Any) -> bool:
    return value is None or (type(value) is list and all(type(v) is str for v in value))


def _conforms(raw: Any) -> bool:
    if type(raw) is not dict:
        return False
    sha1 = raw.get("sha1_hash")
    if type(sha1) is not str or not _SHA1.search(sha1):
        return False
    get = raw.get
    if not all(_str_or_none(get(k)) for k in _OPTIONAL_STRINGS + _DATES):
        return False
    if not all(_strings_or_none(get(k)) for k in _STRING_LISTS):
        return False
    size = get("file_size")
    if not (size is None or type(size) is int or (type(size) is float and size.is_integer())):
        return False
    sources = get("sources")
    if sources is not None:
        if type(sources) is not list:
            return False
        for s in sources:
            if type(s) is dict:
                if not (_str_or_none(s.get("name")) and _str_or_none(s.get("url"))):
                    return False
            elif type(s) is not str:
                return False
    actors = get("threat_actors")
    if actors is not None:
        if type(actors) is not list:
            return False
        for a in actors:
            if type(a) is not dict or type(a.get("main_name")) is not str:
                return False
            if not all(_str_or_none(a.get(k)) for k in ("id", "source_name", "source_id")):
                return False
            if not (_strings_or_none(a.get("aliases")) and _strings_or_none(a.get("tools"))):
                return False
    files = get("files")
    if files is not None:
        if type(files) is not dict:
            return False
        if not all(_str_or_none(files.get(k)) for k in ("pdf", "text", "img")):
            return False
    return True


def parse_entry(
    raw: Any,
    *,
    position: int | None = None,
    source: str | None = None,
    utf8_checked: bool = False,
) -> OrklEntry:
    """Validate ``raw`` and return the normalised entry, or raise :class:`EntryError`.
    ``utf8_checked``: ``raw`` was decoded by orjson, which refuses lone surrogates ("no low
    surrogate in string"), so its strings need no test for one (a UTF-8 encoding of every
    text that is not ASCII: 2-3% of match's work besides attribution)."""
    sha1 = raw.get("sha1_hash") if isinstance(raw, dict) else None
    sha1 = sha1 if isinstance(sha1, str) else None
    counts: dict[str, int] = {}
    try:
        if _check(raw, surrogates=not utf8_checked):
            raw = _clean(raw, "", counts)
    except ValueError as exc:
        raise EntryError(str(exc), position=position, sha1=sha1, source=source) from None
    notes = tuple(
        f"{where}: {n} invalid character{'s' if n > 1 else ''} (lone UTF-16 surrogate) "
        "replaced with U+FFFD"
        for where, n in sorted(counts.items())
    )
    if not _conforms(raw):
        errors = sorted(_validator().iter_errors(raw), key=lambda e: list(e.absolute_path))
        if errors:
            from jsonschema.exceptions import best_match

            best = best_match(errors)
            raise EntryError(_describe(best), position=position, sha1=sha1, source=source)
    sha1 = raw["sha1_hash"].lower()
    references = _strings(raw.get("references"))
    actors = tuple(
        OrklActor(
            main_name=a["main_name"].strip(),
            source_id=(a.get("source_id") or "").strip(),
            source_name=(a.get("source_name") or "").strip(),
            aliases=_strings(a.get("aliases")),
            id=a.get("id") or "",
        )
        for a in raw.get("threat_actors") or ()
        if a["main_name"].strip()
    )
    sources = _strings(
        [s if isinstance(s, str) else (s.get("name") or "") for s in raw.get("sources") or ()]
    )
    files = {k: v for k, v in (raw.get("files") or {}).items() if isinstance(v, str) and v}
    return OrklEntry(
        sha1=sha1,
        id=raw.get("id") or "",
        title=_title(raw, references, sha1),
        text=raw.get("plain_text") or "",
        references=references,
        actors=actors,
        sources=sources,
        files=files,
        created_at=_date(raw.get("created_at")),
        updated_at=_date(raw.get("updated_at")),
        deleted_at=_date(raw.get("deleted_at")),
        file_date=_date(raw.get("file_creation_date")),
        language=raw.get("language") or "",
        raw=raw,
        notes=notes,
    )
