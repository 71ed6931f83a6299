"""The one clock progress reads, and the learner's days.

`DLTUTOR_NOW` (ISO 8601, e.g. `2026-03-01T09:00:00+00:00`) fixes the clock, so
tests and demos can simulate days; without it, the local time. Times are
stored in UTC; days are counted in the clock's own time zone, and a day starts
at 04:00, not midnight, so a late-night session counts for the day it began.
"""

from __future__ import annotations

import os
from datetime import date, datetime, time, timedelta, timezone

from dltutor.errors import DltutorError

DAY_STARTS_AT = 4  # hours after midnight: study at 00:30 still counts for the evening before


def now() -> datetime:
    fixed = os.environ.get("DLTUTOR_NOW")
    if not fixed:
        return datetime.now().astimezone()
    try:
        moment = datetime.fromisoformat(fixed)
    except ValueError:
        raise DltutorError(
            f"DLTUTOR_NOW='{fixed}' is not an ISO 8601 time (like 2026-03-01T09:00:00+00:00)"
        ) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def utc(moment: datetime) -> datetime:
    return moment.astimezone(timezone.utc)


def stamp(moment: datetime) -> str:
    """The stored form: UTC to the second, so stored times sort as text."""
    return utc(moment).replace(microsecond=0).isoformat()


def parse(text: str) -> datetime:
    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def day_of(moment: datetime, zone_of: datetime) -> date:
    """The learner's day `moment` falls in, in the time zone of `zone_of` (usually now)."""
    local = moment.astimezone(zone_of.tzinfo)
    return (local - timedelta(hours=DAY_STARTS_AT)).date()


def end_of_day(current: datetime, days_ahead: int = 0) -> datetime:
    """When the learner's day of `current` (plus `days_ahead` days) ends."""
    day = day_of(current, current) + timedelta(days=days_ahead + 1)
    return datetime.combine(day, time(DAY_STARTS_AT), tzinfo=current.tzinfo)
