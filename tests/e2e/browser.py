"""Helpers for driving the system Chromium: viewports, console errors, overflow, screenshots.

The widths are the ones the issue names: 390 CSS px (a common phone) and 1280 CSS px
(a laptop). Zooming a 1280-px window to 200 % leaves 640 CSS px of layout width at
twice the device pixels, which is what ``ZOOM_200`` reproduces; WCAG 1.4.4 (resize
text) and 1.4.10 (reflow) ask that nothing is lost or needs sideways scrolling there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary, WeakSet

if TYPE_CHECKING:  # imported lazily, so a missing playwright package skips instead of erroring
    from playwright.sync_api import ConsoleMessage, Page

SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"

# As root Chromium refuses to start without --no-sandbox. Without the background
# networking, component update and sync switches it tries to reach Google's servers
# at start-up and stalls on a network that only reaches package registries.
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


@dataclass(frozen=True)
class Viewport:
    name: str
    width: int
    height: int
    scale: float = 1

    def context_options(self) -> dict:
        return {
            "viewport": {"width": self.width, "height": self.height},
            "device_scale_factor": self.scale,
        }


MOBILE = Viewport("390", 390, 844)
DESKTOP = Viewport("1280", 1280, 800)
ZOOM_200 = Viewport("1280-zoom200", 640, 400, scale=2)

_console_errors: WeakKeyDictionary[Page, list[str]] = WeakKeyDictionary()
_javascript_disabled: WeakSet[Page] = WeakSet()


def mark_javascript_disabled(page: Page) -> None:
    """Remember that the page runs no JavaScript at all (see ``javascript_disabled``)."""
    _javascript_disabled.add(page)


def javascript_disabled(page: Page) -> bool:
    """Return whether the page was opened with JavaScript disabled.

    Playwright can still evaluate code in such a page, but timers never fire there,
    so anything asynchronous (axe.run) would wait forever.
    """
    return page in _javascript_disabled


def watch_console(page: Page) -> None:
    """Record the page's console errors and uncaught exceptions (CSP violations are console errors)."""
    errors: list[str] = []
    _console_errors[page] = errors

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            location = message.location.get("url", "")
            errors.append(f"{message.text} (at {location})" if location else message.text)

    page.on("console", on_console)
    page.on("pageerror", lambda error: errors.append(f"uncaught {error.name}: {error.message}"))


def console_errors(page: Page, *, allow: str | None = None) -> list[str]:
    """Return the console errors seen so far, leaving out those that match ``allow`` (a regex)."""
    errors = _console_errors.get(page, [])
    if allow is None:
        return list(errors)
    return [error for error in errors if not re.search(allow, error)]


# Text that is cut off: a piece of text whose box pokes out of the viewport on the right
# (or is partly hidden on the left), or out of an ancestor that clips its overflow
# (overflow hidden or clip, which includes text-overflow: ellipsis). Text moved wholly
# off-screen (the skip link until focused) and visually hidden text (the 1-px clip
# pattern for screen readers) is hidden by design and left out. Boxes that scroll
# (overflow auto or scroll) keep their content reachable: text inside one is judged by
# where the scrolling box is (it must fit the viewport and any clipping ancestor above
# it), not by where its content reaches, however wide the fonts make that content.
_CUT_OFF_TEXT = """
() => {
  const tolerance = 1;
  const viewportWidth = document.documentElement.clientWidth;
  const hiddenByDesign = (element) => {
    for (let node = element; node && node !== document.documentElement; node = node.parentElement) {
      const style = getComputedStyle(node);
      if (style.display === "none" || style.visibility === "hidden") return true;
      if (style.clip && style.clip !== "auto") return true;
      if (style.clipPath && style.clipPath !== "none") return true;
      if (style.display !== "inline" && node.clientWidth <= 1 && node.clientHeight <= 1 && style.overflow !== "visible") return true;
    }
    return false;
  };
  const clippingAncestors = (element) => {
    const found = [];
    for (let node = element; node && node !== document.body; node = node.parentElement) {
      const style = getComputedStyle(node);
      if (["hidden", "clip"].includes(style.overflowX) || ["hidden", "clip"].includes(style.overflowY)) {
        found.push({node, x: ["hidden", "clip"].includes(style.overflowX), y: ["hidden", "clip"].includes(style.overflowY)});
      }
    }
    return found;
  };
  const scrollingAncestor = (element) => {
    for (let node = element; node && node !== document.body; node = node.parentElement) {
      const style = getComputedStyle(node);
      if (["auto", "scroll"].includes(style.overflowX) || ["auto", "scroll"].includes(style.overflowY)) return node;
    }
    return null;
  };
  const describe = (element) => {
    let path = element.tagName.toLowerCase();
    if (element.id) path += "#" + element.id;
    else if (element.classList.length) path += "." + [...element.classList].join(".");
    return path;
  };
  const problems = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let text = walker.nextNode(); text; text = walker.nextNode()) {
    if (!text.data.trim()) continue;
    const element = text.parentElement;
    if (!element || ["SCRIPT", "STYLE", "NOSCRIPT", "TEMPLATE"].includes(element.tagName)) continue;
    if (hiddenByDesign(element)) continue;
    const range = document.createRange();
    range.selectNodeContents(text);
    const snippet = text.data.trim().slice(0, 60);
    const scroller = scrollingAncestor(element);
    for (const rect of range.getClientRects()) {
      if (rect.width === 0 || rect.height === 0) continue;
      if (rect.right + window.scrollX <= 0 || rect.bottom + window.scrollY <= 0) continue;  // moved off-screen on purpose
      // What must be on screen: the text itself, or the box that scrolls it into view.
      const reach = scroller ? scroller.getBoundingClientRect() : rect;
      const pageLeft = reach.left + window.scrollX, pageRight = reach.right + window.scrollX;
      if (pageRight > viewportWidth + tolerance || pageLeft < -tolerance) {
        problems.push(`${describe(element)}: "${snippet}" reaches past the viewport (${Math.round(pageLeft)}–${Math.round(pageRight)} px of ${viewportWidth})`);
        break;
      }
      const clipped = clippingAncestors(element).find(({node, x, y}) => {
        const box = node.getBoundingClientRect();
        // Inside the scrolling box the text itself must fit; above it, the scrolling box.
        const shown = scroller && node.contains(scroller) ? reach : rect;
        return (x && (shown.right > box.right + tolerance || shown.left < box.left - tolerance)) ||
               (y && (shown.bottom > box.bottom + tolerance || shown.top < box.top - tolerance));
      });
      if (clipped) {
        problems.push(`${describe(element)}: "${snippet}" is clipped by ${describe(clipped.node)}`);
        break;
      }
    }
  }
  return problems;
}
"""


def horizontal_overflow(page: Page) -> int:
    """Return by how many CSS px the page is wider than the viewport (0 when it fits)."""
    return page.evaluate(
        "() => Math.max(0, document.documentElement.scrollWidth - document.documentElement.clientWidth)"
    )


def cut_off_text(page: Page) -> list[str]:
    """Return a line for each piece of visible text that is cut off (see ``_CUT_OFF_TEXT``)."""
    return page.evaluate(_CUT_OFF_TEXT)


def assert_nothing_cut_off(page: Page) -> None:
    """Fail when the page scrolls sideways or any text overflows a box that clips it."""
    overflow = horizontal_overflow(page)
    problems = cut_off_text(page)
    width = page.evaluate("() => document.documentElement.clientWidth")
    message = [f"{page.url} at {width} CSS px:"]
    if overflow:
        message.append(f"  the page scrolls sideways by {overflow} px")
        message.extend(f"  widest: {line}" for line in widest_elements(page))
    message.extend(f"  {problem}" for problem in problems)
    assert not overflow and not problems, "\n".join(message)


def widest_elements(page: Page, limit: int = 5) -> list[str]:
    """Return the elements that reach furthest past the right edge, to say what to fix."""
    return page.evaluate(
        """(limit) => {
          const width = document.documentElement.clientWidth;
          return [...document.body.querySelectorAll("*")]
            .map((element) => ({element, right: element.getBoundingClientRect().right}))
            .filter(({right}) => right > width + 1)
            .sort((a, b) => b.right - a.right)
            .slice(0, limit)
            .map(({element, right}) => `${element.outerHTML.slice(0, 120)} ends at ${Math.round(right)} px`);
        }""",
        limit,
    )


def save_screenshot(page: Page, *, name: str, language: str, viewport: Viewport) -> Path:
    """Save a full-page PNG as tests/e2e/screenshots/<name>-<language>-<width>.png (git-ignored)."""
    SCREENSHOTS.mkdir(exist_ok=True)
    path = SCREENSHOTS / f"{name}-{language}-{viewport.name}.png"
    page.screenshot(path=path, full_page=True, animations="disabled")
    return path


def expect(*args, **kwargs):
    """Playwright's ``expect``, imported when first used (see the lazy imports above)."""
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect(*args, **kwargs)


def focused_element(page: Page) -> dict:
    """Describe the focused element: tag, name, value, and whether its focus is visibly drawn."""
    return page.evaluate(
        """() => {
          const element = document.activeElement;
          const style = getComputedStyle(element);
          const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
          const shadow = style.boxShadow && style.boxShadow !== "none";
          return {
            tag: element.tagName.toLowerCase(),
            name: element.getAttribute("name"),
            value: element.getAttribute("value"),
            text: (element.innerText || "").trim().slice(0, 80),
            focusVisible: element.matches(":focus-visible"),
            indicatorDrawn: Boolean(outline || shadow),
          };
        }"""
    )


def tab_to(page: Page, matches, *, limit: int = 150) -> dict:
    """Press Tab until ``matches(focused_element(page))``; fail if the keyboard never gets there."""
    visited = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = focused_element(page)
        if matches(focused):
            return focused
        visited.append(focused)
    raise AssertionError(f"Tab never reached the element; last stops: {visited[-5:]}")
