"""Role groups and the approval workflow: editors draft, only approval publishes."""

from django.contrib.auth.models import Group

from wagtail.models import Locale, Page

import pytest

from home.models import ContentPage, HomePage
from portal.accounts import roles
from tests.accounts.factories import StaffUserFactory
from tests.accounts.login import login_verified

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(demo_site):
    home = HomePage.objects.get(locale=Locale.objects.get(language_code="ja"))
    page = ContentPage(title="承認テスト", slug="approval-test", body=[], live=False)
    home.add_child(instance=page)
    page.save_revision()
    return page


def test_every_role_group_exists_with_access_where_it_needs_it(demo_site):
    names = set(Group.objects.values_list("name", flat=True))
    assert set(roles.ROLES) <= names
    editor = StaffUserFactory(username="e1", groups=[roles.EDITORS])
    consultant = StaffUserFactory(username="c1", groups=[roles.CONSULTANTS])
    admin = StaffUserFactory(username="a1", groups=[roles.ADMINISTRATORS])
    assert editor.has_perm("wagtailadmin.access_admin")
    assert not consultant.has_perm("wagtailadmin.access_admin")
    assert admin.has_perm("auth.change_user")
    assert admin.has_perm("accounts.view_staffauditentry")
    assert not editor.has_perm("auth.change_user")
    assert not editor.has_perm("accounts.view_staffauditentry")


def test_both_home_pages_use_the_approval_workflow(demo_site):
    for home in Page.get_first_root_node().get_children():
        workflow = home.specific.get_workflow()
        assert workflow.name == roles.WORKFLOW_NAME
        task = workflow.tasks.get().specific
        assert list(task.groups.values_list("name", flat=True)) == [roles.APPROVERS]


def test_editor_can_draft_but_not_publish(draft):
    editor = StaffUserFactory(username="e2", groups=[roles.EDITORS])
    permissions = draft.permissions_for_user(editor)
    assert permissions.can_edit()
    assert not permissions.can_publish()


def test_editor_cannot_publish_a_revision_directly(draft):
    from wagtail.actions.publish_page_revision import PublishPagePermissionError

    editor = StaffUserFactory(username="e3", groups=[roles.EDITORS])
    with pytest.raises(PublishPagePermissionError):
        draft.get_latest_revision().publish(user=editor)
    draft.refresh_from_db()
    assert not draft.live


def test_editor_sees_submit_for_approval_but_no_publish_button(client, draft):
    editor = StaffUserFactory(username="e5", groups=[roles.EDITORS])
    login_verified(client, editor)
    html = client.get(f"/admin/pages/{draft.pk}/edit/").content.decode()
    assert 'name="action-submit"' in html
    assert 'name="action-publish"' not in html


def test_page_goes_live_only_after_an_approver_approves(draft):
    editor = StaffUserFactory(username="e4", groups=[roles.EDITORS])
    approver = StaffUserFactory(username="p4", groups=[roles.APPROVERS])
    workflow = draft.get_workflow()
    state = workflow.start(draft, editor)
    draft.refresh_from_db()
    assert not draft.live

    task_state = state.current_task_state
    task = task_state.task.specific
    assert task.get_actions(draft, editor) == []
    assert "approve" in [name for name, *_ in task.get_actions(draft, approver)]
    task.on_action(task_state, approver, "approve")
    draft.refresh_from_db()
    assert draft.live


def test_sync_roles_is_the_one_place_to_extend_a_role(demo_site, monkeypatch):
    monkeypatch.setitem(
        roles.ROLE_PERMISSIONS, roles.SCHEDULERS, ["wagtailadmin.access_admin", "auth.view_group"]
    )
    roles.sync_roles()
    scheduler = StaffUserFactory(username="s1", groups=[roles.SCHEDULERS])
    assert scheduler.has_perm("auth.view_group")


def test_scheduler_role_can_manage_venues_and_sessions_but_not_pages():
    from django.contrib.auth.models import Group

    from tests.accounts.factories import StaffUserFactory

    scheduler = StaffUserFactory(username="yotei", groups=["スケジュール担当"])
    assert scheduler.has_perm("schedule.add_touringsession")
    assert scheduler.has_perm("schedule.cancel_touringsession")
    assert scheduler.has_perm("schedule.change_venue")
    assert not scheduler.has_perm("wagtailcore.publish_page")
    assert Group.objects.get(name="スケジュール担当").permissions.count() >= 10
