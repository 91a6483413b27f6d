"""Public-tier URLs of the measures app that are not Wagtail pages (mounted under i18n_patterns)."""

urlpatterns = []
