package io.rollcall.faces.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Flushing denormals to zero (ONNX Runtime's {@code session.set_denormal_as_zero}, the production default) must not
 * change what the pipeline sees: on every real face available, the embedding with and without the flag are the
 * same direction (cosine at least 0.999) and the same faces are found.
 */
class DenormalsAsZeroTest {

    static final double MIN_COSINE = 0.999;

    private static FacePipeline kept;
    private static FacePipeline flushed;

    @BeforeAll
    static void open() {
        RealPhotos.pipeline(); // fails with a clear message when the models are missing
        // the non-flushing one first: ONNX Runtime's once-per-process setting then clears the bits on an inference
        // thread, which the flushing pipeline must not notice
        kept = FacePipeline.open(RealPhotos.modelsDir(), PipelineSettings.defaults().withDenormalsAsZero(false));
        flushed = FacePipeline.open(RealPhotos.modelsDir(), PipelineSettings.defaults());
    }

    @AfterAll
    static void close() {
        kept.close();
        flushed.close();
    }

    @Test
    void theFlushingPipelineFlushesWhoeverCallsItAndTheOtherDoesNot() throws Exception {
        assertThat(PipelineSettings.defaults().denormalsAsZero()).isTrue();
        assertThat(flushed.flushesDenormals()).isTrue();
        assertThat(kept.flushesDenormals()).isFalse();
        var other = Executors.newSingleThreadExecutor();
        try {
            Future<Boolean> fromAnotherThread = other.submit(flushed::flushesDenormals);
            assertThat(fromAnotherThread.get()).isTrue();
            Future<Boolean> keptThere = other.submit(kept::flushesDenormals);
            assertThat(keptThere.get()).isFalse();
        } finally {
            other.shutdown();
        }
    }

    @Test
    void theFaceApiSamplesGiveTheSameEmbeddings() throws IOException {
        List<Double> cosines = compare(photos(RealPhotos.modelsDir().resolve("photos")));
        assertThat(cosines).hasSize(22).allSatisfy(c -> assertThat(c).isGreaterThanOrEqualTo(MIN_COSINE));
    }

    @Test
    void theIdentityLabelledPhotosGiveTheSameEmbeddings() throws IOException {
        Path labelled = Path.of(System.getProperty("rollcall.root", Path.of("").toAbsolutePath().getParent().toString()))
                .toAbsolutePath().getParent().resolve("shared/faces-labelled");
        Assumptions.assumeTrue(Files.isDirectory(labelled),
                "skipped: " + labelled + " (identity-labelled photos beside the repository) is not on this machine");
        List<Path> all = new ArrayList<>();
        for (String folder : List.of("faceapi-bbt", "azure-face", "compreface")) {
            all.addAll(photos(labelled.resolve(folder)));
        }
        List<Double> cosines = compare(all);
        assertThat(cosines).hasSizeGreaterThan(100).allSatisfy(c -> assertThat(c).isGreaterThanOrEqualTo(MIN_COSINE));
    }

    /** The cosine of each face's two embeddings; the same faces must be found both ways. */
    private static List<Double> compare(List<Path> photos) throws IOException {
        List<Double> cosines = new ArrayList<>();
        float maxDifference = 0;
        boolean identical = true;
        for (Path photo : photos) {
            byte[] bytes = Files.readAllBytes(photo);
            List<DetectedFace> a = kept.analyze(bytes);
            List<DetectedFace> b = flushed.analyze(bytes);
            assertThat(b).as(photo.getFileName().toString()).hasSameSizeAs(a);
            for (DetectedFace face : a) {
                DetectedFace same = b.stream().max((x, y) -> Double.compare(face.box().iou(x.box()), face.box().iou(y.box())))
                        .orElseThrow();
                assertThat(face.box().iou(same.box())).as(photo.getFileName() + " box").isGreaterThan(0.95);
                cosines.add(face.embedding().cosine(same.embedding()));
                float[] x = face.embedding().vector();
                float[] y = same.embedding().vector();
                for (int i = 0; i < x.length; i++) {
                    maxDifference = Math.max(maxDifference, Math.abs(x[i] - y[i]));
                    identical &= x[i] == y[i];
                }
            }
        }
        System.out.printf("denormals flushed vs kept: %d faces in %d photos, cosine min %.9f, largest component "
                        + "difference %.3g, all identical %s%n", cosines.size(), photos.size(),
                cosines.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN), maxDifference, identical);
        return cosines;
    }

    private static List<Path> photos(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().matches(".*\\.(jpg|jpeg|png)$")).sorted().toList();
        }
    }
}
