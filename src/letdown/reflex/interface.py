"""The breast interface: what sits between the nipple and the baby's mouth or the pump.

Two inputs in their own right, each acting where it does in the body:

- **Nipple shield** (``none``, ``fitted``, ``small``), at the breast or under a pump
  flange. The silicone layer stands between the nipple and the mouth or the pump, so
  less of the sucking or the vacuum cycle reaches the nipple's nerve endings (weaker
  afferent drive), and the nipple is drawn less deeply with milk leaving through a few
  holes, so less milk is removed per unit of milk in the ducts. Coentro et al. (BMC
  Pregnancy Childbirth 2020;20:516) controlled the pump and found median pumped volume
  76.5 -> 32.1 mL and share of available milk removed 69 -> 41% with a fitted shield
  (COE20-SHIELD, a training finding). Removal per mL in the ducts matters because milk
  not drawn off during an ejection flows back into the breast (model.derivs): a weaker
  draw captures a smaller share of every ejection. A shield that is too small also
  pinches the nipple (pain).
- **Flange (breast shield) size against the nipple** (``flange_mm``, ``nipple_mm``, the
  tunnel's and the nipple base's diameters). Recommendations run from a tunnel the size
  of the nipple to one about 4 mm wider, so the nipple moves freely without the areola
  being drawn in (a breast shield fitting study of 157 mothers, MDPI Proceedings vol. 112,
  issue 1, article 7: the main ducts lie just under the areola, so a tunnel can compress
  them). A tunnel
  narrower than the nipple compresses the ducts and rubs (less removal, pain, a little
  less stimulus reaching the nipple); one much wider pulls areola into the tunnel,
  which is less efficient and can swell and hurt (Jones 2009, as summarised on
  breastfeedingfaqs.com, "Breast pump shields"). The sizes per millimetre are assumed;
  they are set so that the old three-way ``flange_fit`` switch maps onto gaps of
  +2 mm (good), -3 mm (too small) and +8 mm (too large) and reproduces its former values.

Everything here is plain arithmetic on the scenario, evaluated once per run.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from letdown.reflex.params import value

#: widest gap (flange minus nipple, mm) that still counts as a good fit
GOOD_GAP_MAX = 4.0
#: gap the three-way ``flange_fit`` stands for (mm)
FIT_GAP = {"good": 2.0, "too_small": -3.0, "too_large": 8.0}


class Interface(BaseModel):
    """``[interface]``: nipple shield and flange size (all optional)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    nipple_shield: Literal["none", "fitted", "small"] = Field(
        "none", description="A silicone nipple shield, at the breast or under the flange."
    )
    flange_mm: float | None = Field(
        None, ge=12, le=40, allow_inf_nan=False,
        description="Pump flange tunnel diameter, mm (pumping only).",
    )
    nipple_mm: float | None = Field(
        None, ge=8, le=36, allow_inf_nan=False,
        description="Nipple diameter at its base, mm.",
    )


def check_interface(interface: Interface, kind: str, pump: Any) -> None:
    """Raise ValueError (naming the key) when the interface does not fit the session."""
    flange, nipple = interface.flange_mm, interface.nipple_mm
    if (flange is None) != (nipple is None):
        given, missing = ("flange_mm", "nipple_mm") if nipple is None else (
            "nipple_mm", "flange_mm")
        raise ValueError(
            f"interface.{given}: the fit needs both sizes; add interface.{missing} "
            f"(both in mm) or remove interface.{given}"
        )
    if flange is not None and kind != "pump":
        raise ValueError(
            f"interface.flange_mm: a flange belongs to a pump, but session.kind = {kind!r}; "
            "remove flange_mm and nipple_mm or set session.kind = \"pump\""
        )
    fit = getattr(pump, "flange_fit", "good")
    if flange is not None and fit != "good":
        raise ValueError(
            f"interface.flange_mm: given together with session.pump.flange_fit = {fit!r}; "
            "give either the sizes or the rough fit, not both"
        )


def flange_effect(gap_mm: float) -> tuple[float, float, float]:
    """(stimulus transmission, removal, extra pain 0-10) for a flange ``gap_mm`` wider than
    the nipple (negative: narrower). Flat inside the good band (0 to 4 mm); outside it each
    millimetre costs a documented share, with floors so no fit removes nothing."""
    if gap_mm < 0.0:
        mm = -gap_mm
        return (
            max(1.0 - value("flange_small_transmission") * mm, 0.5),
            max(1.0 - value("flange_small_removal") * mm, 0.3),
            min(value("flange_small_pain") * mm, 10.0),
        )
    if gap_mm > GOOD_GAP_MAX:
        mm = gap_mm - GOOD_GAP_MAX
        return (
            max(1.0 - value("flange_large_transmission") * mm, 0.5),
            max(1.0 - value("flange_large_removal") * mm, 0.4),
            min(value("flange_large_pain") * mm, 10.0),
        )
    return 1.0, 1.0, 0.0


def shield_effect(shield: str) -> tuple[float, float, float]:
    """(stimulus transmission, removal, extra pain 0-10) of a nipple shield."""
    if shield == "none":
        return 1.0, 1.0, 0.0
    if shield == "fitted":
        return value("shield_transmission"), value("shield_removal"), 0.0
    return (
        value("shield_transmission") * value("shield_small_factor"),
        value("shield_removal") * value("shield_small_factor"),
        value("shield_small_pain"),
    )


@dataclass(frozen=True)
class InterfaceEffect:
    """What the interface does to one session (the same on both breasts)."""

    transmission: float  # multiplies the afferent stimulus from the nipple
    removal: float  # multiplies milk removal per unit of milk in the ducts
    pain: float  # extra pain, 0-10 scale


def effect(interface: Interface, kind: str, pump: Any) -> InterfaceEffect:
    """Combined effect of shield and flange for a session of ``kind``."""
    tx, rem, pain = shield_effect(interface.nipple_shield)
    if kind == "pump":
        if interface.flange_mm is not None and interface.nipple_mm is not None:
            gap = interface.flange_mm - interface.nipple_mm
        else:
            gap = FIT_GAP[getattr(pump, "flange_fit", "good")]
        ftx, frem, fpain = flange_effect(gap)
        tx, rem, pain = tx * ftx, rem * frem, pain + fpain
    if kind == "none":
        return InterfaceEffect(1.0, 1.0, 0.0)
    return InterfaceEffect(tx, rem, min(pain, 10.0))
