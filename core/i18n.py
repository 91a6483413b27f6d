"""Site paths in the active language: Japanese at `/`, English under `/en/`.

Views of several apps build links this way (feeds, search, schedule search sources,
the booking flow); the template tag `{% lpath %}` (portal_tags) wraps the same function.
"""

from django.conf import settings
from django.utils.translation import get_language


def localized_path(path: str, language: str | None = None) -> str:
    """Prefix a site path with /en/ when the language is not the default one."""
    language = language or get_language() or settings.LANGUAGE_CODE
    if language == settings.LANGUAGE_CODE:
        return path
    return f"/{language}{path}"
