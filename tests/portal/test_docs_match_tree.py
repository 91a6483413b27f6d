"""The documentation's map matches the tree: every file, directory and module it names exists.

Renames and moves (issue 14) leave docs behind unless something fails. These tests read the
README and docs/*.md (plus the READMEs beside code) and check each repository path and each
dotted module path written in backticks; an app missing from docs/architecture.md's apps
table fails too.
"""

import ast
import re
from pathlib import Path

from django.conf import settings

import pytest

from tests.paths import REPO

DOCS = sorted(
    [REPO / "README.md", *(REPO / "docs").glob("*.md"), *REPO.glob("*/**/README.md")],
)
DOCS = [doc for doc in DOCS if ".venv" not in doc.parts and "node_modules" not in doc.parts]
# Top-level directories of the checkout; var/ (the data directory) is made at run time.
TOP_LEVEL = (
    {p.name for p in REPO.iterdir() if p.is_dir() and not p.name.startswith(".")} | {".ci"}
) - {"var"}
APPS = ["portal", "core", "home", "measures", "schedule", "intake", "search", "bench", "tests"]
PATH = re.compile(r"`([\w.-]+(?:/[\w.-]*)+)(?::\d+)?`")
DOTTED = re.compile(r"`([a-z_]+(?:\.[A-Za-z_]\w*)+)(?:\(\))?`")


def _doc_id(doc: Path) -> str:
    return str(doc.relative_to(REPO))


@pytest.mark.parametrize("doc", DOCS, ids=_doc_id)
def test_every_repository_path_named_in_the_docs_exists(doc):
    missing = []
    for token in PATH.findall(doc.read_text(encoding="utf-8")):
        if token.split("/")[0] not in TOP_LEVEL:
            continue  # a URL path, a path on the server, a glob
        if not (REPO / token).exists():
            missing.append(token)
    assert not missing, f"{_doc_id(doc)} names paths that do not exist: {missing}"


def _module_file(parts: list[str]) -> Path | None:
    path = REPO.joinpath(*parts)
    if path.with_suffix(".py").is_file():
        return path.with_suffix(".py")
    if (path / "__init__.py").is_file():
        return path / "__init__.py"
    return None


def _defines(module: Path, name: str) -> bool:
    tree = ast.parse(module.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            if node.name == name:
                return True
        elif isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(isinstance(t, ast.Name) and t.id == name for t in targets):
                return True
        elif isinstance(node, ast.ImportFrom | ast.Import) and any(
            (alias.asname or alias.name.split(".")[0]) == name for alias in node.names
        ):
            return True
    return (module.parent / name).is_dir() or (module.parent / f"{name}.py").is_file()


@pytest.mark.parametrize("doc", DOCS, ids=_doc_id)
def test_every_module_path_named_in_the_docs_exists(doc):
    """`measures.importing.writer.import_records`: the module, and the name in it."""
    missing = []
    for token in DOTTED.findall(doc.read_text(encoding="utf-8")):
        parts = token.split(".")
        if parts[0] not in APPS or parts[-1] in {"py", "md", "json", "html", "txt", "sql"}:
            continue
        if _module_file(parts[:2]) is None:
            continue  # not a module path: a check id, a permission, a model label
        for n in range(len(parts), 1, -1):
            module = _module_file(parts[:n])
            if module is not None:
                break
        rest = parts[n:]
        if rest and not _defines(module, rest[0]):
            missing.append(token)
    assert not missing, f"{_doc_id(doc)} names modules or names that do not exist: {missing}"


def test_the_architecture_apps_table_lists_every_app_of_the_repository():
    text = (REPO / "docs" / "architecture.md").read_text(encoding="utf-8")
    section = text.split("\n## Apps\n", 1)[1].split("\n## ", 1)[0]
    table = set(re.findall(r"^\| `([\w.]+)` \|", section, flags=re.MULTILINE))
    ours = {
        app
        for app in settings.INSTALLED_APPS
        if (REPO / app.split(".")[0]).is_dir() and (REPO.joinpath(*app.split("."))).is_dir()
    }
    assert ours <= table, f"apps missing from docs/architecture.md: {sorted(ours - table)}"
    assert table <= ours, (
        f"docs/architecture.md lists apps that are not installed: {sorted(table - ours)}"
    )


def test_the_architecture_map_mentions_every_top_level_directory():
    text = (REPO / "docs" / "architecture.md").read_text(encoding="utf-8")
    unmentioned = sorted(d for d in TOP_LEVEL if f"`{d}/" not in text and f"`{d}`" not in text)
    assert not unmentioned, f"docs/architecture.md does not place: {unmentioned}"
