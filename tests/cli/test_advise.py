"""``letdown advise``: from a file, as JSON, interactively, with the journal, and bad input."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.advisor.test_what_to_say import answer_subsets

from letdown.advisor.short_path import QUESTIONS as SHORT_QUESTIONS
from letdown.cli import cli

A1 = {
    "feeding_mode": "both",
    "baby_age_days": 49,
    "slower_at": ["work"],
    "stress_score": 7,
    "feels_rushed": True,
    "feels_watched": True,
    "pain_score": 6,
    "pain_sources": ["pump_suction"],
    "pump": {"suction_setting": "max", "suction_hurts": True},
}


def write(tmp_path: Path, data: object, name: str = "answers.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data), "utf-8")
    return path


def test_schema_is_printed_as_json_schema() -> None:
    result = CliRunner().invoke(cli, ["advise", "--schema"])
    assert result.exit_code == 0
    schema = json.loads(result.output)
    assert schema["required"] == ["feeding_mode"]
    assert "infant" in schema["properties"]


def test_answers_file_gives_human_advice_with_all_parts(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["advise", "--answers", str(write(tmp_path, A1))])
    assert result.exit_code == 0, result.output
    out = result.output
    assert "When to get help: SELF-CARE" in out
    assert "What may be slowing your let-down" in out
    assert "Feeling rushed, watched or self-conscious" in out
    assert "What to try" in out and "Suction at the strongest level" in out
    assert "https://" not in out and "letdown advise --full" in out  # sources wait for --full
    assert "not a diagnosis" in out
    full = CliRunner().invoke(cli, ["advise", "--full", "--answers", str(write(tmp_path, A1))])
    assert full.exit_code == 0, full.output
    assert "Sources" in full.output and "https://" in full.output
    assert "Evidence:" in full.output and "Evidence:" not in out


def test_answers_file_as_json(tmp_path: Path) -> None:
    urgent = {
        "feeding_mode": "breastfeeding",
        "parent": {"fever_c": 38.9, "breast_red_painful_area": True},
    }
    result = CliRunner().invoke(
        cli, ["advise", "--answers", str(write(tmp_path, urgent)), "--json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["level"] == "urgent"
    assert data["causes"][0]["id"] == "mastitis"
    assert data["escalation"]["what_to_say"]
    assert "not a diagnosis" in data["disclaimer"]


def test_answers_from_stdin() -> None:
    result = CliRunner().invoke(cli, ["advise", "--answers", "-", "--json"], input=json.dumps(A1))
    assert result.exit_code == 0
    assert json.loads(result.output)["level"] == "self_care"


def test_invalid_answer_names_the_field_and_what_is_allowed(
    tmp_path: Path, isolated_home: Path
) -> None:
    bad = {**A1, "pain_score": 14, "pump": {"suction_setting": "turbo"}}
    result = CliRunner().invoke(cli, ["advise", "--answers", str(write(tmp_path, bad))])
    assert result.exit_code == 2
    assert "pain_score" in result.output and "10" in result.output
    assert "pump.suction_setting" in result.output and "'max'" in result.output
    assert not isolated_home.exists()  # nothing written


def test_unknown_question_is_reported(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli, ["advise", "--answers", str(write(tmp_path, {**A1, "water_litres": 4}))]
    )
    assert result.exit_code == 2
    assert "water_litres" in result.output


def test_broken_json_and_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    path.write_text('{"feeding_mode": ', "utf-8")
    result = CliRunner().invoke(cli, ["advise", "--answers", str(path)])
    assert result.exit_code == 2 and "not valid JSON" in result.output
    result = CliRunner().invoke(cli, ["advise", "--answers", str(tmp_path / "none.json")])
    assert result.exit_code == 2 and "Cannot read" in result.output


def short_replies(**given: str) -> list[str]:
    """One reply per prompt of the short path, in order: ``given`` by field or question id."""
    from letdown.advisor.short_path import QUESTIONS

    lines = []
    for question in QUESTIONS:
        if question.choice:
            lines.append(given.get(question.choice.field, ""))
        lines += [given.get(n.field, "") for n in question.numbers]
        if question.kind == "numbers":
            lines += [given.get(t.key, "") for t in question.ticks]
        elif question.ticks:
            lines.append(given.get(question.id, ""))
    return lines


def test_interactive_questionnaire_with_skips_and_a_retry() -> None:
    # An invalid feeding mode is asked again; then pain 7, and no more at the end.
    replies = ["bottle", *short_replies(feeding_mode="breastfeeding", baby_age_days="12",
                                        pain_score="7"), "n"]
    result = CliRunner().invoke(cli, ["advise"], input="\n".join(replies) + "\n")
    assert result.exit_code == 0, result.output
    assert "Please choose one of: breastfeeding, pumping, both." in result.output
    assert "When to get help: SEE A LACTATION CONSULTANT (IBCLC)" in result.output
    assert "Feeding hurts (7/10)" in result.output
    assert "Tell you more?" in result.output


def test_interactive_red_flag_reaches_urgent() -> None:
    result = CliRunner().invoke(cli, ["advise"], input="\n".join(["2"] + [""] * 200))
    assert result.exit_code == 0
    assert "SELF-CARE" in result.output
    fever = short_replies(feeding_mode="2", **{"parent.fever_c": "39.1"})
    result = CliRunner().invoke(cli, ["advise"], input="\n".join([*fever, "n"]))
    assert "URGENT" in result.output


def test_journal_sessions_are_used_when_present(tmp_path: Path) -> None:
    from letdown.journal.records import Session
    from letdown.journal.service import Journal

    t0 = dt.datetime(2026, 4, 1, 9, tzinfo=dt.UTC)
    with Journal.open() as journal:
        for day in range(3):
            for place, seconds in (("home", 60), ("work", 400)):
                start = t0 + dt.timedelta(days=day, hours=4 if place == "work" else 0)
                journal.add_session(
                    Session.model_validate(
                        {
                            "kind": "pump",
                            "sides": "both",
                            "start": start,
                            "end": start + dt.timedelta(minutes=20),
                            "context": place,
                            "letdowns": [{"side": "left", "at_s": seconds}],
                        }
                    )
                )
    path = write(tmp_path, {"feeding_mode": "pumping"})
    result = CliRunner().invoke(cli, ["advise", "--answers", str(path)])
    assert result.exit_code == 0, result.output
    assert "journal" in result.output
    assert "later at work than at home" in result.output
    result = CliRunner().invoke(cli, ["advise", "--answers", str(path), "--no-journal"])
    assert "later at work" not in result.output


def test_logged_weights_and_diapers_reach_the_advice(tmp_path: Path) -> None:
    runner = CliRunner()
    born = (dt.date.today() - dt.timedelta(days=6)).isoformat()
    weighed = dt.date.today().isoformat()
    for args in (["baby", "add", "Ada", "--born", born, "--birth-weight-g", "3500"],
                 ["weight", "add", "3080", "--baby", "Ada", "--date", weighed]):
        result = runner.invoke(cli, args)
        assert result.exit_code == 0, result.output
    path = write(tmp_path, {"feeding_mode": "breastfeeding"})
    result = runner.invoke(cli, ["advise", "--answers", str(path), "--json"])
    assert result.exit_code == 0, result.output
    advice = json.loads(result.output)
    assert advice["level"] == "provider"
    assert any(r["red_flag"] == "weight_loss_over_10pct" for r in advice["escalation"]["reasons"])
    assert advice["from_journal"] and "3080 g" in advice["from_journal"][0]
    text = runner.invoke(cli, ["advise", "--answers", str(path)]).output
    assert "From your journal: Ada:" in text
    alone = runner.invoke(cli, ["advise", "--answers", str(path), "--no-journal", "--json"])
    assert json.loads(alone.output)["level"] == "self_care"


def test_urgent_text_puts_being_seen_first_and_the_plan_after_a_break(tmp_path: Path) -> None:
    a5 = json.loads((Path(__file__).parents[1] / "advisor/vignettes/A5.json").read_text("utf-8"))
    result = CliRunner().invoke(cli, ["advise", "--answers", str(write(tmp_path, a5["answers"]))])
    assert result.exit_code == 0, result.output
    out = result.output
    urgent_action = out.index("Contact a doctor today")
    script = out.index("What you could say when you call")
    brk = out.index("Once you have been seen")
    assert urgent_action < script < brk
    assert out.index("What to try") > brk and out.index("What may be slowing") > brk
    before = out[:brk]
    assert "Evidence:" not in before and "effort" not in before  # no cause or plan step yet
    assert "IBCLC" not in before.split("What you could say", 1)[0].replace(
        "a lactation consultant (IBCLC)", "")  # lower-level reasons wait after the break


def test_interactive_asks_the_time_before_both_sides_and_other_medicines() -> None:
    lines = short_replies(feeding_mode="pumping", letdown_minutes="6", usual_letdown_minutes="1")
    first = CliRunner().invoke(cli, ["advise"], input="\n".join([*lines, "y"] + [""] * 200))
    assert "up from 1 min" in first.output  # the time before was asked and used
    out = first.output.split("Tell you more?", 1)[1].split("[y/N]", 1)[1]
    for question, reply, seen in (
        ("Any other medicines, by name", "Sudafed, Zorbexil", "Ask a pharmacist about Zorbexil"),
        ("Both sides at once?", "n", "you pump one side at a time"),
    ):
        more = [""] * 200
        more[out[: out.index(question)].count("(press Enter to skip)")] = reply
        result = CliRunner().invoke(cli, ["advise"], input="\n".join([*lines, "y", *more]))
        assert result.exit_code == 0, result.output
        assert seen in result.output.split("the advice is now", 1)[1]


def _advise_file(tmp_path: Path, raw: bytes) -> Any:
    path = tmp_path / "answers.json"
    path.write_bytes(raw)
    return CliRunner().invoke(cli, ["advise", "--answers", str(path), "--no-journal"])


@pytest.mark.parametrize(
    ("raw", "said"),
    [
        (b'{"feeding_mode": "both", "baby_age_days": true}', "baby_age_days: true"),
        (b'{"feeding_mode": "both", "baby_age_days": "21"}', 'baby_age_days: "21"'),
        (b'{"feeding_mode": "both", "feeding_mode": "pumping"}', "'feeding_mode' twice"),
        (b'{"feeding_mode": "both", "pump": {"type": "manual", "type": "wearable"}}',
         "'type' twice"),
        (b'{"feeding_mode": "both", "letdown_minutes": NaN}', "NaN, which is not a number"),
        (b'{"feeding_mode": "both", "letdown_minutes": -Infinity}', "-Infinity"),
        (b'{"feeding_mode": "both", "letdown_minutes": 1e400}', "letdown_minutes: is not a n"),
        (b'{"feeding_mode": "both", "infant": {"birth_date": "2999-01-01"}}', "in the future"),
        (b'{"feeding_mode": "both", "infant": {"birth_weight_g": 3500, '
         b'"current_weight_g": 1500}}', "typo"),
        (b"\xff\xfe{}", "not UTF-8"),
    ],
)
def test_strict_answers_file_refused_in_one_clear_message(
    tmp_path: Path, raw: bytes, said: str
) -> None:
    result = _advise_file(tmp_path, raw)
    assert result.exit_code == 2, result.output
    assert said in result.output
    assert "Traceback" not in result.output and "Value error" not in result.output


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-10**6, 10**6) | st.floats()
    | st.text(max_size=20) | st.dates().map(str),
    lambda inner: st.lists(inner, max_size=4)
    | st.dictionaries(st.sampled_from(["feeding_mode", "baby_age_days", "infant", "pump",
                                       "birth_date", "type", "letdown_minutes", "x"]),
                      inner, max_size=4),
    max_leaves=12,
)


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    body=st.one_of(
        JSON_VALUES.map(lambda v: json.dumps(v).encode()),
        st.fixed_dictionaries({"feeding_mode": st.sampled_from(["both", "pumping", 1, True])},
                              optional={"baby_age_days": JSON_VALUES,
                                        "infant": JSON_VALUES}).map(
            lambda v: json.dumps(v).encode()),
        st.binary(max_size=60),
        st.lists(st.sampled_from(['{"feeding_mode": "both"', ', "feeding_mode": "pumping"',
                                  ', "a": NaN', ', "b": Infinity', "}", ", ", "1e999"]),
                 max_size=6).map(lambda parts: "".join(parts).encode()),
    )
)
def test_the_answers_loader_never_shows_a_traceback(tmp_path: Path, body: bytes) -> None:
    result = _advise_file(tmp_path, body)
    assert result.exit_code in (0, 2), (body, result.output, result.exception)
    if result.exit_code == 2:
        assert "Traceback" not in result.output
        first = result.output.strip().splitlines()[0]
        assert first.startswith(("The answers", "Cannot read"))


VIGNETTES = sorted((Path(__file__).parents[1] / "advisor/vignettes").glob("*.json"))


def _advise(tmp_path: Path, answers: object, *extra: str) -> str:
    result = CliRunner().invoke(
        cli, ["advise", "--no-journal", *extra, "--answers", str(write(tmp_path, answers))]
    )
    assert result.exit_code == 0, result.output
    return result.output


def test_short_text_stays_under_250_words_and_full_gives_the_rest(tmp_path: Path) -> None:
    levels = set()
    for path in VIGNETTES:
        answers = json.loads(path.read_text("utf-8"))["answers"]
        short = _advise(tmp_path, answers)
        full = _advise(tmp_path, answers, "--full")
        assert len(short.split()) < 250, (path.name, len(short.split()))
        assert len(full.split()) > len(short.split())
        first = short.split("\n\n", 1)[0]
        assert full.startswith(first), path.name  # the same first screen, then more
        levels.add(short.split("When to get help: ", 1)[1].split("\n", 1)[0])
    assert {"SELF-CARE", "URGENT: CONTACT A DOCTOR TODAY"} <= levels
    assert len(levels) >= 3  # urgent, provider and self-care cases are all measured


def test_full_is_documented_in_the_help() -> None:
    result = CliRunner().invoke(cli, ["advise", "--help"])
    assert result.exit_code == 0 and "--full" in result.output
    assert "250 words" in result.output


def test_a_normal_letdown_is_said_on_the_first_line(tmp_path: Path) -> None:
    calm = {"feeding_mode": "breastfeeding", "letdown_minutes": 1.5, "baby_age_days": 30}
    out = _advise(tmp_path, calm)
    assert out.splitlines()[0].startswith("Your let-down sounds normal")
    assert out.index("sounds normal") < out.index("What to try")
    for worrying in ({"letdown_absent": True}, {"letdown_minutes": 9}, {"stress_score": 8},
                     {"infant": {"wet_diapers_per_day": 2}}):
        other = _advise(tmp_path, {**calm, **worrying})
        assert "sounds normal" not in other, worrying


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(answer_subsets())
def test_any_answers_give_a_short_text_that_starts_with_what_matters(data: dict[str, Any]) -> None:
    from letdown.advisor import Answers
    from letdown.advisor import advise as run_advice
    from letdown.cli.advise_text import render

    try:
        answers = Answers.model_validate(data)
    except ValueError:
        return  # answers the questionnaire refuses are tested elsewhere
    advice = run_advice(answers)
    short = render(advice, answers)
    assert len(short.split()) < 250, short
    head = short.split("When to get help: ", 1)
    assert head[0] in ("", "Your let-down sounds normal: nothing in your answers points "
                       "to a problem.\n\n")
    if advice.level.value == "urgent":
        assert head[1].index(advice.escalation.who) < head[1].index("Once you have been seen")
    assert render(advice, answers, full=True).startswith(short.split("\n\n", 1)[0])


# ------------------------------------------------------------- the short path (issue 11)


def _asked(output: str) -> int:
    """How many short-path questions the output shows ("1. ...", "2. ..." at line start)."""
    import re

    return len(re.findall(r"^\d+\. \S", output.split("When to get help", 1)[0], re.M))


def test_the_short_path_reaches_an_urgent_first_answer_in_twelve_questions() -> None:
    replies = short_replies(feeding_mode="1", baby_age_days="20",
                            **{"infant.temperature_c": "38.5", "baby_now": "0"})
    result = CliRunner().invoke(cli, ["advise", "--no-journal"], input="\n".join([*replies, ""]))
    assert result.exit_code == 0, result.output
    out = result.output
    assert _asked(out) <= 12
    first = out.split("When to get help", 1)[1]
    assert first.startswith(": URGENT")
    assert "38.5 °C" in first.split("Once you have been seen", 1)[0]
    assert "What you could say" in first.split("Once you have been seen", 1)[0]
    assert "Tell you more?" in out and "the advice is now" not in out  # Enter = no


def test_thoughts_of_harm_ticked_comes_first_and_alone() -> None:
    replies = short_replies(feeding_mode="2", you_mind="3")
    out = CliRunner().invoke(cli, ["advise", "--no-journal"], input="\n".join([*replies, "n"]))
    head = out.output.split("When to get help", 1)[1].split("Once you have been seen", 1)[0]
    assert "emergency services" in head and "thoughts of harming" in head


def test_a_normal_letdown_is_reassured_first_from_the_short_path() -> None:
    replies = short_replies(feeding_mode="1", baby_age_days="40", letdown_minutes="1",
                            baby_now="0", you_body="0", you_mind="0", substances="0",
                            **{"infant.weight_trend": "1"})
    out = CliRunner().invoke(cli, ["advise", "--no-journal"], input="\n".join([*replies, "n"]))
    answer = out.output.split("Numbers, with commas (press Enter to skip): 0\n")[-1]
    assert answer.lstrip().startswith("Your let-down sounds normal")  # before anything else
    assert _asked(out.output) == 12


def test_bad_ticks_and_numbers_are_asked_again_plainly() -> None:
    replies = short_replies(feeding_mode="3", baby_age_days="abc\n20",
                            baby_now="0,1\n99\n1", you_body="x\n0")
    result = CliRunner().invoke(cli, ["advise", "--no-journal"], input="\n".join([*replies, "n"]))
    assert result.exit_code == 0, result.output
    out = result.output
    assert "Please type a number from 0 to 1100." in out
    assert "0 (none of these) cannot go with another number; please type again." in out
    assert "Please type numbers from 0 to 5, like 1,3, or press Enter to skip." in out
    you_body = next(q for q in SHORT_QUESTIONS if q.id == "you_body")
    assert f"Please type numbers from 0 to {len(you_body.ticks)}" in out
    assert "URGENT" in out  # "1" (very sleepy) was read in the end
    assert "Traceback" not in out


def test_tell_you_more_refines_the_answer() -> None:
    replies = short_replies(feeding_mode="2", stress_score="3")
    first = CliRunner().invoke(cli, ["advise", "--no-journal"],
                               input="\n".join([*replies, "y"] + [""] * 100))
    out = first.output.split("Tell you more?", 1)[1].split("[y/N]", 1)[1]
    more = [""] * 100
    more[out[: out.index("How the flange seems to fit")].count("(press Enter to skip)")] = (
        "too_small")
    result = CliRunner().invoke(cli, ["advise", "--no-journal"],
                                input="\n".join([*replies, "y", *more]))
    assert result.exit_code == 0, result.output
    before, after = result.output.split("With what you told me, the advice is now:", 1)
    assert "Try this first: Check the flange size" in after
    assert "Try this first: Check the flange size" not in before
    for asked_before in ("Breastfeeding, pumping", "Wet diapers", "Your highest temperature"):
        assert asked_before not in out  # nothing from the short path is asked twice


def test_end_of_input_stops_cleanly() -> None:
    nothing = CliRunner().invoke(cli, ["advise", "--no-journal"], input="")
    assert nothing.exit_code == 1 and "Stopped before the first answer" in nothing.output
    assert nothing.exception is None or isinstance(nothing.exception, SystemExit)
    some = CliRunner().invoke(cli, ["advise", "--no-journal"], input="2\n20\n")
    assert some.exit_code == 0, some.output
    assert "No more answers" in some.output and "When to get help" in some.output
    assert "Tell you more?" not in some.output
    later = short_replies(feeding_mode="2")
    more = CliRunner().invoke(cli, ["advise", "--no-journal"],
                              input="\n".join([*later, "y", "", "n"]))  # ends inside "more"
    assert more.exit_code == 0 and more.output.count("When to get help") == 2


def test_json_when_asked_is_one_document_at_the_end() -> None:
    replies = short_replies(feeding_mode="1", you_body="3")
    result = CliRunner().invoke(cli, ["advise", "--no-journal", "--json"],
                                input="\n".join([*replies, "n"]))
    assert result.exit_code == 0, result.output
    body = result.output[result.output.index("\n{") + 1:]
    assert json.loads(body)["level"] == "urgent"


@given(st.lists(st.sampled_from(["", "0", "1", "2", "3", "1,2", "0,1", "99", "x", "y", "n",
                                 "38.5", "-1", "\x00", "🙂", "9" * 400]), max_size=60))
@settings(max_examples=40, deadline=None)
def test_any_typing_ends_in_advice_or_a_clean_stop(lines: list[str]) -> None:
    result = CliRunner().invoke(cli, ["advise", "--no-journal"], input="\n".join(lines))
    assert result.exit_code in (0, 1), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    if result.exit_code == 1:
        assert "Aborted!" in result.output
    else:
        assert "When to get help" in result.output
