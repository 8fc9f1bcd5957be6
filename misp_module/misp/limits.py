"""What a MISP column or validator accepts, checked before anything is sent.

Figures and rules are MISP 2.5.1's (MISP/MISP at bb0909a3):

- ``event_reports.name`` and ``tags.name`` are ``varchar(255)`` (INSTALL/MYSQL.sql:480, 1438);
  ``workflow_blueprints.name`` and ``.description`` are ``varchar(191)`` (INSTALL/MYSQL.sql:
  1752-1753). Strict SQL refuses longer values, lax SQL cuts them silently.
- a ``link`` attribute must pass PHP's ``filter_var($value, FILTER_VALIDATE_URL)``
  (app/Lib/Tools/AttributeValidationTool.php:478-480), and one attribute failing validation
  fails the whole object in ``objects/add`` (app/Controller/ObjectsController.php:212-226).
"""

from __future__ import annotations

import re
import string
from urllib.parse import quote, urlsplit, urlunsplit

from misp_module.core.limits import ELLIPSIS, fit  # noqa: F401 - one cut for every writer

REPORT_NAME_MAX = 255
TAG_NAME_MAX = 255
BLUEPRINT_NAME_MAX = 191
BLUEPRINT_DESCRIPTION_MAX = 191

# The characters PHP's FILTER_SANITIZE_URL keeps (ext/filter/sanitizing_filters.c,
# php_filter_url): FILTER_VALIDATE_URL first sanitizes and fails if anything was removed.
_URL_CHARS = frozenset(string.ascii_letters + string.digits + "$-_.+!*'(),{}|\\^~[]`<>#%\";/?:@&=")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*$")
_LABEL = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?$")
# Kept as they are when a link is encoded: what FILTER_SANITIZE_URL keeps, less the characters
# that urlsplit has already used as separators.
_SAFE = "$-_.+!*'(),{}|\\^~[]`<>%\";/?:@&="


def _host_ok(host: str) -> bool:
    # php_filter_validate_domain with FILTER_FLAG_HOSTNAME (ext/filter/logical_filters.c).
    if host.startswith("[") and host.endswith("]"):
        return all(c in string.hexdigits + ":." for c in host[1:-1]) and ":" in host
    host = host[:-1] if host.endswith(".") else host
    if not host or len(host) > 253:
        return False
    return all(_LABEL.match(label) for label in host.split("."))


def valid_link(value: str) -> bool:
    """What PHP's FILTER_VALIDATE_URL accepts (php_filter_validate_url), for MISP's link type."""
    if not value or any(c not in _URL_CHARS for c in value):
        return False
    try:
        parts = urlsplit(value)
        port = parts.port  # a non-numeric or out-of-range port is an error here
    except ValueError:
        return False
    del port
    if not parts.scheme or not _SCHEME.match(parts.scheme):
        return False
    host = parts.netloc.rsplit("@", 1)[-1]
    host = host.rsplit(":", 1)[0] if not host.endswith("]") else host
    if parts.scheme.lower() in ("http", "https"):
        return _host_ok(host)
    return bool(host) or parts.scheme.lower() in ("mailto", "news", "file")


def encode_link(value: str) -> str | None:
    """``value`` as a link MISP accepts (non-ASCII host in IDNA, other characters
    percent-encoded), or None when no encoding makes it one."""
    value = value.strip()
    if valid_link(value):
        return value
    try:
        parts = urlsplit(value)
        host = parts.hostname or ""
        host = host.encode("idna").decode("ascii") if host else ""
        port = f":{parts.port}" if parts.port else ""
    except (UnicodeError, ValueError):
        return None
    netloc = host + port
    encoded = urlunsplit(
        (
            parts.scheme,
            netloc,
            quote(parts.path, safe=_SAFE),
            quote(parts.query, safe=_SAFE),
            quote(parts.fragment, safe=_SAFE),
        )
    )
    return encoded if valid_link(encoded) else None
