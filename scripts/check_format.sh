#!/usr/bin/env bash
# Fails when a C++ file differs from what clang-format (.clang-format, Debian 12's clang-format 14)
# makes of it. `scripts/check_format.sh --fix` rewrites them instead.
set -euo pipefail
cd "$(dirname "$0")/.."
format=$(command -v clang-format-14 || command -v clang-format || true)
if [ -z "$format" ]; then
  echo "clang-format is not installed (scripts/bootstrap.sh installs it)" >&2
  exit 1
fi
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  mapfile -t files < <(git ls-files '*.cpp' '*.h')
else
  mapfile -t files < <(find app bench core resources tests ui -name '*.cpp' -o -name '*.h')
fi
if [ "${1:-}" = "--fix" ]; then
  "$format" -i "${files[@]}"
  exit 0
fi
if ! "$format" --dry-run --Werror "${files[@]}" 2>/tmp/latent-format.$$; then
  grep -E '^[^ ].*(error|warning):' /tmp/latent-format.$$ | cut -d: -f1 | sort -u | sed 's/^/not formatted: /' >&2
  rm -f /tmp/latent-format.$$
  echo "run scripts/check_format.sh --fix" >&2
  exit 1
fi
rm -f /tmp/latent-format.$$
echo "format: ${#files[@]} files as clang-format writes them"
