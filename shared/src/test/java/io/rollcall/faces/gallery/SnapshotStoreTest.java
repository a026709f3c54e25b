package io.rollcall.faces.gallery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.UUID;

import io.rollcall.testing.TestEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Snapshot transfer against the S3 emulator: multipart upload in parallel parts, ranged parallel download. */
class SnapshotStoreTest {

    static final TestEnvironment env = TestEnvironment.install();

    @TempDir
    Path dir;

    @Test
    void aFileOfManyPartsGoesUpAsAMultipartUploadAndComesBackByteForByte() throws Exception {
        try (S3Client s3 = env.s3()) {
            SnapshotStore store = new SnapshotStore(s3, TestEnvironment.BUCKET, 5, 3);
            try {
                UUID org = UUID.randomUUID();
                // 5 MiB parts (S3's smallest), 23 MiB: four full parts and a short last one
                byte[] content = new byte[23 * 1024 * 1024 + 12_345];
                new Random(21).nextBytes(content);
                Path file = Files.write(dir.resolve("up.faiss"), content);
                String key = store.put(org, 7, file);
                assertThat(key).isEqualTo(SnapshotStore.key(org, 7));
                var head = s3.headObject(b -> b.bucket(TestEnvironment.BUCKET).key(key));
                assertThat(head.contentLength()).isEqualTo(content.length);
                assertThat(head.eTag()).as("S3 names a multipart object's ETag with its part count").endsWith("-5\"");

                Path back = dir.resolve("down.faiss");
                assertThat(store.download(key, back)).isTrue();
                assertThat(Files.readAllBytes(back)).isEqualTo(content);
            } finally {
                store.destroy();
            }
        }
    }

    @Test
    void aSmallFileIsOnePutAndAMissingObjectIsNoDownload() throws Exception {
        try (S3Client s3 = env.s3()) {
            SnapshotStore store = new SnapshotStore(s3, TestEnvironment.BUCKET, 5, 2);
            try {
                UUID org = UUID.randomUUID();
                byte[] content = "a small index".getBytes();
                String key = store.put(org, 1, Files.write(dir.resolve("small"), content));
                assertThat(s3.headObject(b -> b.bucket(TestEnvironment.BUCKET).key(key)).eTag()).doesNotContain("-");
                Path back = dir.resolve("back");
                assertThat(store.download(key, back)).isTrue();
                assertThat(Files.readAllBytes(back)).isEqualTo(content);
                assertThat(store.download(SnapshotStore.key(org, 2), dir.resolve("none"))).isFalse();
                // the ranges are pinned to the ETag the HEAD saw: a rewritten object answers 412, not other bytes
                var stale = catchThrowableOfType(S3Exception.class, () -> s3.getObjectAsBytes(
                        b -> b.bucket(TestEnvironment.BUCKET).key(key).range("bytes=0-3").ifMatch("\"0123456789abcdef0123456789abcdef\"")));
                assertThat(stale.statusCode()).isEqualTo(412);
            } finally {
                store.destroy();
            }
        }
    }
}
