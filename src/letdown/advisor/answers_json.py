"""Answers from JSON bytes, strictly: every way a file can be wrong becomes a plain message.

The CLI reads the bytes (that is I/O); turning them into validated answers is
here, free of I/O, so every tool that accepts an answers file refuses the same
things with the same words: text that is not UTF-8, JSON that does not parse, a
question given twice (which answer would be meant?), NaN or Infinity (not a
number anyone measured), a value of the wrong kind (``true`` for a number,
``"21"`` for 21), and what the questionnaire itself refuses (dates in the future,
an impossible weight loss).
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from pydantic import ValidationError

from letdown.advisor.questionnaire import Answers

SEE_SCHEMA = "allowed: JSON as shown by `letdown advise --schema`"

#: Error types that mean "a value of the wrong JSON type", with what is allowed.
WRONG_TYPE = {
    "int_type": "a whole number without quotes, like 21",
    "float_type": "a number without quotes, like 4.5",
    "bool_type": "true or false, without quotes",
}


class AnswersError(ValueError):
    """Answers that cannot be used; ``lines`` say why, one problem a line."""

    def __init__(self, lines: list[str]) -> None:
        super().__init__(lines[0])
        self.lines = lines


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    seen: dict[str, Any] = {}
    for key, value in pairs:
        if key in seen:
            raise AnswersError(
                [
                    f"The answers file gives {key!r} twice; allowed: each question once. "
                    "Remove one of them and try again."
                ]
            )
        seen[key] = value
    return seen


def _no_constant(name: str) -> Any:
    raise AnswersError(
        [
            f"The answers file has {name}, which is not a number; allowed: a number such as 4 "
            "or 4.5, or leave the question out."
        ]
    )


def load_json(raw: bytes) -> Any:
    """The bytes as JSON, refusing non-UTF-8 text, duplicate keys, NaN and Infinity."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise AnswersError(
            [f"The answers file is not text (byte {exc.start} is not UTF-8); {SEE_SCHEMA}."]
        ) from None
    try:
        return json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_no_constant)
    except AnswersError:
        raise
    except json.JSONDecodeError as exc:
        raise AnswersError(
            [
                f"The answers file is not valid JSON (line {exc.lineno}, column {exc.colno}): "
                f"{exc.msg}."
            ]
        ) from None
    except RecursionError:
        raise AnswersError(
            [f"The answers file is nested too deeply to be answers; {SEE_SCHEMA}."]
        ) from None
    except ValueError as exc:  # e.g. a number with thousands of digits
        reason = "a number has too many digits" if "digits" in str(exc) else str(exc)[:100]
        message = f"The answers file has a value that cannot be read: {reason}."
        raise AnswersError([message]) from None


def describe(error: ValidationError) -> list[str]:
    """One line per problem: the field's path, what is wrong, and what is allowed."""
    lines = []
    for item in error.errors():
        loc = ".".join(str(p) for p in item["loc"]) or "answers"
        msg = item["msg"]
        allowed = ""
        ctx = item.get("ctx") or {}
        if item["type"] in WRONG_TYPE:
            msg = f"{json.dumps(item['input'], default=str)[:40]} is the wrong kind of value"
            allowed = f" (allowed: {WRONG_TYPE[item['type']]})"
        elif item["type"] == "finite_number":
            msg = "is not a number"
            allowed = " (allowed: a finite number, or leave the question out)"
        elif item["type"] == "value_error":
            msg = msg.removeprefix("Value error, ")
        elif "expected" in ctx:
            allowed = f" (allowed: {ctx['expected']})"
        elif item["type"] == "extra_forbidden":
            msg = "is not a question the advisor knows"
            allowed = " (see `letdown advise --schema`)"
        lines.append(f"  {loc}: {msg}{allowed}")
    return lines


def validate(raw: Any, today: dt.date | None = None) -> Answers:
    """Decoded answers as the questionnaire, or ``AnswersError`` naming each problem."""
    context = {"today": today} if today is not None else None
    try:
        return Answers.model_validate(raw, context=context)
    except ValidationError as exc:
        raise AnswersError(["The answers are not valid:", *describe(exc)]) from None


def parse(raw: bytes, today: dt.date | None = None) -> Answers:
    """An answers file's bytes as validated answers (``AnswersError`` when they are not)."""
    return validate(load_json(raw), today)
