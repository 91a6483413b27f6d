import pytest


@pytest.fixture
def page_cache(settings):
    """The public page cache switched on, over an empty cache."""
    from portal.pagecache import store

    settings.PAGE_CACHE_ENABLED = True
    store.clear()
    yield store
    store.clear()
