"""`make bench`: runs every benchmark module under bench/ and ends with `key: value` lines.

Each benchmark prints its figures as ratios against a baseline measured in the
same run. Benchmarks are registered in BENCHMARKS as "module:function".
"""

import importlib
import sys

BENCHMARKS: list[str] = ["bench.perf:run", "bench.search_relevance:run"]


def main() -> int:
    results: dict[str, object] = {}
    for dotted in BENCHMARKS:
        module_name, function_name = dotted.split(":")
        function = getattr(importlib.import_module(module_name), function_name)
        results.update(function())
    if not BENCHMARKS:
        print("no benchmarks registered yet")
    for key, value in results.items():
        print(f"{key}: {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
