"""Where site search finds its results: one `ResultSource` per kind of content.

An app makes its content searchable with one call in its AppConfig.ready()::

    from search import registry
    registry.register(MeasurePage, key="measure", label=_("支援策"), order=10)

The model needs Wagtail `search_fields` (it is indexed by the site's search
backend).  Defaults fit Wagtail pages and snippets:

* queryset: for a Page subclass its live, public pages in the active locale;
  otherwise all objects, narrowed to the active locale when the model is
  translatable and to live ones when it has draft state;
* url: ``obj.get_url(request)`` (or ``get_absolute_url()``);
* badge: the object's ``status_badge`` attribute, when it has one;
* title: ``obj.title`` or ``str(obj)``; text: its non-title search fields.

Every Page type not registered on its own is found through the generic
"page" source registered by this app.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model, QuerySet
from django.utils.translation import gettext_lazy as _

from wagtail.models import DraftStateMixin, Locale, Page, TranslatableMixin

from .text_extract import searchable_text

PAGE_KEY = "page"


@dataclass(frozen=True)
class ResultSource:
    key: str
    label: str
    model: type[Model]
    queryset: Callable[[], QuerySet]
    url: Callable[[Model, object], str | None]
    badge: Callable[[Model], object] | None
    title: Callable[[Model], str]
    text: Callable[[Model], str]
    order: int = 100


_sources: dict[str, ResultSource] = {}


def register(
    model: type[Model],
    *,
    key: str,
    label,
    queryset: Callable[[], QuerySet] | None = None,
    url: Callable[[Model, object], str | None] | None = None,
    badge: Callable[[Model], object] | None = None,
    title: Callable[[Model], str] | None = None,
    text: Callable[[Model], str] | None = None,
    order: int = 100,
) -> ResultSource:
    """Add (or replace) the result source `key`; returns it."""
    source = ResultSource(
        key=key,
        label=label,
        model=model,
        queryset=queryset or (lambda: default_queryset(model)),
        url=url or default_url,
        badge=badge or default_badge,
        title=title or default_title,
        text=text or searchable_text,
        order=order,
    )
    _sources[key] = source
    return source


def unregister(key: str) -> None:
    _sources.pop(key, None)


def sources() -> list[ResultSource]:
    return sorted(_sources.values(), key=lambda s: (s.order, s.key))


def register_pages() -> None:
    """The generic source: every live, public Page type without a source of its own."""
    register(
        Page,
        key=PAGE_KEY,
        label=_("ページ"),
        queryset=other_pages,
        order=1000,
    )


def other_pages() -> QuerySet:
    own = [s.model for s in _sources.values() if s.key != PAGE_KEY and issubclass(s.model, Page)]
    pages = default_queryset(Page).filter(depth__gt=1)
    if own:
        content_types = ContentType.objects.get_for_models(*own, for_concrete_models=False)
        pages = pages.exclude(content_type__in=list(content_types.values()))
    return pages


def default_queryset(model: type[Model]) -> QuerySet:
    if issubclass(model, Page):
        return model.objects.live().public().filter(locale=Locale.get_active())
    objects = model._default_manager.all()
    if issubclass(model, TranslatableMixin):
        objects = objects.filter(locale=Locale.get_active())
    if issubclass(model, DraftStateMixin):
        objects = objects.filter(live=True)
    return objects


def default_url(obj, request) -> str | None:
    if isinstance(obj, Page):
        return obj.get_url(request)
    get_url = getattr(obj, "get_url", None)
    if callable(get_url):
        return get_url(request)
    get_absolute_url = getattr(obj, "get_absolute_url", None)
    return get_absolute_url() if callable(get_absolute_url) else None


def default_badge(obj):
    return getattr(obj, "status_badge", None)


def default_title(obj) -> str:
    return getattr(obj, "title", None) or str(obj)
