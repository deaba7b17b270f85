"""The benchmark is run on demand (``python tests/bench/bench.py``), never by pytest: nothing
in this directory is collected, not even with ``--doctest-modules``."""

collect_ignore_glob = ["*.py"]
