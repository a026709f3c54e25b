package io.rollcall.faces.pipeline;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_core.ROTATE_180;
import static org.bytedeco.opencv.global.opencv_core.ROTATE_90_CLOCKWISE;
import static org.bytedeco.opencv.global.opencv_core.ROTATE_90_COUNTERCLOCKWISE;
import static org.bytedeco.opencv.global.opencv_core.flip;
import static org.bytedeco.opencv.global.opencv_core.rotate;
import static org.bytedeco.opencv.global.opencv_core.transpose;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_IGNORE_ORIENTATION;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_REDUCED_COLOR_2;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_REDUCED_COLOR_4;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_REDUCED_COLOR_8;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imdecode;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayInputStream;
import java.io.IOException;

import javax.imageio.ImageIO;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;

import io.rollcall.faces.pipeline.ImageRejectedException.Reason;
import io.rollcall.faces.pipeline.PipelineSettings.Decoder;

/**
 * Bytes to an upright BGR {@link Mat}. The header is inspected first (limits, completeness, EXIF orientation);
 * the decoder is told to ignore orientation and the orientation from the header is applied here, so every
 * decoder gives the same upright image.
 */
final class ImageDecoder {

    /** The upright image and its scale relative to the original (2 when decoded at half resolution). */
    record Decoded(Mat image, double scale, ImageHeader header) {
    }

    static final int REDUCE_FROM_WIDTH = 1280;
    /**
     * {@link Decoder#OPENCV_REDUCED_AUTO} keeps the longer side at least this long: the detector sees 320x240 anyway,
     * and an enrollment photo's face (a fifth of the frame or more) keeps well over the embedding's 112 px.
     */
    static final int REDUCED_MIN_SIDE = 1280;

    private final PipelineSettings settings;

    ImageDecoder(PipelineSettings settings) {
        this.settings = settings;
    }

    Decoded decode(byte[] bytes) {
        return decode(bytes, settings.decoder());
    }

    Decoded decode(byte[] bytes, Decoder decoder) {
        ImageHeader header = ImageHeader.inspect(bytes, settings.maxBytes(), settings.maxPixels());
        int factor = switch (decoder) {
            case OPENCV_REDUCED_2, OPENCV_ADAPTIVE -> header.format() == ImageHeader.Format.JPEG
                    && Math.max(header.width(), header.height()) >= REDUCE_FROM_WIDTH ? 2 : 1;
            case OPENCV_REDUCED_AUTO -> reduction(header, REDUCED_MIN_SIDE);
            default -> 1;
        };
        return decode(bytes, header, decoder, factor);
    }

    /** At 1/{@code factor} (1, 2, 4 or 8) of the full size for a JPEG, full size otherwise (the adaptive second pass). */
    Decoded decodeAt(byte[] bytes, int factor) {
        ImageHeader header = ImageHeader.inspect(bytes, settings.maxBytes(), settings.maxPixels());
        return decode(bytes, header, Decoder.OPENCV, header.format() == ImageHeader.Format.JPEG ? factor : 1);
    }

    /** The largest JPEG reduction, 1, 2, 4 or 8, that keeps the longer side at least {@code minSide}; 1 for a PNG. */
    static int reduction(ImageHeader header, int minSide) {
        if (header.format() != ImageHeader.Format.JPEG) {
            return 1;
        }
        int longest = Math.max(header.width(), header.height());
        int factor = 1;
        while (factor < 8 && longest / (factor * 2) >= minSide) {
            factor *= 2;
        }
        return factor;
    }

    private Decoded decode(byte[] bytes, ImageHeader header, Decoder decoder, int factor) {
        Mat image;
        if (decoder == Decoder.IMAGEIO) {
            image = imageIo(bytes);
        } else {
            int reduced = switch (factor) {
                case 2 -> IMREAD_REDUCED_COLOR_2;
                case 4 -> IMREAD_REDUCED_COLOR_4;
                case 8 -> IMREAD_REDUCED_COLOR_8;
                default -> IMREAD_COLOR;
            };
            int flags = reduced | IMREAD_IGNORE_ORIENTATION;
            try (BytePointer data = new BytePointer(bytes); Mat buffer = new Mat(1, bytes.length, CV_8UC1, data)) {
                image = imdecode(buffer, flags);
            }
        }
        if (image == null || image.empty()) {
            throw new ImageRejectedException(Reason.CORRUPT, "the decoder could not decode the " + header.format());
        }
        Mat upright = orient(image, header.orientation());
        int uprightWidth = header.orientation() >= 5 ? header.height() : header.width();
        return new Decoded(upright, (double) uprightWidth / upright.cols(), header);
    }

    private static Mat imageIo(byte[] bytes) {
        BufferedImage read;
        try {
            read = ImageIO.read(new ByteArrayInputStream(bytes));
        } catch (IOException | RuntimeException e) {
            throw new ImageRejectedException(Reason.CORRUPT, "ImageIO: " + e.getMessage());
        }
        if (read == null) {
            throw new ImageRejectedException(Reason.CORRUPT, "ImageIO could not decode the image");
        }
        BufferedImage bgr = read;
        if (read.getType() != BufferedImage.TYPE_3BYTE_BGR) {
            bgr = new BufferedImage(read.getWidth(), read.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
            Graphics2D g = bgr.createGraphics();
            g.drawImage(read, 0, 0, null);
            g.dispose();
        }
        byte[] pixels = ((DataBufferByte) bgr.getRaster().getDataBuffer()).getData();
        Mat mat = new Mat(bgr.getHeight(), bgr.getWidth(), CV_8UC3);
        mat.data().put(pixels);
        return mat;
    }

    /** Applies EXIF orientation 1..8 so the result is upright. */
    static Mat orient(Mat image, int orientation) {
        if (orientation == 1) {
            return image;
        }
        Mat out = new Mat();
        switch (orientation) {
            case 2 -> flip(image, out, 1);
            case 3 -> rotate(image, out, ROTATE_180);
            case 4 -> flip(image, out, 0);
            case 5 -> transpose(image, out);
            case 6 -> rotate(image, out, ROTATE_90_CLOCKWISE);
            case 7 -> {
                Mat t = new Mat();
                transpose(image, t);
                flip(t, out, -1);
            }
            case 8 -> rotate(image, out, ROTATE_90_COUNTERCLOCKWISE);
            default -> {
                return image;
            }
        }
        return out;
    }
}
