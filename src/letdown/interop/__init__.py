"""Files in and out of the journal: JSON and CSV export and import (all or nothing)."""
