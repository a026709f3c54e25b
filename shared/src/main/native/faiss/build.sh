#!/bin/sh
# Builds the two JNI libraries, libfaissjni.so (generic FAISS: SSE only) and libfaissjni_avx2.so (FAISS's AVX2
# build), each with FAISS + libstdc++ linked in statically and OpenBLAS dynamically, plus the small loader
# library that FaissNative loads first (OpenMP settings, the CPU probe that picks one of the two) and the face
# pipeline's libfloatmode.so (flush-to-zero for its inference threads, float_mode.c), and copies
# the one runtime library that cannot be linked statically (libgomp) beside them.
# Called by the shared module's Maven build:  build.sh <output dir> <JDK home> <OpenBLAS dir>
# where <OpenBLAS dir> holds bytedeco's libopenblas.so.0 (and the libgfortran/libquadmath it
# needs), unzipped from the org.bytedeco:openblas:linux-x86_64 jar by the same Maven execution.
# FAISS itself comes from build-faiss.sh: Debian's source package built with CMake, cached per machine.
# Skips the links when the libraries are newer than every source here and FAISS and OpenBLAS are unchanged.
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
faiss=$("$here/build-faiss.sh")
stamp="$(cksum < "$blas/libopenblas.so.0") $faiss"
if [ -f "$out/libfaissjni.so" ] && [ -f "$out/libfaissjni_avx2.so" ] && [ -f "$out/libfloatmode.so" ] \
        && [ -z "$(find "$here" -newer "$out/libfaissjni.so" -type f)" ] \
        && [ "$stamp" = "$(cat "$blas/faissjni.stamp" 2>/dev/null)" ]; then
    echo "faiss-jni: $out/libfaissjni*.so are up to date"
    exit 0
fi
[ -f "$lib/libgomp.so.1" ] || { echo "faiss-jni: missing $lib/libgomp.so.1; install: g++" >&2; exit 1; }

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
# The JNI bridge itself is compiled without -mavx2 in both: only FAISS's own code differs.
link() { # link <FAISS static library> <output name>
    g++ -std=c++17 -O2 -fPIC -shared -w \
        -I"$faiss/include" -I"$jdk/include" -I"$jdk/include/linux" \
        "$here/faiss_jni.cpp" -x c "$here/compat.c" -x none \
        -o "$out/$2.tmp" \
        -Wl,--whole-archive "$1" -Wl,--no-whole-archive \
        "$blas/libopenblas.so.0" -Wl,-rpath-link,"$blas" -lgomp \
        -static-libstdc++ \
        -Wl,--version-script="$here/exports.map" -Wl,--no-undefined -Wl,-rpath,'$ORIGIN' -Wl,-s \
        -lpthread -lm -ldl
    mv "$out/$2.tmp" "$out/$2"
}
link "$faiss/lib/libfaiss.a" libfaissjni.so
link "$faiss/lib/libfaiss_avx2.a" libfaissjni_avx2.so
gcc -O2 -fPIC -shared -Wl,-s -I"$jdk/include" -I"$jdk/include/linux" "$here/loader.c" -o "$out/libfaissloader.so"
gcc -O2 -fPIC -shared -Wl,-s -I"$jdk/include" -I"$jdk/include/linux" "$here/float_mode.c" -o "$out/libfloatmode.so"
rm -f "$out/libfaissompenv.so"
cp -L "$lib/libgomp.so.1" "$out/libgomp.so.1"
rm -f "$out/faissjni.stamp"
echo "$stamp" > "$blas/faissjni.stamp"  # beside the link inputs, not in the jar
echo "faiss-jni: built $out/libfaissjni.so and libfaissjni_avx2.so from $faiss"
