"""Paths the tests share, all inside the repository (it stands alone)."""

from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "bench" / "corpus" / "measures.jsonl"
