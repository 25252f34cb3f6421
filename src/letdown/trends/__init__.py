"""When a trend needs help: persistent problems in the journal turned into escalation.

Not one bad day: a let-down that takes longer week after week, volumes falling, most
recent sessions without a let-down noticed or with pain, and the baby's growth (early
weight loss, no return to birth weight, falling across percentile lines, slow gain).
Each finding carries its evidence and goes through the advisor's levels and its "what
to say" text. Pure: records in, typed findings out; ``render`` gives plain text.

It sits above the advisor and ``growth`` (it reuses both), below the interfaces.
"""
