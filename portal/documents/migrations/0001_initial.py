from django.db import migrations, models


def create_private_collection(apps, schema_editor):
    from portal.documents.policy import private_collection

    private_collection(
        apps.get_model("wagtailcore", "Collection"),
        apps.get_model("wagtailcore", "CollectionViewRestriction"),
    )


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("wagtailcore", "0098_apitoken"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [
        migrations.CreateModel(
            name="DocumentPolicy",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
            ],
            options={
                "permissions": [
                    ("publish_spreadsheet_document", "表計算ファイル（様式など）を公開できる")
                ],
                "managed": False,
                "default_permissions": (),
            },
        ),
        migrations.RunPython(create_private_collection, migrations.RunPython.noop),
    ]
