package io.rollcall.bench.accuracy;

import static org.bytedeco.opencv.global.opencv_core.flip;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_JPEG_QUALITY;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imdecode;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imencode;
import static org.bytedeco.opencv.global.opencv_imgproc.GaussianBlur;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.getRotationMatrix2D;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;
import static org.bytedeco.opencv.global.opencv_imgproc.warpAffine;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point2f;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * A photo transformed in a known way, and where a point of the original lands in the transformed image (to pair
 * each face with its transformed self by position, never by similarity).
 */
record Augment(String name, Kind kind, double amount) {

    enum Kind { FLIP, ROTATE, SCALE, JPEG, BLUR }

    static final Augment[] POSITIVES = {
            new Augment("flip", Kind.FLIP, 0),
            new Augment("rotate +8°", Kind.ROTATE, 8),
            new Augment("rotate -8°", Kind.ROTATE, -8),
            new Augment("scale 0.75", Kind.SCALE, 0.75),
            new Augment("scale 0.5", Kind.SCALE, 0.5),
            new Augment("JPEG q=40", Kind.JPEG, 40),
    };

    /** Degradations that probe the quality thresholds: small faces and blur. */
    static final Augment[] DEGRADED = {
            new Augment("scale 0.35", Kind.SCALE, 0.35),
            new Augment("scale 0.25", Kind.SCALE, 0.25),
            new Augment("scale 0.18", Kind.SCALE, 0.18),
            new Augment("blur σ=2", Kind.BLUR, 2),
            new Augment("blur σ=4", Kind.BLUR, 4),
            new Augment("blur σ=8", Kind.BLUR, 8),
    };

    /** The transformed photo as JPEG (quality 92 unless this is the JPEG augmentation). */
    byte[] apply(byte[] photo) {
        try (PointerScope scope = new PointerScope()) {
            Mat image = imdecode(new Mat(new BytePointer(photo)), IMREAD_COLOR);
            Mat out = new Mat();
            int quality = 92;
            switch (kind) {
                case FLIP -> flip(image, out, 1);
                case ROTATE -> warpAffine(image, out,
                        getRotationMatrix2D(new Point2f(image.cols() / 2f, image.rows() / 2f), amount, 1.0), image.size());
                case SCALE -> resize(image, out, new Size((int) Math.round(image.cols() * amount),
                        (int) Math.round(image.rows() * amount)), 0, 0, INTER_AREA);
                case JPEG -> {
                    out = image;
                    quality = (int) amount;
                }
                case BLUR -> GaussianBlur(image, out, new Size(0, 0), amount);
            }
            BytePointer jpeg = new BytePointer();
            imencode(".jpg", out, jpeg, new IntPointer(IMWRITE_JPEG_QUALITY, quality));
            byte[] bytes = new byte[(int) jpeg.limit()];
            jpeg.get(bytes);
            return bytes;
        }
    }

    /** Where the point (x, y) of a {@code width} x {@code height} original lands. */
    double[] map(double x, double y, int width, int height) {
        return switch (kind) {
            case FLIP -> new double[] {width - 1 - x, y};
            case SCALE -> new double[] {x * amount, y * amount};
            case ROTATE -> {
                // OpenCV's positive angle turns the image counter-clockwise (y axis down)
                double a = Math.toRadians(amount);
                double cx = width / 2.0;
                double cy = height / 2.0;
                double dx = x - cx;
                double dy = y - cy;
                yield new double[] {cx + dx * Math.cos(a) + dy * Math.sin(a), cy - dx * Math.sin(a) + dy * Math.cos(a)};
            }
            case JPEG, BLUR -> new double[] {x, y};
        };
    }
}
