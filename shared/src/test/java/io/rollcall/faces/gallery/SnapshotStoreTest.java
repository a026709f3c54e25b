package io.rollcall.faces.gallery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import io.rollcall.testing.TestEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
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

                // read in 4 MiB parts (a 32nd of the object, at least 4 MiB): six, the last short
                assertThat(head.metadata().get(SnapshotStore.BLOCKS)).as("a CRC32 per read part")
                        .matches("4194304:([0-9a-f]+,){5}[0-9a-f]+");
                try (InputStream in = store.open(key).orElseThrow()) {
                    assertThat(in.readAllBytes()).isEqualTo(content);
                }
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
                try (InputStream in = store.open(key).orElseThrow()) {
                    assertThat(in.readAllBytes()).isEqualTo(content);
                }
                assertThat(store.open(SnapshotStore.key(org, 2))).isEmpty();
                // the ranges are pinned to the ETag the HEAD saw: a rewritten object answers 412, not other bytes
                var stale = catchThrowableOfType(S3Exception.class, () -> s3.getObjectAsBytes(
                        b -> b.bucket(TestEnvironment.BUCKET).key(key).range("bytes=0-3").ifMatch("\"0123456789abcdef0123456789abcdef\"")));
                assertThat(stale.statusCode()).isEqualTo(412);
            } finally {
                store.destroy();
            }
        }
    }
    @Test
    void aCorruptPartOrAnObjectWithoutChecksumsIsRefusedBeforeItsReaderSeesIt() throws Exception {
        try (S3Client s3 = env.s3()) {
            SnapshotStore store = new SnapshotStore(s3, TestEnvironment.BUCKET, 5, 2);
            try {
                UUID org = UUID.randomUUID();
                byte[] content = new byte[12 * 1024 * 1024];
                new Random(22).nextBytes(content);
                String key = store.put(org, 3, Files.write(dir.resolve("three.faiss"), content));
                String checksums = s3.headObject(b -> b.bucket(TestEnvironment.BUCKET).key(key)).metadata().get(SnapshotStore.BLOCKS);
                // the same checksums over other bytes in the last of three 4 MiB parts: two read, the third refused
                byte[] other = content.clone();
                other[other.length - 1] ^= 1;
                s3.putObject(b -> b.bucket(TestEnvironment.BUCKET).key(key).metadata(Map.of(SnapshotStore.BLOCKS, checksums)),
                        RequestBody.fromBytes(other));
                try (InputStream in = store.open(key).orElseThrow()) {
                    assertThat(in.readNBytes(8 * 1024 * 1024)).isEqualTo(Arrays.copyOf(content, 8 * 1024 * 1024));
                    assertThatThrownBy(in::readAllBytes).isInstanceOf(IllegalArgumentException.class)
                            .hasMessageContaining("the part at 8388608 is corrupt");
                }
                s3.putObject(b -> b.bucket(TestEnvironment.BUCKET).key(key), RequestBody.fromBytes(content));
                assertThatThrownBy(() -> store.open(key)).isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("no part checksums");
            } finally {
                store.destroy();
            }
        }
    }

    @Test
    void oneTransferThreadStillReadsEveryPartInOrder() throws Exception {
        try (S3Client s3 = env.s3()) {
            SnapshotStore store = new SnapshotStore(s3, TestEnvironment.BUCKET, 5, 1);
            try {
                byte[] content = new byte[13 * 1024 * 1024 + 7];
                new Random(23).nextBytes(content);
                String key = store.put(UUID.randomUUID(), 4, Files.write(dir.resolve("four.faiss"), content));
                try (InputStream in = store.open(key).orElseThrow()) {
                    assertThat(in.readAllBytes()).isEqualTo(content);
                    assertThat(in.read()).isEqualTo(-1);
                }
            } finally {
                store.destroy();
            }
        }
    }

    @Test
    void partChecksumsMustCoverTheObjectExactly() {
        assertThat(SnapshotStore.parseChecksums("10:a,b", 20)).containsExactly(10, 11);
        assertThat(SnapshotStore.parseChecksums("10:a", 0)).containsExactly(10);
        assertThat(SnapshotStore.parseChecksums("10:a,b", 21)).isNull();
        assertThat(SnapshotStore.parseChecksums("10:a,zz", 20)).isNull();
        assertThat(SnapshotStore.parseChecksums("a,b", 20)).isNull();
        assertThat(SnapshotStore.parseChecksums(null, 20)).isNull();
    }
}
