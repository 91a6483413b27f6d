"""Create English translations through wagtail-localize, as a translator would.

The demo loaders and the measures importer (measures.importing.writer) give each
object's English text in a parallel instance of the same shape. This module
extracts that instance's segments, fills them into the wagtail-localize
translation of the source object and saves the target, so the English pages are
real wagtail-localize translations (synced, editable in its editor), not
hand-made duplicates.
"""

from collections import defaultdict

from django.db import transaction

from wagtail.models import Locale
from wagtail_localize.models import Translation, TranslationSource
from wagtail_localize.segments import StringSegmentValue
from wagtail_localize.segments.extract import extract_segments


class TranslationMismatch(Exception):
    """The English data does not have the same shape as the Japanese source."""


def _strings_by_path(instance) -> dict[str, list[str]]:
    by_path = defaultdict(list)
    for segment in extract_segments(instance):
        if isinstance(segment, StringSegmentValue):
            by_path[segment.path].append(segment.string.data)
    return by_path


@transaction.atomic
def translate(source_obj, english_obj, locale: Locale, publish: bool = True):
    """Translate `source_obj` into `locale` using the strings found in `english_obj`.

    `english_obj` is an unsaved copy of the source with the English values,
    including the same StreamField block ids. Returns the saved target object.
    """
    source, _created = TranslationSource.get_or_create_from_instance(source_obj)
    source.update_from_db()
    translation, _created = Translation.objects.get_or_create(source=source, target_locale=locale)
    english = _strings_by_path(english_obj)
    po = translation.export_po()
    seen = defaultdict(int)
    for entry in po:
        if entry.obsolete:
            continue
        index = seen[entry.msgctxt]
        seen[entry.msgctxt] += 1
        candidates = english.get(entry.msgctxt, [])
        if index >= len(candidates):
            raise TranslationMismatch(
                f"{source_obj!r}: no English text for {entry.msgctxt!r} #{index}"
            )
        entry.msgstr = candidates[index]
    translation.import_po(po, translation_type="manual", tool_name="demo")
    # save_target(publish=True) defers publishing to on_commit, which runs out of
    # order inside an outer transaction (and never in tests); publish here instead.
    draftable = hasattr(source_obj, "get_latest_revision")
    translation.save_target(publish=publish and not draftable)
    target = source_obj.get_translation(locale)
    if publish and draftable:
        target.get_latest_revision().publish()
    return target
