"""A naive in-memory matcher built only from the text functions, over the
real corpus: evidence that the segmentation finds words inside compounds."""

import json

import pytest

from search.backend import coverage_units
from search.synonyms.defaults import default_synonyms
from search.synonyms.expansion import expand_query
from search.text import index_text
from search.text.sentence import drop_filler
from tests.paths import CORPUS, REPO

MEASURES = [json.loads(line) for line in CORPUS.open(encoding="utf-8")]
BENCH = REPO / "bench" / "search_queries.jsonl"


def _japanese_text(measure):
    return " ".join(
        [
            measure["title"],
            measure["short_title"] or "",
            measure["provider"],
            *measure["purposes"],
            measure["summary"],
            measure["eligibility"],
            measure["how_to_apply"],
            *measure["documents"],
        ]
    )


def _index(lang):
    field = "summary_en" if lang == "en" else None
    return {
        m["id"]: set(index_text(m[field] if field else _japanese_text(m)).split(" "))
        for m in MEASURES
    }


INDEX = {"ja": _index("ja"), "en": _index("en")}


def search(q, lang="ja", synonyms=None):
    plan = expand_query(q, synonyms)
    return [
        measure_id
        for measure_id, tokens in INDEX[lang].items()
        if plan and all(any(set(alt) <= tokens for alt in word) for word in plan)
    ]


def _title(measure_id):
    return next(m["title"] for m in MEASURES if m["id"] == measure_id)


def test_yachin_finds_the_rent_support_payment():
    assert "家賃支援給付金" in [_title(i) for i in search("家賃")]


def test_hojo_finds_subsidy_measures():
    assert any("補助金" in _title(i) for i in search("補助"))


def test_one_character_query_finds_tax_measures():
    assert "m022" in search("税")


def test_fullwidth_and_variant_spellings_find_the_same_measures():
    assert set(search("ＩＴ導入")) == set(search("IT導入"))
    assert "m011" in search("もの作り補助金")


def test_synonyms_bridge_loose_words():
    assert "m024" not in search("雇用 守る")
    assert "m024" in search("雇用 守る", synonyms=default_synonyms())


def test_english_it_is_not_dropped_as_a_stopword():
    assert "m009" in search("IT", lang="en")


def found_anywhere(q, lang, synonyms):
    """What site search finds: every word (filler dropped), else a content chunk (coverage)."""
    q = drop_filler(q)
    found = set(search(q, lang, synonyms))
    for chunk, _weight, in_match in coverage_units(q, synonyms):
        if in_match:
            found |= set(search(chunk, lang, synonyms))
    return found


@pytest.mark.parametrize("row", [json.loads(line) for line in BENCH.open(encoding="utf-8")])
def test_bench_query_finds_its_expected_measures(row):
    found = found_anywhere(row["q"], lang=row["lang"], synonyms=default_synonyms())
    assert set(row["expected"]) <= found


def test_bench_has_enough_queries_with_real_ids():
    rows = [json.loads(line) for line in BENCH.open(encoding="utf-8")]
    ids = {m["id"] for m in MEASURES}
    assert len(rows) >= 45
    assert all(set(r["expected"]) <= ids and r["expected"] for r in rows)
    assert {r["lang"] for r in rows} == {"ja", "en"}
