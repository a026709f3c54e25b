package io.rollcall.faces.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The pipeline on the real photos fetched by models/fetch.sh (counts checked by eye). */
class FacePipelineTest {

    @ParameterizedTest(name = "{0} has {1} faces")
    @CsvSource({"sample1.jpg, 3", "sample2.jpg, 3", "sample3.jpg, 3", "sample4.jpg, 4", "sample5.jpg, 5", "sample6.jpg, 4"})
    void findsEveryFaceInTheRealPhotos(String photo, int expected) {
        FacePipeline pipeline = RealPhotos.pipeline();
        List<DetectedFace> faces = pipeline.analyze(RealPhotos.photo(photo));

        assertThat(faces).hasSize(expected);
        for (DetectedFace face : faces) {
            assertThat(face.score()).isBetween(0.7f, 1f);
            assertThat(face.embedding().dimension()).isEqualTo(512);
            assertThat(face.embedding().modelVersion()).isEqualTo(pipeline.modelVersion()).isNotBlank();
            assertThat(face.embedding().cosine(face.embedding())).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
            assertThat(face.landmarks()).hasSize(5).allSatisfy(p -> {
                assertThat(p.x()).isBetween((float) face.box().x(), (float) (face.box().x() + face.box().width()));
                assertThat(p.y()).isBetween((float) face.box().y(), (float) (face.box().y() + face.box().height()));
            });
            FacePoint leftEye = face.landmarks().get(0);
            FacePoint rightEye = face.landmarks().get(1);
            FacePoint mouthLeft = face.landmarks().get(3);
            assertThat(leftEye.x()).isLessThan(rightEye.x());
            assertThat(mouthLeft.y()).isGreaterThan(leftEye.y());
            assertThat(face.quality().sizePx()).isEqualTo(face.box().sizePx()).isGreaterThan(60);
            assertThat(face.quality().sharpness()).isPositive();
            BufferedImage crop = RealPhotos.read(face.cropJpeg());
            assertThat(Math.max(crop.getWidth(), crop.getHeight())).isBetween(64, FacePipeline.CROP_MAX_SIDE);
        }
    }

    @Test
    void theSameFaceReEncodedAndResizedEmbedsAlike() {
        FacePipeline pipeline = RealPhotos.pipeline();
        byte[] original = RealPhotos.photo("sample3.jpg");
        byte[] processed = RealPhotos.jpeg(RealPhotos.scaled(RealPhotos.read(original), 0.6), 0.7f);

        List<DetectedFace> a = pipeline.analyze(original);
        List<DetectedFace> b = pipeline.analyze(processed);

        assertThat(b).hasSameSizeAs(a);
        for (DetectedFace face : a) {
            DetectedFace same = closest(face, b, 0.6);
            assertThat(face.embedding().cosine(same.embedding())).isGreaterThan(0.9);
        }
    }

    @Test
    void differentPeopleAreMostlyBelowPointFour() {
        FacePipeline pipeline = RealPhotos.pipeline();
        List<Double> similarities = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            List<DetectedFace> faces = pipeline.analyze(RealPhotos.photo("sample" + i + ".jpg"));
            for (int x = 0; x < faces.size(); x++) {
                for (int y = x + 1; y < faces.size(); y++) {
                    similarities.add(faces.get(x).embedding().cosine(faces.get(y).embedding()));
                }
            }
        }
        assertThat(similarities).hasSize(3 + 3 + 3 + 6 + 10 + 6);
        long below = similarities.stream().filter(s -> s < 0.4).count();
        assertThat(below).isGreaterThanOrEqualTo(Math.round(similarities.size() * 0.9));
        assertThat(similarities).allSatisfy(s -> assertThat(s).isLessThan(0.6));
    }

    @Test
    void anExifRotatedPhotoGivesTheSameFaces() {
        FacePipeline pipeline = RealPhotos.pipeline();
        BufferedImage upright = RealPhotos.read(RealPhotos.photo("sample1.jpg"));
        byte[] uprightJpeg = RealPhotos.jpeg(upright, 0.95f);
        byte[] sideways = RealPhotos.withExifOrientation(RealPhotos.jpeg(RealPhotos.rotatedCounterClockwise(upright), 0.95f), 6);

        FacePipeline.Analysis a = pipeline.analyzeTimed(uprightJpeg);
        FacePipeline.Analysis b = pipeline.analyzeTimed(sideways);

        assertThat(b.imageWidth()).isEqualTo(upright.getWidth());
        assertThat(b.imageHeight()).isEqualTo(upright.getHeight());
        assertThat(b.faces()).hasSameSizeAs(a.faces()).hasSize(3);
        for (DetectedFace face : a.faces()) {
            DetectedFace same = closest(face, b.faces(), 1.0);
            assertThat(face.box().iou(same.box())).isGreaterThan(0.8);
            assertThat(face.embedding().cosine(same.embedding())).isGreaterThan(0.9);
        }
    }

    @Test
    void pngInputWorksLikeJpeg() {
        FacePipeline pipeline = RealPhotos.pipeline();
        BufferedImage image = RealPhotos.scaled(RealPhotos.read(RealPhotos.photo("sample6.jpg")), 0.5);
        List<DetectedFace> fromJpeg = pipeline.analyze(RealPhotos.jpeg(image, 0.95f));
        List<DetectedFace> fromPng = pipeline.analyze(RealPhotos.png(image));
        assertThat(fromPng).hasSize(4).hasSameSizeAs(fromJpeg);
    }

    @Test
    void primaryFaceIsTheLargestAndNoFaceIsTyped() {
        FacePipeline pipeline = RealPhotos.pipeline();
        byte[] photo = RealPhotos.photo("sample5.jpg");
        DetectedFace largest = pipeline.analyze(photo).stream()
                .max(Comparator.comparingInt(f -> f.box().width() * f.box().height())).orElseThrow();
        assertThat(pipeline.primaryFace(photo).box()).isEqualTo(largest.box());

        // the wall and curtain in the top-left of sample1: a real photo without a face
        byte[] noFace = RealPhotos.jpeg(RealPhotos.crop(RealPhotos.read(RealPhotos.photo("sample1.jpg")), 0, 0, 640, 480), 0.9f);
        assertThat(pipeline.analyze(noFace)).isEmpty();
        assertThatThrownBy(() -> pipeline.primaryFace(noFace))
                .isInstanceOfSatisfying(ImageRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(ImageRejectedException.Reason.NO_FACE));
    }

    @Test
    void concurrentCallersGetTheSameResultsAsOne() throws Exception {
        FacePipeline pipeline = RealPhotos.pipeline();
        List<byte[]> photos = new ArrayList<>();
        List<List<DetectedFace>> expected = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            photos.add(RealPhotos.photo("sample" + i + ".jpg"));
            expected.add(pipeline.analyze(photos.get(i - 1)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<DetectedFace>>> results = new ArrayList<>();
            for (int round = 0; round < 2; round++) {
                for (byte[] photo : photos) {
                    results.add(pool.submit(() -> pipeline.analyze(photo)));
                }
            }
            for (int i = 0; i < results.size(); i++) {
                List<DetectedFace> got = results.get(i).get();
                List<DetectedFace> want = expected.get(i % photos.size());
                assertThat(got).hasSameSizeAs(want);
                for (int f = 0; f < got.size(); f++) {
                    assertThat(got.get(f).box()).isEqualTo(want.get(f).box());
                    assertThat(got.get(f).embedding().cosine(want.get(f).embedding())).isGreaterThan(0.9999);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** The face in {@code candidates} whose box, scaled by {@code scale}, overlaps {@code face} most. */
    private static DetectedFace closest(DetectedFace face, List<DetectedFace> candidates, double scale) {
        return candidates.stream().max(Comparator.comparingDouble(c -> face.box().iou(new FaceBox(
                (int) (c.box().x() / scale), (int) (c.box().y() / scale),
                (int) (c.box().width() / scale), (int) (c.box().height() / scale))))).orElseThrow();
    }
}
