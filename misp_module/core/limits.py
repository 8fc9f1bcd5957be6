"""Field limits MISP has, in one place so every writer (results, galaxy files) cuts the same way.

MISP stores tag names and event report names in ``varchar(255)`` columns (INSTALL/MYSQL.sql:480
``event_reports.name``, :1438 ``tags.name``; MISP/MISP at bb0909a3). A tag name is also cut by
MISP itself, in bytes not characters: ``substr($name, 0, 255)`` once ``strlen`` reaches 255
(app/Model/Tag.php:105-106), which can split a character and silently makes another tag. So a
tag name is fitted in UTF-8 bytes (:func:`fit_bytes`), other names in characters (:func:`fit`);
a cut is marked with an ellipsis so a reader sees the name goes on.
"""

from __future__ import annotations

MISP_NAME_MAX = 255
ELLIPSIS = "…"


def fit(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters, the last one an ellipsis when anything was cut."""
    return text if len(text) <= limit else text[: limit - 1] + ELLIPSIS


def fit_bytes(text: str, max_bytes: int = MISP_NAME_MAX) -> str:
    """``text`` cut at a character boundary to fit ``max_bytes`` UTF-8 bytes, ellipsis included."""
    data = text.encode("utf-8")
    if len(data) <= max_bytes:
        return text
    room = max_bytes - len(ELLIPSIS.encode("utf-8"))
    return data[:room].decode("utf-8", errors="ignore").rstrip() + ELLIPSIS


def fit_tag_value(prefix: str, value: str, max_bytes: int = MISP_NAME_MAX) -> str:
    """A value short enough that the machine tag ``prefix="value"`` fits MISP's tag names."""
    return fit_bytes(value, max_bytes - len(prefix.encode("utf-8")) - 3)  # =, two quotes
