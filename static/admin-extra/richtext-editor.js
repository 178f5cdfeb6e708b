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

function createEditor(textarea) {
  if (textarea.closest(".prose-editor")) return null; // already has one
  return createTextareaEditor(textarea, [
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
}

// Also for the forms Django adds later (inlines) and the hidden language tabs.
initializeEditors(createEditor, SELECTOR);
