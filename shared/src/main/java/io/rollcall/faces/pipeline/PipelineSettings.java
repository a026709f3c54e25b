package io.rollcall.faces.pipeline;

/**
 * Tunables of the pipeline; {@link #defaults()} is what production uses.
 *
 * @param maxBytes        images larger than this are rejected as TOO_LARGE before anything else
 * @param maxPixels       images whose header declares at least this many pixels are rejected as TOO_LARGE
 *                        before decoding
 * @param minScore        detector confidence a face needs
 * @param nmsIou          overlap above which the weaker of two detections is dropped
 * @param decoder         how to decode; see docs/benchmarks.md for the measured comparison
 * @param intraOpThreads  ONNX Runtime threads per inference, 0 for its default (one per core)
 * @param denormalsAsZero ONNX Runtime's {@code session.set_denormal_as_zero}: flush denormal floats to zero. The
 *                        embedding network produces denormals that some CPUs (this project's Xeons) handle in
 *                        microcode at ~10x the cost; flushing them changes embeddings by less than 0.001 in
 *                        cosine (docs/accuracy.md)
 * @param allowSpinning   ONNX Runtime's {@code session.intra_op.allow_spinning}: idle pool threads busy-wait for
 *                        work instead of sleeping; only matters with more than one intra-op thread
 * @param halveBeforeResize halve a large frame bilinearly before the area resize to the detector's input (the
 *                        default); {@code false} area-resizes straight from the frame, as before issue 11
 */
public record PipelineSettings(long maxBytes, long maxPixels, float minScore, float nmsIou, Decoder decoder,
                               int intraOpThreads, boolean denormalsAsZero, boolean allowSpinning,
                               boolean halveBeforeResize) {

    public enum Decoder {
        /** OpenCV imdecode at full resolution (the default: fastest of the full-resolution decoders). */
        OPENCV,
        /** OpenCV imdecode with IMREAD_REDUCED_COLOR_2 for JPEGs at least 1280 px wide: faster, half the detail. */
        OPENCV_REDUCED_2,
        /**
         * JPEGs at least 1280 px wide decoded at half resolution for detection; a face that would be smaller than
         * the embedding's 112 px there is cropped from a second, full-resolution decode instead.
         */
        OPENCV_ADAPTIVE,
        /**
         * JPEGs decoded at 1/2, 1/4 or 1/8, chosen from the header's size so that the longer side stays at least
         * 1,280 px (bulk enrollment's photos of up to 7,360 px); a face smaller than the embedding's 112 px there is
         * cropped from a second decode at the reduction that gives it 112 px, as in {@link #OPENCV_ADAPTIVE}.
         */
        OPENCV_REDUCED_AUTO,
        /** javax.imageio, for comparison. */
        IMAGEIO
    }

    public static final long DEFAULT_MAX_BYTES = 20L << 20;
    public static final long DEFAULT_MAX_PIXELS = 50_000_000L;

    /**
     * Full-resolution decode, one ONNX thread, denormals flushed, no spinning: the fastest per frame on this
     * project's CPU, measured against {@link #baseline()} in docs/benchmarks.md (a Lambda below 1,769 MB has less
     * than one vCPU, where a second intra-op thread only competes with the first).
     */
    public static PipelineSettings defaults() {
        return new PipelineSettings(DEFAULT_MAX_BYTES, DEFAULT_MAX_PIXELS, 0.7f, 0.4f, Decoder.OPENCV, 1, true, false, true);
    }

    /**
     * {@link #defaults()} with the ONNX Runtime knobs taken from the environment variables (or system properties,
     * as the local runtime passes the template's variables) {@code ROLLCALL_ONNX_THREADS} (0 = one per core),
     * {@code ROLLCALL_ONNX_DENORMALS_AS_ZERO} and {@code ROLLCALL_ONNX_SPINNING} ({@code true}/{@code false}).
     */
    public static PipelineSettings fromEnvironment() {
        PipelineSettings d = defaults();
        String threads = variable("ROLLCALL_ONNX_THREADS");
        String flush = variable("ROLLCALL_ONNX_DENORMALS_AS_ZERO");
        String spin = variable("ROLLCALL_ONNX_SPINNING");
        return d.withIntraOpThreads(threads == null ? d.intraOpThreads() : Integer.parseInt(threads))
                .withDenormalsAsZero(flush == null ? d.denormalsAsZero() : Boolean.parseBoolean(flush))
                .withSpinning(spin == null ? d.allowSpinning() : Boolean.parseBoolean(spin));
    }

    private static String variable(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            value = System.getProperty(name);
        }
        return value == null || value.isBlank() ? null : value.trim();
    }

    /**
     * What the pipeline ran with before issue 11: full decode, ONNX Runtime's thread and denormal defaults, and the
     * detector's input area-resized straight from the frame.
     */
    public static PipelineSettings baseline() {
        return new PipelineSettings(DEFAULT_MAX_BYTES, DEFAULT_MAX_PIXELS, 0.7f, 0.4f, Decoder.OPENCV, 0, false, true, false);
    }

    public PipelineSettings withDecoder(Decoder other) {
        return new PipelineSettings(maxBytes, maxPixels, minScore, nmsIou, other, intraOpThreads, denormalsAsZero,
                allowSpinning, halveBeforeResize);
    }

    public PipelineSettings withIntraOpThreads(int threads) {
        return new PipelineSettings(maxBytes, maxPixels, minScore, nmsIou, decoder, threads, denormalsAsZero,
                allowSpinning, halveBeforeResize);
    }

    public PipelineSettings withDenormalsAsZero(boolean flush) {
        return new PipelineSettings(maxBytes, maxPixels, minScore, nmsIou, decoder, intraOpThreads, flush,
                allowSpinning, halveBeforeResize);
    }

    public PipelineSettings withSpinning(boolean spin) {
        return new PipelineSettings(maxBytes, maxPixels, minScore, nmsIou, decoder, intraOpThreads, denormalsAsZero,
                spin, halveBeforeResize);
    }

    /** {@code false}: the detector's input area-resized straight from the frame, as before (the benchmark's baseline). */
    public PipelineSettings withHalvingBeforeResize(boolean halve) {
        return new PipelineSettings(maxBytes, maxPixels, minScore, nmsIou, decoder, intraOpThreads, denormalsAsZero,
                allowSpinning, halve);
    }
}
