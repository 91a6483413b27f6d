"""Demo content of the measures app. Filled by the measures issue."""


def load(stdout):
    stdout.write("measures: no demo content yet.")
