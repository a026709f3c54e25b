#!/bin/sh
# Builds libfaissjni.so (FAISS + libstdc++ linked in statically, OpenBLAS dynamically) and copies
# the one runtime library that cannot be linked statically (libgomp) beside it.
# Called by the shared module's Maven build:  build.sh <output dir> <JDK home> <OpenBLAS dir>
# where <OpenBLAS dir> holds bytedeco's libopenblas.so.0 (and the libgfortran/libquadmath it
# needs), unzipped from the org.bytedeco:openblas:linux-x86_64 jar by the same Maven execution.
# Skips the ~5 s link when the .so is newer than every source here and that OpenBLAS is unchanged.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out=$1
jdk=$2
blas=$3
lib=/usr/lib/x86_64-linux-gnu

if [ "$(uname -s)-$(uname -m)" != "Linux-x86_64" ]; then
    echo "faiss-jni: not Linux x86_64, native index not built (FaissIndex will refuse to load)" >&2
    exit 0
fi
blas_sum=$(cksum < "$blas/libopenblas.so.0")
if [ -f "$out/libfaissjni.so" ] && [ -z "$(find "$here" -newer "$out/libfaissjni.so" -type f)" ] \
        && [ "$blas_sum" = "$(cat "$blas/linked.cksum" 2>/dev/null)" ]; then
    echo "faiss-jni: $out/libfaissjni.so is up to date"
    exit 0
fi
for f in "$lib/libfaiss.a" "$lib/libgomp.so.1"; do
    [ -f "$f" ] || { echo "faiss-jni: missing $f; install: libfaiss-dev g++" >&2; exit 1; }
done

mkdir -p "$out"
# --whole-archive: index_factory / read_index reach index types only through strings and
#   fourcc codes, so the linker cannot see which objects are needed; keep them all.
# -static-libstdc++: the Lambda image's libstdc++ (GCC 11) is older than ours.
# libgcc_s, libgomp stay dynamic (libgomp.a uses initial-exec TLS, not allowed in a .so).
# OpenBLAS is dynamic: NEEDED libopenblas.so.0, satisfied at run time by bytedeco's copy, which
#   FaissNative loads first (it ships for OpenCV anyway; a static copy here cost ~22 MB). Linking
#   against that very file with --no-undefined proves it exports every BLAS/LAPACK symbol we use;
#   -rpath-link lets ld find its libgfortran; nothing of it is copied beside the .so.
# exports.map hides everything but the JNI entry points; -s strips debug info (~30 MB -> less).
g++ -std=c++17 -O2 -fPIC -shared -w \
    -I"$jdk/include" -I"$jdk/include/linux" \
    "$here/faiss_jni.cpp" -x c "$here/compat.c" -x none \
    -o "$out/libfaissjni.so.tmp" \
    -Wl,--whole-archive "$lib/libfaiss.a" -Wl,--no-whole-archive \
    "$blas/libopenblas.so.0" -Wl,-rpath-link,"$blas" -lgomp \
    -static-libstdc++ \
    -Wl,--version-script="$here/exports.map" -Wl,--no-undefined -Wl,-rpath,'$ORIGIN' -Wl,-s \
    -lpthread -lm -ldl
mv "$out/libfaissjni.so.tmp" "$out/libfaissjni.so"
gcc -O2 -fPIC -shared -Wl,-s "$here/omp_env.c" -o "$out/libfaissompenv.so"
cp -L "$lib/libgomp.so.1" "$out/libgomp.so.1"
echo "$blas_sum" > "$blas/linked.cksum"
echo "faiss-jni: built $out/libfaissjni.so"
