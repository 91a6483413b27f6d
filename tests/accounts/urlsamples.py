"""Every URL pattern of a URLconf, each with a concrete path that resolves to it."""

import re
import uuid

from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RegexPattern, RoutePattern

CONVERTER_SAMPLES = {
    "int": "1",
    "str": "sample",
    "slug": "sample",
    "path": "sample/path",
    "uuid": str(uuid.UUID(int=1)),
}
# Regex groups seen in Wagtail's admin URLconf, and a value each one accepts.
REGEX_SAMPLES = [
    (r"\d+", "1"),
    (r"[0-9]+", "1"),
    (r"[^/]+", "sample"),
    (r".+", "sample"),
    (r".*", "sample"),
    (r"[-\w]+", "sample"),
    (r"[\w-]+", "sample"),
    (r"\w+", "sample"),
    (r"[a-zA-Z0-9_\-]+", "sample"),
    (r"[\w\-]+", "sample"),
]


def _route_sample(route: str) -> str:
    def replace(match):
        converter = match.group(1) or "str"
        return CONVERTER_SAMPLES.get(converter, "1")

    return re.sub(r"<(?:(\w+):)?\w+>", replace, route)


def _regex_sample(regex: str) -> str:
    text = regex.lstrip("^").rstrip("$").replace(r"\Z", "")

    def replace(match):
        body = match.group(2)
        for group, sample in REGEX_SAMPLES:
            if body == group:
                return sample
        return "1"

    text = re.sub(r"\((\?P<\w+>)?((?:[^()]|\([^()]*\))*)\)", replace, text)
    text = text.replace(".*", "sample").replace(".+", "sample")
    return text.replace("\\", "").replace("?", "")


def _sample(pattern) -> str:
    if isinstance(pattern, RoutePattern):
        return _route_sample(str(pattern))
    if isinstance(pattern, RegexPattern):
        return _regex_sample(pattern.regex.pattern)
    return str(pattern)


def iter_url_patterns(resolver=None, prefix=""):
    """Yield (sample path, URLPattern) for every leaf pattern, recursively."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        sample = prefix + _sample(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from iter_url_patterns(pattern, sample)
        elif isinstance(pattern, URLPattern):
            yield "/" + sample, pattern
