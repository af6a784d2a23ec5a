#!/usr/bin/env python3
"""Builds assets/gazetteers/person-names.tsv: words and full names of people in Arabic script,
from open data that two PyPI packages ship, so the list can be rebuilt anywhere.

Sources (read straight from the wheels; the packages are not installed or run)
- `arabic-name-romanizer` 0.2.0 (MIT): its name index `names.sqlite3`, built from Wikidata
  labels of people (CC0) and Algerian name corpora (CC0, MIT). Given names, surnames and
  full names of about 87,000 people, mostly from Arab countries, Iran and Pakistan.
- `arabnamer` 0.1.3 (MIT; dataset CC-BY-4.0): English -> Arabic name pairs, mostly from the
  European Commission's JRC-Names, a gazetteer built from news: foreign names as Arabic
  newspapers spell them ("أوشاكوف", "فينغر").

Usage:  pip download --no-deps arabic-name-romanizer==0.2.0 arabnamer==0.1.3 -d /tmp/names
        python3 tools/build_person_names.py /tmp/names > assets/gazetteers/person-names.tsv
Output: `lang<TAB>type<TAB>name`, sorted, with a header line. PERWORD: one word of a
person's name; PERFULL: a full name of two words or more.
"""

import glob
import json
import os
import re
import sqlite3
import sys
import tempfile
import zipfile

# Arabic letters proper (hamza..yeh), so Persian and Urdu spellings are left out.
ARABIC_NAME = re.compile(r"^[\u0621-\u064A]+(?: [\u0621-\u064A]+)*$")


def wheel(folder, prefix):
    found = sorted(glob.glob(os.path.join(folder, f"{prefix}-*.whl")))
    if not found:
        sys.exit(f"no {prefix} wheel in {folder} (see the usage line)")
    return zipfile.ZipFile(found[-1])


def main():
    folder = sys.argv[1] if len(sys.argv) > 1 else "."
    rows = set()

    def add(kind, name):
        name = " ".join(name.split())
        if not ARABIC_NAME.match(name):
            return
        words = name.split()
        if kind == "PERFULL" and len(words) >= 2:
            rows.add(("ar", "PERFULL", name))
        for w in words:
            if len(w) >= 2:
                rows.add(("ar", "PERWORD", w))

    with wheel(folder, "arabic_name_romanizer") as z, tempfile.TemporaryDirectory() as tmp:
        path = z.extract("arabic_name_romanizer/resources/names.sqlite3", tmp)
        db = sqlite3.connect(path)
        for (name,) in db.execute("SELECT DISTINCT arabic_key FROM units"):
            add("PERWORD", name)
        for (name,) in db.execute("SELECT DISTINCT arabic_key FROM full_names"):
            add("PERFULL", name)
        db.close()

    with wheel(folder, "arabnamer") as z:
        pairs = json.loads(z.read("arabnamer/data/dict_FINAL.json"))
        for name in pairs.values():
            add("PERWORD", name)

    out = sys.stdout
    out.write("lang\ttype\tname\n")
    for lang, typ, name in sorted(rows):
        out.write(f"{lang}\t{typ}\t{name}\n")


if __name__ == "__main__":
    main()
