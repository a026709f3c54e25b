package io.rollcall.faces.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** libfaissjni.so links OpenBLAS dynamically and must get bytedeco's copy (the one the Lambda jar ships). */
class FaissOpenBlasTest {

    private static final int D = 64;

    @Test
    void batchedExactSearchGoesThroughOpenBlasAndMatchesBruteForce() {
        // FAISS computes exact inner products with sgemm from 20 queries on; below that it uses its own loop
        int n = 500;
        int nq = 64;
        float[] data = TestVectors.clustered(n, D, 10, 3);
        float[] queries = TestVectors.clustered(nq, D, 10, 4);
        try (FaissIndex index = FaissIndex.create(IndexSpec.exact(D))) {
            index.add(TestVectors.ids(n, 0), data);
            SearchResult result = index.search(queries, 1);
            for (int q = 0; q < nq; q++) {
                int best = 0;
                for (int row = 1; row < n; row++) {
                    if (Vectors.dot(queries, q, data, row, D) > Vectors.dot(queries, q, data, best, D)) {
                        best = row;
                    }
                }
                assertThat(result.score(q, 0)).isCloseTo(Vectors.dot(queries, q, data, best, D), within(1e-4f));
            }
        }
    }

    @Test
    void theOpenBlasInTheProcessIsBytedecosNotASystemOne() throws IOException {
        try (FaissIndex index = FaissIndex.create(IndexSpec.exact(D))) {
            assertThat(index.size()).isZero();
        }
        List<String> openblas;
        try (Stream<String> maps = Files.lines(Path.of("/proc/self/maps"))) {
            openblas = maps.map(line -> line.substring(line.lastIndexOf(' ') + 1))
                    .filter(file -> file.contains("libopenblas") && !file.contains("jni"))
                    .distinct()
                    .toList();
        }
        // JavaCPP's cache (extracted from the org.bytedeco:openblas jar), never /usr/lib or /lib
        assertThat(openblas).isNotEmpty().allSatisfy(file -> assertThat(file).contains("org/bytedeco/openblas/"));
    }
}
