package io.rollcall.faces.pipeline;

import io.rollcall.faces.pipeline.ImageRejectedException.Reason;

/**
 * What the bytes say before any pixel is decoded: the format, the declared size, the EXIF orientation and
 * whether the file is complete. Cheap (one pass over the bytes, no allocation), so a huge or broken upload is
 * rejected before the decoder spends memory on it.
 */
record ImageHeader(Format format, int width, int height, int orientation) {

    enum Format { JPEG, PNG }

    static ImageHeader inspect(byte[] b, long maxBytes, long maxPixels) {
        if (b == null || b.length == 0) {
            throw new ImageRejectedException(Reason.EMPTY, "no bytes");
        }
        if (b.length > maxBytes) {
            throw new ImageRejectedException(Reason.TOO_LARGE, b.length + " bytes, limit " + maxBytes);
        }
        if (startsWith(b, 0, 0xFF, 0xD8, 0xFF)) {
            return jpeg(b, maxPixels);
        }
        if (startsWith(b, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return png(b, maxPixels);
        }
        String other = otherFormat(b);
        if (other != null) {
            throw new ImageRejectedException(Reason.UNSUPPORTED_FORMAT, other + " is not accepted, send JPEG or PNG");
        }
        throw new ImageRejectedException(Reason.NOT_AN_IMAGE, "neither JPEG nor PNG");
    }

    /**
     * A progressive JPEG needs about ten scans; each one costs the decoder a pass over the whole image, so a
     * small file of thousands of scans keeps it busy for the whole timeout. Refused before decoding.
     */
    static final int MAX_JPEG_SCANS = 100;

    private static ImageHeader jpeg(byte[] b, long maxPixels) {
        int n = b.length;
        int scans = 0;
        int pos = 2;
        int width = -1;
        int height = -1;
        int orientation = 1;
        boolean exifSeen = false; // only the first Exif segment counts, as in every reader
        while (true) {
            while (pos < n && (b[pos] & 0xFF) == 0xFF && pos + 1 < n && (b[pos + 1] & 0xFF) == 0xFF) {
                pos++; // fill bytes
            }
            if (pos + 1 >= n) {
                throw truncated("JPEG ends before its end-of-image marker");
            }
            if ((b[pos] & 0xFF) != 0xFF) {
                throw new ImageRejectedException(Reason.CORRUPT, "JPEG marker expected at byte " + pos);
            }
            int marker = b[pos + 1] & 0xFF;
            if (marker == 0xD9) {
                break;
            }
            if (marker == 0x01 || marker == 0xD8 || (marker >= 0xD0 && marker <= 0xD7)) {
                pos += 2;
                continue;
            }
            if (pos + 3 >= n) {
                throw truncated("JPEG ends inside a segment header");
            }
            int length = u16(b, pos + 2);
            int body = pos + 4;
            int next = pos + 2 + length;
            if (length < 2 || next > n) {
                throw truncated("JPEG segment 0x" + Integer.toHexString(marker) + " runs past the end");
            }
            boolean sof = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
            if (sof && width < 0) {
                if (length < 7) {
                    throw new ImageRejectedException(Reason.CORRUPT, "JPEG frame header too short");
                }
                height = u16(b, body + 1);
                width = u16(b, body + 3);
                checkSize(width, height, maxPixels);
            } else if (marker == 0xE1 && !exifSeen && length >= 16 && startsWith(b, body, 'E', 'x', 'i', 'f', 0, 0)) {
                exifSeen = true;
                orientation = exifOrientation(b, body + 6, next);
            }
            pos = next;
            if (marker == 0xDA) {
                if (++scans > MAX_JPEG_SCANS) {
                    throw new ImageRejectedException(Reason.TOO_LARGE, "JPEG of more than " + MAX_JPEG_SCANS
                            + " scans: decoding it would take too long");
                }
                pos = skipEntropyCodedData(b, pos);
            }
        }
        if (width < 0) {
            throw new ImageRejectedException(Reason.CORRUPT, "JPEG without a frame header");
        }
        return new ImageHeader(Format.JPEG, width, height, orientation);
    }

    /** Returns the position of the marker that ends the scan; TRUNCATED if the data runs out first. */
    private static int skipEntropyCodedData(byte[] b, int pos) {
        int n = b.length;
        while (pos + 1 < n) {
            if ((b[pos] & 0xFF) != 0xFF) {
                pos++;
                continue;
            }
            int next = b[pos + 1] & 0xFF;
            if (next == 0x00 || next == 0xFF || (next >= 0xD0 && next <= 0xD7)) {
                pos += next == 0xFF ? 1 : 2;
                continue;
            }
            return pos;
        }
        throw truncated("JPEG image data ends without an end-of-image marker");
    }

    /** Orientation tag (0x0112) of IFD0, 1 when absent or unreadable. */
    private static int exifOrientation(byte[] b, int tiff, int end) {
        if (tiff + 8 > end) {
            return 1;
        }
        boolean little;
        if (startsWith(b, tiff, 'I', 'I')) {
            little = true;
        } else if (startsWith(b, tiff, 'M', 'M')) {
            little = false;
        } else {
            return 1;
        }
        long ifd = tiff + u32(b, tiff + 4, little);
        if (ifd + 2 > end) {
            return 1;
        }
        int entries = u16(b, (int) ifd, little);
        for (int i = 0; i < entries; i++) {
            int entry = (int) ifd + 2 + 12 * i;
            if (entry + 12 > end) {
                return 1;
            }
            if (u16(b, entry, little) == 0x0112) {
                int value = u16(b, entry + 8, little);
                return value >= 1 && value <= 8 ? value : 1;
            }
        }
        return 1;
    }

    private static ImageHeader png(byte[] b, long maxPixels) {
        int n = b.length;
        if (n < 33) {
            throw truncated("PNG shorter than its header");
        }
        if (!startsWith(b, 12, 'I', 'H', 'D', 'R')) {
            throw new ImageRejectedException(Reason.CORRUPT, "PNG without IHDR");
        }
        long width = u32(b, 16, false);
        long height = u32(b, 20, false);
        if (width > Integer.MAX_VALUE || height > Integer.MAX_VALUE) {
            throw new ImageRejectedException(Reason.TOO_LARGE, "PNG declares " + width + "x" + height);
        }
        checkSize((int) width, (int) height, maxPixels);
        int pos = 8;
        while (true) {
            if (pos + 12 > n) {
                throw truncated("PNG ends before its IEND chunk");
            }
            long length = u32(b, pos, false);
            if (length > n - pos - 12) {
                throw truncated("PNG chunk runs past the end");
            }
            if (startsWith(b, pos + 4, 'I', 'E', 'N', 'D')) {
                break;
            }
            pos += 12 + (int) length;
        }
        return new ImageHeader(Format.PNG, (int) width, (int) height, 1);
    }

    private static void checkSize(int width, int height, long maxPixels) {
        if (width <= 0 || height <= 0) {
            throw new ImageRejectedException(Reason.CORRUPT, "declared size " + width + "x" + height);
        }
        if ((long) width * height >= maxPixels) {
            throw new ImageRejectedException(Reason.TOO_LARGE,
                    "declared size " + width + "x" + height + " is at least " + maxPixels + " pixels");
        }
    }

    private static String otherFormat(byte[] b) {
        if (startsWith(b, 0, 'G', 'I', 'F', '8')) {
            return "GIF";
        }
        if (startsWith(b, 0, 'B', 'M')) {
            return "BMP";
        }
        if (startsWith(b, 0, 'R', 'I', 'F', 'F') && startsWith(b, 8, 'W', 'E', 'B', 'P')) {
            return "WebP";
        }
        if (startsWith(b, 0, 'I', 'I', 42, 0) || startsWith(b, 0, 'M', 'M', 0, 42)) {
            return "TIFF";
        }
        if (startsWith(b, 4, 'f', 't', 'y', 'p')) {
            return "HEIF/AVIF";
        }
        return null;
    }

    private static ImageRejectedException truncated(String message) {
        return new ImageRejectedException(Reason.TRUNCATED, message);
    }

    private static boolean startsWith(byte[] b, int at, int... expected) {
        if (at < 0 || at + expected.length > b.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if ((b[at + i] & 0xFF) != expected[i]) {
                return false;
            }
        }
        return true;
    }

    private static int u16(byte[] b, int at) {
        return u16(b, at, false);
    }

    private static int u16(byte[] b, int at, boolean little) {
        int hi = b[at] & 0xFF;
        int lo = b[at + 1] & 0xFF;
        return little ? (lo << 8) | hi : (hi << 8) | lo;
    }

    private static long u32(byte[] b, int at, boolean little) {
        long v = 0;
        for (int i = 0; i < 4; i++) {
            int shift = little ? 8 * i : 8 * (3 - i);
            v |= (long) (b[at + i] & 0xFF) << shift;
        }
        return v;
    }
}
