package io.rollcall.faces.pipeline;

import java.util.Locale;
import java.util.Map;

import io.rollcall.domain.DomainException;

/** The image cannot be analysed; {@link #reason()} says why, and is the error code (lower-cased). */
public class ImageRejectedException extends DomainException {

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
        super(kindOf(reason), reason.name().toLowerCase(Locale.ROOT), reason + ": " + message, Map.of());
        this.reason = reason;
    }

    private static Kind kindOf(Reason reason) {
        return switch (reason) {
            case NOT_AN_IMAGE, UNSUPPORTED_FORMAT -> Kind.UNSUPPORTED;
            case TOO_LARGE -> Kind.TOO_LARGE;
            case NO_FACE -> Kind.UNPROCESSABLE;
            case EMPTY, TRUNCATED, CORRUPT -> Kind.INVALID;
        };
    }

    public Reason reason() {
        return reason;
    }
}
