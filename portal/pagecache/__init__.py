"""The public tier's page cache: anonymous GETs stored in the shared cache, tagged.

See docs/performance.md. ``store`` keeps responses and tag versions,
``middleware`` looks up and stores, ``tags`` says which tags a response
carries, ``invalidation`` turns staff-side changes into tag bumps and CDN purges.
"""
