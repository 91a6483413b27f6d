"""Spreadsheets go to the private collection unless a permitted user publishes them on purpose."""

from django.core.files.base import ContentFile
from django.test import Client

from wagtail.documents import get_document_model
from wagtail.models import Collection

import pytest

from portal.accounts import roles
from portal.documents import policy
from portal.documents.models import PUBLISH_SPREADSHEET
from tests.accounts.factories import ApproverFactory, EditorFactory, StaffUserFactory
from tests.accounts.login import login_verified
from tests.documents.files import xlsx
from tests.documents.helpers import documents, root_collection, upload, upload_multiple
from tests.tiers import use_tier

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("staff_tier")]

FORM = xlsx([["様式第1号 補助金交付申請書"], ["事業者名", ""]])
CSV = "区分,件数\r\n北区,3\r\n".encode("utf-8-sig")


@pytest.fixture
def public_child():
    return root_collection().add_child(instance=Collection(name="公開資料"))


def public_collections():
    return [c for c in Collection.objects.all() if not policy.is_private(c)]


def get_public(client, document):
    """A fresh client: a test client keeps the middleware of the tier it first served."""
    with use_tier("public"):
        return Client().get(document.url)


def test_migration_created_the_private_collection_with_a_login_restriction():
    collection = Collection.objects.get(name=policy.PRIVATE_COLLECTION_NAME)
    assert collection.depth == 2
    (restriction,) = collection.get_view_restrictions()
    assert restriction.restriction_type == "login"


def test_only_approvers_and_administrators_may_publish_spreadsheets():
    holders = {
        name
        for name in roles.ROLES
        if StaffUserFactory(username=f"t-{len(name)}-{hash(name) % 997}", groups=[name]).has_perm(
            PUBLISH_SPREADSHEET
        )
    }
    assert holders == {roles.APPROVERS, roles.ADMINISTRATORS}


@pytest.mark.parametrize(("name", "data"), [("申請書.xlsx", FORM), ("集計.csv", CSV)])
def test_editors_spreadsheet_in_any_public_collection_lands_private_and_404s_publicly(
    client, public_child, name, data
):
    login_verified(client, EditorFactory())
    for collection in public_collections():
        response = upload(client, name, data, collection=collection, publish_spreadsheet="on")
        assert "「非公開（職員のみ）」コレクションに入れました" in response.content.decode()
        document = documents().latest("pk")
        assert document.collection.name == policy.PRIVATE_COLLECTION_NAME
        assert get_public(client, document).status_code == 404
        with use_tier("staff"):
            assert client.get(document.url).status_code == 200
    assert documents().count() == len(public_collections())


def test_multiple_uploader_puts_an_editors_csv_in_the_private_collection(client):
    login_verified(client, EditorFactory())
    assert upload_multiple(client, "集計.csv", CSV).json()["success"] is True
    document = documents().get()
    assert document.collection.name == policy.PRIVATE_COLLECTION_NAME
    assert get_public(client, document).status_code == 404


def test_approver_publishes_an_xlsx_form_on_purpose(client, public_child):
    login_verified(client, ApproverFactory())
    upload(client, "様式第1号.xlsx", FORM, collection=public_child, publish_spreadsheet="on")
    document = documents().get()
    assert document.collection == public_child
    response = get_public(client, document)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == FORM


def test_approvers_spreadsheet_without_the_tick_is_private(client):
    login_verified(client, ApproverFactory())
    upload(client, "様式第1号.xlsx", FORM)
    assert documents().get().collection.name == policy.PRIVATE_COLLECTION_NAME


def test_editor_cannot_move_a_private_spreadsheet_to_a_public_collection(client, public_child):
    login_verified(client, EditorFactory())
    upload(client, "集計.csv", CSV)
    document = documents().get()
    client.post(
        f"/admin/documents/edit/{document.pk}/",
        {"title": "集計", "collection": public_child.pk, "publish_spreadsheet": "on"},
    )
    document.refresh_from_db()
    assert document.collection.name == policy.PRIVATE_COLLECTION_NAME


def test_editing_the_title_of_a_published_form_keeps_it_published(client, public_child):
    login_verified(client, ApproverFactory())
    upload(client, "様式.xlsx", FORM, collection=public_child, publish_spreadsheet="on")
    document = documents().get()
    login_verified(client, EditorFactory())
    response = client.post(
        f"/admin/documents/edit/{document.pk}/",
        {"title": "様式（改訂）", "collection": public_child.pk},
    )
    assert response.status_code == 302
    document.refresh_from_db()
    assert (document.title, document.collection) == ("様式（改訂）", public_child)


@pytest.mark.parametrize("extension", sorted(policy.SPREADSHEET_EXTENSIONS))
def test_spreadsheet_saved_outside_the_admin_goes_private(extension, public_child):
    document = get_document_model()(
        title="x", file=ContentFile(b"a,b\r\n", name=f"data.{extension}"), collection=public_child
    )
    document.save()
    assert document.collection.name == policy.PRIVATE_COLLECTION_NAME


def test_non_spreadsheet_stays_where_the_editor_put_it(client, public_child):
    login_verified(client, EditorFactory())
    upload(client, "案内.txt", "営業時間のご案内".encode(), collection=public_child)
    assert documents().get().collection == public_child
