// The editors' rich-text field (phase texts): django-prose-editor's own bundle, served
// from our static files, with only what the public pages show (phases/richtext.py):
// paragraphs, headings (h2, h3), bold, italic, lists and links. The toolbar buttons
// are reachable with Tab, and the usual shortcuts work (Ctrl+B, Ctrl+I, Ctrl+Z; «## »
// starts a heading, «- » or «1. » a list). The textarea keeps the HTML, which the
// server sanitises again on save. No import map: it would be an inline script,
// and the Content-Security-Policy allows none.
import {
  Bold,
  BulletList,
  Document,
  Dropcursor,
  Gapcursor,
  HardBreak,
  Heading,
  History,
  Italic,
  Link,
  ListItem,
  Menu,
  OrderedList,
  Paragraph,
  Text,
  createTextareaEditor,
  initializeEditors,
} from "../django_prose_editor/editor.js";

const SELECTOR = "[data-richtext-editor]";

// The package writes some toolbar titles («bold», «undo») without gettext: put them
// through Django's JavaScript catalogue (locale/nb/LC_MESSAGES/djangojs.po) so the
// tooltips and the buttons' accessible names are Norwegian.
const translate = window.gettext || ((text) => text);

function translateToolbar(root) {
  for (const button of root.querySelectorAll("[title]")) {
    const english = button.dataset.englishTitle || button.getAttribute("title");
    button.dataset.englishTitle = english;
    const norwegian = translate(english);
    if (button.getAttribute("title") !== norwegian) button.setAttribute("title", norwegian);
    if (button.hasAttribute("aria-label")) button.setAttribute("aria-label", norwegian);
  }
}

function createEditor(textarea) {
  if (textarea.closest(".prose-editor")) return null; // already has one
  const editor = createTextareaEditor(textarea, [
    Document,
    Dropcursor,
    Gapcursor,
    Paragraph,
    HardBreak,
    Text,
    History,
    Menu,
    Heading.configure({ levels: [2, 3] }),
    Bold,
    Italic,
    Link,
    BulletList,
    OrderedList,
    ListItem,
  ]);
  const wrapper = textarea.closest(".prose-editor");
  if (wrapper) {
    translateToolbar(wrapper);
    new MutationObserver(() => translateToolbar(wrapper)).observe(wrapper, {
      childList: true,
      subtree: true,
    });
  }
  return editor;
}

// Also for the forms Django adds later (inlines) and the hidden language tabs.
initializeEditors(createEditor, SELECTOR);
