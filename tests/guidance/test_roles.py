"""Which role pages a go-live links to, by the kinds of organisation it concerns."""

import pytest

from phases.guidance.roles import ROLE_SLUGS, role_slugs_for
from phases.models import Organisation

EVERYONE = ["innbygger-og-pasient", "parorende"]


@pytest.mark.parametrize(
    ("kinds", "expected"),
    [
        ([], EVERYONE),
        (["helseforetak"], [*EVERYONE, "fastlege-og-avtalespesialist", "ansatt-pa-sykehus"]),
        (["kommune"], [*EVERYONE, "fastlege-og-avtalespesialist", "ansatt-i-kommunen"]),
        (["fastlegekontor"], [*EVERYONE, "fastlege-og-avtalespesialist"]),
        (["avtalespesialist"], [*EVERYONE, "fastlege-og-avtalespesialist"]),
        (["annet"], EVERYONE),
        # A wave of a trust and its municipalities: every role, in the index's order, once.
        (["kommune", "helseforetak", "kommune"], list(ROLE_SLUGS)),
    ],
)
def test_it_picks_the_role_pages_for_the_kinds_of_organisation(kinds, expected):
    assert role_slugs_for(kinds) == expected


def test_every_kind_of_organisation_is_known():
    for kind in Organisation.Kind.values:
        assert set(role_slugs_for([kind])) >= set(EVERYONE)
    assert {slug for kind in Organisation.Kind.values for slug in role_slugs_for([kind])} == set(
        ROLE_SLUGS
    )
