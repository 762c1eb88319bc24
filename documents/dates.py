"""Dates known to a day, a month or only a year, as OSCE sources give them."""

import datetime
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
