#!/usr/bin/env bash
# run.sh - runs the CLI test cases: each folder under cases/ holds `args`
# (one argument per line), and optionally `setup` (commands, one argument
# list per line, words separated by tabs, run first with no stdin; a line
# that exits non-zero fails the case), `stdin`, and the
# expected `stdout`, `stderr` and `status` (default 0). In expected output,
# @DB@ stands for the case's database path and @TODAY@ for today's UTC date, @DAYS:YYYY-MM-DD@ for the days since that day, @NOW@ for a time of today the program recorded. Each case gets a fresh HOME and
# database. Usage: run.sh ATRACK_BINARY CASES_PARENT_DIR
# (ATRACK_CLI_ACCEPT=1: write the output seen over an expectation that differs)
set -u
atrack=$1
root=$2
# Cases with the same setup (and the same files beside it) start from one
# database built once, copied: building it per case made the suite slow.
setup_cache=$(mktemp -d)
trap 'rm -rf "$setup_cache"' EXIT
passed=0
failed=0
failures=()

for case_dir in "$root"/cases/*/; do
	case_dir=${case_dir%/}
	name=$(basename "$case_dir")
	work=$(mktemp -d)
	db="$work/atrack.db"
	export HOME="$work/home" ATRACK_DB="$db" ATRACK_AUTHOR="tester" XDG_DATA_HOME=
	# Output is fitted to $COLUMNS and is ASCII outside UTF-8 locales: the
	# cases expect a UTF-8 locale and no width unless they set them.
	unset COLUMNS LC_ALL LC_CTYPE
	export LANG=C.UTF-8
	mkdir -p "$HOME"

	# A case whose setup fails has not been tested: it counts as failed,
	# is not run, and its half-built database is not cached for others.
	setup_ok=1
	if [ -f "$case_dir/setup" ]; then
		key=$(cd "$case_dir" && find . -type f ! -name args ! -name stdout ! -name stderr \
			! -name status ! -name stdin -print0 | sort -z | xargs -0 sha256sum | sha256sum | cut -c1-32)
		if [ -f "$setup_cache/$key.db" ]; then
			cp "$setup_cache/$key.db" "$db"
		else
			line_number=0
			while IFS= read -r line || [ -n "$line" ]; do
				line_number=$((line_number + 1))
				[ -z "$line" ] && continue
				IFS=$'\t' read -r -a words <<<"$line"
				if ! (cd "$case_dir" && "$atrack" "${words[@]}") </dev/null >/dev/null 2>"$work/setup.err"; then
					echo "FAIL $name: setup line $line_number failed: $line"
					cat "$work/setup.err"
					setup_ok=0
					break
				fi
			done <"$case_dir/setup"
			[ "$setup_ok" = 1 ] && [ -f "$db" ] && cp "$db" "$setup_cache/$key.db"
		fi
	fi
	if [ "$setup_ok" = 0 ]; then
		failed=$((failed + 1)); failures+=("$name")
		rm -rf "$work"
		continue
	fi

	args=()
	while IFS= read -r line || [ -n "$line" ]; do
		args+=("${line//@DB@/$db}")
	done <"$case_dir/args"
	stdin_file=/dev/null
	[ -f "$case_dir/stdin" ] && stdin_file="$case_dir/stdin"
	(cd "$case_dir" && "$atrack" "${args[@]}") <"$stdin_file" >"$work/stdout" 2>"$work/stderr"
	status=$?

	ok=1
	expected_status=0
	[ -f "$case_dir/status" ] && expected_status=$(cat "$case_dir/status")
	if [ "$status" != "$expected_status" ]; then
		ok=0; echo "FAIL $name: exit status $status, expected $expected_status"
	fi
	for stream in stdout stderr; do
		if [ -f "$case_dir/$stream" ]; then
			sed -e "s|@DB@|$db|g" -e "s|@TODAY@|$(date -u +%F)|g" "$case_dir/$stream" >"$work/expected.$stream"
			# @DAYS:YYYY-MM-DD@ is the days from that day to today (UTC).
			for day in $(grep -o '@DAYS:[0-9-]*@' "$work/expected.$stream" | sort -u); do
				d=${day#@DAYS:}; d=${d%@}
				n=$(( ($(date -u +%s) - $(date -u -d "$d" +%s)) / 86400 ))
				sed -i "s|$day|$n|g" "$work/expected.$stream"
			done
			# @NOW@ is a time of today (UTC) the program recorded, such as
			# an audit entry's: the times seen are read as @NOW@.
			grep -q '@NOW@' "$work/expected.$stream" && sed -i -E \
				"s/$(date -u +%F)T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{3}Z/@NOW@/g" "$work/$stream"
			if ! diff -u "$work/expected.$stream" "$work/$stream" >"$work/diff"; then
				ok=0; echo "FAIL $name: $stream differs"; cat "$work/diff"
				# ATRACK_CLI_ACCEPT=1 takes what the program printed as the new
				# expectation, to be read in the diff before it is committed.
				[ "${ATRACK_CLI_ACCEPT:-0}" = 1 ] &&
					sed -e "s|$db|@DB@|g" "$work/$stream" >"$case_dir/$stream"
			fi
		fi
	done
	if [ "$ok" = 1 ]; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1)); failures+=("$name")
	fi
	rm -rf "$work"
done

echo "cli: $passed passed, $failed failed"
[ "$failed" = 0 ] || printf 'failed: %s\n' "${failures[@]}"
[ "$failed" = 0 ]
