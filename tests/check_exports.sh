#!/usr/bin/env bash
# check_exports.sh - the shared library exports exactly the functions the
# public headers declare with ATRACK_EXTERN: nothing internal leaks out, and
# nothing declared is missing. Usage: check_exports.sh LIBRARY INCLUDE_DIR
set -euo pipefail
library=$1
include=$2

declared=$(cat "$include"/atrack.h "$include"/atrack/*.h | tr '\n' ' ' |
	grep -oE 'ATRACK_EXTERN[^;]*;' |
	while IFS= read -r declaration; do
		grep -oE 'atrack_[a-z0-9_]+ *\(' <<<"$declaration" | head -n 1 | tr -d ' ('
	done | sort -u)
exported=$(nm -D --defined-only "$library" | awk '$2 ~ /^[TDBR]$/ {print $3}' | sort -u)

status=0
extra=$(comm -13 <(echo "$declared") <(echo "$exported"))
missing=$(comm -23 <(echo "$declared") <(echo "$exported"))
if [ -n "$extra" ]; then
	echo "exported but not declared in the public headers:"; echo "$extra"; status=1
fi
if [ -n "$missing" ]; then
	echo "declared in the public headers but not exported:"; echo "$missing"; status=1
fi
[ "$status" = 0 ] && echo "exports: $(echo "$exported" | wc -l) symbols, all declared, all atrack_*"
exit $status
