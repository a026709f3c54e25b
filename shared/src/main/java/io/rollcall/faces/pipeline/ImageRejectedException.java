package io.rollcall.faces.pipeline;

/** The image cannot be analysed; {@link #reason()} says why, in a form a caller can map to an error code. */
public class ImageRejectedException extends RuntimeException {

    public enum Reason {
        /** Zero bytes (or null). */
        EMPTY,
        /** Not a JPEG or PNG, and no other image format we recognise either. */
        NOT_AN_IMAGE,
        /** An image format we recognise but do not accept (GIF, BMP, WebP, TIFF, HEIF). */
        UNSUPPORTED_FORMAT,
        /** The file ends before the image data does (JPEG without end-of-image marker, PNG without IEND). */
        TRUNCATED,
        /** The header is inconsistent or the decoder could not decode the data. */
        CORRUPT,
        /** Over the byte limit, or the header declares at least the pixel limit (checked before decoding). */
        TOO_LARGE,
        /** Decoded fine, but no face was found where one was required. */
        NO_FACE
    }

    private final Reason reason;

    public ImageRejectedException(Reason reason, String message) {
        super(reason + ": " + message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
