"""Load the rollout content (phases, organisations, go-lives and their dates).

The site ships with the plan as first published and what later happened to it,
from ``phases/content/rollout.json``. The command is idempotent: it creates
what is missing and updates what differs, so running it twice changes nothing
(and writes no history). Entries of a date history are matched by kind, period
and source, and only ever added: an editor's own entries are left alone.
What it creates is published at once; what exists keeps its publishing dates.

The role pages («Hva betyr det for meg?») and the glossary come from
``phases/content/guidance.json``, matched by slug like the phases.

``make run`` calls it with ``--if-empty``, which loads only into an empty database.
"""

import datetime
import json
import unicodedata
from decimal import Decimal
from pathlib import Path

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from helseplattform.languages import site_languages
from phases.models import (
    DateEntry,
    GlossaryTerm,
    Hospital,
    Milestone,
    Organisation,
    Phase,
    RolePage,
)
from phases.periods import Period

CONTENT_FILE = Path(__file__).resolve().parents[2] / "content" / "rollout.json"
# Every municipality with its identifiers and a point for the map, and the hospitals.
DIRECTORY_FILE = CONTENT_FILE.with_name("directory.json")
# The role pages and the glossary.
GUIDANCE_FILE = CONTENT_FILE.with_name("guidance.json")
CHANGE_REASON = "load_content"

# slugify() drops letters it cannot decompose, which would turn "Ørland" into "rland".
_NORWEGIAN = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "Æ": "Ae", "Ø": "O", "Å": "A"})


def norwegian_slug(name: str) -> str:
    """Return a URL slug that keeps Norwegian letters readable ("Ørland kommune" → "orland-kommune")."""
    return slugify(unicodedata.normalize("NFC", name).translate(_NORWEGIAN))


def parse_decided(text: str | None) -> tuple[datetime.date | None, str]:
    """Read "2022-04-22" or "2021-01" (a month, as sources often give it)."""
    if not text:
        return None, DateEntry.Precision.DAY
    parts = [int(part) for part in text.split("-")]
    if len(parts) == 2:
        return datetime.date(parts[0], parts[1], 1), DateEntry.Precision.MONTH
    return datetime.date(*parts), DateEntry.Precision.DAY


def translated(field: str, texts: dict | None) -> dict[str, str]:
    texts = texts or {}
    return {f"{field}_{lang}": texts.get(lang, "") for lang in site_languages()}


class Command(BaseCommand):
    help = (
        "Load the rollout content from phases/content/rollout.json: create what is "
        "missing, update what differs, publish what is new. Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Load only when the database has no phases yet (used by `make run`).",
        )
        parser.add_argument(
            "--file", default=str(CONTENT_FILE), help="Content file (default: %(default)s)."
        )
        parser.add_argument(
            "--directory-file",
            default=str(DIRECTORY_FILE),
            help="Municipalities and hospitals (default: %(default)s).",
        )
        parser.add_argument(
            "--guidance-file",
            default=str(GUIDANCE_FILE),
            help="Role pages and glossary (default: %(default)s).",
        )

    def handle(
        self,
        *args,
        if_empty=False,
        file=str(CONTENT_FILE),
        directory_file=str(DIRECTORY_FILE),
        guidance_file=str(GUIDANCE_FILE),
        **options,
    ):
        if if_empty and Phase.objects.exists():
            self.stdout.write("The database already has content; nothing loaded.")
            return
        data = json.loads(Path(file).read_text(encoding="utf-8"))
        directory = json.loads(Path(directory_file).read_text(encoding="utf-8"))
        guidance = json.loads(Path(guidance_file).read_text(encoding="utf-8"))
        self.now = timezone.now()
        self.counts = {}
        with transaction.atomic():
            self.load(data)
            self.load_directory(directory)
            self.load_guidance(guidance)
        for label, counts in self.counts.items():
            summary = ", ".join(
                f"{counts[key]} {key}" for key in ("created", "updated", "unchanged")
            )
            self.stdout.write(f"{label}: {summary}")
        self.stdout.write(self.style.SUCCESS("Content loaded."))

    # -- loading ------------------------------------------------------------------

    def load(self, data):
        sources = data["sources"]
        phases = {}
        for position, item in enumerate(data["phases"], start=1):
            values = {
                "position": position,
                "period": Period.parse(item["period"]),
                **translated("title", item["title"]),
                **translated("summary", item.get("summary")),
                **translated("body", item.get("body")),
            }
            phase = self.sync(Phase, {"slug": item["slug"]}, values, "Phases")
            self.sync_history(phase, "phase", item.get("history", []), sources)
            phases[item["slug"]] = phase

        organisations = {}
        for item in data["organisations"]:
            values = {
                "name": item["name"],
                "kind": item["kind"],
                "county": item.get("county", ""),
                "website": item.get("website", ""),
                "decision": item.get("decision", ""),
            }
            slug = item.get("slug") or norwegian_slug(item["name"])
            organisations[item["name"]] = self.sync(
                Organisation, {"slug": slug}, values, "Organisations"
            )

        for position, item in enumerate(data["milestones"], start=1):
            values = {
                "phase": phases[item["phase"]],
                "position": position,
                "is_go_live": item.get("is_go_live", True),
                **translated("title", item["title"]),
                **translated("description", item.get("description")),
            }
            milestone = self.sync(Milestone, {"slug": item["slug"]}, values, "Milestones")
            wanted = {organisations[name].pk for name in item["organisations"]}
            if set(milestone.organisations.values_list("pk", flat=True)) != wanted:
                milestone.organisations.set(wanted)
            self.sync_history(milestone, "milestone", item["history"], sources)

    def sync(self, model, lookup, values, label):
        """Create or update one object; save only when something differs."""
        counts = self.counts.setdefault(label, {"created": 0, "updated": 0, "unchanged": 0})
        obj = model.objects.filter(**lookup).first()
        if obj is None:
            obj = model(**lookup, **values)
            if hasattr(obj, "publish_at"):
                obj.publish_at = self.now
            counts["created"] += 1
        else:
            changed = {name for name, value in values.items() if getattr(obj, name) != value}
            if not changed:
                counts["unchanged"] += 1
                return obj
            for name in changed:
                setattr(obj, name, values[name])
            counts["updated"] += 1
        obj._change_reason = CHANGE_REASON
        obj.full_clean()
        obj.save()
        return obj

    def sync_history(self, owner, owner_field, items, sources):
        counts = self.counts.setdefault(
            "Date entries", {"created": 0, "updated": 0, "unchanged": 0}
        )
        existing = list(DateEntry.objects.filter(**{owner_field: owner}).order_by("id"))
        for item in items:
            source = sources[item["source"]]
            period = Period.parse(item["period"]) if item.get("period") else None
            decided_on, precision = parse_decided(item.get("decided_on"))
            values = {
                "decided_on": decided_on,
                "decided_on_precision": precision,
                "source_title": source["title"],
                "source_language": source["language"],
                **translated("reason", item.get("reason")),
            }
            match = next(
                (
                    entry
                    for entry in existing
                    if entry.kind == item["kind"]
                    and entry.source_url == source["url"]
                    and entry.period == period
                ),
                None,
            )
            if match is None:
                entry = DateEntry(
                    **{owner_field: owner},
                    kind=item["kind"],
                    source_url=source["url"],
                    period=period,
                    **values,
                )
                counts["created"] += 1
            else:
                existing.remove(match)  # one data item matches one entry
                changed = {name for name, value in values.items() if getattr(match, name) != value}
                if not changed:
                    counts["unchanged"] += 1
                    continue
                for name in changed:
                    setattr(match, name, values[name])
                entry = match
                counts["updated"] += 1
            entry._change_reason = CHANGE_REASON
            entry.full_clean()
            entry.save()

    # -- the directory: every municipality, identifiers, hospitals ------------------

    def load_directory(self, data):
        """Add every municipality (with its identifiers and map point) and the hospitals.

        A municipality already in the waves gets its identifiers; one outside them is
        created without a go-live, so its page can say that no decision is recorded.
        """
        municipalities = {}
        for item in data["municipalities"]:
            name = f"{item['name']} kommune"
            latitude, longitude = (Decimal(str(value)) for value in item["point"])
            values = {
                "name": name,
                "kind": Organisation.Kind.MUNICIPALITY,
                "county": item["county"],
                "kommunenummer": item["number"],
                "organisasjonsnummer": item["organisation_number"],
                "aliases": "\n".join(item["aliases"]),
                "latitude": latitude,
                "longitude": longitude,
            }
            municipalities[item["number"]] = self.sync(
                Organisation, {"slug": norwegian_slug(name)}, values, "Organisations"
            )
        for trust_item in data["trusts"]:
            trust = Organisation.objects.get(slug=trust_item["slug"])
            values = {
                "organisasjonsnummer": trust_item["organisation_number"],
                "aliases": "\n".join(trust_item["aliases"]),
            }
            self.sync(Organisation, {"slug": trust.slug}, values, "Organisations")
            for position, item in enumerate(trust_item["hospitals"], start=1):
                values = {
                    "position": position,
                    "aliases": "\n".join(item["aliases"]),
                    "municipality": municipalities[item["municipality"]],
                }
                self.sync(Hospital, {"trust": trust, "name": item["name"]}, values, "Hospitals")

    # -- guidance: the role pages and the glossary ----------------------------------

    def load_guidance(self, data):
        for position, item in enumerate(data["role_pages"], start=1):
            values = {
                "position": position,
                **translated("title", item["title"]),
                **translated("summary", item.get("summary")),
                **translated("body", item.get("body")),
            }
            self.sync(RolePage, {"slug": item["slug"]}, values, "Role pages")
        for item in data["glossary"]:
            values = {
                **translated("term", item["term"]),
                **translated("other_forms", item.get("other_forms")),
                **translated("definition", item["definition"]),
            }
            self.sync(GlossaryTerm, {"slug": item["slug"]}, values, "Glossary terms")
