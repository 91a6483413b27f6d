-- Database roles for the intake database (PostgreSQL). See docs/deploy.md.
--
-- Run as the owner of the intake database, after
--   DJANGO_SETTINGS_MODULE=portal.settings.staff manage.py migrate --database=intake
-- (migrations run as the owner, never as these roles). It can be re-run: roles are
-- created only if missing, and every privilege is revoked and granted again. Then set
-- passwords:
--   ALTER ROLE intake_public PASSWORD '...';  ALTER ROLE intake_staff PASSWORD '...';
--
-- intake_public: the public tier. It may only INSERT sealed submissions. It
--   cannot read one back (no SELECT, so not even INSERT ... RETURNING), change
--   one, or delete one, and it cannot touch 相談票 or the audit log.
-- intake_staff: the staff tier. It reads, re-seals (UPDATE) and purges (DELETE)
--   sealed data, and writes 相談票. The audit log is append-only: INSERT and
--   SELECT, never UPDATE or DELETE.

DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'intake_public') THEN
        CREATE ROLE intake_public LOGIN;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'intake_staff') THEN
        CREATE ROLE intake_staff LOGIN;
    END IF;
END
$$;

REVOKE ALL ON intake_vault_sealedsubmission, intake_vault_sealedconsultationrecord,
    intake_vault_auditentry FROM PUBLIC, intake_public, intake_staff;
GRANT USAGE ON SCHEMA public TO intake_public, intake_staff;

GRANT INSERT ON intake_vault_sealedsubmission TO intake_public;

GRANT SELECT, UPDATE, DELETE ON intake_vault_sealedsubmission TO intake_staff;
GRANT SELECT, INSERT, UPDATE, DELETE ON intake_vault_sealedconsultationrecord TO intake_staff;
GRANT SELECT, INSERT ON intake_vault_auditentry TO intake_staff;
