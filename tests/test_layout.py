"""The package's architecture as a rule: the engine (core/) stands apart from its adapters.

Every module's imports are read with ``ast``, so a file added later is covered by itself:
core/ imports no adapter and no CLI; the adapters (orkl/, misp/, galaxy/) do not import each
other and meet only in the top-level composition modules (cli.py, module.py).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "misp_module"
ADAPTERS = ("orkl", "misp", "galaxy")
TOP = ("cli", "module")


def _imports(path: Path, package: Path) -> set[str]:
    """Dotted names of the misp_module modules that ``path`` imports (absolute or relative)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    here = path.relative_to(package.parent).with_suffix("").parts
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = ".".join(here[: len(here) - node.level])
                module = f"{base}.{node.module}" if node.module else base
            else:
                module = node.module or ""
            found.add(module)
            found.update(f"{module}.{a.name}" for a in node.names)
    return {name for name in found if name.split(".")[0] == "misp_module"}


def _role(dotted: str) -> str | None:
    parts = dotted.split(".")
    if len(parts) < 2:
        return None
    if parts[1] in ("core", *ADAPTERS):
        return parts[1]
    if parts[1] in TOP:
        return "top"
    return None


def violations(package: Path = PACKAGE) -> list[str]:
    found = []
    for path in sorted(package.rglob("*.py")):
        role = _role(".".join(path.relative_to(package.parent).with_suffix("").parts))
        if role not in ("core", *ADAPTERS):
            continue
        for name in sorted(_imports(path, package)):
            target = _role(name)
            if target is None or target == role:
                continue
            if role == "core" or target != "core":
                found.append(f"{path.relative_to(package.parent)} imports {name}")
    return found


def test_roles_are_folders():
    for role in ("core", *ADAPTERS):
        assert (PACKAGE / role / "__init__.py").is_file(), role
    # nothing but the composition modules and the package marker at the top
    top = sorted(p.stem for p in PACKAGE.glob("*.py"))
    assert set(top) <= {"__init__", *TOP}, top


def test_core_imports_no_adapter_and_adapters_not_each_other():
    assert violations() == []


@pytest.mark.parametrize(
    ("where", "line", "culprit"),
    [
        (
            "core/probe.py",
            "from misp_module.orkl.client import OrklClient\n",
            "misp_module.orkl.client",
        ),
        ("core/probe.py", "from ..misp import expansion\n", "misp_module.misp"),
        ("core/probe.py", "import misp_module.cli\n", "misp_module.cli"),
        (
            "misp/probe.py",
            "from misp_module.orkl.lookup import find_entry\n",
            "misp_module.orkl.lookup",
        ),
        ("galaxy/probe.py", "from ..orkl import library\n", "misp_module.orkl"),
    ],
)
def test_the_rule_catches_a_bad_import(tmp_path, where, line, culprit):
    """The checker fails on a forbidden import, so the rule test cannot pass vacuously."""
    package = tmp_path / "misp_module"
    for role in ("core", *ADAPTERS):
        (package / role).mkdir(parents=True)
        (package / role / "__init__.py").write_text("")
    (package / where).write_text(line)
    found = violations(package)
    assert found and all(v.startswith(f"misp_module/{where} imports ") for v in found)
    assert f"misp_module/{where} imports {culprit}" in found


def test_core_may_import_core_and_adapters_core(tmp_path):
    package = tmp_path / "misp_module"
    for role in ("core", *ADAPTERS):
        (package / role).mkdir(parents=True)
        (package / role / "__init__.py").write_text("")
    (package / "core" / "a.py").write_text("from .b import x\nfrom misp_module.core import c\n")
    (package / "orkl" / "a.py").write_text("from ..core.entry import OrklEntry\n")
    assert violations(package) == []
