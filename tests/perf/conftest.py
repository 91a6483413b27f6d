import pytest


@pytest.fixture
def page_cache(settings):
    """The public page cache switched on, over an empty cache."""
    from portal.pagecache import store

    settings.PAGE_CACHE_ENABLED = True
    store.clear()
    yield store
    store.clear()


@pytest.fixture
def publish(django_capture_on_commit_callbacks):
    """publish(page, **changes): set the fields, publish a revision, run the on-commit hooks."""

    def run(page, **changes):
        for name, value in changes.items():
            setattr(page, name, value)
        with django_capture_on_commit_callbacks(execute=True):
            page.save_revision().publish()

    return run
