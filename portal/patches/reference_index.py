"""The one use of Wagtail's private ReferenceIndex._get_base_content_type.

Registry entry: "reference-index-base-type" (portal/patches/registry.py).
"""

from wagtail.models import ReferenceIndex


def base_content_type(model):
    """The content type the reference index files `model`'s references under.

    The index stores references to a page under the base ``Page`` content type,
    not the specific one; Wagtail has no public way to ask which that is.
    """
    return ReferenceIndex._get_base_content_type(model)
