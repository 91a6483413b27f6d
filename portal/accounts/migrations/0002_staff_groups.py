"""Create the staff role groups. Their permissions and the approval workflow are added by
portal.accounts.roles.sync_roles() after every migrate, once all permissions exist."""

from django.db import migrations

ROLES = ("編集者", "承認者", "スケジュール担当", "相談受付担当", "相談員", "管理者")


def create_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name in ROLES:
        Group.objects.get_or_create(name=name)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_staff_audit"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_groups, migrations.RunPython.noop)]
