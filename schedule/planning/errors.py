from django.core.exceptions import ImproperlyConfigured


def render_message(message, params):
    """Translate a (lazy) message in the active language and fill in params."""
    return str(message) % params if params else str(message)


class PlanningError(ValueError):
    """A rule was broken: carries a stable code, a lazy Japanese msgid and params.

    Callers branch on ``code``; templates and forms show ``render()``.
    """

    def __init__(self, code, message, **params):
        super().__init__(message)
        self.code = code
        self.message = message
        self.params = params

    def render(self):
        return render_message(self.message, self.params)

    def __str__(self):
        # Rendering a lazy message needs Django settings; outside Django (pure
        # tests, scripts) fall back to the code so tracebacks stay readable.
        try:
            return f"{self.code}: {self.render()}"
        except ImproperlyConfigured:
            return f"{self.code} {self.params!r}"
