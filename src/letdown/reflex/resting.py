"""The state before a session: where every variable of the model rests before first touch.

Why a module of its own: the equations (``model``) say how the state changes; this says
where it starts, so that the breast holds the scenario's fullness at touch and plasma
oxytocin sits at the person's basal level. Used by the fast engine (``engine``) and the
``solve_ivp`` reference (``reference``) alike, so both start from the same place.
"""

from __future__ import annotations

import numpy as np

from letdown.reflex.model import BURST_LEVEL, Const, Num, People, relu


def rest_state(k: Const, p: People, fullness: Num) -> list[Num]:
    """The resting state before any stimulus: quiet oxytocin cells, basal oxytocin, relaxed
    myoepithelium, ducts at their resting fill."""
    x: Num = 0.0 * p.theta + 0.05
    yi: Num = 0.0
    for _ in range(60):
        yi = k.k_y * relu(x - BURST_LEVEL) / k.inv_tau_y
        u = k.w * x - p.theta - yi
        x = 0.5 + 0.5 * u / (k.sig_s + abs(u))
    release_rate = k.k_rel * x**4
    pool = k.inv_tau_refill / (k.inv_tau_refill + release_rate)
    plasma = p.ot_basal + 0.0 * x
    e = p.tone0 + 0.0 * x
    qe = relu(plasma - k.kz * plasma / (1.0 + (plasma * k.inv_z_ceiling) ** 4) ** 0.25)
    qn = qe**k.hill
    occ = qn / (qn + p.ec_n)
    rec = k.inv_tau_recovery / (k.inv_tau_recovery + occ * k.inv_tau_loss)
    m = rec * occ / (1.0 + (e * k.inv_e50) ** k.e_hill)
    stored = fullness * p.capacity
    # the ducts hold their resting fill, or all the milk when the breast holds less than
    # that (the first days' few mL of colostrum; an empty breast): never negative milk in
    # the alveoli, which a baby or pump would then "remove" from an empty breast
    d = stored - relu(stored - p.d_rest) + 0.0 * x
    a = stored - d
    zero = 0.0 * x
    return [zero, x, yi, pool, plasma, plasma, m, plasma, e, a, a, d, d, zero, zero, zero, rec,
            zero, zero]


def basal_secretion_correction(k: Const, p: People, rest: list[Num]) -> Num:
    """Basal secretion that keeps plasma oxytocin at the person's basal level at rest."""
    x = rest[1]
    return relu(p.kcl * p.ot_basal - p.pulse * k.k_rel * x**4 * rest[3])


def fill_after(p: People, stored: Num, seconds: float) -> Num:
    """Milk in one breast (mL) ``seconds`` later with synthesis alone (no removal).

    Synthesis with exponent 2 integrates in closed form: F(t) = tanh(atanh(F0) + r t / cap).
    A negative ``seconds`` runs it backwards (what the breast held before)."""
    f0 = np.clip(stored * p.inv_cap, 0.0, 1.0 - 1e-12)
    f1 = np.clip(np.tanh(np.arctanh(f0) + p.syn_rate * p.inv_cap * seconds), 0.0, 1.0)
    return f1 * p.capacity


def rest_at_touch(k: Const, p: People, fullness: float, lead: float) -> list[Num]:
    """The resting state ``lead`` seconds before first touch, such that the breasts hold
    ``fullness`` of their capacity AT touch.

    The scenario's fullness describes the breast when the session starts. A pre-touch period
    (a cue's lead time, the quiet half-minute before every session) must not add synthesis
    time to the session, so the simulation starts from slightly less milk."""
    before = fill_after(p, fullness * p.capacity, -lead)
    return rest_state(k, p, before * p.inv_cap)
