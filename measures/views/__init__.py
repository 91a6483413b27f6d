"""Public views of the measures app: finder, checker, feeds, open data.

The staff import, a Wagtail admin view, is in measures/admin_views.py.
"""
