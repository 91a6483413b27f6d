"""Cached responses and tag versions in the shared page cache (``CACHES['pagecache']``).

Every stored response carries a set of tags and the version each tag had when
its render *started*. A lookup reads the entry and the current versions of its
tags in two cache round trips; any difference is a miss. Invalidating a tag
writes a new version (the time of the bump, a positive number), which makes exactly the entries
carrying that tag stale. A render that started before a bump is never stored,
so a request racing a publish cannot put the old content back.

The page cache is the only cache both tiers use (docs/deploy.md, "Caches"), so
it holds plain JSON only: an entry is written as a dict of strings and numbers
(``CachedResponse.to_json``), tag versions are numbers, and in production the
alias uses ``portal.pagecache.serializers.JSONSerializer``, which never
unpickles. The staff tier only writes here (``bump``): every function that reads
refuses to run on it (``StaffTierRead``), so nothing the public tier can write is
ever loaded by the process that holds the intake private keys.
"""

import base64
import time
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import caches

ENTRY_PREFIX = "pagecache:r:"
TAG_PREFIX = "pagecache:t:"
# A tag bumped within this many seconds before a render started still refuses
# the store: covers clock differences between app servers.
CLOCK_MARGIN = 1.0
# Format of a stored entry; an entry of another format is a miss.
ENTRY_FORMAT = 1


class StaffTierRead(RuntimeError):
    """The staff tier tried to read the page cache that the public tier writes."""


def cache():
    return caches[getattr(settings, "PAGE_CACHE_ALIAS", "pagecache")]


def reader():
    """The page cache, for reading: refused on the staff tier (write-only there)."""
    if getattr(settings, "PORTAL_TIER", None) == "staff":
        raise StaffTierRead("the staff tier only writes to the shared page cache")
    return cache()


@dataclass
class CachedResponse:
    status: int
    headers: list[tuple[str, str]]
    content: bytes
    nonce: str | None
    versions: dict[str, float] = field(default_factory=dict)

    def to_json(self) -> dict:
        try:
            body, encoding = self.content.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            body, encoding = base64.b64encode(self.content).decode("ascii"), "base64"
        return {
            "f": ENTRY_FORMAT,
            "status": self.status,
            "headers": [[name, value] for name, value in self.headers],
            "body": body,
            "encoding": encoding,
            "nonce": self.nonce,
            "versions": self.versions,
        }

    @classmethod
    def from_json(cls, data) -> "CachedResponse | None":
        """The entry, or None for anything that is not an entry of this format."""
        try:
            if data.get("f") != ENTRY_FORMAT:
                return None
            body = data["body"]
            if data["encoding"] == "utf-8":
                content = body.encode("utf-8")
            elif data["encoding"] == "base64":
                content = base64.b64decode(body, validate=True)
            else:
                return None
            nonce = data["nonce"]
            entry = cls(
                status=int(data["status"]),
                headers=[(str(name), str(value)) for name, value in data["headers"]],
                content=content,
                nonce=str(nonce) if nonce is not None else None,
                versions={str(tag): float(v) for tag, v in data["versions"].items()},
            )
        except (AttributeError, KeyError, TypeError, ValueError):
            return None
        return entry


def entry_key(key: str) -> str:
    return ENTRY_PREFIX + key


def tag_key(tag: str) -> str:
    return TAG_PREFIX + tag


# What a read returns for a value that is not JSON (it is never unpickled).
INVALID = object()


def _get(backend, key):
    """A cached value, None when missing, INVALID when not JSON."""
    try:
        return backend.get(key)
    except ValueError:
        return INVALID


def _get_many(backend, keys):
    try:
        return backend.get_many(keys)
    except ValueError:
        # One bad value spoils the batch: read them one by one.
        return {key: value for key in keys if (value := _get(backend, key)) is not None}


def lookup(key: str) -> CachedResponse | None:
    backend = reader()
    data = _get(backend, entry_key(key))
    entry = CachedResponse.from_json(data) if isinstance(data, dict) else None
    if entry is None:
        return None
    current = _get_many(backend, [tag_key(tag) for tag in entry.versions])
    for tag, version in entry.versions.items():
        if current.get(tag_key(tag)) != version:
            return None
    return entry


def _first_version(backend, key_name: str, started: float, found) -> float | None:
    """Give a tag without a version its first one; None if another process was first.

    A first version is negative (never a bump) and unique, so an entry stored
    before the tag key was lost can never match again. A value that is not a
    number (planted, or from another format) is dropped first, so it cannot stop
    the tag's responses from being cached for good.
    """
    if found is not None:
        backend.delete(key_name)
    first = -float(started)
    # add(): never overwrite a bump that another process just made.
    return first if backend.add(key_name, first, timeout=None) else None


def current_version(tag: str, started: float) -> float | None:
    """The tag's current version, creating a first one if it has none."""
    backend = reader()
    version = _get(backend, tag_key(tag))
    if isinstance(version, int | float):
        return float(version)
    first = _first_version(backend, tag_key(tag), started, version)
    if first is not None:
        return first
    version = _get(backend, tag_key(tag))
    return float(version) if isinstance(version, int | float) else None


def store(key: str, entry: CachedResponse, tags: set[str], started: float, timeout: int) -> bool:
    """Store unless a tag was bumped after (or just before) the render started."""
    backend = reader()
    keys = {tag: tag_key(tag) for tag in tags}
    current = _get_many(backend, list(keys.values()))
    versions = {}
    for tag, key_name in keys.items():
        version = current.get(key_name)
        if not isinstance(version, int | float):
            version = _first_version(backend, key_name, started, version)
            if version is None:
                return False
        elif version >= started - CLOCK_MARGIN:
            return False
        versions[tag] = float(version)
    entry.versions = versions
    backend.set(entry_key(key), entry.to_json(), timeout=timeout)
    return True


def bump(tags) -> None:
    """Make every entry carrying any of ``tags`` stale (a write only: fine on both tiers)."""
    tags = set(tags)
    if not tags:
        return
    now = time.time()
    cache().set_many({tag_key(tag): now for tag in tags}, timeout=None)


def clear() -> None:
    cache().clear()
