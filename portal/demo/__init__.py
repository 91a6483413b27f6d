"""Demo tooling: the one place to look for how `manage.py load_demo` builds the demo site.

`settings.DEMO_LOADERS` lists the loaders in the order they run. The site loader
(`site.py`, data in `pages.json`) lives here because it spans apps: it builds the page
tree of home, the measures and schedule sections and the content pages. Each other
loader stays beside the app whose models it fills, with its data, because it reads that
app's own format (`measures/demo/`: the import_measures format; `schedule/demo/`;
`portal/accounts/demo.py`). README.md here lists every demo file. `streams.py` turns the
demo's JSON blocks into StreamField data; English pages are made by `core.translation`,
which the measures importer uses too.
"""
