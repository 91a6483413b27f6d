"""Staff login, two-factor enrolment and logout (mounted at /account/ on the staff tier)."""

urlpatterns = []
