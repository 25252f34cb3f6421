"""Medicines typed in free text, matched to the substance table by generic and brand names.

Parents write what is on the box ("Sudafed", "Piriton", "Microgynon"), not the
generic name the evidence base uses. Each name below maps to a substance id in
``substances.toml``; the effect, grade and sources come from there, never from
here. A name we do not know is never dropped: it becomes "ask a pharmacist
about <name>", because an unknown medicine is exactly the one worth checking.

Brand names differ between countries; where one brand name covers different
medicines (US "Sudafed PE" is phenylephrine, "Sudafed" pseudoephedrine), the
longer, more specific name is matched first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Lower-case name -> substance id. Combination cold and allergy products that contain
#: pseudoephedrine ("-D" products, Clarinase) map to pseudoephedrine, the part that
#: lowers supply.
NAMES: dict[str, str] = {
    # pseudoephedrine
    "pseudoephedrine": "pseudoephedrine",
    "sudafed": "pseudoephedrine",
    "sudafed decongestant": "pseudoephedrine",
    "galpseud": "pseudoephedrine",
    "contac": "pseudoephedrine",
    "actifed": "pseudoephedrine",
    "clarinase": "pseudoephedrine",
    "claritin-d": "pseudoephedrine",
    "claritin d": "pseudoephedrine",
    "zyrtec-d": "pseudoephedrine",
    "zyrtec d": "pseudoephedrine",
    "aerius-d": "pseudoephedrine",
    "allegra-d": "pseudoephedrine",
    # phenylephrine
    "phenylephrine": "phenylephrine",
    "sudafed pe": "phenylephrine",
    "lemsip": "phenylephrine",
    "dayquil": "phenylephrine",
    "nyquil severe": "phenylephrine",
    "beechams": "phenylephrine",
    # combined hormonal contraception (oestrogen)
    "ethinylestradiol": "estrogen_contraception",
    "ethinyl estradiol": "estrogen_contraception",
    "ethinyloestradiol": "estrogen_contraception",
    "combined pill": "estrogen_contraception",
    "combined oral contraceptive": "estrogen_contraception",
    "combined hormonal contraception": "estrogen_contraception",
    "combined contraceptive": "estrogen_contraception",
    "microgynon": "estrogen_contraception",
    "rigevidon": "estrogen_contraception",
    "yasmin": "estrogen_contraception",
    "yaz": "estrogen_contraception",
    "marvelon": "estrogen_contraception",
    "cilest": "estrogen_contraception",
    "loestrin": "estrogen_contraception",
    "qlaira": "estrogen_contraception",
    "zoely": "estrogen_contraception",
    "nuvaring": "estrogen_contraception",
    "evra": "estrogen_contraception",
    "xulane": "estrogen_contraception",
    # dopamine agonists
    "cabergoline": "dopamine_agonists",
    "dostinex": "dopamine_agonists",
    "bromocriptine": "dopamine_agonists",
    "parlodel": "dopamine_agonists",
    "cycloset": "dopamine_agonists",
    # older, sedating antihistamines
    "diphenhydramine": "sedating_antihistamines",
    "benadryl": "sedating_antihistamines",
    "nytol": "sedating_antihistamines",
    "sominex": "sedating_antihistamines",
    "chlorphenamine": "sedating_antihistamines",
    "chlorpheniramine": "sedating_antihistamines",
    "piriton": "sedating_antihistamines",
    "promethazine": "sedating_antihistamines",
    "phenergan": "sedating_antihistamines",
    "hydroxyzine": "sedating_antihistamines",
    "atarax": "sedating_antihistamines",
    "doxylamine": "sedating_antihistamines",
    "unisom": "sedating_antihistamines",
    "dimenhydrinate": "sedating_antihistamines",
    "dramamine": "sedating_antihistamines",
    # more combined hormonal contraception (pills, patch, ring)
    "ethinylestradiol patch": "estrogen_contraception",
    "contraceptive patch": "estrogen_contraception",
    "vaginal ring": "estrogen_contraception",
    "contraceptive ring": "estrogen_contraception",
    "femodene": "estrogen_contraception",
    "millinette": "estrogen_contraception",
    "lucette": "estrogen_contraception",
    "eloine": "estrogen_contraception",
    "gedarel": "estrogen_contraception",
    "ovranette": "estrogen_contraception",
    "levest": "estrogen_contraception",
    "brevinor": "estrogen_contraception",
    "norimin": "estrogen_contraception",
    "sprintec": "estrogen_contraception",
    "lo loestrin": "estrogen_contraception",
    "seasonique": "estrogen_contraception",
    "twirla": "estrogen_contraception",
    "annovera": "estrogen_contraception",
    # common antidepressants: recognised so they are never taken for a cause, and answered
    # with reassurance (substances.toml, common_antidepressants)
    "sertraline": "common_antidepressants",
    "zoloft": "common_antidepressants",
    "lustral": "common_antidepressants",
    "paroxetine": "common_antidepressants",
    "paxil": "common_antidepressants",
    "seroxat": "common_antidepressants",
    "escitalopram": "common_antidepressants",
    "lexapro": "common_antidepressants",
    "cipralex": "common_antidepressants",
    "citalopram": "common_antidepressants",
    "celexa": "common_antidepressants",
    "cipramil": "common_antidepressants",
    "fluoxetine": "common_antidepressants",
    "prozac": "common_antidepressants",
    "ssri": "common_antidepressants",
    # nicotine
    "nicotine": "nicotine",
    "nicorette": "nicotine",
    "niquitin": "nicotine",
    "nicotinell": "nicotine",
}

#: Newer, non-drowsy antihistamines: named so they are recognised, and answered with the
#: evidence base's own note (sedating antihistamines entry) that these are the ones
#: usually preferred while breastfeeding, with a pharmacist check for regular use.
NON_DROWSY_ANTIHISTAMINES = (
    "cetirizine", "levocetirizine", "zyrtec", "xyzal", "loratadine", "claritin", "clarityn",
    "desloratadine", "aerius", "fexofenadine", "allegra", "telfast", "acrivastine",
    "benadryl allergy",
)

_BY_LENGTH = sorted({*NAMES, *NON_DROWSY_ANTIHISTAMINES}, key=len, reverse=True)


@dataclass(frozen=True)
class Match:
    """One typed medicine and what it was recognised as."""

    name: str
    substance: str | None  # a substance id, or None
    non_drowsy_antihistamine: bool = False

    @property
    def known(self) -> bool:
        return self.substance is not None or self.non_drowsy_antihistamine


def _normal(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s-]", " ", text.lower()).split())


def match(name: str) -> Match:
    """What ``name`` is: the longest known name it contains, as a whole word."""
    text = _normal(name)
    for known in _BY_LENGTH:
        if re.search(rf"(?<![\w-]){re.escape(known)}(?![\w-])", text):
            if known in NON_DROWSY_ANTIHISTAMINES:
                return Match(name, None, non_drowsy_antihistamine=True)
            return Match(name, NAMES[known])
    return Match(name, None)


def match_all(names: list[str]) -> list[Match]:
    """Each typed name matched (the same name twice is kept once)."""
    return [match(n) for n in dict.fromkeys(names)]
