from search.text import highlight, highlight_html


def test_match_on_normalised_text_returns_original_characters():
    assert highlight("ＩＴ導入補助金の申し込み", ["it", "申込"]) == [
        ("ＩＴ", True),
        ("導入補助金の", False),
        ("申し込み", True),
    ]


def test_half_width_katakana_match_keeps_original_length():
    assert highlight("ﾎｰﾑﾍﾟｰｼﾞ制作費", ["ホームページ"]) == [("ﾎｰﾑﾍﾟｰｼﾞ", True), ("制作費", False)]


def test_overlapping_terms_merge_into_one_mark():
    assert highlight("家賃支援給付金", ["家賃支援", "支援給付"]) == [
        ("家賃支援給付", True),
        ("金", False),
    ]


def test_term_missing_as_a_whole_falls_back_to_its_bigrams():
    assert highlight("支援を行う補助金", ["支援補助"]) == [
        ("支援", True),
        ("を行う", False),
        ("補助", True),
        ("金", False),
    ]


def test_snippet_window_surrounds_the_first_match_and_marks_cuts():
    text = "あ" * 300 + "家賃" + "い" * 300
    fragments = highlight(text, ["家賃"], max_len=40)
    assert fragments[0] == ("…", False) and fragments[-1] == ("…", False)
    assert ("家賃", True) in fragments
    assert sum(len(part) for part, _ in fragments[1:-1]) == 40


def test_without_a_match_the_snippet_is_the_start_of_the_text():
    assert highlight("い" * 200, ["家賃"], max_len=10) == [("い" * 10, False), ("…", False)]


def test_html_escapes_text_and_terms_and_wraps_matches_in_mark():
    html = highlight_html('<script>alert("x")</script>家賃&', ["<script>", "家賃"])
    assert "<script>" not in html
    assert html == (
        "<mark>&lt;script&gt;</mark>alert(&quot;x&quot;)&lt;/script&gt;<mark>家賃</mark>&amp;"
    )
