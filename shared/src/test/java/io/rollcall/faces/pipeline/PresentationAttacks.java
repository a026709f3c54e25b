package io.rollcall.faces.pipeline;

import static org.bytedeco.opencv.global.opencv_core.BORDER_CONSTANT;
import static org.bytedeco.opencv.global.opencv_core.BORDER_REPLICATE;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_core.copyMakeBorder;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_JPEG_QUALITY;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imdecode;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imencode;
import static org.bytedeco.opencv.global.opencv_imgproc.GaussianBlur;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.getRotationMatrix2D;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;
import static org.bytedeco.opencv.global.opencv_imgproc.warpAffine;

import java.util.Random;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point2f;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Simulated presentation attacks made from a real photo: what a 640x480 camera would see when someone holds up
 * a screen showing the photo, a print of it, or a cut-out of the face in front of a background. Each ingredient
 * can be applied alone (to see which ones the liveness network reacts to) or all together. The settings are
 * fixed, physically plausible values chosen before any liveness score was looked at; they are not tuned to any
 * model. A simulation is not a real attack: it is no substitute for an ISO/IEC 30107-3 evaluation with
 * presentation-attack instruments.
 */
public final class PresentationAttacks {

    public static final int WIDTH = 640;
    public static final int HEIGHT = 480;

    public enum Attack {
        /** No attack: the same reframing to 640x480 as the attacks, so geometry alone can be told from artefacts. */
        CONTROL(false),
        /**
         * No attack, but the second capture's defocus and sensor noise that the composite attacks get: a bona fide
         * control for that step (a live face on a soft, noisy webcam looks like this).
         */
        CONTROL_CAMERA(false),
        SCREEN_MOIRE(true), SCREEN_GAMMA(true), SCREEN_GLARE(true), SCREEN_BEZEL(true),
        /** Moiré, gamma, glare and bezel together: a phone or monitor held up to the camera. */
        SCREEN_REPLAY(true),
        PRINT_HALFTONE(true), PRINT_COLOUR_SHIFT(true), PRINT_FLAT_LIGHT(true), PRINT_PAPER_EDGE(true),
        /** Halftone, colour shift, flat light and the paper's edge together: a printed photo. */
        PRINT(true),
        /** A printed face cut out along its outline and held in front of a real background. */
        CUT_OUT(true);

        private final boolean attack;

        Attack(boolean attack) {
            this.attack = attack;
        }

        public boolean isAttack() {
            return attack;
        }
    }

    private PresentationAttacks() {
    }

    /** The attack made from the face at {@code box} of {@code photo}, as a JPEG frame; {@code seed} fixes the noise. */
    public static byte[] simulate(byte[] photo, FaceBox box, Attack attack, long seed) {
        try (PointerScope scope = new PointerScope()) {
            Mat image = imdecode(new Mat(new BytePointer(photo)), IMREAD_COLOR);
            Random random = new Random(seed);
            Mat content = content(image, box);
            Mat frame = switch (attack) {
                case CONTROL -> content;
                case CONTROL_CAMERA -> camera(content, random);
                case SCREEN_MOIRE -> fromPixels(moire(pixels(content)));
                case SCREEN_GAMMA -> fromPixels(gamma(pixels(content)));
                case SCREEN_GLARE -> fromPixels(glare(pixels(content), random));
                case SCREEN_BEZEL -> bezel(content, random);
                case SCREEN_REPLAY -> camera(bezel(fromPixels(glare(moire(gamma(pixels(content))), random)), random), random);
                case PRINT_HALFTONE -> halftone(content);
                case PRINT_COLOUR_SHIFT -> fromPixels(colourShift(pixels(content)));
                case PRINT_FLAT_LIGHT -> fromPixels(flatLight(pixels(content)));
                case PRINT_PAPER_EDGE -> paperEdge(content, random);
                case PRINT -> camera(paperEdge(fromPixels(flatLight(colourShift(pixels(halftone(content))))), random), random);
                case CUT_OUT -> camera(cutOut(content, random), random);
            };
            BytePointer jpeg = new BytePointer();
            imencode(".jpg", frame, jpeg, new IntPointer(IMWRITE_JPEG_QUALITY, 92));
            byte[] bytes = new byte[(int) jpeg.limit()];
            jpeg.get(bytes);
            return bytes;
        }
    }

    /**
     * A 4:3 region around the face, 3.6 face widths wide (edges replicated where the photo ends), resized to
     * 640x480: the face is then about 180 px wide, as at a kiosk.
     */
    static Mat content(Mat image, FaceBox box) {
        double cx = box.x() + box.width() / 2.0;
        double cy = box.y() + box.height() / 2.0;
        int w = (int) Math.round(Math.max(box.width(), box.height() * 0.8) * 3.6);
        int h = w * 3 / 4;
        int x = (int) Math.round(cx - w / 2.0);
        int y = (int) Math.round(cy - h / 2.0);
        int pad = Math.max(Math.max(0, -x), Math.max(0, -y));
        pad = Math.max(pad, Math.max(x + w - image.cols(), y + h - image.rows()));
        Mat source = image;
        if (pad > 0) {
            source = new Mat();
            copyMakeBorder(image, source, pad, pad, pad, pad, BORDER_REPLICATE);
        }
        Mat region = new Mat(source, new Rect(x + pad, y + pad, w, h));
        Mat out = new Mat();
        resize(region, out, new Size(WIDTH, HEIGHT), 0, 0, w > WIDTH ? INTER_AREA : INTER_LINEAR);
        return out;
    }

    // --- screen ---

    /** The beat between the screen's pixel grid and the camera's sensor: a fine, slightly rotated luminance ripple. */
    static float[] moire(float[] p) {
        double angle = Math.toRadians(12);
        for (int y = 0; y < HEIGHT; y++) {
            for (int x = 0; x < WIDTH; x++) {
                double u = x * Math.cos(angle) + y * Math.sin(angle);
                double v = -x * Math.sin(angle) + y * Math.cos(angle);
                double m = 1 + 0.10 * Math.sin(2 * Math.PI * 0.21 * u) + 0.06 * Math.sin(2 * Math.PI * 0.035 * v);
                scale(p, x, y, m, m, m);
            }
        }
        return p;
    }

    /** A display's tone curve seen by a camera: lifted shadows, a cooler white point. */
    static float[] gamma(float[] p) {
        for (int i = 0; i < p.length; i += 3) {
            for (int c = 0; c < 3; c++) {
                double v = 255 * Math.pow(p[i + c] / 255.0, 0.7);
                p[i + c] = (float) (20 + v * 0.9 * (c == 0 ? 1.06 : c == 2 ? 0.94 : 1.0));
            }
        }
        return p;
    }

    /** A reflection of a lamp or window on the glass: a broad bright blob. */
    static float[] glare(float[] p, Random random) {
        double x0 = WIDTH * (0.2 + 0.25 * random.nextDouble());
        double y0 = HEIGHT * (0.15 + 0.2 * random.nextDouble());
        double sigma = WIDTH * 0.16;
        for (int y = 0; y < HEIGHT; y++) {
            for (int x = 0; x < WIDTH; x++) {
                double g = 150 * Math.exp(-((x - x0) * (x - x0) + (y - y0) * (y - y0)) / (2 * sigma * sigma));
                add(p, x, y, g, g, g);
            }
        }
        return p;
    }

    /** The picture on a phone held up to the camera: 70 % of the frame, a black body around it, a room behind. */
    static Mat bezel(Mat content, Random random) {
        Mat room = room(random);
        int w = (int) (WIDTH * 0.70);
        int h = (int) (HEIGHT * 0.70);
        Mat screen = new Mat();
        resize(content, screen, new Size(w, h), 0, 0, INTER_AREA);
        Mat phone = new Mat();
        int b = 18;
        copyMakeBorder(screen, phone, b, b, b + 10, b + 10, BORDER_CONSTANT, new Scalar(18, 18, 20, 0));
        return place(room, phone, -3 + 6 * random.nextDouble());
    }

    // --- print ---

    /** Printed with a dot screen (one per ink, at its own angle), the dots blurred by the camera's optics. */
    static Mat halftone(Mat content) {
        float[] p = pixels(content);
        double[] angles = {Math.toRadians(15), Math.toRadians(75), Math.toRadians(0)}; // B~yellow, G~magenta, R~cyan
        double period = 5.0;
        for (int y = 0; y < HEIGHT; y++) {
            for (int x = 0; x < WIDTH; x++) {
                for (int c = 0; c < 3; c++) {
                    double u = x * Math.cos(angles[c]) + y * Math.sin(angles[c]);
                    double v = -x * Math.sin(angles[c]) + y * Math.cos(angles[c]);
                    double t = 127.5 * (1 + Math.cos(2 * Math.PI * u / period) * Math.cos(2 * Math.PI * v / period));
                    int i = 3 * (y * WIDTH + x) + c;
                    p[i] = p[i] > t ? 245 : 25;
                }
            }
        }
        Mat dots = fromPixels(p);
        Mat blurred = new Mat();
        GaussianBlur(dots, blurred, new Size(0, 0), 1.4);
        return blurred;
    }

    /** Inks and paper: less saturated, a warm cast. */
    static float[] colourShift(float[] p) {
        for (int i = 0; i < p.length; i += 3) {
            double grey = 0.114 * p[i] + 0.587 * p[i + 1] + 0.299 * p[i + 2];
            for (int c = 0; c < 3; c++) {
                p[i + c] = (float) ((0.65 * p[i + c] + 0.35 * grey) * (c == 0 ? 0.88 : c == 1 ? 0.97 : 1.04));
            }
        }
        return p;
    }

    /** Paper reflects, it does not emit: a compressed range, no deep shadows or bright highlights. */
    static float[] flatLight(float[] p) {
        for (int i = 0; i < p.length; i++) {
            p[i] = 45 + p[i] * (170f / 255f);
        }
        return p;
    }

    /** The print held up: 70 % of the frame, a white paper margin, slightly turned, a room behind. */
    static Mat paperEdge(Mat content, Random random) {
        Mat room = room(random);
        int w = (int) (WIDTH * 0.70);
        int h = (int) (HEIGHT * 0.70);
        Mat print = new Mat();
        resize(content, print, new Size(w, h), 0, 0, INTER_AREA);
        Mat sheet = new Mat();
        copyMakeBorder(print, sheet, 22, 22, 22, 22, BORDER_CONSTANT, new Scalar(228, 234, 236, 0));
        return place(room, sheet, -5 + 10 * random.nextDouble());
    }

    /** The face's outline (an ellipse over the head) printed, cut out and held in front of a room. */
    static Mat cutOut(Mat content, Random random) {
        float[] printed = flatLight(colourShift(pixels(halftone(content))));
        float[] room = pixels(room(random));
        // the face is centred in the content: 640 / 3.6 ~ 178 px wide; the head a little larger
        double cx = WIDTH / 2.0;
        double cy = HEIGHT / 2.0 - 8;
        double ax = WIDTH / 3.6 * 0.72;
        double ay = WIDTH / 3.6 * 0.98;
        for (int y = 0; y < HEIGHT; y++) {
            for (int x = 0; x < WIDTH; x++) {
                double d = Math.pow((x - cx) / ax, 2) + Math.pow((y - cy) / ay, 2);
                int i = 3 * (y * WIDTH + x);
                if (d <= 1) {
                    System.arraycopy(printed, i, room, i, 3);
                } else if (d <= 1.06) { // the white edge of the cut paper
                    room[i] = 226;
                    room[i + 1] = 232;
                    room[i + 2] = 234;
                }
            }
        }
        return fromPixels(room);
    }

    // --- the camera and the scene ---

    /** The second capture: slight defocus and sensor noise. */
    static Mat camera(Mat frame, Random random) {
        Mat blurred = new Mat();
        GaussianBlur(frame, blurred, new Size(0, 0), 0.7);
        float[] p = pixels(blurred);
        for (int i = 0; i < p.length; i++) {
            p[i] += (float) (random.nextGaussian() * 3);
        }
        return fromPixels(p);
    }

    /** A plain room behind the attack: a lit wall with a gradient, a darker door frame, a little texture. */
    static Mat room(Random random) {
        float[] p = new float[WIDTH * HEIGHT * 3];
        double tone = 150 + 40 * random.nextDouble();
        int door = (int) (WIDTH * (0.05 + 0.15 * random.nextDouble()));
        for (int y = 0; y < HEIGHT; y++) {
            for (int x = 0; x < WIDTH; x++) {
                double v = tone - 50.0 * y / HEIGHT + 10 * Math.sin(x / 37.0) * Math.sin(y / 23.0);
                boolean frame = x > door && x < door + 26;
                int i = 3 * (y * WIDTH + x);
                p[i] = (float) (frame ? v * 0.45 : v * 0.92);
                p[i + 1] = (float) (frame ? v * 0.5 : v * 0.98);
                p[i + 2] = (float) (frame ? v * 0.6 : v * 1.05);
            }
        }
        return fromPixels(p);
    }

    /** {@code object} centred on {@code room}, turned by {@code degrees}. */
    static Mat place(Mat room, Mat object, double degrees) {
        Mat canvas = room.clone();
        int x = (WIDTH - object.cols()) / 2;
        int y = (HEIGHT - object.rows()) / 2;
        Mat big = new Mat(HEIGHT, WIDTH, CV_8UC3, new Scalar(0, 0, 0, 0));
        Mat mask = new Mat(HEIGHT, WIDTH, CV_8UC3, new Scalar(0, 0, 0, 0));
        object.copyTo(new Mat(big, new Rect(x, y, object.cols(), object.rows())));
        new Mat(mask, new Rect(x, y, object.cols(), object.rows())).put(new Scalar(255, 255, 255, 0));
        Mat turn = getRotationMatrix2D(new Point2f(WIDTH / 2f, HEIGHT / 2f), degrees, 1.0);
        Mat bigTurned = new Mat();
        Mat maskTurned = new Mat();
        warpAffine(big, bigTurned, turn, new Size(WIDTH, HEIGHT));
        warpAffine(mask, maskTurned, turn, new Size(WIDTH, HEIGHT));
        float[] r = pixels(canvas);
        float[] o = pixels(bigTurned);
        float[] m = pixels(maskTurned);
        for (int i = 0; i < r.length; i++) {
            double a = m[i] / 255.0;
            r[i] = (float) (r[i] * (1 - a) + o[i] * a);
        }
        return fromPixels(r);
    }

    private static void scale(float[] p, int x, int y, double b, double g, double r) {
        int i = 3 * (y * WIDTH + x);
        p[i] *= (float) b;
        p[i + 1] *= (float) g;
        p[i + 2] *= (float) r;
    }

    private static void add(float[] p, int x, int y, double b, double g, double r) {
        int i = 3 * (y * WIDTH + x);
        p[i] += (float) b;
        p[i + 1] += (float) g;
        p[i + 2] += (float) r;
    }

    static float[] pixels(Mat bgr) {
        Mat m = bgr.isContinuous() ? bgr : bgr.clone();
        byte[] bytes = new byte[WIDTH * HEIGHT * 3];
        m.data().get(bytes);
        float[] p = new float[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            p[i] = bytes[i] & 0xff;
        }
        return p;
    }

    static Mat fromPixels(float[] p) {
        byte[] bytes = new byte[p.length];
        for (int i = 0; i < p.length; i++) {
            bytes[i] = (byte) Math.max(0, Math.min(255, Math.round(p[i])));
        }
        Mat m = new Mat(HEIGHT, WIDTH, CV_8UC3);
        m.data().put(bytes);
        return m;
    }
}
