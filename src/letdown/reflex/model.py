"""The equations of the reflex, one block per physiological layer.

``derivs`` is the single source of truth: the fast fixed-step engine (over NumPy arrays of
people) and the ``solve_ivp`` reference (over plain floats, one person) both call it. It only
uses arithmetic and ``abs`` so the same code runs on floats and arrays.

State of one person (per-person rows, in order ``STATE``)::

    h   priming of the oxytocin cells by afferent and cue drive (drive units)
    x   oxytocin cell population activity, 0-1 (bursts are excursions to ~0.9)
    y   slow activity-dependent inhibition that ends a burst and spaces the next
    R   releasable oxytocin pool in the neurohypophysis, fraction of full
    P   plasma oxytocin, pg/mL
    Q   oxytocin at the myoepithelial receptors, pg/mL
    M   myoepithelial contraction, 0-1
    z   slow average of receptor oxytocin that desensitises the gland, pg/mL
    E   adrenaline (sympathetic tone reaching the gland), tone units
    AL, AR   alveolar milk in each breast, mL
    DL, DR   milk in the ducts of each breast, mL
    VL, VR   milk removed from each breast so far, mL
    S   milk synthesised so far (both breasts), mL
    r   oxytocin receptors available at the gland, fraction (slow homologous
        desensitisation under sustained exposure; 1 at rest)
    IL, IR   milk the infant has taken from each breast in this feed, mL; it empties with
        the infant's stomach between feeds (0 for a pump or the hand: no appetite)

Shared state (the same for everyone, because it depends only on the scenario)::

    a     afferent drive from nipple and areola (stimulus units)
    c     conditioned cue drive
    sp    prolactin secretion drive
    phi   prolactin increment, in units of the reference basal prolactin
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from letdown.reflex.params import value
from letdown.reflex.people import People as People
from letdown.reflex.people import people as people
from letdown.reflex.people import satiety as satiety
from letdown.reflex.prolactin import suckling_gain
from letdown.reflex.stimulus import Forcing

#: float or NumPy array: the equations run on either
Num = Any

STATE = (
    "h", "x", "y", "R", "P", "Q", "M", "z", "E", "AL", "AR", "DL", "DR", "VL", "VR", "S", "r",
    "IL", "IR",
)
IDX = {name: i for i, name in enumerate(STATE)}
SHARED = ("a", "c", "sp", "phi")
#: activity above which the slow inhibition builds (only burst firing engages it)
BURST_LEVEL = 0.5
#: time constant of the afferent drive (s): a lag of a few seconds between touch and the
#: nerve input. Fixed rather than a parameter: the Sobol analysis found it changes no headline
#: metric (total index < 0.01 everywhere; halving or doubling it moves no metric of the
#: example scenarios by more than 1.3%), see docs/validation/sensitivity.md
AFFERENT_TAU_S = 3.0
#: share of the central (sympathetic) inhibition that lowers the LEVEL of the drive to the
#: oxytocin cells; the rest slows their pace: priming builds more slowly and the cells take
#: longer to recover after each burst. Acute stress in lactating women delays the first
#: ejection and makes oxytocin pulses fewer (Ueda et al., Obstet Gynecol 1994;84:259-262;
#: Newton & Newton 1948: a distraction cut milk by about 40%, not to nothing); it does not
#: switch the reflex off at some level of worry. With all of the inhibition on the level,
#: the drive fell below the cells' firing threshold between two adjacent stress points and
#: the typical person's pump volume fell from 101 to 9 mL (stress 8 -> 9): a bifurcation, not
#: physiology. Three fifths on the level keeps the stress findings (C24, the stress-pathway
#: tests) and makes each point of stress cost a graded share (test_model_defects.py; 0.4-0.6
#: pass, 0.7 lets one point take 80% in the stressed example).
#: Assumed share (model-notes), not fitted.
CENTRAL_LEVEL_SHARE = 0.6


def _is(v: Num, number: float) -> bool:
    """Whether a constant is exactly ``number`` (a fast path); False for an array of values,
    which the sensitivity analysis passes when it varies the constant between people."""
    return isinstance(v, float) and v == number


def relu(v: Num) -> Num:
    """max(v, 0) for floats and arrays alike."""
    if isinstance(v, np.ndarray):
        return np.maximum(v, 0.0)
    return v if v > 0.0 else 0.0


@dataclass(frozen=True)
class Const:
    """Parameters that are the same for everyone, with rates precomputed."""

    inv_tau_a: float
    inv_tau_c: float
    cue_gain: float
    aff_gain: float
    aff_half: float
    inv_tau_h: float
    drive_sat: float
    w: float
    sig_s: float
    inv_tau_x: float
    k_y: float
    inv_tau_y: float
    k_rel: float
    inv_tau_refill: float
    inv_tau_q: float
    inv_tau_m: float
    hill: float
    kz: float
    inv_tau_z: float
    inv_e50: float
    e_hill: float
    inv_z_ceiling: float
    inv_tau_loss: float
    inv_tau_recovery: float
    inv_tau_e: float
    inv_half_tone: float
    k_ej: float
    k_back: float
    k_comp: float
    comp_removal: float
    inv_tau_sp: float
    k_prl: float
    prl_gain: float
    syn_exp: float


def constants(weeks_postpartum: float) -> Const:
    """Build the shared constants; the prolactin surge of a feed falls over the months of
    lactation (``prolactin.suckling_gain``: JOH86-PRL, COX96-PRL, C15)."""
    return Const(
        inv_tau_a=1.0 / AFFERENT_TAU_S,
        inv_tau_c=1.0 / value("tau_cue"),
        cue_gain=value("cue_gain"),
        aff_gain=value("afferent_gain"),
        aff_half=value("afferent_half_saturation"),
        inv_tau_h=1.0 / value("tau_priming"),
        drive_sat=value("drive_saturation"),
        w=value("self_excitation"),
        sig_s=value("sigmoid_width"),
        inv_tau_x=1.0 / value("tau_neuron"),
        k_y=value("inhibition_rate"),
        inv_tau_y=1.0 / value("tau_inhibition"),
        k_rel=value("release_rate"),
        inv_tau_refill=1.0 / value("tau_refill"),
        inv_tau_q=1.0 / value("tau_interstitial"),
        inv_tau_m=1.0 / value("tau_contraction"),
        hill=value("hill"),
        kz=value("desensitisation"),
        inv_tau_z=1.0 / value("tau_desensitisation"),
        inv_e50=1.0 / value("adrenaline_half_effect"),
        e_hill=value("adrenaline_hill"),
        inv_z_ceiling=1.0 / value("adaptation_ceiling"),
        inv_tau_loss=1.0 / value("tau_receptor_loss"),
        inv_tau_recovery=1.0 / value("tau_receptor_recovery"),
        inv_tau_e=1.0 / value("tau_adrenaline"),
        inv_half_tone=1.0 / value("central_half_tone"),
        k_ej=value("ejection_rate"),
        k_back=value("backflow_rate"),
        k_comp=value("compression_flow"),
        comp_removal=value("compression_removal"),
        inv_tau_sp=1.0 / value("tau_prl_secretion"),
        k_prl=float(np.log(2.0)) / value("prl_half_life"),
        prl_gain=suckling_gain(weeks_postpartum),
        syn_exp=value("synthesis_exponent"),
    )


def afferent_effect(a: float) -> float:
    """Saturating effect of the afferent drive on prolactin: both breasts give more than one,
    not twice as much (C26)."""
    return 2.0 * a / (1.0 + a)


def oxytocin_afferent_effect(a: float, half: float) -> float:
    """Effect of the afferent drive on the oxytocin cells, which saturates early.

    The first milk ejection comes about a minute after touch whether one breast or two are
    stimulated (Kent et al. 2003; Gardner et al. 2015): the oxytocin cells integrate the
    input from the nipples centrally and one nipple nearly saturates them, so the response is
    far from linear in the number of nipples. Scaled to equal ``afferent_effect`` at the
    stimulus of two pump cups (a = 1.44), where the model was first set up."""
    ref = 1.44
    scale = 2.0 * ref / (1.0 + ref) * (half + ref) / ref
    return scale * a / (half + a)


def shared_derivs(
    k: Const, cue_strength: float, f: Forcing, a: float, c: float, sp: float, phi: float
) -> tuple[float, float, float, float]:
    """Afferent drive, cue drive and the prolactin axis (shared by everyone).

    Prolactin follows nipple stimulation only, not cues (C8, C15)."""
    da = (f.stim - a) * k.inv_tau_a
    dc = (cue_strength * f.cue - c) * k.inv_tau_c
    dsp = (k.prl_gain * afferent_effect(a) - sp) * k.inv_tau_sp
    dphi = (sp - phi) * k.k_prl
    return da, dc, dsp, dphi


def removal_factor(
    k: Const, removal: float, compression: float, boost: float, flow: float
) -> float:
    """Relative removal rate of one breast per mL in its ducts (shared by everyone): the
    pump or baby (``removal``), raised by hand compression and massage, scaled by warmth."""
    return removal * flow * (1.0 + k.comp_removal * compression + boost)


def derivs(
    k: Const, p: People, f: Forcing, a: float, c: float, y: tuple[Num, ...]
) -> tuple[Num, ...]:
    """Time derivatives of the per-person state ``y`` (ordered as ``STATE``).

    Terms whose shared forcing is exactly zero at this instant are skipped (a pure speed-up:
    the equations are unchanged)."""
    h, x, yi, pool, plasma, q, m, z, e, al, ar, dl, dr, _vl, _vr, _s, rec, il, ir = y
    infant = not _is(p.inv_appetite, 0.0)  # a pump or the hand: no appetite, no satiety
    sat_l: Num = 1.0
    sat_r: Num = 1.0
    if infant:
        sat_l, sat_r = satiety(p, il), satiety(p, ir)

    # sympathetic tone: resting + events + pain from vacuum above comfort (C27)
    if f.stress == 0.0 and f.vacuum <= p.pain_from and f.calm == 0.0:
        tone = p.tone0
        central = p.central0
    else:
        tone = p.tone0 + p.tone_evt * f.stress
        if f.vacuum > p.pain_from:
            tone = tone + p.pain_gain * relu(f.vacuum * p.inv_mcv - 1.0)
        if f.calm != 0.0:  # relaxation, skin-to-skin, the baby near (techniques.py)
            tone = tone * (1.0 - f.calm)
        tr = tone * k.inv_half_tone
        central = 1.0 / (1.0 + tr * tr)

    # oxytocin cells: priming, then a two-variable burst generator
    # central inhibition (sympathetic tone) acts in part on the level of the drive and in
    # part on the pace of the cells (how fast they prime, how soon they recover after a
    # burst): see CENTRAL_LEVEL_SHARE
    level = CENTRAL_LEVEL_SHARE * central + (1.0 - CENTRAL_LEVEL_SHARE)
    drive = (p.drive_aff * oxytocin_afferent_effect(a, k.aff_half) + p.drive_cue * c) * level
    dh = (k.drive_sat * drive / (drive + k.drive_sat) - h) * (k.inv_tau_h * central)
    u = k.w * x + h - p.theta - yi
    dx = (u / (k.sig_s + abs(u)) + 1.0 - 2.0 * x) * (0.5 * k.inv_tau_x)
    dy = k.k_y * relu(x - BURST_LEVEL) - yi * (k.inv_tau_y * central)  # slower recovery

    # neurohypophysis: release grows steeply with activity (4th power), from a depletable pool
    x2 = x * x
    release = k.k_rel * (x2 * x2 * pool)
    dpool = (1.0 - pool) * k.inv_tau_refill - release

    # plasma oxytocin with first-order clearance (C13), exogenous doses in mU
    dplasma = p.basal_sec + p.pulse * release - p.kcl * plasma
    if f.oxytocin != 0.0:
        dplasma = dplasma + p.exo_conv * f.oxytocin

    # myoepithelium: receptor access, Hill response, fast adaptation (saturating, so a
    # pharmacological dose still contracts the gland), adrenaline blunting only at high
    # levels (C16, N48), slow receptor loss under sustained exposure
    dq = (plasma - q) * k.inv_tau_q
    zc = z * k.inv_z_ceiling
    zc2 = zc * zc
    qe = relu(q - k.kz * z / (1.0 + zc2 * zc2) ** 0.25)
    q2 = qe * qe
    qn = q2 * q2 if _is(k.hill, 4.0) else qe**k.hill
    occ = qn / (qn + p.ec_n)
    er = e * k.inv_e50
    er2 = er * er
    blunt = 1.0 + (er2 * er2 if _is(k.e_hill, 4.0) else er**k.e_hill)
    dm = (rec * occ / blunt - m) * k.inv_tau_m
    dz = (q - z) * k.inv_tau_z
    drec = (1.0 - rec) * k.inv_tau_recovery - rec * occ * k.inv_tau_loss
    de = (tone - e) * k.inv_tau_e
    if f.adrenaline != 0.0:
        de = de + f.adrenaline

    # milk: alveoli -> ducts on contraction (and hand compression or massage), removal from
    # the ducts, synthesis slowed by fullness (C34); warmth scales a breast's flow, massage
    # raises its removal (techniques.py). Milk in the ducts above their resting fill flows
    # back into the breast all the time, during the contraction too: on ultrasound the ducts
    # widen in the first half of each ejection and narrow again in the second half while
    # "milk flow reverses back into the breast" (Geddes, Int Breastfeed J 2009;4:5, table 2;
    # Ramsay et al. Pediatrics 2004;113:361). The removal force (vacuum, the baby's suck, a
    # shield or a flange in the way, warmth) therefore competes with that back-flow for every
    # ejected mL, so a weaker force captures a smaller share of each ejection (Kent et al.
    # Breastfeed Med 2008;3:11: softer vacuums removed less milk and a smaller share of the
    # available milk; Coentro et al. 2020: a shield cut the share removed from 69 to 41%).
    # Before, back-flow stopped while the gland was contracted, so ejected milk waited in
    # the ducts until taken and yield barely depended on how strongly it was drawn.
    push = m * (k.k_ej * p.flow)
    back = k.k_back
    push_l = push * f.flow_left if f.flow_left != 1.0 else push
    push_r = push * f.flow_right if f.flow_right != 1.0 else push
    if f.compression_left or f.transfer_left:
        push_l = push_l + k.k_comp * f.compression_left + f.transfer_left
    if f.compression_right or f.transfer_right:
        push_r = push_r + k.k_comp * f.compression_right + f.transfer_right
    ej_l = push_l * (al - al * (dl * p.inv_dcap))
    ej_r = push_r * (ar - ar * (dr * p.inv_dcap))
    fl = (al + dl) * p.inv_cap
    fr = (ar + dr) * p.inv_cap
    out_l = relu(dl - p.d_rest) * back
    out_r = relu(dr - p.d_rest) * back
    rm_l: Num = 0.0
    rm_r: Num = 0.0
    if f.removal_left:
        rm_l = p.removal * (removal_factor(k, f.removal_left, f.compression_left,
                                           f.boost_left, f.flow_left) * p.flow)
        rm_l = rm_l * dl
    if f.removal_right:
        rm_r = p.removal * (removal_factor(k, f.removal_right, f.compression_right,
                                           f.boost_right, f.flow_right) * p.flow)
        rm_r = rm_r * dr
    d_il: Num = 0.0
    d_ir: Num = 0.0
    if infant:
        rm_l = rm_l * sat_l
        rm_r = rm_r * sat_r
        d_il = rm_l - p.k_empty * il
        d_ir = rm_r - p.k_empty * ir
    if _is(k.syn_exp, 2.0):
        sy_l = p.syn_rate - p.syn_rate * (fl * fl)
        sy_r = p.syn_rate - p.syn_rate * (fr * fr)
    else:
        sy_l = p.syn_rate * (1.0 - fl**k.syn_exp)
        sy_r = p.syn_rate * (1.0 - fr**k.syn_exp)
    net_l = ej_l - out_l
    net_r = ej_r - out_r
    return (
        dh,
        dx,
        dy,
        dpool,
        dplasma,
        dq,
        dm,
        dz,
        de,
        sy_l - net_l,
        sy_r - net_r,
        net_l - rm_l if f.removal_left else net_l,
        net_r - rm_r if f.removal_right else net_r,
        rm_l,
        rm_r,
        sy_l + sy_r,
        drec,
        d_il,
        d_ir,
    )
