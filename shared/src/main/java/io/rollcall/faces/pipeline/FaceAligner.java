package io.rollcall.faces.pipeline;

import static org.bytedeco.opencv.global.opencv_calib3d.RANSAC;
import static org.bytedeco.opencv.global.opencv_calib3d.estimateAffinePartial2D;
import static org.bytedeco.opencv.global.opencv_core.BORDER_CONSTANT;
import static org.bytedeco.opencv.global.opencv_core.CV_32F;
import static org.bytedeco.opencv.global.opencv_core.CV_32FC2;
import static org.bytedeco.opencv.global.opencv_dnn.blobFromImage;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;
import static org.bytedeco.opencv.global.opencv_imgproc.warpAffine;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * 68 landmarks from the face box (64x64 grey, v/256), reduced to the five points of the ArcFace template
 * (eye centres, nose tip, mouth corners), then a similarity transform of the full-resolution image onto the
 * 112x112 template.
 */
final class FaceAligner {

    static final int LANDMARK_SIZE = 64;
    static final int ALIGNED_SIZE = 112;

    /** The ArcFace five-point template for 112x112 crops (insightface's reference points). */
    private static final float[] TEMPLATE = {
            38.2946f, 51.6963f,
            73.5318f, 51.5014f,
            56.0252f, 71.7366f,
            41.5493f, 92.3655f,
            70.7299f, 92.2041f};

    private final OnnxModel model;

    FaceAligner(OnnxModel model) {
        this.model = model;
    }

    /** The five points (x0,y0,...,x4,y4) in pixels of {@code image}, for the face in {@code box}. */
    float[] fivePoints(Mat image, Rect box) {
        return fivePoints(landmarks(image, box), box);
    }

    /** The 68 landmarks (x0,y0,...) as the network gives them: 0..1 of {@code box}. */
    float[] landmarks(Mat image, Rect box) {
        Mat face = new Mat(image, box);
        Mat small = new Mat();
        resize(face, small, new Size(LANDMARK_SIZE, LANDMARK_SIZE), 0, 0, INTER_AREA);
        Mat grey = new Mat();
        cvtColor(small, grey, COLOR_BGR2GRAY);
        Mat blob = blobFromImage(grey, 1 / 256.0, new Size(LANDMARK_SIZE, LANDMARK_SIZE), new Scalar(0.0), false, false, CV_32F);
        return model.run(blob, 1, 1, LANDMARK_SIZE, LANDMARK_SIZE)[0];
    }

    /** The five ArcFace points in pixels of the image, from the 68 landmarks of the face in {@code box}. */
    static float[] fivePoints(float[] p, Rect box) {
        // iBUG 68-point order: 36-41 image-left eye, 42-47 image-right eye, 30 nose tip, 48 and 54 mouth corners
        float[] five = new float[10];
        mean(p, 36, 41, five, 0);
        mean(p, 42, 47, five, 1);
        mean(p, 30, 30, five, 2);
        mean(p, 48, 48, five, 3);
        mean(p, 54, 54, five, 4);
        for (int i = 0; i < 5; i++) {
            five[2 * i] = box.x() + five[2 * i] * box.width();
            five[2 * i + 1] = box.y() + five[2 * i + 1] * box.height();
        }
        return five;
    }

    /** The 112x112 BGR face aligned to the template, or null if the points admit no similarity transform. */
    Mat align(Mat image, float[] five) {
        Mat transform = estimateAffinePartial2D(points(five), points(TEMPLATE), new Mat(), RANSAC, 6.0, 2000, 0.99, 10);
        if (transform == null || transform.empty()) {
            return null;
        }
        Mat aligned = new Mat();
        warpAffine(image, aligned, transform, new Size(ALIGNED_SIZE, ALIGNED_SIZE), INTER_LINEAR, BORDER_CONSTANT,
                new Scalar(0.0));
        return aligned;
    }

    private static void mean(float[] p, int from, int to, float[] out, int index) {
        float x = 0;
        float y = 0;
        for (int i = from; i <= to; i++) {
            x += p[2 * i];
            y += p[2 * i + 1];
        }
        out[2 * index] = x / (to - from + 1);
        out[2 * index + 1] = y / (to - from + 1);
    }

    private static Mat points(float[] xy) {
        Mat m = new Mat(xy.length / 2, 1, CV_32FC2);
        new FloatPointer(m.data()).put(xy);
        return m;
    }
}
