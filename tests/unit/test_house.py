"""The house rules, checked: one public face, one source of exit codes, settings read in one
place, no marketplace named outside its registry entry, no link out of the repository."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import hect_automation
from hect_automation.errors import EXIT_MEANINGS

ROOT = Path(__file__).resolve().parents[2]
PRODUCT = ROOT / "hect_automation"


def product_files(*, sandbox: bool = False) -> list[Path]:
    return [
        path
        for path in sorted(PRODUCT.rglob("*.py"))
        if sandbox or "sandbox" not in path.relative_to(PRODUCT).parts
    ]


def test_exported_members() -> None:
    """Like httpx's: ``__all__`` is sorted, and every name in it is there and public."""
    names = hect_automation.__all__
    assert names == sorted(names, key=str.casefold) or names == sorted(names)
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
    """The product (not the sandbox, which plays the marketplaces) never branches on a
    platform's name: a third marketplace is one registry entry and one runbook."""
    named = re.compile(r"""["'](amazon|ebay)["']""", re.IGNORECASE)
    found = []
    for path in product_files():
        if path.name == "platforms.py":
            continue
        for number, line in enumerate(path.read_text().splitlines(), start=1):
            if named.search(line.split("#", 1)[0]):
                found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert found == []


def test_no_document_links_out_of_the_repository() -> None:
    for doc in [ROOT / "README.md", ROOT / "ARCHITECTURE.md", *PRODUCT.rglob("README.md")]:
        for target in re.findall(r"\]\(([^)#]+)\)", doc.read_text()):
            if "://" in target:
                continue
            assert (doc.parent / target).resolve().is_relative_to(ROOT), (doc.name, target)
            assert (doc.parent / target).exists(), (doc.name, target)
        assert "../shared" not in doc.read_text(), doc.name
