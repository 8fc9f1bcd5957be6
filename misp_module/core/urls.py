"""URL normalisation, so that a report's URL and a cluster's ref compare equal.

Galaxy refs and ORKL references spell the same page differently: http/https, ``www.``,
a trailing slash or not (APT40 and APT31 cite the EU declaration both ways), a fragment,
tracking parameters. The normal form drops all of that; it is a key, never a URL to fetch.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit

_TRACKING_PREFIXES = ("utm_", "mc_", "pk_", "hsa_")
_TRACKING_KEYS = frozenset(
    {"fbclid", "gclid", "dclid", "msclkid", "yclid", "igshid", "ref", "_hsenc", "_hsmi", "mkt_tok"}
)
_DEFAULT_PORTS = {"http": 80, "https": 443}


# Most URLs (ORKL's archive links, report pages) are already in the normal form's terms:
# a lower-case scheme and host, a path with nothing to unquote, no query, port or fragment.
# Their key is host and path, which the general way below gives too, at a tenth of the cost
# (an import normalises every entry's URLs; tests check the two agree).
_PLAIN = re.compile(
    r"https?://(?:www\.)?([a-z0-9-]+(?:\.[a-z0-9-]+)*)"
    r"(/[\x21\x22\x24\x26-\x3e\x40-\x5b\x5d-\x7e]*)?"  # printable ASCII but # % ? \\
)


def normalize_url(url: str) -> str | None:
    """A comparison key for ``url``, or None when it is not an http(s) URL."""
    url = url.strip()
    m = _PLAIN.fullmatch(url)
    if m:
        return m[1] + (m[2] or "").rstrip("/")
    return _normalize(url)


def _normalize(url: str) -> str | None:
    if not url:
        return None
    if "://" not in url and url.lower().startswith("www."):
        url = "http://" + url
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https") or not parts.hostname:
        return None
    host = parts.hostname.lower().rstrip(".")
    if host.startswith("www."):
        host = host[4:]
    if port and port != _DEFAULT_PORTS.get(scheme):
        host = f"{host}:{port}"
    path = unquote(parts.path).rstrip("/")
    query = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if not k.lower().startswith(_TRACKING_PREFIXES) and k.lower() not in _TRACKING_KEYS
    ]
    query.sort()
    key = host + path
    if query:
        key += "?" + urlencode(query)
    return key


def host_of(url: str) -> str:
    """The lower-cased host of ``url`` without ``www.``; empty when there is none."""
    try:
        host = urlsplit(url.strip()).hostname or ""
    except ValueError:
        return ""
    host = host.lower().rstrip(".")
    return host[4:] if host.startswith("www.") else host
