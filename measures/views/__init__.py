"""Views of the measures app: finder, checker, feeds, open data, staff import."""
