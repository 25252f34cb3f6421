"""Studies of a day's supply: production, milk per feed, synthesis after emptying.

Each runs the day-scale supply model for the virtual group (``weeks``): a study's day is
repeated until near steady state and the last day is read."""

from __future__ import annotations

from letdown.reflex.studies.common import DAY_TIMES, Dist, Outcome, registry, within
from letdown.reflex.studies.days import day_people, day_schedule, day_typical, week, week_typical

CHECKS, study = registry()


@study("C31", "population mean of a day's milk 550-950 mL (the published 708-742 g/day with "
       "its spread)")
def c31() -> Outcome:
    d = day_schedule(DAY_TIMES)
    v = Dist(day_people(d))
    return Outcome(f"{day_typical(d):.0f} mL/24 h", v.text(".0f", "mL/24 h"),
                   within(v.mean, 550, 950))


_ELEVEN = [0.0, 2.0, 4.0, 6.0, 8.0, 10.0, 12.0, 14.0, 16.0, 18.0, 21.0]


@study("C33/C35", "population means: 50-102 mL per feed, 51-83% of the stored milk removed "
       "(published mean +/- 2 SD)")
def c33_35() -> Outcome:
    d = day_schedule(_ELEVEN)
    r, t = week(d), week_typical(d)
    per, share = Dist(r.volume[-1] / len(_ELEVEN)), Dist(r.share_removed[-1])
    return Outcome(f"{t.volume[-1][0] / len(_ELEVEN):.0f} mL per feed, "
                   f"{t.share_removed[-1][0]:.0f}% removed",
                   f"per feed {per.text('.0f', 'mL')}; removed {share.text('.0f', '%')}",
                   within(per.mean, 50, 102) and within(share.mean, 51, 83))


@study("C34", "direction: more synthesised over the day after fuller removal (20-min vs "
       "4-min sessions at 0 and 3 h), in the population mean and for most people")
def c34() -> Outcome:
    full = day_schedule([0.0, 3.0], minutes=20, days=1)
    part = day_schedule([0.0, 3.0], minutes=4, days=1)
    a, b = week(full).synthesised[-1], week(part).synthesised[-1]
    ta, tb = week_typical(full).synthesised[-1][0], week_typical(part).synthesised[-1][0]
    more = Dist(a - b).share(lambda v: v > 0)
    return Outcome(f"synthesised {ta:.0f} mL after fuller vs {tb:.0f} mL after partial "
                   f"removal", f"means {a.mean():.0f} vs {b.mean():.0f} mL; more for "
                   f"{100 * more:.0f}% of people", a.mean() > b.mean() and more > 0.5)
