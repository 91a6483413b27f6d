"""The save-path backstop: whatever saves a document (API, shell, another view).

pre_save refuses a file carrying the export marker (ConfidentialDocumentError),
and puts a spreadsheet that enters or moves into a public collection into the
private collection unless the admin form recorded a permitted, deliberate
publication. A save that changes neither the file nor the collection is left
alone, so an approver's published 様式 stays published when its title is edited.
"""

from __future__ import annotations

from django.db.models.signals import pre_save

from wagtail.documents import get_document_model

from . import policy
from .checks import refuse_confidential


def guard_document(sender, instance, raw=False, **kwargs):
    if raw:
        return
    previous = None
    if instance.pk is not None:
        previous = sender.objects.filter(pk=instance.pk).values("file", "collection_id").first()
    file_changed = previous is None or previous["file"] != instance.file.name
    collection_changed = previous is None or previous["collection_id"] != instance.collection_id
    uploaded = instance.file.file if instance.file and not instance.file._committed else None
    if instance.file and (file_changed or uploaded is not None):
        checked = getattr(instance, "_portal_checked_file", None)
        if uploaded is None or checked is not uploaded:
            instance.file.open("rb")
            refuse_confidential(instance.file)
    if not (file_changed or collection_changed) or not policy.is_spreadsheet(instance.file.name):
        return
    if policy.is_private(instance.collection):
        return
    if getattr(instance, "_portal_publish_spreadsheet", False):
        return
    instance.collection = policy.private_collection()
    instance._portal_made_private = True


def connect():
    pre_save.connect(guard_document, sender=get_document_model(), dispatch_uid="portal-documents")
