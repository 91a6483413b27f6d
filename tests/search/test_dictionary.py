"""The everyday-words dictionary: owners' words find official terms, staff keep it as CSV.

Covers the shipped defaults (one way, readings, no rule that matches everything), editing a
rule in the admin (effective at once), and the CSV import (dry run, all or nothing, Japanese
4xx messages with the line number) and export (formula-safe, round trip).
"""

import json
from io import StringIO

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import translation

from wagtail.models import Page

import pytest

from search import service
from search.dictionary import csv_format, default_rules
from search.dictionary.csv_format import DictionaryFileError, parse
from search.models import SynonymGroup
from search.synonyms.stored import current_synonyms
from search.text import normalize
from tests.accounts.factories import StaffUserFactory
from tests.accounts.login import login_verified
from tests.accounts.test_staff_urls_require_verified_user import staff_paths
from tests.search.factories import ContentPageFactory
from tests.tiers import use_tier

LIST_URL = "/admin/snippets/portal_search/synonymgroup/"
IMPORT_URL = LIST_URL + "import/"
EXPORT_URL = LIST_URL + "export/"
CORPUS = settings.BASE_DIR / "bench" / "corpus" / "measures.jsonl"


def titles(q: str) -> list[str]:
    with translation.override("ja"):
        return [Page.objects.get(pk=hit.pk).title for hit in service.find(q)]


@pytest.fixture
def fresh_cache():
    cache.clear()
    yield
    cache.clear()


# The shipped defaults ---------------------------------------------------------------------


def test_the_default_file_has_hundreds_of_one_way_rules_with_a_source_each():
    rules = default_rules()
    one_way = [r for r in rules if r.direction == csv_format.ONE_WAY]
    assert len(one_way) >= 250
    assert all(rule.note for rule in rules)


def test_no_new_default_rule_makes_a_word_match_most_measures():
    """A target in more than half of the corpus would make the owner's word match everything."""
    texts = []
    for line in CORPUS.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        fields = ("title", "short_title", "summary", "eligibility", "how_to_apply")
        text = " ".join(
            [*(record[f] or "" for f in fields), *record["documents"], *record["purposes"]]
        )
        texts.append(normalize(text))
    too_broad = []
    for rule in default_rules():
        if rule.note in ("読み", "既定（初版）"):  # a reading is as broad as the word it reads
            continue
        for term in rule.terms[1:]:
            if sum(normalize(term) in text for text in texts) > len(texts) / 2:
                too_broad.append((rule.terms[0], term))
    assert too_broad == []


@pytest.mark.django_db
def test_the_migration_seeded_the_default_rules(fresh_cache):
    keys = {csv_format.rule_key(g.direction, g.term_list()) for g in SynonymGroup.objects.all()}
    assert {rule.key for rule in default_rules()} <= keys


@pytest.mark.django_db
def test_an_everyday_word_finds_the_official_term_but_not_in_reverse(demo_site, fresh_cache):
    ContentPageFactory(title="店舗改装の支援", text="店舗改装にかかる費用を支援します。")
    assert "店舗改装の支援" in titles("リフォーム")
    ContentPageFactory(title="リフォームのお知らせ", text="リフォームの相談会を開きます。")
    assert "リフォームのお知らせ" not in titles("店舗改装")


@pytest.mark.django_db
def test_owners_words_for_loans_tax_deferral_and_succession(fresh_cache):
    synonyms = current_synonyms()
    assert "融資" in synonyms.expand("借りたい")
    assert "猶予" in synonyms.expand("税金を待って")
    assert "事業承継" in synonyms.expand("会社を売る")
    assert normalize("m&a") in synonyms.expand("後継ぎ") or "事業承継" in synonyms.expand("後継ぎ")
    assert "人材開発" in synonyms.expand("社員研修")
    assert "創業" in synonyms.expand("独立")
    assert "雇用調整" in synonyms.expand("休ませる")
    assert "休ませる" not in synonyms.expand("雇用調整")


@pytest.mark.django_db
def test_a_kana_reading_finds_the_kanji_term(demo_site, fresh_cache):
    ContentPageFactory(title="設備の補助金のご案内", text="機械の購入を補助します。")
    assert "設備の補助金のご案内" in titles("ほじょきん")
    assert "設備の補助金のご案内" in titles("ホジョキン")


@pytest.mark.django_db
def test_a_kana_reading_finds_a_latin_term(demo_site, fresh_cache):
    ContentPageFactory(title="POSの導入支援", text="POSの導入を支援します。")
    for q in ("ぽすれじ", "ポス", "ぽす"):
        assert "POSの導入支援" in titles(q), q


# Editing in the admin -----------------------------------------------------------------------


def admin_client(client):
    user = StaffUserFactory(username="dictionary-admin", superuser=True)
    login_verified(client, user)
    return client


@pytest.mark.django_db
def test_editing_a_rule_in_the_admin_takes_effect_without_a_restart(demo_site, client, fresh_cache):
    ContentPageFactory(title="屋号の看板の支援", text="看板の設置を支援します。")
    with use_tier("staff"):
        admin_client(client)
        response = client.post(
            LIST_URL + "add/", {"terms": "のれん、看板", "direction": "one_way", "note": "テスト"}
        )
        assert response.status_code == 302
        assert "屋号の看板の支援" in titles("のれん")
        group = SynonymGroup.objects.get(terms="のれん、看板")
        response = client.post(
            LIST_URL + f"edit/{group.pk}/",
            {"terms": "のれん、屋根", "direction": "one_way", "note": "テスト"},
        )
        assert response.status_code == 302
        assert "屋号の看板の支援" not in titles("のれん")


@pytest.mark.django_db
def test_the_listing_offers_import_and_export(demo_site, client):
    with use_tier("staff"):
        admin_client(client)
        html = client.get(LIST_URL).content.decode()
    assert IMPORT_URL in html and EXPORT_URL in html


# CSV import and export ----------------------------------------------------------------------


def upload(client, text: str | bytes, action="dry_run", **extra):
    data = text.encode("utf-8") if isinstance(text, str) else text
    return client.post(
        IMPORT_URL, {"file": SimpleUploadedFile("d.csv", data), "action": action, **extra}
    )


@pytest.mark.django_db
def test_csv_import_dry_run_changes_nothing(demo_site, client, fresh_cache):
    before = list(SynonymGroup.objects.values_list("pk", "terms", "direction", "note"))
    with use_tier("staff"):
        admin_client(client)
        response = upload(client, "方向,語,メモ\n一方向,ぴかぴか、清掃,テスト\n")
    assert response.status_code == 200
    html = response.content.decode()
    assert "追加 1件" in html and "ぴかぴか、清掃" in html
    assert list(SynonymGroup.objects.values_list("pk", "terms", "direction", "note")) == before


@pytest.mark.django_db
def test_csv_import_applies_after_confirmation(demo_site, client, fresh_cache):
    ContentPageFactory(title="店舗の清掃支援", text="店舗の清掃を支援します。")
    assert titles("ぴかぴか") == []
    with use_tier("staff"):
        admin_client(client)
        dry = upload(client, "方向,語,メモ\n一方向,ぴかぴか、清掃,テスト\n")
        content = dry.context["confirm_form"].initial["content"]
        response = client.post(IMPORT_URL, {"content": content, "action": "import"})
    assert response.status_code == 302
    assert SynonymGroup.objects.filter(terms="ぴかぴか、清掃", note="テスト").exists()
    assert "店舗の清掃支援" in titles("ぴかぴか")


BAD_FILES = {
    "bad encoding": (
        "方向,語,メモ\n一方向,パソコン、IT導入,x\n".encode("shift_jis"),
        "UTF-8",
        None,
    ),
    "missing column": ("方向,メモ\n一方向,x\n", "「語」の列がありません", 1),
    "empty terms": ("方向,語,メモ\n一方向,ぴかぴか、清掃,\n一方向,,x\n", "語が空です", 3),
    "one term only": ("方向,語\n一方向,ぴかぴか\n", "2つ以上", 2),
    "punctuation only": ("方向,語\n一方向,ぴかぴか、！！\n", "記号だけ", 2),
    "bad direction": ("方向,語\n逆方向,ぴかぴか、清掃\n", "「一方向」か「双方向」", 2),
    "duplicate": ("方向,語\n一方向,ぴかぴか、清掃\n一方向,ピカピカ、掃除\n", "2行目と重複", 3),
    "no header": ("", "見出し行", None),
}


@pytest.mark.django_db
@pytest.mark.parametrize("case", list(BAD_FILES))
def test_bad_csv_gives_a_japanese_4xx_message_and_writes_nothing(demo_site, client, case):
    data, message, line = BAD_FILES[case]
    before = SynonymGroup.objects.count()
    with use_tier("staff"):
        admin_client(client)
        for action in ("dry_run", "import"):
            response = upload(client, data, action=action, delete_missing="on")
            assert response.status_code == 400, case
            html = response.content.decode()
            assert message in html, case
            if line:
                assert f"{line}行目" in html, case
    assert SynonymGroup.objects.count() == before


def test_the_line_number_of_a_bad_byte_is_reported():
    data = "方向,語\n一方向,ぴかぴか、清掃\n".encode() + "一方向,掃除、清掃\n".encode("shift_jis")
    with pytest.raises(DictionaryFileError) as error:
        parse(data)
    assert error.value.line == 3


@pytest.mark.django_db
def test_export_round_trips_and_is_safe_against_formulas(demo_site, client, fresh_cache):
    SynonymGroup.objects.create(terms="=HYPERLINK(1)、清掃", direction="one_way", note="+危険")
    with use_tier("staff"):
        admin_client(client)
        response = client.get(EXPORT_URL)
        assert response.status_code == 200
        assert response["Content-Disposition"].startswith("attachment")
        data = b"".join(response.streaming_content)
        text = data.decode("utf-8-sig")
        assert "'=HYPERLINK(1)、清掃" in text and ",'+危険" in text
        dry = upload(client, data, delete_missing="on")
    assert dry.status_code == 200
    plan = dry.context["plan"]
    assert not plan.has_changes
    assert plan.unchanged == SynonymGroup.objects.count()


@pytest.mark.django_db
def test_import_with_delete_replaces_the_dictionary(demo_site, client, fresh_cache):
    with use_tier("staff"):
        admin_client(client)
        dry = upload(client, "方向,語\n一方向,ぴかぴか、清掃\n", delete_missing="on")
        content = dry.context["confirm_form"].initial["content"]
        client.post(IMPORT_URL, {"content": content, "action": "import", "delete_missing": "on"})
    assert list(SynonymGroup.objects.values_list("terms", flat=True)) == ["ぴかぴか、清掃"]


@pytest.mark.django_db
def test_only_staff_with_the_permissions_may_import_or_export(demo_site, client):
    editors = Group.objects.create(name="dictionary-readers")
    editors.permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="view_synonymgroup"),
    )
    reader = StaffUserFactory(username="dictionary-reader", groups=[editors.name])
    nobody = StaffUserFactory(username="dictionary-nobody")
    with use_tier("staff"):
        login_verified(client, reader)
        assert client.get(EXPORT_URL).status_code == 200
        assert client.get(IMPORT_URL).status_code in (302, 403)
        assert upload(client, "方向,語\n一方向,ぴかぴか、清掃\n").status_code in (302, 403)
        client.logout()
        login_verified(client, nobody)
        assert client.get(EXPORT_URL).status_code in (302, 403)
    assert not SynonymGroup.objects.filter(terms="ぴかぴか、清掃").exists()


@pytest.mark.django_db
def test_import_and_export_are_not_on_the_public_tier(demo_site, client):
    assert client.get(IMPORT_URL).status_code == 404
    assert client.get(EXPORT_URL).status_code == 404


def test_the_staff_url_enumeration_covers_import_and_export():
    assert {IMPORT_URL, EXPORT_URL} <= set(staff_paths())


@pytest.mark.django_db
def test_the_load_command_adds_missing_defaults_and_keeps_staff_edits(fresh_cache):
    edited = SynonymGroup.objects.get(terms__startswith="パソコン、")
    edited.terms = "パソコン、IT導入"
    edited.save()
    SynonymGroup.objects.filter(terms__startswith="ほじょきん、").delete()
    out = StringIO()
    call_command("load_search_dictionary", stdout=out)
    assert "added 1" in out.getvalue()
    assert SynonymGroup.objects.filter(terms__startswith="ほじょきん、").count() == 1
    assert SynonymGroup.objects.get(pk=edited.pk).terms == "パソコン、IT導入"
    call_command("load_search_dictionary", stdout=out)
    assert SynonymGroup.objects.filter(terms__startswith="ほじょきん、").count() == 1
