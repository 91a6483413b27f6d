"""Turns staff-side changes into page-cache tag bumps and CDN purges.

Runs in whichever process makes the change (the staff tier, a management
command such as publish_scheduled, the demo loader). It only ever writes to the
shared page cache (``store.bump``), never reads it. Changes that Wagtail or the
search app also cache in the public tier's own ``default`` cache (site root
paths, locales, synonyms) bump the ``defaults`` generation too (``tiercache``).
Affected tags and URLs are worked out when the signal fires, while the old
state (a page's old parent and tree path before a move) is still known, and
applied once the transaction commits: bumping earlier would let a public
render read the old rows and store them under the new versions. See
docs/performance.md for the tag scheme.
"""

import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete

from wagtail.models import Locale, Page, ReferenceIndex, Site
from wagtail.signals import page_published, page_unpublished, post_page_move, pre_page_move

from home.models import CenterInfo, SiteSettings
from measures.models.taxonomy import Purpose
from portal.patches.reference_index import base_content_type
from schedule.models import TouringSession, Venue
from search.models import SynonymGroup

from . import store
from .tags import CHROME, MEASURES, SEARCH, SITEMAP
from .tiercache import DEFAULTS

logger = logging.getLogger(__name__)

MEASURE_PAGE_TYPES = {"measures.measurepage", "measures.measureindexpage"}
# Non-page URLs purged from the CDN with the "measures" tag (every language prefix).
MEASURE_VIEW_PATHS = ("/feeds/measures/", "/feeds/deadlines.ics", "/api/measures/")
SEARCH_PATHS = ("/search/",)
SITEMAP_PATHS = ("/sitemap.xml",)


@dataclass
class Change:
    tags: set[str] = field(default_factory=set)
    paths: set[str] = field(default_factory=set)

    def add_page(self, page: Page, *, descendants: bool = False) -> None:
        """The page's own responses in every language (and its subtree's breadcrumbs)."""
        self.tags.add(f"p:{page.translation_key}")
        for translation in Page.objects.filter(translation_key=page.translation_key):
            if descendants:
                self.tags.add(f"a:{translation.path}")
            url = translation.get_url()
            if url:
                self.paths.add(url)

    def add_tag(self, tag: str) -> None:
        self.tags.add(tag)
        prefixes = [""] + [f"/{code}" for code, _ in settings.LANGUAGES[1:]]
        paths = {MEASURES: MEASURE_VIEW_PATHS, SEARCH: SEARCH_PATHS}.get(tag, ())
        if tag == SITEMAP:
            self.paths.update(SITEMAP_PATHS)
        for path in paths:
            self.paths.update(prefix + path for prefix in prefixes)

    def add_referrers(self, objects) -> None:
        """Pages whose content links to any of ``objects`` (Wagtail's reference index)."""
        refs = ReferenceIndex.get_references_to_in_bulk(list(objects))
        page_type = base_content_type(Page)
        ids = refs.filter(base_content_type=page_type).values_list("object_id", flat=True)
        for page in Page.objects.filter(pk__in=[int(pk) for pk in set(ids)]):
            self.add_page(page)

    def apply(self) -> None:
        store.bump(self.tags)
        purge(self.paths)


def purge(paths) -> None:
    """Purge the public URLs from the frontend cache (CDN), when one is configured."""
    if not paths or not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    # optional: only a site with a frontend cache (CDN) configured loads it.
    from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache  # noqa: PLC0415 - optional

    base = settings.PUBLIC_BASE_URL.rstrip("/")
    purge_urls_from_cache(sorted(base + path for path in paths))


def on_commit(change: Change) -> None:
    transaction.on_commit(change.apply, using="default")


def page_change(page: Page, parent: Page | None = None) -> Change:
    """A page was published, unpublished, moved or deleted."""
    change = Change()
    change.add_page(page, descendants=True)
    parent = parent or page.get_parent()
    if parent is not None and parent.depth > 1:
        change.add_page(parent)
    translations = list(Page.objects.filter(translation_key=page.translation_key))
    change.add_referrers(translations or [page])
    change.add_tag(SITEMAP)
    change.add_tag(SEARCH)
    if page.specific_class is not None and page.specific_class._meta.label_lower in (
        MEASURE_PAGE_TYPES
    ):
        change.add_tag(MEASURES)
    if page.is_site_root():
        # Wagtail's site root paths (every page URL) are built from it.
        change.add_tag(DEFAULTS)
    return change


def _page_published(sender, instance, **kwargs):
    on_commit(page_change(instance))


def _pre_page_move(sender, instance, parent_page_before, **kwargs):
    # Old URLs and the old parent, before the tree paths change.
    on_commit(page_change(instance, parent_page_before))


def _post_page_move(sender, instance, parent_page_after, **kwargs):
    on_commit(page_change(instance, parent_page_after))


def _page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page) and instance.pk and instance.live:
        on_commit(page_change(instance))


def _chrome_changed(sender, instance, **kwargs):
    on_commit(every_page_change({CHROME}))


def every_page_change(tags) -> Change:
    change = Change(tags=set(tags))
    # Every page shows it: purge every live page from the CDN.
    for page in Page.objects.live().filter(depth__gt=1).only("id", "url_path", "path", "depth"):
        url = page.get_url()
        if url:
            change.paths.add(url)
    change.add_tag(SEARCH)
    return change


def _purpose_changed(sender, instance, **kwargs):
    change = Change()
    change.add_tag(MEASURES)
    change.add_tag(SEARCH)
    purposes = list(type(instance).objects.filter(translation_key=instance.translation_key))
    change.add_referrers(purposes or [instance])
    on_commit(change)


def _site_structure_changed(sender, instance, **kwargs):
    """A Site or Locale: page URLs and language names, cached on both tiers."""
    change = every_page_change({DEFAULTS, CHROME})
    change.add_tag(SITEMAP)
    change.add_tag(MEASURES)
    on_commit(change)


def _synonyms_changed(sender, instance, **kwargs):
    on_commit(Change(tags={DEFAULTS, SEARCH}))


def _search_data_changed(sender, instance, **kwargs):
    change = Change()
    change.add_tag(SEARCH)
    on_commit(change)


def connect() -> None:
    page_published.connect(_page_published, dispatch_uid="pagecache_published")
    page_unpublished.connect(_page_published, dispatch_uid="pagecache_unpublished")
    pre_page_move.connect(_pre_page_move, dispatch_uid="pagecache_pre_move")
    post_page_move.connect(_post_page_move, dispatch_uid="pagecache_post_move")
    pre_delete.connect(_page_deleted, dispatch_uid="pagecache_page_deleted")
    for model, handler in (
        (CenterInfo, _chrome_changed),
        (SiteSettings, _chrome_changed),
        (Purpose, _purpose_changed),
        (Venue, _search_data_changed),
        (TouringSession, _search_data_changed),
        (Site, _site_structure_changed),
        (Locale, _site_structure_changed),
        (SynonymGroup, _synonyms_changed),
    ):
        for signal in (post_save, post_delete):
            signal.connect(
                handler, sender=model, dispatch_uid=f"pagecache_{model.__name__}_{signal}"
            )
