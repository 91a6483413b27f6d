"""An export of the intake console cannot become a Wagtail document, by any upload path."""

import csv
import io

from django.core.files.base import ContentFile

import pytest

from intake.export_marker import MARKER
from portal.documents.checks import ConfidentialDocumentError
from tests.accounts.factories import ApproverFactory, EditorFactory
from tests.accounts.login import login_verified
from tests.documents.files import ENCODINGS, ROW, docx_with_split_runs, xlsx, zip_bomb
from tests.documents.helpers import (
    documents,
    produce_exports,
    root_collection,
    upload,
    upload_multiple,
    without_marker_row,
)

pytestmark = [
    pytest.mark.django_db(databases=["default", "intake"]),
    pytest.mark.usefixtures("intake_keys", "staff_tier"),
]

REFUSAL = "相談受付の機密記録"


def test_each_export_as_produced_is_refused_by_the_upload_form_and_the_multiple_uploader(client):
    exports = produce_exports(client)
    for user in (EditorFactory(), ApproverFactory()):
        login_verified(client, user)
        for label, (name, data) in exports.items():
            response = upload(client, name, data, publish_spreadsheet="on")
            assert response.status_code == 200, label
            assert REFUSAL in response.content.decode(), label
            multiple = upload_multiple(client, name, data).json()
            assert multiple["success"] is False, label
            assert REFUSAL in multiple["error_message"], label
    assert not documents().exists()


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_marker_in_each_encoding_is_refused_by_the_upload_form(client, encoding):
    login_verified(client, EditorFactory())
    response = upload(client, "names.csv", ROW.encode(encoding))
    assert REFUSAL in response.content.decode()
    assert not documents().exists()


@pytest.mark.parametrize(
    ("name", "build"),
    [
        ("records.xlsx", lambda: xlsx([[MARKER], ["予約番号"]])),
        ("records.docx", lambda: docx_with_split_runs(MARKER)),
    ],
)
def test_marker_inside_an_office_file_is_refused(client, name, build):
    login_verified(client, EditorFactory())
    response = upload(client, name, build())
    assert REFUSAL in response.content.decode()
    assert not documents().exists()


def test_zipzip_bomb_is_refused_with_a_clear_message(client):
    login_verified(client, EditorFactory())
    response = upload(client, "huge.xlsx", zip_bomb([80]))
    assert response.status_code == 200
    assert "中身を確認できない" in response.content.decode()
    assert not documents().exists()


def test_replacing_a_documents_file_with_an_export_is_refused(client):
    from wagtail.documents import get_document_model

    login_verified(client, EditorFactory())
    upload(client, "guide.txt", b"public guide")
    document = get_document_model().objects.get()
    response = client.post(
        f"/admin/documents/edit/{document.pk}/",
        {
            "title": "guide",
            "collection": document.collection_id,
            "file": ContentFile(ROW.encode("utf-16"), name="guide.txt"),
        },
    )
    assert REFUSAL in response.content.decode()
    document.refresh_from_db()
    assert document.file.read() == b"public guide"


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "cp932"])
def test_saving_a_marked_file_outside_the_admin_is_refused(encoding):
    from wagtail.documents import get_document_model

    document = get_document_model()(
        title="bypass",
        file=ContentFile(ROW.encode(encoding), name="bypass.txt"),
        collection=root_collection(),
    )
    with pytest.raises(ConfidentialDocumentError):
        document.save()
    assert not documents().exists()


def test_clean_file_is_accepted(client):
    login_verified(client, EditorFactory())
    upload(client, "guide.txt", io.BytesIO(b"opening hours").getvalue())
    assert documents().count() == 1


def _delimited(rows, delimiter: str) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue()


def marker_less_variants(name: str, data: bytes) -> dict[str, bytes]:
    """An export with its marker row deleted, saved as a user might save it again."""
    rows = without_marker_row(name, data)
    stem = name.rsplit(".", 1)[0]
    return {
        f"{stem}.csv": ("\ufeff" + _delimited(rows, ",")).encode("utf-8"),
        f"{stem}-sjis.csv": _delimited(rows, ",").encode("cp932"),
        f"{stem}-tab.txt": _delimited(rows, "\t").encode("utf-16"),
        f"{stem}.xlsx": xlsx(rows),
    }


def file_errors(response) -> list[str]:
    return [str(error) for error in response.context["form"].errors.get("file", [])]


def test_each_export_without_its_marker_row_is_refused_with_one_error(client):
    exports = produce_exports(client)
    login_verified(client, ApproverFactory())
    for label, (name, data) in exports.items():
        for variant, content in marker_less_variants(name, data).items():
            assert MARKER.encode() not in content, variant
            response = upload(client, variant, content, publish_spreadsheet="on")
            assert response.status_code == 200, (label, variant)
            (error,) = file_errors(response)
            assert REFUSAL in error, (label, variant)
            assert "ファイル拡張子" not in response.content.decode(), (label, variant)
            multiple = upload_multiple(client, variant, content).json()
            assert multiple["success"] is False, (label, variant)
            assert REFUSAL in multiple["error_message"], (label, variant)
            assert "ファイル拡張子" not in multiple["error_message"], (label, variant)
    assert not documents().exists()


def test_marked_export_refusal_is_the_only_error_on_the_file_field(client):
    login_verified(client, EditorFactory())
    response = upload(client, "session-1-20261203.csv", ROW.encode("utf-8-sig"))
    (error,) = file_errors(response)
    assert REFUSAL in error
    assert not documents().exists()


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("連絡先.csv", "事業者名,電話番号\r\n若葉テスト商店,011-000-0000\r\n".encode("utf-8-sig")),
        ("様式.csv", "予約番号,事業者名\r\n,\r\n".encode("cp932")),
        ("様式.xlsx", xlsx([["様式第1号"], ["事業者名", ""], ["担当者名", ""], ["電話番号", ""]])),
    ],
)
def test_document_with_some_export_headings_is_accepted(client, name, data):
    login_verified(client, EditorFactory())
    response = upload(client, name, data)
    assert REFUSAL not in response.content.decode()
    assert documents().count() == 1
