"""Field limits MISP has, applied in one place so every writer cuts the same way.

MISP stores tag names and event report names in ``varchar(255)`` columns (INSTALL/MYSQL.sql:480
``event_reports.name``, :1438 ``tags.name``, MISP commit bb0909a3), and cuts a longer tag name
itself with ``substr($name, 0, 255)``, bytes not characters (app/Model/Tag.php:105), which can
split a character and silently yields a different tag. We cut first, at a character boundary,
within 255 UTF-8 bytes, and mark the cut with an ellipsis so a reader sees the name is longer.
"""

from __future__ import annotations

MISP_NAME_BYTES = 255
ELLIPSIS = "…"


def clip(text: str, max_bytes: int = MISP_NAME_BYTES) -> str:
    """``text`` unchanged when it fits in ``max_bytes`` UTF-8 bytes, else cut with an ellipsis."""
    data = text.encode("utf-8")
    if len(data) <= max_bytes:
        return text
    room = max_bytes - len(ELLIPSIS.encode("utf-8"))
    return data[:room].decode("utf-8", errors="ignore").rstrip() + ELLIPSIS


def clip_tag_value(prefix: str, value: str, max_bytes: int = MISP_NAME_BYTES) -> str:
    """A value that keeps ``prefix="value"`` (a machine tag) within the tag name limit."""
    return clip(value, max_bytes - len(prefix.encode("utf-8")) - 3)  # =, two quotes
