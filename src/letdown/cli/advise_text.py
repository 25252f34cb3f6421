"""The advice as text for the terminal, in the same order as the web page.

What matters most comes first (reassurance when the let-down sounds normal, the level,
the one thing to do, what to say when calling), then a short summary that stays under
``SHORT_WORDS`` words, or everything with ``--full``. Imported only when printing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from letdown.advisor import Advice, Answers
    from letdown.advisor.escalation import Reason

#: Plan steps printed in full; the rest are listed by name (all are in --json).
SHOWN_STEPS = 5
#: Causes, steps and reasons named in the short text output.
SUMMARY_ITEMS = 3
#: The short text output stays under this many words (--full has no limit).
SHORT_WORDS = 250



def render(advice: Advice, answers: Answers | None = None, full: bool = False) -> str:
    """The advice as plain text for the terminal, in the web page's order.

    First what matters most (reassurance when the let-down sounds normal, the level, the
    one thing to do, what to say when calling); then, after a break when being seen comes
    first, a short summary (under 250 words in all), or everything with ``full``.
    """
    head = _first_screen(advice, answers)
    if advice.priority == "get_seen_first":
        head += ["-" * 60, f"{advice.plan_heading}.", ""]
    if full:
        return "\n".join([*head, *_everything(advice), "", advice.disclaimer])
    for detail in (2, 1, 0, -1):  # less and less detail until it fits
        text = "\n".join([*head, *_summary(advice, detail), "", advice.disclaimer])
        if len(text.split()) < SHORT_WORDS:
            break
    return text


def _top_reason(advice: Advice) -> Reason | None:
    """The most serious reason to get help (none at self-care): shown first, with its script."""
    if advice.level.value == "self_care":
        return None
    return next((r for r in advice.escalation.reasons if r.level is advice.level), None)


def _first_screen(advice: Advice, answers: Answers | None) -> list[str]:
    from letdown.advisor.reassurance import REASSURANCE, reassuring

    out: list[str] = []
    esc = advice.escalation
    if reassuring(advice, answers):
        out += [REASSURANCE, ""]
    out.append(f"When to get help: {esc.label.upper()}")
    if advice.level.value == "self_care" and advice.plan:
        out.append(f"  Try this first: {advice.plan[0].title}.")
    else:
        out.append(f"  {esc.who}")
    top = _top_reason(advice)
    if top is not None:
        out.append(f"  - {top.text}")
        if top.what_to_say:
            out.append("  What you could say when you call:")
            out.append(f'    "{top.what_to_say}"')
    out.append("")
    return out


def _other_reasons(advice: Advice) -> list[Reason]:
    top = _top_reason(advice)
    return [r for r in advice.escalation.reasons if r is not top]


def _others_title(advice: Advice) -> str:
    if advice.priority == "get_seen_first":
        return "Also worth raising when you are seen"
    return "Also worth knowing" if advice.level.value == "self_care" else "Also worth raising"


def _summary(advice: Advice, detail: int) -> list[str]:
    """The rest in a few lines: other reasons, the top causes and steps by name.

    ``detail`` 2 gives every reason for each cause, 1 the first, 0 none, and only the
    number of other reasons to raise; -1 also names only the first cause and step (a long
    urgent script can leave little room): the caller picks the most that fits the limit.
    """
    out: list[str] = []
    items = SUMMARY_ITEMS if detail >= 0 else 1
    others = _other_reasons(advice)
    title = _others_title(advice)
    if others and detail <= 0:
        out += [f"{title}: {len(others)} more points (see --full).", ""]
    elif others:
        out.append(title)
        out += [f"  - {r.text}" for r in others[:SUMMARY_ITEMS]]
        if len(others) > SUMMARY_ITEMS:
            out.append(f"  ... and {len(others) - SUMMARY_ITEMS} more (see --full).")
        out.append("")
    if advice.causes:
        out.append("What may be slowing your let-down")
        for i, cause in enumerate(advice.causes[:items], 1):
            why = "; ".join(cause.reasons[: None if detail > 1 else max(detail, 0)])
            out.append(f"  {i}. {cause.title} ({cause.likelihood})" + (f": {why}." if why else ""))
    else:
        out.append("Nothing in your answers points to a particular cause.")
    out.append("")
    skip = 1 if advice.level.value == "self_care" else 0  # that first step is shown above
    steps = advice.plan[skip : skip + items]
    if steps:
        out.append("What to try" + (" next" if skip else ", most useful and easiest first"))
        out += [f"  {i}. {step.title}" for i, step in enumerate(steps, skip + 1)]
        out.append("")
    if advice.journal_used:
        out.append("Your journal was taken into account.")
        out += [f"  From your journal: {line}." for line in advice.from_journal]
        out.append("")
    out.append("For why, how, the evidence and the sources: letdown advise --full")
    return out


def _everything(advice: Advice) -> list[str]:
    """Every reason with its script, every cause and plan step with evidence and sources."""
    out: list[str] = []
    others = _other_reasons(advice)
    if others:
        out.append(_others_title(advice))
        for reason in others:
            out.append(f"  - {reason.text}")
            if reason.what_to_say:
                out.append(f'    You could say: "{reason.what_to_say}"')
        out.append("")
    if advice.causes:
        out.append("What may be slowing your let-down")
        for i, cause in enumerate(advice.causes, 1):
            out.append(f"  {i}. {cause.title} ({cause.likelihood})")
            out.append(f"     Because {'; '.join(cause.reasons)}.")
            refs = "; ".join(r.text for r in cause.citations)
            out.append(f"     Evidence: {cause.grade.label} ({refs})")
    else:
        out.append("Nothing in your answers points to a particular cause.")
    out.append("")
    out.append("What to try, most useful and easiest first")
    sources: dict[str, str] = {}
    for i, step in enumerate(advice.plan[:SHOWN_STEPS], 1):
        effort = f"{step.effort.value} effort, " if step.effort else ""
        out.append(f"  {i}. {step.title} ({effort}{step.grade_label})")
        out.append(f"     {step.why}")
        for how in step.how:
            out.append(f"     - {how}")
        if step.note:
            out.append(f"     Note: {step.note}")
        if step.caution:
            out.append(f"     Careful: {step.caution}")
        out.append("     Evidence: " + "; ".join(r.text for r in step.citations))
        sources.update((r.text, r.url) for r in step.citations)
    rest = advice.plan[SHOWN_STEPS:]
    if rest:
        out.append("  Also worth trying: " + "; ".join(s.title.lower() for s in rest) + ".")
    if advice.good_to_know:
        out.append("")
        out.append("Good to know")
        for note in advice.good_to_know:
            out.append(f"  - {note}")
    if advice.journal_used:
        out.append("")
        out.append("Your journal was taken into account.")
        for line in advice.from_journal:
            out.append(f"  From your journal: {line}.")
    for cause in advice.causes:
        sources.update((r.text, r.url) for r in cause.citations)
    if sources:
        out.append("")
        out.append("Sources")
        for text, url in sorted(sources.items()):
            out.append(f"  {text}: {url}")
    return out
