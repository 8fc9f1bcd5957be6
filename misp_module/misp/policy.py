"""What a request to the module may set, and what only the server's own configuration may.

misp-modules listens without authentication and MISP sends every module setting inside every
request, so a request is untrusted. Settings that name a place the server goes to or a file
it opens (the ORKL API, the library, the galaxy folder) come from the server's configuration:
the command line of ``orkl-misp serve`` (passed on as environment variables), the environment,
or a JSON file named by ``ORKL_MISP_CONFIG``. A request may only choose among what that
configuration allows: an API URL on the allow-list, a library or galaxy folder the server
lists, galaxy names (never paths) of the installed set.

Errors name the setting and what to do, never a server path.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from misp_module.core.errors import ConfigError
from misp_module.core.evidence import DEFAULT_THRESHOLD
from misp_module.core.galaxy_index import DEFAULT_GALAXIES, GALAXY_NAME

# The ORKL API (the same as orkl.client.DEFAULT_API_URL; misp/ does not import orkl/, a test
# checks that the two agree).
ORKL_API_URL = "https://orkl.eu/api/v1"
# Seconds per ORKL API request. MISP waits 10 s for the whole enrichment: two tries of 3 s
# with half a second between them stay inside it.
DEFAULT_TIMEOUT = 3.0
# MISP waits 10 s for an enrichment and 5 s for a hover (app/Model/Module.php:281-284,
# Plugin.Enrichment_timeout / Plugin.Enrichment_hover_timeout); the module answers before.
DEFAULT_DEADLINE = 9.0
DEFAULT_HOVER_DEADLINE = 4.5
MAX_GALAXIES = 4  # galaxies one request may name: each list is an index of its own

ENV = {
    "config": "ORKL_MISP_CONFIG",
    "api_url": "ORKL_API_URL",
    "allowed_api_urls": "ORKL_MISP_ALLOWED_API_URLS",
    "library": "ORKL_MISP_LIBRARY",
    "allowed_libraries": "ORKL_MISP_ALLOWED_LIBRARIES",
    "offline": "ORKL_MISP_OFFLINE",
    "galaxy_dir": "ORKL_MISP_GALAXY_DIR",
    "allowed_galaxy_dirs": "ORKL_MISP_ALLOWED_GALAXY_DIRS",
}
_FILE_KEYS = {
    "api_url",
    "allowed_api_urls",
    "library",
    "allowed_libraries",
    "offline",
    "galaxy_dir",
    "allowed_galaxy_dirs",
    "galaxies",
    "max_galaxies",
    "deadline",
    "hover_deadline",
}
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


class RequestError(Exception):
    """The request or a setting is wrong: the reply is {"error": message}."""


@dataclass(frozen=True)
class Settings:
    """One request's settings, every place in it one the server allows."""

    api_url: str | None
    library: str | None
    offline: bool
    galaxy_dir: str | None
    galaxies: tuple[str, ...]
    threshold: float
    timeout: float
    rules: tuple[str, ...] = ()


@dataclass(frozen=True)
class ServerPolicy:
    """The server's own configuration: defaults and what a request may choose among."""

    api_url: str = ORKL_API_URL
    allowed_api_urls: tuple[str, ...] = (ORKL_API_URL,)
    library: str | None = None
    allowed_libraries: tuple[str, ...] = ()
    offline: bool = False
    galaxy_dir: str | None = None
    allowed_galaxy_dirs: tuple[str, ...] = ()
    galaxies: tuple[str, ...] = DEFAULT_GALAXIES
    max_galaxies: int = MAX_GALAXIES
    deadline: float = DEFAULT_DEADLINE
    hover_deadline: float = DEFAULT_HOVER_DEADLINE

    def paths(self) -> list[str]:
        """Every server path this policy names (kept out of replies)."""
        named = [self.library, self.galaxy_dir, *self.allowed_libraries]
        return [p for p in (*named, *self.allowed_galaxy_dirs, *server_rules_dirs()) if p]


def _url(value: str) -> str:
    return value.strip().rstrip("/")


def _path(value: str) -> str:
    return os.path.normpath(os.path.abspath(os.path.expanduser(value.strip())))


def _list(value, sep: str) -> list[str]:
    if isinstance(value, list):
        return [str(v) for v in value if str(v).strip()]
    return [v for v in re.split(sep, str(value or "")) if v.strip()]


def _bool(value, where: str) -> bool:
    text = str(value).strip().lower()
    if text not in _TRUE | _FALSE:
        raise ConfigError(f"{where}: {value!r} is not true or false")
    return text in _TRUE


def _read_file(path: str) -> dict:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(
            f"{path}: cannot read the server configuration ({exc.strerror})"
        ) from None
    except ValueError as exc:
        raise ConfigError(f"{path}: the server configuration is not JSON ({exc})") from None
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: the server configuration is not a JSON object")
    unknown = sorted(set(data) - _FILE_KEYS)
    if unknown:
        raise ConfigError(
            f"{path}: unknown setting(s) {', '.join(unknown)}; known: {', '.join(sorted(_FILE_KEYS))}"
        )
    return data


def policy_from(env: dict[str, str]) -> ServerPolicy:
    """The policy of a server whose environment is ``env`` (and the file it names)."""
    raw: dict = _read_file(env[ENV["config"]]) if env.get(ENV["config"]) else {}
    for key, name in ENV.items():
        if key != "config" and env.get(name, "").strip():
            raw[key] = env[name]
    where = env.get(ENV["config"]) or "environment"
    api_url = _url(str(raw.get("api_url") or ORKL_API_URL))
    if not re.match(r"^https?://[^/\s]+", api_url):
        raise ConfigError(f"{where}: api_url {api_url!r} is not an http(s) URL")
    allowed_urls = [api_url, *(_url(u) for u in _list(raw.get("allowed_api_urls"), r"[\s,]+"))]
    library = _path(str(raw["library"])) if raw.get("library") else None
    galaxy_dir = _path(str(raw["galaxy_dir"])) if raw.get("galaxy_dir") else None
    libraries = [_path(p) for p in _list(raw.get("allowed_libraries"), re.escape(os.pathsep))]
    galaxy_dirs = [_path(p) for p in _list(raw.get("allowed_galaxy_dirs"), re.escape(os.pathsep))]
    galaxies = tuple(_list(raw.get("galaxies"), r"[\s,]+")) or DEFAULT_GALAXIES
    bad = [g for g in galaxies if not GALAXY_NAME.match(g)]
    if bad:
        raise ConfigError(f"{where}: galaxies: {bad[0]!r} is not a galaxy name")
    try:
        return ServerPolicy(
            api_url=api_url,
            allowed_api_urls=tuple(dict.fromkeys(allowed_urls)),
            library=library,
            allowed_libraries=tuple(dict.fromkeys([p for p in (library,) if p] + libraries)),
            offline=_bool(raw.get("offline", "false"), f"{where}: offline"),
            galaxy_dir=galaxy_dir,
            allowed_galaxy_dirs=tuple(dict.fromkeys([p for p in (galaxy_dir,) if p] + galaxy_dirs)),
            galaxies=galaxies,
            max_galaxies=max(1, int(raw.get("max_galaxies", MAX_GALAXIES))),
            deadline=float(raw.get("deadline", DEFAULT_DEADLINE)),
            hover_deadline=float(raw.get("hover_deadline", DEFAULT_HOVER_DEADLINE)),
        )
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"{where}: {exc}") from None


@lru_cache(maxsize=4)
def _cached(items: tuple[tuple[str, str], ...]) -> ServerPolicy:
    return policy_from(dict(items))


def server_policy() -> ServerPolicy:
    """The policy of this process, from its environment (re-read when that changes)."""
    return _cached(tuple((name, os.environ.get(name, "")) for name in ENV.values()))


# --- a request's settings, resolved against the policy ------------------------------------


def _setting(config: dict, name: str) -> str | None:
    """MISP sends unset settings as null or "": both mean the server's default."""
    value = config.get(name)
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if not isinstance(value, str | int | float | bool):
        raise RequestError(f"setting {name}: not a string")
    return str(value).strip()


def _number(config: dict, name: str, default: float, low: float, high: float) -> float:
    raw = _setting(config, name)
    if raw is None:
        return default
    try:
        value = float(raw)
    except ValueError:
        raise RequestError(f"setting {name}: {raw[:40]!r} is not a number") from None
    if not low <= value <= high:
        raise RequestError(f"setting {name}: {raw[:40]} is outside {low}..{high}")
    return value


def _chosen_path(config: dict, name: str, default: str | None, allowed: tuple[str, ...]):
    raw = _setting(config, name)
    if raw is None:
        return default
    path = _path(raw)
    if path not in allowed:
        raise RequestError(
            f"setting {name}: not one this server allows; leave it empty for the server's own, "
            f"or have the server list it (orkl-misp serve --allow-{name.replace('_', '-')})"
        )
    return path


def settings_from(config: object, policy: ServerPolicy | None = None) -> Settings:
    """The request's settings, each one the server allows, or RequestError."""
    policy = policy or server_policy()
    if config is None:
        config = {}
    if not isinstance(config, dict):
        raise RequestError("config must be an object of settings")
    offline = _setting(config, "offline") or "false"
    if offline.lower() not in _TRUE | _FALSE:
        raise RequestError(f"setting offline: {offline[:40]!r} is not true or false")
    api_url = _setting(config, "api_url")
    if api_url is not None and _url(api_url) not in policy.allowed_api_urls:
        raise RequestError(
            "setting api_url: not an ORKL API this server allows; leave it empty for the "
            "server's own, or have the server allow it (orkl-misp serve --allow-api-url)"
        )
    galaxies = policy.galaxies
    named = _setting(config, "galaxies")
    if named is not None:
        galaxies = tuple(dict.fromkeys(g.strip() for g in named.split(",") if g.strip()))
        for g in galaxies:
            if not GALAXY_NAME.match(g):
                raise RequestError(
                    f"setting galaxies: {g[:40]!r} is not a galaxy name (a name such as "
                    "threat-actor, never a path)"
                )
        if len(galaxies) > policy.max_galaxies:
            raise RequestError(
                f"setting galaxies: {len(galaxies)} galaxies named; this server matches "
                f"{policy.max_galaxies} at most per request"
            )
    return Settings(
        api_url=_url(api_url) if api_url else policy.api_url,
        library=_chosen_path(config, "library", policy.library, policy.allowed_libraries),
        offline=policy.offline or offline.lower() in _TRUE,
        galaxy_dir=_chosen_path(
            config, "galaxy_dir", policy.galaxy_dir, policy.allowed_galaxy_dirs
        ),
        galaxies=galaxies or policy.galaxies,
        threshold=_number(config, "threshold", DEFAULT_THRESHOLD, 0.0, 1.0),
        timeout=_number(config, "timeout", DEFAULT_TIMEOUT, 0.1, 60.0),
        rules=_rules_dirs(config),
    )


def server_rules_dirs() -> tuple[str, ...]:
    """The rules folders the server was started with (ORKL_MISP_RULES): the only ones used."""
    return tuple(d for d in os.environ.get("ORKL_MISP_RULES", "").split(os.pathsep) if d)


def _rules_dirs(config: dict) -> tuple[str, ...]:
    """The server's rules folders, or those of them the request names by folder name.

    A request never names a path: it may only choose among the folders the server offers,
    by their names, so nothing it sends makes the server open a file of its choosing.
    """
    offered = server_rules_dirs()
    wanted = _setting(config, "rules")
    if wanted is None:
        return offered
    by_name = {os.path.basename(os.path.normpath(d)): d for d in offered}
    chosen = []
    for name in (w.strip() for w in wanted.split(",")):
        if not name:
            continue
        if name not in by_name:
            names = ", ".join(sorted(by_name)) or "none"
            raise RequestError(
                f"setting rules: {name[:64]!r} is not a rules folder this server offers ({names})"
            )
        chosen.append(by_name[name])
    return tuple(chosen)


_ABSOLUTE = re.compile(r"(?<![\w:/.%-])(?:~|/)(?:[\w.@+~-]+/?)+")


def public_message(message: str, policy: ServerPolicy | None = None) -> str:
    """``message`` with every server path replaced by "<server path>"."""
    if policy is None:
        try:
            policy = server_policy()
        except ConfigError:
            policy = ServerPolicy()
    for path in sorted(policy.paths(), key=len, reverse=True):
        message = message.replace(path, "<server path>")
    return _ABSOLUTE.sub("<server path>", message)
