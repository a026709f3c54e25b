/* Loaded (by FaissNative) before either FAISS library, for two things that must happen first:
 *
 * 1. libgomp reads its settings from the environment once, when it is loaded. By default idle OpenMP threads
 *    spin; on a small shared machine (2 cores, a Lambda with 1-2 vCPUs) the spinning steals the CPU from the
 *    JVM and made single searches 3x slower. Passive waiting unless the operator chose otherwise.
 * 2. Which FAISS build this CPU can run: libfaissjni_avx2.so is compiled with -mavx2 -mfma -mf16c -mpopcnt
 *    (FAISS's FAISS_OPT_LEVEL=avx2) and would die of SIGILL on a CPU without them, so the choice is made here,
 *    from the CPU's own flags (cpuid through GCC's __builtin_cpu_supports), as FAISS's Python loader does. */
#include <jni.h>
#include <stdlib.h>

__attribute__((constructor)) static void rollcall_omp_passive(void) {
    setenv("OMP_WAIT_POLICY", "PASSIVE", 0);
}

JNIEXPORT jboolean JNICALL Java_io_rollcall_faces_index_FaissNative_cpuSupportsAvx2(JNIEnv *env, jclass cls) {
    (void) env;
    (void) cls;
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma") && __builtin_cpu_supports("f16c")
           && __builtin_cpu_supports("popcnt") ? JNI_TRUE : JNI_FALSE;
}
