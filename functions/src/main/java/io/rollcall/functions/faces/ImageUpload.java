package io.rollcall.functions.faces;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import io.rollcall.functions.http.ApiException;
import io.rollcall.functions.http.ApiRequest;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;

/**
 * The image of an upload: the raw body (image/jpeg, image/png, application/octet-stream), or the one file part
 * of a multipart/form-data body (RFC 7578, parsed by Jakarta Mail's MimeMultipart, which keeps the boundary's
 * case as browsers send it). Text fields beside the file are ignored; several files are refused, since one
 * request enrols or recognizes one image and silently dropping the others would lose them.
 */
final class ImageUpload {

    private ImageUpload() {
    }

    static byte[] from(ApiRequest request) {
        String type = request.header("content-type").orElse("");
        byte[] image = type.regionMatches(true, 0, "multipart/form-data", 0, 19) ? onlyFile(request.body(), type) : request.body();
        if (image.length == 0) {
            throw new ApiException(400, "empty_image", "the request carries no image (send the image as the body, or as a multipart file)");
        }
        return image;
    }

    private static byte[] onlyFile(byte[] body, String contentType) {
        List<byte[]> files = new ArrayList<>();
        try {
            MimeMultipart multipart = new MimeMultipart(new ByteArrayDataSource(body, contentType));
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart part = multipart.getBodyPart(i);
                if (part.getFileName() != null) {
                    try (InputStream in = part.getInputStream()) {
                        files.add(in.readAllBytes());
                    }
                }
            }
        } catch (MessagingException | IOException e) {
            throw ApiException.badRequest("the multipart/form-data body cannot be read: " + e.getMessage());
        }
        if (files.isEmpty()) {
            throw ApiException.badRequest("the multipart body has no file part with the image");
        }
        if (files.size() > 1) {
            throw new ApiException(400, "too_many_files", "the multipart body has " + files.size()
                    + " files; send one image per request");
        }
        return files.get(0);
    }
}
