"""Which documents are spreadsheets, which collections are private, and the private one.

A collection is private when it or an ancestor has a view restriction
(Wagtail's CollectionViewRestriction). The public tier serves no document of a
private collection (wagtail_hooks.refuse_private_documents_on_public_tier).
Spreadsheets and CSV files go to the private collection 「非公開（職員のみ）」 unless
a user with the publish_spreadsheet_document permission publishes one on purpose.
"""

from __future__ import annotations

import os

from django.db import transaction

from wagtail.models import Collection, CollectionViewRestriction

PRIVATE_COLLECTION_NAME = "非公開（職員のみ）"
SPREADSHEET_EXTENSIONS = frozenset(
    {"csv", "tsv", "xlsx", "xlsm", "xlsb", "xls", "xltx", "xltm", "ods", "fods"}
)


def is_spreadsheet(name: str | None) -> bool:
    extension = os.path.splitext(name or "")[1].lstrip(".").lower()
    return extension in SPREADSHEET_EXTENSIONS


def is_private(collection) -> bool:
    return collection is not None and collection.get_view_restrictions().exists()


@transaction.atomic
def private_collection(collection_model=None, restriction_model=None):
    """The staff-only collection under the root, created (with its login restriction) if missing.

    The models are parameters so the data migration can pass its historical ones.
    """
    if collection_model is None:
        collection_model, restriction_model = Collection, CollectionViewRestriction
    collection = collection_model.objects.filter(name=PRIVATE_COLLECTION_NAME, depth=2).first()
    if collection is None:
        root = collection_model.objects.filter(depth=1).order_by("path").first()
        collection = _add_child(collection_model, root)
    if not restriction_model.objects.filter(collection=collection).exists():
        restriction_model.objects.create(collection=collection, restriction_type="login")
    return collection


def _add_child(collection_model, root):
    if hasattr(root, "add_child"):
        return root.add_child(instance=collection_model(name=PRIVATE_COLLECTION_NAME))
    # Historical models (migrations) have no treebeard methods: build the path by hand.
    step = 4
    siblings = collection_model.objects.filter(path__startswith=root.path, depth=root.depth + 1)
    last = siblings.order_by("-path").values_list("path", flat=True).first()
    number = int(last[-step:], 36) + 1 if last else 1
    path = root.path + _base36(number).rjust(step, "0")
    collection = collection_model.objects.create(
        name=PRIVATE_COLLECTION_NAME, path=path, depth=root.depth + 1, numchild=0
    )
    collection_model.objects.filter(pk=root.pk).update(numchild=root.numchild + 1)
    return collection


def _base36(number: int) -> str:
    digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    out = ""
    while number:
        number, rest = divmod(number, 36)
        out = digits[rest] + out
    return out or "0"
