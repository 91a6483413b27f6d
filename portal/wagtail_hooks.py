"""Wagtail hooks of the portal app: tags a served page for the public page cache."""

from wagtail import hooks

from portal.pagecache.tags import page_tags


@hooks.register("before_serve_page")
def tag_page_for_cache(page, request, serve_args, serve_kwargs):
    tags = page_tags(page)
    if tags is None:
        request.page_cache_skip = True
    else:
        request.page_cache_tags = tags
