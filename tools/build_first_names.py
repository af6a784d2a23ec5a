#!/usr/bin/env python3
"""Builds assets/gazetteers/english-first-names.tsv: English given names with the sex they are
mostly given to, so that "he" and "she" can tell "Patricia Riekel" from "Tom Cruise".

Source: the US Census Bureau's 1990 name frequency lists (public domain), as the PyPI package
`names` 0.3.0 (MIT) ships them in its source archive (read, not installed or run).

Usage:  pip download --no-deps names==0.3.0 -d /tmp/pnames
        python3 tools/build_first_names.py /tmp/pnames > assets/gazetteers/english-first-names.tsv
Output: `name<TAB>F|M`, lower case, sorted, with a header line. A name is kept when one sex
accounts for at least 90 % of its bearers in the lists (frequencies are percentages of each
sex's population, taken as equal halves).
"""

import glob
import os
import sys
import tarfile


def frequencies(archive, member):
    out = {}
    for line in archive.extractfile(member).read().decode().splitlines():
        parts = line.split()
        if len(parts) >= 2:
            out[parts[0].lower()] = float(parts[1])
    return out


def main():
    folder = sys.argv[1] if len(sys.argv) > 1 else "."
    found = sorted(glob.glob(os.path.join(folder, "names-*.tar.gz")))
    if not found:
        sys.exit(f"no names-*.tar.gz in {folder} (see the usage line)")
    with tarfile.open(found[-1]) as archive:
        root = archive.getnames()[0].split("/")[0]
        female = frequencies(archive, f"{root}/names/dist.female.first")
        male = frequencies(archive, f"{root}/names/dist.male.first")
    rows = []
    for name in sorted(set(female) | set(male)):
        f, m = female.get(name, 0.0), male.get(name, 0.0)
        if f >= 0.9 * (f + m):
            rows.append((name, "F"))
        elif m >= 0.9 * (f + m):
            rows.append((name, "M"))
    out = sys.stdout
    out.write("name\tsex\n")
    for name, sex in rows:
        out.write(f"{name}\t{sex}\n")


if __name__ == "__main__":
    main()
