import pytest

from search.text import looks_like_personal_data


@pytest.mark.parametrize(
    "q",
    [
        "taro.yamada@example.co.jp",
        "連絡先 info+support@example.com",
        "03-1234-5678",
        "075 123 4567",
        "090 1234 5678",
        "09012345678",
        "０９０－１２３４－５６７８",
        "090ー1234ー5678",
        "(075)123-4567",
        "+81 90 1234 5678",
        "+81-3-1234-5678",
        "＋８１９０１２３４５６７８",
        "1234567890",
        "〒604-8571",
        "〒６０４－８５７１",
        "604-8571",
        "123456789012",
        "1234 5678 9012",
        "マイナンバー 1234-5678-9012",
    ],
)
def test_personal_data_is_recognised(q):
    assert looks_like_personal_data(q)


@pytest.mark.parametrize(
    "q",
    [
        "2024年度",
        "IT導入補助金",
        "50%",
        "2/3",
        "令和3年1月14日~2月7日",
        "2020-05-01",
        "200万円",
        "8,000万円",
        "0.9%",
        "第17回公募",
        "SN4号",
        "従業員 20人",
        "@ホームページ",
        "03-1234",
        "123456789",
    ],
)
def test_ordinary_queries_are_not_flagged(q):
    assert not looks_like_personal_data(q)
