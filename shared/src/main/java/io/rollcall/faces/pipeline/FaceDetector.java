package io.rollcall.faces.pipeline;

import static org.bytedeco.opencv.global.opencv_core.CV_32F;
import static org.bytedeco.opencv.global.opencv_dnn.NMSBoxes;
import static org.bytedeco.opencv.global.opencv_dnn.blobFromImage;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import java.util.ArrayList;
import java.util.List;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect2d;
import org.bytedeco.opencv.opencv_core.Rect2dVector;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * The UltraFace-style detector: the whole image squeezed to 320x240 RGB, (v-127)/128; the network's boxes are
 * already decoded to 0..1 of the image, so post-processing is a score threshold and OpenCV's NMS.
 */
final class FaceDetector {

    static final int WIDTH = 320;
    static final int HEIGHT = 240;

    /** A detection in pixels of the image it ran on. */
    record Detection(double x1, double y1, double x2, double y2, float score) {
    }

    private final OnnxModel model;
    private final float minScore;
    private final float nmsIou;
    private final boolean halveBeforeResize;

    FaceDetector(OnnxModel model, float minScore, float nmsIou, boolean halveBeforeResize) {
        this.model = model;
        this.minScore = minScore;
        this.nmsIou = nmsIou;
        this.halveBeforeResize = halveBeforeResize;
    }

    /**
     * The image at the detector's 320x240. A large frame is first halved with bilinear steps (at exactly half
     * size each output pixel is the mean of a 2x2 block, so nothing aliases) until it is less than twice the
     * input, then area-averaged the rest of the way: INTER_AREA straight from 1920 px costs about a third of
     * the JPEG decode (docs/benchmarks.md), the halvings about half of that.
     */
    static Mat detectorInput(Mat image, boolean halve) {
        Mat current = image;
        while (halve && current.cols() >= 2 * WIDTH && current.rows() >= 2 * HEIGHT) {
            Mat half = new Mat();
            resize(current, half, new Size(current.cols() / 2, current.rows() / 2), 0, 0, INTER_LINEAR);
            if (current != image) {
                current.release();
            }
            current = half;
        }
        Mat small = new Mat();
        resize(current, small, new Size(WIDTH, HEIGHT), 0, 0, INTER_AREA);
        if (current != image) {
            current.release();
        }
        return small;
    }

    List<Detection> detect(Mat image) {
        Mat small = detectorInput(image, halveBeforeResize);
        Mat blob = blobFromImage(small, 1 / 128.0, new Size(WIDTH, HEIGHT), new Scalar(127, 127, 127, 0), true, false, CV_32F);
        float[][] out = model.run(blob, 1, 3, HEIGHT, WIDTH);
        float[] scores = out[0];
        float[] boxes = out[1];
        int w = image.cols();
        int h = image.rows();
        List<Detection> candidates = new ArrayList<>();
        for (int i = 0; i < scores.length / 2; i++) {
            float score = scores[2 * i + 1];
            if (score >= minScore) {
                candidates.add(new Detection(clamp(boxes[4 * i] * w, w), clamp(boxes[4 * i + 1] * h, h),
                        clamp(boxes[4 * i + 2] * w, w), clamp(boxes[4 * i + 3] * h, h), score));
            }
        }
        if (candidates.isEmpty()) {
            return List.of();
        }
        Rect2dVector rects = new Rect2dVector(candidates.size());
        float[] candidateScores = new float[candidates.size()];
        for (int i = 0; i < candidates.size(); i++) {
            Detection d = candidates.get(i);
            rects.put(i, new Rect2d(d.x1(), d.y1(), d.x2() - d.x1(), d.y2() - d.y1()));
            candidateScores[i] = d.score();
        }
        IntPointer keep = new IntPointer();
        NMSBoxes(rects, new FloatPointer(candidateScores), minScore, nmsIou, keep);
        List<Detection> faces = new ArrayList<>();
        for (long i = 0; i < keep.limit(); i++) {
            Detection d = candidates.get(keep.get(i));
            if (d.x2() - d.x1() >= 2 && d.y2() - d.y1() >= 2) {
                faces.add(d);
            }
        }
        faces.sort((a, b) -> Float.compare(b.score(), a.score()));
        return faces;
    }

    private static double clamp(double v, int max) {
        return Math.max(0, Math.min(max, v));
    }
}
