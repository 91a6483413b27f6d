"""Synonyms of site search, in one place.

- ``expansion``: `SynonymSet` and `expand_query`, the pure rules (no Django) that
  turn a typed word into its alternatives;
- ``defaults``: the synonyms shipped with the portal, as plain data (migration
  0002 seeds the editable rows with them);
- ``stored``: the staff-edited `SynonymGroup` rows the backend uses, cached.
"""
