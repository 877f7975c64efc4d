#!/usr/bin/env python3
"""The layering, checked against what the compiler really read (ninja's record of the headers each
object was compiled with, transitive includes too):
  - the core's rooms look only down: an object of room R (latent_R) reads no header of a room
    listed after R (the order is core/CMakeLists.txt's LATENT_CORE_ROOMS, bottom first);
  - the widgets and the window's main never see a LibTorch header (the torch side is ui/session);
  - the core never sees a Qt header.
usage: layers_check.py NINJA BUILD_DIR SOURCE_DIR ROOM...   (rooms bottom first)"""
import os
import re
import subprocess
import sys


def main():
    ninja, build, source, rooms = sys.argv[1], sys.argv[2], os.path.realpath(sys.argv[3]), sys.argv[4:]
    rank = {room: i for i, room in enumerate(rooms)}
    deps = subprocess.run([ninja, "-C", build, "-t", "deps"], check=True, capture_output=True, text=True).stdout
    core_header = re.compile(re.escape(os.path.join(source, "core")) + r"/([a-z]+)/[^/]+$")
    problems, counts = [], {"room": 0, "widget": 0}
    obj, room, widget, core = None, None, False, False
    for line in deps.splitlines():
        if line and not line[0].isspace():
            obj = line.split(":")[0]
            target = re.search(r"CMakeFiles/latent_([a-z]+)\.dir/", obj)
            room = target.group(1) if target and target.group(1) in rank and obj.startswith("core/") else None
            widget = obj.startswith("ui/widgets/") or obj.startswith("app/gui/")
            core = obj.startswith("core/")
            counts["room"] += room is not None
            counts["widget"] += widget
            reported = set()
            continue
        header = line.strip()
        if not header:
            continue
        path = os.path.normpath(header if header.startswith("/") else os.path.join(build, header))
        path = os.path.realpath(path) if os.path.exists(path) else path
        why = None
        hit = core_header.match(path)
        if room and hit and hit.group(1) in rank and rank[hit.group(1)] > rank[room]:
            why = f"room {room} reads a header of {hit.group(1)}, a room above it"
        elif widget and re.search(r"/(torch|ATen|c10)/", path):
            why = "torch header in a widget"
        elif core and "/qt6/" in path:
            why = "Qt header in the core"
        if why and why not in reported:
            reported.add(why)
            problems.append(f"{why}: {obj} <- {os.path.relpath(path, source) if path.startswith(source) else path}")
    if counts["room"] == 0 or counts["widget"] == 0:
        print(f"no core room or widget objects recorded: build first ({counts['room']} room, {counts['widget']} widget)")
        return 1
    for problem in problems:
        print(problem)
    print(f"{counts['room']} objects of {len(rooms)} rooms ({' < '.join(rooms)}) and {counts['widget']} widget objects checked")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
