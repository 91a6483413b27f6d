"""Where this project replaces or restates Wagtail, wagtail-localize, modelsearch or
Django internals.

Every such patch is listed in `registry.PATCHES`, with the version of the package it
was written for; `checks.check_framework_patches` (a system check, portal.E101/E102)
fails when the installed version differs or a listed location is gone.  Patches that
must live in their app (the search backend's subclasses, a migration) stay there and
are listed here; the monkey-patches themselves live in this package.  See
docs/architecture.md, "Framework patches".
"""
