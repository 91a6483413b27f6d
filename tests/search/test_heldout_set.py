"""The held-out search queries stay as frozen, and every judgement names a real measure."""

import hashlib
import json
import re

from tests.paths import CORPUS, REPO

HELDOUT = REPO / "bench" / "search_heldout.jsonl"
NOTES = REPO / "bench" / "search_heldout.md"
KINDS = {"everyday", "sentence", "filler", "reading", "nickname", "english"}


def test_heldout_file_has_the_digest_recorded_when_it_was_frozen():
    recorded = re.search(r"SHA-256 at freezing is\s+`([0-9a-f]{64})`", NOTES.read_text())
    assert recorded, "bench/search_heldout.md must record the frozen file's SHA-256"
    assert hashlib.sha256(HELDOUT.read_bytes()).hexdigest() == recorded.group(1)


def test_every_heldout_query_is_judged_against_existing_measures():
    corpus_ids = {json.loads(line)["id"] for line in CORPUS.open(encoding="utf-8")}
    queries = [json.loads(line) for line in HELDOUT.open(encoding="utf-8") if line.strip()]
    assert len(queries) >= 60
    assert len({(q["q"], q["lang"]) for q in queries}) == len(queries)
    for query in queries:
        assert query["kind"] in KINDS, query
        assert query["lang"] == ("en" if query["kind"] == "english" else "ja"), query
        assert 1 <= len(query["expected"]) <= 5, query
        assert set(query["expected"]) <= corpus_ids, query
