package io.rollcall.faces.pipeline;

import static org.junit.jupiter.api.Assertions.fail;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * The models and the real photos fetched by models/fetch.sh, and image manipulations done with javax.imageio
 * (a code path independent of the pipeline's OpenCV decoder).
 */
final class RealPhotos {

    private static FacePipeline pipeline;

    private RealPhotos() {
    }

    static Path modelsDir() {
        String dir = System.getProperty("rollcall.models.dir");
        if (dir != null) {
            return Path.of(dir);
        }
        String root = System.getProperty("rollcall.root", Path.of("").toAbsolutePath().getParent().toString());
        return Path.of(root, "models", "cache");
    }

    /** The shared pipeline; fails (never skips) when the models are missing. */
    static synchronized FacePipeline pipeline() {
        if (pipeline == null) {
            Path dir = modelsDir();
            if (!Files.isRegularFile(dir.resolve("fr_feature.onnx")) || !Files.isDirectory(dir.resolve("photos"))) {
                fail("face models or photos missing in " + dir + ": run models/fetch.sh first");
            }
            pipeline = FacePipeline.shared(dir);
        }
        return pipeline;
    }

    static byte[] photo(String name) {
        pipeline();
        try {
            return Files.readAllBytes(modelsDir().resolve("photos").resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static BufferedImage read(byte[] bytes) {
        try {
            return ImageIO.read(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] jpeg(BufferedImage image, float quality) {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream();
             ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
            ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            writer.setOutput(stream);
            writer.write(null, new IIOImage(image, null, null), param);
            writer.dispose();
            stream.flush();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] png(BufferedImage image) {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Scaled by {@code factor} with bilinear interpolation. */
    static BufferedImage scaled(BufferedImage image, double factor) {
        int w = (int) Math.round(image.getWidth() * factor);
        int h = (int) Math.round(image.getHeight() * factor);
        return draw(image, w, h, AffineTransform.getScaleInstance(factor, factor));
    }

    /** Rotated 90 degrees counter-clockwise: EXIF orientation 6 (rotate clockwise to display) makes it upright. */
    static BufferedImage rotatedCounterClockwise(BufferedImage image) {
        AffineTransform t = new AffineTransform();
        t.translate(0, image.getWidth());
        t.rotate(-Math.PI / 2);
        return draw(image, image.getHeight(), image.getWidth(), t);
    }

    static BufferedImage crop(BufferedImage image, int x, int y, int w, int h) {
        return draw(image, w, h, AffineTransform.getTranslateInstance(-x, -y));
    }

    private static BufferedImage draw(BufferedImage image, int w, int h, AffineTransform t) {
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(image, t, null);
        g.dispose();
        return out;
    }

    /** The JPEG with an EXIF APP1 segment carrying only an orientation tag, inserted right after SOI. */
    static byte[] withExifOrientation(byte[] jpeg, int orientation) {
        byte[] app1 = {
                (byte) 0xFF, (byte) 0xE1, 0, 34, // APP1, length 34 (this field + 32)
                'E', 'x', 'i', 'f', 0, 0,
                'M', 'M', 0, 42, 0, 0, 0, 8, // big-endian TIFF header, IFD0 at offset 8
                0, 1, // one entry
                0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, (byte) orientation, 0, 0, // Orientation, SHORT, count 1
                0, 0, 0, 0}; // no next IFD
        byte[] out = new byte[jpeg.length + app1.length];
        System.arraycopy(jpeg, 0, out, 0, 2);
        System.arraycopy(app1, 0, out, 2, app1.length);
        System.arraycopy(jpeg, 2, out, 2 + app1.length, jpeg.length - 2);
        return out;
    }

}
