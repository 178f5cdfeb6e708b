"""Validators for the identifiers on an organisation (small callables, as Django expects)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum.no import orgnr


def validate_organisation_number(value: str) -> None:
    """Accept a nine-digit organisation number whose check digit is right (Enhetsregisteret's rule)."""
    if value and not (value.isdigit() and orgnr.is_valid(value)):
        raise ValidationError(
            _(
                "«%(value)s» er ikke et gyldig organisasjonsnummer (ni sifre, riktig kontrollsiffer)."
            ),
            code="invalid_organisation_number",
            params={"value": value},
        )
