package io.rollcall.faces.pipeline;

/**
 * Tunables of the pipeline; {@link #defaults()} is what production uses.
 *
 * @param maxBytes       images larger than this are rejected as TOO_LARGE before anything else
 * @param maxPixels      images whose header declares at least this many pixels are rejected as TOO_LARGE
 *                       before decoding
 * @param minScore       detector confidence a face needs
 * @param nmsIou         overlap above which the weaker of two detections is dropped
 * @param decoder        how to decode; see docs/benchmarks.md for the measured comparison
 * @param intraOpThreads ONNX Runtime threads per inference, 0 for its default (one per core)
 */
public record PipelineSettings(long maxBytes, long maxPixels, float minScore, float nmsIou, Decoder decoder,
                               int intraOpThreads) {

    public enum Decoder {
        /** OpenCV imdecode at full resolution (the default: fastest of the full-resolution decoders). */
        OPENCV,
        /** OpenCV imdecode with IMREAD_REDUCED_COLOR_2 for JPEGs at least 1280 px wide: faster, half the detail. */
        OPENCV_REDUCED_2,
        /** javax.imageio, for comparison. */
        IMAGEIO
    }

    public static final long DEFAULT_MAX_BYTES = 20L << 20;
    public static final long DEFAULT_MAX_PIXELS = 50_000_000L;

    public static PipelineSettings defaults() {
        return new PipelineSettings(DEFAULT_MAX_BYTES, DEFAULT_MAX_PIXELS, 0.7f, 0.4f, Decoder.OPENCV, 0);
    }

    public PipelineSettings withDecoder(Decoder other) {
        return new PipelineSettings(maxBytes, maxPixels, minScore, nmsIou, other, intraOpThreads);
    }

    public PipelineSettings withIntraOpThreads(int threads) {
        return new PipelineSettings(maxBytes, maxPixels, minScore, nmsIou, decoder, threads);
    }
}
