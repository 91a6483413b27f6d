"""A memo per synonym rule, and the everyday-words dictionary's default rules.

The defaults come from search/dictionary/default_everyday.csv. A rule is added when no
row has its key (direction and normalised first word). A row with the key is left as
it is, unless it is still exactly the first default of migration 0002 (staff never
edited it): then it takes the new default's words. Rows are never duplicated, and a
row staff edited is never overwritten. `manage.py load_search_dictionary` does the
same later, when the file grows.
"""

from django.db import migrations, models


def seed(apps, schema_editor):
    from search.dictionary.seeding import add_default_rules
    from search.synonyms.stored import invalidate

    add_default_rules(apps.get_model("portal_search", "SynonymGroup"))
    invalidate()


class Migration(migrations.Migration):
    dependencies = [("portal_search", "0005_searchquerystat_click_count")]

    operations = [
        migrations.AddField(
            model_name="synonymgroup",
            name="note",
            field=models.CharField(
                blank=True,
                help_text="この規則の出典や理由（例: 日常語、通称、読み、相談窓口で聞いた言い方）。",
                max_length=200,
                verbose_name="メモ",
            ),
        ),
        migrations.AlterField(
            model_name="synonymgroup",
            name="terms",
            field=models.TextField(
                help_text=(
                    "読点（、）・カンマ・改行で区切って入力します。1語にスペースは入れません。"
                    "一方向のときは、最初の語で検索すると残りの語も探します（逆はしません）。"
                    "例: 「パソコン、IT導入、ITツール」（お客さまの言葉を先に、正式な言葉を後に）。"
                    "よく使う語（支援、事業など）を後ろに置くと、何でも見つかってしまうので避けます。"
                ),
                verbose_name="語",
            ),
        ),
        migrations.RunPython(seed, migrations.RunPython.noop),
    ]
