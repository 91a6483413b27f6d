"""Where the public booking form lives and how a test reads its form token."""

import re

TOKEN_RE = re.compile(r'name="form_token" value="([^"]+)"')


def book_url(slot, lang=""):
    return f"{'/' + lang if lang else ''}/book/{slot.pk}/"
