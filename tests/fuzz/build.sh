#!/bin/sh
# build.sh - builds every tests/fuzz/fuzz_*.c as a libFuzzer binary in build-fuzz/ (clang, address+undefined),
# linked against the library (core extract layout tables cli, without cli/main.c) compiled with the same sanitizers.
set -e
cd "$(dirname "$0")/../.."
B=${FUZZ_BUILD:-build-fuzz}
mkdir -p "$B"
CC=${FUZZ_CC:-clang}
CXX=${FUZZ_CXX:-clang++} # extract/pdf_paths.cc, with the same sanitizers
SAN="-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"
# -Wno-error: clang warns about things gcc does not; the gcc build keeps -Werror, this one must not break on it.
make --no-print-directory -j"${JOBS:-2}" BUILD="$B" CC="$CC" CXX="$CXX" \
    OPT="-O1 -g $SAN -fsanitize=fuzzer-no-link -Wno-error" "$B/libnianbao.a" >"$B/build.log" 2>&1 \
    || { tail -20 "$B/build.log"; exit 1; }
PKGS="poppler-glib cairo libzip libxml-2.0 libpcre2-8 opencc sqlite3 libpq"
INC="-Icore -Iextract -Ilayout -Itables -Icli $(pkg-config --cflags $PKGS)"
# extract/pdf_paths.cc is C++: the sanitizers' C++ runtime (vptr checks) is linked too
LIBS="$(pkg-config --libs $PKGS poppler) -fsanitize-link-c++-runtime -lstdc++ -lm -lpthread"
for src in tests/fuzz/fuzz_*.c; do
    name=$(basename "$src" .c)
    echo "CC $src -> $B/$name"
    $CC -std=c11 -Wall -Wextra -Werror -O1 -g -D_GNU_SOURCE $SAN -fsanitize=fuzzer $INC \
        "$src" "$B/libnianbao.a" $LIBS -o "$B/$name"
done
# The seed writer of fuzz_template (an ordinary program: real documents -> grids in its byte format).
echo "CC tests/fuzz/gen_template_seeds.c -> $B/gen_template_seeds"
$CC -std=c11 -Wall -Wextra -Werror -O1 -g -D_GNU_SOURCE $SAN $INC \
    tests/fuzz/gen_template_seeds.c "$B/libnianbao.a" $LIBS -o "$B/gen_template_seeds"
