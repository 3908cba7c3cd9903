"""Numbers, dates, money and State names for ``ar`` and ``en``, with Babel."""
from __future__ import annotations

import datetime as dt
from functools import cache

from babel.dates import format_date
from babel.numbers import format_currency, format_decimal, format_percent

from poa_reporter.i18n import locale

_ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def digits(text: str, lang: str, system: str) -> str:
    """Babel keeps Latin digits; Arabic-Indic ones (``system="arab"``) are swapped in for Arabic text."""
    return text.translate(_ARABIC_INDIC) if lang == "ar" and system == "arab" else text


def _numbering(lang: str, system: str) -> str:
    return "arab" if lang == "ar" and system == "arab" else "latn"


def number(value: int | float, lang: str, system: str = "latn") -> str:
    return digits(format_decimal(value, locale=locale(lang), numbering_system=_numbering(lang, system)), lang, system)


def percent(value: float, lang: str, system: str = "latn") -> str:
    return digits(format_percent(value, "#,##0.0%", locale=locale(lang), numbering_system=_numbering(lang, system)), lang, system)


def money(amount: int | float, currency: str, lang: str, system: str = "latn") -> str:
    whole = float(amount).is_integer()
    pattern = ("¤#,##0" if lang == "en" else "#,##0\u00a0¤") if whole else None
    text = format_currency(amount, currency, locale=locale(lang), numbering_system=_numbering(lang, system),
                           format=pattern, currency_digits=not whole)
    return digits(text.replace("\u200f", ""), lang, system)


def date(value: str, lang: str, system: str = "latn") -> str:
    try:
        day = dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        return str(value)
    return digits(format_date(day, "long", locale=locale(lang)), lang, system)


@cache
def state_name(code: str, lang: str) -> str:
    import pycountry

    country = pycountry.countries.get(alpha_3=code)
    if country is None:
        return code
    return locale(lang).territories.get(country.alpha_2) or country.name
