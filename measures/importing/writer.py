"""Write validated import records as measure pages: upsert by id, all or nothing.

Reading and checking a file is the job of the pure modules beside this one (records,
fields, errors); this module only writes, and it is the one module of the package that
touches the database.
Everything happens in one transaction: if any record fails to save, nothing of
the file stays. A dry run does the same work and rolls it back, so it reports
exactly what a real run would do.
"""

import copy
import uuid
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.utils.text import slugify

from wagtail.models import Locale

from core.translation import TranslationMismatch, translate

from ..models import MeasureIndexPage, MeasureIndustry, MeasurePage, MeasurePurpose, Purpose
from ..models.taxonomy import slug_for
from .records import MeasureRecord

CREATE = "create"
UPDATE = "update"
UNCHANGED = "unchanged"

_DOCUMENT_IDS = uuid.UUID("0d6e6b8e-41f4-4a3b-9d7e-6f0c1f3b2a11")
NEW_PURPOSE_ORDER = 1000

# Page fields an import sets, and the record attribute each comes from.
TEXT_FIELDS = {
    "title": "title",
    "short_title": "short_title",
    "provider": "provider",
    "subsidy_rate": "subsidy_rate",
    "interest": "interest",
    "summary": "summary",
    "eligibility": "eligibility",
    "how_to_apply": "how_to_apply",
    "official_url": "official_url",
}
VALUE_FIELDS = (
    "provider_level",
    "kind",
    "target_size",
    "max_employees",
    "min_sales_decline_percent",
    "amount_max_yen",
    "application_start",
    "application_end",
)


class ImportWriteError(Exception):
    """Saving a record failed; the whole import was rolled back."""

    def __init__(self, record: MeasureRecord, error: Exception):
        self.record = record
        self.error = error
        super().__init__(f"line {record.line} ({record.id}): {error}")


class NoIndexPage(Exception):
    """There is no MeasureIndexPage in the source language to import into."""


@dataclass(frozen=True)
class PlannedRow:
    record: MeasureRecord
    action: str
    page_id: int | None = None


@dataclass
class ImportReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    translated: list[str] = field(default_factory=list)
    not_translated: list[str] = field(default_factory=list)
    new_purposes: list[str] = field(default_factory=list)
    dry_run: bool = False
    published: bool = False


def source_index() -> MeasureIndexPage:
    index = MeasureIndexPage.objects.filter(locale__language_code=settings.LANGUAGE_CODE).first()
    if index is None:
        raise NoIndexPage
    return index


def existing_pages(records) -> dict[str, MeasurePage]:
    """Source-language measure pages by source_id, for the ids in `records`."""
    pages = MeasurePage.objects.filter(
        locale__language_code=settings.LANGUAGE_CODE,
        source_id__in=[record.id for record in records],
    )
    return {page.source_id: page for page in pages}


def plan(records) -> list[PlannedRow]:
    """What an import would do with each record; for previews. Reads only."""
    pages = existing_pages(records)
    rows = []
    for record in records:
        page = pages.get(record.id)
        if page is None:
            rows.append(PlannedRow(record, CREATE))
        else:
            current = page.get_latest_revision_as_object()
            action = UNCHANGED if _matches(current, record) else UPDATE
            rows.append(PlannedRow(record, action, page.pk))
    return rows


def import_records(records, *, publish=False, dry_run=False, user=None) -> ImportReport:
    """Create or update one page per record, in one transaction.

    Raises NoIndexPage, or ImportWriteError naming the record that failed; in
    both cases nothing is written.
    """
    report = ImportReport(dry_run=dry_run, published=publish)
    with transaction.atomic():
        index = source_index()
        english = Locale.objects.filter(language_code="en").first()
        if english is not None and not index.has_translation(english):
            english = None  # no English finder to put translations under
        purposes = _PurposeMap(report)
        rows = plan(records)
        for row in rows:
            try:
                _write(row, index, english, purposes, publish, user, report)
            except Exception as exc:
                raise ImportWriteError(row.record, exc) from exc
        if dry_run:
            transaction.set_rollback(True)
    return report


def _write(row, index, english, purposes, publish, user, report):
    record = row.record
    if row.action == UNCHANGED:
        report.unchanged.append(record.id)
        return
    if row.action == CREATE:
        page = MeasurePage(slug=_unique_slug(index, record), live=False, locale=index.locale)
        _fill(page, record, purposes)
        index.add_child(instance=page)
        report.created.append(record.id)
    else:
        page = MeasurePage.objects.get(pk=row.page_id).get_latest_revision_as_object()
        _fill(page, record, purposes)
        report.updated.append(record.id)
    revision = page.save_revision(user=user, log_action=True)
    if publish:
        revision.publish(user=user)
        page.refresh_from_db()
    # A draft update lives in a revision only; its translation waits for publishing.
    if english is not None and (publish or row.action == CREATE):
        if _translate(page, record, english, publish):
            report.translated.append(record.id)
        else:
            report.not_translated.append(record.id)


def _fill(page: MeasurePage, record: MeasureRecord, purposes: "_PurposeMap"):
    for name, attribute in TEXT_FIELDS.items():
        setattr(page, name, getattr(record, attribute) or "")
    for name in VALUE_FIELDS:
        setattr(page, name, getattr(record, name))
    page.source_id = record.id
    page.documents = _documents(record.id, record.documents)
    page.industry_links = [MeasureIndustry(code=code) for code in sorted(record.industry_codes)]
    page.purpose_links = [
        MeasurePurpose(purpose=purposes.get(name)) for name in dict.fromkeys(record.purposes)
    ]


def _documents(source_id: str, names) -> list[dict]:
    # Stable block ids: the English translation pairs its documents by them.
    return [
        {
            "type": "document",
            "value": name,
            "id": str(uuid.uuid5(_DOCUMENT_IDS, f"{source_id}/{n}")),
        }
        for n, name in enumerate(names)
    ]


def _matches(page: MeasurePage, record: MeasureRecord) -> bool:
    for name, attribute in TEXT_FIELDS.items():
        if getattr(page, name) != (getattr(record, attribute) or ""):
            return False
    for name in VALUE_FIELDS:
        if getattr(page, name) != getattr(record, name):
            return False
    if [block.value for block in page.documents] != list(record.documents):
        return False
    if sorted(link.code for link in page.industry_links.all()) != sorted(record.industry_codes):
        return False
    names = [link.purpose.name for link in page.purpose_links.all()]
    return names == list(dict.fromkeys(record.purposes))


def _unique_slug(index, record: MeasureRecord) -> str:
    base = slugify(record.short_title_en or record.title_en or "")[:60].strip("-")
    base = base or slugify(record.id) or "measure"
    taken = set(index.get_children().values_list("slug", flat=True))
    slug = base
    if slug in taken:
        slug = f"{base}-{slugify(record.id)}"
    return slug


class _PurposeMap:
    """Source-language purposes by name; a name not seen before becomes a Purpose."""

    def __init__(self, report: ImportReport):
        self.report = report
        self.locale = Locale.objects.get(language_code=settings.LANGUAGE_CODE)
        self.by_name = {p.name: p for p in Purpose.objects.filter(locale=self.locale)}

    def get(self, name: str) -> Purpose:
        if name not in self.by_name:
            slug = slug_for(name)
            if Purpose.objects.filter(locale=self.locale, slug=slug).exists():
                slug = f"{slug}-{uuid.uuid4().hex[:6]}"
            self.by_name[name] = Purpose.objects.create(
                locale=self.locale, name=name, slug=slug, sort_order=NEW_PURPOSE_ORDER
            )
            self.report.new_purposes.append(name)
        return self.by_name[name]


def english_values(record: MeasureRecord) -> dict | None:
    """The English text of every translatable field, or None if any is missing."""
    required = (record.title_en, record.summary_en, record.eligibility_en, record.how_to_apply_en)
    if not all(required) or not record.provider_en:
        return None
    if len(record.documents_en) != len(record.documents):
        return None
    values = {
        "title": record.title_en,
        "short_title": "",
        "provider": record.provider_en,
        "summary": record.summary_en,
        "eligibility": record.eligibility_en,
        "how_to_apply": record.how_to_apply_en,
    }
    for name in ("short_title", "subsidy_rate", "interest"):
        original = getattr(record, name)
        english = getattr(record, f"{name}_en")
        if not original:
            values[name] = ""
        elif english:
            values[name] = english
        elif original.isascii():
            values[name] = original  # "2/3" reads the same in English
        else:
            return None
    return values


def _translate(page: MeasurePage, record: MeasureRecord, english_locale, publish: bool) -> bool:
    values = english_values(record)
    if values is None:
        return False
    english = copy.copy(page)
    for name, value in values.items():
        setattr(english, name, value)
    english.documents = _documents(record.id, record.documents_en)
    existing = page.get_translation_or_none(english_locale)
    if existing is not None:
        # Editors' own fields (FAQ, change log, contact) keep their English text.
        current = existing.get_latest_revision_as_object()
        for name in ("faq", "change_log", "contact", "related_measures"):
            setattr(english, name, getattr(current, name))
    try:
        # A savepoint, so a mismatch leaves the Japanese page saved.
        with transaction.atomic():
            translate(page, english, english_locale, publish=publish)
    except TranslationMismatch:
        return False
    return True
