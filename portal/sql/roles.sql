-- Database roles for the default database (PostgreSQL). See docs/deploy.md.
--
-- Run as a superuser or as the owner of the tables, after
--   DJANGO_SETTINGS_MODULE=portal.settings.staff manage.py migrate
-- (migrations run as the owner, never as these roles). Re-run it after every
-- release that migrates: it is idempotent (roles are created only if missing,
-- and every privilege is revoked and granted again). Then set passwords:
--   ALTER ROLE portal_public PASSWORD '...';  ALTER ROLE portal_staff PASSWORD '...';
--
-- portal_public: the public tier. An ALLOWLIST: SELECT on what the public site
--   reads (pages, sites, locales, collections, images, documents, redirects,
--   measures, schedule, the search index) and only the writes it makes: take or
--   give back a seat (Slot.taken), a Reservation and its cancellation, a search
--   statistics row, an image rendition. It cannot read auth_user, the OTP device
--   and token tables, django_session, the django-axes tables, the staff audit
--   log, page revisions or anything else not listed here. A table that a later
--   migration adds stays invisible to it until it is granted here (there are
--   deliberately no default privileges for portal_public).
-- portal_staff: the staff tier. Reads and writes every table (and, through the
--   default privileges below, every table a later migration adds), but the staff
--   audit log is append-only: INSERT and SELECT, never UPDATE or DELETE.
--   django_migrations is read-only (migrate runs as the owner).

DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'portal_public') THEN
        CREATE ROLE portal_public LOGIN;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'portal_staff') THEN
        CREATE ROLE portal_staff LOGIN;
    END IF;
END
$$;

-- Start from nothing, so a re-run also takes back what an earlier version granted.
-- (Revoking table privileges also revokes the column privileges.)
REVOKE ALL ON ALL TABLES IN SCHEMA public FROM PUBLIC, portal_public, portal_staff;
REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM PUBLIC, portal_public, portal_staff;
REVOKE CREATE ON SCHEMA public FROM PUBLIC, portal_public, portal_staff;
GRANT USAGE ON SCHEMA public TO portal_public, portal_staff;

-- portal_public: what the public site reads.
GRANT SELECT ON
    django_content_type,
    wagtailcore_locale,
    wagtailcore_site,
    wagtailcore_page,
    wagtailcore_collection,
    wagtailcore_pageviewrestriction,
    wagtailcore_pageviewrestriction_groups,
    wagtailcore_collectionviewrestriction,
    wagtailcore_collectionviewrestriction_groups,
    wagtailredirects_redirect,
    wagtaildocs_document,
    wagtailimages_image,
    wagtailimages_rendition,
    wagtailsearch_indexentry,
    home_homepage,
    home_contentpage,
    home_centerinfo,
    home_sitesettings,
    measures_measureindexpage,
    measures_measurepage,
    measures_purpose,
    measures_measurepurpose,
    measures_measureindustry,
    schedule_schedulepage,
    schedule_venue,
    schedule_touringsession,
    schedule_slot,
    portal_search_synonymgroup,
    portal_search_searchquerystat,
    intake_reservation
TO portal_public;

-- portal_public: the writes it makes, column by column where it updates.
GRANT UPDATE (taken) ON schedule_slot TO portal_public;
GRANT INSERT ON intake_reservation TO portal_public;
GRANT UPDATE (status, cancelled_by, cancelled_at) ON intake_reservation TO portal_public;
GRANT INSERT ON portal_search_searchquerystat TO portal_public;
-- click_count: the result-click beacon (search/clicks.py) adds to today's row, never inserts.
GRANT UPDATE (count, zero_result_count, click_count) ON portal_search_searchquerystat TO portal_public;
GRANT INSERT ON wagtailimages_rendition TO portal_public;
GRANT USAGE ON SEQUENCE
    intake_reservation_id_seq,
    portal_search_searchquerystat_id_seq,
    wagtailimages_rendition_id_seq
TO portal_public;

-- portal_staff: everything the staff tier does, with an append-only audit log.
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO portal_staff;
GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO portal_staff;
REVOKE INSERT, UPDATE, DELETE ON django_migrations FROM portal_staff;
REVOKE UPDATE, DELETE ON accounts_staffauditentry FROM portal_staff;

-- Tables and sequences that later migrations create (as the owner of the existing
-- tables) are usable by the staff tier at once; portal_public gets nothing by default.
DO $$
DECLARE
    owner name;
BEGIN
    SELECT tableowner INTO STRICT owner
    FROM pg_tables WHERE schemaname = 'public' AND tablename = 'django_migrations';
    EXECUTE format(
        'ALTER DEFAULT PRIVILEGES FOR ROLE %I IN SCHEMA public '
        'GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO portal_staff', owner);
    EXECUTE format(
        'ALTER DEFAULT PRIVILEGES FOR ROLE %I IN SCHEMA public '
        'GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO portal_staff', owner);
END
$$;
