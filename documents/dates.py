"""Dates known to a day, a month or only a year, as OSCE sources give them."""

import datetime
import re
from dataclasses import dataclass

from django.db import models
from django.utils.dateformat import format as format_date


class DatePrecision(models.TextChoices):
    DAY = "day", "Day"
    MONTH = "month", "Month"
    YEAR = "year", "Year"


@dataclass(frozen=True)
class PartialDate:
    """A date with its precision; ``value`` is the first day of the period it names."""

    value: datetime.date
    precision: str = DatePrecision.DAY

    @classmethod
    def of(cls, year: int, month: int | None = None, day: int | None = None) -> "PartialDate":
        if month is None:
            return cls(datetime.date(year, 1, 1), DatePrecision.YEAR)
        if day is None:
            return cls(datetime.date(year, month, 1), DatePrecision.MONTH)
        return cls(datetime.date(year, month, day), DatePrecision.DAY)

    def display(self) -> str:
        return display_date(self.value, self.precision)

    def iso(self) -> str:
        """ISO 8601 truncated to the precision: ``1975``, ``1995-12``, ``2005-12-06``."""
        if self.precision == DatePrecision.YEAR:
            return f"{self.value.year:04d}"
        if self.precision == DatePrecision.MONTH:
            return f"{self.value.year:04d}-{self.value.month:02d}"
        return self.value.isoformat()


def display_date(value: datetime.date | None, precision: str) -> str:
    """``6 December 2005``, ``December 1995`` or ``1975``, as far as the date is known."""
    if value is None:
        return ""
    if precision == DatePrecision.YEAR:
        return str(value.year)
    if precision == DatePrecision.MONTH:
        return format_date(value, "F Y")
    return format_date(value, "j F Y")


MONTHS = {
    name: number
    for number, name in enumerate(
        [
            "january", "february", "march", "april", "may", "june",
            "july", "august", "september", "october", "november", "december",
        ],
        start=1,
    )
}  # fmt: skip
_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})\s+([A-Za-z]+)\s+(\d{4})$")
_MONTH_YEAR = re.compile(r"^([A-Za-z]+)\s+(\d{4})$")
_YEAR = re.compile(r"^(1[89]\d\d|20\d\d)$")


def parse_date_phrase(text: str) -> PartialDate | None:
    """``6 December 2005``, ``DECEMBER 1995`` or ``1975`` as a PartialDate; None if not a date."""
    phrase = " ".join(text.replace(",", " ").split())
    try:
        if match := _DAY_MONTH_YEAR.match(phrase):
            month = MONTHS.get(match.group(2).lower())
            if month:
                return PartialDate.of(int(match.group(3)), month, int(match.group(1)))
        elif match := _MONTH_YEAR.match(phrase):
            month = MONTHS.get(match.group(1).lower())
            if month:
                return PartialDate.of(int(match.group(2)), month)
        elif match := _YEAR.match(phrase):
            return PartialDate.of(int(match.group(1)))
    except ValueError:  # 31 February and the like
        return None
    return None


def partial_date_from_iso(value: str) -> PartialDate:
    """The inverse of ``PartialDate.iso()``: ``1975``, ``1995-12`` or ``2005-12-06``."""
    parts = [int(p) for p in value.split("-")]
    return PartialDate.of(*parts)
