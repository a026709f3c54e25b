package io.rollcall.faces.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import io.rollcall.faces.pipeline.PipelineSettings.Decoder;

/**
 * Bulk enrollment's reduced decode ({@link Decoder#OPENCV_REDUCED_AUTO}) on the real large photos of
 * ../shared/faces-labelled (3,880 to 7,360 px): the same face, the same checks, from a quarter or half of the pixels.
 */
class ReducedDecodeTest {

    @Test
    void theReductionKeepsTheLongerSideAtLeast1280Px() {
        assertThat(ImageDecoder.reduction(new ImageHeader(ImageHeader.Format.JPEG, 4912, 7360, 1), 1280)).isEqualTo(4);
        assertThat(ImageDecoder.reduction(new ImageHeader(ImageHeader.Format.JPEG, 3880, 5184, 1), 1280)).isEqualTo(4);
        assertThat(ImageDecoder.reduction(new ImageHeader(ImageHeader.Format.JPEG, 1880, 1253, 1), 1280)).isEqualTo(1);
        assertThat(ImageDecoder.reduction(new ImageHeader(ImageHeader.Format.JPEG, 20000, 1000, 1), 1280)).isEqualTo(8);
        assertThat(ImageDecoder.reduction(new ImageHeader(ImageHeader.Format.PNG, 7360, 4912, 1), 1280)).isEqualTo(1);
        assertThat(FacePipeline.finerReduction(478)).as("a 478 px face keeps 119 px at 1/4").isEqualTo(4);
        assertThat(FacePipeline.finerReduction(200)).isEqualTo(1);
        assertThat(FacePipeline.finerReduction(2000)).isEqualTo(8);
    }

    @Test
    void largePhotosGiveTheSameFaceAndChecksAtReducedSizeOnTwoThreads() throws Exception {
        Path labelled = Path.of(System.getProperty("rollcall.root", Path.of("").toAbsolutePath().getParent().toString()))
                .toAbsolutePath().getParent().resolve("shared/faces-labelled/compreface");
        Assumptions.assumeTrue(Files.isDirectory(labelled), "needs the identity-labelled photos in " + labelled);
        FacePipeline pipeline = RealPhotos.pipeline();
        List<byte[]> photos = new ArrayList<>();
        for (int n = 1; n <= 6; n++) {
            photos.add(read(labelled.resolve("sample_A__" + n + ".jpg")));
        }
        ExecutorService two = Executors.newFixedThreadPool(2);
        try {
            List<Future<List<DetectedFace>>> reduced = new ArrayList<>();
            for (byte[] photo : photos) {   // two at a time: each analysis's Mats live in its own scope
                reduced.add(two.submit(() -> pipeline.analyze(photo, FacePipeline.Checks.ENROLLMENT, Decoder.OPENCV_REDUCED_AUTO)));
            }
            for (int i = 0; i < photos.size(); i++) {
                List<DetectedFace> full = pipeline.analyze(photos.get(i), FacePipeline.Checks.ENROLLMENT, Decoder.OPENCV);
                List<DetectedFace> small = reduced.get(i).get();
                assertThat(small).as("photo %d", i + 1).hasSize(1).hasSameSizeAs(full);
                DetectedFace a = full.get(0);
                DetectedFace b = small.get(0);
                assertThat(a.embedding().cosine(b.embedding())).as("photo %d", i + 1).isGreaterThan(0.97);
                // in the original's pixels, whatever the decode
                assertThat(Math.abs(a.box().x() - b.box().x())).isLessThan(a.box().width() / 10);
                assertThat(b.quality().sizePx()).isCloseTo(a.quality().sizePx(), org.assertj.core.data.Percentage.withPercentage(10));
                assertThat(b.checks().liveness().checked()).isEqualTo(a.checks().liveness().checked());
                assertThat(b.checks().liveness().score()).isCloseTo(a.checks().liveness().score(), org.assertj.core.data.Offset.offset(0.15));
                assertThat(b.checks().pose().yaw()).isCloseTo(a.checks().pose().yaw(), org.assertj.core.data.Offset.offset(4.0));
                assertThat(b.checks().pose().pitch()).isCloseTo(a.checks().pose().pitch(), org.assertj.core.data.Offset.offset(4.0));
                assertThat(b.checks().eyes().left() >= 0.5).isEqualTo(a.checks().eyes().left() >= 0.5);
                assertThat(b.checks().eyes().right() >= 0.5).isEqualTo(a.checks().eyes().right() >= 0.5);
            }
        } finally {
            two.shutdown();
        }
    }

    private static byte[] read(Path path) {
        try {
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
