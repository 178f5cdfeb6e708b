"""The kinds of personal data the scrubber removes, and the placeholder for each."""

from __future__ import annotations

from enum import StrEnum


class Kind(StrEnum):
    """The kinds of personal data the scrubber removes."""

    FODSELSNUMMER = "fodselsnummer"  # fødselsnummer, D-number, H-number, FH-number
    PHONE = "telefonnummer"
    EMAIL = "e-post"
    BANK_ACCOUNT = "kontonummer"
    PAYMENT_CARD = "kortnummer"
    NAME = "navn"
    ADDRESS = "adresse"

    @property
    def placeholder(self) -> str:
        """The text that replaces a removed item of this kind."""
        return PLACEHOLDERS[self]


PLACEHOLDERS: dict[Kind, str] = {
    Kind.FODSELSNUMMER: "[fødselsnummer fjernet]",
    Kind.PHONE: "[telefonnummer fjernet]",
    Kind.EMAIL: "[e-post fjernet]",
    Kind.BANK_ACCOUNT: "[kontonummer fjernet]",
    Kind.PAYMENT_CARD: "[kortnummer fjernet]",
    Kind.NAME: "[navn fjernet]",
    Kind.ADDRESS: "[adresse fjernet]",
}
