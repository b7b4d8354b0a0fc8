"""Numbers in running text, read without a model: digits, words, fractions and vague amounts.

`lex` cuts a text into pieces (digit literals, words, symbols) with their character offsets, and
marks digit runs that are codes rather than amounts (dates "5/17/2018", clock times "2:00", phone
numbers, IP addresses, URLs). `read_number` reads one number starting at a piece: "11,000",
"eleven thousand", "1.5 million", "5bn" (of "$5bn"), "3/4", "two and a half", "a dozen", "-5",
"thousands" (vague, at least 1000), "1.3x10^6", "one over three", "three twenty-firsts". The words it
knows are data/number_words.tsv. Deciding whether a number is a quantity (not a year, a date, an
ordinal or a name) is extract/quantities.py's job.
"""

from __future__ import annotations

import csv
import functools
import math
import re
from dataclasses import dataclass
from importlib import resources
from typing import NamedTuple

__all__ = ["Number", "Piece", "lex", "number_words", "parse_number", "read_number", "word_kinds"]

# Unicode vulgar fractions.
_VULGAR = {"½": 1 / 2, "⅓": 1 / 3, "⅔": 2 / 3, "¼": 1 / 4, "¾": 3 / 4, "⅕": 1 / 5, "⅖": 2 / 5, "⅗": 3 / 5,
           "⅘": 4 / 5, "⅙": 1 / 6, "⅚": 5 / 6, "⅛": 1 / 8, "⅜": 3 / 8, "⅝": 5 / 8, "⅞": 7 / 8}
# Denominators a digit fraction is written with; "9/11" and "24/7" are names, "5/17" a date.
_DENOMINATORS = {2, 3, 4, 5, 6, 8, 10, 12, 16, 32, 64, 100}

# "a" is one before these: "a hundred", "a million", "a dozen", "a fifth".
_ARTICLE_BEFORE = {"hundred", "scale", "dozen", "denominator"}
# Denominators that never close a compound ordinal: "twenty quarters" is 20/4, not 1/24.
_NOT_IN_COMPOUND = {"half", "halves", "quarter", "quarters"}

_LEX = re.compile(
    r"(?P<url>(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+\.[\w.]+)"
    # dates, phone numbers, IP addresses, versions, clock times, seasons: "5/17/2018", "2014-15"
    r"|(?P<code>\+?\d+(?P<sep>[-/.:])\d+(?:(?P=sep)\d+)+(?:[-/]\d+)*|\d{1,2}:\d{2}|\d{4}-\d{2}(?!\d)|\d{3}-\d{4}(?!\d))"
    r"|(?P<frac>(?<![\d/])\d+ ?/ ?\d+(?![\d/]))"
    r"|(?P<num>(?<![\d.,])(?:"
    r"\d+,\d{1,2}(?=\s?%)"  # a decimal comma before a per cent sign: "8,26%"
    r"|\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d,]\d)"  # 11,000  1,674.5
    r"|\d{1,2}(?:,\d{2})+,\d{3}(?:\.\d+)?"  # Indian grouping: 12,34,567.89
    r"|\d{1,3}(?:[\u00a0\u202f\u2009]\d{3})+(?:\.\d+)?(?!\d)"  # 40 000 with a (narrow) no-break space
    r"|\d{1,3}(?: \d{3}){2,}(?!\d|[,.]\d)|\d{2,3} \d{3}(?!\d|[,.]\d)"  # 1 234 567, 40 000
    r"|\d{1,3}(?: , \d{3})+(?!\d)|\d+ \. \d+(?![\d.])"  # tokenised text: "80 , 000", "6 . 2"
    r"|\d+(?:\.\d+(?:[eE][-+]?\d+(?!\w))?|e[-+]?\d+(?!\w))?"  # 1.5  1e10  1.3e6  1.3E6; "7E7" is a name
    r"|\.\d+))"  # .25
    r"|(?P<vulgar>[" + "".join(_VULGAR) + r"])"
    r"|(?P<word>[^\W\d_]+)"
    r"|(?P<sym>\S)"
)


class Piece(NamedTuple):
    """One word, number or symbol of the text (a tuple: an article makes hundreds, cheaply)."""

    text: str
    start: int
    end: int
    kind: str  # num | frac | word | sym | code
    value: float | None
    glued: bool  # no space between the previous piece and this one
    lower: str  # the text lower-cased, read very often


@dataclass(frozen=True, slots=True)
class Number:
    """A number read from pieces[first:last]."""

    first: int
    last: int  # exclusive
    value: float
    vague: bool = False  # a lower bound: "thousands" >= 1000
    scale: float = 1.0  # the multiplier that closes it ("1.5 million" -> 1e6), for ranges ("5-6 million")
    spelled: bool = False  # written (partly) in words
    literal: str | None = None  # the digits, when the number is one plain digit literal ("2022")
    bare_fraction: bool = False  # "half" alone: a quantity only with a qualifier ("more than half")


# Invisible characters a copied text carries between words (zero-width spaces and joiners, the soft hyphen):
# read as spaces, so "2\u200bmillion" is two million; offsets are kept, one character for one.
_INVISIBLE = str.maketrans({c: " " for c in "\u200b\u200c\u200d\u2060\ufeff\u00ad"})


def lex(text: str) -> list[Piece]:
    pieces: list[Piece] = []
    end = -1
    text = text.translate(_INVISIBLE)
    for m in _LEX.finditer(text):
        kind = m.lastgroup or "sym"
        s = m.group()
        value: float | None = None
        if kind == "url":
            kind = "code"
        elif kind == "num":
            decimal_comma = re.fullmatch(r"\d+,\d{1,2}", s) is not None  # "8,26%"
            value = float(s.replace(",", ".")) if decimal_comma else float(re.sub(r"[,\s]", "", s))
        elif kind == "vulgar":
            kind, value = "frac", _VULGAR[s]
        elif kind == "frac":
            a, b = (int(x) for x in s.replace(" ", "").split("/"))
            if b in _DENOMINATORS and 0 < a < b:
                value = a / b
            else:
                kind = "code"
        pieces.append(Piece(s, m.start(), m.end(), kind, value, m.start() == end, s.lower()))
        end = m.end()
    return pieces


@functools.lru_cache(maxsize=1)
def number_words() -> tuple[dict[str, dict[str, float]], dict[str, dict[str, float]]]:
    """(lower-case words, case-sensitive words) -> {kind: value}, from data/number_words.tsv."""
    text = resources.files("claimgraph").joinpath("data", "number_words.tsv").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    lower: dict[str, dict[str, float]] = {}
    exact: dict[str, dict[str, float]] = {}
    for row in csv.DictReader(lines, delimiter="\t"):
        word = row["word"]
        table = lower if word == word.lower() else exact
        table.setdefault(word, {})[row["kind"]] = float(row["value"])
    return lower, exact


def word_kinds(piece: Piece) -> dict[str, float]:
    """What a piece can be as a number word: {kind: value}; empty for anything else."""
    if piece.kind != "word":
        return {}
    lower, exact = number_words()
    if piece.text in exact:
        return exact[piece.text]
    return lower.get(piece.lower, {})


def _k(pieces: list[Piece], i: int) -> dict[str, float]:
    return word_kinds(pieces[i]) if 0 <= i < len(pieces) else {}


def _counting(kinds: dict[str, float]) -> float | None:
    for kind in ("unit", "teen", "tens"):
        if kind in kinds:
            return kinds[kind]
    return None


def read_number(pieces: list[Piece], i: int, money: bool = False) -> Number | None:
    """The number that starts at pieces[i], or None. `money`: a currency comes right before it."""
    n = len(pieces)
    p = pieces[i]
    sign, j = 1.0, i
    if "sign" in _k(pieces, i) and i + 1 < n and (pieces[i + 1].kind == "num" or _counting(_k(pieces, i + 1))):
        sign, j = -1.0, i + 1
    elif (p.text in "-−" and i + 1 < n and pieces[i + 1].kind in ("num", "frac") and pieces[i + 1].glued
          and (i == 0 or not p.glued or pieces[i - 1].text in "([{=<>:")):
        sign, j = -1.0, i + 1
    num = _vague(pieces, j) or _amount(pieces, j, money)
    if num is None or (sign < 0 and num.vague):
        return None
    if sign < 0:
        num = Number(i, num.last, -num.value, scale=num.scale, spelled=num.spelled)
    return _over(pieces, num) or num


def _over(pieces: list[Piece], num: Number) -> Number | None:
    """ "one over three", "1 over 20", "2000 over 3": a fraction read aloud, when the denominator ends
    the clause ("won 3 over 2 rivals" is not one)."""
    k = num.last
    if num.vague or k + 1 >= len(pieces) or pieces[k].lower != "over" or pieces[k + 1].kind not in ("num", "word"):
        return None
    den = _amount(pieces, k + 1, False)
    if den is None or den.value <= 0 or den.literal and len(den.literal) == 4:
        return None  # "2019 over 2018": years
    if den.last < len(pieces) and pieces[den.last].text not in ".,;:!?)":
        return None
    return Number(num.first, den.last, num.value / den.value, spelled=num.spelled or den.spelled)


def parse_number(text: str) -> float | None:
    """The value of `text` when all of it is one number ("twenty-one", "1.5 million"), else None."""
    pieces = lex(text)
    num = read_number(pieces, 0) if pieces else None
    return num.value if num is not None and num.last == len(pieces) else None


def _vague(pieces: list[Piece], j: int) -> Number | None:
    """ "thousands", "tens of thousands", "several hundred", "a few thousand": at least the value."""
    k = j
    if pieces[k].lower == "a" and "vague_few" in _k(pieces, k + 1):
        k += 1
    kinds = _k(pieces, k)
    if "vague" in kinds:
        value = kinds["vague"]
        k += 1
    elif "vague_few" in kinds and ("hundred" in _k(pieces, k + 1) or "scale" in _k(pieces, k + 1)):
        nxt = _k(pieces, k + 1)
        value = nxt.get("hundred", nxt.get("scale", 1.0))
        k += 2
        while _k(pieces, k).get("scale", _k(pieces, k).get("vague", 0)) > value:  # "several hundred thousand(s)"
            value *= _k(pieces, k).get("scale", _k(pieces, k).get("vague", 1))
            k += 1
        return Number(j, k, value, vague=True, spelled=True)
    else:
        return None
    while k + 1 < len(pieces) and pieces[k].lower == "of" and _k(pieces, k + 1).get("vague", 0) > value:
        value *= _k(pieces, k + 1)["vague"]
        k += 2
    return Number(j, k, value, vague=True, spelled=True)


def _amount(pieces: list[Piece], j: int, money: bool) -> Number | None:
    n = len(pieces)
    first = pieces[j]
    if first.kind == "frac":  # "½ teaspoon", "3/4"
        return Number(j, j + 1, first.value or 0.0)
    kinds = _k(pieces, j)
    if "half" in kinds or (first.lower in ("a", "an") and "half" in _k(pieces, j + 1)):
        return _half(pieces, j)
    total, group = 0.0, None  # completed scale groups; the group being read (< 1000 in words)
    last: str | None = None  # kind of the last piece read
    last_scale, scale = math.inf, 1.0
    spelled = False
    before_and: float | None = None  # the value before "and" ("one hundred and three quarters")
    and_scale = 1.0  # the scale "and" follows ("two million and one half")
    k = j
    best: tuple[float, int] | None = None
    while k < n:
        t = pieces[k]
        kinds = _k(pieces, k)
        count = _counting(kinds)
        if t.kind == "num" and t.value is not None:
            if last is None:
                group, last = t.value, "digits"
                k += 1
                if k < n and pieces[k].kind == "frac" and t.value.is_integer():  # "10 1/2", "10½"
                    group += pieces[k].value or 0.0
                    return Number(j, k + 1, group)
                suffix = _suffix(pieces, k, money)
                if suffix:
                    return Number(j, k + 1, group * suffix, scale=suffix)
                power = _power(pieces, k, group)
                if power is not None:
                    return Number(j, power[1], power[0])
                best = (group, k)
                continue
            limit = 100 if last == "hundred" else last_scale
            if last in ("hundred", "scale") and spelled and t.value.is_integer() and 0 < t.value < min(limit, 1000):
                group, last = (group or 0.0) + t.value, "digits"
            else:
                break
        elif count is not None and "unit" in kinds and count == 0:
            if last is None:
                best, spelled = (0.0, k + 1), True
            break
        elif count is not None:
            kind = "unit" if "unit" in kinds else "teen" if "teen" in kinds else "tens"
            if last in (None, "hundred", "scale") or (last == "tens" and kind == "unit" and (group or 0) % 10 == 0):
                group, last, spelled = (group or 0.0) + count, kind, True
            else:
                break
        elif "hundred" in kinds:
            # "322 hundred", but not "3 hundred and 2 hundred"
            literal = last == "digits" and total == 0 and before_and is None
            if last in ("unit", "teen", "tens", "digits", "article") and (group or 0) < (1000 if literal else 100):
                group = (group or 1.0) * 100
            elif last is None:
                group = 100.0
            else:
                break
            last, spelled = "hundred", True
        elif "scale" in kinds:
            value = kinds["scale"]
            if last in ("unit", "teen", "tens", "digits", "hundred", "article") and group and value < last_scale:
                total += group * value
                group, last, last_scale, scale, spelled = None, "scale", value, value, True
            elif last == "scale" and group is None and value > last_scale:  # "lakh crore", "thousand million"
                total *= value
                last_scale = scale = value
            else:
                break
        elif "suffix" in kinds and last == "digits" and (len(t.text) > 1 or t.text in "kKM"):  # "2.33 bn"
            return Number(j, k + 1, (total + (group or 0.0)) * kinds["suffix"], scale=kinds["suffix"])
        elif t.lower == "and" and last in ("hundred", "scale") and _continues(pieces, k + 1, last, last_scale):
            before_and = total + (group or 0.0)
            and_scale = last_scale if last == "scale" else 1.0
            k += 1
            continue
        elif t.text in "-‐‑" and last == "tens" and k + 1 < n and (_counting(_k(pieces, k + 1)) or 0) > 0 \
                and "unit" in _k(pieces, k + 1):
            k += 1
            continue
        elif t.text in "-‐‑" and t.glued and last in ("digits", "unit", "teen", "tens") and k + 1 < n \
                and pieces[k + 1].glued and "scale" in _k(pieces, k + 1):
            k += 1  # "two-million", "$2-billion"
            continue
        elif t.lower in ("a", "an") and last is None and (_ARTICLE_BEFORE & set(_k(pieces, k + 1))
                                                          or _denominator(pieces, k + 1) is not None):
            group, last, spelled = 1.0, "article", True
            k += 1
            best = (1.0, k)
            continue
        else:
            break
        k += 1
        best = (total + (group or 0.0), k)
    if best is None:
        return None
    value, k = best
    single = pieces[j].kind == "num" and k == j + 1
    if last == "article":  # "a fifth", "a dozen"; not "a third term"
        num = _tails(pieces, j, k, value, True, 1.0, 1.0, None, None)
        return num if num.last > k else None
    return _tails(pieces, j, k, value, spelled, scale if last == "scale" else 1.0, and_scale, before_and,
                  pieces[j].text if single else None)


def _suffix(pieces: list[Piece], k: int, money: bool) -> float | None:
    """A multiplier glued to digits: "10k", "5bn", "$5m" (only after a currency), "2mil"."""
    if k >= len(pieces) or not pieces[k].glued or pieces[k].kind != "word":
        return None
    kinds = word_kinds(pieces[k])
    if k + 1 < len(pieces) and pieces[k + 1].glued and pieces[k + 1].kind in ("word", "num"):
        return None  # "10kmph", "24703m212": part of a longer code or unit
    if "suffix" in kinds:
        return kinds["suffix"]
    if money and "money_suffix" in kinds:
        return kinds["money_suffix"]
    return None


def _continues(pieces: list[Piece], k: int, last: str, last_scale: float) -> bool:
    """After "and": does the number go on ("two hundred and six"), or is "and" a coordination?"""
    if k >= len(pieces):
        return False
    limit = 100 if last == "hundred" else last_scale
    t = pieces[k]
    nxt = _k(pieces, k + 1)
    if ("hundred" in nxt and last == "hundred") or nxt.get("scale", 0) >= last_scale:
        return False  # "3 hundred and 2 hundred", "two million and three million": two numbers
    if t.kind == "num" and t.value is not None:
        return t.value.is_integer() and 0 < t.value < min(limit, 1000)
    value = _counting(_k(pieces, k))
    return value is not None and 0 < value < limit


def _tails(pieces: list[Piece], j: int, k: int, value: float, spelled: bool, scale: float,
           and_scale: float, before_and: float | None, literal: str | None) -> Number:
    """What may follow an amount: "point five", "thirds", "and a half", "dozen"."""
    n = len(pieces)
    if spelled and k + 1 < n and pieces[k].lower == "point":
        digits, m = "", k + 1
        while m < n and (c := _counting(_k(pieces, m))) is not None:
            digits += str(int(c))
            m += 1
            if m + 1 < n and pieces[m].text == "-" and "unit" in _k(pieces, m + 1) and digits[-1] == "0":
                digits, m = digits[:-1], m + 1  # "point seventy-one"
        if digits:
            return Number(j, m, value + float("0." + digits), spelled=True)
    m = k + 1 if k + 1 < n and pieces[k].text == "-" else k
    if spelled:
        split = _split_denominator(pieces, j, k, value, before_and)
        if split is not None:
            return split
        den = _denominator(pieces, m)
        top = value if before_and is None else value - before_and
        if den is not None and _fraction_ok(pieces, den[1], top):
            d, end = den
            if before_and is not None and top < d:  # "one hundred and three quarters", "six million and two thirds"
                small = _k(pieces, end).get("scale", 0.0)
                if 1 < small < and_scale:  # "one billion and three quarters million"
                    return Number(j, end + 1, before_and + top / d * small, spelled=True)
                return Number(j, end, before_and + top / d * and_scale, spelled=True)
            return _times_scale(pieces, j, end, value / d)  # "one hundred and thirty fifths" = 130/5
    if k + 1 < n and pieces[k].lower == "and":
        frac = _and_fraction(pieces, k + 1)
        if frac is not None:
            part, m = frac
            small = _k(pieces, m).get("scale", 0.0)
            if scale == 1 and small:  # "five and a half million"
                return Number(j, m + 1, (value + part) * small, scale=small, spelled=True)
            if small and small < scale:  # "one billion and a half million"
                return Number(j, m + 1, value + part * small, scale=scale, spelled=True)
            return Number(j, m, value + part * scale, scale=scale, spelled=True)
    if "dozen" in _k(pieces, k):
        if before_and is not None:  # "three hundred and two dozen"
            return Number(j, k + 1, before_and + (value - before_and) * 12, spelled=True)
        return Number(j, k + 1, value * 12, spelled=True)
    return Number(j, k, value, scale=scale, spelled=spelled, literal=literal)


def _denominator(pieces: list[Piece], m: int) -> tuple[float, int] | None:
    """A fraction's denominator at pieces[m]: "thirds", "fifth", or a compound ordinal "twenty-first",
    "thirty fifths" (only where a number before it ends the numerator): (denominator, end)."""
    kinds = _k(pieces, m)
    if "denominator" in kinds:
        return kinds["denominator"], m + 1
    if "tens" not in kinds:
        return None
    q = m + 2 if m + 2 < len(pieces) and pieces[m + 1].text in "-‐" and pieces[m + 1].glued else m + 1
    if q >= len(pieces) or pieces[q].lower in _NOT_IN_COMPOUND:
        return None
    sub = _k(pieces, q)
    unit = sub.get("denominator", sub.get("ordinal"))
    if unit is None or not 1 <= unit <= 9:
        return None
    return kinds["tens"] + unit, q + 1


def _split_denominator(pieces: list[Piece], j: int, k: int, value: float, before_and: float | None) -> Number | None:
    """ "one hundred thirty-fifths" is 100/35: a tens word right after the rest of the numerator (no "and")
    starts a compound denominator. None when the number does not end that way."""
    t = k - 1
    if before_and is not None or t - 1 < j or "tens" not in _k(pieces, t) or pieces[t - 1].lower == "and":
        return None
    den = _denominator(pieces, t)
    if den is None or den[1] <= k + (1 if k < len(pieces) and pieces[k].text in "-‐" else 0):
        return None
    top = value - _k(pieces, t)["tens"]
    if top <= 0 or not _fraction_ok(pieces, den[1], top):
        return None
    return _times_scale(pieces, j, den[1], top / den[0])


def _fraction_ok(pieces: list[Piece], end: int, top: float) -> bool:
    """ "two thirds", "a fifth of", "one-eighth"; not "a third time" (an ordinal) nor "two third"."""
    if pieces[end - 1].lower.endswith("s"):
        return top > 1
    return top == 1 and _ends_fraction(pieces, end)


def _ends_fraction(pieces: list[Piece], m: int) -> bool:
    """A singular fraction ("a fifth", "a quarter") stands before "of", a scale or no word at all; not
    inside a compound ("a third-party vendor", "a twenty-first-century city")."""
    if m + 1 < len(pieces) and pieces[m].text in "-‐" and pieces[m].glued and pieces[m + 1].glued \
            and pieces[m + 1].kind == "word":
        return False
    return (m >= len(pieces) or pieces[m].kind != "word" or pieces[m].lower == "of"
            or "scale" in _k(pieces, m))


def _and_fraction(pieces: list[Piece], k: int) -> tuple[float, int] | None:
    """ "a half", "one quarter", "three fifths", "fifty-four hundredths" after "and": a proper fraction
    (fraction, end)."""
    n = len(pieces)
    if k >= n:
        return None
    if pieces[k].lower in ("a", "an"):
        top, q = 1.0, k + 1
    else:
        small = _small(pieces, k)
        if small is None:
            return None
        top, q = small
    den = _denominator(pieces, q) if top > 0 else None
    if den is None or not top < den[0] or not (pieces[den[1] - 1].lower.endswith("s") and top > 1 or top == 1):
        return None
    return top / den[0], den[1]


def _small(pieces: list[Piece], k: int) -> tuple[float, int] | None:
    """A number under 100 in words at pieces[k] ("three", "fifty-four"): (value, end)."""
    kinds = _k(pieces, k)
    value = _counting(kinds)
    if value is None:
        return None
    if "tens" in kinds and k + 2 < len(pieces) and pieces[k + 1].text in "-‐" and "unit" in _k(pieces, k + 2):
        return value + _k(pieces, k + 2)["unit"], k + 3
    return value, k + 1


def _power(pieces: list[Piece], k: int, base: float) -> tuple[float, int] | None:
    """A power after digits: "1.1^23", "2.5^-1", "1.3x10^6", "6.23 × 10^-4": (value, end)."""
    n = len(pieces)
    times = k + 2 < n and pieces[k].lower in ("x", "×", "*", "·") and pieces[k + 1].value == 10 \
        and pieces[k + 1].kind == "num" and pieces[k + 2].text == "^"
    q = k + 2 if times else k
    if q >= n or pieces[q].text != "^":
        return None
    q += 1
    sign = 1
    while q < n and pieces[q].text in "+-−":
        sign = -sign if pieces[q].text != "+" else sign
        q += 1
    power = pieces[q].value if q < n and pieces[q].kind == "num" else None
    if power is None or abs(power) > 300:
        return None
    exponent = sign * power
    if base == 0 and exponent <= 0 and not times:
        return None
    try:
        value = base * 10.0 ** exponent if times else base ** exponent
    except OverflowError:
        return None
    return (value, q + 1) if math.isfinite(value) else None


def _times_scale(pieces: list[Piece], j: int, k: int, value: float) -> Number:
    """ "three quarters billion", "two thirds of a million"."""
    m = k
    if m < len(pieces) and pieces[m].lower == "of":
        m += 1
    if m < len(pieces) and pieces[m].lower in ("a", "an"):
        m += 1
    scale = _k(pieces, m).get("scale")
    if scale and (m == k or m - k == 2 or pieces[k].lower != "of"):
        return Number(j, m + 1, value * scale, scale=scale, spelled=True)
    return Number(j, k, value, spelled=True)


def _half(pieces: list[Piece], j: int) -> Number | None:
    """ "half a million", "a quarter million", "half a dozen"; "half" alone is a bare fraction."""
    k = j + 1 if pieces[j].lower in ("a", "an") else j
    value = _k(pieces, k)["half"]
    article = k > j
    m = k + 1
    if m < len(pieces) and pieces[m].lower in ("a", "an"):
        m += 1
    nxt = _k(pieces, m)
    if "scale" in nxt:
        return Number(j, m + 1, value * nxt["scale"], scale=nxt["scale"], spelled=True)
    if "dozen" in nxt:
        return Number(j, m + 1, value * 12, spelled=True)
    if article and not _ends_fraction(pieces, k + 1):
        return None  # "a half hour", "a quarter century"
    if pieces[k].lower == "quarter" and not article:
        return None  # "quarter" alone is three months, not a fraction
    return Number(j, k + 1, value, spelled=True, bare_fraction=not article)
