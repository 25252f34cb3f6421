"""The advisor's short path: at most twelve questions that lead to a first answer.

A tired parent on a phone should reach useful advice quickly, and every warning sign
that needs a doctor must be asked on the way (a test derives those signs from the
advisor itself and checks each is reachable here). To fit twelve questions, some are
checklists ("tick any that are true"), whose ticks set existing questionnaire fields,
and some gather a few numbers. A tick never makes up a number: temperatures stay
numbers. The web page, the CLI and the JSON Schema (``x-short-path``) all read the
questions from here, so they ask the same thing. Pure data and pure functions, no I/O.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

#: The short path never grows past this many questions.
MAX_QUESTIONS = 12

#: The form key (and CLI reply) for a checklist's "None of these" tick.
NONE_KEY = "none"

Value = bool | str


@dataclass(frozen=True)
class Option:
    """One answer to a one-choice question: the stored value and its plain words."""

    value: str
    label: str


@dataclass(frozen=True)
class Choice:
    """A one-choice question about one field."""

    field: str
    options: tuple[Option, ...]


@dataclass(frozen=True)
class Number:
    """A number to type, stored as it is in one field (bounds come from the model)."""

    field: str
    label: str
    unit: str = ""
    integer: bool = False


@dataclass(frozen=True)
class Tick:
    """A box to tick: sets ``field`` to ``value`` (or adds ``value`` to a list field).

    ``none_value`` is what "None of these" says about the same field (``None`` when it
    says nothing, for example for one of several mood ticks).
    """

    key: str
    label: str
    field: str
    value: Value
    none_value: Value | None = None


@dataclass(frozen=True)
class Question:
    """One short-path question: a choice, some numbers, some ticks, or numbers with a tick.

    ``kind`` says how it is asked: ``choice`` (one of ``choice.options``), ``numbers``
    (one or more numbers, maybe with ticks such as "no let-down at all"), ``checklist``
    (tick any, or "None of these").
    """

    id: str
    prompt: str
    kind: Literal["choice", "numbers", "checklist"]
    hint: str = ""
    choice: Choice | None = None
    numbers: tuple[Number, ...] = ()
    ticks: tuple[Tick, ...] = ()
    none_label: str = ""
    required: bool = False

    def fields(self) -> list[str]:
        """Every questionnaire field this question can set (dotted paths)."""
        found = [self.choice.field] if self.choice else []
        found += [n.field for n in self.numbers]
        found += [t.field for t in self.ticks]
        return list(dict.fromkeys(found))


def _yes(key: str, label: str, path: str) -> Tick:
    return Tick(key, label, path, True, none_value=False)


QUESTIONS: tuple[Question, ...] = (
    Question(
        "feeding", "How does your milk mostly leave the breast?", "choice", required=True,
        choice=Choice("feeding_mode", (
            Option("breastfeeding", "Breastfeeding"),
            Option("pumping", "Pumping"),
            Option("both", "Both"),
        )),
    ),
    Question(
        "age", "How old is your baby?", "numbers", hint="In days: 1 week is 7, 1 month is 30.",
        numbers=(Number("baby_age_days", "Age", "days", integer=True),),
    ),
    Question(
        "letdown", "How long does the let-down take?", "numbers",
        hint="Minutes from the start of a feed or pumping until the milk flows.",
        numbers=(
            Number("letdown_minutes", "Now, usually", "minutes"),
            Number("usual_letdown_minutes", "Before the trouble began", "minutes"),
        ),
        ticks=(Tick("absent", "Some sessions have no let-down at all", "letdown_absent", True),),
    ),
    Question(
        "pain", "How much does feeding or pumping hurt?", "numbers",
        hint="0 is no pain, 10 is the worst pain you can imagine.",
        numbers=(Number("pain_score", "Pain", "0-10", integer=True),),
    ),
    Question(
        "stress", "How stressed or tense do you feel while feeding or pumping?", "numbers",
        hint="0 is calm, 10 is as stressed as you can be.",
        numbers=(Number("stress_score", "Stress", "0-10", integer=True),),
    ),
    Question(
        "diapers", "Your baby's diapers (nappies) in the last 24 hours", "numbers",
        hint="Leave out what you have not counted.",
        numbers=(
            Number("infant.wet_diapers_per_day", "Wet diapers", integer=True),
            Number("infant.stools_per_day", "Dirty diapers", integer=True),
            Number("infant.hours_since_last_wet_diaper", "Hours since the last wet one",
                   "hours"),
        ),
    ),
    Question(
        "weight", "How is your baby's weight going?", "choice",
        hint="As far as you know; no grams needed.",
        choice=Choice("infant.weight_trend", (
            Option("gaining_well", "Gaining well"),
            Option("not_sure", "Not sure"),
            Option("not_gaining_well", "Not gaining well"),
            Option("losing_weight", "Losing weight"),
        )),
    ),
    Question(
        "temperature", "Highest temperature today, if you took it", "numbers",
        hint="In °C. A thermometer reading only; leave blank if not measured.",
        numbers=(
            Number("infant.temperature_c", "Your baby", "°C"),
            Number("parent.fever_c", "You", "°C"),
        ),
    ),
    Question(
        "baby_now", "About your baby now: tick any that are true", "checklist",
        none_label="None of these",
        ticks=(
            _yes("sleepy", "Very sleepy, floppy or hard to wake", "infant.lethargic"),
            _yes("feeding_poorly", "Feeding much less than usual, or too weak to feed",
                 "infant.feeding_poorly"),
            _yes("dry", "Dry mouth, a sunken soft spot or dark pee", "infant.dehydration_signs"),
            Tick("yellow_face", "Yellow face or eyes", "infant.jaundice", "face_or_eyes",
                 none_value="none"),
            Tick("yellow_spreading", "Yellow spreading down to the chest, tummy, arms or legs",
                 "infant.jaundice", "spreading", none_value="none"),
        ),
    ),
    Question(
        "you_body", "About you since the birth: tick any that are true", "checklist",
        none_label="None of these",
        ticks=(
            _yes("red_breast", "A hot, red or painful area on a breast",
                 "parent.breast_red_painful_area"),
            _yes("chills", "Chills or flu-like aches", "parent.chills"),
            _yes("bleeding", "Heavy bleeding: soaking a pad in an hour or less",
                 "parent.heavy_bleeding"),
            _yes("clots", "Blood clots bigger than a plum or a golf ball",
                 "parent.large_clots"),
            _yes("faint", "Fainted, or felt faint or dizzy when standing",
                 "parent.faint_or_dizzy"),
            _yes("very_unwell", "Feeling very unwell: shivering, breathless, racing heart "
                 "or confused", "parent.feels_very_unwell"),
            Tick("discharge", "A smelly discharge from the vagina", "parent.infection_signs",
                 "smelly_discharge"),
            Tick("tummy", "Pain low in the tummy", "parent.infection_signs", "tummy_pain"),
            Tick("wound", "A red or oozing wound (caesarean or tear)", "parent.infection_signs",
                 "wound_red_or_oozing"),
            Tick("peeing", "Burning when you pee", "parent.infection_signs",
                 "burning_when_peeing"),
            Tick("milk_not_in", "Your milk has not come in (the breasts never filled)",
                 "parent.milk_came_in", False, none_value=True),
            _yes("thyroid", "Unusually exhausted, very cold or hot, racing heart or hair loss",
                 "parent.thyroid_symptoms"),
        ),
    ),
    Question(
        "you_mind", "How you feel in yourself: tick any that are true", "checklist",
        hint="There is no wrong answer. Many parents feel this way and it can be treated.",
        none_label="None of these",
        ticks=(
            Tick("low", "Low or down most days for two weeks or more", "parent.mood",
                 "low_most_days"),
            Tick("cannot_cope", "Hopeless, or unable to look after yourself or the baby",
                 "parent.mood", "cannot_cope"),
            _yes("harm", "Thoughts of harming yourself or the baby, or that you would be "
                 "better off dead", "parent.thoughts_of_harm"),
        ),
    ),
    Question(
        "substances", "In the last few days, have you had any of these?", "checklist",
        none_label="None of these",
        ticks=(
            Tick("alcohol", "Alcohol", "substances", "alcohol"),
            Tick("nicotine", "Smoking or vaping (nicotine)", "substances", "nicotine"),
            Tick("pseudoephedrine", "A decongestant with pseudoephedrine (such as Sudafed)",
                 "substances", "pseudoephedrine"),
            Tick("phenylephrine", "A decongestant with phenylephrine", "substances",
                 "phenylephrine"),
            Tick("estrogen", "A pill or patch with oestrogen (combined contraception)",
                 "substances", "estrogen_contraception"),
            Tick("dopamine", "Cabergoline or bromocriptine", "substances", "dopamine_agonists"),
            Tick("antihistamine", "A drowsy allergy or sleep tablet (antihistamine)",
                 "substances", "sedating_antihistamines"),
        ),
    ),
)

#: Every field the short path can set: "Tell us more" asks only the others.
FIELDS: frozenset[str] = frozenset(f for q in QUESTIONS for f in q.fields())

#: Fields that hold a list: a tick adds its value rather than replacing the list.
_LIST_FIELDS = frozenset({"substances", "parent.infection_signs"})


class TickError(ValueError):
    """Ticks that cannot be read (unknown, or "None of these" with another tick)."""


def by_id(question_id: str) -> Question:
    """The short-path question with this id (``KeyError`` when there is none)."""
    for question in QUESTIONS:
        if question.id == question_id:
            return question
    raise KeyError(question_id)


def put(values: dict[str, Any], dotted: str, value: Any) -> None:
    """Set ``values[a][b] = value`` for ``a.b``; a list field gains the item instead."""
    *parents, last = dotted.split(".")
    target = values
    for part in parents:
        target = target.setdefault(part, {})
    if dotted in _LIST_FIELDS:
        items = target.setdefault(last, [])
        if value not in items:
            items.append(value)
    else:
        target[last] = value


def tick_values(question: Question, ticked: Iterable[str]) -> list[tuple[str, Value]]:
    """(field, value) pairs for the ticked keys of ``question``, in the question's order.

    "None of these" gives each tick's ``none_value``; ticked boxes of one choice field
    follow the question's order, so the more serious one (listed later) wins. Raises
    ``TickError`` for a key the question does not have, or "None" with another tick.
    """
    chosen = list(dict.fromkeys(k for k in ticked if k))
    known = {t.key for t in question.ticks} | ({NONE_KEY} if question.none_label else set())
    unknown = [k for k in chosen if k not in known]
    if unknown:
        allowed = ", ".join(sorted(known))
        raise TickError(f"{question.id}: {unknown[0]!r} is not one of the boxes; allowed: "
                        f"{allowed}")
    if NONE_KEY in chosen:
        if len(chosen) > 1:
            raise TickError(f"{question.id}: 'None of these' is ticked together with another "
                            "box; please untick one of them")
        pairs: list[tuple[str, Value]] = []
        for tick in question.ticks:
            if tick.none_value is not None and (tick.field, tick.none_value) not in pairs:
                pairs.append((tick.field, tick.none_value))
        return pairs
    return [(t.field, t.value) for t in question.ticks if t.key in chosen]


def apply_ticks(values: dict[str, Any], question: Question, ticked: Iterable[str]) -> None:
    """Put the values of ``question``'s ticked boxes into the nested answers ``values``."""
    for dotted, value in tick_values(question, ticked):
        put(values, dotted, value)


def get(data: Mapping[str, Any], dotted: str) -> Any:
    """The value at ``dotted`` in nested answers, or None when it is not there."""
    current: Any = data
    for part in dotted.split("."):
        if not isinstance(current, Mapping) or part not in current:
            return None
        current = current[part]
    return current


def ticked_from(question: Question, data: Mapping[str, Any]) -> list[str]:
    """The boxes of ``question`` that saved answers (a JSON-like dict) tick again.

    "None of these" comes back when every field it speaks for has its none value; a
    choice field ticks only the box of its stored value.
    """
    found = []
    for tick in question.ticks:
        stored = get(data, tick.field)
        if (isinstance(stored, list) and tick.value in stored) or (
            not isinstance(stored, list) and stored is not None and stored == tick.value
            and type(stored) is type(tick.value)
        ):
            found.append(tick.key)
    nones = [t for t in question.ticks if t.none_value is not None]
    if question.none_label and not found and nones and all(
        get(data, t.field) == t.none_value and type(get(data, t.field)) is type(t.none_value)
        for t in nones
    ):
        found.append(NONE_KEY)
    return found


def schema_entry() -> list[dict[str, Any]]:
    """The short path for the JSON Schema's ``x-short-path``: questions, fields and ticks."""
    out: list[dict[str, Any]] = []
    for q in QUESTIONS:
        item: dict[str, Any] = {"id": q.id, "prompt": q.prompt, "kind": q.kind}
        if q.hint:
            item["hint"] = q.hint
        if q.required:
            item["required"] = True
        if q.choice:
            item["field"] = q.choice.field
            item["options"] = [{"value": o.value, "label": o.label} for o in q.choice.options]
        if q.numbers:
            item["numbers"] = [
                {"field": n.field, "label": n.label, **({"unit": n.unit} if n.unit else {})}
                for n in q.numbers
            ]
        if q.ticks:
            item["ticks"] = [
                {"key": t.key, "label": t.label, "field": t.field, "value": t.value,
                 **({"none_value": t.none_value} if t.none_value is not None else {}),
                 **({"adds_to_list": True} if t.field in _LIST_FIELDS else {})}
                for t in q.ticks
            ]
        if q.none_label:
            item["none"] = {"key": NONE_KEY, "label": q.none_label}
        out.append(item)
    return out


__all__ = [
    "FIELDS",
    "MAX_QUESTIONS",
    "NONE_KEY",
    "QUESTIONS",
    "Choice",
    "Number",
    "Option",
    "Question",
    "Tick",
    "TickError",
    "Value",
    "apply_ticks",
    "by_id",
    "get",
    "put",
    "schema_entry",
    "tick_values",
    "ticked_from",
]
