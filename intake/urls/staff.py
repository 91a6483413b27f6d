"""Intake console URLs on the staff tier (mounted at /intake/)."""

urlpatterns = []
