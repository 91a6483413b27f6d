"""Tell the user when their spreadsheet was put into the private collection.

Wagtail 8's document create and edit views have no after-save hook, so their
success message is extended here (the form marks the instance). The multiple
uploader shows the chosen collection in each file's edit form instead.
"""

from __future__ import annotations

from django.utils.translation import gettext

from wagtail.documents.views import documents

from . import policy


def private_notice() -> str:
    return gettext(
        "表計算ファイルのため「%(collection)s」コレクションに入れました。"
        "公開のウェブサイトからは見えません。様式として公開するには承認者に依頼してください。"
    ) % {"collection": policy.PRIVATE_COLLECTION_NAME}


def _with_notice(original):
    def get_success_message(self, *args):
        message = original(self, *args)
        instance = args[0] if args else self.object
        if message and getattr(instance, "_portal_made_private", False):
            return f"{message} {private_notice()}"
        return message

    return get_success_message


def install():
    for view in (documents.CreateView, documents.EditView):
        if not getattr(view.get_success_message, "_portal_notice", False):
            view.get_success_message = _with_notice(view.get_success_message)
            view.get_success_message._portal_notice = True
