"""Extraction (spec §2): an article segment -> its dates, people, places and events.

The modules, in the order of the pipeline: `document` (the one analysed text, its sentences and
spans), `tokens`, `honorifics`, `mentions`, `people`, `entities`, `places`, `dates`
(`date_words`, `relative_dates`), `triggers`, `sides`, `roles`, `topics`, and `events`, which
assembles them. This file makes `extract` a regular package, so that tools walking the package
(tests/test_doctests.py, mypy) see its modules.
"""
