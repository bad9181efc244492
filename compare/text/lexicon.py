"""Word lists the verdicts read, kept as data in one place: news antonyms and the names of large regions.

``ANTONYMS`` makes an ``antonym`` difference when two aligned units differ only in that word
("prices rose" / "prices fell"); ``REGIONS`` (countries, US states and their abbreviations,
continents) keeps a place from conflicting with a region that may contain it ("in Miami" /
"in Florida"). See docs/differences.md.
"""

from __future__ import annotations

ANTONYMS: tuple[tuple[str, str], ...] = (
    ("rise", "fall"),
    ("rose", "fell"),
    ("rising", "falling"),
    ("rises", "falls"),
    ("risen", "fallen"),
    ("increase", "decrease"),
    ("increased", "decreased"),
    ("increases", "decreases"),
    ("increasing", "decreasing"),
    ("gain", "loss"),
    ("gains", "losses"),
    ("gained", "lost"),
    ("win", "lose"),
    ("wins", "loses"),
    ("won", "lost"),
    ("winning", "losing"),
    ("winner", "loser"),
    ("victory", "defeat"),
    ("accept", "reject"),
    ("accepted", "rejected"),
    ("accepts", "rejects"),
    ("accepting", "rejecting"),
    ("approve", "veto"),
    ("approved", "vetoed"),
    ("approves", "vetoes"),
    ("approve", "reject"),
    ("approved", "rejected"),
    ("approval", "rejection"),
    ("guilty", "innocent"),
    ("convicted", "acquitted"),
    ("conviction", "acquittal"),
    ("up", "down"),
    ("higher", "lower"),
    ("highest", "lowest"),
    ("high", "low"),
    ("more", "fewer"),
    ("more", "less"),
    ("most", "fewest"),
    ("most", "least"),
    ("many", "few"),
    ("most", "few"),
    ("maximum", "minimum"),
    ("for", "against"),
    ("increase", "cut"),
    ("above", "below"),
    ("before", "after"),
    ("earlier", "later"),
    ("open", "close"),
    ("opened", "closed"),
    ("opens", "closes"),
    ("begin", "end"),
    ("began", "ended"),
    ("start", "end"),
    ("started", "ended"),
    ("allow", "ban"),
    ("allowed", "banned"),
    ("allows", "bans"),
    ("legal", "illegal"),
    ("support", "oppose"),
    ("supported", "opposed"),
    ("supports", "opposes"),
    ("supporters", "opponents"),
    ("alive", "dead"),
    ("survived", "died"),
    ("entered", "left"),
    ("arrived", "departed"),
    ("strong", "weak"),
    ("stronger", "weaker"),
    ("strengthen", "weaken"),
    ("strengthened", "weakened"),
    ("best", "worst"),
    ("better", "worse"),
    ("largest", "smallest"),
    ("larger", "smaller"),
    ("positive", "negative"),
    ("profit", "loss"),
    ("surplus", "deficit"),
    ("buy", "sell"),
    ("bought", "sold"),
    ("hire", "fire"),
    ("hired", "fired"),
    ("confirmed", "denied"),
    ("confirm", "deny"),
    ("raise", "lower"),
    ("raised", "lowered"),
    ("expand", "shrink"),
    ("expanded", "shrank"),
    ("majority", "minority"),
    ("first", "last"),
    ("north", "south"),
    ("east", "west"),
    ("northern", "southern"),
    ("eastern", "western"),
    ("male", "female"),
    ("men", "women"),
    ("upheld", "overturned"),
    ("uphold", "overturn"),
    ("upholds", "overturns"),
    ("signed", "vetoed"),
    ("midnight", "noon"),
)
"""News antonyms, each pair once (either word may stand in either source): one in a unit where the other
unit has the other word in the same place of the sentence (``compare.classify``) is an ``antonym``
difference. Forms are listed, not stemmed, so that "rose" / "fell" and "rising" / "falling" both count."""

CONTRASTS: tuple[tuple[str, str], ...] = (
    ("killed", "injured"),
    ("killed", "wounded"),
    ("dead", "injured"),
    ("dead", "wounded"),
    ("deaths", "injuries"),
    ("arrested", "released"),
    ("cut", "add"),
    ("cuts", "adds"),
    ("cut", "raise"),
    ("democrat", "republican"),
    ("democrats", "republicans"),
    ("democratic", "republican"),
    ("spring", "summer"),
    ("spring", "autumn"),
    ("spring", "winter"),
    ("summer", "autumn"),
    ("summer", "winter"),
    ("autumn", "winter"),
    ("resigned", "fired"),
    ("son", "daughter"),
    ("sons", "daughters"),
    ("brother", "sister"),
    ("brothers", "sisters"),
    ("father", "mother"),
    ("boy", "girl"),
    ("boys", "girls"),
    ("morning", "afternoon"),
    ("morning", "evening"),
    ("morning", "night"),
    ("afternoon", "evening"),
    ("afternoon", "night"),
)
"""Words of one set, not opposites, where each states another fact: who died or was hurt, what became
of a suspect or an official, which party, which season, which relative, which part of the day
("evening" and "night" are not told apart: "Monday night" is often "Monday evening"). Read as
``ANTONYMS`` are (an ``antonym`` difference, "other words" in its detail)."""

_US_STATES = """
Alabama Alaska Arizona Arkansas California Colorado Connecticut Delaware Florida Georgia Hawaii Idaho Illinois
Indiana Iowa Kansas Kentucky Louisiana Maine Maryland Massachusetts Michigan Minnesota Mississippi Missouri
Montana Nebraska Nevada New_Hampshire New_Jersey New_Mexico New_York North_Carolina North_Dakota Ohio Oklahoma
Oregon Pennsylvania Rhode_Island South_Carolina South_Dakota Tennessee Texas Utah Vermont Virginia Washington
West_Virginia Wisconsin Wyoming
Ala. Ariz. Ark. Calif. Cal. Colo. Conn. Del. Fla. Ga. Ill. Ind. Kan. Kans. Ky. La. Md. Mass. Mich. Minn. Miss.
Mo. Mont. Neb. Nev. N.H. N.J. N.M. N.Y. N.C. N.D. Okla. Ore. Pa. R.I. S.C. S.D. Tenn. Tex. Vt. Va. Wash. W.Va.
Wis. Wyo.
"""

_COUNTRIES = """
Afghanistan Albania Algeria Andorra Angola Argentina Armenia Australia Austria Azerbaijan Bahamas Bahrain
Bangladesh Barbados Belarus Belgium Belize Benin Bhutan Bolivia Bosnia Botswana Brazil Brunei Bulgaria Burkina_Faso
Burma Burundi Cambodia Cameroon Canada Chad Chile China Colombia Congo Costa_Rica Croatia Cuba Cyprus
Czech_Republic Czechia Denmark Djibouti Dominica Dominican_Republic Ecuador Egypt El_Salvador Eritrea Estonia
Eswatini Ethiopia Fiji Finland France Gabon Gambia Germany Ghana Greece Grenada Guatemala Guinea Guyana Haiti
Honduras Hungary Iceland India Indonesia Iran Iraq Ireland Israel Italy Ivory_Coast Jamaica Japan Jordan
Kazakhstan Kenya Kosovo Kuwait Kyrgyzstan Laos Latvia Lebanon Lesotho Liberia Libya Liechtenstein Lithuania
Luxembourg Madagascar Malawi Malaysia Maldives Mali Malta Mauritania Mauritius Mexico Moldova Monaco Mongolia
Montenegro Morocco Mozambique Myanmar Namibia Nepal Netherlands Holland New_Zealand Nicaragua Niger Nigeria
North_Korea North_Macedonia Macedonia Norway Oman Pakistan Palestine Panama Papua_New_Guinea Paraguay Peru
Philippines Poland Portugal Qatar Romania Russia Rwanda Samoa San_Marino Saudi_Arabia Senegal Serbia Seychelles
Sierra_Leone Singapore Slovakia Slovenia Somalia South_Africa South_Korea Korea South_Sudan Spain Sri_Lanka Sudan
Suriname Sweden Switzerland Syria Taiwan Tajikistan Tanzania Thailand Togo Tonga Trinidad Tunisia Turkey
Turkmenistan Uganda Ukraine United_Arab_Emirates UAE United_Kingdom UK U.K. Britain Great_Britain England
Scotland Wales Northern_Ireland United_States US U.S. USA U.S.A. America Uruguay Uzbekistan Vanuatu Venezuela
Vietnam Yemen Zambia Zimbabwe Tibet Chechnya Kashmir Crimea Gaza West_Bank Quebec Ontario
"""

_CONTINENTS = "Africa Asia Europe Antarctica Oceania North_America South_America Latin_America Middle_East Balkans"

REGIONS: frozenset[str] = frozenset(
    w.replace("_", " ").lower() for w in (_US_STATES + _COUNTRIES + _CONTINENTS).split()
)
"""Countries, US states (with their newspaper abbreviations) and continents, lower-cased: a region may
contain a place named in its stead, so a region never conflicts with a place that is not one."""

REGION_ALIASES: tuple[frozenset[str], ...] = tuple(
    frozenset(n.replace("_", " ").lower() for n in group.split())
    for group in (
        "United_States US U.S. USA U.S.A. America Washington",
        "United_Kingdom UK U.K. Britain Great_Britain",
        "Netherlands Holland",
        "Burma Myanmar",
        "Czech_Republic Czechia",
        "Ivory_Coast Cote_d'Ivoire",
        "South_Korea Korea",
    )
)
"""Names of one country ("UK" / "Britain"; "Washington" is far more often the US government than the state
in news): two of one group are the same place."""

MONTHS: tuple[str, ...] = tuple(
    "january february march april may june july august september october november december".split()
)
"""The months, lower-cased, in order."""

MONTH_ABBREVIATIONS: dict[str, str] = {
    **{m[:3]: m for m in MONTHS if m[:3] not in ("mar", "may")},
    "sept": "september",
}
"""Months as newspapers abbreviate them (the dot is gone in a normalised quotation), by abbreviation;
"mar" (a verb) and "may" (a month already) are left out."""

BRITISH_ENDINGS: tuple[tuple[str, str, int], ...] = (
    ("isations", "izations", 10), ("isation", "ization", 9), ("ising", "izing", 8), ("ised", "ized", 7),
    ("ises", "izes", 7), ("ise", "ize", 7), ("ysing", "yzing", 8), ("ysed", "yzed", 7), ("yses", "yzes", 7),
    ("yse", "yze", 6), ("ouring", "oring", 8), ("oured", "ored", 7), ("ours", "ors", 7), ("our", "or", 6),
    ("tres", "ters", 6), ("tre", "ter", 5), ("ogues", "ogs", 8), ("ogue", "og", 7),
)  # fmt: skip
"""British spellings by ending, their American form and the shortest word the rule applies to (so that
"four", "hour" and "rise" are left alone): "labour" / "labor", "organised" / "organized", "analyse" /
"analyze", "centre" / "center", "catalogue" / "catalog". A rule only ever makes two words one when both
spellings occur, so an odd form it makes ("promize") does no harm."""


NUMBER_WORDS: dict[str, str] = {
    w: str(i)
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
        "sixteen seventeen eighteen nineteen twenty".split()
    )
}
"""Small numbers spelled out, by word, and their figures: a house style writes "two years" where another
writes "2 years" (AP spells out one to nine), in a quotation as anywhere."""


def spelling_key(word: str) -> str:
    """One spelling of a lower-cased word for comparing two wordings: a month's abbreviation spelled out
    ("sept" / "september"), a small number in figures ("two" / "2", ``NUMBER_WORDS``) and a British
    ending made American (``BRITISH_ENDINGS``)."""
    if word in MONTH_ABBREVIATIONS:
        return MONTH_ABBREVIATIONS[word]
    if word in NUMBER_WORDS:
        return NUMBER_WORDS[word]
    for ending, american, shortest in BRITISH_ENDINGS:
        if len(word) >= shortest and word.endswith(ending):
            return word[: -len(ending)] + american
    return word
