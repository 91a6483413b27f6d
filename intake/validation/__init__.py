"""Pure validators for the booking form's fields.

Each raises ``django.core.exceptions.ValidationError`` with a code, params and a
Japanese message, and returns the normalised value on success.
"""
