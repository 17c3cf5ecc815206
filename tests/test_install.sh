#!/usr/bin/env bash
# test_install.sh - what a user of the library gets from `cmake --install`:
# installs this build into a staged prefix (DESTDIR), checks the installed
# tree, then builds examples/board.c against that copy twice, with
# pkg-config and with find_package(atrack) (and once more against
# atrack::atrack_static), runs each build and checks the board it prints.
# Exits 77 (skipped) when cmake, pkg-config or the compiler is missing.
#
# Usage: test_install.sh BUILD_DIR SOURCE_DIR CC LIBDIR MANDIR DATADIR SANITIZE
set -euo pipefail
build=$1 source=$2 cc=$3 libdir=$4 mandir=$5 datadir=$6 sanitize=$7

for tool in cmake pkg-config "$cc"; do
	command -v "$tool" >/dev/null || { echo "skipped: no $tool"; exit 77; }
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
prefix=/opt/atrack
root=$work/stage$prefix

fail() { echo "FAIL: $*"; exit 1; }

DESTDIR=$work/stage cmake --install "$build" --prefix "$prefix" >"$work/install.log" ||
	{ cat "$work/install.log"; fail "cmake --install"; }

# ---- The installed tree ------------------------------------------------
for file in bin/atrack include/atrack.h include/atrack/entity.h \
	"$libdir/libatrack.a" "$libdir/pkgconfig/atrack.pc" \
	"$libdir/cmake/atrack/atrackConfig.cmake" "$libdir/cmake/atrack/atrackConfigVersion.cmake" \
	"$libdir/cmake/atrack/atrackTargets.cmake" \
	"$datadir/bash-completion/completions/atrack" \
	"$mandir/man1/atrack.1" "$mandir/man3/libatrack.3"; do
	[ -f "$root/$file" ] || fail "not installed: $file"
done
[ -L "$root/$libdir/libatrack.so" ] || fail "libatrack.so is not a symlink"
[ "$(readlink "$root/$libdir/libatrack.so")" = libatrack.so.0 ] ||
	fail "libatrack.so -> $(readlink "$root/$libdir/libatrack.so"), not libatrack.so.0"
[ -L "$root/$libdir/libatrack.so.0" ] || fail "libatrack.so.0 is not a symlink"
real=$(readlink "$root/$libdir/libatrack.so.0")
[[ $real == libatrack.so.0.* ]] && [ -f "$root/$libdir/$real" ] ||
	fail "libatrack.so.0 -> $real"
if command -v objdump >/dev/null; then
	soname=$(objdump -p "$root/$libdir/$real" | awk '$1 == "SONAME" {print $2}')
	[ "$soname" = libatrack.so.0 ] || fail "SONAME is '$soname'"
fi
grep -qx "prefix=$prefix" "$root/$libdir/pkgconfig/atrack.pc" ||
	fail "atrack.pc does not name the installed prefix $prefix"

# The README's "library in five minutes" shows examples/board.c as it is.
readme_example=$(awk '/^## The library in five minutes/ {on = 1} on && /^```c$/ {code = 1; next}
	code && /^```$/ {exit} code' "$source/README.md")
[ "$readme_example" = "$(sed -n '/^#include <atrack.h>/,$p' "$source/examples/board.c")" ] ||
	fail "README.md's example is not examples/board.c"

# ---- The example, built two ways against the staged copy ---------------
flags=(-std=c11 -Wall -Wextra -Wpedantic -Werror)
[ "$sanitize" = ON ] && flags+=(-fsanitize=address,undefined)

# (1) pkg-config, as examples/README.md says; the prefix is moved to the
# staging area the way a packager's sysroot would.
read -r -a pc < <(PKG_CONFIG_PATH=$root/$libdir/pkgconfig \
	pkg-config --define-variable=prefix="$root" --cflags --libs atrack)
"$cc" "${flags[@]}" "$source/examples/board.c" "${pc[@]}" -o "$work/board-pkgconfig" ||
	fail "building with pkg-config"

# (2) find_package(atrack): the shared target, then the static one.
cmake_example() { # DIR EXTRA-ARGS...
	local dir=$1; shift
	cmake -S "$source/examples" -B "$work/$dir" -DCMAKE_PREFIX_PATH="$root" \
		-DCMAKE_C_COMPILER="$cc" -DCMAKE_C_FLAGS="${flags[*]}" "$@" >"$work/$dir.log" 2>&1 &&
		cmake --build "$work/$dir" >>"$work/$dir.log" 2>&1 ||
		{ cat "$work/$dir.log"; fail "building with find_package ($dir)"; }
}
cmake_example cmake-shared
cmake_example cmake-static -DATRACK_EXAMPLE_STATIC=ON

check_board() { # NAME PROGRAM [ENV...]
	local name=$1 program=$2; shift 2
	local db=$work/$name.db out
	out=$(env "$@" "$program" "$db") || fail "$name: exit $?"
	[ "$(wc -l <<<"$out")" -eq 7 ] || { echo "$out"; fail "$name: not 7 initiatives"; }
	grep -Eq '^[a-z0-9-]+ +in_progress +on_track +[0-9]{4}-[0-9]{2}-[0-9]{2}$' <<<"$(head -n 1 <<<"$out")" ||
		{ echo "$out"; fail "$name: the first initiative does not show the new update"; }
	[ "$(grep -c ' announced ' <<<"$out")" -eq 6 ] || { echo "$out"; fail "$name: others changed"; }
	echo "$name: 7 initiatives, the first now in_progress"
}
check_board pkgconfig "$work/board-pkgconfig" LD_LIBRARY_PATH="$root/$libdir"
check_board cmake-shared "$work/cmake-shared/board" LD_LIBRARY_PATH="$root/$libdir"
check_board cmake-static "$work/cmake-static/board"
# The shared builds really load the staged library.
if command -v ldd >/dev/null; then
	# Not piped into grep -q: ldd would die of SIGPIPE and pipefail say so.
	libs=$(LD_LIBRARY_PATH="$root/$libdir" ldd "$work/board-pkgconfig")
	grep -qF "$root/$libdir/libatrack.so.0" <<<"$libs" ||
		{ echo "$libs"; fail "board-pkgconfig does not load the staged libatrack.so.0"; }
fi
echo "install: ok"
