"""The scrubber on names and postal addresses: where a name is, and where it is not."""

from __future__ import annotations

import pytest

from feedback.scrubber import scrub, scrub_with_report
from feedback.scrubber.lexicon import (
    COMMON_WORDS,
    GIVEN_NAMES,
    NAME_WORDS,
    NAMES,
    NAMING_VERBS,
    SIGNOFF_WORDS,
)

NAME = "[navn fjernet]"
ADDRESS = "[adresse fjernet]"
PHONE = "[telefonnummer fjernet]"


def cases(table: dict[str, tuple[str, str]]):
    return [pytest.param(text, expected, id=label) for label, (text, expected) in table.items()]


NAMES_BY_POSITION = {
    # naming verbs, also with a typo
    "jeg heter": (
        "Hei, jeg heter Kari Nordmann og lurer på én ting.",
        f"Hei, jeg heter {NAME} og lurer på én ting.",
    ),
    "eg heiter": (
        "Eg heiter Ola Nordmann og bur i Levanger.",
        f"Eg heiter {NAME} og bur i Levanger.",
    ),
    "jeg hetter (typo)": (
        "jeg hetter Mohammed og forstår lite norsk",
        f"jeg hetter {NAME} og forstår lite norsk",
    ),
    "lower-case name": (
        "Jeg heter kari og jobber i Trondheim kommune.",
        f"Jeg heter {NAME} og jobber i Trondheim kommune.",
    ),
    "my name is": (
        "My name is John Smith and I live abroad.",
        f"My name is {NAME} and I live abroad.",
    ),
    "mitt navn er": ("Mitt navn er Per Olsen.", f"Mitt navn er {NAME}."),
    "navnet mitt er": ("Navnet mitt er Anne-Lise Berg.", f"Navnet mitt er {NAME}."),
    "navn:": ("Navn: Linda Sørensen", f"Navn: {NAME}"),
    "jeg er + a name": ("Jeg er Haakon og jeg er 15.", f"Jeg er {NAME} og jeg er 15."),
    "dette er + a name": ("Dette er Jan fra Melhus.", f"Dette er {NAME} fra Melhus."),
    # sign-offs, with any separator and with typos
    "mvh": ("Takk for svar!\nmvh Ola", f"Takk for svar!\nmvh {NAME}"),
    "mvh.": ("Mvh. Ola Nordmann", f"Mvh. {NAME}"),
    "hilsen": ("Takk. Hilsen Kari", f"Takk. Hilsen {NAME}"),
    "helsing": ("Helsing Kari Nordmann", f"Helsing {NAME}"),
    "venleg helsing on its own line": ("Venleg helsing\nSigrid Haugen", f"Venleg helsing\n{NAME}"),
    "med vennlig hilsen on its own line": (
        "Med vennlig hilsen\nKari Nordmann",
        f"Med vennlig hilsen\n{NAME}",
    ),
    "regards": ("Regards, John Smith", f"Regards, {NAME}"),
    "best regards with an apostrophe": ("Best regards,\nJane O'Brien", f"Best regards,\n{NAME}"),
    "hilsn (typo)": ("Hilsn Kari", f"Hilsn {NAME}"),
    "vennlig hlsen (typo)": ("vennlig hlsen Tor Einar Moe", f"vennlig hlsen {NAME}"),
    "vennlig hisen (typo)": ("Vennlig hisen Lise", f"Vennlig hisen {NAME}"),
    "takk with a comma": ("Takk, Siv", f"Takk, {NAME}"),
    "two names after a sign-off": ("Hilsen Thea og Ola", f"Hilsen {NAME} og {NAME}"),
    "a place after the name is kept": ("Mvh Kari Nordmann, Levanger", f"Mvh {NAME}, Levanger"),
    "an institution after the name is kept": (
        "Hilsen Kari Trondheim kommune",
        f"Hilsen {NAME} Trondheim kommune",
    ),
    "a role after the name is kept": (
        "Mvh Per-Olav Kvam, fastlege i Frosta",
        f"Mvh {NAME}, fastlege i Frosta",
    ),
    "initials": ("Mvh E. Haugen", f"Mvh {NAME}"),
    "capitals": ("MVH OLA NORDMANN", f"MVH {NAME}"),
    # closing separators and names alone
    "dash at the end": ("Takk for en god side. – Per", f"Takk for en god side. – {NAME}"),
    "slash on the last line": ("Dette må dere fikse!\n/Ingrid", f"Dette må dere fikse!\n/{NAME}"),
    "tilde": ("Fint!\n~Vegard", f"Fint!\n~{NAME}"),
    "signature dashes": ("Takk\n-- \nGeir Olav Ness", f"Takk\n-- \n{NAME}"),
    "alone on the last line": ("Takk for hjelpen\nNils Petter", f"Takk for hjelpen\n{NAME}"),
    "the last sentence": ("Bra jobba! Espen", f"Bra jobba! {NAME}"),
    "a name that is a word, last": ("Takk for svar.\nTone", f"Takk for svar.\n{NAME}"),
    # roles, titles and apposition
    "doktor at the start": (
        "Doktor Nilsen ba meg skrive hit.",
        f"Doktor {NAME} ba meg skrive hit.",
    ),
    "dr. after min lege": (
        "Min lege dr. Hansen sier noe annet.",
        f"Min lege dr. {NAME} sier noe annet.",
    ),
    "fastlegen min dr.": (
        "fastlegen min dr. Aas sier noe annet",
        f"fastlegen min dr. {NAME} sier noe annet",
    ),
    "apposition with commas": (
        "Saksbehandleren, Marte Olsen, sa at saken var sendt.",
        f"Saksbehandleren, {NAME}, sa at saken var sendt.",
    ),
    "fastlegen min with commas": (
        "Fastlegen min, Per Olsen, visste ikke dette.",
        f"Fastlegen min, {NAME}, visste ikke dette.",
    ),
    "role before a name": ("sykepleier Jon Berg var flink", f"sykepleier {NAME} var flink"),
    "nynorsk relation": (
        "Mor mi, Ragnhild Vik, fekk feil medisin.",
        f"Mor mi, {NAME}, fekk feil medisin.",
    ),
    "relation in brackets": (
        "Min datter (Emma, 7 år) fikk feil medisin.",
        f"Min datter ({NAME}, 7 år) fikk feil medisin.",
    ),
    "english nurse": ("The nurse, Grace Mwangi, told me.", f"The nurse, {NAME}, told me."),
    "title and a word-like surname": (
        "Min lege Ståle Bjerkan er frustrert.",
        f"Min lege {NAME} er frustrert.",
    ),
    # the gazetteer without a cue
    "a given name in a sentence": (
        "Jeg snakket med Kari i resepsjonen.",
        f"Jeg snakket med {NAME} i resepsjonen.",
    ),
    "a word-like name inside a sentence": (
        "Eg snakka med Arve på avdelinga.",
        f"Eg snakka med {NAME} på avdelinga.",
    ),
    "a word-like name with a surname": ("Per Olsen ringte meg i går.", f"{NAME} ringte meg i går."),
    "given name and surname mid-sentence": (
        "Jeg og Ola Nordmann fikk feil time.",
        f"Jeg og {NAME} fikk feil time.",
    ),
    "an initial in the middle": ("Ola N. Nordmann\nmvh Ola N. Nordmann", f"{NAME}\nmvh {NAME}"),
}


@pytest.mark.parametrize(("text", "expected"), cases(NAMES_BY_POSITION))
def test_a_name_is_removed_where_the_text_puts_a_name(text, expected):
    assert scrub(text) == expected


KEPT = [
    # a sign-off followed by a role, a relation or a description
    "Mvh fastlege",
    "Mvh Fastlegen",
    "Hilsen en pårørende",
    "Hilsen Pårørende",
    "Helsing ein sliten tilsett",
    "Helsing ein pårørande",
    "Mvh ein frustrert pasient",
    "Hilsen sliten mor",
    "Vennlig hilsen Helsesekretær",
    "Mvh legesekretær",
    "Hilsen anonym",
    "Hilsen meg",
    "Kind regards\nA frustrated patient",
    "Regards, a GP",
    "Best wishes, a worried relative",
    "Hilsen mamma til to",
    "Mvh\nSendt fra min iPad",
    # organisations and places
    "Hilsen St. Olavs hospital",
    "Hilsen Helse Midt-Norge",
    "Med vennlig hilsen Trondheim kommune",
    "Mvh Kommunikasjonsavdelingen, Trondheim kommune",
    "Hilsen Fagforbundet",
    "Hilsen Trondheim",
    "Hilsen Tromsø",
    "Beste hilsen fra Tydal",
    "Hilsen fra en fornøyd bruker",
    "Jeg fødte på St. Olav og systemet fungerte ikke.",
    "Oversikten mangler Orkland, Hitra og Frøya.",
    "Olav Tryggvasons gate er full av folk.",
    "Møtet er i Erling Skakkes gate kl. 10.",
    "Mvh\nHelse Midt-Norge",
    "Regards\nThe Helseplattformen team",
    # names that are ordinary words, where they are words
    "Per i dag er det ingen som vet.",
    "Prisen er 300 kr per time.",
    "Liv og helse står på spill. Skjerpings!",
    "Sol og regn, men systemet er like tregt.",
    "Tonen i brevene er bedre.",
    "I mai skulle alt være på plass.",
    "Mai 2022 var da det begynte.",
    "May I suggest a calendar export?",
    "Will the municipalities use it?",
    "Mark my words, this will cost more.",
    "Grace period for the old system should be longer.",
    "LEGEN MIN VET IKKE HVA SOM SKJER. DETTE ER IKKE BRA NOK!!",
    # sentences with cue words but no name
    "Jeg sender en hilsen til alle som jobber med dette.",
    "Mvh\nJeg er fornøyd.",
    "with regards to the timeline",
    "Legen min var fornøyd.",
    "Jeg er sykepleier og synes tidslinjen er bra.",
    "jeg heter egentlig noe annet",
    "Mitt navn er ikke viktig.",
    "Nummeret mitt er viktig.",
    "Takk for svar",
    "Takk!",
    "Ha en fin dag!",
    "Sendt fra min iPhone",
    "Dr. Levanger er ikke en person.",
    "Hilsen Avdeling for IT",
]


@pytest.mark.parametrize("text", KEPT)
def test_text_that_only_looks_like_a_name_is_kept_byte_for_byte(text):
    assert scrub(text) == text


ADDRESSES = {
    "street, postcode and place": (
        "Jeg bor i Storgata 12, 7030 Trondheim.",
        f"Jeg bor i {ADDRESS}.",
    ),
    "without a cue word": (
        "Brevet ble sendt til Storgata 12, 7010 Trondheim men kom aldri.",
        f"Brevet ble sendt til {ADDRESS} men kom aldri.",
    ),
    "separate gate with a house letter": ("Adresse: Kongens gate 5B", f"Adresse: {ADDRESS}"),
    "three-word street": ("Olav Tryggvasons gate 40, 7011 Trondheim", ADDRESS),
    "a particle in the street name": ("Thomas von Westens gate 2, 7033 Trondheim", ADDRESS),
    "a street that is also a word": ("Storgata 12 er adressen.", f"{ADDRESS} er adressen."),
    "compound veien": ("Innherredsveien 7 er adressen min.", f"{ADDRESS} er adressen min."),
    "nynorsk": ("Eg bur i Elgeseter gate 10 no.", f"Eg bur i {ADDRESS} no."),
    "spaced house letter": (
        "Send brevet til Fjordgata 3 B, 7010 Trondheim",
        f"Send brevet til {ADDRESS}",
    ),
    "english": ("I live at Prinsens gate 1.", f"I live at {ADDRESS}."),
    "postcode without comma": ("Åsvegen 14 7500 Stjørdal", ADDRESS),
    "sentence-opening I": ("I Kongens gate 5 er det trangt.", f"I {ADDRESS} er det trangt."),
    "a street ending from Faker": (
        "Min adresse er Heggstadmyra 9, 7080 Heimdal.",
        f"Min adresse er {ADDRESS}.",
    ),
    "any street after a cue": ("Jeg bor i Øvre Bakklandet 14.", f"Jeg bor i {ADDRESS}."),
    "any street with a postcode": (
        "Kontoret er på Moan 3, 7350 Buvika.",
        f"Kontoret er på {ADDRESS}.",
    ),
    "postcode on the next line": ("Bakkegata 3\n7014 Trondheim\nTakk", f"{ADDRESS}\nTakk"),
    "postboks": (
        "Svar kan sendes til postboks 456, 7401 Trondheim.",
        f"Svar kan sendes til {ADDRESS}.",
    ),
    "postboks with a name": (
        "Send til Postboks 3250 Torgarden, 7006 Trondheim",
        f"Send til {ADDRESS}",
    ),
    "c/o": ("Brev til c/o Kjersti Nygård, Lillegårdsbakken 6", f"Brev til {ADDRESS}, {ADDRESS}"),
}


@pytest.mark.parametrize(("text", "expected"), cases(ADDRESSES))
def test_a_postal_address_is_removed_with_or_without_a_cue(text, expected):
    assert scrub(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Storgata er stengt.",
        "Kongens gate har fått nye skilt.",
        "Innføringen 2 i Levanger gikk fint.",
        "Navigate 2 pages back.",
        "Helseplattformen 2022 var krevende.",
        "Fase 3 i Helse Møre og Romsdal.",
        "Fase 2B starter i gate 3 på Gardermoen.",
        "Jeg har bodd i Levanger 20 år.",
        "Vi bruker Windows 10 på jobb.",
        "Postnummer 7030, Trondheim.",
    ],
)
def test_a_street_or_a_number_that_is_no_address_is_kept(text):
    assert scrub(text) == text


def test_a_signed_comment_with_an_address_and_a_phone_number_counts_each():
    result = scrub_with_report("Mvh\nPetter Sandvik\nStorgata 12, 7030 Trondheim\n934 56 789")
    assert result.text == f"Mvh\n{NAME}\n{ADDRESS}\n{PHONE}"
    assert result.counts == {"navn": 1, "adresse": 1, "telefonnummer": 1}


def test_the_gazetteer_holds_norwegian_names_and_knows_which_are_words():
    assert {"kari", "ola", "ingrid", "bjarte", "hansen", "aas"} <= NAMES
    assert {"kari", "ingrid", "bjarte"} <= GIVEN_NAMES
    assert {"per", "liv", "tone", "sol", "berg", "strand"} <= NAME_WORDS
    assert not {"kari", "ingrid", "hansen"} & NAME_WORDS
    assert NAME_WORDS <= NAMES


def test_the_common_words_are_words_not_names_or_places():
    assert {"fastlege", "pårørende", "bruker", "systemet", "timeline"} <= COMMON_WORDS
    assert not {"jostein", "trondheim", "kari"} & COMMON_WORDS


@pytest.mark.parametrize("typo", ["hilsn", "hlsen", "hisen", "hilsne", "helsig", "regads"])
def test_a_sign_off_is_recognised_with_one_typo(typo):
    assert typo in SIGNOFF_WORDS


def test_a_typo_that_is_a_word_of_its_own_is_no_cue():
    assert "hilser" not in SIGNOFF_WORDS  # "han hilser" is a verb
    assert "nilsen" not in SIGNOFF_WORDS  # a surname
    assert "meter" not in NAMING_VERBS
    assert {"hetter", "heiter", "heter"} <= NAMING_VERBS
