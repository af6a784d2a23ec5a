#!/usr/bin/env python3
"""Writes N varied copies of a page, for import throughput measurements.

Each copy changes a few words in every paragraph (numbers, a rotated word order in one
sentence), so no two copies deduplicate, while length and structure stay realistic.
Usage: make_variants.py PAGE OUT_DIR N
"""
import os
import random
import sys

page, out_dir, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
lines = open(page, encoding="utf-8").read().split("\n")
os.makedirs(out_dir, exist_ok=True)
rng = random.Random(42)
for i in range(n):
    out = []
    for j, line in enumerate(lines):
        words = line.split(" ")
        if j > 0 and len(words) > 8:
            k = rng.randrange(1, len(words) - 2)  # never moves the last word: it carries the full stop
            words[k], words[k + 1] = words[k + 1], words[k]
            words.insert(rng.randrange(1, len(words)), str(rng.randrange(1, 10_000)))
        out.append(" ".join(words))
    with open(os.path.join(out_dir, "page_%04d.txt" % i), "w", encoding="utf-8") as f:
        f.write("\n".join(out))
