"""manage.py import_measures and the admin upload: upsert by id, all or nothing."""

from io import StringIO

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from wagtail.models import Revision

import pytest

from measures.importing import writer
from measures.models import MeasureIndustry, MeasurePage, MeasurePurpose, Purpose
from tests.accounts.login import login_verified
from tests.measures.test_import_records import jsonl, to_csv, valid_row
from tests.paths import CORPUS
from tests.tiers import use_tier


def snapshot():
    return (
        MeasurePage.objects.count(),
        Purpose.objects.count(),
        Revision.objects.count(),
        MeasureIndustry.objects.count(),
        MeasurePurpose.objects.count(),
        sorted(MeasurePage.objects.values_list("title", flat=True)),
    )


def run(path, *args):
    out, err = StringIO(), StringIO()
    call_command("import_measures", str(path), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def write(tmp_path, text, name="measures.jsonl"):
    path = tmp_path / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return path


def rows(*ids, **changes):
    return [valid_row(id=i, title=f"取込テスト{i}", **changes) for i in ids]


@pytest.mark.django_db
def test_the_corpus_imports_cleanly(demo_site, client):
    out, err = run(CORPUS, "--publish")
    assert "作成 53件" in out
    assert err == ""
    imported = MeasurePage.objects.filter(source_id__startswith="m", locale__language_code="ja")
    assert imported.count() == 53
    assert all(page.live for page in imported)
    html = client.get("/measures/?status=all&q=持続化給付金").content.decode()
    assert "持続化給付金" in html


@pytest.mark.django_db
def test_dry_run_reports_but_writes_nothing(demo_site):
    before = snapshot()
    out, _err = run(CORPUS, "--dry-run", "--publish")
    assert "何も書き込んでいません" in out
    assert "作成 53件" in out
    assert snapshot() == before


BAD_ROWS = {
    "missing key": ({k: v for k, v in valid_row(id="bad").items() if k != "kind"}, "必須の項目"),
    "bad date": (valid_row(id="bad", application_end="2025-02-30"), "日付"),
    "unknown kind": (valid_row(id="bad", kind="gift"), "支援の種類「gift」"),
    "unknown level": (valid_row(id="bad", provider_level="galaxy"), "実施機関の区分"),
    "unknown industry": (valid_row(id="bad", industries=["農業"]), "業種「農業」"),
    "duplicate id": (valid_row(id="a1"), "重複"),
    "negative number": (valid_row(id="bad", max_employees=-1), "0以上"),
}


@pytest.mark.django_db
@pytest.mark.parametrize("bad,message", BAD_ROWS.values(), ids=BAD_ROWS.keys())
def test_one_bad_row_aborts_the_whole_file_with_its_line(demo_site, tmp_path, bad, message):
    path = write(tmp_path, jsonl(*rows("a1", "a2"), bad))
    before = snapshot()
    with pytest.raises(CommandError, match="何も取り込みませんでした"):
        run(path, "--publish")
    assert snapshot() == before


@pytest.mark.django_db
def test_errors_are_printed_in_japanese_with_line_numbers(demo_site, tmp_path):
    path = write(tmp_path, jsonl(*rows("a1", "a2"), valid_row(id="bad", kind="gift")) + "{oops\n")
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("import_measures", str(path), stdout=StringIO(), stderr=err)
    assert "3行目（kind）: 支援の種類「gift」は使えません" in err.getvalue()
    assert "4行目: JSONとして読み取れません" in err.getvalue()


@pytest.mark.django_db
def test_a_failure_while_writing_rolls_back_every_record(demo_site, tmp_path, monkeypatch):
    path = write(tmp_path, jsonl(*rows("w1", "w2", "w3")))
    real_fill = writer._fill

    def fill(page, record, purposes):
        if record.id == "w3":
            raise RuntimeError("disk full")
        real_fill(page, record, purposes)

    monkeypatch.setattr(writer, "_fill", fill)
    before = snapshot()
    with pytest.raises(CommandError, match="3行目（id w3）"):
        run(path, "--publish")
    assert snapshot() == before


@pytest.mark.django_db
def test_reimport_is_idempotent_and_updates_only_what_changed(demo_site, tmp_path):
    path = write(tmp_path, jsonl(*rows("r1", "r2", "r3")))
    out, _ = run(path, "--publish")
    assert "作成 3件" in out
    slugs = dict(
        MeasurePage.objects.filter(source_id__in=["r1", "r2", "r3"]).values_list(
            "source_id", "slug"
        )
    )
    before = snapshot()

    out, _ = run(path, "--publish")
    assert "作成 0件、更新 0件、変更なし 3件" in out
    assert snapshot() == before

    changed = rows("r1", "r2", "r3")
    changed[1]["title"] = "取込テストr2（改）"
    changed[2]["industries"] = ["製造業", "小売業"]
    out, _ = run(write(tmp_path, jsonl(*changed)), "--publish")
    assert "作成 0件、更新 2件、変更なし 1件" in out
    r2 = MeasurePage.objects.get(source_id="r2", locale__language_code="ja")
    assert r2.title == "取込テストr2（改）"
    assert r2.slug == slugs["r2"]
    r3 = MeasurePage.objects.get(source_id="r3", locale__language_code="ja")
    assert r3.industry_codes == ["manufacturing", "retail"]
    assert MeasurePage.objects.filter(source_id="r2").count() == 1


@pytest.mark.django_db
def test_without_publish_pages_stay_drafts(demo_site, tmp_path):
    run(write(tmp_path, jsonl(*rows("p1"))))
    page = MeasurePage.objects.get(source_id="p1")
    assert not page.live


@pytest.mark.django_db
def test_purposes_map_to_the_taxonomy_and_new_ones_are_created(demo_site, tmp_path):
    record = valid_row(id="t1", purposes=["設備投資", "脱炭素"])
    out, _ = run(write(tmp_path, jsonl(record)), "--publish")
    assert "新しい目的を追加: 脱炭素" in out
    page = MeasurePage.objects.get(source_id="t1")
    assert [p.name for p in page.purposes] == ["設備投資", "脱炭素"]
    assert Purpose.objects.filter(name="設備投資").count() == 1


@pytest.mark.django_db
def test_csv_from_excel_imports_the_same(demo_site, tmp_path):
    path = write(tmp_path, to_csv(rows("c1", "c2")), name="measures.csv")
    out, _ = run(path, "--publish")
    assert "作成 2件" in out
    page = MeasurePage.objects.get(source_id="c1")
    assert page.summary == "概要"
    assert [block.value for block in page.documents] == ["申請書"]


ENGLISH = {
    "title_en": "Test Subsidy",
    "provider_en": "Kyoto City",
    "eligibility_en": "Businesses in the city.",
    "how_to_apply_en": "Apply online.",
    "documents_en": ["Application form"],
}


@pytest.mark.django_db
def test_english_keys_make_a_wagtail_localize_translation(demo_site, tmp_path, client):
    record = valid_row(id="e1", industries=["小売業"], **ENGLISH)
    out, _ = run(
        write(tmp_path, jsonl(record, valid_row(id="e2", title="日本語だけ"))), "--publish"
    )
    assert "英語版を作成・更新: 1件" in out
    page = MeasurePage.objects.get(source_id="e1", locale__language_code="ja")
    english = page.get_translation(page.locale.__class__.objects.get(language_code="en"))
    assert english.title == "Test Subsidy"
    assert english.live
    assert english.industry_codes == ["retail"]
    assert [block.value for block in english.documents] == ["Application form"]
    assert not MeasurePage.objects.filter(source_id="e2", locale__language_code="en").exists()
    html = client.get(english.url).content.decode()
    assert "Application form" in html and "申請書" not in html


def admin_user():
    return get_user_model().objects.create_superuser("importer", "i@example.jp", "x" * 16)


@pytest.mark.django_db
def test_staff_upload_previews_then_imports_on_confirm(demo_site, client, tmp_path):
    upload = SimpleUploadedFile("m.jsonl", jsonl(*rows("u1", "u2")).encode())
    with use_tier("staff"):
        login_verified(client, admin_user())
        before = snapshot()
        preview = client.post("/admin/measures/import/", {"file": upload})
        html = preview.content.decode()
        assert preview.status_code == 200
        assert "取込テストu1" in html and "作成" in html
        assert snapshot() == before
        payload = preview.context["confirm_form"].initial["payload"]
        done = client.post("/admin/measures/import/", {"payload": payload, "publish": "on"})
    assert done.status_code == 302
    assert MeasurePage.objects.filter(source_id__in=["u1", "u2"], live=True).count() == 2


@pytest.mark.django_db
def test_staff_upload_shows_errors_and_writes_nothing(demo_site, client):
    bad = jsonl(valid_row(id="x"), valid_row(id="y", kind="gift"))
    with use_tier("staff"):
        login_verified(client, admin_user())
        before = snapshot()
        response = client.post(
            "/admin/measures/import/", {"file": SimpleUploadedFile("m.jsonl", bad.encode())}
        )
    html = response.content.decode()
    assert "gift" in html and "<td>2</td>" in html
    assert snapshot() == before


@pytest.mark.django_db
def test_staff_without_permission_cannot_import(demo_site, client):
    user = get_user_model().objects.create_user("viewer", "v@example.jp", "x" * 16)
    from django.contrib.auth.models import Permission

    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    with use_tier("staff"):
        login_verified(client, user)
        response = client.get("/admin/measures/import/")
    assert response.status_code in (302, 403)
    assert response.status_code != 200


def test_tampered_confirm_payload_is_refused():
    from django.core import signing

    from measures.admin_views import SIGNING_SALT

    forged = signing.dumps({"name": "m.jsonl", "text": "{}"}, salt="other")
    with pytest.raises(signing.BadSignature):
        signing.loads(forged, salt=SIGNING_SALT)
