"""Pure planning rules for the touring consultation schedule.

Nothing in this package touches the database, HTTP or settings; models,
forms and views call these functions and render the returned codes.
"""
