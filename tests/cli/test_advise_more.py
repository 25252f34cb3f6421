"""`letdown advise` asks, after "Tell you more?", every question the questionnaire has.

The terminal interview reads its questions from the questionnaire model (the same list
as the web page), so a question added to ``letdown.advisor.Answers`` is asked here too;
this test fails when one is not.
"""

from __future__ import annotations

from click.testing import CliRunner
from tests.cli.test_advise import short_replies

from letdown.advisor import Answers
from letdown.advisor.question_list import more_sections
from letdown.cli import cli
from letdown.cli.advise_ask import NOT_IN_TERMINAL


def test_tell_you_more_asks_every_question_the_short_path_did_not() -> None:
    # Answers that open every conditional question: pumping, pain, alcohol and nicotine.
    replies = short_replies(feeding_mode="pumping", pain_score="5")
    substances = next(i for i, r in enumerate(short_replies(substances="X")) if r == "X")
    from letdown.advisor.short_path import QUESTIONS

    ticks = next(q for q in QUESTIONS if q.id == "substances").ticks
    keys = [str(i) for i, t in enumerate(ticks, 1) if t.value in ("alcohol", "nicotine")]
    replies[substances] = ",".join(keys)
    result = CliRunner().invoke(cli, ["advise", "--no-journal"],
                                input="\n".join([*replies, "y"] + [""] * 300))
    assert result.exit_code == 0, result.output
    asked = result.output.split("Tell you more?", 1)[1]
    missing = [q.name for s in more_sections(Answers) for q in s.questions
               if q.name not in NOT_IN_TERMINAL and q.name != "infant.weighed_at_age_days"
               and q.label.rstrip("?.") not in asked]
    assert missing == []
