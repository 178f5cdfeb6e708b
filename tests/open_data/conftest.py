"""Fixtures for the open-data tests: the suite's clock for every test (tests/conftest.py).

The pages go through the page cache, as in production; the real content, the large
rollout and ``warm_content_state`` are shared with the whole suite.
"""

import datetime

import pytest

NEXT_YEAR = datetime.datetime(2027, 11, 25, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def _frozen_clock(clock):
    """Run every open-data test on the suite's clock: the real content's day."""
    return clock
