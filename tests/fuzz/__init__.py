"""Fuzzing of the pipeline: mutated Arabic pages through process(), mark_duplicates() and fuse().

`tests/fuzz/test_fuzz.py` is the CI slice (about a minute, hypothesis); `python -m tests.fuzz`
(or `python tests/fuzz/run.py`) is the long run, which counts inputs, exceptions and the slowest
ms/KB and prints a summary. See docs/reliability.md, "Fuzzing".
"""
