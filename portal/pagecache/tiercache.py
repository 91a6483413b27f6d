"""Cross-tier invalidation of what the public tier keeps in its own ``default`` cache.

Each tier has its own ``default`` cache (docs/deploy.md, "Caches"), which is
where Wagtail keeps the site root paths and locale names and ``search.synonyms.stored``
the synonym rows. When staff change what those are built from, Wagtail (or the
search app) deletes the keys in the staff tier's own cache only: the staff tier
cannot reach the public tier's cache, by design.

So every key of the public tier's ``default`` cache carries a generation
(``make_key``, the cache's ``KEY_FUNCTION``). The generation is the version of
the ``defaults`` tag in the shared page cache: a JSON number, which the staff
tier bumps (a write) and the public tier reads once before each render
(``sync``). After a bump, every public process builds those values afresh
under new keys; the old ones expire. Like the page-cache tags, a render that
started before the bump keeps writing under the old generation, so it cannot
put stale values back under the new one.
"""

import time

from . import store

DEFAULTS = "defaults"
_generation = "0"


def make_key(key: str, key_prefix: str, version) -> str:
    """Django's default key, with the current generation in it."""
    return f"{key_prefix}:{version}:g{_generation}:{key}"


def generation() -> str:
    return _generation


def sync() -> str:
    """Public tier, before a render: pick up the generation the staff tier last set."""
    global _generation
    version = store.current_version(DEFAULTS, time.time())
    if version is not None:
        _generation = repr(version)
    return _generation


def bump() -> None:
    """Staff tier: make the public tier rebuild its ``default`` cache entries."""
    store.bump({DEFAULTS})
