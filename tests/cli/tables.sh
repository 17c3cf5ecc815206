#!/usr/bin/env bash
# tables.sh - the board grouped by meeting and with its meeting column, and
# the other tables (initiative, update, meeting, framework, party lists, an
# initiative's history, the log) at COLUMNS=80 under LANG=C: whole columns dropped by priority, the
# kept ones readable, dates never cut, nothing wider than 80; --wide shows
# every column.
# Usage: tables.sh ATRACK_BINARY
set -u
atrack=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export HOME="$work" ATRACK_DB="$work/a.db" XDG_DATA_HOME= ATRACK_AUTHOR=tester LANG=C
unset LC_ALL LC_CTYPE
fail() { echo "FAIL: $*"; exit 1; }
run() { "$atrack" "$@" || fail "atrack $*: exit $?"; }
fits() { # FILE WHAT: every line of FILE is at most 80 columns
	while IFS= read -r line; do
		[ "${#line}" -le 80 ] || fail "$2 at 80 columns: line of ${#line}: $line"
	done <"$1"
}

run init >/dev/null
run meeting add --name "57th Security Consultative Meeting" --kind "Security Consultative Meeting" \
	--start-date 2025-11-04 --slug scm-57 >/dev/null
run meeting add --name "56th Security Consultative Meeting" --kind "Security Consultative Meeting" \
	--start-date 2024-10-30 --slug scm-56 >/dev/null
run initiative add --title "Enhancing extended deterrence cooperation through the Nuclear Consultative Group's workstreams" \
	--slug enhancing-extended-deterrence-cooperation-through-ncg --meeting scm-57 \
	--target-date 2025-06-30 --created-at 2024-10-30T09:00:00.000Z >/dev/null
run initiative add --title "Conducting large-scale combined field training exercises every year" \
	--slug conducting-large-scale-field-training --meeting scm-56 \
	--created-at 2024-10-30T09:00:00.000Z >/dev/null
run initiative add --title "An initiative of no meeting at all, with a long title" --slug no-meeting-initiative \
	--created-at 2026-11-20T09:00:00.000Z >/dev/null

# The board by meeting: the meeting first, the earliest meeting first, none last.
COLUMNS=80 run status --group-by meeting >"$work/board"
head -1 "$work/board" | grep -q '^meeting  id  initiative ' ||
	fail "--group-by meeting: the meeting is not the first column: $(head -1 "$work/board")"
sed -n 2p "$work/board" | grep -q '^scm-56   2 ' || fail "--group-by meeting: scm-56 not first: $(cat "$work/board")"
sed -n 3p "$work/board" | grep -q '^scm-57   1 ' || fail "--group-by meeting: scm-57 not second: $(cat "$work/board")"
sed -n 4p "$work/board" | grep -q '^-        3 ' || fail "--group-by meeting: no meeting not last: $(cat "$work/board")"
fits "$work/board" "status --group-by meeting"
"$atrack" status --group-by section >/dev/null 2>"$work/err"; rc=$?
[ $rc = 2 ] || fail "status --group-by section: exit $rc"
grep -qx "atrack: status: --group-by takes meeting, not 'section'" "$work/err" || fail "$(cat "$work/err")"
# The meeting column: dropped first at 80 columns, kept when asked.
COLUMNS=80 run status >"$work/board"
head -1 "$work/board" | grep -q 'meeting' && fail "80 columns: the meeting column is not dropped first"
COLUMNS=80 run status --meeting-column >"$work/board"
head -1 "$work/board" | grep -q '  meeting  title$' || fail "--meeting-column: $(head -1 "$work/board")"
grep -q '  scm-57   Enhancing' "$work/board" || fail "--meeting-column: no meeting: $(cat "$work/board")"
fits "$work/board" "status --meeting-column"
# JSON: the same rows, in meeting order.
run --json status --group-by meeting | grep -o '"slug": "[a-z0-9-]*"' | tr '\n' ' ' >"$work/order"
grep -q 'conducting-large-scale-field-training.*enhancing-extended.*no-meeting-initiative' "$work/order" ||
	fail "--json --group-by meeting order: $(cat "$work/order")"
# initiative list --order meeting is the same order.
run initiative list --order meeting | sed -n 2p | grep -q '^2 ' || fail "initiative list --order meeting"
echo "tables: the board by meeting, and its meeting column"

# The other tables at 80 columns drop whole columns by priority.
run framework add --name "Defense Science and Technology Executive Committee of the Alliance" \
	--acronym DSTEC --slug dstec --kind committee >/dev/null
run party add --name "Democratic People's Republic of Korea" --short-name DPRK --slug dprk >/dev/null
run update add enhancing-extended-deterrence-cooperation-through-ncg --status in_progress \
	--health at_risk --percent 40 --date 2025-02-01 \
	--note "Tabletop exercise held on the workstreams of the Nuclear Consultative Group in Washington" >/dev/null
run initiative edit no-meeting-initiative --title "A retitled initiative of no meeting, with a long title" \
	--target-date 2027-01-01 --position 7 >/dev/null
run meeting add --name "Foreign and Defense Ministers' Meeting of the Republic of Korea and the United States" \
	--kind "2+2 Ministerial Meeting" --short-kind "2+2 Meeting" --ordinal 3 --start-date 2024-10-31 \
	--slug two-plus-two >/dev/null
header_is() { # FILE WHAT PATTERN
	head -1 "$1" | grep -qx "$3" || fail "$2 at 80 columns: header $(head -1 "$1")"
}
COLUMNS=80 run initiative list >"$work/t"
header_is "$work/t" "initiative list" 'id  slug  *status  *health  *title'
grep -q '^1   enhancing-extended-deterr[a-z-]*~  in_progress  at_risk  Enhancing extended' "$work/t" ||
	fail "initiative list at 80 columns: slug not readable: $(cat "$work/t")"
fits "$work/t" "initiative list"
COLUMNS=80 run initiative list --wide >"$work/t"
header_is "$work/t" "initiative list --wide" 'id  slug  *section_slug  *status  *health  *target_date  *title'
grep -q 'A retitled initiative of no meeting, with a long title$' "$work/t" || fail "--wide: title cut"

COLUMNS=80 run meeting list >"$work/t"
header_is "$work/t" "meeting list" 'id  slug  *start_date  *name'
grep -q '2024-10-30  56th Security Consultative Meeting$' "$work/t" || fail "meeting list: name cut: $(cat "$work/t")"
COLUMNS=80 run meeting list --wide >"$work/t"
header_is "$work/t" "meeting list --wide" 'id  slug  *start_date  *short_kind  *ordinal  *name'

COLUMNS=80 run framework list >"$work/t"
header_is "$work/t" "framework list" 'id  slug  *acronym  *name'
grep -q '^1   dstec  DSTEC    Defense Science and Technology Executive Committee of the A~$' "$work/t" ||
	fail "framework list: $(cat "$work/t")"
fits "$work/t" "framework list"
COLUMNS=80 run framework list --wide >"$work/t"
header_is "$work/t" "framework list --wide" 'id  slug  *acronym  *name  *kind'

COLUMNS=80 run party list >"$work/t"
header_is "$work/t" "party list" 'id  slug  *name  *short_name  *kind'

COLUMNS=80 run update list >"$work/t"
header_is "$work/t" "update list" 'ID  DATE  *INITIATIVE  *STATUS  *HEALTH  *NOTE'
grep -q '^[0-9]*  *2025-02-01  enhancing-extended-[a-z-]*~  in_progress  at_risk  Tabletop' "$work/t" ||
	fail "update list at 80 columns: $(cat "$work/t")"
fits "$work/t" "update list"
COLUMNS=80 run update list --wide >"$work/t"
header_is "$work/t" "update list --wide" 'ID  DATE  *INITIATIVE  *STATUS  *HEALTH  *%  *AUTHOR  *NOTE'
grep -q 'Nuclear Consultative Group in Washington$' "$work/t" || fail "update list --wide: note cut"

# An initiative's history at 80: its own slug (shown above) goes first.
COLUMNS=80 run initiative show enhancing-extended-deterrence-cooperation-through-ncg >"$work/t"
grep -q '^ID  DATE  *STATUS  *HEALTH  *NOTE' "$work/t" ||
	fail "initiative show at 80 columns: $(cat "$work/t")"
grep -q '^[0-9]*  *2025-02-01  in_progress  at_risk  Tabletop' "$work/t" ||
	fail "initiative show at 80 columns, its history: $(cat "$work/t")"
sed -n '/^ID  DATE/,$p' "$work/t" >"$work/history" # the fields above are a record, not a table
fits "$work/history" "initiative show's history"

COLUMNS=80 run log >"$work/t"
header_is "$work/t" "log" 'ID  AT  *AUTHOR  *WHAT  *CHANGES'
grep -q '^[0-9]*  *20[0-9-]*T[0-9:.]*Z  tester  initiative [0-9]*  *title, position, target_date$' "$work/t" ||
	fail "log at 80 columns: $(head -3 "$work/t")"
fits "$work/t" "log"
COLUMNS=80 run log --wide >"$work/t"
header_is "$work/t" "log --wide" 'ID  AT  *AUTHOR  *ACTION  *WHAT  *CHANGES'
echo "tables: lists at 80 columns drop columns by priority; --wide shows all"
