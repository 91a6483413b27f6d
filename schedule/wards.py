"""The city's wards and which ones are near each other.

The neighbour order comes from schedule/demo/wards.json (nearest first); it is
data about the city, not demo content, so it is kept here in code.
"""

from django.utils.translation import gettext_lazy as _

WARD_CHOICES = [
    ("chuo", _("中央区")),
    ("kita", _("北区")),
    ("higashi", _("東区")),
    ("minami", _("南区")),
    ("nishi", _("西区")),
    ("minato", _("港区")),
]
WARD_LABELS = dict(WARD_CHOICES)

NEIGHBOURS = {
    "chuo": ("higashi", "kita", "nishi", "minami", "minato"),
    "kita": ("chuo", "nishi", "higashi", "minato", "minami"),
    "higashi": ("chuo", "minato", "minami", "kita", "nishi"),
    "minami": ("minato", "chuo", "higashi", "nishi", "kita"),
    "nishi": ("chuo", "kita", "minami", "higashi", "minato"),
    "minato": ("higashi", "minami", "chuo", "kita", "nishi"),
}


def wards_by_distance(ward: str) -> list[str]:
    """``ward`` itself, then its neighbours nearest first."""
    if ward not in NEIGHBOURS:
        raise ValueError(f"unknown ward: {ward!r}")
    return [ward, *NEIGHBOURS[ward]]
