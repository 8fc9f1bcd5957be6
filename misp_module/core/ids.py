"""Derived identifiers: every uuid orkl-misp writes is uuid5 of a stable name, never random."""

from __future__ import annotations

import uuid

# uuid5(NAMESPACE_URL, the project's URL): the root of everything orkl-misp derives.
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://github.com/orkl-misp/orkl-misp")


def derived_uuid(*parts: str) -> str:
    return str(uuid.uuid5(NAMESPACE, "/".join(parts)))
