"""Norwegian alphabetical order (Æ, Ø, Å last) in the database and in Python alike."""

import json
from pathlib import Path

import pytest

from phases.collation import compare, sort_key
from phases.models import Organisation
from tests.phases.factories import make_organisation

CONTENT = Path(__file__).resolve().parents[2] / "phases" / "content" / "rollout.json"


def _county_names():
    organisations = json.loads(CONTENT.read_text(encoding="utf-8"))["organisations"]
    return [o["name"] for o in organisations if o["county"] in {"trondelag", "more-og-romsdal"}]


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("Zeta", "Æra"),
        ("Æra", "Ørsta"),
        ("Ørsta", "Ålesund"),
        ("Ålesund", "Aarøy"),  # «aa» is the old «å», just after it
        ("Aure", "Averøy"),
        ("Ørland", "Ørsta"),
        ("Äsen", "Ørland"),  # ä sorts with æ
        ("Öra", "Øyer"),  # ö sorts with ø
        ("Élan", "Fosen"),  # é is an e
        ("aure", "Aure"),  # lower case first, on ties only
        ("Frøya", "Frøya kommune"),
        ("Nord kommune", "Nordkapp"),  # a space sorts before letters
    ],
)
def test_it_puts_names_in_norwegian_order(before, after):
    assert sort_key(before) < sort_key(after)
    assert compare(before, after) == -1
    assert compare(after, before) == 1


def test_it_compares_a_name_equal_to_itself():
    assert compare("Ålesund kommune", "Ålesund kommune") == 0


@pytest.mark.django_db
def test_the_database_sorts_the_organisations_of_more_og_romsdal_and_trondelag_as_a_reader_expects():
    names = _county_names()
    for name in names:
        make_organisation(name=name)
    stored = list(Organisation.objects.values_list("name", flat=True))
    assert stored == sorted(names, key=sort_key)
    # What a Norwegian reader checks first: Å, Æ, Ø last, in the alphabet's order.
    tail = [name for name in stored if name[0] in "ÆØÅ"]
    assert tail == ["Ørland kommune", "Ørsta kommune", "Åfjord kommune"], stored[-5:]
    assert stored[:3] == ["Aukra kommune", "Aure kommune", "Averøy kommune"]


@pytest.mark.django_db
def test_the_database_and_python_agree_on_the_tricky_names():
    names = ["Aarøy", "Ålesund", "Äsen", "Öra", "Øyer", "Élan", "Fosen", "Æra", "Zeta", "Aure"]
    for name in names:
        make_organisation(name=name)
    stored = list(Organisation.objects.values_list("name", flat=True))
    assert stored == sorted(names, key=sort_key)


@pytest.mark.django_db
def test_the_admin_lists_and_looks_up_organisations_in_norwegian_order(admin_client):
    for name in ["Ørland kommune", "Aure kommune", "Åfjord kommune", "Zeta kommune"]:
        make_organisation(name=name)
    listed = admin_client.get("/admin/phases/organisation/").context["cl"].result_list
    assert [o.name for o in listed] == [
        "Aure kommune",
        "Zeta kommune",
        "Ørland kommune",
        "Åfjord kommune",
    ]
    found = admin_client.get(
        "/admin/autocomplete/",
        {"app_label": "phases", "model_name": "milestone", "field_name": "organisations"},
    ).json()["results"]
    assert [row["text"] for row in found][-2:] == ["Ørland kommune", "Åfjord kommune"]
