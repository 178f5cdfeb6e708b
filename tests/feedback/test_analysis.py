"""The analysts' arithmetic against hand-counted data: rates, suppression, themes, spikes.

Hand-counted data for the rates (times in Europe/Oslo, week 22 starts Mon 27 May 2024):

    page / language      | week 22                     | week 23
    / nb                 | Ja 4, Nei 1 (+1 spam Nei)   | Ja 2, Nei 1 (3 answers: hidden)
    /endringer/ nn       | Ja 1, Nei 4 (+1 «ikke rel.») |

So / nb week 22 shows 4/5 = 80 % (Wilson 37.6–96.4 %), the spam and the «ikke
relevant» answer count nowhere, and / nb week 23 has too few answers to show.
"""

import datetime

import pytest

from feedback.analysis import rates, spikes, themes
from feedback.analysis.spikes import Counts
from feedback.models import Feedback
from tests.feedback.helpers import at, make_feedback

D = datetime.date


# --- Wilson intervals and suppression -----------------------------------------------------


@pytest.mark.parametrize(
    ("yes", "total", "low", "high"),
    [
        # Worked out with the formula by hand (z = 1.96) and checked against R's prop.test(correct=FALSE).
        (4, 5, 0.376, 0.964),
        (8, 10, 0.490, 0.943),
        (0, 10, 0.0, 0.278),
        (10, 10, 0.722, 1.0),
        (50, 100, 0.404, 0.596),
    ],
)
def test_the_wilson_interval_matches_hand_worked_values(yes, total, low, high):
    lower, upper = rates.wilson_interval(yes, total)
    assert (round(lower, 3), round(upper, 3)) == (low, high)


@pytest.mark.parametrize(("yes", "total"), [(0, 0), (3, 2), (-1, 4)])
def test_the_wilson_interval_refuses_impossible_counts(yes, total):
    with pytest.raises(ValueError):
        rates.wilson_interval(yes, total)


@pytest.mark.parametrize(
    ("yes", "no", "shown", "percent"),
    [(2, 2, False, None), (3, 1, False, None), (4, 1, True, 80), (0, 5, True, 0)],
)
def test_a_rate_is_shown_only_from_five_answers(yes, no, shown, percent):
    rate = rates.Rate(page="/", language="nb", week=D(2024, 5, 27), yes=yes, no=no)
    assert rate.shown is shown
    assert rate.percent_yes == percent
    assert (rate.interval is None) is (not shown)


@pytest.fixture
def hand_counted(db):
    rows = [
        *[("/", "nb", "yes", at(2024, 5, 27, 9 + n)) for n in range(4)],
        ("/", "nb", "no", at(2024, 5, 28, 9)),
        ("/", "nb", "yes", at(2024, 6, 3, 9)),
        ("/", "nb", "yes", at(2024, 6, 4, 9)),
        ("/", "nb", "no", at(2024, 6, 5, 9)),
        ("/endringer/", "nn", "yes", at(2024, 5, 29, 9)),
        *[("/endringer/", "nn", "no", at(2024, 5, 30, 9 + n)) for n in range(4)],
    ]
    for page, language, answer, moment in rows:
        make_feedback(page=page, language=language, answer=answer, created=moment)
    spam = make_feedback(page="/", answer="no", created=at(2024, 5, 29, 9))
    irrelevant = make_feedback(
        page="/endringer/", language="nn", answer="yes", created=at(2024, 5, 31, 9)
    )
    Feedback.objects.filter(pk=spam.pk).update(state=Feedback.State.SPAM)
    Feedback.objects.filter(pk=irrelevant.pk).update(state=Feedback.State.NOT_RELEVANT)


def test_weekly_rates_match_the_hand_count_without_spam(hand_counted):
    weekly = rates.weekly_rates(Feedback.objects.counted(), changed_weeks=[D(2024, 6, 3)])
    table = {(r.page, r.language, r.week): r for r in weekly}
    front_22 = table[("/", "nb", D(2024, 5, 27))]
    assert (front_22.yes, front_22.no, front_22.percent_yes) == (4, 1, 80)
    assert front_22.percent_interval == (38, 96)
    assert front_22.content_changed is False
    front_23 = table[("/", "nb", D(2024, 6, 3))]
    assert (front_23.total, front_23.shown, front_23.percent_yes) == (3, False, None)
    assert front_23.content_changed is True
    changes = table[("/endringer/", "nn", D(2024, 5, 27))]
    assert (changes.yes, changes.no, changes.percent_yes) == (1, 4, 20)
    assert [r.week for r in weekly] == sorted((r.week for r in weekly), reverse=True)


def test_the_rates_page_hides_small_counts_and_leaves_out_spam(hand_counted, client):
    from django.contrib.auth.models import Group, User

    user = User.objects.create_user("analytiker", password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name="Analyse"))
    client.force_login(user)
    response = client.get(
        "/admin/feedback/feedback/andeler/", {"start": "2024-05-27", "end": "2024-06-09"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "80 %" in html and "38–96 %" in html
    assert "20 %" in html
    assert "færre enn 5" in html
    assert "60 %" not in html  # 3 of the 3 answers in week 23 would be 67 %; nothing of it is shown
    assert "67 %" not in html


# --- Themes --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("keyword", "comment", "found"),
    [
        ("time", "Jeg fant ikke timen min", True),
        ("time", "Fikk ikke flytta timane mine", True),  # Nynorsk plural
        ("time", "Alle timer er borte", True),
        ("logge inn", "Klarte ikke å logge inn", True),
        ("logge inn", "Logget inn uten problemer", True),
        ("logge inn", "logge meg inn", False),  # the words must stand together
        ("innlogging", "Innloggingen feilet", True),
        ("sjukehus", "Kva skjer på sjukehuset?", True),
        ("Helsenorge", "helsenorge.no virker ikke", True),
        ("time", "Hva er status for Trondheim?", False),
        ("venteliste", "Står jeg på ventelista?", True),
    ],
)
def test_a_theme_keyword_is_found_in_its_inflected_forms(keyword, comment, found):
    assert themes.has_keyword(themes.stemmed_words(comment), themes.stemmed_words(keyword)) is found


def test_placeholders_are_never_words():
    assert themes.words("Hilsen [navn fjernet], ring [telefonnummer fjernet]") == ["hilsen", "ring"]


def test_themes_are_counted_per_page_and_week_by_hand():
    rules = [
        themes.ThemeRule.from_keywords("Innlogging", ["logge inn", "innlogging", "BankID"]),
        themes.ThemeRule.from_keywords("Timeavtale", ["time", "timeavtale"]),
    ]
    week_a, week_b = D(2024, 5, 27), D(2024, 6, 3)
    comments = [
        ("/", week_a, "Får ikke logget inn med BankID"),
        ("/", week_a, "Innloggingen er treg"),
        ("/endringer/", week_b, "Hvor er timen min? Klarer ikke logge inn"),
        ("/", week_b, "Fin side"),
    ]
    counted = {c.name: c for c in themes.count_themes(comments, rules)}
    assert counted["Innlogging"].total == 3
    assert counted["Innlogging"].per_page == {"/": 2, "/endringer/": 1}
    assert counted["Innlogging"].per_week == {week_a: 2, week_b: 1}
    assert counted["Timeavtale"].total == 1
    assert [c.name for c in themes.count_themes(comments, rules)] == ["Innlogging", "Timeavtale"]


def test_suggestions_need_three_comments_and_skip_known_and_function_words():
    known = [themes.ThemeRule.from_keywords("Innlogging", ["innlogging"])]
    recent = [
        "Pasientportalen viser feil dato",
        "pasientportalen er nede igjen",
        "Jeg fant ikke pasientportalen",
        "Innloggingen feiler og ventetiden er lang",
        "Innlogging virker ikke",
        "Innloggingen igjen",
        "ventetiden er lang",
    ]
    everything = [*recent, "Fin side", "Takk for informasjonen", "Bra oversikt"]
    suggested = themes.suggest_themes(recent, everything, known=known)
    words = [s.word for s in suggested]
    assert words[0] == "pasientportalen"
    assert all(s.comments >= 3 for s in suggested)
    assert not any(w.startswith("innlogging") for w in words)  # a theme has it already
    assert "ventetiden" not in words  # only in two comments
    assert not set(words) & themes.STOPWORDS


# --- Spikes ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("window", "baseline", "kinds"),
    [
        (Counts(yes=5, no=20), Counts(yes=100, no=20), ["no_share", "volume"]),
        (
            Counts(yes=2, no=10),
            Counts(yes=1000, no=200),
            ["no_share"],
        ),  # 12 answers: no volume spike
        (Counts(yes=1, no=8), Counts(yes=100, no=20), []),  # fewer than 10 answers
        (Counts(yes=14, no=6), Counts(yes=700, no=300), []),  # 30 % nei, as usual
        (Counts(yes=40, no=10), Counts(yes=200, no=80), ["volume"]),  # 50 vs 10 a day
        (Counts(yes=25, no=5), Counts(yes=700, no=140), []),  # 30 vs 30 a day
    ],
)
def test_the_spike_rule(window, baseline, kinds):
    assert spikes.detect(window, baseline=baseline) == kinds
