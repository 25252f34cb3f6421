"""The parent's own health in the questionnaire: fever, bleeding, mood, faintness, infection.

Its own module because these questions grew with the warning signs beyond the
let-down (issue 11); ``letdown.advisor.questionnaire.Parent`` still works.
"""

from __future__ import annotations

from pydantic import Field

from letdown.advisor.answer_types import Bool, Float, Part
from letdown.advisor.choices import InfectionSign, Mood


class Parent(Part):
    """The parent's own health and history."""

    fever_c: Float | None = Field(
        default=None, ge=34, le=43, description="Highest temperature today, °C (34-43)."
    )
    chills: Bool | None = Field(default=None, description="Chills or flu-like aches?")
    breast_red_painful_area: Bool | None = Field(
        default=None, description="A hot, red or painful area on a breast?"
    )
    heavy_bleeding: Bool | None = Field(
        default=None, description="Heavy bleeding from the vagina since the birth?"
    )
    pads_soaked_per_hour: Float | None = Field(
        default=None, ge=0, le=10, description="Pads soaked through per hour, if bleeding."
    )
    large_clots: Bool | None = Field(
        default=None,
        description="Since the birth, have you passed blood clots bigger than a plum or a golf "
        "ball?",
    )
    milk_came_in: Bool | None = Field(
        default=None, description="Did the breasts fill and the milk increase after birth?"
    )
    thyroid_symptoms: Bool | None = Field(
        default=None,
        description="Unusual exhaustion, feeling very cold or hot, racing heart, hair loss?",
    )
    breast_surgery: Bool | None = Field(
        default=None, description="Any breast or nipple surgery in the past?"
    )
    little_breast_change_in_pregnancy: Bool | None = Field(
        default=None, description="Did the breasts barely change during pregnancy?"
    )
    sleep_hours_per_24h: Float | None = Field(
        default=None, ge=0, le=24, description="Hours of sleep in the last 24 hours."
    )
    exhausted: Bool | None = Field(default=None, description="So tired you can hardly stay awake?")
    vomiting_or_diarrhoea: Bool | None = Field(
        default=None, description="Vomiting or diarrhoea in the last day or two?"
    )
    very_thirsty_or_dark_urine: Bool | None = Field(
        default=None, description="Very thirsty, or dark urine?"
    )
    drinking_extra_water: Bool | None = Field(
        default=None, description="Drinking extra water on purpose to make more milk?"
    )
    thoughts_of_harm: Bool | None = Field(
        default=None,
        description="Any thoughts of harming yourself or the baby, or that you would be "
        "better off dead?",
    )
    mood: Mood | None = Field(
        default=None,
        description="Your mood in the last two weeks? Cannot cope means feeling hopeless, or "
        "unable to look after yourself or the baby.",
    )
    faint_or_dizzy: Bool | None = Field(
        default=None,
        description="Since the birth, have you fainted, felt faint or dizzy when standing, "
        "or been told your blood pressure is low?",
    )
    infection_signs: list[InfectionSign] = Field(
        default_factory=list,
        description="Since the birth: a smelly discharge, tummy pain, a red or oozing "
        "wound (caesarean or tear), or burning when you pee?",
    )
    feels_very_unwell: Bool | None = Field(
        default=None,
        description="Feeling very unwell: shivering, breathless, a racing heart or confused?",
    )
    dread_before_letdown: Bool | None = Field(
        default=None,
        description="Just before the milk lets down, a sudden wave of dread, sadness or "
        "anxiety that passes within a few minutes?",
    )
    forceful_letdown: Bool | None = Field(
        default=None,
        description="When the milk lets down, does the baby cough, gulp or pull off, or does "
        "the milk spray?",
    )
    nipple_turns_white: Bool | None = Field(
        default=None,
        description="After feeds or pumping, does a nipple turn white and then burn or throb, "
        "worse in the cold?",
    )
    softer_breasts_or_cluster_feeds: Bool | None = Field(
        default=None,
        description="Do your breasts feel softer than in the early weeks, or does the baby "
        "feed again and again in the evenings?",
    )
