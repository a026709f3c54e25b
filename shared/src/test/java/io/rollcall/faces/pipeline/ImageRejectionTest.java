package io.rollcall.faces.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import io.rollcall.faces.pipeline.ImageRejectedException.Reason;

/** Bad input gives {@link ImageRejectedException} with the right reason, before any decoding where possible. */
class ImageRejectionTest {

    @Test
    void zeroBytesAreEmpty() {
        assertRejected(new byte[0], Reason.EMPTY);
        assertRejected(null, Reason.EMPTY);
    }

    @Test
    void textIsNotAnImage() {
        assertRejected("{\"not\": \"an image\"}".getBytes(StandardCharsets.UTF_8), Reason.NOT_AN_IMAGE);
        assertRejected(new byte[] {0x42}, Reason.NOT_AN_IMAGE);
    }

    @Test
    void otherImageFormatsAreUnsupported() {
        assertRejected("GIF89a\u0001\u0000\u0001\u0000".getBytes(StandardCharsets.ISO_8859_1), Reason.UNSUPPORTED_FORMAT);
    }

    @Test
    void aCutJpegIsTruncated() {
        byte[] photo = RealPhotos.photo("sample1.jpg");
        assertRejected(Arrays.copyOf(photo, photo.length * 3 / 5), Reason.TRUNCATED);
        assertRejected(Arrays.copyOf(photo, photo.length - 2), Reason.TRUNCATED); // only the end-of-image marker missing
        assertRejected(Arrays.copyOf(photo, 300), Reason.TRUNCATED); // inside the EXIF segment
    }

    @Test
    void aCutPngIsTruncated() {
        byte[] png = RealPhotos.png(RealPhotos.crop(RealPhotos.read(RealPhotos.photo("sample3.jpg")), 1011, 99, 356, 497));
        assertThat(RealPhotos.pipeline().analyze(png)).isNotEmpty();
        assertRejected(Arrays.copyOf(png, png.length / 2), Reason.TRUNCATED);
    }

    @Test
    void hugeDeclaredDimensionsAreTooLargeBeforeDecoding() {
        // a PNG signature and an IHDR declaring 10000 x 10000, and nothing else: rejected on the header alone
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A,
                0, 0, 0, 13, 'I', 'H', 'D', 'R', 0, 0, 0x27, 0x10, 0, 0, 0x27, 0x10, 8, 2, 0, 0, 0, 0, 0, 0, 0};
        assertRejected(png, Reason.TOO_LARGE);

        // a real JPEG whose frame header is patched to claim 60000 x 60000
        byte[] jpeg = RealPhotos.photo("sample1.jpg").clone();
        int sof = sofOffset(jpeg);
        jpeg[sof + 5] = (byte) 0xEA;
        jpeg[sof + 6] = 0x60;
        jpeg[sof + 7] = (byte) 0xEA;
        jpeg[sof + 8] = 0x60;
        assertRejected(jpeg, Reason.TOO_LARGE);
    }

    @Test
    void aJpegOfThousandsOfScansIsRefusedBeforeDecoding() {
        java.io.ByteArrayOutputStream jpeg = new java.io.ByteArrayOutputStream();
        jpeg.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xD8});
        // a frame header (progressive, 64x64, one component), then scan after scan of one byte each
        jpeg.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xC2, 0, 11, 8, 0, 64, 0, 64, 1, 1, 0x11, 0});
        for (int i = 0; i < 5000; i++) {
            jpeg.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xDA, 0, 8, 1, 1, 0, 0, 0, 0, 0x2A});
        }
        jpeg.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xD9});
        assertThatThrownBy(() -> ImageHeader.inspect(jpeg.toByteArray(), 10_000_000, 50_000_000))
                .isInstanceOfSatisfying(ImageRejectedException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE);
                    assertThat(e.getMessage()).contains("scans");
                });
    }

    @Test
    void theLimitsAreSettings() {
        byte[] photo = RealPhotos.photo("sample1.jpg"); // 144516 bytes, 1920 x 1280
        assertThatThrownBy(() -> ImageHeader.inspect(photo, 100_000, 50_000_000))
                .isInstanceOfSatisfying(ImageRejectedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE));
        assertThatThrownBy(() -> ImageHeader.inspect(photo, 1_000_000, 1920 * 1280))
                .isInstanceOfSatisfying(ImageRejectedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE));
        ImageHeader header = ImageHeader.inspect(photo, 1_000_000, 1920 * 1280 + 1);
        assertThat(header.width()).isEqualTo(1920);
        assertThat(header.height()).isEqualTo(1280);
        assertThat(header.orientation()).isEqualTo(1);
        assertThat(ImageHeader.inspect(RealPhotos.withExifOrientation(photo, 6), 1_000_000, 50_000_000).orientation())
                .isEqualTo(6);
    }

    @Test
    void aJpegWithoutFrameIsCorrupt() {
        assertRejected(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xD9}, Reason.CORRUPT);
    }

    private static int sofOffset(byte[] jpeg) {
        for (int i = 2; i + 1 < jpeg.length; i++) {
            if ((jpeg[i] & 0xFF) == 0xFF && ((jpeg[i + 1] & 0xFF) == 0xC0 || (jpeg[i + 1] & 0xFF) == 0xC2)) {
                return i;
            }
        }
        throw new AssertionError("no SOF marker");
    }

    private static void assertRejected(byte[] bytes, Reason reason) {
        assertThatThrownBy(() -> RealPhotos.pipeline().analyze(bytes))
                .isInstanceOfSatisfying(ImageRejectedException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }
}
