from search.synonyms.defaults import ONE_WAY, TWO_WAY, default_synonyms
from search.synonyms.expansion import SynonymSet, expand_query
from search.text import normalize


def test_two_way_group_expands_every_member_to_the_others():
    synonyms = SynonymSet.from_rows(
        two_way=[("コロナ", ["新型コロナウイルス感染症", "新型コロナ"])]
    )
    assert synonyms.expand("コロナ") == ["ころな", "新型ころなういるす感染症", "新型ころな"]
    assert "ころな" in synonyms.expand("新型コロナ")


def test_one_way_rule_does_not_expand_backwards():
    synonyms = SynonymSet.from_rows(one_way=[("融資", ["貸付"])])
    assert synonyms.expand("融資") == ["融資", "貸付"]
    assert synonyms.expand("貸付") == ["貸付"]


def test_expansion_is_normalised_on_both_sides():
    synonyms = SynonymSet.from_rows(one_way=[("ホームページ", ["ウェブサイト"])])
    assert synonyms.expand("ﾎｰﾑﾍﾟｰｼﾞ") == ["ほーむぺーじ", normalize("ウェブサイト")]
    assert SynonymSet.from_rows(one_way=[("IT", ["デジタル"])]).expand("ＩＴ")[1] == "でじたる"


def test_unknown_word_expands_to_itself():
    assert SynonymSet().expand("補助") == ["補助"]


def test_from_text_parses_both_arrows():
    synonyms = SynonymSet.from_text("# comment\n家賃 ↔ 賃料 = 地代\n融資 → 貸付, ローン\n")
    assert synonyms.expand("地代") == ["地代", "家賃", "賃料"]
    assert synonyms.expand("融資") == ["融資", "貸付", "ろーん"]
    assert synonyms.expand("貸付") == ["貸付"]


def test_expand_query_gives_token_lists_per_alternative():
    synonyms = SynonymSet.from_rows(one_way=[("守る", ["維持"])])
    assert expand_query("雇用 守る", synonyms) == [[["雇用"]], [["守る"], ["維持"]]]


def test_defaults_are_plain_data_of_about_25_rows_without_spaces():
    rows = TWO_WAY + ONE_WAY
    assert len(rows) >= 25
    for head, others in rows:
        assert isinstance(head, str) and all(isinstance(o, str) for o in others)
        assert " " not in head and all(" " not in o for o in others)


def test_default_synonyms_cover_owners_loose_words():
    synonyms = default_synonyms()
    assert normalize("新型コロナウイルス感染症") in synonyms.expand("コロナ")
    assert "補助金" in synonyms.expand("助成金")
    assert "貸付" in synonyms.expand("融資")
    assert "維持" in synonyms.expand("守る")
    assert "引継" in synonyms.expand("承継")
    assert "創業" in synonyms.expand("起業")
