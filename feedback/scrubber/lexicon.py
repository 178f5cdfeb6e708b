"""The word lists the name and address rules consult, loaded once at import.

The large lists are data files in ``data/`` (sources and licences in
``data/README.md``); the small ones below are grammar, written by hand: the words
that glue sentences together, the words for roles and relations, the words that
say a name follows. All lookups are in lower case, in sets.
"""

from __future__ import annotations

from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"


def _load(name: str) -> frozenset[str]:
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return frozenset(line for line in lines if line and not line.startswith("#"))


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


GIVEN_NAMES = _load("given_names.txt")
SURNAMES = _load("surnames.txt")
NAMES = GIVEN_NAMES | SURNAMES
# Names that are also ordinary words (Per, Liv, Tone, Sol, Mai, Berg, Strand, Grace ...):
# a person only where the text puts a name.
NAME_WORDS = _load("name_words.txt")
COMMON_WORDS = _load("common_words.txt")
PLACES = _load("places.txt")
STREET_SUFFIXES = _load("street_suffixes.txt")

# Small words that start sentences or glue them together; never part of a name.
FUNCTION_WORDS = _words(
    """
    jeg eg je vi me du dere de han hun ho dei det dette den denne disse eit ein en et ei
    og eller men så som at i på av til fra frå for med om hos ved etter før under over
    er var har hadde blir ble vart vert kan skal vil må kunne skulle ikke ikkje aldri også
    bor jobber jobbar arbeider arbeidar heter heiter hilsen helsing mvh takk hei hallo
    min mi mitt mine din di ditt vår vårt våre hans hennes sin si sitt sine
    the a an and or but from at in on of to by with for is was are am i we you he she it they
    my our your his her their me us them this that these those not no yes thanks thank
    oss alle meg deg seg egentlig faktisk bare berre visst nok noe noko ingen ingenting ellers
    forresten òg dessverre heldigvis kanskje helt veldig ofte altså just really actually
    her der hit dit nå no da då sendt sent
    """
)
# Organisations, services and the project's own vocabulary: a word ending in one of
# these ("Kommunikasjonsavdelingen", "Helsetilsynet") is an organisation, not a person.
INSTITUTION_WORDS = _words(
    """
    st sankt helse helseplattformen helsenorge epic hemit hemis bankid dips nav hf as asa
    sykehus sjukehus sykehuset sjukehuset hospital hospitalet legevakt legevakten legevakta
    kommune kommunen fylke fylkeskommune klinikk klinikken avdeling avdelinga avdelingen
    kontor kontoret legekontor legekontoret team teamet gruppa gruppen gjengen styret
    prosjektet redaksjonen kundeservice kundesenter support brukerstøtte sentralbord
    sentralbordet helsehus helsetilsynet datatilsynet statsforvalteren ombudet
    department team hospital clinic council
    """
)
INSTITUTION_ENDINGS = (
    "avdeling",
    "avdelingen",
    "avdelinga",
    "kontoret",
    "tjenesten",
    "tenesta",
    "sykehus",
    "sjukehus",
    "klinikken",
    "forbundet",
    "foreningen",
    "forening",
    "tilsynet",
    "direktoratet",
    "etaten",
    "senteret",
    "huset",
    "kommune",
    "kommunen",
    "seksjonen",
    "gruppen",
    "teamet",
    "styret",
    "ombudet",
    "plattformen",
    "systemet",
    "portalen",
    "sjukeheim",
    "sykehjem",
)
# Roles, relations and descriptions: after a sign-off they describe the writer
# ("Mvh fastlege", "Helsing ein sliten tilsett"), before a name they announce one
# ("sykepleier Jon Berg", "mor mi, Gudrun").
ROLES = _words(
    """
    lege legen leger legene fastlege fastlegen fastleger fastlegene fastlegar fastlegane
    overlege overlegen turnuslege tannlege tannlegen sykepleier sykepleieren sykepleiere
    sykepleierne sjukepleiar sjukepleiaren sjukepleiarar jordmor jordmora jordmoren
    psykolog psykologen fysioterapeut fysioterapeuten helsesøster helsesøsteren
    helsesykepleier helsesekretær helsesekretæren legesekretær legesekretæren
    helsefagarbeider helsefagarbeideren hjelpepleier pleier pleieren saksbehandler
    saksbehandleren sakshandsamar sakshandsamaren konsulent konsulenten prosjektleder
    prosjektlederen leder lederen avdelingsleder avdelingslederen sjef sjefen direktør
    direktøren pasientkoordinator koordinator koordinatoren kontaktperson kontaktpersonen
    tillitsvalgt vaktmester vaktmesteren sekretær sekretæren terapeut terapeuten
    mor mora moren far faren mamma pappa mann mannen kone kona ektemann ektefelle samboer
    samboeren sambuar kjæreste datter dattera datteren sønn sønnen son sonen bror broren
    søster søsteren barn barnet barna onkel tante bestemor bestefar svigermor svigerfar
    nabo naboen venn venninne kollega kollegaen verge vergen pårørende pårørande barnebarn
    barnebarnet familien pasient pasienten pasientar bruker brukar innbygger innbyggar
    pensjonist tilsett tilsette ansatt ansatte anonym
    doctor nurse gp midwife psychologist physiotherapist caseworker consultant manager
    mother father mom mum dad husband wife son daughter brother sister friend neighbour
    neighbor relative patient user guardian colleague
    """
)
ROLE_ENDINGS = (
    "lege",
    "legen",
    "pleier",
    "pleieren",
    "sekretær",
    "arbeider",
    "terapeut",
    "leder",
    "lederen",
    "konsulent",
    "koordinator",
    "søster",
    "mor",
    "far",
)
TITLES = _words("dr doktor doctor prof professor")
POSSESSIVES = _words("min mi mitt mine vår vårt våre my our")
MONTHS_AND_DAYS = _words(
    """
    januar februar mars april mai juni juli august september oktober november desember
    mandag tirsdag onsdag torsdag fredag lørdag søndag måndag tysdag laurdag sundag
    january february march may june july october december
    monday tuesday wednesday thursday friday saturday sunday
    """
)
# Endings only street names have; street_suffixes.txt also has "-engen", "-ringen",
# "-bakken", which end ordinary words too ("Innføringen 2", "Bakken 3").
STREET_ENDINGS = _words(
    """
    gata gate gaten gt. veien vegen vei veg vn. allé alléen plass plassen torget brygga
    bryggen kaia stien sletta myra
    """
)
STREET_WORDS = _words("gate gata gaten gt vei veien veg vegen allé alle plass street road")
# Never a name, even where a name could be ("Mvh Fastlege", "Hilsen Mai"):
# function words block only when they are not names too ("Hans", "Dag").
ALWAYS_NOT_NAMES = (INSTITUTION_WORDS | ROLES | MONTHS_AND_DAYS | STREET_WORDS) - {"hans"}


def _one_typo(word: str) -> set[str]:
    """Every spelling one deletion, insertion, substitution or swap away from ``word``."""
    letters = "abcdefghijklmnopqrstuvwxyzæøå"
    splits = [(word[:k], word[k:]) for k in range(len(word) + 1)]
    variants = {a + b[1:] for a, b in splits if b}
    variants |= {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    variants |= {a + c + b[1:] for a, b in splits if b for c in letters}
    variants |= {a + c + b for a, b in splits for c in letters}
    return variants


def _with_typos(words: str) -> frozenset[str]:
    """The words, and their one-typo spellings that are not words or names of their own.

    "hilser" is a verb and "Nilsen" a surname, not "hilsen" mistyped.
    """
    exact = _words(words)
    found = set(exact)
    for word in exact:
        if len(word) >= 5:
            found |= {v for v in _one_typo(word) if v not in COMMON_WORDS and v not in NAMES}
    return frozenset(found)


# "hilsen", "hilsn", "hlsen", "vennlig hisen": the cue words of a sign-off, with one typo.
SIGNOFF_WORDS = _with_typos(
    "hilsen hilsener hilsner helsing helsingar helsning regards wishes cheers sincerely"
) | _words("mvh vh hils")
# "jeg heter", "jeg hetter", "eg heiter": the verb that says a name follows.
NAMING_VERBS = _with_typos("heter heiter") | _words("het heitte hete")
