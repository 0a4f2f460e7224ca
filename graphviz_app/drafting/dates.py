"""Dates in news prose, resolved against the article's own date.

"on Tuesday" is the last Tuesday on or before the article's day; "late last month" is the
month before it; "in September" is the last September not after it; "on January 26" and
"December 29, 2021" are what they say. The result is a date as the data file writes
it: YYYY-MM-DD, YYYY-MM or YYYY, as precise as the text is.
"""

from __future__ import annotations

import datetime as dt
import re

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december"]
_MONTH = ("(?P<month>" + "|".join(m.capitalize() for m in MONTHS)
          + r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?")
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"

# most specific first: each pattern names what it resolves to
PATTERNS: list[tuple[str, re.Pattern]] = [
    ("iso", re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<m>\d\d)-(?P<d>\d\d)\b")),
    ("month_day_year", re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b")),
    ("day_month_year", re.compile(rf"\b{_DAY}\s+{_MONTH},?\s+{_YEAR}\b")),
    ("month_year", re.compile(rf"\b(?:in\s+|since\s+|early\s+|late\s+|mid-)?{_MONTH},?\s+"
                              rf"{_YEAR}\b")),
    ("month_day", re.compile(rf"\b{_MONTH}\s+{_DAY}\b(?!,?\s+(?:19|20)\d\d)")),
    ("day_month", re.compile(rf"\b{_DAY}\s+{_MONTH}\b(?!,?\s+(?:19|20)\d\d)")),
    ("weekday", re.compile(r"\b(?i:(?:late|early)\s+(?:on\s+)?|on\s+|last\s+)?(?P<weekday>"
                           + "|".join(w.capitalize() for w in WEEKDAYS) + r")(?:'s)?\b")),
    ("relative_day", re.compile(r"\b(?P<rel>yesterday|today|tonight|the day before|"
                                r"earlier today|last night|this morning|this evening)\b",
                                re.IGNORECASE)),
    ("last_month", re.compile(r"\b(?:early|late|earlier|later)?\s*last month\b", re.IGNORECASE)),
    ("this_month", re.compile(r"\b(?:earlier|later|early|late)?\s*this month\b", re.IGNORECASE)),
    ("last_week", re.compile(r"\b(?:early|late)?\s*last week\b", re.IGNORECASE)),
    ("this_week", re.compile(r"\b(?:earlier|later)?\s*this week\b", re.IGNORECASE)),
    ("last_year", re.compile(r"\blast year\b", re.IGNORECASE)),
    ("this_year", re.compile(r"\b(?:earlier\s+|so far\s+)?this year\b", re.IGNORECASE)),
    ("month", re.compile(rf"\b(?i:in|since|during|early|late|mid-|by|until)\s+"
                         rf"(?:early\s+|late\s+|mid-)?{_MONTH}(?![\w-])")),
    ("year", re.compile(r"\b(?i:in|since|during|of|by|until|the)\s+(?P<year>(?:19|20)\d\d)\b")),
]


def _month_number(name: str) -> int:
    name = name.lower().rstrip(".")
    for i, month in enumerate(MONTHS, start=1):
        if month.startswith(name[:3]):
            return i
    raise ValueError(name)


def _last_month_on_or_before(month: int, today: dt.date) -> int:
    """The year of the last such month not after today's month ("in September")."""
    return today.year if month <= today.month else today.year - 1


def _day(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def resolve(kind: str, found: re.Match, today: dt.date) -> str | None:
    """The date one matched expression stands for, or None if it names no real date."""
    g = found.groupdict()
    if kind == "iso":
        return _day(int(g["year"]), int(g["m"]), int(g["d"]))
    if kind in ("month_day_year", "day_month_year"):
        return _day(int(g["year"]), _month_number(g["month"]), int(g["day"]))
    if kind == "month_year":
        return f"{int(g['year']):04d}-{_month_number(g['month']):02d}"
    if kind in ("month_day", "day_month"):
        month, day = _month_number(g["month"]), int(g["day"])
        year = today.year if (month, day) <= (today.month, today.day) else today.year - 1
        return _day(year, month, day)
    if kind == "weekday":
        back = (today.weekday() - WEEKDAYS.index(g["weekday"].lower())) % 7
        if found.group(0).lower().startswith("last ") and back == 0:
            back = 7
        return (today - dt.timedelta(days=back)).isoformat()
    if kind == "relative_day":
        rel = g["rel"].lower()
        back = 1 if rel in ("yesterday", "the day before", "last night") else 0
        return (today - dt.timedelta(days=back)).isoformat()
    if kind == "last_month":
        first = today.replace(day=1) - dt.timedelta(days=1)
        return f"{first.year:04d}-{first.month:02d}"
    if kind == "this_month":
        return f"{today.year:04d}-{today.month:02d}"
    if kind == "last_week":
        week = today - dt.timedelta(days=7)
        return f"{week.year:04d}-{week.month:02d}"
    if kind == "this_week":
        monday = today - dt.timedelta(days=today.weekday())
        return f"{today.year:04d}-{today.month:02d}" if monday.month == today.month else None
    if kind == "last_year":
        return f"{today.year - 1:04d}"
    if kind == "this_year":
        return f"{today.year:04d}"
    if kind == "month":
        month = _month_number(g["month"])
        return f"{_last_month_on_or_before(month, today):04d}-{month:02d}"
    if kind == "year":
        year = int(g["year"])
        return f"{year:04d}" if year <= today.year else None
    return None


def find_dates(text: str, today: dt.date) -> list[tuple[int, int, str]]:
    """Every date expression in ``text`` as (start, end, date), most specific first wins."""
    taken: list[tuple[int, int, str]] = []
    for kind, pattern in PATTERNS:
        for found in pattern.finditer(text):
            if any(found.start() < e and s < found.end() for s, e, _ in taken):
                continue
            date = resolve(kind, found, today)
            if date is not None:
                taken.append((found.start(), found.end(), date))
    return sorted(taken)


def date_near(text: str, start: int, end: int, today: dt.date) -> str | None:
    """The date expression of ``text`` closest to the span [start, end), if any."""
    found = find_dates(text, today)
    if not found:
        return None

    def distance(item: tuple[int, int, str]) -> int:
        s, e, _ = item
        return max(s - end, start - e, 0)

    return min(found, key=distance)[2]


def not_after(date: str, today: dt.date) -> bool:
    """True when a partial date does not lie wholly after ``today``."""
    return date[: len(date)] <= today.isoformat()[: len(date)]
