"""The first synonyms shipped with the portal (migration 0002), and the current default set.

TWO_WAY and ONE_WAY are the first set, frozen: migration 0002 seeded them, and
search.dictionary.seeding recognises a row still equal to one of them as never
edited by staff. The default set shipped today is the everyday-words dictionary,
search/dictionary/default_everyday.csv (it repeats these rows); `default_synonyms`
builds it, without the database.

Written in ordinary spelling; `SynonymSet` normalises them, so katakana,
full-width letters and spelling variants here fold like everything else.
Each word is one typed word (no spaces).
"""

from ..dictionary import default_rules
from ..dictionary.csv_format import ONE_WAY as ONE_WAY_RULE
from .expansion import SynonymSet

# Every term in a row finds every other term.
TWO_WAY: list[tuple[str, list[str]]] = [
    ("コロナ", ["新型コロナウイルス感染症", "新型コロナ", "感染症"]),
    ("助成金", ["補助金"]),
    ("雇用", ["従業員", "人材", "労働者"]),
    ("家賃", ["賃料", "地代"]),
    ("承継", ["引継", "後継者"]),
    ("資金繰り", ["運転資金"]),
    ("起業", ["創業", "開業"]),
    ("賃上げ", ["賃金引上げ", "最低賃金"]),
    ("パート", ["アルバイト", "非正規"]),
    ("省エネ", ["省エネルギー", "高効率"]),
    ("保険料", ["社会保険料"]),
    ("育休", ["育児休業"]),
    ("猶予", ["延納", "支払猶予"]),
    ("給付金", ["支援金", "協力金"]),
    ("飲食店", ["飲食業"]),
    ("旅館", ["宿泊業", "ホテル"]),
]

# The head also searches the alternatives; the alternatives do not search the head.
ONE_WAY: list[tuple[str, list[str]]] = [
    ("融資", ["貸付", "ローン"]),
    ("借入", ["融資", "貸付", "ローン"]),
    ("IT", ["デジタル", "DX", "ソフトウェア"]),
    ("DX", ["デジタル", "IT"]),
    ("ホームページ", ["ウェブサイト", "EC", "ネット"]),
    ("HP", ["ホームページ", "ウェブサイト"]),
    ("守る", ["維持"]),
    ("設備", ["機械", "機器"]),
    ("税", ["納税", "税金", "税制"]),
    ("税金", ["納税", "税制"]),
    ("お金", ["資金", "給付金", "補助金", "融資"]),
    ("人手不足", ["省力化", "人材"]),
    ("機械", ["設備"]),
    ("コロナ対策", ["感染症対策"]),
    ("休業", ["休業手当", "休業要請"]),
    ("新規事業", ["新分野", "事業再構築", "新事業"]),
    ("販路", ["販路開拓", "販売"]),
    ("インボイス", ["適格請求書"]),
]


def default_synonyms() -> SynonymSet:
    """The shipped default dictionary (search/dictionary/default_everyday.csv) as a SynonymSet."""
    rules = default_rules()
    return SynonymSet.from_rows(
        [(r.terms[0], r.terms[1:]) for r in rules if r.direction != ONE_WAY_RULE],
        [(r.terms[0], r.terms[1:]) for r in rules if r.direction == ONE_WAY_RULE],
    )
