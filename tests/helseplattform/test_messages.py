"""The committed translation catalogues are compiled and up to date."""

import polib

from helseplattform import messages


def test_every_committed_catalogue_is_compiled_and_current():
    paths = messages.catalogues()
    assert {p.parts[-3] for p in paths} >= {"nn", "en"}
    assert [problem for path in paths for problem in messages.problems(path)] == []


def write_catalogue(directory, translation):
    po = polib.POFile()
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
    po.append(polib.POEntry(msgid="Tidslinje", msgstr=translation))
    path = directory / "django.po"
    po.save(str(path))
    return path


def test_it_reports_a_compiled_catalogue_that_is_older_than_its_source(tmp_path):
    path = write_catalogue(tmp_path, "Timeline")
    path.with_suffix(".mo").write_bytes(messages.compiled_bytes(path))
    assert messages.problems(path) == []
    write_catalogue(tmp_path, "Time line")
    assert "differs" in messages.problems(path)[0]


def test_it_reports_a_missing_compiled_catalogue(tmp_path):
    path = write_catalogue(tmp_path, "Timeline")
    assert "missing" in messages.problems(path)[0]


def test_it_reports_fuzzy_entries(tmp_path):
    path = write_catalogue(tmp_path, "Timeline")
    po = polib.pofile(str(path))
    po[0].flags.append("fuzzy")
    po.save()
    path.with_suffix(".mo").write_bytes(messages.compiled_bytes(path))
    assert "fuzzy" in messages.problems(path)[0]
