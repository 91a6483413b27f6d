"""A sitemap of every live public page in every language, with hreflang alternates."""

from collections import defaultdict

from django.db.models import Q

from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page


class MultilingualSitemap(Sitemap):
    """Wagtail's sitemap lists only the default site's root tree, which is the Japanese one;
    the English tree is a sibling translation of it, so include every locale's tree."""

    def items(self):
        root = self.get_wagtail_site().root_page
        roots = Page.objects.filter(translation_key=root.translation_key)
        under_a_root = Q()
        for translated_root in roots:
            under_a_root |= Q(path__startswith=translated_root.path)
        return (
            Page.objects.live()
            .public()
            .filter(under_a_root)
            .select_related("locale")
            .order_by("path")
            .defer_streamfields()
            .specific()
        )

    def _urls(self, page, protocol, domain):
        items = list(self.paginator.page(page).object_list)
        by_key = defaultdict(dict)
        for item in items:
            by_key[item.translation_key][item.locale.language_code] = item.get_full_url(
                self.request
            )
        urls = []
        for item in items:
            translations = by_key[item.translation_key]
            for url_info in item.get_sitemap_urls(self.request):
                if len(translations) > 1:
                    url_info["alternates"] = [
                        {"lang_code": code, "location": location}
                        for code, location in sorted(translations.items())
                    ]
                urls.append(url_info)
        return urls
