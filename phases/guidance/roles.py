"""Which role pages («Hva betyr det for meg?») a go-live concerns, by the organisations it names.

The five role pages have fixed addresses (their slugs are a contract like a URL:
``load_content`` creates them, the admin says not to change them), so an
organisation page or a milestone links to them without a query of its own.
Everyone is a citizen and may be a relative; the staff pages follow the kind of
organisation. Pure Python, no Django imports.
"""

from __future__ import annotations

from collections.abc import Iterable

CITIZEN = "innbygger-og-pasient"
RELATIVE = "parorende"
GP_AND_SPECIALIST = "fastlege-og-avtalespesialist"
MUNICIPAL_STAFF = "ansatt-i-kommunen"
HOSPITAL_STAFF = "ansatt-pa-sykehus"

# In the order the index shows them.
ROLE_SLUGS = (CITIZEN, RELATIVE, GP_AND_SPECIALIST, MUNICIPAL_STAFF, HOSPITAL_STAFF)

# Organisation.Kind values (the model's choices) and the staff page each one's people read.
_STAFF_BY_KIND = {
    # GPs and contract specialists work with both the hospitals and the municipalities.
    "helseforetak": (HOSPITAL_STAFF, GP_AND_SPECIALIST),
    "kommune": (MUNICIPAL_STAFF, GP_AND_SPECIALIST),
    "fastlegekontor": (GP_AND_SPECIALIST,),
    "avtalespesialist": (GP_AND_SPECIALIST,),
}


def role_slugs_for(kinds: Iterable[str]) -> list[str]:
    """Return the role pages for organisations of these kinds, in the index's order.

    Always the citizen's and the relative's page; with no organisation, only those.
    """
    wanted = {CITIZEN, RELATIVE}
    for kind in kinds:
        wanted.update(_STAFF_BY_KIND.get(kind, ()))
    return [slug for slug in ROLE_SLUGS if slug in wanted]
