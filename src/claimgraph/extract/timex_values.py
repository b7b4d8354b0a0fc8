"""TIMEX3 type and value of each hit of `timex_rules`, anchored on publication date and tense.

An `Anchor` carries what a value depends on: the publication date (None: relative expressions stay
unresolved, or underspecified like XXXX-WXX-6 where TIMEX3 can say so; absolute dates still
resolve), the tense of the clause the expression sits in ("on Saturday" in a past-tense clause is
the Saturday before publication, in a future one the next), and the value of the last date the
article mentioned ("the next day", "that year").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from claimgraph.extract.timex_calendar import (
    AHEAD,
    BACK,
    FUTURE,
    PAST,
    add_months,
    duration,
    holiday,
    iso_week,
    pick_year,
    season,
    unit_value,
    weekday,
)
from claimgraph.extract.timex_rules import Hit, number, words

__all__ = ["Anchor", "named_date", "resolve"]

QUARTERS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "final": 4}
ANAPHORIC = frozenset({"previous", "preceding", "following"})  # "the previous Friday": counted from the story's day
DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
                "eighties": 8, "nineties": 9}


@dataclass(frozen=True)
class Anchor:
    dct: date | None  # publication date
    tense: str | None = None  # PAST | PRESENT | FUTURE | None (no finite verb found)
    last: str | None = None  # the value of the last date the article mentioned ("1998-10-23", "1998-06")


Value = tuple[str, str | None]  # (TIMEX3 type, value)


def resolve(hit: Hit, a: Anchor) -> Value:
    return _RULES[hit.rule](hit.groups, a)


# --- words -------------------------------------------------------------------------------------------

def _lex(kind: str, word: str | None) -> str | None:
    if not word:
        return None
    return words().get(kind, word.rstrip(".")) or words().get(kind, word)


def _month(word: str) -> int:
    return int(word) if word.isdigit() else int(_lex("month", word) or 0)


def _unit(word: str) -> str:
    """ "years" -> Y, "minute" -> TM, "centuries" -> CE (from data/time_words.tsv)."""
    w = word.lower()
    return _lex("unit", w) or _lex("unit", w[:-1] if w.endswith("s") else w) or "X"


def _rel(g: dict[str, str]) -> str | None:
    return " ".join(g.get("rel", "").lower().split()) or None


def _year(text: str, dct: date | None) -> int:
    """A year as written; two digits ('98) are the century closest before publication."""
    y = int(text.lstrip("'’"))
    if y >= 100:
        return y
    century = dct.year // 100 * 100 if dct else 1900
    return century + y if century + y <= (dct.year + 10 if dct else 2100) else century - 100 + y


def _digits(text: str) -> int:
    return int("".join(ch for ch in text if ch.isdigit()) or 0)


def _last(a: Anchor, unit: str) -> date | None:
    """The last mentioned date, if it is precise enough to anchor "that <unit>"."""
    v = a.last or ""
    if len(v) < {"D": 10, "W": 10, "M": 7}.get(unit, 4) or not v[:4].isdigit():
        return None
    parts = [int(x) for x in v[:10].split("-") if x.isdigit()]
    return date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


# --- calendar dates ----------------------------------------------------------------------------------

def named_date(hit: Hit, after: str) -> str | None:
    """The date of record of a month and day that name an event, from the words of their phrase that
    follow (`after`): "the October 7 attacks", "the January 6 committee" (`named` rows of
    data/time_words.tsv), which no publication date or tense can give."""
    g = hit.groups
    if hit.rule not in ("mdy", "dmy") or "year" in g:
        return None
    day = f"{_month(g['mon']):02d}-{_digits(g['day']):02d}"
    phrase = re.split(r"[,.;:()\n]", after, maxsplit=1)[0]
    for noun in re.findall(r"[A-Za-z]+", phrase)[:3]:  # "the October 7 Hamas-led attacks"
        if found := _lex("named", f"{day} {noun}"):
            return found
    return None


def _date_md(g: dict[str, str], a: Anchor) -> Value:
    m, d = _month(g["mon"]), _digits(g["day"])
    if "year" in g:
        y = _year(g["year"], a.dct)
    elif a.dct is None:
        return "DATE", f"XXXX-{m:02d}-{d:02d}"
    else:
        y = pick_year(a.dct, m, d, a.tense, _rel(g))
    try:
        return "DATE", date(y, m, d).isoformat()
    except ValueError:  # "February 30"
        return "DATE", None


def _month_rule(g: dict[str, str], a: Anchor) -> Value:
    m = _month(g["mon"])
    if "year" in g or "yw" in g:
        return "DATE", f"{_written_year(g, a)}-{m:02d}"
    if a.dct is None:
        return "DATE", f"XXXX-{m:02d}" if not _rel(g) and "yrel" not in g else None
    if "yrel" in g:
        return "DATE", f"{a.dct.year + {'last': -1, 'this': 0, 'next': 1}[g['yrel'].lower()]}-{m:02d}"
    return "DATE", f"{pick_year(a.dct, m, 0, a.tense, _rel(g))}-{m:02d}"


def _ago_month(g: dict[str, str], a: Anchor) -> Value:
    """ "three years ago in April" on 2026-06-23 -> 2023-04: the month of the year `_ago` counts back to."""
    _, year = _ago({"num": g["num"], "unit": g["unit"], "dir": "ago"}, a)
    return "DATE", f"{year}-{_month(g['mon']):02d}" if year and year.isdigit() else None


def _week_of(g: dict[str, str], a: Anchor) -> Value:
    """ "the week of March 6" -> the week of that day; "the last week of March" -> that of its last days."""
    suffix = "-WE" if _unit(g["unit"]) == "WE" else ""
    if "day" in g:
        value = _date_md(g, a)[1]
        return "DATE", iso_week(date.fromisoformat(value)) + suffix if value and value[0].isdigit() else None
    m, nth = _month(g["mon"]), (g.get("nth") or "").lower()
    y = _year(g["year"], a.dct) if "year" in g else pick_year(a.dct, m, 0, a.tense) if a.dct else None
    if y is None or not nth:
        return "DATE", None
    first = date(y, m, 1)
    index = {"first": 0, "second": 1, "third": 2, "fourth": 3}.get(nth)
    d = add_months(first, 1) - timedelta(days=4) if index is None else first + timedelta(days=3 + 7 * index)
    return "DATE", iso_week(d) + suffix


def _season_rule(g: dict[str, str], a: Anchor) -> Value:
    code = _lex("season", g["season"]) or "SU"
    rel = _rel(g)
    if "year" in g or "yw" in g:
        return "DATE", f"{_written_year(g, a)}-{code}"
    if a.dct is None:
        return "DATE", f"XXXX-{code}" if rel in (None, "the") else None
    return "DATE", season(a.dct, code, a.tense, None if rel == "the" else rel)


def _holiday_rule(g: dict[str, str], a: Anchor) -> Value:
    code = _lex("holiday", g["holiday"]) or "01-01"
    rel = _rel(g)
    if "year" in g or "year_before" in g:
        y = _year(g.get("year") or g["year_before"], a.dct)
    elif a.dct is None:
        return "DATE", None
    else:
        this_year = holiday(code, a.dct.year)
        y = pick_year(a.dct, this_year.month, this_year.day, a.tense, rel)
    d = holiday(code, y)
    return "DATE", iso_week(d) if g.get("week", "").lower() == "week" else d.isoformat()


def _weekday_rule(g: dict[str, str], a: Anchor) -> Value:
    wd = int(_lex("weekday", g["wd"]) or 1)
    part = _lex("daypart", g.get("dp"))
    kind = "TIME" if part else "DATE"
    suffix = f"T{part}" if part else ""
    rel = _rel(g)
    base = _last(a, "D") if rel in ANAPHORIC else None
    if base is not None:  # "the previous Friday": the one before the day last mentioned, not before publication
        return kind, weekday(base, wd, None, "next" if rel == "following" else "last").isoformat() + suffix
    if a.dct is None:
        return kind, f"XXXX-WXX-{wd}{suffix}"
    return kind, weekday(a.dct, wd, a.tense, "previous" if rel == "preceding" else rel).isoformat() + suffix


def _day_next_to(g: dict[str, str], a: Anchor) -> Value:
    """ "the day before last Tuesday" -> the Monday before it; unresolved where that date is."""
    _, value = _date_md(g, a) if "mon" in g else _weekday_rule({k: v for k, v in g.items() if k != "dir"}, a)
    if not value or not value[:4].isdigit():
        return "DATE", None
    shift = -1 if g["dir"].lower() == "before" else 1
    return "DATE", (date.fromisoformat(value[:10]) + timedelta(days=shift)).isoformat()


def _weekend(g: dict[str, str], a: Anchor) -> Value:
    rel = _rel(g)
    if rel == "that":
        base = _last(a, "D")
        return "DATE", iso_week(base) + "-WE" if base else None
    if a.dct is None:
        return "DATE", None
    if rel in ("this", "current"):  # the coming weekend, or the one just past in a past-tense clause
        saturday = weekday(a.dct, 6, PAST if a.tense == PAST else FUTURE, None)
    else:
        saturday = weekday(a.dct, 6, a.tense, rel)
    return "DATE", iso_week(saturday) + "-WE"


# --- times of day ------------------------------------------------------------------------------------

def _clock(g: dict[str, str], a: Anchor) -> Value:
    if "named" in g:  # noon, midnight
        hh, mm = (_lex("clock", g["named"]) or "12:00").split(":")
        hour, minute = int(hh), int(mm)
    elif "oclock" in g or "dp" in g:  # "four o'clock", "4 in the morning"
        hour, minute = int(number(g.get("oclock") or g["hour"]) or 0), 0
        if g.get("dp", "").lower() in ("afternoon", "evening") and hour < 12:
            hour += 12
    else:
        hour, minute = int(g.get("hour") or g.get("hour2") or 0), int(g.get("min") or g.get("min2") or 0)
        ampm = g.get("ampm", "").lower()
        if ampm.startswith("p") and hour < 12:
            hour += 12
        elif ampm.startswith("a") and hour == 12:
            hour = 0
    day = _clock_day(g, a)
    return "TIME", f"{day or 'XXXX-XX-XX'}T{hour:02d}:{minute:02d}"


def _clock_day(g: dict[str, str], a: Anchor) -> str | None:
    if "mon" in g and "day" in g:
        return _date_md(g, a)[1]
    if "wd" in g:
        return _weekday_rule({"wd": g["wd"]}, a)[1]
    if a.dct is None:
        return None
    shift = {"yesterday": -1, "tomorrow": 1}.get(g.get("dayword", "").lower(), 0)
    return (a.dct + timedelta(days=shift)).isoformat()


def _deictic(g: dict[str, str], a: Anchor) -> Value:
    word = " ".join(g["dword"].lower().split())
    if word.startswith(("the next", "the following", "the previous")):
        base = _last(a, "D") or a.dct
        if base is None:
            return "TIME", None
        d = base + timedelta(days=-1 if "previous" in word else 1)
        return "TIME", f"{d.isoformat()}T{_lex('daypart', g['dp'])}"
    if a.dct is None:
        return "DATE", None
    shift = -1 if word.startswith(("yesterday", "last night", "overnight")) else 1 if word.startswith("tomorrow") else 0
    d = a.dct + timedelta(days=shift)
    if word in ("today", "yesterday", "tomorrow"):
        return "DATE", d.isoformat()
    part = _lex("daypart", g.get("dp")) or "NI"  # tonight, last night, overnight
    return "TIME", f"{d.isoformat()}T{part}"


# --- relative to publication ---------------------------------------------------------------------------

def _relunit(g: dict[str, str], a: Anchor) -> Value:
    unit, rel = _unit(g["unit"]), _rel(g) or "this"
    if rel == "that":
        base = _last(a, unit)
        return "DATE", unit_value(base, unit, 0) if base else None
    if unit in ("DE", "CE") and rel in BACK:
        return "DURATION", duration(1, unit)  # "the past decade": the ten years up to now
    if a.dct is None:
        return "DATE", None
    step = -1 if rel in BACK else 1 if rel in AHEAD else 0
    return "DATE", unit_value(a.dct, unit, step)


def _this_unit_end(g: dict[str, str], a: Anchor) -> Value:
    return "DATE", unit_value(a.dct, _unit(g["unit"]), 0) if a.dct else None


def _day_anaphor(g: dict[str, str], a: Anchor) -> Value:
    unit, rel = _unit(g["unit"]), _rel(g) or "same"
    base = _last(a, unit) or (a.dct if rel in ("next", "following", "previous") else None)
    if base is None:
        month = (a.last or "")[:7]  # "killed last October ... crossed out that same day": a day of that month
        known = unit == "D" and rel == "same" and len(month) == 7 and month[:4].isdigit() and month[5:].isdigit()
        return "DATE", f"{month}-XX" if known else None
    return "DATE", unit_value(base, unit, {"next": 1, "following": 1, "previous": -1}.get(rel, 0))


def _ago(g: dict[str, str], a: Anchor) -> Value:
    """ "three years ago" -> 2022 on 2025-04-27: the publication date moved back, at the unit's grain."""
    n, unit = number(g["num"]), _unit(g.get("unit") or g["unit2"])
    back = (g.get("dir") or g["dir2"]).lower() in ("ago", "earlier")
    if n is None:
        return "DATE", "PAST_REF" if back else "FUTURE_REF"
    if a.dct is None:
        return "DATE", None
    k = -n if back else n
    if unit == "Y" and n == 1 and _is_quarter(a.last):  # "lost $2 billion in the third quarter ... a year earlier"
        return "DATE", f"{int((a.last or '')[:4]) + round(k)}{(a.last or '')[4:]}"
    # "later" and "earlier" count from the last date the story gave ("in 1984 ... One year later" is 1985),
    # "ago" and "from now" from publication; so does "a year earlier", which compares figures with the
    # year before the one reported ("sales fell 32% from a year earlier")
    told = "dir2" in g and not (back and n == 1 and unit == "Y")
    base = (_last(a, unit if unit in ("D", "W", "M") else "Y") if told else None) or a.dct
    if unit in ("S", "TM", "H"):
        return "DATE", base.isoformat()
    if unit == "D":
        return "DATE", (base + timedelta(days=round(k))).isoformat()
    if unit == "W":
        return "DATE", iso_week(base + timedelta(weeks=round(k)))
    if unit in ("M", "Q"):
        x = add_months(base, round(k * (3 if unit == "Q" else 1)))
        return "DATE", f"{x.year:04d}-{x.month:02d}"
    return "DATE", str(base.year + round(k * {"DE": 10, "CE": 100, "ML": 1000}.get(unit, 1)))


def _is_quarter(value: str | None) -> bool:
    return bool(value and len(value) == 7 and value[:4].isdigit() and value[4:6] == "-Q")


def _year_ago(g: dict[str, str], a: Anchor) -> Value:
    return _ago({"num": "1", "unit": g["unit"], "dir": g["dir"]}, a)


def _quarter(g: dict[str, str], a: Anchor) -> Value:
    if "bare" in g:  # "the quarter", "the 1988 quarter": the one last reported on, 45 days back
        if a.dct is None:
            return "DATE", None
        q = unit_value(a.dct - timedelta(days=45), "Q", 0) or ""
        return "DATE", g["qyear3"] + q[4:] if "qyear3" in g else q
    q = g["q"].lower()
    qyear = " ".join((g.get("qyear") or g.get("qyear2") or "").lower().replace("’", "'").split())
    if q in QUARTERS:
        if qyear[:1].isdigit():
            return "DATE", f"{qyear}-Q{QUARTERS[q]}"
        if a.dct is None:
            return "DATE", None
        y = a.dct.year + (-1 if qyear.startswith(("last", "year-")) else 1 if qyear.startswith("next") else 0)
        if not qyear and a.tense == PAST and date(y, 3 * QUARTERS[q] - 2, 1) > a.dct:
            y -= 1
        return "DATE", f"{y}-Q{QUARTERS[q]}"
    if q == "previous" and a.last and len(a.last) == 7 and a.last[5] == "Q":  # after "the first quarter of 2026"
        n = int(a.last[:4]) * 4 + int(a.last[6]) - 2
        return "DATE", f"{n // 4}-Q{n % 4 + 1}"
    if a.dct is None:
        return "DATE", None
    step = {"current": 0, "next": 1}.get(q, -1)  # latest, last, previous: the one before this
    if q.startswith("year-") or qyear.startswith(("year-", "last")):
        step -= 4
    return "DATE", unit_value(a.dct, "Q", step)


def _q_code(g: dict[str, str], a: Anchor) -> Value:
    return "DATE", f"{g['qyear']}-{g['qn'].upper()}"


def _half(g: dict[str, str], a: Anchor) -> Value:
    h = 1 if g["h"].lower() == "first" else 2
    if "hyear" in g:
        return "DATE", f"{g['hyear']}-H{h}"
    if a.dct is None:
        return "DATE", None
    return "DATE", f"{a.dct.year + {'last': -1, 'next': 1}.get(g.get('hrel', '').lower(), 0)}-H{h}"


# --- years, decades, centuries -------------------------------------------------------------------------

def _year_rule(g: dict[str, str], a: Anchor) -> Value:
    return "DATE", str(int(g["year"]))


def _year_words(g: dict[str, str], a: Anchor) -> Value:
    """ "nineteen ninety-six" -> 1996, "the year two thousand" -> 2000."""
    t = g["yw"].lower().replace("-", " ").split()
    if t[0] == "nineteen":
        return "DATE", str(1900 + int((number(" ".join(t[1:])) if t[1:] != ["hundred"] else 0) or 0))
    return "DATE", str(int(number(" ".join(t)) or 2000))


def _written_year(g: dict[str, str], a: Anchor) -> int:
    """The year of "January 1998", "the winter of nineteen ninety-four"."""
    return _year(g["year"], a.dct) if "year" in g else int(_year_words(g, a)[1] or 0)


def _decade(g: dict[str, str], a: Anchor) -> Value:
    if "dec" in g:
        return "DATE", g["dec"][:3]
    d = int(g["dec2"]) // 10 if "dec2" in g else DECADE_WORDS[g["decw"].lower()]
    now = a.dct.year if a.dct else 1999  # "the '90s", "the eighties": the latest such decade
    century = now // 100 if now // 100 * 100 + d * 10 <= now else now // 100 - 1
    return "DATE", f"{century}{d}"


def _century(g: dict[str, str], a: Anchor) -> Value:
    n = int(_lex("ordinal", g["ord"]) or _digits(g["ord"]) or 1)
    return "DATE", f"{n - 1:02d}"


# --- durations, sets, references -----------------------------------------------------------------------

def _duration_rule(g: dict[str, str], a: Anchor) -> Value:
    n = number(g["num"])
    if n is not None and (g.get("half") or g.get("half1")):
        n += 0.5
    return "DURATION", duration(n, _unit(g["unit"]))


def _vague_duration(g: dict[str, str], a: Anchor) -> Value:
    """ "recent years", "for years", "the weeks ahead": PXY, PXW."""
    return "DURATION", duration(None, _unit(g["unit"]))


def _span_units(g: dict[str, str], a: Anchor) -> Value:
    return "DURATION", duration(number(g["num"]), _unit(g["unit"]))


def _units_adj(g: dict[str, str], a: Anchor) -> Value:
    plural = g["unit"].lower().endswith("s")
    return "DURATION", duration(None if plural else 1, _unit(g["unit"]))


def _its_nth(g: dict[str, str], a: Anchor) -> Value:
    """ "now entering its fourth year": three whole years have passed, so P3Y has elapsed."""
    word = g.get("ord") or g["ord2"]
    n = int(_lex("ordinal", word) or _digits(word) or 1)
    return "DURATION", duration(max(n - 1, 0), _unit(g.get("unit") or g["unit2"]))


def _set_word(g: dict[str, str], a: Anchor) -> Value:
    return "SET", _lex("set", g["set"])


def _set_every(g: dict[str, str], a: Anchor) -> Value:
    unit_word = g["unit"]
    if wd := _lex("weekday", unit_word):
        return "SET", f"XXXX-WXX-{wd}"
    if (m := _lex("month", unit_word)) and unit_word[0].isupper():
        return "SET", f"XXXX-{m}"
    if code := _lex("season", unit_word):
        return "SET", f"XXXX-{code}"
    if part := _lex("daypart", unit_word.rstrip("s")):
        return "SET", f"XXXX-XX-XXT{part}"
    num = g.get("num", "1").lower()
    return "SET", duration(2.0 if num == "other" else number(num), _unit(unit_word))


def _set_times(g: dict[str, str], a: Anchor) -> Value:
    return "SET", duration(1, _unit(g["unit"]))


def _ref(g: dict[str, str], a: Anchor) -> Value:
    return "DATE", _lex("ref", " ".join(filter(None, [g.get("edge"), g["ref"]]))) or _lex("ref", g["ref"])


_RULES: dict[str, Callable[[dict[str, str], Anchor], Value]] = {
    "week_of": _week_of, "mdy": _date_md, "and_day": _date_md, "dmy": _date_md, "iso": _date_md,
    "slash": _date_md, "clock": _clock, "clock_in_the": _clock, "quarter": _quarter, "q_code": _q_code,
    "half": _half, "ago": _ago, "year_ago": _year_ago, "span_units": _span_units, "day_anaphor": _day_anaphor,
    "relunit": _relunit, "this_unit_end": _this_unit_end, "year_end": _this_unit_end, "month": _month_rule,
    "month_and": _month_rule, "ago_month": _ago_month,
    "season": _season_rule, "holiday": _holiday_rule, "weekday": _weekday_rule, "day_next_to": _day_next_to,
    "deictic": _deictic, "its_nth": _its_nth, "recent_units": _vague_duration, "decade": _decade, "century": _century,
    "year": _year_rule, "duration": _duration_rule, "for_units": _vague_duration, "weekend": _weekend,
    "ahead": _vague_duration, "year_words": _year_words, "units_adj": _units_adj, "set_every": _set_every,
    "set_times": _set_times, "set_word": _set_word, "ref": _ref,
}
