"""Cached responses and tag versions in ``CACHES['default']``.

Every stored response carries a set of tags and the version each tag had when
its render *started*. A lookup reads the entry and the current versions of its
tags in two cache round trips; any difference is a miss. Invalidating a tag
writes a new version (the time of the bump, a positive number), which makes exactly the entries
carrying that tag stale. A render that started before a bump is never stored,
so a request racing a publish cannot put the old content back.
"""

import time
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import caches

ENTRY_PREFIX = "pagecache:r:"
TAG_PREFIX = "pagecache:t:"
# A tag bumped within this many seconds before a render started still refuses
# the store: covers clock differences between app servers.
CLOCK_MARGIN = 1.0


def cache():
    return caches[getattr(settings, "PAGE_CACHE_ALIAS", "default")]


@dataclass
class CachedResponse:
    status: int
    headers: list[tuple[str, str]]
    content: bytes
    nonce: str | None
    versions: dict[str, float] = field(default_factory=dict)


def entry_key(key: str) -> str:
    return ENTRY_PREFIX + key


def tag_key(tag: str) -> str:
    return TAG_PREFIX + tag


def lookup(key: str) -> CachedResponse | None:
    backend = cache()
    entry = backend.get(entry_key(key))
    if not isinstance(entry, CachedResponse):
        return None
    current = backend.get_many([tag_key(tag) for tag in entry.versions])
    for tag, version in entry.versions.items():
        if current.get(tag_key(tag)) != version:
            return None
    return entry


def store(key: str, entry: CachedResponse, tags: set[str], started: float, timeout: int) -> bool:
    """Store unless a tag was bumped after (or just before) the render started."""
    backend = cache()
    keys = {tag: tag_key(tag) for tag in tags}
    current = backend.get_many(list(keys.values()))
    versions = {}
    for tag, key_name in keys.items():
        version = current.get(key_name)
        if version is None:
            # A first version is negative (never a bump) and unique, so an entry
            # stored before the tag key was lost can never match again.
            version = -float(started)
            # add(): never overwrite a bump that another process just made.
            if not backend.add(key_name, version, timeout=None):
                return False
        elif version >= started - CLOCK_MARGIN:
            return False
        versions[tag] = version
    entry.versions = versions
    backend.set(entry_key(key), entry, timeout=timeout)
    return True


def bump(tags) -> None:
    """Make every entry carrying any of ``tags`` stale."""
    tags = set(tags)
    if not tags:
        return
    now = time.time()
    cache().set_many({tag_key(tag): now for tag in tags}, timeout=None)


def clear() -> None:
    cache().clear()
