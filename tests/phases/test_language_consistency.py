"""One word for one thing in each language: the product's name, milestones, e-mail."""

import json
import re
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
@pytest.mark.parametrize(("prefix", "name"), [("", "Helseplattformen"), ("/nn", "Helseplattforma")])
def test_the_header_names_the_platform_as_the_language_s_own_text_does(client, prefix, name):
    html = client.get(f"{prefix}/").content.decode()
    assert f'<span class="site-title__name">{name}</span>' in html


def _nynorsk_texts():
    catalogue = polib.pofile(str(ROOT / "locale/nn/LC_MESSAGES/django.po"))
    yield from (entry.msgstr for entry in catalogue)
    content = json.loads((ROOT / "phases/content/rollout.json").read_text(encoding="utf-8"))

    def walk(value):
        if isinstance(value, dict):
            for key, item in value.items():
                if key == "nn" and isinstance(item, str):
                    yield item
                else:
                    yield from walk(item)
        elif isinstance(value, list):
            for item in value:
                yield from walk(item)

    yield from walk(content)


def test_nynorsk_says_milepale_and_never_milepael():
    texts = [text for text in _nynorsk_texts() if re.search(r"milepæl", text, re.I)]
    assert texts == []


def test_bokmal_writes_e_post_with_a_hyphen():
    offenders = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "templates").rglob("*.html")
        if re.search(r"\bepost\b", path.read_text(encoding="utf-8"), re.I)
    ]
    assert offenders == []


@pytest.mark.parametrize(
    ("language", "example"),
    [("nb", "«høst 2021»"), ("nn", "«haust 2021»"), ("en", "“autumn 2021”")],
)
def test_the_period_examples_are_in_the_reader_s_language_and_the_parser_reads_them(
    language, example
):
    from django.utils import translation

    from phases.fields import EXAMPLES
    from phases.periods import Period

    with translation.override(language):
        examples = str(EXAMPLES)
    assert example in examples
    for quoted in re.findall(r"[«“]([^»”]+)[»”]", examples):
        assert Period.parse(quoted)
