package io.rollcall.faces.index;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** AUTO's choice by size (the measurements behind it: docs/faces.md, docs/benchmarks.md scale section). */
class IndexSpecTest {

    @Test
    void autoIsExactForSmallOrganizationsAndSixteenBitHnswWithAWiderBeamAsTheyGrow() {
        assertThat(IndexSpec.forSize(512, 0)).isEqualTo(IndexSpec.exact(512));
        assertThat(IndexSpec.forSize(512, IndexSpec.HNSW_THRESHOLD - 1).factory()).isEqualTo("IDMap2,Flat");
        IndexSpec mid = IndexSpec.forSize(512, IndexSpec.HNSW_THRESHOLD);
        assertThat(mid.factory()).isEqualTo("IDMap2,HNSW32,SQfp16");
        assertThat(mid.kindName()).isEqualTo("HNSW_FP16");
        assertThat(mid.parameters()).containsEntry("efSearch", 64.0).containsEntry("efConstruction", 40.0);
        IndexSpec large = IndexSpec.forSize(512, 1_000_000);
        assertThat(large.factory()).isEqualTo(mid.factory());
        assertThat(large.efSearch()).isEqualTo(128);
        assertThat(IndexSpec.kindNameOf(large.factory())).isEqualTo("HNSW_FP16");
        assertThat(IndexSpec.kindNameOf("IDMap2,Flat")).isEqualTo("FLAT");
        assertThat(IndexSpec.exact(512).withStorage(IndexSpec.Storage.FP16).factory()).isEqualTo("IDMap2,SQfp16");
    }

    @Test
    void anExactIndexConvertsToSixteenBitHnswKeepingEveryVectorFindable() {
        int d = 64;
        float[] data = TestVectors.clustered(3_000, d, 30, 41);
        try (FaissIndex flat = FaissIndex.create(IndexSpec.exact(d))) {
            flat.add(TestVectors.ids(3_000, 100), data);
            try (FaissIndex hnsw = flat.copyAs(IndexSpec.forSize(d, IndexSpec.HNSW_THRESHOLD))) {
                assertThat(hnsw.factory()).isEqualTo("IDMap2,HNSW32,SQfp16");
                assertThat(hnsw.size()).isEqualTo(3_000);
                SearchResult result = hnsw.search(data, 1);
                int found = 0;
                for (int q = 0; q < 3_000; q++) {
                    found += result.id(q, 0) == 100 + q ? 1 : 0;
                }
                assertThat(found).as("each stored vector finds itself").isGreaterThanOrEqualTo(2_990);
            }
        }
    }
}
