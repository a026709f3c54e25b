package io.rollcall.faces.pipeline;

import static org.bytedeco.opencv.global.opencv_core.CV_64F;
import static org.bytedeco.opencv.global.opencv_core.meanStdDev;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_JPEG_QUALITY;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imencode;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.Laplacian;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.javacpp.indexer.DoubleIndexer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Size;

import ai.onnxruntime.OrtEnvironment;
import io.rollcall.faces.pipeline.ImageRejectedException.Reason;

/**
 * Image bytes in, faces out: decode (honouring EXIF orientation) → detect → 68 landmarks → five-point similarity
 * alignment → 512-d embedding, with quality signals and a JPEG crop for each face.
 *
 * <p>The three ONNX sessions are created once per instance; {@link #shared(Path)} keeps one instance per models
 * directory for the life of the process. An instance is safe for concurrent callers.
 *
 * <p>The models directory holds the manifest (copied there by {@code models/fetch.sh}) and the model files it
 * names; by convention it is {@code models/cache} of the repository, or {@code $ROLLCALL_MODELS_DIR}.
 */
public final class FacePipeline implements AutoCloseable {

    /** The longest side of {@link DetectedFace#cropJpeg()}. */
    public static final int CROP_MAX_SIDE = 256;
    /** Margin around the face box in the stored crop, as a fraction of the box size. */
    static final double CROP_MARGIN = 0.25;

    /** Which capture checks an analysis runs besides recognition. */
    public enum Checks {
        /** A liveness score for every face (recognition: cameras, kiosk, POST /recognize). */
        LIVENESS,
        /** Liveness, head pose and eye state (enrollment). */
        ENROLLMENT
    }

    /** Nanoseconds spent in each stage of one {@link #analyzeTimed} call; landmarks, align and embed summed over faces. */
    public record Stages(long decode, long detect, long landmarks, long align, long embed, long extras, long checks) {
        public long total() {
            return decode + detect + landmarks + align + embed + extras + checks;
        }
    }

    /** Wall time per stage and CPU time of the thread that ran it (an inference thread when denormals are flushed). */
    public record Timings(Stages wall, Stages cpu) {
        public long total() {
            return wall.total();
        }
    }

    /** Faces and the time each stage took. */
    public record Analysis(List<DetectedFace> faces, int imageWidth, int imageHeight, Timings timings) {
    }

    private static final Map<Path, FacePipeline> SHARED = new ConcurrentHashMap<>();

    private final ModelManifest manifest;
    private final PipelineSettings settings;
    private final ImageDecoder decoder;
    private final OnnxModel detectModel;
    private final OnnxModel landmarkModel;
    private final OnnxModel embedModel;
    private final OnnxModel livenessModel;
    private final OnnxModel poseModel;
    private final OnnxModel eyeModel;
    private final CaptureChecks captureChecks;
    private final FaceDetector detector;
    private final FaceAligner aligner;
    private final FaceEmbedder embedder;

    private FacePipeline(ModelManifest manifest, PipelineSettings settings) {
        this.manifest = manifest;
        this.settings = settings;
        this.decoder = new ImageDecoder(settings);
        OnnxModel[] models = InferenceThreads.call(() -> openSessions(manifest, settings));
        this.detectModel = models[0];
        this.landmarkModel = models[1];
        this.embedModel = models[2];
        this.livenessModel = models[3];
        this.poseModel = models[4];
        this.eyeModel = models[5];
        if (settings.denormalsAsZero() && !InferenceThreads.flushesDenormals()) {
            close();
            throw new IllegalStateException("the inference threads do not flush denormals to zero");
        }
        this.detector = new FaceDetector(detectModel, settings.minScore(), settings.nmsIou(), settings.halveBeforeResize());
        this.aligner = new FaceAligner(landmarkModel);
        this.embedder = new FaceEmbedder(embedModel);
        this.captureChecks = new CaptureChecks(livenessModel, poseModel, eyeModel);
    }

    /** On an inference thread, so that ONNX Runtime's once-per-process setting of the FPU bits never meets a caller's. */
    private static OnnxModel[] openSessions(ModelManifest manifest, PipelineSettings settings) {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        return new OnnxModel[] {new OnnxModel(env, manifest.detect(), settings),
                new OnnxModel(env, manifest.landmark(), settings), new OnnxModel(env, manifest.embed(), settings),
                new OnnxModel(env, manifest.liveness(), settings), new OnnxModel(env, manifest.pose(), settings),
                new OnnxModel(env, manifest.eye(), settings)};
    }

    /** How many analyses of flushing pipelines can run at once in this process (one per inference thread). */
    public static int inferenceThreads() {
        return InferenceThreads.count();
    }

    /** Whether the thread that runs this pipeline's networks flushes denormals to zero (for tests and benchmarks). */
    public boolean flushesDenormals() {
        return settings.denormalsAsZero() ? InferenceThreads.flushesDenormals() : InferenceThreads.flushesHere();
    }

    /** Loads the models named by the manifest in {@code modelsDir}, checking their sha256. */
    public static FacePipeline open(Path modelsDir) {
        return open(modelsDir, PipelineSettings.defaults());
    }

    public static FacePipeline open(Path modelsDir, PipelineSettings settings) {
        if (!Files.isDirectory(modelsDir)) {
            throw ModelManifest.missing(modelsDir, "no such directory");
        }
        ModelManifest manifest = ModelManifest.read(modelsDir);
        manifest.verify();
        return new FacePipeline(manifest, settings);
    }

    /**
     * One pipeline per models directory for the whole process, with {@link PipelineSettings#fromEnvironment()};
     * never close it.
     */
    public static FacePipeline shared(Path modelsDir) {
        return SHARED.computeIfAbsent(modelsDir.toAbsolutePath().normalize(),
                dir -> open(dir, PipelineSettings.fromEnvironment()));
    }

    /**
     * Starts opening and warming {@link #shared(Path) the shared pipeline} of {@code modelsDir} on a background
     * thread and returns at once, so that loading the models overlaps the rest of a cold start (Spring, the first
     * request's connections and index load). A caller of {@link #shared} meanwhile waits for that same instance.
     */
    public static void preload(Path modelsDir) {
        Thread preload = new Thread(() -> {
            try {
                shared(modelsDir).warmUp();
            } catch (RuntimeException e) {
                // the first real use opens it again and reports the failure to its caller
                System.getLogger(FacePipeline.class.getName()).log(System.Logger.Level.WARNING,
                        "preloading the face models failed: " + e.getMessage());
            }
        }, "rollcall-model-preload");
        preload.setDaemon(true);
        preload.start();
    }

    /**
     * {@code $ROLLCALL_MODELS_DIR} (as an environment variable, or as a system property the way the local runtime
     * passes the template's variables), else the system property {@code rollcall.models.dir}, else {@code models/cache}.
     */
    public static Path defaultModelsDir() {
        String env = System.getenv("ROLLCALL_MODELS_DIR");
        if (env == null || env.isBlank()) {
            env = System.getProperty("ROLLCALL_MODELS_DIR");
        }
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        return Path.of(System.getProperty("rollcall.models.dir", "models/cache"));
    }

    /** The embedding model's version from the manifest in {@code modelsDir}, without loading any model. */
    public static String modelVersionIn(Path modelsDir) {
        return ModelManifest.read(modelsDir).modelVersion();
    }

    /** The version of the embedding model, as recorded in the manifest; every embedding carries it. */
    public String modelVersion() {
        return manifest.modelVersion();
    }

    public PipelineSettings settings() {
        return settings;
    }

    /** Every face in the image, best detection first, each with its liveness score; empty when there is none. */
    public List<DetectedFace> analyze(byte[] imageBytes) {
        return run(imageBytes, false, Checks.LIVENESS).faces();
    }

    /** As {@link #analyze(byte[])}, with the given capture checks. */
    public List<DetectedFace> analyze(byte[] imageBytes, Checks checks) {
        return run(imageBytes, false, checks).faces();
    }

    /**
     * As {@link #analyze(byte[], Checks)}, decoded with {@code decoder} instead of the settings' (bulk enrollment
     * decodes its large photos at reduced size: {@link PipelineSettings.Decoder#OPENCV_REDUCED_AUTO}).
     */
    public List<DetectedFace> analyze(byte[] imageBytes, Checks checks, PipelineSettings.Decoder decoder) {
        return run(imageBytes, false, checks, decoder).faces();
    }

    /** The largest face, for enrolment; NO_FACE when there is none. */
    public DetectedFace primaryFace(byte[] imageBytes) {
        return analyze(imageBytes, Checks.ENROLLMENT).stream()
                .max(Comparator.comparingInt(f -> f.box().width() * f.box().height()))
                .orElseThrow(() -> new ImageRejectedException(Reason.NO_FACE, "no face found in the image"));
    }

    /** As {@link #analyze} and the wall and CPU time per stage (for the benchmark). */
    public Analysis analyzeTimed(byte[] imageBytes) {
        return run(imageBytes, true, Checks.LIVENESS);
    }

    public Analysis analyzeTimed(byte[] imageBytes, Checks checks) {
        return run(imageBytes, true, checks);
    }

    public Analysis analyzeTimed(byte[] imageBytes, Checks checks, PipelineSettings.Decoder decoder) {
        return run(imageBytes, true, checks, decoder);
    }

    private Analysis run(byte[] imageBytes, boolean cpuTimes, Checks checks) {
        return run(imageBytes, cpuTimes, checks, settings.decoder());
    }

    private Analysis run(byte[] imageBytes, boolean cpuTimes, Checks checks, PipelineSettings.Decoder decoding) {
        return settings.denormalsAsZero()
                ? InferenceThreads.call(() -> analyzeHere(imageBytes, cpuTimes, checks, decoding))
                : analyzeHere(imageBytes, cpuTimes, checks, decoding);
    }

    /** Every Mat of one analysis lives in this call's scope (the adaptive second decode's too). */
    private Analysis analyzeHere(byte[] imageBytes, boolean cpuTimes, Checks checks, PipelineSettings.Decoder decoding) {
        Stopwatch clock = new Stopwatch(cpuTimes);
        try (PointerScope scope = new PointerScope()) {
            ImageDecoder.Decoded decoded = decoder.decode(imageBytes, decoding);
            Mat image = decoded.image();
            double scale = decoded.scale();
            clock.lap(Stopwatch.DECODE);
            List<FaceDetector.Detection> detections = detector.detect(image);
            clock.lap(Stopwatch.DETECT);
            List<DetectedFace> faces = new ArrayList<>(detections.size());
            Mat full = null;
            double fullScale = 1;
            for (FaceDetector.Detection d : detections) {
                Rect box = rect(d, image);
                if (box.width() < 2 || box.height() < 2) {
                    continue;
                }
                Mat source = image;
                double s = scale;
                if ((decoding == PipelineSettings.Decoder.OPENCV_ADAPTIVE || decoding == PipelineSettings.Decoder.OPENCV_REDUCED_AUTO)
                        && scale > 1 && Math.min(box.width(), box.height()) < FaceAligner.ALIGNED_SIZE) {
                    // too small at the reduced size for a 112 px embedding: crop this face from a finer decode
                    int factor = decoding == PipelineSettings.Decoder.OPENCV_ADAPTIVE ? 1
                            : finerReduction(Math.min(box.width(), box.height()) * scale);
                    if (full == null || fullScale > factor) {
                        ImageDecoder.Decoded finer = decoder.decodeAt(imageBytes, factor);
                        full = finer.image();
                        fullScale = finer.scale();
                        clock.lap(Stopwatch.DECODE);
                    }
                    box = scaled(box, scale / fullScale, full);
                    source = full;
                    s = fullScale;
                }
                float[] landmarks = aligner.landmarks(source, box);
                float[] five = FaceAligner.fivePoints(landmarks, box);
                clock.lap(Stopwatch.LANDMARKS);
                Mat aligned = aligner.align(source, five);
                clock.lap(Stopwatch.ALIGN);
                if (aligned == null) {
                    continue;
                }
                float[] vector = embedder.embed(aligned);
                clock.lap(Stopwatch.EMBED);
                FaceQuality quality = new FaceQuality((int) Math.round(Math.min(box.width(), box.height()) * s),
                        sharpness(aligned));
                FaceChecks faceChecks = check(source, box, landmarks, quality.sizePx(), checks);
                clock.lap(Stopwatch.CHECKS);
                byte[] crop = cropJpeg(source, box);
                List<FacePoint> points = new ArrayList<>(5);
                for (int i = 0; i < 5; i++) {
                    points.add(new FacePoint((float) (five[2 * i] * s), (float) (five[2 * i + 1] * s)));
                }
                FaceBox faceBox = new FaceBox((int) Math.round(box.x() * s), (int) Math.round(box.y() * s),
                        (int) Math.round(box.width() * s), (int) Math.round(box.height() * s));
                faces.add(new DetectedFace(faceBox, d.score(), points, new FaceEmbedding(vector, modelVersion()),
                        quality, crop, faceChecks));
                clock.lap(Stopwatch.EXTRAS);
            }
            int width = (int) Math.round(image.cols() * scale);
            int height = (int) Math.round(image.rows() * scale);
            return new Analysis(List.copyOf(faces), width, height, clock.timings());
        }
    }

    /**
     * Runs every stage once on a synthetic image, so that the first real frame pays no one-off cost (ONNX
     * Runtime's first-run allocations, OpenCV's lazy tables, JIT of the hot paths). Before a SnapStart snapshot
     * and right after opening; the result is thrown away.
     */
    public void warmUp() {
        Runnable work = () -> {
            try (PointerScope scope = new PointerScope()) {
                Mat image = new Mat(480, 640, org.bytedeco.opencv.global.opencv_core.CV_8UC3,
                        new org.bytedeco.opencv.opencv_core.Scalar(96, 128, 160, 0));
                BytePointer jpeg = new BytePointer();
                imencode(".jpg", image, jpeg);
                byte[] bytes = new byte[(int) jpeg.limit()];
                jpeg.get(bytes);
                decoder.decode(bytes);
                detector.detect(image);
                Rect box = new Rect(200, 120, 200, 220);
                float[] landmarks = aligner.landmarks(image, box);
                float[] five = FaceAligner.fivePoints(landmarks, box);
                Mat aligned = aligner.align(image, five);
                if (aligned == null) { // a flat synthetic face may admit no transform: embed a flat one then
                    aligned = new Mat(FaceAligner.ALIGNED_SIZE, FaceAligner.ALIGNED_SIZE,
                            org.bytedeco.opencv.global.opencv_core.CV_8UC3, new org.bytedeco.opencv.opencv_core.Scalar(128, 128, 128, 0));
                }
                embedder.embed(aligned);
                sharpness(aligned);
                check(image, box, landmarks, box.width(), Checks.ENROLLMENT);
                cropJpeg(image, box);
            }
        };
        if (settings.denormalsAsZero()) {
            InferenceThreads.call(() -> {
                work.run();
                return null;
            });
        } else {
            work.run();
        }
    }

    private FaceChecks check(Mat source, Rect box, float[] landmarks, int sizePx, Checks checks) {
        FaceChecks.Liveness liveness = captureChecks.liveness(source, box, sizePx);
        if (checks != Checks.ENROLLMENT) {
            return FaceChecks.livenessOnly(liveness);
        }
        float[] pixels = new float[landmarks.length];
        for (int i = 0; i < landmarks.length / 2; i++) {
            pixels[2 * i] = box.x() + landmarks[2 * i] * box.width();
            pixels[2 * i + 1] = box.y() + landmarks[2 * i + 1] * box.height();
        }
        return new FaceChecks(liveness, captureChecks.pose(source, box), captureChecks.eyes(source, pixels));
    }

    /** The largest JPEG reduction (1, 2, 4, 8) at which a face of {@code fullSizePx} keeps the embedding's 112 px. */
    static int finerReduction(double fullSizePx) {
        int factor = 1;
        while (factor < 8 && fullSizePx / (factor * 2) >= FaceAligner.ALIGNED_SIZE) {
            factor *= 2;
        }
        return factor;
    }

    /** A box of the reduced image in pixels of a finer one ({@code scale} times larger), clamped to it. */
    private static Rect scaled(Rect box, double scale, Mat full) {
        int x = (int) Math.floor(box.x() * scale);
        int y = (int) Math.floor(box.y() * scale);
        int w = Math.min(full.cols(), (int) Math.ceil((box.x() + box.width()) * scale)) - x;
        int h = Math.min(full.rows(), (int) Math.ceil((box.y() + box.height()) * scale)) - y;
        return new Rect(x, y, w, h);
    }

    private static Rect rect(FaceDetector.Detection d, Mat image) {
        int x = (int) Math.floor(d.x1());
        int y = (int) Math.floor(d.y1());
        int w = Math.min(image.cols(), (int) Math.ceil(d.x2())) - x;
        int h = Math.min(image.rows(), (int) Math.ceil(d.y2())) - y;
        return new Rect(x, y, w, h);
    }

    /** Variance of the Laplacian of the aligned face in grey: a scale-independent blur signal. */
    private static double sharpness(Mat aligned) {
        Mat grey = new Mat();
        cvtColor(aligned, grey, COLOR_BGR2GRAY);
        Mat laplacian = new Mat();
        Laplacian(grey, laplacian, CV_64F);
        Mat mean = new Mat();
        Mat stddev = new Mat();
        meanStdDev(laplacian, mean, stddev);
        try (DoubleIndexer std = stddev.createIndexer()) {
            double s = std.get(0);
            return s * s;
        }
    }

    private static byte[] cropJpeg(Mat image, Rect box) {
        int mx = (int) Math.round(box.width() * CROP_MARGIN);
        int my = (int) Math.round(box.height() * CROP_MARGIN);
        int x = Math.max(0, box.x() - mx);
        int y = Math.max(0, box.y() - my);
        int w = Math.min(image.cols(), box.x() + box.width() + mx) - x;
        int h = Math.min(image.rows(), box.y() + box.height() + my) - y;
        Mat crop = new Mat(image, new Rect(x, y, w, h));
        int longest = Math.max(w, h);
        if (longest > CROP_MAX_SIDE) {
            Mat small = new Mat();
            double f = (double) CROP_MAX_SIDE / longest;
            resize(crop, small, new Size(Math.max(1, (int) Math.round(w * f)), Math.max(1, (int) Math.round(h * f))), 0, 0,
                    INTER_AREA);
            crop = small;
        }
        BytePointer jpeg = new BytePointer();
        imencode(".jpg", crop, jpeg, new IntPointer(IMWRITE_JPEG_QUALITY, 90));
        byte[] bytes = new byte[(int) jpeg.limit()];
        jpeg.get(bytes);
        return bytes;
    }

    @Override
    public void close() {
        SHARED.values().remove(this);
        detectModel.close();
        landmarkModel.close();
        embedModel.close();
        livenessModel.close();
        poseModel.close();
        eyeModel.close();
    }
}
