"""The journal keeps experiments: one running at a time, stopping keeps the record."""

from __future__ import annotations

import datetime as dt

import pytest

from letdown.insights.experiments import schedule
from letdown.journal.experiments import Experiment, Experiments
from letdown.journal.service import Conflict, Journal, NotFound

START = dt.datetime(2026, 6, 1, 8, tzinfo=dt.UTC)


def plan(target: str = "technique:music") -> Experiment:
    return Experiment(target=target, planned=8, block=4, seed=11, plan=schedule(8, 4, 11),
                      started=START)


def test_start_read_stop_and_one_at_a_time() -> None:
    with Journal.open() as journal:
        store = Experiments(journal)
        assert store.running() is None and store.list() == []
        saved = store.start(plan())
        assert saved.id == 1 and saved.plan == schedule(8, 4, 11) and saved.started == START
        assert store.running() == saved
        with pytest.raises(Conflict, match="already running"):
            store.start(plan("pump:flange_mm=27"))
        assert len(store.list()) == 1  # nothing written
        stopped = store.stop(1, now=START + dt.timedelta(days=2))
        assert stopped.stop_reason == "stopped" and stopped.stopped is not None
        with pytest.raises(Conflict, match="already stopped"):
            store.stop(1)
        assert store.running() is None and store.latest() == stopped
        second = store.start(plan("pump:flange_mm=27"))
        assert second.id == 2 and store.get(2).label == "flange 27 mm"
        for missing in (3, 0, 2**40):
            with pytest.raises(NotFound):
                store.get(missing)
            with pytest.raises(NotFound):
                store.stop(missing)
        assert journal.is_empty()  # experiments are not records


def test_a_journal_from_before_experiments_reads_as_having_none() -> None:
    """Opened read-only, an older journal is not upgraded: no table, no experiments."""
    from sqlalchemy import text

    with Journal.open() as journal:
        with journal.engine.begin() as connection:
            connection.execute(text("DROP TABLE experiment"))
        store = Experiments(journal)
        assert store.running() is None and store.list() == [] and store.latest() is None
