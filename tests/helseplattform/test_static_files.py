"""Static files in production: content-hashed and pre-compressed by WhiteNoise."""

from django.core.management import call_command
from django.test import override_settings


def test_collectstatic_writes_hashed_and_compressed_files(tmp_path):
    storages = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    with override_settings(STATIC_ROOT=tmp_path, STORAGES=storages):
        call_command("collectstatic", interactive=False, verbosity=0)
    css = sorted(p.name for p in (tmp_path / "css").iterdir())
    hashed = [
        name
        for name in css
        if name.startswith("site.") and name.endswith(".css") and name != "site.css"
    ]
    assert len(hashed) == 1, css
    assert f"{hashed[0]}.gz" in css
    assert (tmp_path / "staticfiles.json").exists()
