package io.rollcall.faces.pipeline;

import static org.bytedeco.opencv.global.opencv_core.CV_32F;
import static org.bytedeco.opencv.global.opencv_dnn.blobFromImage;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import java.nio.FloatBuffer;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.indexer.UByteIndexer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * The three capture networks of the npm package, with the crops and preprocessing its {@code lib/fr_liveness.js},
 * {@code fr_pose.js} and {@code fr_eye.js} show (re-implemented here, see models/README.md):
 * <ul>
 *   <li>liveness: the face box scaled up to 2.7x around its centre (less when the image is smaller), shifted
 *       into the image, resized to 128x128, RGB, raw 0..255; softmax, class 0 = live;</li>
 *   <li>pose: the box grown by a quarter each side, 224x224 RGB, ImageNet normalisation; per angle 66 bins of
 *       3 degrees, the expectation of their softmax times 3 minus 99;</li>
 *   <li>eyes: a square of 1.6x the eye's width around each eye's landmarks, 24x24 grey, v/255; softmax.</li>
 * </ul>
 * Runs on the inference thread like the other networks.
 */
final class CaptureChecks {

    static final int LIVENESS_SIZE = 128;
    static final double LIVENESS_SCALE = 2.7;
    /**
     * Faces smaller than this (pixels of the original image) are not scored: the 128 px input then holds a face
     * of under ~24 px upscaled, and the texture the network reads is gone (see docs/accuracy.md).
     */
    static final int LIVENESS_MIN_FACE_PX = 64;
    /** The face box this close (pixels) to the image's edge means the face is cut by it. */
    static final int BORDER_PX = 1;
    /** Mean absolute difference between colour channels of the liveness crop below which it is greyscale. */
    static final double GREYSCALE_MAX_CHANNEL_DIFF = 2.0;
    static final int LIVE_CLASS = 0;

    static final int POSE_SIZE = 224;
    private static final double[] MEAN = {0.485, 0.456, 0.406};
    private static final double[] STD = {0.229, 0.224, 0.225};

    static final int EYE_SIZE = 24;
    static final int EYE_OPEN_CLASS = 1;

    private final OnnxModel liveness;
    private final OnnxModel pose;
    private final OnnxModel eye;

    CaptureChecks(OnnxModel liveness, OnnxModel pose, OnnxModel eye) {
        this.liveness = liveness;
        this.pose = pose;
        this.eye = eye;
    }

    /** @param sizePx the face's smaller side in pixels of the original image (it may be decoded smaller) */
    FaceChecks.Liveness liveness(Mat image, Rect box, int sizePx) {
        if (sizePx < LIVENESS_MIN_FACE_PX) {
            return FaceChecks.Liveness.unchecked(FaceChecks.Unchecked.FACE_TOO_SMALL);
        }
        if (box.x() < BORDER_PX || box.y() < BORDER_PX || box.x() + box.width() > image.cols() - BORDER_PX
                || box.y() + box.height() > image.rows() - BORDER_PX) {
            return FaceChecks.Liveness.unchecked(FaceChecks.Unchecked.FACE_AT_BORDER);
        }
        Mat crop = new Mat(image, livenessCrop(image.cols(), image.rows(), box));
        Mat resized = new Mat();
        resize(crop, resized, new Size(LIVENESS_SIZE, LIVENESS_SIZE), 0, 0, INTER_LINEAR);
        if (channelDifference(resized) < GREYSCALE_MAX_CHANNEL_DIFF) {
            return FaceChecks.Liveness.unchecked(FaceChecks.Unchecked.GREYSCALE);
        }
        Mat blob = blobFromImage(resized, 1.0, new Size(LIVENESS_SIZE, LIVENESS_SIZE), new Scalar(0.0), false, false, CV_32F);
        float[] p = softmax(liveness.run(blob, 1, 3, LIVENESS_SIZE, LIVENESS_SIZE)[0]);
        return FaceChecks.Liveness.of(p[LIVE_CLASS]);
    }

    /** The liveness network's crop, as lib/fr_liveness.js makes it. */
    static Rect livenessCrop(int width, int height, Rect box) {
        double scale = Math.min((height - 1.0) / box.height(), Math.min((width - 1.0) / box.width(), LIVENESS_SCALE));
        double w = box.width() * scale;
        double h = box.height() * scale;
        double cx = box.x() + box.width() / 2.0;
        double cy = box.y() + box.height() / 2.0;
        double x1 = cx - w / 2;
        double y1 = cy - h / 2;
        double x2 = cx + w / 2;
        double y2 = cy + h / 2;
        if (x1 < 0) {
            x2 -= x1;
            x1 = 0;
        }
        if (y1 < 0) {
            y2 -= y1;
            y1 = 0;
        }
        if (x2 > width - 1) {
            x1 -= x2 - width + 1;
            x2 = width - 1;
        }
        if (y2 > height - 1) {
            y1 -= y2 - height + 1;
            y2 = height - 1;
        }
        int x = Math.max(0, (int) x1);
        int y = Math.max(0, (int) y1);
        int cw = Math.max(1, Math.min((int) (x2 - x1), width - x));
        int ch = Math.max(1, Math.min((int) (y2 - y1), height - y));
        return new Rect(x, y, cw, ch);
    }

    FaceChecks.Pose pose(Mat image, Rect box) {
        int x1 = Math.max(0, box.x() - box.width() / 4);
        int y1 = Math.max(0, box.y() - box.height() / 4);
        int x2 = Math.min(image.cols(), box.x() + box.width() + box.width() / 4);
        int y2 = Math.min(image.rows(), box.y() + box.height() + box.height() / 4);
        Mat crop = new Mat(image, new Rect(x1, y1, x2 - x1, y2 - y1));
        Mat resized = new Mat();
        resize(crop, resized, new Size(POSE_SIZE, POSE_SIZE), 0, 0, INTER_LINEAR);
        Mat blob = blobFromImage(resized, 1 / 255.0, new Size(POSE_SIZE, POSE_SIZE), new Scalar(0.0), false, false, CV_32F);
        int plane = POSE_SIZE * POSE_SIZE;
        // through a direct buffer: FloatPointer.get/put are a JNI call each, 300,000 of them cost milliseconds
        FloatBuffer data = new FloatPointer(blob.data()).capacity(3L * plane).asBuffer();
        for (int c = 0; c < 3; c++) {
            float mean = (float) MEAN[c];
            float scale = (float) (1 / STD[c]);
            for (int i = c * plane; i < (c + 1) * plane; i++) {
                data.put(i, (data.get(i) - mean) * scale);
            }
        }
        float[][] out = pose.run(blob, 1, 3, POSE_SIZE, POSE_SIZE);
        return new FaceChecks.Pose(degrees(out[0]), degrees(out[1]), degrees(out[2]));
    }

    private static double degrees(float[] bins) {
        float[] p = softmax(bins);
        double expectation = 0;
        for (int i = 0; i < p.length; i++) {
            expectation += p[i] * i;
        }
        return expectation * 3 - 99;
    }

    /**
     * @param points the 68 landmarks in pixels of {@code image}
     * @return null when an eye's square is too small to read
     */
    FaceChecks.Eyes eyes(Mat image, float[] points) {
        Double left = eye(image, points, new int[] {37, 38, 40, 41}, 36, 39);
        Double right = eye(image, points, new int[] {43, 44, 46, 47}, 42, 45);
        return left == null || right == null ? null : new FaceChecks.Eyes(left, right);
    }

    private Double eye(Mat image, float[] p, int[] lids, int corner1, int corner2) {
        double cx = 0;
        double cy = 0;
        for (int i : lids) {
            cx += p[2 * i];
            cy += p[2 * i + 1];
        }
        cx /= lids.length;
        cy /= lids.length;
        int size = (int) ((p[2 * corner2] - p[2 * corner1]) * 1.6);
        int x = Math.max(0, (int) (cx - size / 2.0));
        int y = Math.max(0, (int) (cy - size / 2.0));
        size = Math.min(size, Math.min(image.cols() - x - 1, image.rows() - y - 1));
        if (size < 4) {
            return null;
        }
        Mat crop = new Mat(image, new Rect(x, y, size, size));
        Mat resized = new Mat();
        resize(crop, resized, new Size(EYE_SIZE, EYE_SIZE), 0, 0, INTER_LINEAR);
        Mat grey = new Mat();
        cvtColor(resized, grey, COLOR_BGR2GRAY);
        Mat blob = blobFromImage(grey, 1 / 255.0, new Size(EYE_SIZE, EYE_SIZE), new Scalar(0.0), false, false, CV_32F);
        float[] s = softmax(eye.run(blob, 1, 1, EYE_SIZE, EYE_SIZE)[0]);
        return (double) s[EYE_OPEN_CLASS];
    }

    /** Mean absolute difference between B and G and between G and R, over the pixels of a BGR image. */
    static double channelDifference(Mat bgr) {
        long sum = 0;
        int n = bgr.rows() * bgr.cols();
        try (UByteIndexer px = bgr.createIndexer()) {
            for (int y = 0; y < bgr.rows(); y++) {
                for (int x = 0; x < bgr.cols(); x++) {
                    int b = px.get(y, x, 0);
                    int g = px.get(y, x, 1);
                    int r = px.get(y, x, 2);
                    sum += Math.abs(b - g) + Math.abs(g - r);
                }
            }
        }
        return sum / (2.0 * n);
    }

    static float[] softmax(float[] v) {
        float max = Float.NEGATIVE_INFINITY;
        for (float x : v) {
            max = Math.max(max, x);
        }
        double total = 0;
        double[] e = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            e[i] = Math.exp(v[i] - max);
            total += e[i];
        }
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) (e[i] / total);
        }
        return out;
    }
}
