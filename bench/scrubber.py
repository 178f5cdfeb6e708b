"""Benchmark the feedback scrubber: speed, linearity and (stretch) name/address quality.

Run from the repository root::

    .venv/bin/python bench/scrubber.py

Prints labelled lines and exits non-zero if the median time per typical comment
exceeds 200 µs or if time(10,000 chars) / time(1,000 chars) exceeds 20 for any
input (a sign of super-linear behaviour).
"""

from __future__ import annotations

import gc
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from stdnum.no import fodselsnummer

from feedback.scrubber import Kind, scrub, scrub_with_report

MEDIAN_BUDGET_US = 200.0
LINEARITY_LIMIT = 20.0


def synthetic_identity_number(day: int, month: int, year: int) -> str:
    """A fødselsnummer for a synthetic birth date, check digits computed by stdnum."""
    for individual in range(100, 500):
        base = f"{day:02d}{month:02d}{year % 100:02d}{individual:03d}"
        first = fodselsnummer.calc_check_digit1(base)
        second = fodselsnummer.calc_check_digit2(base + first) if first != "10" else "10"
        if "10" not in (first, second):
            return base + first + second
    raise AssertionError("no valid individual number")


FNR = synthetic_identity_number(1, 1, 1901)
DNR = synthetic_identity_number(41, 2, 1933)

# About fifty realistic comments for the box "Fant du det du lette etter?",
# a third of them with personal data that visitors were asked not to send.
CORPUS = [
    "Jeg fant ikke informasjon om når Helseplattformen innføres i Levanger kommune. Det står "
    "2023 på siden, men legen min sa noe annet. Kan dere oppdatere tidslinjen?",
    "Fin oversikt! Men hva skjedde egentlig 12.11.2022 kl. 03:00? Systemet var nede i over "
    "fire timer og vi fikk ingen beskjed på legekontoret.",
    "Eg fann ikkje det eg leita etter. Kva tid kjem Helse Møre og Romsdal over på den nye "
    "journalen? Det står berre «2023–2024» på sida.",
    "Good overview, but the English version lacks the dates for St. Olavs hospital. Also the "
    "link https://helseplattformen.no/tidslinje-innforing/ is broken on mobile.",
    "Savner informasjon om hvordan pasienter får innsyn i journalen sin etter innføringen. Over "
    "30 000 brukere og 1 200 ansatte berøres, det burde stå tydeligere.",
    "Takk for en ryddig side. Tidslinjen for fase 1, 2 og 3 var lett å forstå.",
    "Hvor mye har prosjektet kostet? Jeg ser tall fra NOK 12 000 000 til over 2 milliarder, "
    "og 45,5 % av budsjettet ble visst brukt før oppstart.",
    "Når får fastlegene i Trondheim kommune tilgang? Vi har ventet siden 2022-05-23.",
    "Org.nr. 983 658 776 står feil i bunnteksten, og saksnr. 22/01234-5 gir ingen treff.",
    "Siden er treg på mobil. Versjon 2.3.1 av appen fungerer ikke med Epic 2023.",
    "Hei! Ring meg gjerne på 912 34 567 eller send e-post til kari.nordmann@example.no hvis "
    "dere trenger mer info. Mvh Kari Nordmann",
    f"Min mor har fnr {FNR[:6]} {FNR[6:]} og fikk feil time på St. Olavs. Hvem kan hjelpe?",
    "Eg heiter Ola Nordmann og bur i Storgata 12, 7030 Trondheim. Brevet kom aldri fram.",
    "Dere bør skrive tydeligere at legevakten har nummer 116 117, og 113 ved akutt sykdom.",
    "Jeg jobber på Levanger sykehus og synes informasjonen om opplæringen 1.–7. mai var god.",
    "Refusjonen skulle gå til kontonr 1234.56.78903, men ingenting har skjedd. Tlf. 22 33 44 55.",
    "Fant det jeg lette etter, takk 👍",
    "Nei. Søkefunksjonen finner ikke «Helseplattformen» når jeg skriver helseplatformen.",
    "Kunne dere lagt inn en kalender for innføringsdatoene? Det ville hjulpet oss i kommunen.",
    "My name is John Smith, I work in Molde and cannot find the go-live date for our hospital. "
    "Call me on +44 20 7946 0958.",
    "Hva betyr «fase 2b»? Det står ikke forklart noe sted på siden.",
    "Jeg betalte med kortet 4111 1111 1111 1111 for et kurs, men fikk aldri kvittering.",
    "Bra side, men tekstene på nynorsk har ein del skrivefeil.",
    "Innføringen i Helse Nord-Trøndelag er ikke nevnt. Namsos og Levanger mangler.",
    f"D-nummer {DNR}. Jeg er utenlandsk arbeider og får ikke logget inn.",
    "Sykehusapoteket i Ålesund er ikke nevnt i oversikten over hvem som bruker systemet.",
    "Vi ventet på legevakta i 4 timer 23.05.2022 fordi systemet hang. Ikke bra.",
    "Takk for oppdateringen om tidslinjen. Hilsen en fornøyd sykepleier",
    "Oversikten mangler kommunene Orkland, Hitra og Frøya, som vel gikk over i 2022?",
    "Skriv til ola (at) example.no om dere vil ha skjermbilder av feilen.",
    "Jeg fikk SMS fra 0047 41 23 45 67 om at timen var flyttet, er det dere?",
    "The timeline is clear, thanks. Would be nice with an RSS feed.",
    "Hvorfor står det 2019-2020 for planleggingsfasen når avtalen ble signert 2019?",
    "Min lege dr. Hansen sier at journalen ikke er tilgjengelig før i 2025. Stemmer det?",
    "Fastlegen min, Per Olsen, visste ikke om dette. Kan dere informere fastlegene bedre?",
    "Meget bra! Kl. 0830 hver morgen sjekker jeg statussiden.",
    "Dere skriver «kr 1 500,-» for kurset, men på påmeldingssiden står det gratis.",
    "Jeg bor i Innherredsveien 7 og lurer på om legekontoret vårt er med i fase 2.",
    "www.stolav.no lenker til en gammel versjon av denne siden.",
    "Pasientportalen viser feil navn på meg. Mitt navn er Anne-Lise Berg, ring 41234567.",
    "Jeg synes at helseplattformen.no burde hatt en engelsk versjon av tidslinjen.",
    "Ok 👌 men hvorfor er ikke Helse Midt-Norge nevnt i toppen?",
    "Best regards, Jane O'Brien – the page works well in Firefox but not in Safari.",
    "Hei, det står at Kristiansund gikk over 10.-14. juni, men det var vel i november?",
    "Følg med på sak 2022/1234 hos Helsetilsynet, den handler om nettopp dette.",
    "Tusen takk for god informasjon. Helsing Sigrid",
    "Veldig nyttig side. Jeg deler den med kollegene mine på Volda sjukehus.",
    "Kontakt meg på per at example dot com, så sender jeg flere detaljer om feilen.",
    "Jeg fant ikke noe om hvordan man reserverer seg mot deling av journal.",
    "Datoene i tabellen er feil: 01.01.2023–31.12.2023 er ikke riktig for Molde.",
]

# Labelled set for the stretch goal: the exact name and address spans (kind, text).
LABELLED: list[tuple[str, list[tuple[Kind, str]]]] = [
    ("Hei, jeg heter Kari Nordmann og lurer på en ting.", [(Kind.NAME, "Kari Nordmann")]),
    ("Eg heiter Ola og bur i Levanger.", [(Kind.NAME, "Ola")]),
    ("My name is John Smith.", [(Kind.NAME, "John Smith")]),
    ("Takk for svar!\nMvh Ola Nordmann", [(Kind.NAME, "Ola Nordmann")]),
    ("mvh. Per Olsen", [(Kind.NAME, "Per Olsen")]),
    ("Hilsen Kari", [(Kind.NAME, "Kari")]),
    ("Helsing Kari Haugen", [(Kind.NAME, "Kari Haugen")]),
    ("Regards, John Smith", [(Kind.NAME, "John Smith")]),
    ("Min lege dr. Hansen sier noe annet.", [(Kind.NAME, "Hansen")]),
    ("Fastlegen min, Per Olsen, visste ikke dette.", [(Kind.NAME, "Per Olsen")]),
    ("Med vennlig hilsen\nAnne-Lise Berg", [(Kind.NAME, "Anne-Lise Berg")]),
    ("Sykepleier Ingrid sa at systemet var nede.", [(Kind.NAME, "Ingrid")]),
    ("Mitt navn er Astrid Lie og jeg er pårørende.", [(Kind.NAME, "Astrid Lie")]),
    ("Venleg helsing\nSigrid Aas", [(Kind.NAME, "Sigrid Aas")]),
    ("jeg heter kari og bor her", [(Kind.NAME, "kari")]),
    ("Best regards,\nJane O'Brien", [(Kind.NAME, "Jane O'Brien")]),
    ("Kari Nordmann her, jeg lurer på tidslinjen.", [(Kind.NAME, "Kari Nordmann")]),
    ("Jeg og Ola Nordmann fikk feil time.", [(Kind.NAME, "Ola Nordmann")]),
    ("Jeg bor i Storgata 12, 7030 Trondheim.", [(Kind.ADDRESS, "Storgata 12, 7030 Trondheim")]),
    ("Adresse: Kongens gate 5B", [(Kind.ADDRESS, "Kongens gate 5B")]),
    (
        "Olav Tryggvasons gate 40, 7011 Trondheim",
        [(Kind.ADDRESS, "Olav Tryggvasons gate 40, 7011 Trondheim")],
    ),
    ("Innherredsveien 7 er adressen.", [(Kind.ADDRESS, "Innherredsveien 7")]),
    ("Eg bur i Elgeseter gate 10.", [(Kind.ADDRESS, "Elgeseter gate 10")]),
    ("Send til Fjordgata 3 B, 7010 Trondheim", [(Kind.ADDRESS, "Fjordgata 3 B, 7010 Trondheim")]),
    ("Åsvegen 14 7500 Stjørdal", [(Kind.ADDRESS, "Åsvegen 14 7500 Stjørdal")]),
    ("Jeg bor på Munkegata 1A i Trondheim", [(Kind.ADDRESS, "Munkegata 1A")]),
    ("Bor i Sandnesveien 204, 4309 Sandnes.", [(Kind.ADDRESS, "Sandnesveien 204, 4309 Sandnes")]),
    ("Jeg bor i Øvre Bakklandet 14.", [(Kind.ADDRESS, "Øvre Bakklandet 14")]),
    (
        "Mvh Kari Nordmann, Storgata 12, 7030 Trondheim",
        [(Kind.NAME, "Kari Nordmann"), (Kind.ADDRESS, "Storgata 12, 7030 Trondheim")],
    ),
    # Negatives: triggers and streets without a person or an address.
    ("Hilsen St. Olavs hospital", []),
    ("Hilsen fra en fornøyd bruker", []),
    ("Med vennlig hilsen Trondheim kommune", []),
    ("Legen min var fornøyd med systemet.", []),
    ("Storgata er stengt i dag.", []),
    ("Kongens gate har fått nye skilt.", []),
    ("Innføringen 2 i Levanger gikk fint.", []),
    ("Fase 3 i Helse Møre og Romsdal starter snart.", []),
    ("with regards to the timeline", []),
    ("Helseplattformen 2022 var krevende.", []),
    ("Jeg sender en hilsen til alle som jobber med dette.", []),
]

ADVERSARIAL = {
    "long digit run": "1" * 1000,
    "digits split by spaces": "1 " * 500,
    "nines split by spaces": "9 " * 500,
    "digits split by dots": "1." * 500,
    "repeated separators": " - " * 334,
    "at signs": "@" * 1000,
    "a at a at": "a at " * 200,
    "a at b dot": "a at b dot " * 100,
    "local part then @": "a" * 999 + "@",
    "pluses and ones": "+1 " * 334,
    "bracketed +47": "(+47) " * 167,
    "valid phone numbers": "91234567 " * 112,
    "sign-offs": "mvh " * 250,
    "capitals": "A" * 1000,
    "streets": "Storgata " * 112,
}


def per_call_us(text: str, repeat: int) -> float:
    """Best-of-``repeat`` time of one call, in microseconds (the best is the least noisy)."""
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        scrub(text)
        best = min(best, time.perf_counter() - started)
    return best * 1e6


def timing() -> tuple[float, float]:
    for text in CORPUS:  # warm up
        scrub(text)
    samples: list[float] = []
    gc.disable()
    try:
        started = time.perf_counter()
        rounds = 200
        for _ in range(rounds):
            for text in CORPUS:
                t0 = time.perf_counter_ns()
                scrub(text)
                samples.append((time.perf_counter_ns() - t0) / 1000)
        total = time.perf_counter() - started
    finally:
        gc.enable()
    samples.sort()
    median = statistics.median(samples)
    p99 = samples[int(len(samples) * 0.99) - 1]
    count = rounds * len(CORPUS)
    megabytes = rounds * sum(len(t.encode()) for t in CORPUS) / 1e6
    chars = statistics.mean(len(t) for t in CORPUS)
    print(f"corpus:                  {len(CORPUS)} comments, mean {chars:.0f} chars")
    print(f"median per comment:      {median:.1f} µs (budget {MEDIAN_BUDGET_US:.0f} µs)")
    print(f"p99 per comment:         {p99:.1f} µs")
    print(f"throughput:              {count / total:,.0f} comments/s, {megabytes / total:.2f} MB/s")
    return median, p99


def adversarial_and_linearity() -> float:
    worst_ratio = 0.0
    slowest = 0.0
    # Comments 10-21 hold phone, identity, account and card numbers, names and addresses.
    typical = " ".join(CORPUS[10:22])
    inputs = {"typical comments": typical, **ADVERSARIAL}
    print("adversarial inputs (1,000 chars), and time(10,000 chars) / time(1,000 chars):")
    for name, text in inputs.items():
        # The 10,000-char input is the 1,000-char one ten times, so only the length differs.
        small = (text * (1000 // len(text) + 1))[:1000]
        large = small * 10
        t_small = per_call_us(small, repeat=21)
        t_large = per_call_us(large, repeat=7)
        ratio = t_large / t_small
        worst_ratio = max(worst_ratio, ratio)
        slowest = max(slowest, t_small)
        print(f"  {name:24s} {t_small / 1000:8.2f} ms   ratio {ratio:5.1f}")
    print(f"slowest 1,000-char input: {slowest / 1000:.2f} ms")
    print(f"worst linearity ratio:    {worst_ratio:.1f} (limit {LINEARITY_LIMIT:.0f})")
    return worst_ratio


def stretch_quality() -> None:
    true_positive = predicted = gold = recalled = 0
    for text, labels in LABELLED:
        result = scrub_with_report(text)
        found = [f for f in result.findings if f.kind in (Kind.NAME, Kind.ADDRESS)]
        spans = []
        for kind, value in labels:
            start = text.index(value)
            spans.append((kind, start, start + len(value)))
        gold += len(spans)
        predicted += len(found)
        for _kind, start, end in spans:
            if any(f.start <= start and end <= f.end for f in result.findings):
                recalled += 1
        for f in found:
            if any(
                kind == f.kind and f.start < end and start < f.end for kind, start, end in spans
            ):
                true_positive += 1
    recall = recalled / gold if gold else 1.0
    precision = true_positive / predicted if predicted else 1.0
    print(f"stretch (names and addresses), {len(LABELLED)} labelled texts, {gold} spans:")
    print(f"  recall (span fully removed):        {recall:.1%} ({recalled}/{gold})")
    print(f"  precision (removal was a real one): {precision:.1%} ({true_positive}/{predicted})")


def main() -> int:
    median, _ = timing()
    worst_ratio = adversarial_and_linearity()
    stretch_quality()
    failed = []
    if median > MEDIAN_BUDGET_US:
        failed.append(f"median {median:.1f} µs > {MEDIAN_BUDGET_US:.0f} µs")
    if worst_ratio > LINEARITY_LIMIT:
        failed.append(f"linearity ratio {worst_ratio:.1f} > {LINEARITY_LIMIT:.0f}")
    print("result:                  " + ("FAIL: " + "; ".join(failed) if failed else "OK"))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
