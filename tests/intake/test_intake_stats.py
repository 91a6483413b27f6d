import pytest

from intake.suppression import suppress


@pytest.mark.parametrize(
    ("count", "shown"),
    [(0, 0), (1, None), (4, None), (5, 5), (120, 120)],
)
def test_counts_from_one_to_four_are_suppressed_and_zero_is_shown(count, shown):
    table = {("北区",): count, ("南区",): 0, ("東区",): 0}
    if shown is None:
        assert suppress(table)[("北区",)] is None
    else:
        assert suppress(table)[("北区",)] == shown


def test_threshold_is_configurable():
    table = {("a",): 9, ("b",): 10, ("c",): 0}
    assert suppress(table, threshold=10) == {("a",): None, ("b",): None, ("c",): 0}


def test_lone_suppressed_cell_in_a_row_gets_the_next_smallest_suppressed_too():
    table = {
        ("北区", "製造業"): 3,
        ("北区", "小売業"): 8,
        ("北区", "建設業"): 20,
    }
    assert suppress(table) == {
        ("北区", "製造業"): None,
        ("北区", "小売業"): None,
        ("北区", "建設業"): 20,
    }


def test_two_small_cells_in_a_row_need_no_complement():
    table = {("r", "a"): 2, ("r", "b"): 3, ("r", "c"): 7}
    assert suppress(table) == {("r", "a"): None, ("r", "b"): None, ("r", "c"): 7}


def test_complement_prefers_a_non_zero_cell_over_a_zero():
    table = {("r", "a"): 2, ("r", "b"): 0, ("r", "c"): 9, ("r", "d"): 30}
    assert suppress(table) == {("r", "a"): None, ("r", "b"): 0, ("r", "c"): None, ("r", "d"): 30}


def test_complement_falls_back_to_a_zero_when_nothing_else_is_left():
    table = {("r", "a"): 2, ("r", "b"): 0}
    assert suppress(table) == {("r", "a"): None, ("r", "b"): None}


def test_no_published_cell_can_be_derived_from_row_or_column_totals():
    # columns: 製造業, 小売業, 建設業; rows: wards
    counts = [
        [3, 10, 12],
        [11, 14, 9],
        [20, 6, 15],
    ]
    wards, industries = ["北区", "南区", "東区"], ["製造業", "小売業", "建設業"]
    table = {(w, i): counts[r][c] for r, w in enumerate(wards) for c, i in enumerate(industries)}
    result = suppress(table)
    for ward in wards:
        row = [result[(ward, i)] for i in industries]
        assert row.count(None) != 1, ward
    for industry in industries:
        column = [result[(w, industry)] for w in wards]
        assert column.count(None) != 1, industry
    assert result[("北区", "製造業")] is None


def test_complementary_suppression_cascades_across_rows_and_columns():
    table = {
        ("r1", "a"): 2, ("r1", "b"): 50, ("r1", "c"): 6,
        ("r2", "a"): 7, ("r2", "b"): 40, ("r2", "c"): 60,
    }  # fmt: skip
    result = suppress(table)
    hidden = {key for key, value in result.items() if value is None}
    # r1,a is primary; r1,c complements its row; then columns a and c each
    # have one hidden cell, which pulls in r2,a and r2,c.
    assert hidden == {("r1", "a"), ("r1", "c"), ("r2", "a"), ("r2", "c")}


def test_table_without_small_cells_is_unchanged():
    table = {("a", "x"): 5, ("a", "y"): 0, ("b", "x"): 17, ("b", "y"): 8}
    assert suppress(table) == table


def test_empty_table_gives_empty_result():
    assert suppress({}) == {}


@pytest.mark.parametrize(
    "table",
    [
        pytest.param({("a",): -1}, id="negative-count"),
        pytest.param({("a",): 1, ("a", "b"): 2}, id="mixed-key-lengths"),
    ],
)
def test_malformed_tables_are_refused(table):
    with pytest.raises(ValueError):
        suppress(table)
