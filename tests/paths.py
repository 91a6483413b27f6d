"""Paths the tests share. `../shared/` sits beside the repository, in CI too."""

from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
CORPUS = SHARED / "corpus" / "measures.jsonl"
