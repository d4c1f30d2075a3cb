"""Patterns, placeholders and context words that ``kennismaker.pii`` uses; data only.

Regular expressions are kept as source strings so the matching rules can be read (and changed)
in one place; ``kennismaker.pii`` compiles them. Words are compared case-insensitively.
"""

from __future__ import annotations

# The stable placeholder that replaces each kind of entity in exported text.
PLACEHOLDERS = {
    "email": "[e-mail]",
    "phone": "[telefoon]",
    "iban": "[iban]",
    "bsn": "[bsn]",
    "postcode": "[postcode]",
}

# The e-mail and web-address patterns live in kennismaker.patterns (one of each for the whole product).

# Something that starts like an IBAN: country code, two check digits, then letters and digits,
# possibly in groups of four. The exact length per country (below) decides where it ends.
IBAN_CANDIDATE_PATTERN = r"(?i)(?<![a-z0-9])[a-z]{2}\d{2}(?: ?[a-z0-9]){10,32}"

# IBAN length per country (ISO 13616 registry), for the countries a Dutch organisation meets most.
IBAN_LENGTHS = {
    "AD": 24, "AT": 20, "BE": 16, "BG": 22, "CH": 21, "CY": 28, "CZ": 24, "DE": 22, "DK": 18,
    "EE": 20, "ES": 24, "FI": 18, "FR": 27, "GB": 22, "GR": 27, "HR": 21, "HU": 28, "IE": 22,
    "IS": 26, "IT": 27, "LI": 21, "LT": 20, "LU": 20, "LV": 21, "MC": 27, "MT": 31, "NL": 18,
    "NO": 15, "PL": 28, "PT": 25, "RO": 24, "SE": 24, "SI": 19, "SK": 24, "SM": 27, "TR": 26,
}

# A BSN as typed: nine digits, "1234.56.782", "1234 56 782" or "123 456 782" (not "123.456.782",
# which is an amount), not glued to other digits or letters.
BSN_PATTERN = r"(?<![\w.,/-])(\d{4}[. ]?\d{2}[. ]?\d{3}|\d{3} \d{3} \d{3})(?![\w/]|[.,-]\d)"

# A Dutch postcode: four digits (no leading zero), an optional space, two letters.
POSTCODE_PATTERN = r"(?<![\w.,/-])([1-9]\d{3}) ?([a-zA-Z]{2})(?!\w)"

# Words that, just before a nine-digit number, name it as some other number ("Bestelling 528259817"):
# about one in eleven such ids passes the eleven-check by chance. A BSN word nearby still wins.
BSN_OTHER_ID_WORDS = frozenset(
    "order ordernummer ordernr bestelling bestelnummer factuur factuurnummer ticket ticketnummer zaak "
    "zaaknummer dossiernummer klantnummer artikel artikelnummer referentie kenmerk invoice job build "
    "run id nr".split()
)
BSN_WORDS = frozenset("bsn burgerservicenummer sofinummer sofi-nummer citizen".split())
BSN_CONTEXT_WINDOW = 2

# Letter pairs the postal service never issues.
POSTCODE_EXCLUDED_PAIRS = frozenset({"SA", "SD", "SS"})

# Pairs that after four digits are far more often a unit, a word or a code ("2048 MB", "1500 km",
# "2024 en 2025", "de 2024 NL-versie") than a postcode; masked only with address context.
POSTCODE_UNIT_PAIRS = frozenset(
    "MB GB KB TB PB KM CM MM DM KG MG HZ KW MW GW WH AM PM PX PT EN OF IN IS OP TE ER "
    "AT ON OR TO BY IT AS AN NO SO UP WE HE ME MY DO GO OK "
    "NL BE DE FR UK US EU ID HR PR QA AI UI UX CV TV XL".split()
)

# Words that, shortly before the digits, say that what follows is a postcode or an address.
POSTCODE_CONTEXT_WORDS = frozenset(
    "postcode pc zip zipcode postal adres address woonachtig wonend woont woon verhuisd verhuist "
    "street road avenue lane".split()
)

# Endings of Dutch street names ("Hoofdstraat 12, 1234 ab"): a word ending so is address context.
STREET_SUFFIXES = (
    "straat", "laan", "weg", "plein", "gracht", "kade", "singel", "dreef", "hof", "park", "steeg", "dijk",
)

# How many words before the digits a context word may stand.
POSTCODE_CONTEXT_WINDOW = 4

# How a phone number has to start to be masked: international (+31, 0031), an area code in brackets ("(020)"),
# or the region's national trunk prefix (libphonenumber's, "0" in NL). A bare run of digits that only
# libphonenumber could read as a number stays (order numbers).
PHONE_PREFIXES = ("+", "(+", "00")
PHONE_AREA_CODE_PATTERN = r"\(\d{1,5}\)"

# libphonenumber is asked for numbers of a possible length (not only numbers in assigned ranges, so a
# mistyped or new number is still masked); these rules drop what is then too often not a phone number.
PHONE_DATE_PATTERN = r"\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}|\d{4}[-/.]\d{1,2}[-/.]\d{1,2}"
# "#0012345678" is an id. A letter or digit glued on either side ("ABNA0417164301", the middle of a
# GUID "8e3da424-675b-0514-4989-797ccfe0f278") also rules a number out.
PHONE_NOT_AFTER = "#"
# A digit and a separator just before: the digits continue a number ("1793888719.024056", a Slack
# timestamp; "3.0612345678"), they do not start a phone number.
PHONE_CONTINUES_NUMBER_PATTERN = r"\d[.,:/_-]$"
