"""The analysts' arithmetic: honest rates, themes and spike alerts over the stored feedback.

Lives here, each a small module of pure functions over plain values with the one or
two queries that feed them kept beside them:

- ``rates``: the share of Ja per page × language × week with a Wilson interval,
  never shown for fewer than ``MIN_ANSWERS`` answers, and the weeks in which the
  public content changed;
- ``themes``: keyword themes matched with the Snowball Norwegian stemmer (Bokmål
  and Nynorsk endings), counted per page and week, and suggested new themes from
  frequent terms (TF-IDF over the scrubbed comments);
- ``spikes``: the rule that says a page's answers departed from its own baseline,
  and the alert it raises (once per page, kind and day; mailed to the Analyse group).

May import: ``feedback.models`` and the project package, never the timeline app:
the content-change markers come from the function the setting
``FEEDBACK_CONTENT_CHANGES`` names (``phases.publication.public_change_moments``). Only scrubbed comments are ever read here,
and spam and «ikke relevant» answers are left out of every count
(``Feedback.objects.counted()``).
"""
