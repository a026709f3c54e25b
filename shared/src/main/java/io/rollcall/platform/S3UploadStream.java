package io.rollcall.platform;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * An object written as a stream: bytes go to S3 in parts of {@value #PART_SIZE} bytes (a multipart upload) as
 * they come, so memory holds one part, never the object. What ends within {@code inlineLimit} bytes is not
 * uploaded at all and can be answered inline ({@link #inline()}). Close it to finish the object; on a failure
 * {@link #abort()} drops the parts already sent.
 */
public final class S3UploadStream extends OutputStream {

    /** S3's smallest part but the last is 5 MiB; 8 MiB keeps the part count low for large objects. */
    public static final int PART_SIZE = 8 * 1024 * 1024;

    private final S3Client s3;
    private final String bucket;
    private final String key;
    private final String contentType;
    private final int inlineLimit;
    private final List<CompletedPart> parts = new ArrayList<>();
    private byte[] buffer = new byte[64 * 1024];
    private int buffered;
    private long total;
    private String uploadId;
    private boolean closed;
    private boolean stored;

    public S3UploadStream(S3Client s3, String bucket, String key, String contentType, int inlineLimit) {
        if (inlineLimit > PART_SIZE) {
            throw new IllegalArgumentException("an inline answer is at most one part");
        }
        this.s3 = s3;
        this.bucket = bucket;
        this.key = key;
        this.contentType = contentType;
        this.inlineLimit = inlineLimit;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        if (closed) {
            throw new IOException("the upload of " + key + " is closed");
        }
        while (length > 0) {
            int n = Math.min(length, PART_SIZE - buffered);
            ensureCapacity(buffered + n);
            System.arraycopy(bytes, offset, buffer, buffered, n);
            buffered += n;
            total += n;
            offset += n;
            length -= n;
            if (buffered == PART_SIZE) {
                uploadPart();
            }
        }
    }

    /** Finishes the object: the last part and the multipart's completion, or one PutObject, or nothing (inline). */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (uploadId != null) {
            if (buffered > 0) {
                uploadPart();
            }
            List<CompletedPart> done = List.copyOf(parts);
            s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId)
                    .multipartUpload(m -> m.parts(done)));
            stored = true;
        } else if (total > inlineLimit) {
            s3.putObject(b -> b.bucket(bucket).key(key).contentType(contentType), body());
            stored = true;
        }
    }

    /** Drops what was sent; the object never appears. */
    public void abort() {
        closed = true;
        if (uploadId != null && !stored) {
            String id = uploadId;
            s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(id));
        }
    }

    /** After close: whether the object is in the bucket (else {@link #inline()} holds it). */
    public boolean stored() {
        return stored;
    }

    /** After close, for an object within the inline limit: its bytes. */
    public byte[] inline() {
        if (!closed || stored) {
            throw new IllegalStateException(key + " was uploaded, not kept inline");
        }
        return Arrays.copyOf(buffer, buffered);
    }

    public long bytes() {
        return total;
    }

    public String key() {
        return key;
    }

    private void uploadPart() {
        if (uploadId == null) {
            uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key(key).contentType(contentType)).uploadId();
        }
        int number = parts.size() + 1;
        String etag = s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(number),
                body()).eTag();
        parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
        buffered = 0;
    }

    /** The buffered bytes as a request body, without another copy of them (resettable, for the SDK's retries). */
    private RequestBody body() {
        return RequestBody.fromInputStream(new ByteArrayInputStream(buffer, 0, buffered), buffered);
    }

    private void ensureCapacity(int needed) {
        if (needed > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.min(PART_SIZE, Math.max(needed, buffer.length * 2)));
        }
    }
}
