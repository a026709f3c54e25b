package io.rollcall.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import java.util.UUID;

import io.rollcall.testing.TestEnvironment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/** Through the AWS SDK against the embedded S3 emulator: inline, one PutObject, and a real multipart upload. */
class S3UploadStreamTest {

    static S3Client s3;

    @BeforeAll
    static void start() {
        s3 = TestEnvironment.install().s3();
    }

    @AfterAll
    static void stop() {
        s3.close();
    }

    @Test
    void whatStaysWithinTheInlineLimitIsNeverUploaded() throws Exception {
        String key = key();
        S3UploadStream out = new S3UploadStream(s3, TestEnvironment.BUCKET, key, "text/csv", 1024);
        byte[] bytes = random(1000, 1);
        out.write(bytes, 0, bytes.length);
        out.close();
        assertThat(out.stored()).isFalse();
        assertThat(out.inline()).isEqualTo(bytes);
        assertThat(exists(key)).isFalse();
    }

    @Test
    void pastTheInlineLimitButWithinAPartItIsOnePutObject() throws Exception {
        String key = key();
        S3UploadStream out = new S3UploadStream(s3, TestEnvironment.BUCKET, key, "text/csv", 1024);
        byte[] bytes = random(300_000, 2);
        out.write(bytes, 0, bytes.length);
        out.close();
        assertThat(out.stored()).isTrue();
        assertThat(read(key)).isEqualTo(bytes);
    }

    /** Seeded: writes of random sizes across several parts come back byte for byte, and the parts were parts. */
    @Test
    void aLargeObjectGoesUpInPartsAndComesBackWhole() throws Exception {
        long seed = 1201L;
        Random random = new Random(seed);
        byte[] bytes = random(2 * S3UploadStream.PART_SIZE + 123_457, seed);
        String key = key();
        S3UploadStream out = new S3UploadStream(s3, TestEnvironment.BUCKET, key, "application/octet-stream", 0);
        int at = 0;
        while (at < bytes.length) {
            int n = Math.min(bytes.length - at, 1 + random.nextInt(200_000));
            if (n == 1) {
                out.write(bytes[at]);
            } else {
                out.write(bytes, at, n);
            }
            at += n;
        }
        out.close();
        assertThat(out.stored()).isTrue();
        assertThat(out.bytes()).isEqualTo(bytes.length);
        byte[] back = read(key);
        assertThat(back.length).as("seed " + seed).isEqualTo(bytes.length);
        assertThat(Arrays.equals(back, bytes)).as("seed " + seed).isTrue();
        // a multipart object's ETag ends in -<parts>
        String etag = s3.headObject(b -> b.bucket(TestEnvironment.BUCKET).key(key)).eTag();
        assertThat(etag.replace("\"", "")).endsWith("-3");
    }

    @Test
    void anAbortedUploadLeavesNoObject() throws Exception {
        String key = key();
        S3UploadStream out = new S3UploadStream(s3, TestEnvironment.BUCKET, key, "application/octet-stream", 0);
        byte[] bytes = random(S3UploadStream.PART_SIZE + 10, 3);
        out.write(bytes, 0, bytes.length);
        out.abort();
        assertThat(exists(key)).isFalse();
        assertThat(s3.listMultipartUploads(b -> b.bucket(TestEnvironment.BUCKET).prefix(key)).uploads()).isEmpty();
    }

    private static String key() {
        return "exports/test/" + UUID.randomUUID() + ".bin";
    }

    private static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static byte[] read(String key) {
        return s3.getObjectAsBytes(b -> b.bucket(TestEnvironment.BUCKET).key(key)).asByteArray();
    }

    private static boolean exists(String key) {
        try {
            s3.headObject(b -> b.bucket(TestEnvironment.BUCKET).key(key));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (software.amazon.awssdk.services.s3.model.S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw e;
        }
    }
}
