"""A few GeoNames records, hand-copied, for the place rule families' tests."""

from __future__ import annotations

from sitrep.geo.gazetteer import Candidate

RUSSIA = Candidate("geo:2017370", "Russia", 60.0, 100.0, "RU", "country", 144_000_000, 2017370)
LEBANON = Candidate(
    "geo:272103", "Lebanon", 33.83, 35.83, "LB", "country", 6_800_000, 272103, None, "LB"
)
EGYPT = Candidate("geo:357994", "Egypt", 27.0, 30.0, "EG", "country", 98_000_000, 357994)
NIGER_COUNTRY = Candidate("geo:2440476", "Niger", 18.0, 9.0, "NE", "country", 22_000_000, 2440476)
GUINEA = Candidate("geo:2420477", "Guinea", 10.83, -10.67, "GN", "country", 12_400_000, 2420477)
GUINEA_BISSAU = Candidate(
    "geo:2372248", "Guinea-Bissau", 12.0, -15.0, "GW", "country", 1_800_000, 2372248
)
HAMA = Candidate("geo:170017", "Hama", 35.13, 36.76, "SY", "city", 700_000, 170017, "SY.10")
HOMS = Candidate("geo:169577", "Homs", 34.73, 36.72, "SY", "city", 1_300_000, 169577, "SY.11")
ALEPPO = Candidate("geo:170063", "Aleppo", 36.2, 37.16, "SY", "city", 2_100_000, 170063, "SY.09")
TRIPOLI_LY = Candidate(
    "geo:2210247", "Tripoli", 32.89, 13.19, "LY", "city", 1_300_000, 2210247, "LY.77"
)
TRIPOLI_LB = Candidate(
    "geo:266826", "Tripoli", 34.43, 35.84, "LB", "city", 229_000, 266826, "LB.09"
)
TRAPANI = Candidate("geo:2522876", "Trapani", 38.02, 12.51, "IT", "city", 70_000, 2522876, "IT.15")
ABU = Candidate("geo:1", "Abu", 24.6, 72.7, "IN", "city", 60_000, 1, "IN.24")
HENRY_COUNTY = Candidate(
    "geo:4628829", "Henry County", 36.33, -88.32, "US", "admin2", 32_000, 4628829, "US.TN"
)
CLAY_COUNTY = Candidate(
    "geo:5022136", "Clay County", 46.89, -96.49, "US", "admin2", 55_000, 5022136, "US.MN"
)
