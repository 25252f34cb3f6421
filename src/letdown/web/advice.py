"""The advisor for the web app: saved questionnaire answers plus the journal -> advice.

The parent's last questionnaire answers are kept in the data directory
(``advisor-answers.json``) so Home can show the current advice in one line
without asking again. The advice itself always comes from
``letdown.advisor.advise`` with facts from the journal, exactly as the CLI does.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING

from letdown.journal.records import Kind
from letdown.locations import ANSWERS_FILE

if TYPE_CHECKING:
    from letdown.advisor import Advice, Answers, JournalFacts
    from letdown.config import Settings
    from letdown.journal.service import Journal


def answers_path(data_dir: Path, owner_id: int | None = None) -> Path:
    """One answers file per journal: the laptop's (no owner), or each parent's on a server,
    so one parent's answers never shape another's advice."""
    return data_dir / (ANSWERS_FILE if owner_id is None else f"advisor-answers-{owner_id}.json")


def load_answers(data_dir: Path, owner_id: int | None = None) -> Answers | None:
    """The last saved answers, or None (also when the file no longer validates)."""
    from pydantic import ValidationError

    from letdown.advisor import Answers

    path = answers_path(data_dir, owner_id)
    if not path.exists():
        return None
    try:
        return Answers.model_validate_json(path.read_text(encoding="utf-8"))
    except (ValidationError, OSError):
        return None


def save_answers(data_dir: Path, answers: Answers, owner_id: int | None = None) -> None:
    """Write the answers atomically, readable by this user only."""
    data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    path = answers_path(data_dir, owner_id)
    temporary = path.with_suffix(".part")
    temporary.write_text(
        json.dumps(answers.model_dump(mode="json", exclude_defaults=True), indent=2),
        encoding="utf-8",
    )
    os.chmod(temporary, 0o600)
    os.replace(temporary, path)


def facts_from(store: Journal, settings: Settings) -> JournalFacts | None:
    """What the journal tells the advisor: sessions and the babies' latest numbers."""
    from letdown.advisor.journal_facts import from_journal

    return from_journal(store, _today(settings))


def _today(settings: Settings) -> dt.date:
    """Today's date where the parent is."""
    from letdown.journal.when import local_zone

    return dt.datetime.now(local_zone(settings.timezone)).date()


def default_answers(store: Journal) -> Answers:
    """Without a questionnaire: only how milk is removed, read from recent sessions."""
    from letdown.advisor import Answers

    recent = store.list_sessions(limit=30)
    pumped = sum(1 for s in recent if s.kind is Kind.pump)
    fed = sum(1 for s in recent if s.kind is Kind.breastfeed)
    mode = "both" if pumped and fed else "pumping" if pumped else "breastfeeding"
    return Answers.model_validate({"feeding_mode": mode})


def inputs_key(store: Journal, settings: Settings) -> tuple[object, ...]:
    """A cheap fingerprint of what the advice depends on (for caching it).

    The number of sessions, the newest one, the babies' records, the saved answers'
    modification time and today's date (ages change at midnight); the web app adds its
    own write counter, so edits made through it count too.
    """
    newest = store.list_sessions(limit=1)
    path = answers_path(settings.data_dir, store.access.owner_id)
    return (
        store.count_sessions(),
        (newest[0].id, newest[0].start) if newest else None,
        path.stat().st_mtime_ns if path.exists() else None,
        _today(settings),
        tuple(repr(r) for r in (*store.list_babies(), *store.list_weights(),
                                *store.list_diapers())),
    )


def current_advice(store: Journal, settings: Settings) -> tuple[Advice, bool] | None:
    """(advice, from saved answers?) — None when there is nothing to go on yet."""
    from letdown.advisor import advise

    answers = load_answers(settings.data_dir, store.access.owner_id)
    facts = facts_from(store, settings)
    if answers is None and facts is None:
        return None
    return advise(answers or default_answers(store), facts), answers is not None


def one_line(advice: Advice) -> str:
    """The advice in one line: who to see (beyond self-care) or the first thing to try."""
    from letdown.evidence.schema import Level

    if advice.level is not Level.SELF_CARE or not advice.plan:
        return advice.escalation.who
    return f"Next to try: {advice.plan[0].title}."
