#!/bin/sh
# Builds libfaissjni.so (FAISS + OpenBLAS + libstdc++ linked in statically) and copies the one
# runtime library that cannot be linked statically (libgomp) beside it.
# Called by the shared module's Maven build:  build.sh <output dir> <JDK home>
# Skips the ~5 s link when the .so is newer than every source here.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out=$1
jdk=$2
lib=/usr/lib/x86_64-linux-gnu

if [ "$(uname -s)-$(uname -m)" != "Linux-x86_64" ]; then
    echo "faiss-jni: not Linux x86_64, native index not built (FaissIndex will refuse to load)" >&2
    exit 0
fi
if [ -f "$out/libfaissjni.so" ] && [ -z "$(find "$here" -newer "$out/libfaissjni.so" -type f)" ]; then
    echo "faiss-jni: $out/libfaissjni.so is up to date"
    exit 0
fi
for f in "$lib/libfaiss.a" "$lib/openblas-pthread/libopenblas.a" "$lib/libgomp.so.1"; do
    [ -f "$f" ] || { echo "faiss-jni: missing $f; install: libfaiss-dev libopenblas-dev liblapack-dev g++" >&2; exit 1; }
done

mkdir -p "$out"
# --whole-archive: index_factory / read_index reach index types only through strings and
#   fourcc codes, so the linker cannot see which objects are needed; keep them all.
# -static-libstdc++: the Lambda image's libstdc++ (GCC 11) is older than ours.
# libgcc_s, libgomp stay dynamic (libgomp.a uses initial-exec TLS, not allowed in a .so).
# exports.map hides everything but the JNI entry points; -s strips debug info (~30 MB -> less).
g++ -std=c++17 -O2 -fPIC -shared -w \
    -I"$jdk/include" -I"$jdk/include/linux" \
    "$here/faiss_jni.cpp" -x c "$here/compat.c" -x none \
    -o "$out/libfaissjni.so.tmp" \
    -Wl,--whole-archive "$lib/libfaiss.a" -Wl,--no-whole-archive \
    "$lib/openblas-pthread/libopenblas.a" -lgomp \
    -static-libstdc++ \
    -Wl,--version-script="$here/exports.map" -Wl,--no-undefined -Wl,-rpath,'$ORIGIN' -Wl,-s \
    -lpthread -lm -ldl
mv "$out/libfaissjni.so.tmp" "$out/libfaissjni.so"
gcc -O2 -fPIC -shared -Wl,-s "$here/omp_env.c" -o "$out/libfaissompenv.so"
cp -L "$lib/libgomp.so.1" "$out/libgomp.so.1"
echo "faiss-jni: built $out/libfaissjni.so"
