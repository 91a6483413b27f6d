"""Booking form URLs on the public tier (mounted at /book/)."""

urlpatterns = []
