"""n-of-1 experiments kept in the journal: what is tested, the on/off plan, when it ran.

An experiment tests one technique (``technique:warm_compress``) or one pump setting
(``pump:suction_level=5``: that setting on, against whatever you usually use) over the
next ``planned`` sessions. The plan is random, in balanced blocks (each block of 2 or 4
sessions has as many "on" as "off"), made from a stored seed by
``letdown.insights.experiments.schedule`` and stored as text too, so it can never
change under the parent. The sessions themselves are ordinary sessions; this table only
holds the plan. One experiment runs at a time; stopping it keeps it for the record.

Not a record for export yet: an export carries the sessions (and so every technique and
setting used), but not the plan.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from pydantic import AwareDatetime, Field, ValidationError, model_validator

from letdown.journal.errors import Conflict, NotFound
from letdown.journal.fields import MAX_ID, Kind, Record, RecordId, Sides, Technique

if TYPE_CHECKING:
    from letdown.journal.service import Journal
    from letdown.journal.tables import ExperimentRow

#: Pump settings an experiment can test, and the session field each one is.
PUMP_SETTINGS = ("suction_level", "suction_mmhg", "cycle", "flange_mm")
#: Fewest and most sessions an experiment can plan.
MIN_PLANNED = 4
MAX_PLANNED = 60
#: Largest seed (the database column is a 64-bit integer; seeds are made below 2**31).
MAX_SEED = 2**31 - 1
StopReason = Literal["stopped", "finished", "clear early"]


class BadTarget(ValueError):
    """Not something an experiment can test; the message says what is allowed."""


@dataclass(frozen=True)
class Target:
    """What an experiment switches on and off."""

    kind: Literal["technique", "pump"]
    field: str  # the technique's name, or the session field of the pump setting
    value: str | float | int | None = None  # the pump setting's value

    @property
    def text(self) -> str:
        if self.kind == "technique":
            return f"technique:{self.field}"
        shown = f"{self.value:g}" if isinstance(self.value, float) else str(self.value)
        return f"pump:{self.field}={shown}"

    @property
    def label(self) -> str:
        if self.kind == "technique":
            return self.field.replace("_", " ")
        words = {"suction_level": "suction at", "suction_mmhg": "suction at",
                 "cycle": "cycle", "flange_mm": "flange"}[self.field]
        unit = {"suction_mmhg": " mmHg", "flange_mm": " mm"}.get(self.field, "")
        shown = f"{self.value:g}" if isinstance(self.value, float) else str(self.value)
        return f"{words} {shown}{unit}"


def parse_target(text: str) -> Target:
    """``warm_compress``, ``technique:warm_compress`` or ``suction_level=5`` (also with a
    ``pump:`` prefix) as a ``Target``; ``BadTarget`` says what is allowed."""
    allowed = ("allowed: a technique (" + ", ".join(
        t.value for t in Technique if t is not Technique.other)
        + ") or a pump setting as name=value (" + ", ".join(
        f"{name}=..." for name in PUMP_SETTINGS) + ")")
    raw = text.strip()
    body = raw.removeprefix("technique:").removeprefix("pump:")
    if "=" not in body:
        try:
            technique = Technique(body)
        except ValueError:
            raise BadTarget(f"target: {raw[:60]!r} is not something to test; {allowed}") from None
        if technique is Technique.other:
            raise BadTarget(f"target: 'other' is too vague to test; {allowed}")
        return Target("technique", technique.value)
    name, _, value = (part.strip() for part in body.partition("="))
    if name not in PUMP_SETTINGS:
        raise BadTarget(f"target: {name[:40]!r} is not a pump setting; {allowed}")
    from letdown.journal.records import Session, describe_errors

    start = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
    try:
        session = Session.model_validate({
            "kind": Kind.pump, "sides": Sides.both, "start": start,
            "end": start + dt.timedelta(minutes=10), name: value})
    except ValidationError as error:
        raise BadTarget("target: " + "; ".join(describe_errors(error, Session))) from None
    found = getattr(session, name)
    if found is None:
        raise BadTarget(f"target: {name} needs a value, e.g. {name}=5; {allowed}")
    return Target("pump", name, found)


class Experiment(Record):
    """One experiment as stored: the target, the plan, and when it ran."""

    id: RecordId | None = Field(default=None, description="Assigned by the journal.")
    target: str = Field(max_length=120, description="technique:NAME or pump:FIELD=VALUE.")
    planned: int = Field(ge=MIN_PLANNED, le=MAX_PLANNED, description="Sessions planned.")
    block: Literal[2, 4] = Field(description="Sessions per balanced block.")
    seed: int = Field(ge=0, le=MAX_SEED, description="The random seed of the plan.")
    plan: str = Field(pattern=r"^[01]+$", max_length=MAX_PLANNED,
                      description="1 = on, 0 = off, one per planned session, in order.")
    started: AwareDatetime
    stopped: AwareDatetime | None = None
    stop_reason: StopReason | None = None

    @model_validator(mode="after")
    def _consistent(self) -> Experiment:
        parse_target(self.target)
        if len(self.plan) != self.planned:
            raise ValueError(f"plan: {len(self.plan)} sessions, but planned is {self.planned}")
        if self.planned % self.block:
            raise ValueError(f"planned: {self.planned} is not a whole number of blocks of "
                             f"{self.block}; allowed: a multiple of {self.block}")
        for i in range(0, self.planned, self.block):
            if self.plan[i:i + self.block].count("1") * 2 != self.block:
                raise ValueError("plan: each block must be half on, half off")
        if (self.stopped is None) != (self.stop_reason is None):
            raise ValueError("stopped and stop_reason go together")
        return self

    @property
    def parsed(self) -> Target:
        return parse_target(self.target)

    @property
    def label(self) -> str:
        return self.parsed.label

    def assigned(self) -> list[bool]:
        """The plan: True for "on", one per planned session."""
        return [c == "1" for c in self.plan]


class Experiments:
    """Start, read and stop the experiments kept in a journal's database."""

    def __init__(self, journal: Journal) -> None:
        from sqlalchemy.orm import sessionmaker

        from letdown.journal.store import SQLITE_BEGIN_OPTION

        engine = journal.engine
        self.access = journal.access
        self._readers = sessionmaker(engine, expire_on_commit=False)
        writer = engine.execution_options(**{SQLITE_BEGIN_OPTION: "IMMEDIATE"})
        self._writers = sessionmaker(writer, expire_on_commit=False)

    def start(self, experiment: Experiment) -> Experiment:
        """Keep a new experiment; ``Conflict`` while another one is running."""
        from sqlalchemy import select

        from letdown.journal.tables import ExperimentRow

        self.access.require_write()
        if experiment.stopped is not None:
            raise Conflict("a new experiment cannot start stopped")
        with self._writers() as orm, orm.begin():
            running = orm.scalars(select(ExperimentRow).where(
                ExperimentRow.stopped_utc.is_(None), self.access.where(ExperimentRow.owner_id),
            ).limit(1)).first()
            if running is not None:
                raise Conflict(
                    f"an experiment is already running ({_record(running).label}, since "
                    f"{running.started_utc:%Y-%m-%d}); one at a time: stop it first "
                    "(letdown experiment stop)")
            row = ExperimentRow(
                target=experiment.target, planned=experiment.planned, block=experiment.block,
                seed=experiment.seed, plan=experiment.plan, started_utc=experiment.started,
                owner_id=self.access.owner_id)
            orm.add(row)
            orm.flush()
            return _record(row)

    def running(self) -> Experiment | None:
        """The experiment not stopped yet, if any."""
        from sqlalchemy import select

        from letdown.journal.tables import ExperimentRow

        with self._readers() as orm, _older_schema():
            row = orm.scalars(select(ExperimentRow).where(
                ExperimentRow.stopped_utc.is_(None), self.access.where(ExperimentRow.owner_id))
                              .order_by(ExperimentRow.id.desc()).limit(1)).first()
            return None if row is None else _record(row)
        return None  # a journal from before experiments, opened read-only

    def latest(self) -> Experiment | None:
        """The most recent experiment, running or not."""
        found = self.list()
        return found[0] if found else None

    def get(self, experiment_id: int) -> Experiment:
        from letdown.journal.tables import ExperimentRow

        if not 1 <= experiment_id <= MAX_ID:
            raise NotFound(f"no experiment with id {experiment_id}")
        with self._readers() as orm:
            row = orm.get(ExperimentRow, experiment_id)
            if row is None or not self.access.owns(row.owner_id):
                raise NotFound(f"no experiment with id {experiment_id}")
            return _record(row)

    def list(self) -> list[Experiment]:
        """Every experiment, newest first."""
        from sqlalchemy import select

        from letdown.journal.tables import ExperimentRow

        with self._readers() as orm, _older_schema():
            return [_record(row) for row in orm.scalars(
                select(ExperimentRow).where(self.access.where(ExperimentRow.owner_id))
                .order_by(ExperimentRow.id.desc()))]
        return []  # a journal from before experiments, opened read-only

    def stop(self, experiment_id: int, reason: StopReason = "stopped", *,
             now: dt.datetime | None = None) -> Experiment:
        """Mark the experiment stopped; ``Conflict`` if it already was."""
        from letdown.journal.tables import ExperimentRow

        if not 1 <= experiment_id <= MAX_ID:
            raise NotFound(f"no experiment with id {experiment_id}")
        self.access.require_write()
        moment = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
        with self._writers() as orm, orm.begin():
            row = orm.get(ExperimentRow, experiment_id)
            if row is None or not self.access.owns(row.owner_id):
                raise NotFound(f"no experiment with id {experiment_id}")
            if row.stopped_utc is not None:
                raise Conflict(f"experiment {experiment_id} was already stopped "
                               f"({row.stopped_utc:%Y-%m-%d})")
            row.stopped_utc = max(moment, row.started_utc)
            row.stop_reason = reason
            orm.flush()
            return _record(row)


@contextmanager
def _older_schema() -> Iterator[None]:
    """Reading a journal made before experiments existed (read-only, so not upgraded):
    no table means no experiments, not an error."""
    from sqlalchemy.exc import OperationalError, ProgrammingError

    try:
        yield
    except (OperationalError, ProgrammingError) as error:
        text = str(error).lower()
        if "experiment" not in text or not ("no such table" in text
                                            or "does not exist" in text):
            raise


def _record(row: ExperimentRow) -> Experiment:
    return Experiment(
        id=row.id, target=row.target, planned=row.planned, block=row.block,
        seed=row.seed, plan=row.plan, started=row.started_utc, stopped=row.stopped_utc,
        stop_reason=row.stop_reason)
