#!/usr/bin/env python3
"""Fails while a tr() text of the window has no translation.

  translations_complete.py LUPDATE SOURCE_ROOT FILE.ts...

Runs lupdate over ui/, app/ and resources/ into a copy of each .ts file (so a text added to the
code since the .ts was last updated shows up as unfinished) and lists every text without a
finished translation. Prints the share finished per language.
"""
import os
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET


def unfinished(ts_path):
    missing, total = [], 0
    for ctx in ET.parse(ts_path).getroot().iter("context"):
        context = ctx.findtext("name")
        for m in ctx.iter("message"):
            tr = m.find("translation")
            if tr is not None and tr.get("type") in ("vanished", "obsolete"):
                continue
            total += 1
            forms = [f.text for f in tr.iter("numerusform")] if m.get("numerus") == "yes" else [tr.text if tr is not None else None]
            if tr is None or tr.get("type") == "unfinished" or not all(f and f.strip() for f in forms):
                missing.append(f"{context}: {m.findtext('source')!r}")
    return missing, total


def main():
    if len(sys.argv) < 4:
        print(__doc__)
        return 2
    lupdate, root, files = sys.argv[1], sys.argv[2], sys.argv[3:]
    failed = False
    with tempfile.TemporaryDirectory() as tmp:
        for ts in files:
            copy = os.path.join(tmp, os.path.basename(ts))
            shutil.copyfile(ts, copy)
            dirs = [os.path.join(root, d) for d in ("ui", "app", "resources")]
            run = subprocess.run([lupdate, "-no-obsolete", "-locations", "none", *dirs, "-ts", copy],
                                 capture_output=True, text=True)
            if run.returncode != 0:
                print(run.stdout + run.stderr)
                return 1
            missing, total = unfinished(copy)
            done = total - len(missing)
            print(f"{os.path.basename(ts)}: {done} of {total} texts translated ({100.0 * done / max(total, 1):.1f}%)")
            for m in missing:
                print(f"  untranslated: {m}")
            failed = failed or bool(missing) or total == 0
    if failed:
        print("update with: cmake --build BUILD --target latent_resources_lupdate, then translate in Qt Linguist")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
