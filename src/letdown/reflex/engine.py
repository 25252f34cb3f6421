"""The fast engine: a fixed-step second-order (Heun) integrator over a population of people.

Why fixed-step and vectorised: an adaptive ``solve_ivp`` per person manages tens of sessions
per second; stepping every person at once with NumPy arrays of shape (n,) reaches thousands.
The step ``DT`` was chosen by a convergence test against the ``solve_ivp`` reference
(``tests/reflex/test_reference.py``): every metric agrees within 1%.

Between the sessions of a day the fast states relax to rest and only the slow ones evolve,
in closed form: synthesis with exponent 2 integrates to a tanh, and the two-stage prolactin
decay is a sum of exponentials. A 24-hour day therefore costs no more than its sessions.

Randomness enters only through the people drawn for a population (one generator, seeded,
drawn up front), so a seed reproduces a run exactly and chunking does not change results.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field, fields, replace
from typing import Any

import numpy as np

from letdown.reflex import model
from letdown.reflex.dosing import dosed_schedule
from letdown.reflex.metrics import (
    PULSE_OFF,
    PULSE_ON,
    Metrics,
    from_series,
    summarise,
)
from letdown.reflex.modifiers import from_scenario
from letdown.reflex.params import value
from letdown.reflex.scenario import Scenario, ScenarioError
from letdown.reflex.stimulus import Forcing, Schedule

#: integration step (s), chosen by the convergence test
DT = 1.5

IX = model.IDX


@dataclass
class Trace:
    """One simulated person: time series, events and metrics.

    ``t`` is in seconds from the first touch of the (first) session. For a day, ``sessions``
    holds one Metrics per session and ``day`` the 24-hour totals.
    """

    name: str
    t: np.ndarray
    plasma_ot: np.ndarray  # pg/mL
    contraction: np.ndarray  # 0-1
    activity: np.ndarray  # oxytocin cell activity 0-1
    prl: np.ndarray  # ng/mL
    removed: np.ndarray  # cumulative mL, both breasts
    removed_left: np.ndarray
    removed_right: np.ndarray
    stored: np.ndarray  # mL in both breasts
    flow: np.ndarray  # mL/s removal rate, both breasts
    ejection_times: list[float]
    pulse_times: list[float]
    metrics: Metrics
    sessions: list[Metrics] = field(default_factory=list)
    session_starts: list[float] = field(default_factory=list)
    day: dict[str, float] | None = None

    def as_dict(self, series: bool = True) -> dict[str, Any]:
        """JSON-friendly dict (arrays as lists) for the CLI and the web explorer."""
        out: dict[str, Any] = {
            "name": self.name,
            "metrics": self.metrics.as_dict(),
            "ejection_times_s": self.ejection_times,
            "pulse_times_s": self.pulse_times,
        }
        if self.day is not None:
            out["day"] = self.day
            out["sessions"] = [m.as_dict() for m in self.sessions]
            out["session_starts_s"] = self.session_starts
        if series:
            for key in ("t", "plasma_ot", "contraction", "prl", "removed", "flow"):
                out[key] = [round(float(v), 4) for v in getattr(self, key)]
        return out


def _grid(start: float, end: float, dt: float) -> np.ndarray:
    steps = max(1, math.ceil((end - start) / dt - 1e-9))
    return np.linspace(start, end, steps + 1)


def _shared_step(
    k: model.Const, cue: float, f0: Forcing, f1: Forcing, sh: list[float], dt: float
) -> tuple[list[float], list[float]]:
    """Heun step of the shared scalar states; returns (predictor, corrected)."""
    d1 = model.shared_derivs(k, cue, f0, *sh)
    pred = [s + dt * d for s, d in zip(sh, d1, strict=True)]
    d2 = model.shared_derivs(k, cue, f1, *pred)
    new = [s + 0.5 * dt * (a + b) for s, a, b in zip(sh, d1, d2, strict=True)]
    return pred, new


# ---------------------------------------------------------------------------------------
# one person, plain floats (fast for a single trace)
# ---------------------------------------------------------------------------------------


def _segment_one(
    k: model.Const,
    p: model.People,
    sched: Schedule,
    cue: float,
    y: list[float],
    sh: list[float],
    dt: float,
) -> tuple[dict[str, np.ndarray], list[float], list[float]]:
    times = _grid(sched.start, sched.end, dt)
    forcing = [sched.at(float(t)) for t in times]
    n = len(times)
    rec = np.empty((n, 8))
    h = float(times[1] - times[0])

    def record(i: int, y: list[float], sh: list[float], f: Forcing) -> None:
        rm_rate = p.removal * p.flow * (
            model.removal_factor(k, f.removal_left, f.compression_left, f.boost_left,
                                 f.flow_left) * y[IX["DL"]]
            + model.removal_factor(k, f.removal_right, f.compression_right, f.boost_right,
                                   f.flow_right) * y[IX["DR"]]
        )
        rec[i] = (
            y[IX["P"]],
            y[IX["M"]],
            y[IX["x"]],
            sh[3],
            y[IX["VL"]],
            y[IX["VR"]],
            y[IX["AL"]] + y[IX["AR"]] + y[IX["DL"]] + y[IX["DR"]],
            rm_rate,
        )

    record(0, y, sh, forcing[0])
    for i in range(n - 1):
        f0, f1 = forcing[i], forcing[i + 1]
        d1 = model.derivs(k, p, f0, sh[0], sh[1], tuple(y))
        sh_pred, sh_new = _shared_step(k, cue, f0, f1, sh, h)
        yp = [a + h * b for a, b in zip(y, d1, strict=True)]
        d2 = model.derivs(k, p, f1, sh_pred[0], sh_pred[1], tuple(yp))
        y = [a + 0.5 * h * (b + c) for a, b, c in zip(y, d1, d2, strict=True)]
        sh = sh_new
        record(i + 1, y, sh, f1)
    series = {
        "t": times,
        "plasma_ot": rec[:, 0],
        "contraction": rec[:, 1],
        "activity": rec[:, 2],
        "phi": rec[:, 3],
        "removed_left": rec[:, 4],
        "removed_right": rec[:, 5],
        "stored": rec[:, 6],
        "flow": rec[:, 7],
    }
    return series, y, sh


# ---------------------------------------------------------------------------------------
# many people, NumPy arrays of shape (n,)
# ---------------------------------------------------------------------------------------


def _segment_many(
    k: model.Const,
    p: model.People,
    sched: Schedule,
    cue: float,
    y: np.ndarray,
    sh: list[float],
    dt: float,
) -> tuple[dict[str, np.ndarray], list[float]]:
    """Integrate one session for everyone at once, detecting events on the fly."""
    times = _grid(sched.start, sched.end, dt)
    forcing = [sched.at(float(t)) for t in times]
    h = float(times[1] - times[0])
    n = y.shape[1]
    d1 = np.empty_like(y)
    d2 = np.empty_like(y)
    yp = np.empty_like(y)
    on_e, off_e = value("ejection_on"), value("ejection_off")
    m, x = y[IX["M"]], y[IX["x"]]
    armed_e = m < off_e
    armed_p = x < PULSE_OFF
    n_e = np.zeros(n, dtype=np.int64)
    n_p = np.zeros(n, dtype=np.int64)
    first_t = np.full(n, np.nan)
    v_on = np.full((3, n), np.nan)
    pending = (m >= on_e) & ~armed_e  # an ejection begun before touch, still under way
    v_touch: np.ndarray | None = None
    settled = False  # past touch: nothing can be pending any more (skip that bookkeeping)
    peak_ot = y[IX["P"]].copy()
    phi_max: Any = sh[3]
    session_end = sched.duration
    for i in range(len(times) - 1):
        f0, f1 = forcing[i], forcing[i + 1]
        for j, v in enumerate(model.derivs(k, p, f0, sh[0], sh[1], tuple(y))):
            d1[j] = v
        sh_pred, sh_new = _shared_step(k, cue, f0, f1, sh, h)
        np.multiply(d1, h, out=yp)
        yp += y
        for j, v in enumerate(model.derivs(k, p, f1, sh_pred[0], sh_pred[1], tuple(yp))):
            d2[j] = v
        d1 += d2
        d1 *= 0.5 * h
        counting = times[i + 1] <= session_end + 1e-9
        touch = times[i + 1] >= 0.0
        y += d1  # d1 now holds this step's increment, so old values are new - d1
        sh = sh_new
        phi_max = np.maximum(phi_max, sh[3])
        np.maximum(peak_ot, y[IX["P"]], out=peak_ot)
        if not counting:
            continue
        m, x = y[IX["M"]], y[IX["x"]]
        if touch and v_touch is None:
            frac0 = (0.0 - times[i]) / h
            v_now = y[IX["VL"]] + y[IX["VR"]]
            v_touch = v_now - (1.0 - frac0) * (d1[IX["VL"]] + d1[IX["VR"]])
        hit = armed_e & (m >= on_e)
        armed_e &= ~hit
        rearm = m < off_e
        armed_e |= rearm
        if hit.any():
            idx = np.nonzero(hit)[0]
            m_new = m[idx]
            m_old = m_new - d1[IX["M"], idx]
            frac = (on_e - m_old) / (m_new - m_old)
            t_c = times[i] + frac * h
            v_new = y[IX["VL"], idx] + y[IX["VR"], idx]
            v_old = v_new - (d1[IX["VL"], idx] + d1[IX["VR"], idx])
            v_c = v_old + frac * (v_new - v_old)
            if not settled:
                early = t_c < 0.0
                pending[idx[early]] = True
                late = ~early
                idx, t_c, v_c = idx[late], t_c[late], v_c[late]
            first = n_e[idx] == 0
            first_t[idx[first]] = t_c[first]
            for slot in range(3):
                sel = n_e[idx] == slot
                v_on[slot, idx[sel]] = v_c[sel]
            n_e[idx] += 1
        if not settled:
            pending &= ~rearm
            if touch:
                assert v_touch is not None
                idx = np.nonzero(pending)[0]
                first_t[idx] = 0.0  # under way at touch: the session's first ejection is at 0
                v_on[0, idx] = v_touch[idx]
                n_e[idx] += 1
                settled = True
        hit = armed_p & (x >= PULSE_ON)
        armed_p &= ~hit
        armed_p |= x < PULSE_OFF
        if settled and times[i] >= 0.0:
            n_p += hit
        elif touch and hit.any():
            idx = np.nonzero(hit)[0]
            x_new = x[idx]
            x_old = x_new - d1[IX["x"], idx]
            t_c = times[i] + (PULSE_ON - x_old) / (x_new - x_old) * h
            n_p[idx[t_c >= 0.0]] += 1
    online = {
        "ejections": n_e,
        "first_t": first_t,
        "v_on": v_on,
        "pulses": n_p,
        "v_touch": v_touch if v_touch is not None else np.zeros(n),
        "peak_ot": peak_ot,
        "phi_max": np.array(phi_max),
    }
    return online, sh


# ---------------------------------------------------------------------------------------
# days: the slow states between sessions, in closed form
# ---------------------------------------------------------------------------------------


def _between(
    k: model.Const, p: model.People, y: Any, sh: list[float], gap: float, rest: list[Any]
) -> tuple[Any, list[float]]:
    """Advance from the end of one session to the start of the next (``gap`` seconds).

    Milk left in the ducts flows back to the alveoli; synthesis follows
    dF/dt = (r / capacity)(1 - F^2), whose solution is F(t) = tanh(atanh(F0) + r t / capacity);
    the fast states return to rest; prolactin decays through its two stages.
    """
    out = list(y)
    for a_key, d_key in (("AL", "DL"), ("AR", "DR")):
        a, d = out[IX[a_key]], out[IX[d_key]]
        a = a + d - p.d_rest
        d = p.d_rest + 0.0 * a
        f0 = np.minimum((a + d) * p.inv_cap, 1.0 - 1e-12)
        f1 = np.tanh(np.arctanh(f0) + p.syn_rate * p.inv_cap * gap)
        out[IX["S"]] = out[IX["S"]] + (f1 - f0) * p.capacity
        out[IX[a_key]] = f1 * p.capacity - d
        out[IX[d_key]] = d
    for key in ("h", "x", "y", "R", "P", "Q", "M", "z", "E"):
        out[IX[key]] = rest[IX[key]] + 0.0 * out[IX["S"]]
    # receptors lost to sustained oxytocin come back slowly (hours), not with the fast states
    back = math.exp(-gap * k.inv_tau_recovery)
    out[IX["r"]] = rest[IX["r"]] + (out[IX["r"]] - rest[IX["r"]]) * back
    _a_sh, _c_sh, sp, phi = sh
    ks, kp = k.inv_tau_sp, k.k_prl
    es, ep = math.exp(-gap * ks), math.exp(-gap * kp)
    phi_new = phi * ep + sp * kp / (kp - ks) * (es - ep)
    return out, [0.0, 0.0, sp * es, phi_new]


# ---------------------------------------------------------------------------------------
# public API
# ---------------------------------------------------------------------------------------


def _setup(scenario: Scenario, n: int, rng: np.random.Generator | None) -> tuple[
    model.Const, model.People, float, list[Any]
]:
    mods = from_scenario(scenario)
    k = model.constants(mods.weeks_postpartum)
    p = model.people(mods, scenario.session.kind, n, rng)
    lead = -Schedule(scenario).start
    rest = model.rest_at_touch(k, p, scenario.parent.fullness, lead)
    p = replace(p, basal_sec=model.basal_secretion_correction(k, p, rest))
    return k, p, mods.cue, rest


def available_at_touch(p: model.People, sched: Schedule, y: Any) -> Any:
    """Milk available to the session: what the breasts used hold at first touch (mL).

    ``y`` is the state at the start of the simulated segment (``sched.start``, before touch);
    nothing is removed before touch, so synthesis alone carries it to touch. A one-sided
    session is measured against the one breast used; a session that touches no breast
    against both (it removes nothing, so 0%)."""
    lead = -sched.start
    left_used, right_used = (side is not None for side in sched.sides)
    if not (left_used or right_used):
        left_used = right_used = True
    total: Any = 0.0
    for used, a_key, d_key in ((left_used, "AL", "DL"), (right_used, "AR", "DR")):
        if used:
            total = total + model.fill_after(p, y[IX[a_key]] + y[IX[d_key]], lead)
    return total


def _session_starts(scenario: Scenario) -> list[float]:
    if scenario.day is None:
        return [0.0]
    return [h * 3600.0 for h in scenario.day.session_times_h]


def simulate(scenario: Scenario, dt: float = DT) -> Trace:
    """Simulate the typical person (nominal parameters) through a session or a day."""
    k, p, cue, rest = _setup(scenario, 1, None)
    sched = dosed_schedule(scenario)
    starts = _session_starts(scenario)
    y: list[float] = [float(v) for v in rest]
    sh = [0.0, 0.0, 0.0, 0.0]
    parts: list[dict[str, np.ndarray]] = []
    sessions: list[Metrics] = []
    ejections: list[float] = []
    pulses: list[float] = []
    prev_end: float | None = None
    initial = y[IX["AL"]] + y[IX["AR"]] + y[IX["DL"]] + y[IX["DR"]]
    for start in starts:
        if prev_end is not None:
            gap = start + sched.start - prev_end
            yb, sh = _between(k, p, y, sh, gap, rest)
            y = [float(v) for v in yb]
        available = float(available_at_touch(p, sched, y))
        removed0 = y[IX["VL"]] + y[IX["VR"]]
        series, y, sh = _segment_one(k, p, sched, cue, y, sh, dt)
        prl = p.prl_scale * (p.prl_basal + p.prl_ref * series["phi"])
        removed = series["removed_left"] + series["removed_right"] - removed0
        m, ej, pu = from_series(
            series["t"],
            series["contraction"],
            series["activity"],
            removed,
            series["plasma_ot"],
            prl,
            available,
            sched.duration,
        )
        sessions.append(m)
        ejections += [start + t for t in ej]
        pulses += [start + t for t in pu]
        series["t"] = series["t"] + start
        series["prl"] = prl
        parts.append(series)
        prev_end = start + sched.end

    def cat(key: str) -> np.ndarray:
        return np.concatenate([s[key] for s in parts])

    removed_l, removed_r = cat("removed_left"), cat("removed_right")
    day = None
    if scenario.day is not None:
        total = float(removed_l[-1] + removed_r[-1])
        day = {
            "sessions": float(len(starts)),
            "volume_ml": total,
            "synthesised_ml": float(y[IX["S"]]),
            "stored_start_ml": float(initial),
            "stored_end_ml": float(y[IX["AL"]] + y[IX["AR"]] + y[IX["DL"]] + y[IX["DR"]]),
            "mean_pamr": float(np.mean([s.pamr for s in sessions])),
            "mean_volume_per_session_ml": total / len(starts),
        }
    return Trace(
        name=scenario.name,
        t=cat("t"),
        plasma_ot=cat("plasma_ot"),
        contraction=cat("contraction"),
        activity=cat("activity"),
        prl=cat("prl"),
        removed=removed_l + removed_r,
        removed_left=removed_l,
        removed_right=removed_r,
        stored=cat("stored"),
        flow=cat("flow"),
        ejection_times=ejections,
        pulse_times=pulses,
        metrics=sessions[0],
        sessions=sessions,
        session_starts=starts,
        day=day,
    )


def _slice(p: model.People, lo: int, hi: int, dtype: type[np.floating[Any]]) -> model.People:
    changes: dict[str, Any] = {"n": hi - lo}
    for f in fields(p):
        v = getattr(p, f.name)
        if isinstance(v, np.ndarray):
            changes[f.name] = v[lo:hi].astype(dtype)
    return replace(p, **changes)


def simulate_population(
    scenario: Scenario,
    n: int,
    seed: int | None = 0,
    chunk: int = 10_000,
    progress: bool = False,
    dt: float = DT,
    on_chunk: Callable[[int], None] | None = None,
    dtype: type[np.floating[Any]] = np.float32,
) -> dict[str, np.ndarray]:
    """Simulate ``n`` virtual parents, each drawn from the documented parameter spreads.

    Returns metric name -> array of shape (n,). Everyone is drawn up front from one seeded
    generator, then simulated ``chunk`` at a time (memory stays bounded); the result does not
    depend on ``chunk``. The state is held in float32 by default: its rounding (1e-7) is far
    below the step's discretisation error, and it makes the run about 1.6x faster.

    ``seed=None`` draws nobody: all ``n`` people take the parameter table's values. The
    sensitivity analysis uses it, having put one sampled value per person into the table.
    """
    if scenario.day is not None:
        raise ScenarioError("day: population runs cover one session; remove [day]")
    if n < 1:
        raise ValueError("n must be at least 1")
    rng = None if seed is None else np.random.default_rng(seed)
    k, p_all, cue, rest_all = _setup(scenario, n, rng)
    sched = dosed_schedule(scenario)
    out: dict[str, np.ndarray] = {}
    bar: Any = None
    if progress:
        from tqdm import tqdm

        bar = tqdm(total=n, unit="sessions", desc=scenario.name, leave=False)
    parts: list[dict[str, np.ndarray]] = []
    for lo in range(0, n, chunk):
        hi = min(n, lo + chunk)
        p = _slice(p_all, lo, hi, dtype)
        y = np.stack(
            [np.broadcast_to(np.asarray(r, dtype=float), (n,))[lo:hi] for r in rest_all]
        ).astype(dtype)
        available = available_at_touch(p, sched, y)
        online, _ = _segment_many(k, p, sched, cue, y, [0.0, 0.0, 0.0, 0.0], dt)
        total = y[IX["VL"]] + y[IX["VR"]]
        part = _metrics_arrays(online, total, available, p)
        parts.append(part)
        if bar is not None:
            bar.update(hi - lo)
        if on_chunk is not None:
            on_chunk(hi)
    if bar is not None:
        bar.close()
    for key in parts[0]:
        out[key] = np.concatenate([part[key] for part in parts])
    return out


def _metrics_arrays(
    online: dict[str, np.ndarray], total: np.ndarray, available: np.ndarray, p: model.People
) -> dict[str, np.ndarray]:
    n_e = online["ejections"]
    v_on = online["v_on"]
    v = np.where(np.isnan(v_on), total, v_on)
    has = (n_e > 0) & (total > 0)
    safe_total = np.where(total > 0, total, 1.0)
    first = np.where(has, 100.0 * (v[1] - v[0]) / safe_total, np.nan)
    two = np.where(has, 100.0 * (v[2] - v[0]) / safe_total, np.nan)
    per = np.where(has, (total - v[0]) / np.maximum(n_e, 1), np.nan)
    before = np.where(n_e > 0, v[0], total)
    prl_peak = p.prl_scale * (p.prl_basal + p.prl_ref * online["phi_max"])
    return {
        "time_to_first_ejection_s": online["first_t"].astype(float),
        "ejections": n_e.astype(float),
        "volume_ml": total.astype(float),
        "volume_per_ejection_ml": per.astype(float),
        "first_ejection_share": first.astype(float),
        "first_two_share": two.astype(float),
        "before_first_ejection_ml": before.astype(float),
        "pamr": (100.0 * total / available).astype(float),
        "ot_pulses": online["pulses"].astype(float),
        "peak_ot_pg_ml": online["peak_ot"].astype(float),
        "peak_prl_ng_ml": np.broadcast_to(prl_peak, total.shape).astype(float),
    }


def metrics_of_typical(scenario: Scenario, dt: float = DT) -> Metrics:
    """Metrics of the typical person for one session (convenience for studies)."""
    return simulate(scenario, dt).metrics


__all__ = ["DT", "Trace", "metrics_of_typical", "simulate", "simulate_population", "summarise"]
