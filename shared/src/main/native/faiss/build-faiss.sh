#!/bin/sh
# Builds FAISS 1.7.3 from Debian bookworm's source package (faiss 1.7.3-2, with Debian's patches) into two
# static libraries: libfaiss.a (generic: SSE only, what Debian ships) and libfaiss_avx2.a (-mavx2 -mfma -mf16c
# -mpopcnt, FAISS's own FAISS_OPT_LEVEL=avx2 target). FaissNative picks one at load time by the CPU's flags.
#
#   build-faiss.sh            prints the cache directory, building it first if needed
#
# The result is cached in ${ROLLCALL_NATIVE_CACHE:-~/.cache/rollcall}/faiss-<version>-<recipe hash>/, shared by
# every checkout of this machine: a fresh machine builds it once (a few minutes on 2 cores), later builds reuse
# it. A change to this script changes the hash, hence a rebuild. Concurrent builds wait on one lock file.
# Needs: the deb-src entry for bookworm (infra/bin/setup adds it), dpkg-dev, cmake, g++, libopenblas-dev.
set -eu
version=1.7.3-2
here=$(cd "$(dirname "$0")" && pwd)
recipe=$(cksum < "$here/build-faiss.sh" | cut -d' ' -f1)
base=${ROLLCALL_NATIVE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/rollcall}
cache=$base/faiss-$version-$recipe
done_mark=$cache/.complete

if [ -f "$done_mark" ]; then
    echo "$cache"
    exit 0
fi
mkdir -p "$base"
exec 9>"$base/faiss-build.lock"
flock 9
if [ -f "$done_mark" ]; then     # another build finished it while we waited
    echo "$cache"
    exit 0
fi

work=$(mktemp -d "$base/faiss-build.XXXXXX")
trap 'rm -rf "$work"' EXIT
start=$(date +%s)
(
    cd "$work"
    # the source package, as Debian serves it (orig tarball + Debian's patches, checked against the .dsc)
    if ! apt-get source --download-only "faiss=$version" >&2; then
        echo "faiss: could not download Debian's source package faiss=$version; run infra/bin/setup (it adds the deb-src entry)" >&2
        exit 1
    fi
    dpkg-source --no-check -x "faiss_$version.dsc" src >&2
    cmake -S src -B build -DCMAKE_BUILD_TYPE=Release -DBUILD_SHARED_LIBS=OFF -DBUILD_TESTING=OFF \
        -DFAISS_ENABLE_GPU=OFF -DFAISS_ENABLE_PYTHON=OFF -DFAISS_ENABLE_C_API=OFF \
        -DFAISS_OPT_LEVEL=avx2 -DCMAKE_POSITION_INDEPENDENT_CODE=ON >&2
    # one job per core; both variants compile the same sources with different flags
    make -C build -j"$(nproc)" faiss faiss_avx2 >&2
) || exit 1

rm -rf "$cache.tmp" && mkdir -p "$cache.tmp/lib" "$cache.tmp/include"
cp "$work/build/faiss/libfaiss.a" "$work/build/faiss/libfaiss_avx2.a" "$cache.tmp/lib/"
(cd "$work/src" && find faiss -name '*.h' -exec cp --parents {} "$cache.tmp/include/" \;)
echo "built in $(( $(date +%s) - start )) s on $(nproc) cores" > "$cache.tmp/BUILD-INFO"
rm -rf "$cache" && mv "$cache.tmp" "$cache"
touch "$done_mark"
echo "faiss: built $version in $(( $(date +%s) - start )) s into $cache" >&2
echo "$cache"
