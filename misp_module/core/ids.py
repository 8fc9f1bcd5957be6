"""Derived identifiers: every uuid orkl-misp writes is uuid5 of a stable name, never random."""

from __future__ import annotations

import hashlib
import uuid

# uuid5(NAMESPACE_URL, the project's URL): the root of everything orkl-misp derives.
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://github.com/orkl-misp/orkl-misp")
_NAMESPACE_BYTES = NAMESPACE.bytes


def derived_uuid(*parts: str) -> str:
    """``str(uuid.uuid5(NAMESPACE, "/".join(parts)))`` without the UUID object, a third of
    its time (a module reply derives nine; tests/test_results_fast.py holds both equal)."""
    digest = bytearray(
        hashlib.sha1(_NAMESPACE_BYTES + "/".join(parts).encode("utf-8")).digest()[:16]
    )
    digest[6] = (digest[6] & 0x0F) | 0x50  # version 5 (RFC 4122, 4.1.3)
    digest[8] = (digest[8] & 0x3F) | 0x80  # the RFC 4122 variant (4.1.1)
    h = digest.hex()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"
