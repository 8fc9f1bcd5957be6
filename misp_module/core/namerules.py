"""URL rewrite rules for moved vendor pages, applied to both sides of a URL comparison.

The rules are data (``misp_module/data/rules/url-rewrites.json``, extended by a user's
``--rules`` folder, see :mod:`misp_module.core.rules`): a pattern over the normalised URL
(host without ``www.``, path without its trailing slash) and its replacement. The index keeps
the rules its refs were keyed with, so a report's URL is rewritten by the very same rules.
"""

from __future__ import annotations

import re
from functools import lru_cache


@lru_cache(maxsize=8)
def _compiled(rules: tuple[tuple[str, str], ...]) -> tuple[tuple[re.Pattern, str], ...]:
    return tuple((re.compile(p), r) for p, r in rules)


def rewrite(key: str | None, rules: tuple[tuple[str, str], ...]) -> str | None:
    """A normalised URL with the first matching rule applied (moved vendor pages)."""
    if not key:
        return key
    for pattern, replace in _compiled(rules):
        new, n = pattern.subn(replace, key, count=1)
        if n:
            return new
    return key
