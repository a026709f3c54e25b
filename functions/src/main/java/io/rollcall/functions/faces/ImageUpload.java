package io.rollcall.functions.faces;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

import io.rollcall.functions.http.ApiException;
import io.rollcall.functions.http.ApiRequest;

/**
 * The image of an upload: the raw body (image/jpeg, image/png, application/octet-stream), or the first file part
 * of a multipart/form-data body. Only enough of RFC 7578 to find that part's bytes.
 */
final class ImageUpload {

    private ImageUpload() {
    }

    static byte[] from(ApiRequest request) {
        String type = request.header("content-type").orElse("").toLowerCase(Locale.ROOT);
        byte[] image = type.startsWith("multipart/form-data") ? firstPart(request.body(), boundary(type)) : request.body();
        if (image.length == 0) {
            throw new ApiException(400, "empty_image", "the request carries no image (send the image as the body, or as a multipart file)");
        }
        return image;
    }

    private static String boundary(String contentType) {
        for (String param : contentType.split(";")) {
            String p = param.trim();
            if (p.startsWith("boundary=")) {
                return p.substring(9).replace("\"", "");
            }
        }
        throw ApiException.badRequest("multipart/form-data without a boundary");
    }

    /** The body of the first part that has a filename (or, failing that, the first part). */
    private static byte[] firstPart(byte[] body, String boundary) {
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        Optional<byte[]> fallback = Optional.empty();
        int at = indexOf(body, delimiter, 0);
        while (at >= 0) {
            int headersStart = at + delimiter.length;
            if (headersStart + 2 <= body.length && body[headersStart] == '-' && body[headersStart + 1] == '-') {
                break; // closing delimiter
            }
            int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), headersStart);
            int next = indexOf(body, ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1), Math.max(headersStart, 0));
            if (headersEnd < 0 || next < 0 || next < headersEnd) {
                break;
            }
            String headers = new String(body, headersStart, headersEnd - headersStart, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
            byte[] content = Arrays.copyOfRange(body, headersEnd + 4, next);
            if (headers.contains("filename=")) {
                return content;
            }
            fallback = fallback.or(() -> Optional.of(content));
            at = next + 2;
        }
        return fallback.orElseThrow(() -> ApiException.badRequest("the multipart body has no part with the image"));
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = from; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
