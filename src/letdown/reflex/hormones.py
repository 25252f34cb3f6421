"""Stress hormones as outputs: plasma adrenaline and cortisol around a session.

Why a module of its own, computed after the session: neither hormone feeds back on the
let-down in the model (adrenaline's actions are already carried by the sympathetic tone
``E`` in ``model``), so they are read off the same forcing the engine used, on a coarse
20-second grid, without adding work to the engine's steps.

- **Adrenaline** follows the sympathetic tone with its plasma half-life
  (``tau_adrenaline``), ``adrenaline_basal_pg_ml`` at resting tone; a share of a change of
  tone is adrenal (``adrenaline_tone_share``: a public speech raises plasma adrenaline
  about 2.7-fold), injected adrenaline counts in full. Stress events, pain from too much
  vacuum, and the parent's state (stress, cold, nicotine: Cryer et al. N Engl J Med
  1976;295:573-7) raise it; relaxation and the baby near lower it.
- **Cortisol** (total plasma) is made by the adrenal under an ACTH-like drive that rises
  with an acute rise of sympathetic tone above the person's resting tone (the two stress
  axes are activated together by a stressor; the HPA axis lags: ACTH peaks at the end of a
  stressor and cortisol 10-20 min later, Kirschbaum et al. 1993) and falls when tone falls
  below it (holding the baby lowered ACTH and cortisol, as did breastfeeding). Cortisol is
  cleared with its plasma half-life. Suckling or breast stimulation holds the drive down
  (Chiodera et al. 1991: ACTH falls during suckling; Amico et al. 1994: cortisol 13.2 ->
  9.8 ug/dL 15 min into a feed), and the hold fades over the following hour (Altemus et al.
  2001: no blunting when stressed 40-60 min after the last feed; Heinrichs, Neumann &
  Ehlert 2002: the blunting is short-term, not a restraint for the whole of lactation).
  So a stressor soon after a feed raises cortisol less than the same stressor without one.
- Not modelled: the time of day (the circadian rhythm; every session starts from the same
  daytime level), noradrenaline, the slow cortisol rise after each cigarette (cigarettes are
  not timed within a day), and any action of cortisol on milk: whether labour stress and
  cortisol delay the onset of copious milk is for the supply model (it has no hook yet).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from letdown.reflex.model import People
from letdown.reflex.params import Param, value
from letdown.reflex.stimulus import IV_TIME, Schedule

Array = NDArray[np.float64]

#: grid on which the hormones are read, s (adrenaline's time constant is about 3 min, the
#: ACTH-like drive's 10 min; each lag is updated exactly for a step)
STEP_S = 20.0

HORMONE_PARAMS: dict[str, Param] = {
    "adrenaline_tone_share": Param(
        0.4, "1",
        "'Plasma level of catecholamines and lipids when speaking before an audience' "
        "(scilit.com/publications/02094fabd55c142c376e3b0b47d2a382: adrenaline x2.7 during "
        "a public speech, a stressor scored 6/10 here, where the tone is 5.2x resting); "
        "Hjemdahl et al. Clin Sci 1986;70:199 (vascular actions from about 1.3 nmol/L, "
        "which this share puts near the tone of the gland's half effect)", "weak",
        "share of a change of sympathetic tone that shows as plasma adrenaline (the rest is "
        "neural); injected adrenaline counts in full",
    ),
    "cortisol_basal_nmol_l": Param(
        364.0, "nmol/L",
        "Amico, Johnston & Vagnucci. Endocr Res 1994;20:79-87 (serum cortisol 13.2 +/- 5.9 "
        "ug/dL before nursing, 1-24 weeks postpartum; 1 ug/dL = 27.6 nmol/L)", "moderate",
        "a daytime level; the circadian rhythm is not modelled",
    ),
    "cortisol_half_life": Param(
        90.0 * 60.0, "s",
        "Czock et al. Clin Pharmacokinet 2005;44:61-98 (hydrocortisone elimination half-life "
        "about 1.5 h)", "moderate",
    ),
    "tau_acth": Param(
        10.0 * 60.0, "s",
        "Kirschbaum, Pirke & Hellhammer. Neuropsychobiology 1993;28:76-81 (Trier Social "
        "Stress Test: ACTH peaks at the end of the stressor, cortisol 10-20 min later)",
        "weak", "lag of the ACTH-like drive behind the sympathetic tone",
    ),
    "hpa_max": Param(
        8.0, "x basal cortisol secretion",
        "adrenal output rises several-fold under ACTH; Kirschbaum 1993 (plasma cortisol "
        "rises by about half to double after a 15-min psychosocial stressor); assumed",
        "assumed", "the largest extra secretion a stressor can drive",
    ),
    "hpa_half_tone": Param(
        3.0, "x resting sympathetic tone above rest",
        "sized so that stress 6/10 for 15 min raises cortisol by about half (Kirschbaum "
        "1993); assumed", "assumed",
    ),
    "suckling_hpa_cut": Param(
        0.9, "fraction of the drive",
        "Amico et al. 1994 (cortisol fell 26% within 15 min of suckling, faster than "
        "clearance alone allows); Chiodera et al. Horm Res 1991;35:119 (ACTH falls during "
        "suckling or breast stimulation)", "weak",
    ),
    "suckling_hpa_memory": Param(
        30.0 * 60.0, "s",
        "Altemus et al. Psychosom Med 2001;63:814-21 (stress responses not blunted in "
        "lactating women stressed at least 40 min to 1 h after feeding); Heinrichs, Neumann "
        "& Ehlert. Stress 2002;5:195-203 (the blunting fades within about an hour of "
        "suckling)", "weak", "time constant of the fading of suckling's hold on the drive",
    ),
}


def hp(name: str) -> float:
    """The nominal value of a stress-hormone parameter."""
    return HORMONE_PARAMS[name].value


@dataclass(frozen=True)
class Course:
    """Hormones over the simulated window, shape (times, people); t in s from first touch."""

    t: Array
    adrenaline_pg_ml: Array
    cortisol_nmol_l: Array
    acth_drive: Array  # ACTH-like drive, x basal secretion minus 1 (0 at rest)

    def at(self, seconds: float) -> tuple[Array, Array]:
        """(adrenaline, cortisol) of each person at ``seconds`` from first touch."""
        i = int(np.clip(np.searchsorted(self.t, seconds), 0, self.t.size - 1))
        return self.adrenaline_pg_ml[i], self.cortisol_nmol_l[i]

    def peak_after(self, seconds: float) -> tuple[Array, Array]:
        """Each person's highest (adrenaline, cortisol) from ``seconds`` on."""
        w = self.t >= seconds - 1e-9
        return self.adrenaline_pg_ml[w].max(axis=0), self.cortisol_nmol_l[w].max(axis=0)


def _per_person(v: object, n: int) -> Array:
    return np.broadcast_to(np.asarray(v, dtype=float), (n,)).astype(float)


def _relax(target: Array, first: Array, keep: Array | float) -> Array:
    """First-order lag along time (axis 0): x_i = target_i + (x_(i-1) - target_i) keep,
    from x_(-1) = ``first``; one vector operation per time step."""
    out = np.empty_like(target)
    x = first
    for i in range(target.shape[0]):
        x = target[i] + (x - target[i]) * keep
        out[i] = x
    return out


def _series(values: list[object], rows: int) -> Array:
    """A forcing field over time as (times, 1), or (times, people) when the forcing holds
    one value per person (the sensitivity analysis gives each person their own stimulus)."""
    return np.array([np.ravel(np.asarray(v, dtype=float)) for v in np.broadcast_arrays(
        *[np.asarray(v, dtype=float) for v in values])]).reshape(rows, -1)


def course(p: People, sched: Schedule, step: float = STEP_S) -> Course:
    """Adrenaline and cortisol for everyone in ``p`` through the schedule's window.

    Computed over whole (time x people) arrays: the forcing is the same for everyone (or
    given per person), and the tone is linear in each person's resting tone and stress
    reactivity, so only the lags take a loop over time (one vector operation a step)."""
    n = p.n
    times = np.arange(sched.start, sched.end + step * 0.5, step)
    rows = times.size
    forcing = [sched.at(float(t)) for t in times]
    stress = _series([f.stress for f in forcing], rows)
    vacuum = _series([f.vacuum for f in forcing], rows)
    keep_tone = 1.0 - _series([f.calm for f in forcing], rows)
    stim = np.minimum(_series([f.stim for f in forcing], rows) / value("infant_stimulus"), 1.0)
    injected = _injected(sched, times, step)
    tone0 = _per_person(p.tone0, n)
    basal = value("tone_basal")
    hold = _hold(stim, step)
    shape = (rows, n)
    if not (stress.any() or vacuum.any() or injected.any() or (keep_tone != 1.0).any()):
        # the common case (no stressor, pain, dose or calming): the tone stays at each
        # person's resting tone, so cortisol moves with suckling alone
        drive1 = _relax((1.0 - hp("suckling_hpa_cut") * hold) - 1.0,
                        np.zeros(hold.shape[1]), np.exp(-step / np.asarray(hp("tau_acth"))))
        cort1 = _cortisol(drive1, step)
        adr1 = _adrenaline(tone0, np.zeros(1))
        return Course(times, np.broadcast_to(adr1, shape), np.broadcast_to(cort1, shape),
                      np.broadcast_to(drive1, shape))
    # sympathetic tone for everyone (times, n): resting, events, pain, calm
    tone = keep_tone * tone0 + stress * keep_tone * _per_person(p.tone_evt, n)
    if np.any(vacuum > 0.0):
        excess = vacuum * _per_person(p.inv_mcv, n) - 1.0
        tone = tone + p.pain_gain * np.maximum(excess, 0.0) * keep_tone
    tone = np.broadcast_to(tone, shape)
    keep_e = np.exp(-step / np.asarray(value("tau_adrenaline")))
    # the lag of adrenaline behind tone, plus what is injected (tone units, as in model)
    e_tone = _relax(tone, tone0, keep_e)
    dose = _lagged_dose(injected, keep_e)
    e = e_tone + dose
    rise = (e - tone0) / basal  # acute change of tone, in resting-tone units
    top, half = hp("hpa_max"), hp("hpa_half_tone")
    up = top * np.maximum(rise, 0.0) / (np.maximum(rise, 0.0) + half)
    target = (1.0 + np.where(rise > 0.0, up, np.maximum(rise, -1.0))) * (
        1.0 - hp("suckling_hpa_cut") * hold) - 1.0
    drive = _relax(target, np.zeros(n), np.exp(-step / np.asarray(hp("tau_acth"))))
    return Course(times, _adrenaline(e_tone, dose), _cortisol(drive, step), drive)


def _adrenaline(tone: Array, dose: Array) -> Array:
    """Plasma adrenaline, pg/mL, from the (lagged) sympathetic tone and injected adrenaline
    (tone units): a share of a tone change is adrenal, an injection counts in full."""
    basal = value("tone_basal")
    ratio = 1.0 + hp("adrenaline_tone_share") * (tone / basal - 1.0) + dose / basal
    return np.asarray(value("adrenaline_basal_pg_ml") * ratio, dtype=float)


def _hold(stim: Array, step: float) -> Array:
    """Suckling's hold on the HPA drive over time (0-1): builds within a minute or two of
    breast stimulation, fades over the following hour."""
    hold = np.empty_like(stim)
    h = np.zeros(stim.shape[1:])
    fade, build = math.exp(-step / hp("suckling_hpa_memory")), math.exp(-step / 90.0)
    for i, s_i in enumerate(stim):
        h = s_i + (h - s_i) * np.where(s_i < h, fade, build)
        hold[i] = h
    return hold


def _cortisol(drive: Array, step: float) -> Array:
    """Plasma cortisol (times, people) from the ACTH-like drive: secretion holds the level
    ``basal x (1 + drive)``, and the plasma follows it with cortisol's half-life."""
    c_basal = hp("cortisol_basal_nmol_l")
    kel = math.log(2.0) / hp("cortisol_half_life")
    made = c_basal * np.maximum(1.0 + drive, 0.0)
    return _relax(made, np.full(drive.shape[1], c_basal), math.exp(-kel * step))


def _injected(sched: Schedule, times: Array, step: float) -> Array:
    """Adrenaline injected (tone units) in the step ending at each time: the integral of
    each dose's gamma-shaped entry (``stimulus.gamma_pulse``), exact however short the
    pulse is against the step."""

    def entered(s: Array) -> Array:  # share of a unit dose in by s seconds after it
        u = np.maximum(s, 0.0) / IV_TIME
        return np.asarray(1.0 - (1.0 + u) * np.exp(-u), dtype=float)

    out = np.zeros(times.size)
    for e in sched.events:
        if e.kind == "adrenaline_iv":
            t0 = e.at_min * 60.0
            out += e.amount * (entered(times - t0) - entered(times - step - t0))
    return out


def _lagged_dose(injected: Array, keep: Array) -> Array:
    """Adrenaline injected (tone units per step) as it stands in the plasma at each step:
    added at once, cleared with the same lag as tone."""
    x: Array | float = 0.0
    out = []
    for d in injected:
        x = x * keep + d
        out.append(x)
    return np.array(out, dtype=float).reshape(injected.size, -1)


def outputs(p: People, sched: Schedule) -> dict[str, Array]:
    """Per-person stress-hormone outputs of a session, added to the population metrics:
    plasma adrenaline at touch and at its highest, total cortisol at touch, at its highest
    and at the end of the simulated window (session plus ``observe_min``)."""
    c = course(p, sched)
    adr0, cort0 = c.at(0.0)
    adr_peak, cort_peak = c.peak_after(0.0)
    return {
        "adrenaline_pg_ml": np.array(adr0, dtype=float),
        "peak_adrenaline_pg_ml": np.array(adr_peak, dtype=float),
        "cortisol_nmol_l": np.array(cort0, dtype=float),
        "peak_cortisol_nmol_l": np.array(cort_peak, dtype=float),
        "end_cortisol_nmol_l": np.array(c.cortisol_nmol_l[-1], dtype=float),
    }


#: name -> (label, unit) of the outputs above, for displays
HORMONE_OUTPUTS: dict[str, tuple[str, str]] = {
    "adrenaline_pg_ml": ("plasma adrenaline at the start", "pg/mL"),
    "peak_adrenaline_pg_ml": ("peak plasma adrenaline", "pg/mL"),
    "cortisol_nmol_l": ("plasma cortisol at the start", "nmol/L"),
    "peak_cortisol_nmol_l": ("peak plasma cortisol", "nmol/L"),
    "end_cortisol_nmol_l": ("plasma cortisol at the end", "nmol/L"),
}
