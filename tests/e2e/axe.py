"""Run axe-core in the page and fail with a readable list of WCAG 2.0/2.1 A and AA violations.

The site sends a strict Content-Security-Policy (``script-src 'self'``, nothing
inline), so ``page.add_script_tag(content=...)`` would be refused like any injected
script. ``page.evaluate`` goes through the DevTools protocol, which the page's
policy does not govern, so axe is evaluated that way, once per document. The page
under test is otherwise exactly what visitors get: no ``bypass_csp``.

axe-core comes from the npm registry, pinned in package-lock.json (``npm ci``).
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from tests.e2e.availability import AXE_SOURCE
from tests.e2e.browser import javascript_disabled

if TYPE_CHECKING:
    from playwright.sync_api import Page

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

_RUN = """async (tags) => {
  const results = await axe.run(document, {
    runOnly: {type: "tag", values: tags},
    resultTypes: ["violations"],
  });
  return results.violations;
}"""


@cache
def axe_source() -> str:
    return AXE_SOURCE.read_text(encoding="utf-8")


def axe_violations(page: Page) -> list[dict]:
    """Return axe-core's WCAG 2.0/2.1 A and AA violations for the page as it is now."""
    if javascript_disabled(page):
        raise RuntimeError(
            "axe cannot run in a page with JavaScript disabled (its timers never fire). "
            "Check the same state in open_page(site_scripts=False): JavaScript on for axe, "
            "the site's own scripts blocked."
        )
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(axe_source())
    return page.evaluate(_RUN, WCAG_TAGS)


def describe_violations(violations: list[dict]) -> str:
    """Return one paragraph per violated rule: id, impact, help text and each offending node."""
    lines = []
    for violation in violations:
        lines.append(
            f"{violation['id']} ({violation.get('impact') or 'no impact given'}): "
            f"{violation['help']} <{violation['helpUrl']}>"
        )
        for node in violation["nodes"]:
            target = " ".join(str(part) for part in node["target"])
            lines.append(f"  at {target}")
            lines.append(f"     {node['html'][:300]}")
            summary = (node.get("failureSummary") or "").replace("\n", "\n     ")
            if summary:
                lines.append(f"     {summary}")
    return "\n".join(lines)


def assert_no_axe_violations(page: Page, *, state: str = "") -> None:
    """Fail, naming every rule and element, when axe finds a WCAG A or AA violation."""
    violations = axe_violations(page)
    where = f"{page.url} ({state})" if state else page.url
    assert not violations, (
        f"axe found {len(violations)} WCAG 2.1 A/AA violation(s) on {where}:\n"
        + describe_violations(violations)
    )
