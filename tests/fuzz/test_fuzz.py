"""The CI slice of the fuzzing (about a minute): mutated shipped pages through process(),
mark_duplicates() and fuse(); no exception, at most 50 ms per KB (+100 ms), well-formed fused
events with stable ids. The long run is `python -m tests.fuzz` (`make fuzz`).

Profiles: `fuzz-ci` (default; the same examples every run) and `fuzz-explore` (new examples each
run, more of them): `MARSAD_FUZZ_PROFILE=fuzz-explore pytest tests/fuzz`.
"""

from __future__ import annotations

import datetime as dt
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from . import mutate, target

settings.register_profile("fuzz-ci", max_examples=2500, deadline=dt.timedelta(seconds=10), derandomize=True,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.register_profile("fuzz-explore", max_examples=20_000, deadline=dt.timedelta(seconds=10),
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
PROFILE = settings.get_profile(os.environ.get("MARSAD_FUZZ_PROFILE", "fuzz-ci"))

PAGES = mutate.seed_pages()
CI_CHARS = 40_000  # at most ~75 KB an input here: at 50 ms/KB the deadline below still holds
RECIPES = st.lists(st.tuples(st.sampled_from(sorted(mutate.MUTATIONS)), st.integers(0, 2**32 - 1)),
                   min_size=1, max_size=4)


@pytest.fixture(scope="module", autouse=True)
def _warm() -> None:
    target.warm_up()  # one-time loads (lexicons, trafilatura's date parser) are not the inputs' time


@settings(PROFILE)
@given(page=st.integers(0, len(PAGES) - 1), recipe=RECIPES)
def test_mutated_pages_pass_through_the_pipeline(page: int, recipe: list[tuple[str, int]]) -> None:
    name, original = PAGES[page]
    res = target.check(name, mutate.apply(original, recipe, CI_CHARS), original)
    assert res.error is None, f"{name} {recipe}\n{res.trace}"
    assert not res.problems, f"{name} {recipe}: {res.problems}"


@pytest.mark.parametrize("date", mutate.IMPOSSIBLE_DATES)
def test_impossible_dates_give_no_date_or_a_real_one(date: str) -> None:
    text = f"استقبل وزير الداخلية المغربي عبد الوافي لفتيت، {date}، بالرباط، السفير الإسباني ريكاردو دييث.\n"
    res = target.check("impossible.txt", "وزير الداخلية يستقبل السفير الإسباني بالرباط\n\n" + text)
    assert res.error is None, res.trace
    assert not res.problems, res.problems


def test_the_seed_pages_themselves_pass() -> None:
    for name, text in PAGES:
        res = target.check(name, text, text)
        assert res.error is None and not res.problems, (name, res.error, res.problems)


def test_a_finding_can_be_replayed_from_its_seed_and_index() -> None:
    from .run import make_input

    assert make_input(14, 7) == make_input(14, 7)
    assert target.iso_partial("2025-02-28") and not target.iso_partial("2025-02-29")
    assert target.iso_partial("2025-12") and not target.iso_partial("2025-12-00") and not target.iso_partial("0000")
