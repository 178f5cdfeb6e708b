"""The timeline's figure "first announced vs now" and its table, on the real content."""

import pytest
from django.utils import translation

pytestmark = pytest.mark.django_db


def test_dump(client, content, clock):
    html = client.get("/").content.decode()
    open("/tmp/impact/timeline.html", "w").write(html)
