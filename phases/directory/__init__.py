"""The directory: "Når kommer Helseplattformen til oss?" for every municipality and hospital.

- ``search`` ranks names by how well they answer what a visitor typed (case, æøå typed
  as a/o/e or aa/oe/ae, typos, Bokmål and Nynorsk forms, numbers, other names). Pure
  Python on rapidfuzz; no Django.
- ``dotmap`` places the municipalities' points on a small SVG dot map. Pure Python.
- ``listing`` joins them to the models for the public pages: one row per organisation
  with its go-live status, the filter choices that have entries, the hits of a search,
  over an index kept per content version (``listing.Directory``).

``search`` and ``dotmap`` import nothing from the project; ``listing`` may import
``phases.models`` and ``phases.labels``; views import ``listing`` only.
"""
