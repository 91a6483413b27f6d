"""Staff users for every staff-tier test: roles (groups) and a verified TOTP device.

``StaffUserFactory(username="tanaka", groups=[roles.EDITORS])`` is an enrolled editor;
``superuser=True`` makes a superuser, ``enrolled=False`` leaves out the device. The role
factories below give each role a default username (the one its tests log in as).
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

import factory
from factory.django import DjangoModelFactory

from portal.accounts import devices, roles
from tests.tiers import use_tier

PASSWORD = "correct horse battery staple 2026"


def _add_groups(user, names):
    for name in names or ():
        user.groups.add(Group.objects.get(name=name))


def _role(name):
    """The ``groups`` declaration of a role factory: that role unless groups= says otherwise."""
    return factory.PostGeneration(
        lambda user, create, extracted, **kwargs: _add_groups(
            user, [name] if extracted is None else extracted
        )
    )


class StaffUserFactory(DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    class Params:
        superuser = factory.Trait(is_superuser=True)

    username = factory.Sequence(lambda n: f"t-staff-{n}")
    password = PASSWORD
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.jp")
    is_staff = True
    is_superuser = False

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return cls._get_manager(model_class).create_user(*args, **kwargs)

    @factory.post_generation
    def groups(user, create, extracted, **kwargs):
        _add_groups(user, extracted)

    @factory.post_generation
    def enrolled(user, create, extracted, **kwargs):
        """A confirmed TOTP device unless enrolled=False."""
        if create and extracted is not False:
            with use_tier("staff"):  # only the staff tier holds the key that seals the seed
                devices.provision_totp(user)


class IntakeClerkFactory(StaffUserFactory):
    username = "t-clerk"
    groups = _role(roles.INTAKE_STAFF)


class ConsultantFactory(StaffUserFactory):
    username = "t-consultant"
    groups = _role(roles.CONSULTANTS)


class AdministratorFactory(StaffUserFactory):
    username = "t-admin"
    groups = _role(roles.ADMINISTRATORS)


class EditorFactory(StaffUserFactory):
    username = "t-editor"
    groups = _role(roles.EDITORS)


class ApproverFactory(StaffUserFactory):
    username = "t-approver"
    groups = _role(roles.APPROVERS)


class SchedulerFactory(StaffUserFactory):
    username = "t-scheduler"
    groups = _role(roles.SCHEDULERS)
