"""Demo content of the schedule app. Filled by the schedule issue."""


def load(stdout):
    stdout.write("schedule: no demo content yet.")
