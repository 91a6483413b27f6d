"""TOTP seeds are stored sealed under the staff OTP key, backup codes as keyed hashes.

Also: the data migration from django-otp's plain models, the key's tiers
(the public tier refuses it, the production staff tier needs it), rotation.
"""

import base64
import importlib
import os
import stat
from io import StringIO
from types import SimpleNamespace

from django.apps import apps
from django.core.management import call_command
from django.db import connection

import pytest
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal.accounts import devices, otpkeys
from portal.accounts.models import BackupCode, BackupCodeDevice, EncryptedTOTPDevice
from tests.accounts.factories import StaffUserFactory
from tests.accounts.login import current_code, post_login, totp_device
from tests.portal.test_security_headers import production_env
from tests.processes import start_django
from tests.tiers import use_tier

pytestmark = pytest.mark.django_db

OTHER_KEY = base64.b64encode(b"another-staff-otp-key-32-bytes!!").decode()


def seed_forms(seed: bytes) -> set[str]:
    """Every text form in which a seed could sit in a column or a dump."""
    b32 = base64.b32encode(seed).decode()
    b64 = base64.b64encode(seed).decode()
    forms = {seed.hex(), b32, b32.rstrip("="), b64, b64.rstrip("=")}
    forms |= {form.lower() for form in forms} | {form.upper() for form in forms}
    forms |= {base64.urlsafe_b64encode(seed).decode()}
    return forms


def whole_database_dump() -> list[tuple[str, object]]:
    """Every value of every table of the default database, as raw SQL returns it."""
    values = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            values += [(table, value) for row in cursor.fetchall() for value in row]
    return values


def assert_seed_absent_from_the_database(seed: bytes):
    forms = seed_forms(seed)
    for table, value in whole_database_dump():
        if isinstance(value, bytes | memoryview):
            assert seed not in bytes(value), table
            value = bytes(value).decode("latin-1")
        text = str(value)
        assert not any(form in text for form in forms), table


def test_no_table_holds_the_seed_in_hex_base32_base64_or_bytes(staff_user):
    device = totp_device(staff_user)
    with use_tier("staff"):
        seed = device.bin_key
    assert len(seed) == 20
    assert_seed_absent_from_the_database(seed)
    # The provisioning secret of the enrolment page is still the seed: the test can fail.
    with use_tier("staff"):
        assert devices.base32_secret(device) in seed_forms(seed)


def test_stored_seed_is_versioned_and_names_its_key():
    with use_tier("staff"):
        user = StaffUserFactory(username="sato")
        stored = totp_device(user).sealed_key
        version, kid, _body = stored.split("$")
        assert (version, kid) == ("v1", otpkeys.keyring().current.kid)


def test_a_seed_copied_to_another_users_row_does_not_decrypt(staff_user):
    other = StaffUserFactory(username="suzuki")
    with use_tier("staff"):
        sealed = totp_device(staff_user).sealed_key
        stolen = totp_device(other)
        stolen.sealed_key = sealed
        with pytest.raises(otpkeys.SealedSeedError):
            _ = stolen.bin_key
        assert not stolen.verify_token(current_code(totp_device(staff_user)))
        # Nor does it open relabelled with another key id, or with one byte changed.
        _v, _kid, body = sealed.split("$")
        with pytest.raises(otpkeys.SealedSeedError):
            otpkeys.open_seed(f"v1$00000000${body}", staff_user.pk)
        raw = bytearray(base64.b64decode(body))
        raw[-1] ^= 1
        altered = f"v1${_kid}${base64.b64encode(bytes(raw)).decode()}"
        with pytest.raises(otpkeys.SealedSeedError):
            otpkeys.open_seed(altered, staff_user.pk)
        assert otpkeys.open_seed(sealed, staff_user.pk) == totp_device(staff_user).bin_key


def test_login_with_a_totp_code_is_verified_by_the_sealed_device(client, staff_user):
    response = post_login(client, "tanaka", code=current_code(totp_device(staff_user)))
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200
    assert client.session["otp_device_id"] == totp_device(staff_user).persistent_id


def test_backup_code_is_stored_hashed_and_logs_in_once_only(client, staff_user):
    codes = devices.issue_backup_codes(staff_user)
    stored = " ".join(BackupCode.objects.values_list("code_hash", flat=True))
    assert not any(code in stored for code in codes)
    dump = " ".join(str(value) for _table, value in whole_database_dump())
    assert not any(code in dump for code in codes)

    assert post_login(client, "tanaka", code=codes[3]).status_code == 302
    assert client.get("/admin/").status_code == 200
    client.post("/account/logout/")
    assert post_login(client, "tanaka", code=codes[3]).status_code == 401
    assert BackupCode.objects.filter(device__user=staff_user).count() == len(codes) - 1


def test_a_backup_code_of_one_user_does_not_log_in_another(client, staff_user):
    other = StaffUserFactory(username="suzuki")
    with use_tier("staff"):
        code = devices.issue_backup_codes(other)[0]
        devices.issue_backup_codes(staff_user)
    assert post_login(client, "tanaka", code=code).status_code == 401


def test_the_public_tier_cannot_load_the_key():
    with use_tier("public"), pytest.raises(otpkeys.StaffOTPKeyError):
        otpkeys.keyring()


def load_migration():
    return importlib.import_module("portal.accounts.migrations.0004_move_plain_otp_secrets")


def test_data_migration_seals_plain_seeds_hashes_tokens_and_deletes_the_plain_rows(client):
    user = StaffUserFactory(username="kato", enrolled=False)
    seed = os.urandom(20)
    TOTPDevice.objects.create(user=user, name="totp", key=seed.hex(), confirmed=True, drift=1)
    static = StaticDevice.objects.create(user=user, name="backup", confirmed=True)
    StaticToken.objects.bulk_create(
        StaticToken(device=static, token=token) for token in ("abcdefghjk", "mnpqrstuvw")
    )

    with pytest.raises(AssertionError):  # the dump check does find a plain seed
        assert_seed_absent_from_the_database(seed)

    with use_tier("staff"):
        load_migration().move_plain_rows(apps, SimpleNamespace(connection=connection))

    assert not TOTPDevice.objects.exists()
    assert not StaticDevice.objects.exists()
    assert not StaticToken.objects.exists()
    moved = EncryptedTOTPDevice.objects.get(user=user)
    assert (moved.name, moved.confirmed, moved.drift) == ("totp", True, 1)
    assert BackupCodeDevice.objects.get(user=user).codes.count() == 2
    assert_seed_absent_from_the_database(seed)
    dump = " ".join(str(value) for _table, value in whole_database_dump())
    assert "abcdefghjk" not in dump

    # The user's authenticator app and remaining codes keep working.
    with use_tier("staff"):
        assert moved.bin_key == seed
    assert post_login(client, "kato", code=current_code(moved)).status_code == 302
    client.post("/account/logout/")
    assert post_login(client, "kato", code="mnpqrstuvw").status_code == 302


def test_data_migration_without_plain_rows_needs_no_key():
    with use_tier("public"):  # no key here: nothing to move, nothing asked
        load_migration().move_plain_rows(apps, SimpleNamespace(connection=connection))


def test_rotation_reseals_seeds_and_keeps_old_backup_codes_while_the_old_key_stays(
    client, staff_user, settings
):
    with use_tier("staff"):
        codes = devices.issue_backup_codes(staff_user)
        old_kid = otpkeys.keyring().current.kid
    # Other tests' fixtures (a loaded demo, say) may have left devices: count them all.
    seeds = EncryptedTOTPDevice.objects.count()
    settings.STAFF_OTP_KEYS = [OTHER_KEY, *settings.STAFF_OTP_KEYS]
    with use_tier("staff"):
        new_kid = otpkeys.keyring().current.kid
        out = StringIO()
        call_command("staff_otp_key", "reseal", stdout=out)
        assert f"re-sealed {seeds} TOTP seed(s)" in out.getvalue()
        assert otpkeys.sealed_kid(totp_device(staff_user).sealed_key) == new_kid
        status = StringIO()
        call_command("staff_otp_key", "status", stdout=status)
    assert f"{new_kid} (current): {seeds} TOTP seed(s), 0 backup code(s)" in status.getvalue()
    assert f"{old_kid} (old): 0 TOTP seed(s), 10 backup code(s)" in status.getvalue()
    assert OTHER_KEY not in status.getvalue() + out.getvalue()
    assert (
        post_login(client, "tanaka", code=current_code(totp_device(staff_user))).status_code == 302
    )
    client.post("/account/logout/")
    assert post_login(client, "tanaka", code=codes[0]).status_code == 302
    client.post("/account/logout/")

    # Once the old key is gone the re-sealed seed still opens; the old codes no longer work.
    settings.STAFF_OTP_KEYS = [OTHER_KEY]
    with use_tier("staff"):
        assert len(totp_device(staff_user).bin_key) == 20
    assert post_login(client, "tanaka", code=codes[1]).status_code == 401


def test_ensure_dev_creates_a_private_key_file_once(tmp_path, settings):
    settings.STAFF_OTP_DEV_KEY_FILE = tmp_path / "keys" / "staff-otp.secret"
    call_command("staff_otp_key", "ensure-dev", stdout=StringIO())
    key = settings.STAFF_OTP_DEV_KEY_FILE.read_text()
    assert stat.S_IMODE(settings.STAFF_OTP_DEV_KEY_FILE.stat().st_mode) == 0o600
    assert len(base64.b64decode(key.strip())) == 32
    call_command("staff_otp_key", "ensure-dev", stdout=StringIO())
    assert settings.STAFF_OTP_DEV_KEY_FILE.read_text() == key
    settings.STAFF_OTP_KEYS = None
    with use_tier("staff"):
        assert otpkeys.keyring().current == otpkeys.parse_keys(key)[0]


def start(tier, env):
    return start_django(tier, env)


def dev_env(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("STAFF_OTP_", "DJANGO_"))}
    return {**env, "PORTAL_ENV": "dev", "PORTAL_DATA_DIR": str(tmp_path)}


@pytest.mark.parametrize("environment", ["dev", "production"])
def test_the_public_tier_refuses_to_start_with_the_staff_otp_key(tmp_path, environment):
    env = production_env(tmp_path) if environment == "production" else dev_env(tmp_path)
    key_file = tmp_path / "staff-otp.secret"
    key_file.write_text(OTHER_KEY)
    for given in ({"STAFF_OTP_KEY": OTHER_KEY}, {"STAFF_OTP_KEY_FILE": str(key_file)}):
        result = start("public", {**env, **given})
        assert result.returncode != 0
        assert "The public tier must never hold the staff OTP key" in result.stderr
        assert OTHER_KEY not in result.stderr
    assert start("public", env).returncode == 0


def test_the_production_staff_tier_requires_a_valid_staff_otp_key(tmp_path):
    env = production_env(tmp_path)
    missing = start("staff", env)
    assert missing.returncode != 0
    assert "needs STAFF_OTP_KEY or STAFF_OTP_KEY_FILE" in missing.stderr
    short = start("staff", {**env, "STAFF_OTP_KEY": base64.b64encode(b"short").decode()})
    assert short.returncode != 0
    assert "32 bytes" in short.stderr
    given = start("staff", {**env, "STAFF_OTP_KEY": OTHER_KEY})
    assert given.returncode == 0, given.stderr[-2000:]
