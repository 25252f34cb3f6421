"""The FHIR side of ``letdown export`` and ``letdown import`` (see ``letdown.interop.fhir``).

Kept apart from ``transfer`` so the command module stays small: this builds the Bundle's
bytes (journal records, the advisor's Questionnaire, the saved answers if any) and says
in plain words what an imported Bundle held that letdown has no place for.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from letdown.journal.records import JournalData


def saved_answers() -> tuple[dict[str, Any], str] | None:
    """The advisor's last saved answers (as JSON) and when they were saved, if any."""
    from pydantic import ValidationError

    from letdown.advisor import Answers
    from letdown.cli.common import current_settings
    from letdown.locations import ANSWERS_FILE

    path = current_settings().data_dir / ANSWERS_FILE
    try:
        answers = Answers.model_validate_json(path.read_text(encoding="utf-8"))
        saved = dt.datetime.fromtimestamp(path.stat().st_mtime, dt.UTC)
    except FileNotFoundError:
        return None
    except (OSError, ValueError, ValidationError):
        click.echo("note: the advisor's saved answers could not be read; the export has the "
                   "questions without them", err=True)
        return None
    return answers.model_dump(mode="json", exclude_defaults=True), saved.isoformat(
        timespec="seconds")


def fhir_payload(data: JournalData) -> bytes:
    """The journal as a FHIR R4 transaction Bundle, JSON bytes."""
    from letdown.advisor import Answers
    from letdown.advisor.question_list import sections
    from letdown.interop.fhir import to_bundle
    from letdown.interop.fhir.questionnaire import questionnaire, response

    asked = sections(Answers)
    saved = saved_answers()
    bundle = to_bundle(
        data, questionnaire=questionnaire(asked),
        response=response(asked, saved[0], saved[1]) if saved else None,
        timestamp=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"))
    return (json.dumps(bundle, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def skipped_message(skipped: dict[str, int]) -> str | None:
    """One line on what a Bundle held that letdown does not keep (None if nothing)."""
    if not skipped:
        return None
    total = sum(skipped.values())
    parts = [f"{count} {what}" for what, count in sorted(skipped.items(),
                                                          key=lambda kv: (-kv[1], kv[0]))]
    return (f"skipped {total} part{'s' if total != 1 else ''} of the FHIR Bundle that letdown "
            f"does not keep: " + "; ".join(parts))
