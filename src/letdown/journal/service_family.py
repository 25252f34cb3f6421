"""The journal's family records: babies, infant weights, daily diaper counts, the profile.

One part of ``Journal`` (see ``service``). Babies refuse a second baby of the same
name; a baby with records cannot be deleted; one diaper count per baby per day.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from letdown.journal.crud import JournalBase
from letdown.journal.errors import NotFound
from letdown.journal.records import Baby, DiaperCount, InfantWeight, ParentProfile
from letdown.journal.rows import columns as _columns
from letdown.journal.rows import new_profile_row, profile_row
from letdown.journal.rows import record as _record
from letdown.journal.rows import refuse_same_name as _refuse_same_name


class FamilyPart(JournalBase):
    """The parent's profile and each baby's records."""

    def add_baby(self, baby: Baby) -> Baby:
        """Save a new baby and return it with its id; ``Conflict`` if the name is taken."""
        from letdown.journal.tables import BabyRow

        return self._add(BabyRow, baby, check=_refuse_same_name)

    def get_baby(self, baby_id: int) -> Baby:
        """The baby with this id; ``NotFound`` if there is none."""
        from letdown.journal.tables import BabyRow

        return self._get(BabyRow, Baby, baby_id, "baby")

    def list_babies(self) -> list[Baby]:
        """All babies, in the order they were added."""
        from letdown.journal.tables import BabyRow

        return self._list(BabyRow, Baby)

    def update_baby(self, baby_id: int, changes: Mapping[str, Any]) -> Baby:
        """Change some fields of a baby (re-validated); ``Conflict`` if the name is taken."""
        from letdown.journal.tables import BabyRow

        return self._update(BabyRow, Baby, baby_id, changes, "baby", check=_refuse_same_name)

    def delete_baby(self, baby_id: int) -> None:
        """Delete a baby; ``Conflict`` while sessions, weights or diapers refer to it."""
        from letdown.journal.tables import BabyRow

        self._delete(BabyRow, baby_id, "baby")

    # ----------------------------------------------------------------- weights

    def add_weight(self, weight: InfantWeight) -> InfantWeight:
        """Save an infant weight and return it with its id."""
        from letdown.journal.tables import WeightRow

        return self._add(WeightRow, weight)

    def get_weight(self, weight_id: int) -> InfantWeight:
        """The weight with this id; ``NotFound`` if there is none."""
        from letdown.journal.tables import WeightRow

        return self._get(WeightRow, InfantWeight, weight_id, "weight")

    def list_weights(self, baby_id: int | None = None) -> list[InfantWeight]:
        """Weights (of one baby, or all), oldest first."""
        from letdown.journal.tables import WeightRow

        return self._list(WeightRow, InfantWeight, baby_id=baby_id)

    def update_weight(self, weight_id: int, changes: Mapping[str, Any]) -> InfantWeight:
        """Change some fields of a weight (re-validated)."""
        from letdown.journal.tables import WeightRow

        return self._update(WeightRow, InfantWeight, weight_id, changes, "weight")

    def delete_weight(self, weight_id: int) -> None:
        """Delete a weight; ``NotFound`` if there is none."""
        from letdown.journal.tables import WeightRow

        self._delete(WeightRow, weight_id, "weight")

    # ----------------------------------------------------------------- diapers

    def add_diapers(self, count: DiaperCount) -> DiaperCount:
        """Save a day's diaper count; ``Conflict`` if that baby already has one that day."""
        from letdown.journal.tables import DiaperRow

        return self._add(DiaperRow, count)

    def get_diapers(self, count_id: int) -> DiaperCount:
        """The diaper count with this id; ``NotFound`` if there is none."""
        from letdown.journal.tables import DiaperRow

        return self._get(DiaperRow, DiaperCount, count_id, "diaper count")

    def list_diapers(self, baby_id: int | None = None) -> list[DiaperCount]:
        """Daily diaper counts (of one baby, or all), oldest first."""
        from letdown.journal.tables import DiaperRow

        return self._list(DiaperRow, DiaperCount, baby_id=baby_id)

    def update_diapers(self, count_id: int, changes: Mapping[str, Any]) -> DiaperCount:
        """Change some fields of a diaper count (re-validated)."""
        from letdown.journal.tables import DiaperRow

        return self._update(DiaperRow, DiaperCount, count_id, changes, "diaper count")

    def delete_diapers(self, count_id: int) -> None:
        """Delete a diaper count; ``NotFound`` if there is none."""
        from letdown.journal.tables import DiaperRow

        self._delete(DiaperRow, count_id, "diaper count")

    # ----------------------------------------------------------------- profile

    def get_profile(self) -> ParentProfile | None:
        """The parent profile, or None before one is set."""
        with self._sessions() as orm:
            row = profile_row(orm, self.access)
            return None if row is None else _record(ParentProfile, row)

    def set_profile(self, profile: ParentProfile) -> ParentProfile:
        """Create or replace the parent profile."""
        with self._write() as orm:
            row = profile_row(orm, self.access) or new_profile_row(orm, self.access)
            for name, value in _columns(profile).items():
                setattr(row, name, value)
            orm.add(row)
            orm.flush()
            return _record(ParentProfile, row)

    def update_profile(self, changes: Mapping[str, Any]) -> ParentProfile:
        """Change some fields of the profile; ``NotFound`` before one is set."""
        current = self.get_profile()
        if current is None:
            raise NotFound("no profile yet: set one with a pseudonym first")
        merged = current.model_dump()
        merged.update(changes)
        return self.set_profile(ParentProfile.model_validate(merged))

    def delete_profile(self) -> None:
        """Remove the parent profile (no error if there is none)."""
        with self._write() as orm:
            row = profile_row(orm, self.access)
            if row is not None:
                orm.delete(row)

