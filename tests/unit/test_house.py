"""The house rules, checked: one public face, one source of exit codes, settings read in one
place, no marketplace named outside its registry entry, no link out of the repository."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import hect_automation
from hect_automation import platforms, sandbox
from hect_automation.errors import EXIT_MEANINGS

ROOT = Path(__file__).resolve().parents[2]
PRODUCT = ROOT / "hect_automation"


def product_files(*, sandbox: bool = False) -> list[Path]:
    return [
        path
        for path in sorted(PRODUCT.rglob("*.py"))
        if sandbox or "sandbox" not in path.relative_to(PRODUCT).parts
    ]


def isort_order(name: str) -> tuple[int, str]:
    """The order ruff keeps ``__all__`` in: CONSTANTS, then Classes, then the rest."""
    return (0 if name.isupper() else 1 if name[0].isupper() else 2, name)


def test_exported_members() -> None:
    """Like httpx's: ``__all__`` is sorted, and every name in it is there and public."""
    names = hect_automation.__all__
    assert names == sorted(names, key=isort_order)
    for name in names:
        assert getattr(hect_automation, name) is not None, name
        member = getattr(hect_automation, name)
        module = getattr(member, "__module__", "hect_automation")
        assert module.startswith("hect_automation"), (name, module)


def test_the_readme_exit_codes_are_the_error_trees() -> None:
    readme = (ROOT / "README.md").read_text()
    table = readme.split("| code | meaning | what to do |", 1)[1].split("\n\n", 1)[0]
    codes = [int(code) for code in re.findall(r"^\| (\d+) \|", table, re.MULTILINE)]
    assert sorted(codes) == sorted({1, *EXIT_MEANINGS})


def test_only_config_reads_the_environment() -> None:
    for path in product_files(sandbox=True):
        if path.name == "config.py":
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            call = isinstance(node, ast.Call) and ast.unparse(node.func)
            if call in {"os.getenv", "os.environ.get", "os.environ.__getitem__"}:
                raise AssertionError(f"{path.name}:{node.lineno} reads the environment")
            reading = isinstance(node, ast.Subscript) and isinstance(node.ctx, ast.Load)
            if reading and ast.unparse(node.value) == "os.environ":
                raise AssertionError(f"{path.name}:{node.lineno} reads the environment")


def test_no_marketplace_is_named_outside_its_registry_entry() -> None:
    """Neither the product nor the sandbox's shared rooms branch on a platform's name: a
    third marketplace is one registry entry, one runbook and one sandbox module (the
    modules the entries name are where each marketplace's own pages live)."""
    named = re.compile(r"""["'](amazon|ebay)["']""", re.IGNORECASE)
    own = {PRODUCT / "platforms.py"}
    own |= {
        ROOT / (entry.sandbox.replace(".", "/") + ".py")
        for entry in platforms.every()
        if entry.sandbox
    }
    found = []
    for path in product_files(sandbox=True):
        if path in own:
            continue
        for number, line in enumerate(path.read_text().splitlines(), start=1):
            if named.search(line.split("#", 1)[0]):
                found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert found == []
    assert len(own) == 3  # the registry, and the sandbox's Amazon and eBay


def test_no_document_links_out_of_the_repository() -> None:
    for doc in [ROOT / "README.md", ROOT / "ARCHITECTURE.md", *PRODUCT.rglob("README.md")]:
        for target in re.findall(r"\]\(([^)#]+)\)", doc.read_text()):
            if "://" in target:
                continue
            assert (doc.parent / target).resolve().is_relative_to(ROOT), (doc.name, target)
            assert (doc.parent / target).exists(), (doc.name, target)
        assert "../shared" not in doc.read_text(), doc.name


# Tests of one module's own workings may import it; everything else that drives the tool
# (end-to-end tests, the test harness, the made-up marketplace, benchmarks) uses the faces.
FACES = {"hect_automation", "hect_automation.sandbox", "hect_automation.pytest_plugin"}
INNER_TESTS = {
    "tests/unit",
    "tests/e2e/test_locate.py",  # the locator and reach primitives on their own
    "tests/e2e/test_calendar.py",  # choosing a day in a calendar, on its own
    "tests/e2e/test_sandbox_hect.py",  # the sandbox's own sites
    "tests/e2e/test_sandbox_marketplaces.py",
    "tests/remote_person.py",  # opens the sandbox marketplaces' consent pages directly
}


def test_drivers_import_only_the_public_faces() -> None:
    found = []
    for path in sorted([*(ROOT / "tests").rglob("*.py"), *(ROOT / "benchmarks").rglob("*.py")]):
        relative = path.relative_to(ROOT).as_posix()
        if any(relative == inner or relative.startswith(inner + "/") for inner in INNER_TESTS):
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("hect_"):
                if node.module not in FACES:
                    found.append(f"{relative}:{node.lineno}: from {node.module}")
            elif isinstance(node, ast.Import):
                found += [
                    f"{relative}:{node.lineno}: import {alias.name}"
                    for alias in node.names
                    if alias.name.startswith("hect_automation.")
                ]
    assert found == []


def test_the_sandbox_face_is_sorted_and_whole() -> None:
    names = sandbox.__all__
    assert names == sorted(names, key=isort_order)
    for name in names:
        assert getattr(sandbox, name) is not None, name
