#!/usr/bin/env python3
"""Merge keys into both catalogs safely while others edit them too.

Usage: python3 i18n/merge.py fragment.json
fragment.json: {"key": {"da": "...", "en": "..."}, ...}
(plural values: {"da": {"one": "...", "other": "..."}, "en": {...}})
"""
import fcntl, json, os, sys
from collections import OrderedDict

here = os.path.dirname(os.path.abspath(__file__))
frag = json.load(open(sys.argv[1]), object_pairs_hook=OrderedDict)
with open(os.path.join(here, ".lock"), "w") as lock:
    fcntl.flock(lock, fcntl.LOCK_EX)
    for lang in ("da", "en"):
        path = os.path.join(here, lang + ".json")
        cat = json.load(open(path), object_pairs_hook=OrderedDict)
        for key, langs in frag.items():
            if lang not in langs:
                sys.exit(f"{key}: missing {lang}")
            cat[key] = langs[lang]
        with open(path + ".tmp", "w") as f:
            json.dump(cat, f, ensure_ascii=False, indent=2)
            f.write("\n")
        os.replace(path + ".tmp", path)
