#!/usr/bin/env python3
"""Docs that stay true: every repository path that README.md and docs/*.md name exists, and every
`latent-cli COMMAND --flag` they show is a command and a flag that latent-cli's own --help lists.

A path is a word starting with one of the repository's top folders (core/, ui/, app/, tests/, bench/,
scripts/, resources/, docs/, .ci/); one without an extension may name a class's file pair
(core/models/MapAutoencoder -> .h/.cpp). Patterns with * and paths under build folders are skipped.
A command is the word after "latent-cli "; its flags are the --words after it on the same line,
up to a pipe, a semicolon, "#" or the end of an inline code span.
Headline figures live in docs/PERFORMANCE.md: every number in the value columns of README's
"Headline figures" table must appear there as written (README quotes, never measures).
usage: docs_check.py REPO_ROOT LATENT_CLI
"""
import os, re, subprocess, sys

root, cli = sys.argv[1], sys.argv[2]
docs = [os.path.join(root, "README.md")] + sorted(
    os.path.join(root, "docs", f) for f in os.listdir(os.path.join(root, "docs")) if f.endswith(".md"))

PATH = re.compile(r"(?<![\w./-])((?:core|ui|app|tests|bench|scripts|resources|docs|\.ci)/[A-Za-z0-9_./+-]*[A-Za-z0-9_+-])")
CALL = re.compile(r"latent-cli ([a-z][a-z-]*)((?:[^`|;#\n])*)")
FLAG = re.compile(r"(?<![\w-])--([a-z][a-z0-9-]*)")


def path_exists(p):
    full = os.path.join(root, p)
    if os.path.exists(full):
        return True
    return not os.path.splitext(p)[1] and any(os.path.exists(full + ext) for ext in (".h", ".cpp", ".py", ".sh"))


# Every command's --help in one process ("latent-cli help --all"; each start loads LibTorch, ~0.7 s).
everything = subprocess.run([cli, "help", "--all"], capture_output=True, text=True, env={**os.environ, "LC_ALL": "C"}).stdout
top, _, rest = everything.partition("\nusage: latent-cli ")
commands = sorted(set(re.findall(r"^\s+([a-z][a-z-]+)\s", top, re.M)))
flags_of = {}
for part in ("usage: latent-cli " + rest).split("\nusage: latent-cli ")[0:]:
    name = re.match(r"(?:usage: latent-cli )?([a-z][a-z-]*)", part)
    if name:
        flags_of[name.group(1)] = set(FLAG.findall(part)) | {"help"}
commands.append("help")  # latent-cli help [--all]
flags_of["help"] = {"all", "help"}
missing = [c for c in commands if c not in flags_of]
if missing:
    sys.exit(f"latent-cli help --all printed no options for: {', '.join(missing)}")
problems = []
paths_seen = calls_seen = 0
for doc in docs:
    rel = os.path.relpath(doc, root)
    for number, line in enumerate(open(doc, encoding="utf-8"), 1):
        for p in PATH.findall(line):
            if "*" in p or p.startswith(("build", "docs/screenshots/shot")):
                continue
            paths_seen += 1
            if not path_exists(p):
                problems.append(f"{rel}:{number}: no such path: {p}")
        for command, rest in CALL.findall(line):
            if command not in commands:
                if "`latent-cli " + command not in line and "$ latent-cli " + command not in line and not line.startswith("latent-cli"):
                    continue  # prose ("latent-cli against PyTorch's LibTorch"), not a command line
                problems.append(f"{rel}:{number}: no latent-cli command '{command}'")
                continue
            calls_seen += 1
            for flag in FLAG.findall(rest):
                if flag not in flags_of[command]:
                    problems.append(f"{rel}:{number}: latent-cli {command} has no --{flag}")

# README's headline figures, each quoted from PERFORMANCE.md.
performance = open(os.path.join(root, "docs", "PERFORMANCE.md"), encoding="utf-8").read()
readme = open(os.path.join(root, "README.md"), encoding="utf-8").read()
headline = readme.split("## Headline figures", 1)[1].split("\n## ", 1)[0] if "## Headline figures" in readme else ""
figures_seen = 0
for row in re.findall(r"^\|(.*)\|\s*$", headline, re.M):
    cells = [c.strip() for c in row.split("|")]
    if len(cells) < 3 or set(cells[0]) <= set("-: ") or cells[0] == "what":
        continue
    for figure in re.findall(r"\d[\d,]*(?:\.\d+)?(?:-\d+(?:\.\d+)?)?[kx%]?", " ".join(cells[1:])):
        figures_seen += 1
        if not re.search(r"(?<![\d.])" + re.escape(figure) + r"(?![\d])", performance):
            problems.append(f"README.md: headline figure {figure} ({cells[0][:50]}...) is not in docs/PERFORMANCE.md")
if not figures_seen:
    problems.append("README.md: no headline figures found (a '## Headline figures' table)")

print("\n".join(problems))
print(f"{len(docs)} documents, {paths_seen} paths and {calls_seen} latent-cli command lines checked against the tree and "
      f"`{os.path.basename(cli)} --help`, {figures_seen} headline figures against docs/PERFORMANCE.md: {len(problems)} problems")
sys.exit(1 if problems else 0)
