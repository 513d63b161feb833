#!/bin/sh
# Usage: mk/host-specs.sh LUA DIR... -- prints the spec files under DIRs that LUA can
# compile, one a line; names the ones it cannot (5.4-only syntax such as <close> or
# //) on stderr, so a file never drops out of a host's run silently.
lua=$1
shift
skipped=
for f in $(find "$@" -name '*_spec.lua' | sort); do
  if "$lua" -e "assert(loadfile('$f'))" >/dev/null 2>&1; then
    echo "$f"
  else
    skipped="$skipped $f"
  fi
done
[ -z "$skipped" ] || echo "not run under $lua (5.4-only syntax):$skipped" >&2
