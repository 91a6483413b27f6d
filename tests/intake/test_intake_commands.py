"""manage.py intake_keys and reconcile_intake; the public tier's refusal of private keys."""

import os
import uuid
from io import StringIO

from django.core.management import call_command
from django.core.management.base import CommandError

import pytest

from intake import tier_keys
from intake.crypto.keys import KeyConfigurationError, write_keypair
from intake.crypto.sealing import open_sealed, seal
from intake.models import Reservation
from intake.vault.models import SealedConsultationRecord, SealedSubmission
from tests.intake.booking_pages import book_url
from tests.intake.factories import BookingFormFactory, open_slot
from tests.processes import start_django
from tests.tiers import use_tier


def start_tier(tier, tmp_path, **env_overrides):
    env = {k: v for k, v in os.environ.items() if not k.startswith("INTAKE_")}
    env.update(PORTAL_ENV="dev", PORTAL_DATA_DIR=str(tmp_path))
    env.update(env_overrides)
    return start_django(tier, env)


def test_public_tier_refuses_to_start_with_a_private_key(tmp_path):
    _kid, public_path, private_path = write_keypair(tmp_path)
    given = start_tier("public", tmp_path, INTAKE_PRIVATE_KEY_FILES=str(private_path))
    assert given.returncode != 0
    assert "must not be given a private key" in given.stderr
    assert private_path.read_text().strip() not in given.stderr
    beside = start_tier("public", tmp_path, INTAKE_PUBLIC_KEY_FILE=str(public_path))
    assert beside.returncode != 0
    assert "can read private key files next to its public key" in beside.stderr
    # The staff tier may hold it; the public tier starts with the public key alone.
    assert start_tier("staff", tmp_path, INTAKE_KEY_DIR=str(tmp_path)).returncode == 0
    public_only = tmp_path / "public-only"
    public_only.mkdir()
    (public_only / public_path.name).write_text(public_path.read_text())
    ok = start_tier("public", tmp_path, INTAKE_PUBLIC_KEY_FILE=str(public_only / public_path.name))
    assert ok.returncode == 0, ok.stderr


def test_private_keyring_is_refused_on_the_public_tier(intake_keys):
    with pytest.raises(KeyConfigurationError):
        tier_keys.private_keyring()
    with use_tier("staff"):
        assert len(tier_keys.private_keyring()) == 1


def test_ensure_dev_creates_a_pair_once(tmp_path, settings):
    settings.INTAKE_DEV_KEY_DIR = tmp_path / "keys"
    out = StringIO()
    call_command("intake_keys", "ensure-dev", stdout=out)
    call_command("intake_keys", "ensure-dev", stdout=out)
    files = sorted(p.suffix for p in (tmp_path / "keys").iterdir())
    assert files == [".key", ".pub"]
    assert "Created" in out.getvalue() and "present" in out.getvalue()
    assert oct((tmp_path / "keys").stat().st_mode & 0o777) == "0o700"


@pytest.mark.django_db(databases=["default", "intake"])
def test_rotate_then_reseal_moves_old_payloads_to_the_new_key(intake_keys, settings):
    old = tier_keys.public_keyring()
    submission = SealedSubmission(kid=old.kid, ciphertext=seal({"n": 1}, old).ciphertext)
    submission.save(force_insert=True, using="intake")
    record_blob = seal({"notes": "x"}, old)
    SealedConsultationRecord.objects.using("intake").create(
        submission_id=submission.id, kid=record_blob.kid, ciphertext=record_blob.ciphertext
    )
    os.utime(next(intake_keys.glob("*.pub")), (1, 1))  # make the old key clearly older
    call_command("intake_keys", "rotate", stdout=StringIO())
    new = tier_keys.public_keyring()
    assert new.kid != old.kid
    with pytest.raises(CommandError):
        call_command("intake_keys", "reseal", stdout=StringIO())  # public tier: no
    with use_tier("staff"):
        dry = StringIO()
        call_command("intake_keys", "reseal", "--dry-run", stdout=dry)
        assert "SealedSubmission: 1 to re-seal" in dry.getvalue()
        call_command("intake_keys", "reseal", stdout=StringIO())
        private = tier_keys.private_keyring()
        row = SealedSubmission.objects.using("intake").get()
        assert row.kid == new.kid
        assert open_sealed(row.blob(), private) == {"n": 1}
        assert SealedConsultationRecord.objects.using("intake").get().kid == new.kid


@pytest.mark.django_db(databases=["default", "intake"])
@pytest.mark.usefixtures("booking_env")
def test_reconcile_reports_orphans_both_ways(client):
    slot = open_slot(capacity=3)
    client.post(book_url(slot), BookingFormFactory(slot=slot))
    lost = Reservation.objects.get()
    SealedSubmission.objects.using("intake").filter(pk=lost.submission_id).delete()
    stray = SealedSubmission(kid="k" * 16, ciphertext=b"x")
    stray.save(force_insert=True, using="intake")
    out = StringIO()
    with use_tier("staff"), pytest.raises(SystemExit) as exit_info:
        call_command("reconcile_intake", stdout=out)
    assert exit_info.value.code == 1
    text = out.getvalue()
    assert f"Reservations without a sealed submission: 1\n  {lost.reference}" in text
    assert f"Sealed submissions without a reservation: 1\n  {stray.id}" in text
    # A purged payload is not an orphan.
    Reservation.objects.update(payload_purged_at=lost.created_at)
    SealedSubmission.objects.using("intake").filter(pk=stray.pk).delete()
    clean = StringIO()
    with use_tier("staff"):
        call_command("reconcile_intake", stdout=clean)
    assert "without a sealed submission: 0" in clean.getvalue()
    assert str(uuid.UUID(int=0)) not in clean.getvalue()
