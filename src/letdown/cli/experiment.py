"""``letdown experiment start|status|stop``: find out whether one technique helps *you*.

``start TARGET`` makes a random on/off plan for the next sessions (balanced blocks, seed
kept); each guided session shows that session's assignment, and ``status`` says where
the experiment stands and what it found; ``stop`` ends it early. Bad input names the
argument, exits 2 and writes nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from letdown.cli.common import fail, now_utc, open_journal, print_json

if TYPE_CHECKING:
    from letdown.insights.experiments import Analysis
    from letdown.journal.service import Journal


def current(journal: Journal, *, latest: bool = False) -> Analysis | None:
    """The running experiment's analysis (or the latest one's, with ``latest``)."""
    from letdown.evidence import load_evidence
    from letdown.insights.experiments import analyse
    from letdown.journal.experiments import Experiments

    store = Experiments(journal)
    found = store.running() or (store.latest() if latest else None)
    if found is None:
        return None
    sessions = journal.list_sessions(since=found.started, newest_first=False)
    return analyse(found, sessions, load_evidence())


@click.group()
def experiment() -> None:
    """Test one technique (or pump setting) on and off over your next sessions."""


@experiment.command()
@click.argument("target")
@click.option("--sessions", "planned", type=click.IntRange(4, 60), default=12,
              show_default=True, help="How many sessions the experiment runs (4-60).")
@click.option("--block", type=click.Choice(["2", "4"]), default="4", show_default=True,
              help="Sessions per balanced block (half on, half off in each).")
@click.option("--seed", type=click.IntRange(0, 2**31 - 1), default=None,
              help="Seed of the random plan (default: a fresh one, kept).")
def start(target: str, planned: int, block: str, seed: int | None) -> None:
    """Start testing TARGET: a technique (warm_compress, music, ...) or a pump setting
    (suction_level=5, cycle=expression, flange_mm=27, suction_mmhg=180)."""
    from letdown.insights.experiment_words import next_session
    from letdown.insights.experiments import new_seed, schedule
    from letdown.journal.experiments import BadTarget, Experiment, Experiments, parse_target

    try:
        parsed = parse_target(target)
    except BadTarget as error:
        fail(str(error).replace("target:", "TARGET:", 1), "Nothing was started.")
    size = int(block)
    if planned % size:
        fail(f"--sessions: {planned} is not a whole number of blocks of {size}; allowed: a "
             f"multiple of {size} (e.g. {planned - planned % size or size}), or --block 2",
             "Nothing was started.")
    chosen = new_seed() if seed is None else seed
    record = Experiment(target=parsed.text, planned=planned, block=size,
                        seed=chosen, plan=schedule(planned, size, chosen), started=now_utc())
    with open_journal() as journal:
        before = current(journal)
        if before is not None and before.state in ("finished", "clear early"):
            assert before.experiment.id is not None
            Experiments(journal).stop(before.experiment.id, before.state)
        saved = Experiments(journal).start(record)
        now = current(journal)
    click.echo(f"Started experiment {saved.id}: {saved.label}, on and off over {planned} "
               f"sessions (seed {chosen}).")
    if now is not None and (first := next_session(now)):
        click.echo(first)
    click.echo("Each guided session shows what to do; log the others as usual (with the "
               "technique ticked when you used it). `letdown experiment status` shows how "
               "it is going.")


@experiment.command()
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
def status(as_json: bool) -> None:
    """Where the experiment stands, and what it found so far."""
    from letdown.insights.experiment_words import status_lines
    from letdown.insights.plain import experiment_plain

    with open_journal() as journal:
        found = current(journal, latest=True)
    if as_json:
        print_json(None if found is None else experiment_plain(found))
        return
    if found is None:
        click.echo("No experiment yet. Start one, e.g. `letdown experiment start "
                   "warm_compress` (12 sessions, half with it, half without, in a random "
                   "order).")
        return
    for line in status_lines(found):
        click.echo(line)


@experiment.command()
def stop() -> None:
    """Stop the running experiment (it is kept, with what it found)."""
    from letdown.insights.experiment_words import status_lines
    from letdown.journal.experiments import Experiments

    with open_journal() as journal:
        found = current(journal)
        if found is None:
            fail("no experiment is running; nothing to stop (`letdown experiment status` "
                 "shows the last one)")
        assert found.experiment.id is not None
        reason = found.state if found.state in ("finished", "clear early") else "stopped"
        Experiments(journal).stop(found.experiment.id, reason)
        after = current(journal, latest=True)
    click.echo(f"Stopped experiment {found.experiment.id}.")
    for line in status_lines(after or found)[1:]:
        click.echo(line)
