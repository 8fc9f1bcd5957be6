"""misp-modules expansion module "orkl_attribution", loaded with ``misp-modules -c <root>``.

A shim over the installed orkl-misp package (misp-modules imports this file by its bare name,
so it cannot import a sibling file). Import-time work stays trivial, and any failure becomes
an ImportError, which misp-modules logs as a warning instead of stopping the whole server.
"""

try:
    from misp_module.module import (  # noqa: F401
        handler,
        introspection,
        mispattributes,
        moduleconfig,
        moduleinfo,
        version,
    )
except Exception as exc:  # noqa: BLE001
    raise ImportError(f"orkl_attribution: cannot load the orkl-misp package: {exc}") from exc
