"""The registry of framework patches (see the package docstring and docs/architecture.md).

A reference names either a Python object, ``"package.module:Qual.name"``, or a file,
``"package/relative/path"`` (resolved against the importable package's directory).
``written_for`` maps each distribution the patch depends on to the exact version it
was written for, which is the version pinned in constraints.txt.  To upgrade one of
them: re-read each listed upstream, adjust the patch, then bump its ``written_for``.
"""

from dataclasses import dataclass

from django.db import connection

WAGTAIL = {"wagtail": "8.0.1"}
LOCALIZE = {"wagtail-localize": "1.14.5"}
MODELSEARCH = {"modelsearch": "1.3.2"}
DJANGO = {"Django": "6.1.3"}
TREEBEARD = {"django-treebeard": "5.3.1"}


@dataclass(frozen=True)
class Patch:
    name: str
    kind: str  # monkey-patch | override | restatement | private-call | raw-sql | template
    written_for: dict[str, str]
    location: str  # ours
    upstream: str  # what it replaces, overrides, restates or calls
    changes: str
    why: str
    # The database vendor whose backend the patch belongs to; its modules import only there.
    vendor: str | None = None

    def applies(self) -> bool:
        """Whether the patch is in use with this process's database."""
        return self.vendor is None or self.vendor == connection.vendor


def _template(name, written_for, location, upstream):
    return Patch(
        name=name,
        kind="template",
        written_for=written_for,
        location=location,
        upstream=upstream,
        changes="Renders the widget's or panel's start call as a hidden start marker "
        "(data-portal-init) that portal/static/portal/admin-init.js makes.",
        why="The upstream template starts its script inline, which the staff CSP blocks.",
    )


PATCHES = (
    Patch(
        name="chooser-render",
        kind="monkey-patch",
        written_for=WAGTAIL,
        location="portal.patches.choosers:patch_choosers",
        upstream="wagtail.admin.widgets:BaseChooser.render",
        changes="BaseChooser.render ends with a start marker instead of an inline "
        "<script>new Chooser(id, opts)</script>; choosers with their own render_js_init "
        "keep the original.",
        why="The staff CSP blocks inline scripts, so the choosers never opened.",
    ),
    Patch(
        name="view-restrictions-hook",
        kind="monkey-patch",
        written_for=WAGTAIL,
        location="portal.patches.view_restrictions:replace_wagtails_check",
        upstream="wagtail.hooks:_hooks",
        changes="Puts portal.patches.view_restrictions.check_view_restrictions in the place "
        "of Wagtail's on_serve_page hook wagtail.wagtail_hooks.check_view_restrictions in "
        "the hook registry: on the public tier any restriction answers 404, on the staff "
        "tier Wagtail's check runs unchanged.",
        why="The public tier has no login or sessions, so a restricted page is not found "
        "there; a hook beside Wagtail's would read the restrictions twice (two queries "
        "more per served page).",
    ),
    Patch(
        name="reference-index-base-type",
        kind="private-call",
        written_for=WAGTAIL,
        location="portal.patches.reference_index:base_content_type",
        upstream="wagtail.models.reference_index:ReferenceIndex._get_base_content_type",
        changes="Calls the private class method to learn the content type the reference "
        "index files page references under.",
        why="Page-cache invalidation (portal/pagecache/invalidation.py) purges the pages "
        "that link to a changed object; Wagtail has no public way to ask.",
    ),
    Patch(
        name="bench-page-paths",
        kind="private-call",
        written_for={**WAGTAIL, **TREEBEARD},
        location="bench.search_relevance:_add_documents",
        upstream="treebeard.mp_tree:MP_Node._get_path",
        changes="The search benchmark computes tree paths with treebeard's private "
        "Page._get_path to bulk-insert pages.",
        why="Adding thousands of pages one by one through add_child is too slow for "
        "the benchmark; the app itself never does this.",
    ),
    Patch(
        name="bench-perf-rows",
        kind="raw-sql",
        written_for={**WAGTAIL, **TREEBEARD},
        location="bench.perf_data:large",
        upstream="wagtail.models:Page",
        changes="The performance benchmark inserts pages into wagtailcore_page with raw "
        "SQL, computing treebeard's materialised paths itself (_alphabet_path), and "
        "updates numchild.",
        why="Ten thousand measures through Page.add_child take too long for a benchmark; "
        "the app itself never does this.",
    ),
    Patch(
        name="search-query-string",
        kind="override",
        written_for=MODELSEARCH,
        location="search.backend:JapaneseQueryMixin._search",
        upstream="modelsearch.backends.base:BaseSearchBackend._search",
        changes="Turns the owner's query string into the segmented, synonym-expanded "
        "query (build_query) before the vendor backend compiles it.",
        why="Japanese has no spaces between words; the stock backend would search the "
        "whole string as one word.",
    ),
    Patch(
        name="search-count",
        kind="override",
        written_for=MODELSEARCH,
        location="search.tiers:CountingResults._do_count",
        upstream="modelsearch.backends.base:BaseSearchResults._do_count",
        changes="Counts with the compiler's single match query (match_queryset).",
        why="Our compilers search in tiers; counting through them would run every tier.",
    ),
    Patch(
        name="sqlite-rank",
        kind="override",
        written_for=MODELSEARCH,
        location="search.backend_sqlite:_WholeMatchRank._build_rank_expression",
        upstream="modelsearch.backends.database.sqlite.sqlite:"
        "SQLiteSearchQueryCompiler._build_rank_expression",
        changes="Ranks by the plain column-weighted bm25() of the whole match "
        "(build_tsrank is overridden alike).",
        why="The stock (1 + bm25)^n - 1 reverses the order of strong matches "
        "(search/backend_sqlite.py docstring).",
        vendor="sqlite",
    ),
    Patch(
        name="sqlite-tiered-match",
        kind="restatement",
        written_for=MODELSEARCH,
        location="search.backend_sqlite:TieredSearch._entries",
        upstream="modelsearch.backends.database.sqlite.sqlite:SQLiteSearchQueryCompiler.search",
        changes="Restates the FTS5 index query of search() (a MatchExpression on the "
        "columns, narrowed to the model's content types) to match and rank each tier, "
        "the head tiers on the title column alone, and each coverage chunk, in one query.",
        why="Ranking in tiers and by coverage, the same tiers as on PostgreSQL "
        "(docs/search.md, search/backend_sqlite.py docstring).",
        vendor="sqlite",
    ),
    Patch(
        name="postgres-tiered-rank",
        kind="restatement",
        written_for=MODELSEARCH,
        location="search.backend_postgres:TieredRanking._rank",
        upstream="modelsearch.backends.database.postgres.postgres:"
        "PostgresSearchQueryCompiler._build_rank_expression",
        changes="Restates the rank expression (sum of build_tsrank over "
        "get_index_vectors) to rank each tier and its candidates separately.",
        why="Ranking in tiers, head before body, typed words before synonyms "
        "(docs/search.md, search/backend_postgres.py docstring).",
    ),
    Patch(
        name="postgres-boost-match",
        kind="override",
        written_for=MODELSEARCH,
        location="search.backend_postgres:_BoostRanksOnly.build_tsquery_content",
        upstream="modelsearch.backends.database.postgres.postgres:"
        "PostgresSearchQueryCompiler.build_tsquery_content",
        changes="Builds the tsquery of a Boost from its subquery.",
        why="A boost changes only the rank; the stock compiler warns on it while "
        "building the match.",
    ),
    Patch(
        name="postgres-index-document",
        kind="restatement",
        written_for={**WAGTAIL, **MODELSEARCH},
        location="search.backend_postgres:IndexDocument",
        upstream="modelsearch.backends.database.postgres.postgres:IndexEntry",
        changes="Resolves the stored `document` column (migration 0004), which the "
        "IndexEntry model does not declare, as a sibling of the entry's title column.",
        why="Matching one stored, GIN-indexed column instead of title || body per entry.",
    ),
    Patch(
        name="indexentry-document-column",
        kind="raw-sql",
        written_for={**WAGTAIL, **MODELSEARCH},
        location="search.migrations.0004_indexentry_stored_document:forwards",
        upstream="wagtail.search.models:IndexEntry",
        changes="ALTER TABLE wagtailsearch_indexentry ADD COLUMN document tsvector "
        "GENERATED ALWAYS AS (title || body) STORED, with a GIN index (PostgreSQL only).",
        why="Search cost; the column is generated, and modelsearch's INSERT lists its "
        "columns, so Wagtail's writes keep it current without knowing of it.",
    ),
    Patch(
        name="indexentry-title-body-index",
        kind="raw-sql",
        written_for={**WAGTAIL, **MODELSEARCH},
        location="search.migrations.0003_indexentry_combined_gin:create_index",
        upstream="wagtail.search.models:IndexEntry",
        changes="CREATE INDEX on (title || body) of wagtailsearch_indexentry "
        "(PostgreSQL only); dropped again by 0004, kept for the migration history.",
        why="Search cost, before the stored column of 0004.",
    ),
    Patch(
        name="sitemap-alternates",
        kind="override",
        written_for={**WAGTAIL, **DJANGO},
        location="portal.sitemaps:MultilingualSitemap._urls",
        upstream="wagtail.contrib.sitemaps.sitemap_generator:Sitemap._urls",
        changes="Builds each page's URL entries with hreflang alternates of its "
        "translations (Wagtail's own override of Django's Sitemap._urls lists the "
        "entries without them).",
        why="Django's alternates come from i18n URL patterns, which Wagtail's translated "
        "page trees are not.",
    ),
    Patch(
        name="session-form-conflicts",
        kind="override",
        written_for=DJANGO,
        location="schedule.forms:TouringSessionForm._post_clean",
        upstream="django.forms.models:BaseModelForm._post_clean",
        changes="After the model's own validation, adds the session's consultant and "
        "room conflicts as form errors.",
        why="The conflicts need the instance that _post_clean builds from the cleaned data.",
    ),
    Patch(
        name="document-form-one-file-error",
        kind="override",
        written_for=DJANGO,
        location="portal.documents.forms:PortalDocumentForm._post_clean",
        upstream="django.forms.models:BaseModelForm._post_clean",
        changes="Keeps only the file field's own errors once it has failed: drops the "
        "extension error that AbstractDocument.clean() adds for the emptied file.",
        why="A refused export would otherwise show a second, wrong error "
        "(ファイル拡張子 “” は許可されていません) beside the refusal.",
    ),
    _template(
        "date-input-template",
        WAGTAIL,
        "portal/templates/wagtailadmin/widgets/date_input.html",
        "wagtail.admin/templates/wagtailadmin/widgets/date_input.html",
    ),
    _template(
        "time-input-template",
        WAGTAIL,
        "portal/templates/wagtailadmin/widgets/time_input.html",
        "wagtail.admin/templates/wagtailadmin/widgets/time_input.html",
    ),
    _template(
        "datetime-input-template",
        WAGTAIL,
        "portal/templates/wagtailadmin/widgets/datetime_input.html",
        "wagtail.admin/templates/wagtailadmin/widgets/datetime_input.html",
    ),
    _template(
        "inline-panel-template",
        WAGTAIL,
        "portal/templates/wagtailadmin/panels/inline_panel.html",
        "wagtail.admin/templates/wagtailadmin/panels/inline_panel.html",
    ),
    _template(
        "multiple-chooser-panel-template",
        WAGTAIL,
        "portal/templates/wagtailadmin/panels/multiple_chooser_panel.html",
        "wagtail.admin/templates/wagtailadmin/panels/multiple_chooser_panel.html",
    ),
    Patch(
        name="translation-editor-extra-js",
        kind="template",
        written_for=LOCALIZE,
        location="portal/templates/wagtail_localize/admin/edit_translation.html",
        upstream="wagtail_localize/templates/wagtail_localize/admin/edit_translation.html",
        changes="Copies the extra_js block, with window.chooserUrls passed as data "
        "attributes to portal/static/portal/chooser-urls.js instead of an inline script.",
        why="The staff CSP blocks the original block's inline script.",
    ),
)
