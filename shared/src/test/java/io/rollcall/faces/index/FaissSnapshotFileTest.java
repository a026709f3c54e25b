package io.rollcall.faces.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Snapshot files (writeTo / readFrom: FAISS write_index/read_index to a path), the build choice, memory. */
class FaissSnapshotFileTest {

    private static final int D = 64;

    @TempDir
    Path dir;

    @Test
    void everyIndexKindSurvivesAFileRoundTripWithItsAnswersTombstonesAndParameters() {
        float[] data = TestVectors.clustered(3_000, D, 30, 11);
        float[] queries = TestVectors.clustered(50, D, 30, 12);
        List<IndexSpec> specs = List.of(IndexSpec.exact(D), IndexSpec.hnsw(D),
                IndexSpec.exact(D).withStorage(IndexSpec.Storage.FP16), IndexSpec.hnsw(D).withStorage(IndexSpec.Storage.FP16));
        for (IndexSpec spec : specs) {
            try (FaissIndex index = FaissIndex.create(spec)) {
                index.add(TestVectors.ids(3_000, 5_000), data);
                index.remove(new long[] {5_001, 5_002});
                Path file = dir.resolve(spec.kindName() + ".faiss");
                long size = index.writeTo(file);
                assertThat(size).as(spec.kindName()).isEqualTo(sizeOf(file));
                try (FaissIndex loaded = FaissIndex.readFrom(file)) {
                    assertThat(loaded.factory()).isEqualTo(spec.factory());
                    assertThat(loaded.size()).as(spec.kindName()).isEqualTo(2_998);
                    assertThat(loaded.contains(5_001)).isFalse();
                    assertThat(loaded.contains(5_003)).isTrue();
                    SearchResult before = index.search(queries, 5);
                    SearchResult after = loaded.search(queries, 5);
                    assertThat(after.ids()).as(spec.kindName()).containsExactly(before.ids());
                    assertThat(after.scores()).containsExactly(before.scores());
                }
            }
        }
    }

    @Test
    void aFileWrittenByToBytesLoadsToo() throws Exception {
        float[] data = TestVectors.clustered(500, D, 10, 13);
        try (FaissIndex index = FaissIndex.create(IndexSpec.exact(D))) {
            index.add(TestVectors.ids(500, 0), data);
            Path file = Files.write(dir.resolve("old.faiss"), index.toBytes()); // the snapshots in buckets before files
            try (FaissIndex loaded = FaissIndex.readFrom(file)) {
                assertThat(loaded.search(data, 1).ids()).containsExactly(index.search(data, 1).ids());
            }
        }
    }

    @Test
    void anyFlippedByteOrATruncatedFileIsRefusedBeforeFaissReadsIt() throws Exception {
        float[] data = TestVectors.clustered(400, D, 10, 14);
        Path file = dir.resolve("good.faiss");
        try (FaissIndex index = FaissIndex.create(IndexSpec.hnsw(D))) {
            index.add(TestVectors.ids(400, 0), data);
            index.writeTo(file);
        }
        byte[] good = Files.readAllBytes(file);
        Random random = new Random(15);
        for (int round = 0; round < 40; round++) {
            byte[] bad = good.clone();
            int at = random.nextInt(bad.length);
            bad[at] ^= (byte) (1 + random.nextInt(255));
            Path corrupt = Files.write(dir.resolve("bad" + round), bad);
            assertThatThrownBy(() -> FaissIndex.readFrom(corrupt)).as("seed 15, round %d, byte %d", round, at)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        Path truncated = Files.write(dir.resolve("short"), java.util.Arrays.copyOf(good, good.length / 2));
        assertThatThrownBy(() -> FaissIndex.readFrom(truncated)).isInstanceOf(IllegalArgumentException.class);
        Path foreign = Files.write(dir.resolve("foreign"), "not an index at all".getBytes());
        assertThatThrownBy(() -> FaissIndex.readFrom(foreign)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a FaissIndex snapshot");
    }

    @Test
    void aStreamedSnapshotLoadsAsTheFileDoes() throws Exception {
        float[] data = TestVectors.clustered(3_000, D, 30, 17);
        float[] queries = TestVectors.clustered(50, D, 30, 18);
        for (IndexSpec spec : List.of(IndexSpec.exact(D), IndexSpec.hnsw(D).withStorage(IndexSpec.Storage.FP16))) {
            try (FaissIndex index = FaissIndex.create(spec)) {
                index.add(TestVectors.ids(3_000, 0), data);
                index.remove(new long[] {7});
                Path file = dir.resolve(spec.kindName() + ".stream");
                index.writeTo(file);
                // a stream that hands out at most 1,000 bytes a read, as a network does
                try (InputStream in = new TrickleStream(Files.newInputStream(file), 1_000);
                     FaissIndex loaded = FaissIndex.readFrom(in)) {
                    assertThat(in.read()).as("read to the snapshot's end").isEqualTo(-1);
                    assertThat(loaded.factory()).isEqualTo(spec.factory());
                    assertThat(loaded.size()).isEqualTo(2_999);
                    assertThat(loaded.contains(7)).isFalse();
                    assertThat(loaded.search(queries, 5).ids()).as(spec.kindName()).containsExactly(index.search(queries, 5).ids());
                }
            }
        }
    }

    @Test
    void aStreamedSnapshotThatEndsEarlyHasAWrongChecksumOrFailsIsRefused() throws Exception {
        Path file = dir.resolve("good.stream");
        try (FaissIndex index = FaissIndex.create(IndexSpec.hnsw(D))) {
            index.add(TestVectors.ids(400, 0), TestVectors.clustered(400, D, 10, 19));
            index.writeTo(file);
        }
        byte[] good = Files.readAllBytes(file);
        for (int cut : new int[] {good.length - 4, good.length - 9, good.length / 2, 20, 3}) {
            byte[] shorter = Arrays.copyOf(good, cut);
            assertThatThrownBy(() -> FaissIndex.readFrom(new ByteArrayInputStream(shorter))).as("cut at %d", cut)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        byte[] badChecksum = good.clone();
        badChecksum[good.length - 1] ^= 1;
        assertThatThrownBy(() -> FaissIndex.readFrom(new ByteArrayInputStream(badChecksum)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("checksum mismatch");
        assertThatThrownBy(() -> FaissIndex.readFrom(new ByteArrayInputStream("not an index at all".getBytes())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a FaissIndex snapshot");
        InputStream failing = new SequenceInputStream(new ByteArrayInputStream(good, 0, good.length / 2), new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("connection reset");
            }
        });
        assertThatThrownBy(() -> FaissIndex.readFrom(failing)).isInstanceOf(UncheckedIOException.class)
                .hasRootCauseMessage("connection reset");
    }

    /** At most {@code most} bytes a read. */
    private static final class TrickleStream extends FilterInputStream {
        private final int most;

        TrickleStream(InputStream in, int most) {
            super(in);
            this.most = most;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return super.read(b, off, Math.min(len, most));
        }
    }

    @Test
    void theBuildIsChosenByTheCpusFlags() {
        // this machine's CPU: whatever cpuid says decides, unless the operator asks for one (the suite also runs
        // with -Drollcall.faiss.simd=generic, to test the other build)
        boolean avx2 = FaissNative.cpuSupportsAvx2();
        String requested = System.getProperty(FaissNative.SIMD_PROPERTY, System.getenv(FaissNative.SIMD_ENVIRONMENT));
        String expected = requested == null || requested.isBlank() || requested.trim().equalsIgnoreCase("auto")
                ? (avx2 ? "avx2" : "generic") : requested.trim().toLowerCase(java.util.Locale.ROOT);
        assertThat(FaissIndex.simd()).isEqualTo(expected);
        assertThat(FaissNative.choose(null, true)).isEqualTo(FaissNative.Simd.AVX2);
        assertThat(FaissNative.choose("auto", false)).isEqualTo(FaissNative.Simd.GENERIC);
        assertThat(FaissNative.choose(" Generic ", true)).isEqualTo(FaissNative.Simd.GENERIC);
        assertThatThrownBy(() -> FaissNative.choose("avx2", false)).isInstanceOf(UnsatisfiedLinkError.class)
                .hasMessageContaining("lacks AVX2");
        assertThatThrownBy(() -> FaissNative.choose("avx512", true)).isInstanceOf(UnsatisfiedLinkError.class);
    }

    @Test
    void memoryIsCountedFromTheIndexStructures() {
        float[] data = TestVectors.clustered(2_000, D, 20, 16);
        long[] ids = TestVectors.ids(2_000, 0);
        try (FaissIndex flat = FaissIndex.create(IndexSpec.exact(D));
             FaissIndex half = FaissIndex.create(IndexSpec.exact(D).withStorage(IndexSpec.Storage.FP16));
             FaissIndex hnsw = FaissIndex.create(IndexSpec.hnsw(D))) {
            assertThat(flat.memoryBytes()).isZero();
            flat.add(ids, data);
            half.add(ids, data);
            hnsw.add(ids, data);
            long vectors = 2_000L * D * 4;
            assertThat(flat.memoryBytes()).isBetween(vectors, vectors * 2);
            assertThat(half.memoryBytes()).isBetween(vectors / 2, vectors);
            assertThat(hnsw.memoryBytes()).isGreaterThan(flat.memoryBytes() + 2_000L * 32 * 4); // + the graph's links
        }
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
