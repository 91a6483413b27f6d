"""Demo page tree: home, the measures and schedule sections, policy and content pages (ja, en).

The Japanese tree is created first; English pages are made from it through
wagtail-localize (see core.translation). Running it again changes nothing.
"""

import copy
import json
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings

from wagtail.models import Locale, Page, Site

from core.translation import translate
from home.models import CenterInfo, ContentPage, HomePage, SiteSettings
from measures.models import MeasureIndexPage
from portal.demo.streams import raw_stream
from schedule.models import SchedulePage

DATA = Path(__file__).with_name("pages.json")


def _english_copy(page, fields: dict):
    english = copy.copy(page)
    for name, value in fields.items():
        setattr(english, name, value)
    return english


def _locales():
    ja = Locale.objects.get_or_create(language_code="ja")[0]
    en = Locale.objects.get_or_create(language_code="en")[0]
    return ja, en


def _home(data, ja) -> tuple[HomePage, dict]:
    home = HomePage.objects.filter(locale=ja).first()
    if home is None:
        root = Page.get_first_root_node()
        # Wagtail's migration leaves a "Welcome" page; the demo replaces it.
        welcome = root.get_children().filter(slug="home").first()
        if welcome is not None and not isinstance(welcome.specific, HomePage):
            welcome.delete()
        home = HomePage(
            title=data["title"],
            slug="home",
            locale=ja,
            hero_title=data["hero_title"],
            hero_lead=data["hero_lead"],
            search_description=data.get("search_description", ""),
        )
        root.add_child(instance=home)
        home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site(is_default_site=True)
    # Links in feeds, the sitemap and the admin's "view live" use the public tier's address.
    public = urlsplit(settings.PUBLIC_BASE_URL)
    site.hostname = public.hostname
    site.port = public.port or (443 if public.scheme == "https" else 80)
    site.root_page = home
    site.site_name = "支援策ガイド"
    site.save()
    english = {
        "title": data["title_en"],
        "hero_title": data["hero_title_en"],
        "hero_lead": data["hero_lead_en"],
        "search_description": data.get("search_description_en", ""),
    }
    return home, english


def _child(parent, page_class, slug, fields):
    existing = parent.get_children().filter(slug=slug).first()
    if existing is not None:
        return existing.specific, False
    page = page_class(slug=slug, locale=parent.locale, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page, True


def _entry_points(home, entries, en):
    """The four entry points link to the section pages; set once both exist."""
    if home.entry_points:
        return None
    targets = {p.slug: p for p in home.get_children().specific()}
    blocks, blocks_en = [], []
    for entry in entries:
        target = targets[entry["target"]]
        subpath = entry["url"].removeprefix(f"/{target.slug}/")
        for stream, suffix in ((blocks, ""), (blocks_en, "_en")):
            value = {
                "title": entry["title" + suffix],
                "description": entry["description" + suffix],
                "page": target.pk,
                "subpath": subpath,
            }
            stream.append({"type": "entry", "value": value})
    home.entry_points = raw_stream(blocks, "home-entry")
    home.save_revision().publish()
    return raw_stream(blocks_en, "home-entry")


def _center_info(data, ja, en):
    info = CenterInfo.objects.filter(locale=ja).first()
    if info is None:
        info = CenterInfo.objects.create(
            locale=ja,
            center_name=data["center_name"],
            hours=data["hours"],
            address=data.get("address", ""),
            notice=data.get("notice", ""),
        )
    if not CenterInfo.objects.filter(translation_key=info.translation_key, locale=en).exists():
        english = copy.copy(info)
        english.center_name = data["center_name_en"]
        english.hours = data["hours_en"]
        english.address = data.get("address_en", "")
        english.notice = data.get("notice_en", "")
        translate(info, english, en)
    return info


def load(stdout):
    data = json.loads(DATA.read_text(encoding="utf-8"))
    ja, en = _locales()
    home, home_en = _home(data["home"], ja)
    created_any = False

    pages = []
    for section in data["sections"]:
        page_class = {"measures": MeasureIndexPage, "schedule": SchedulePage}[section["slug"]]
        page, created = _child(
            home,
            page_class,
            section["slug"],
            {"title": section["title"], "intro": section["intro"]},
        )
        created_any |= created
        pages.append((page, {"title": section["title_en"], "intro": section["intro_en"]}))
    for item in data["pages"]:
        fields = {
            "title": item["title"],
            "lead": item.get("lead", ""),
            "search_description": item.get("search_description", ""),
            "body": raw_stream(item["body"], item["slug"]),
        }
        page, created = _child(home, ContentPage, item["slug"], fields)
        created_any |= created
        english = {
            "title": item["title_en"],
            "lead": item.get("lead_en", ""),
            "search_description": item.get("search_description_en", ""),
            "body": raw_stream(item["body_en"], item["slug"]),
        }
        pages.append((page, english))

    entries_en = _entry_points(home, data["home"]["entry_points"], en)
    if entries_en is not None:
        home_en["entry_points"] = entries_en

    if not home.has_translation(en):
        translate(home, _english_copy(home, home_en), en)
    for page, english in pages:
        if not page.has_translation(en):
            translate(page, _english_copy(page, english), en)

    info = _center_info(data["center"], ja, en)
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    if site_settings.center_info_id is None:
        site_settings.phone = data["center"]["phone"]
        site_settings.email = data["center"].get("email", "")
        site_settings.center_info = info
        site_settings.save()
    stdout.write(
        "デモページを読み込みました。" if created_any else "デモページは読み込み済みです。"
    )
