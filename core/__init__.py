"""Pieces that more than one app uses: content blocks and their template filters.

Core sits under the other apps and imports none of them, so an app can use a shared
block without importing another app (docs/architecture.md, "Apps").
"""
