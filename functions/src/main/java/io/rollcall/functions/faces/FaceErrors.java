package io.rollcall.functions.faces;

import java.util.Locale;

import io.rollcall.faces.FaceRejectedException;
import io.rollcall.faces.enrollment.EnrollmentException;
import io.rollcall.faces.pipeline.ImageRejectedException;
import io.rollcall.functions.http.ApiException;

/** The faces domain's refusals as HTTP errors: the reason, lower-cased, is the error code. */
final class FaceErrors {

    private FaceErrors() {
    }

    static ApiException toApi(RuntimeException e) {
        if (e instanceof ImageRejectedException rejected) {
            int status = switch (rejected.reason()) {
                case NOT_AN_IMAGE, UNSUPPORTED_FORMAT -> 415;
                case TOO_LARGE -> 413;
                case NO_FACE -> 422;
                case EMPTY, TRUNCATED, CORRUPT -> 400;
            };
            return new ApiException(status, code(rejected.reason().name()), rejected.getMessage());
        }
        if (e instanceof FaceRejectedException rejected) {
            return new ApiException(422, code(rejected.reason().name()), rejected.getMessage());
        }
        if (e instanceof EnrollmentException enrollment) {
            return enrollment.kind() == EnrollmentException.Kind.NOT_FOUND
                    ? new ApiException(404, "not_found", enrollment.getMessage())
                    : ApiException.conflict(enrollment.getMessage());
        }
        throw e;
    }

    private static String code(String reason) {
        return reason.toLowerCase(Locale.ROOT);
    }

    /** Runs a domain call, translating its refusals. */
    static <T> T call(java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (ImageRejectedException | FaceRejectedException | EnrollmentException e) {
            throw toApi(e);
        }
    }
}
