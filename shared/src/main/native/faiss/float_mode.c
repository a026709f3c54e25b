/* Flush-to-zero / denormals-are-zero for the calling thread, for the face pipeline's inference threads
 * (io.rollcall.faces.pipeline.FloatMode). The embedding network produces denormal floats, which this CPU handles in
 * microcode at ~10x the cost. ONNX Runtime's session.set_denormal_as_zero sets these bits on its own pool threads,
 * but on a calling thread only once per process (the thread that creates the first session), so a second thread
 * running networks could not have them: setting the SSE control register here can. FTZ is bit 15 of MXCSR, DAZ
 * bit 6; VEX (AVX) instructions obey the same register. */
#include <jni.h>
#include <pmmintrin.h>
#include <xmmintrin.h>

JNIEXPORT void JNICALL Java_io_rollcall_faces_pipeline_FloatMode_flushDenormalsHere(JNIEnv *env, jclass cls) {
    (void) env;
    (void) cls;
    _MM_SET_FLUSH_ZERO_MODE(_MM_FLUSH_ZERO_ON);
    _MM_SET_DENORMALS_ZERO_MODE(_MM_DENORMALS_ZERO_ON);
}
