from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class SearchConfig(AppConfig):
    name = "search"
    label = "portal_search"
    verbose_name = "サイト内検索"

    def ready(self):
        from . import registry
        from .models import SynonymGroup
        from .synonyms.stored import invalidate

        post_save.connect(invalidate, sender=SynonymGroup, dispatch_uid="search-synonyms-save")
        post_delete.connect(invalidate, sender=SynonymGroup, dispatch_uid="search-synonyms-delete")
        registry.register_pages()
