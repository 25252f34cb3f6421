"""Hand expression as a session kind: how it differs from a baby or a pump.

Hand expression rhythmically compresses the areola and the ducts behind it. It touches the
nipple and areola less than a suckling baby does (weaker afferent drive to the oxytocin
cells), and each compression moves less milk than a pump's vacuum or a baby's tongue, so a
session removes less. The compression itself is carried by the model's existing
compression pathway (milk pushed into the ducts and helped out), which is always on for
this kind. The two factors below are relative to a suckling baby.

Sources: Flaherman et al. Arch Dis Child Fetal Neonatal Ed 2012;97:F18-23 (FLA12-HAND,
training split): 15 min of hand expression at 12-36 h gave a median 0.5 mL against 1 mL for
15 min of electric pumping, about half; with these factors a 15-min session at mid
fullness removes about 55% of what a pump removes. The afferent drive is an assumption
(the hand does not stretch the nipple the way a mouth or a pump does).
"""

from __future__ import annotations

#: afferent stimulation of one breast by hand, relative to a suckling baby (assumed)
HAND_STIMULUS = 0.6
#: milk removal rate relative to a baby's, before the compression boost (FLA12-HAND)
HAND_REMOVAL = 0.2
