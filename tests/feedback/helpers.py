"""A small hand-written factory and test data for the feedback tests."""

import datetime

from django.utils import timezone
from stdnum.no import fodselsnummer as stdnum_fodselsnummer

from feedback.models import Feedback

WEIGHTS_1 = (3, 7, 6, 1, 8, 9, 4, 5, 2)
WEIGHTS_2 = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)


def _check_digit(digits: str, weights: tuple[int, ...]) -> int | None:
    remainder = 11 - sum(int(d) * w for d, w in zip(digits, weights, strict=True)) % 11
    if remainder == 11:
        return 0
    return None if remainder == 10 else remainder


def make_fodselsnummer(birth: datetime.date = datetime.date(1985, 12, 24)) -> str:
    """Return a synthetic fødselsnummer for the date, with correct check digits."""
    for individual in range(100, 500):  # 000–499 are people born 1900–1999
        base = f"{birth:%d%m%y}{individual:03d}"
        first = _check_digit(base, WEIGHTS_1)
        if first is None:
            continue
        second = _check_digit(base + str(first), WEIGHTS_2)
        if second is None:
            continue
        number = f"{base}{first}{second}"
        assert stdnum_fodselsnummer.is_valid(number)
        return number
    raise AssertionError(f"no valid fødselsnummer for {birth}")


FNR = make_fodselsnummer()
PHONE = "912 34 567"
EMAIL = "kari.nordmann@example.no"
PERSONAL_COMMENT = f"Fant ikke timen min. Fnr {FNR}, ring meg på {PHONE} eller skriv til {EMAIL}"
# What must never be found anywhere once the comment is in: the raw values, also without spaces.
RAW_PIECES = (FNR, PHONE, PHONE.replace(" ", ""), EMAIL, "kari.nordmann")


def make_feedback(
    *,
    page: str = "/",
    answer: str = "yes",
    language: str = "nb",
    comment: str = "",
    created: datetime.datetime | None = None,
) -> Feedback:
    """Store one feedback the way the view does."""
    return Feedback.objects.record(
        page=page,
        language=language,
        answer=answer,
        comment=comment,
        now=created or timezone.now(),
    )


def at(year: int, month: int, day: int, hour: int = 12, minute: int = 0) -> datetime.datetime:
    """Return a moment in the site's time zone."""
    return timezone.make_aware(datetime.datetime(year, month, day, hour, minute))
