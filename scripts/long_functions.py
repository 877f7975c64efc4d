#!/usr/bin/env python3
"""Lists functions longer than a limit (default 80 lines, body braces included) in core/, ui/ and
app/: a function definition is a line that opens a body with '{' alone in column 0 (the project's
style), its length the lines up to the matching '}' in column 0. Exit status 1 if any is found."""
import pathlib, sys

limit = int(sys.argv[1]) if len(sys.argv) > 1 else 80
root = pathlib.Path(__file__).resolve().parent.parent
found = []
for folder in ("core", "ui", "app"):
    for path in sorted((root / folder).rglob("*.cpp")) + sorted((root / folder).rglob("*.h")):
        lines = path.read_text(encoding="utf-8", errors="replace").split("\n")
        start = None
        for i, line in enumerate(lines):
            if line == "{" and start is None:
                start = i
            elif line.startswith("}") and start is not None and not line.startswith("};"):
                length = i - start + 2  # the signature line and both braces
                if length > limit:
                    name = lines[start - 1].strip()
                    found.append((length, f"{path.relative_to(root)}:{start}", name[:90]))
                start = None
for length, where, name in sorted(found, reverse=True):
    print(f"{length:4d}  {where}  {name}")
sys.exit(1 if found else 0)
