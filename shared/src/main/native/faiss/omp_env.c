/* Loaded (by FaissNative) before libfaissjni.so pulls in libgomp, which reads its settings from
 * the environment once, when it is loaded. By default idle OpenMP threads spin; on a small
 * shared machine (2 cores, a Lambda with 1-2 vCPUs) the spinning steals the CPU from the JVM
 * and made single searches 3x slower. Passive waiting unless the operator chose otherwise. */
#include <stdlib.h>

__attribute__((constructor)) static void rollcall_omp_passive(void) {
    setenv("OMP_WAIT_POLICY", "PASSIVE", 0);
}
