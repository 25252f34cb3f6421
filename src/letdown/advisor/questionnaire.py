"""The questionnaire: what the advisor needs to know, as one validated model.

Every question is optional except how the baby is fed, because a tired parent
answers what they can and the advisor must reason from what it has rather than
guess. Bounds and allowed values are declared on each field so that a wrong
answer is reported with the field's name and what is allowed, and so that
``letdown advise --schema`` documents the questionnaire for other tools.
"""

from __future__ import annotations

from typing import Any

from pydantic import (
    ConfigDict,
    Field,
    model_validator,
)

from letdown.advisor.answer_types import Bool, Float, Int, Part, Text
from letdown.advisor.choices import (
    FeedingMode,
    FlangeFit,
    InfectionSign,
    Jaundice,
    Mood,
    Outcome,
    PainSource,
    Place,
    PumpType,
    RecentChange,
    SubstanceId,
    SuctionSetting,
    TechniqueId,
    WeightTrend,
)
from letdown.advisor.infant_answers import (
    IMPLAUSIBLE_LOSS_PERCENT,
    Infant,
    PercentilePoint,
    today_from,
)
from letdown.advisor.parent import Parent

__all__ = [
    "IMPLAUSIBLE_LOSS_PERCENT",
    "Answers",
    "Bool",
    "FeedingMode",
    "FlangeFit",
    "Float",
    "Infant",
    "InfectionSign",
    "Int",
    "Jaundice",
    "Mood",
    "Outcome",
    "PainSource",
    "Parent",
    "PercentilePoint",
    "Place",
    "Pump",
    "PumpType",
    "RecentChange",
    "SubstanceId",
    "SuctionSetting",
    "TechniqueId",
    "Text",
    "Tried",
    "WeightTrend",
    "answers_schema",
    "today_from",
]

class Pump(Part):
    """The pump and how it is set up."""

    type: PumpType | None = Field(default=None, description="Kind of pump.")
    age_months: Float | None = Field(
        default=None, ge=0, le=120, description="How long the pump has been in use, months."
    )
    suction_setting: SuctionSetting | None = Field(
        default=None, description="Where the suction is usually set: low, medium, high or max."
    )
    suction_hurts: Bool | None = Field(default=None, description="Does the suction hurt?")
    loses_suction: Bool | None = Field(
        default=None, description="Does the suction seem weaker than it used to be?"
    )
    flange_mm: Float | None = Field(
        default=None, ge=10, le=40, description="Flange (breast shield) tunnel size, mm."
    )
    nipple_mm: Float | None = Field(
        default=None, ge=5, le=35, description="Nipple diameter at the base, mm."
    )
    flange_fit: FlangeFit | None = Field(default=None, description="How the flange seems to fit.")
    double_pumping: Bool | None = Field(default=None, description="Both sides at once?")
    nipple_rubs_tunnel: Bool | None = Field(
        default=None, description="Does the nipple rub the sides of the flange tunnel?"
    )
    parts_age_months: Float | None = Field(
        default=None, ge=0, le=60,
        description="How many months since the valves and membranes were last replaced?",
    )
    parts_worn: Bool | None = Field(
        default=None,
        description="Is a valve, membrane or tube torn, stretched, cracked or wet inside?",
    )


class Tried(Part):
    """A technique already tried, and how it went."""

    technique: TechniqueId = Field(description="Which technique (an id from the evidence base).")
    outcome: Outcome = Field(description="helped, somewhat, no_change, worse or not_sure.")


class Answers(Part):
    """Everything the advisor asks. Only ``feeding_mode`` is required."""

    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"title": "letdown advisor questionnaire"}
    )

    feeding_mode: FeedingMode = Field(
        description="breastfeeding, pumping, or both (how milk is removed most of the time)."
    )
    baby_age_days: Int | None = Field(
        default=None, ge=0, le=1100, description="The baby's age in days (0-1100)."
    )
    letdown_minutes: Float | None = Field(
        default=None,
        ge=0,
        le=60,
        description="How long the let-down usually takes now, in minutes (0-60).",
    )
    letdown_absent: Bool | None = Field(
        default=None, description="Are there sessions with no let-down at all?"
    )
    usual_letdown_minutes: Float | None = Field(
        default=None,
        ge=0,
        le=60,
        description="How long it took before the problem began, in minutes (0-60).",
    )
    problem_since_days: Int | None = Field(
        default=None, ge=0, le=1100, description="For how many days has it been slow?"
    )
    latch_clicks_or_slips: Bool | None = Field(
        default=None, description="During feeds, does the baby's mouth click or slip off the "
        "nipple?",
    )
    nipple_creased_after_feeds: Bool | None = Field(
        default=None, description="Right after a feed, is the nipple flattened, creased or "
        "pointed like a new lipstick?",
    )
    feels_letdown: Bool | None = Field(
        default=None, description="Do you usually feel the let-down (tingling, fullness)?"
    )
    slower_at: list[Place] = Field(
        default_factory=list, description="Places where the let-down is slower."
    )
    pain_score: Int | None = Field(
        default=None, ge=0, le=10, description="Pain during feeds or pumping, 0 (none) to 10."
    )
    pain_sources: list[PainSource] = Field(
        default_factory=list, description="Where the pain comes from."
    )
    stress_score: Int | None = Field(
        default=None, ge=0, le=10, description="Stress during feeds or pumping, 0 to 10."
    )
    worried_about_supply: Bool | None = Field(
        default=None, description="Worried there is not enough milk?"
    )
    feels_rushed: Bool | None = Field(default=None, description="Often feel rushed?")
    feels_watched: Bool | None = Field(
        default=None, description="Feel watched, self-conscious or likely to be interrupted?"
    )
    feels_cold: Bool | None = Field(
        default=None, description="Often cold while feeding or pumping?"
    )
    substances: list[SubstanceId] = Field(
        default_factory=list, description="Substances or medicines taken in the last few days."
    )
    alcohol_g_per_kg: Float | None = Field(
        default=None,
        ge=0,
        le=3,
        description="Alcohol before the slow session, grams per kg body weight (needs 'alcohol').",
    )
    cigarettes_per_day: Int | None = Field(
        default=None, ge=0, le=100, description="Cigarettes a day (needs 'nicotine')."
    )
    other_medicines: list[Text] = Field(
        default_factory=list, max_length=30, description="Any other medicines, by name."
    )
    feeds_or_pumps_per_24h: Int | None = Field(
        default=None, ge=0, le=30, description="Feeds plus pumping sessions in 24 hours."
    )
    longest_gap_hours: Float | None = Field(
        default=None, ge=0, le=48, description="Longest gap between sessions, hours."
    )
    irregular_times: Bool | None = Field(
        default=None, description="Do feeds or pumping come at very different times each day?"
    )
    pumped_ml_per_session: Float | None = Field(
        default=None, ge=0, le=600,
        description="About how much milk does one pumping session give, both sides, in mL?",
    )
    pumped_ml_per_day: Float | None = Field(
        default=None, ge=0, le=3000,
        description="About how much milk do you pump in 24 hours, in mL?",
    )
    recent_changes: list[RecentChange] = Field(
        default_factory=list, description="Did anything change just before it got worse?"
    )
    pump: Pump | None = Field(default=None, description="Pump details (if pumping).")
    tried: list[Tried] = Field(default_factory=list, description="Techniques tried so far.")
    infant: Infant = Field(default_factory=Infant, description="The baby.")
    parent: Parent = Field(default_factory=Parent, description="You.")

    @model_validator(mode="after")
    def _consistent(self) -> Answers:
        if self.alcohol_g_per_kg is not None and "alcohol" not in self.substances:
            raise ValueError("alcohol_g_per_kg is given but 'alcohol' is not in substances")
        if self.cigarettes_per_day and "nicotine" not in self.substances:
            raise ValueError("cigarettes_per_day is given but 'nicotine' is not in substances")
        if len({t.technique for t in self.tried}) != len(self.tried):
            raise ValueError("tried: each technique may appear only once")
        return self

    @property
    def pumps(self) -> bool:
        return self.feeding_mode in (FeedingMode.pumping, FeedingMode.both)

    @property
    def preterm(self) -> bool:
        """Born before 37 weeks, by the weeks given or the parent's yes."""
        weeks = self.infant.born_at_weeks
        return bool(self.infant.born_early) or (weeks is not None and weeks < 37)

    @property
    def pump_dependent(self) -> bool:
        """Pumping for a baby who cannot feed at the breast yet: in neonatal care, or born
        early and still in the first six weeks, when supply is being built."""
        early_weeks = self.baby_age_days is None or self.baby_age_days <= 42
        return self.feeding_mode is FeedingMode.pumping and (
            bool(self.infant.in_neonatal_care) or (self.preterm and early_weeks)
        )

    @property
    def breastfeeds(self) -> bool:
        return self.feeding_mode in (FeedingMode.breastfeeding, FeedingMode.both)

    def outcome_of(self, technique: str) -> Outcome | None:
        for item in self.tried:
            if item.technique == technique:
                return item.outcome
        return None


def answers_schema() -> dict[str, Any]:
    """The questionnaire's JSON Schema (what ``letdown advise --schema`` prints).

    ``x-short-path`` lists the short path (at most 12 questions that lead to a first
    answer, every warning sign among them) so another tool can ask it first: each
    question names the fields it sets; a checklist's ticks give the field and the value
    a tick sets (``adds_to_list``: added to a list field), and ``none_value`` is what
    "None of these" sets. The answers themselves are the same object either way.
    """
    from letdown.advisor.short_path import MAX_QUESTIONS, schema_entry

    schema = Answers.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["description"] = (
        "Answers to the letdown advisor questionnaire. Only feeding_mode is required; "
        "leave out anything you do not know. x-short-path lists the short path: at most "
        f"{MAX_QUESTIONS} questions, each naming the fields it sets, to ask first."
    )
    schema["x-short-path"] = schema_entry()
    return schema
