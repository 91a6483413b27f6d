"""Every UI string is translated into English: no empty or fuzzy entry in any catalogue."""

from django.conf import settings

import polib
import pytest

from portal.management.commands.compile_translations import catalogues

CATALOGUES = list(catalogues(settings.BASE_DIR))


def test_there_is_an_english_catalogue_for_the_site_chrome():
    assert settings.BASE_DIR / "locale" / "en" / "LC_MESSAGES" / "django.po" in CATALOGUES


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: str(p.relative_to(settings.BASE_DIR)))
def test_catalogue_is_complete(path):
    po = polib.pofile(str(path))
    missing = [e.msgid for e in po.untranslated_entries()]
    fuzzy = [e.msgid for e in po.fuzzy_entries()]
    assert not missing, f"untranslated: {missing[:10]}"
    assert not fuzzy, f"fuzzy: {fuzzy[:10]}"
