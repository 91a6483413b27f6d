"""Seed the synonyms staff can edit with the defaults shipped in search.synonyms.defaults."""

from django.db import migrations


def seed(apps, schema_editor):
    from search.synonyms.defaults import ONE_WAY, TWO_WAY

    SynonymGroup = apps.get_model("portal_search", "SynonymGroup")
    if SynonymGroup.objects.exists():
        return
    rows = [("two_way", head, others) for head, others in TWO_WAY]
    rows += [("one_way", head, others) for head, others in ONE_WAY]
    SynonymGroup.objects.bulk_create(
        SynonymGroup(direction=direction, terms="、".join([head, *others]))
        for direction, head, others in rows
    )


def unseed(apps, schema_editor):
    apps.get_model("portal_search", "SynonymGroup").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("portal_search", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
