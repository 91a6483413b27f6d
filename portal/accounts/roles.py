"""Staff roles: groups, their permissions and the approval workflow, kept in one place.

`ROLE_PERMISSIONS` lists model permissions ("app_label.codename") per group,
`ROLE_PAGE_PERMISSIONS` Wagtail page permissions granted on the root page (so they
cover the home page of every locale), and `ROLE_COLLECTION_PERMISSIONS` image and
document permissions on the root collection. A later app extends a role by adding
its codenames here; `sync_roles()` runs after every `migrate` (and in the demo
loader) and adds what is missing. It never removes a permission an administrator
granted by hand. The role matrix is documented in docs/roles.md.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction

from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

EDITORS = "編集者"
APPROVERS = "承認者"
SCHEDULERS = "スケジュール担当"
INTAKE_STAFF = "相談受付担当"
CONSULTANTS = "相談員"
ADMINISTRATORS = "管理者"

ROLES = (EDITORS, APPROVERS, SCHEDULERS, INTAKE_STAFF, CONSULTANTS, ADMINISTRATORS)

_CONTENT = [
    "wagtailadmin.access_admin",
    "home.add_centerinfo",
    "home.change_centerinfo",
    "home.view_centerinfo",
]

_MEASURE_TAXONOMY = ["measures.add_purpose", "measures.change_purpose", "measures.view_purpose"]

# The everyday-words dictionary of site search (検索の辞書, with its CSV import and export).
_SEARCH_DICTIONARY = [
    "portal_search.add_synonymgroup",
    "portal_search.change_synonymgroup",
    "portal_search.view_synonymgroup",
]

ROLE_PERMISSIONS: dict[str, list[str]] = {
    EDITORS: [*_CONTENT, *_MEASURE_TAXONOMY, *_SEARCH_DICTIONARY],
    # Approvers may import measures (the import can publish), see measures/admin_views.py.
    APPROVERS: [
        *_CONTENT,
        *_MEASURE_TAXONOMY,
        *_SEARCH_DICTIONARY,
        "home.delete_centerinfo",
        "measures.delete_purpose",
        "portal_search.delete_synonymgroup",
        "measures.add_measurepage",
        # Spreadsheets (様式) may be published on purpose (portal/documents/forms.py).
        "portal_documents.publish_spreadsheet_document",
    ],
    SCHEDULERS: [
        "wagtailadmin.access_admin",
        *(
            f"schedule.{action}_{model}"
            for model in ("venue", "touringsession")
            for action in ("add", "change", "delete", "view")
        ),
        "schedule.cancel_touringsession",
    ],
    # The intake console (intake/access.py): no Wagtail admin for these two roles.
    INTAKE_STAFF: [
        "intake.view_all_bookings",
        "intake.export_bookings",
        "intake.cancel_booking",
        "intake.view_intake_stats",
    ],
    CONSULTANTS: [
        "intake.view_assigned_bookings",
        "intake.record_consultation",
    ],
    ADMINISTRATORS: [
        "wagtailadmin.access_admin",
        "auth.add_user",
        "auth.change_user",
        "auth.view_user",
        "auth.add_group",
        "auth.change_group",
        "auth.view_group",
        "home.change_sitesettings",
        "wagtailcore.add_site",
        "wagtailcore.change_site",
        "wagtailcore.view_site",
        "wagtailcore.add_locale",
        "wagtailcore.change_locale",
        "wagtailcore.view_locale",
        "accounts.view_staffauditentry",
        "accounts.reset_staff_device",
        "intake.view_all_bookings",
        "intake.export_bookings",
        "intake.record_consultation",
        "intake.cancel_booking",
        "intake.view_intake_stats",
        "intake_vault.view_auditentry",
        "portal_documents.publish_spreadsheet_document",
    ],
}

ROLE_PAGE_PERMISSIONS: dict[str, list[str]] = {
    EDITORS: ["add_page", "change_page"],
    APPROVERS: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
}

ROLE_COLLECTION_PERMISSIONS: dict[str, list[str]] = {
    EDITORS: [
        "wagtailimages.add_image",
        "wagtailimages.change_image",
        "wagtailimages.choose_image",
        "wagtaildocs.add_document",
        "wagtaildocs.change_document",
        "wagtaildocs.choose_document",
    ],
    APPROVERS: [
        "wagtailimages.add_image",
        "wagtailimages.change_image",
        "wagtailimages.choose_image",
        "wagtaildocs.add_document",
        "wagtaildocs.change_document",
        "wagtaildocs.choose_document",
    ],
}

WORKFLOW_NAME = "承認ワークフロー"
TASK_NAME = "承認者による承認"


def _permission(dotted: str) -> Permission | None:
    app_label, codename = dotted.split(".", 1)
    return Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()


def _page_permission(codename: str) -> Permission:
    return Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)


@transaction.atomic
def sync_roles() -> dict[str, Group]:
    """Create the groups and add their missing permissions; set up the workflow."""
    groups = {name: Group.objects.get_or_create(name=name)[0] for name in ROLES}
    for name, codenames in ROLE_PERMISSIONS.items():
        permissions = [p for p in map(_permission, codenames) if p is not None]
        groups[name].permissions.add(*permissions)

    root_page = Page.get_first_root_node()
    if root_page is not None:
        for name, codenames in ROLE_PAGE_PERMISSIONS.items():
            for codename in codenames:
                GroupPagePermission.objects.get_or_create(
                    group=groups[name], page=root_page, permission=_page_permission(codename)
                )
    root_collection = Collection.get_first_root_node()
    if root_collection is not None:
        for name, codenames in ROLE_COLLECTION_PERMISSIONS.items():
            for permission in filter(None, map(_permission, codenames)):
                GroupCollectionPermission.objects.get_or_create(
                    group=groups[name], collection=root_collection, permission=permission
                )
    ensure_approval_workflow(groups[APPROVERS])
    return groups


def ensure_approval_workflow(approvers: Group):
    """One GroupApprovalTask for 承認者, on each locale's home page (the root's children).

    A page below a home page then needs an approver's approval to go live; an editor
    can only submit it. Wagtail's own "Moderators approval" on the root is overridden.
    """
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK_NAME)
    task.groups.add(approvers)
    # Through the model, not workflow.workflow_tasks: that cluster manager would not save.
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    root_page = Page.get_first_root_node()
    if root_page is None:
        return workflow
    for home in root_page.get_children():
        WorkflowPage.objects.update_or_create(page=home, defaults={"workflow": workflow})
    return workflow
