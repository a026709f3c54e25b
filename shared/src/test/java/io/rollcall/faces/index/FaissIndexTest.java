package io.rollcall.faces.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

class FaissIndexTest {

    private static final int D = 64;

    @Test
    void exactSearchFindsTheRightIdWithTheRightCosine() {
        float[] data = TestVectors.clustered(2_000, D, 20, 1);
        try (FaissIndex index = FaissIndex.create(IndexSpec.exact(D))) {
            index.add(TestVectors.ids(2_000, 1_000), data);
            assertThat(index.size()).isEqualTo(2_000);
            assertThat(index.dimension()).isEqualTo(D);
            assertThat(index.metric()).isEqualTo(Metric.INNER_PRODUCT);

            // a noisy version of vector 37: its nearest neighbour is still 37, scored with the true cosine
            float[] query = TestVectors.row(data, 37, D);
            Random random = new Random(7);
            for (int t = 0; t < D; t++) {
                query[t] += 0.02f * (float) random.nextGaussian();
            }
            Vectors.normalize(query, D);
            SearchResult result = index.search(query, 5);
            assertThat(result.id(0, 0)).isEqualTo(1_037);
            for (int r = 0; r < 5; r++) {
                int row = (int) (result.id(0, r) - 1_000);
                assertThat(result.score(0, r)).isCloseTo(Vectors.dot(query, 0, data, row, D), within(1e-5f));
            }
            assertThat(result.score(0, 0)).isGreaterThan(result.score(0, 1));
            assertThat(result.hits(0)).hasSize(5).first().isEqualTo(new SearchResult.Hit(1_037, result.score(0, 0)));
        }
    }

    @Test
    void batchedSearchAnswersEveryQueryAndPadsMissingNeighbours() {
        float[] data = TestVectors.clustered(3, D, 2, 2);
        try (FaissIndex index = FaissIndex.create(IndexSpec.exact(D))) {
            index.add(new long[] {10, 20, 30}, data);
            SearchResult result = index.search(data, 5);
            assertThat(result.queries()).isEqualTo(3);
            assertThat(new long[] {result.id(0, 0), result.id(1, 0), result.id(2, 0)}).containsExactly(10, 20, 30);
            assertThat(result.id(0, 3)).isEqualTo(SearchResult.NONE);
            assertThat(result.hits(1)).hasSize(3);
        }
    }

    @Test
    void removeWorksForFlat() {
        float[] data = TestVectors.clustered(500, D, 5, 3);
        try (FaissIndex index = FaissIndex.create(IndexSpec.exact(D))) {
            index.add(TestVectors.ids(500, 0), data);
            assertThat(index.remove(new long[] {7, 8, 9999})).isEqualTo(2);
            assertThat(index.size()).isEqualTo(498);
            assertThat(index.contains(7)).isFalse();
            assertThat(index.contains(6)).isTrue();
            SearchResult result = index.search(TestVectors.row(data, 7, D), 3);
            assertThat(result.ids()).doesNotContain(7L, 8L);
            // the other ids still map to their own vectors after FAISS compacted its storage
            assertThat(index.search(TestVectors.row(data, 499, D), 1).id(0, 0)).isEqualTo(499);
        }
    }

    @Test
    void hnswRemovesThroughTombstonesAndRebuilds() {
        float[] data = TestVectors.clustered(1_000, D, 10, 4);
        try (FaissIndex index = FaissIndex.create(IndexSpec.hnsw(D))) {
            index.add(TestVectors.ids(1_000, 0), data);
            assertThat(index.remove(new long[] {5, 5, 6, 5_000})).isEqualTo(2);
            assertThat(index.size()).isEqualTo(998);
            assertThat(index.contains(5)).isFalse();
            SearchResult result = index.search(TestVectors.row(data, 5, D), 10);
            assertThat(result.ids()).doesNotContain(5L, 6L).doesNotContain(SearchResult.NONE);

            // a tombstoned id may come back with a new vector: the old one must be gone
            index.add(new long[] {5}, TestVectors.row(data, 900, D));
            assertThat(index.size()).isEqualTo(999);
            assertThat(index.search(TestVectors.row(data, 900, D), 2).ids()).containsExactlyInAnyOrder(5L, 900L);

            // beyond MAX_TOMBSTONES the graph is rebuilt from the live vectors
            long[] many = TestVectors.ids(FaissIndex.MAX_TOMBSTONES + 1, 100);
            assertThat(index.remove(many)).isEqualTo(many.length);
            assertThat(index.size()).isEqualTo(999 - many.length);
            assertThat(index.search(TestVectors.row(data, 700, D), 1).id(0, 0)).isEqualTo(700);
            assertThat(index.search(TestVectors.row(data, 150, D), 1).id(0, 0)).isNotEqualTo(150);
        }
    }

    @Test
    void hnswRecallAgainstExactSearchIsHigh() {
        int n = 10_000;
        int queries = 200;
        float[] data = TestVectors.clustered(n, D, 50, 5);
        float[] query = TestVectors.clustered(queries, D, 50, 5); // same centres, fresh points
        try (FaissIndex exact = FaissIndex.create(IndexSpec.exact(D));
             FaissIndex hnsw = FaissIndex.create(IndexSpec.hnsw(D))) {
            exact.add(TestVectors.ids(n, 0), data);
            hnsw.add(TestVectors.ids(n, 0), data);
            SearchResult truth = exact.search(query, 1);
            SearchResult approx = hnsw.search(query, 1);
            int hits = 0;
            for (int q = 0; q < queries; q++) {
                hits += truth.id(q, 0) == approx.id(q, 0) ? 1 : 0;
            }
            assertThat(hits / (double) queries).isGreaterThanOrEqualTo(0.95);
        }
    }

    @Test
    void serializationRoundTripGivesIdenticalResults() {
        float[] data = TestVectors.clustered(2_000, D, 20, 6);
        float[] queries = TestVectors.clustered(50, D, 20, 60);
        for (IndexSpec spec : List.of(IndexSpec.exact(D), IndexSpec.hnsw(D))) {
            try (FaissIndex index = FaissIndex.create(spec)) {
                index.add(TestVectors.ids(2_000, 0), data);
                index.remove(new long[] {3});
                byte[] bytes = index.toBytes();
                try (FaissIndex copy = FaissIndex.fromBytes(bytes)) {
                    assertThat(copy.size()).isEqualTo(1_999);
                    assertThat(copy.dimension()).isEqualTo(D);
                    assertThat(copy.factory()).isEqualTo(spec.factory());
                    assertThat(copy.contains(3)).isFalse();
                    SearchResult a = index.search(queries, 10);
                    SearchResult b = copy.search(queries, 10);
                    assertThat(b.ids()).containsExactly(a.ids());
                    assertThat(b.scores()).containsExactly(a.scores());
                    assertThat(copy.toBytes()).isEqualTo(bytes);
                }
            }
        }
    }

    @Test
    void badInputGivesExceptionsNotCrashes() {
        try (FaissIndex index = FaissIndex.create(IndexSpec.exact(D))) {
            assertThatThrownBy(() -> index.add(new long[] {1}, new float[D + 1])).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> index.add(new long[] {1, 2}, new float[D])).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> index.add(null, new float[D])).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> index.search(new float[D - 1], 1)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> index.search(new float[0], 1)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> index.search(new float[D], 0)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> index.setParameter("noSuchParameter", 1)).isInstanceOf(FaissException.class)
                    .hasMessageContaining("noSuchParameter");
        }
        assertThatThrownBy(() -> FaissIndex.create(D, "Flat", Metric.L2, Map.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FaissIndex.create(D, "IDMap2,NoSuchIndex", Metric.L2, Map.of()))
                .isInstanceOf(FaissException.class).hasMessageContaining("NoSuchIndex");
        try (FaissIndex ivf = FaissIndex.create(D, "IDMap2,IVF4,Flat", Metric.L2, Map.of())) {
            assertThatThrownBy(() -> ivf.add(new long[] {1}, new float[D])).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void closedIndexThrowsIllegalState() {
        FaissIndex index = FaissIndex.create(IndexSpec.exact(D));
        index.add(new long[] {1}, TestVectors.clustered(1, D, 1, 8));
        index.close();
        index.close(); // idempotent
        assertThatThrownBy(() -> index.search(new float[D], 1)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> index.add(new long[] {2}, new float[D])).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(index::size).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(index::toBytes).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void corruptSnapshotsAreRejected() throws Exception {
        byte[] good;
        try (FaissIndex index = FaissIndex.create(IndexSpec.exact(D))) {
            index.add(TestVectors.ids(10, 0), TestVectors.clustered(10, D, 2, 9));
            good = index.toBytes();
        }
        assertThatThrownBy(() -> FaissIndex.fromBytes(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FaissIndex.fromBytes(new byte[0])).isInstanceOf(IllegalArgumentException.class);
        byte[] random = new byte[4_096];
        new Random(10).nextBytes(random);
        assertThatThrownBy(() -> FaissIndex.fromBytes(random)).isInstanceOf(IllegalArgumentException.class);
        byte[] flipped = good.clone();
        flipped[flipped.length / 2] ^= 0x40;
        assertThatThrownBy(() -> FaissIndex.fromBytes(flipped)).isInstanceOf(IllegalArgumentException.class);
        byte[] truncated = java.util.Arrays.copyOf(good, good.length - 100);
        assertThatThrownBy(() -> FaissIndex.fromBytes(truncated)).isInstanceOf(IllegalArgumentException.class);

        // a well-formed envelope around bytes FAISS cannot read reaches native code: FaissException, no crash
        for (byte[] payload : List.of(random, java.util.Arrays.copyOf(nativePart(good), 200))) {
            byte[] forged = envelope(payload);
            assertThatThrownBy(() -> FaissIndex.fromBytes(forged)).isInstanceOf(FaissException.class);
        }
    }

    @Test
    void concurrentSearchesDuringAddsAreSafe() throws Exception {
        int base = 2_000;
        float[] data = TestVectors.clustered(base, D, 20, 11);
        float[] more = TestVectors.clustered(20 * 200, D, 20, 12);
        try (FaissIndex index = FaissIndex.create(IndexSpec.exact(D))) {
            index.add(TestVectors.ids(base, 0), data);
            ExecutorService pool = Executors.newFixedThreadPool(4);
            AtomicBoolean adding = new AtomicBoolean(true);
            CountDownLatch started = new CountDownLatch(4);
            List<Future<Integer>> searchers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int offset = t;
                searchers.add(pool.submit(() -> {
                    started.countDown();
                    int done = 0;
                    for (int i = offset; adding.get() || done < 50; i = (i + 7) % base) {
                        SearchResult r = index.search(TestVectors.row(data, i, D), 1);
                        if (r.id(0, 0) != i || Math.abs(r.score(0, 0) - 1f) > 1e-4f) {
                            throw new AssertionError("query " + i + " found " + r.id(0, 0) + " score " + r.score(0, 0));
                        }
                        done++;
                    }
                    return done;
                }));
            }
            started.await();
            for (int batch = 0; batch < 20; batch++) {
                float[] vectors = java.util.Arrays.copyOfRange(more, batch * 200 * D, (batch + 1) * 200 * D);
                index.add(TestVectors.ids(200, 100_000 + batch * 200L), vectors);
            }
            adding.set(false);
            for (Future<Integer> f : searchers) {
                assertThat(f.get()).isGreaterThanOrEqualTo(50);
            }
            pool.shutdown();
            assertThat(index.size()).isEqualTo(base + 4_000);
        }
    }

    @Test
    void copyAsMovesLiveVectorsToAnotherKind() {
        float[] data = TestVectors.clustered(1_000, D, 10, 13);
        try (FaissIndex flat = FaissIndex.create(IndexSpec.exact(D))) {
            flat.add(TestVectors.ids(1_000, 0), data);
            flat.remove(new long[] {1});
            try (FaissIndex hnsw = flat.copyAs(IndexSpec.hnsw(D))) {
                assertThat(hnsw.size()).isEqualTo(999);
                assertThat(hnsw.contains(1)).isFalse();
                assertThat(hnsw.search(TestVectors.row(data, 42, D), 1).id(0, 0)).isEqualTo(42);
            }
        }
    }

    // The FAISS bytes inside a snapshot of an index without parameters or tombstones.
    private static byte[] nativePart(byte[] snapshot) {
        int header = 8 + 2 + "IDMap2,Flat".length() + 4 + 4 + 4;
        return java.util.Arrays.copyOfRange(snapshot, header, snapshot.length - 8);
    }

    private static byte[] envelope(byte[] faiss) throws Exception {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(buffer);
        out.write(new byte[] {'R', 'C', 'F', 'A', 'I', 'S', 'S', '1'});
        out.writeUTF("IDMap2,Flat");
        out.writeInt(0);
        out.writeInt(0);
        out.writeInt(faiss.length);
        out.write(faiss);
        CRC32 crc = new CRC32();
        crc.update(buffer.toByteArray());
        out.writeLong(crc.getValue());
        return buffer.toByteArray();
    }
}
