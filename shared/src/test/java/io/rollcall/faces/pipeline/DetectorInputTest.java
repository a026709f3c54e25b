package io.rollcall.faces.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_core.minMaxLoc;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.indexer.UByteIndexer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The detector's input from a large frame: the right size, and averaged, not sampled (no aliasing). */
class DetectorInputTest {

    @ParameterizedTest(name = "halvings first: {0}")
    @ValueSource(booleans = {true, false}) // today's input and the benchmark's baseline both average
    void aFinePatternInALargeFrameBecomesItsAverageNotAPattern(boolean halve) {
        // one-pixel black and white stripes: sampled, they come out as stripes or as one colour; averaged, grey
        Mat frame = new Mat(1253, 1880, CV_8UC3);
        UByteIndexer pixels = frame.createIndexer();
        for (int y = 0; y < frame.rows(); y++) {
            for (int x = 0; x < frame.cols(); x++) {
                for (int c = 0; c < 3; c++) {
                    pixels.put(y, x, c, (x % 2 == 0) ? 0 : 255);
                }
            }
        }

        Mat input = FaceDetector.detectorInput(frame, halve);

        assertThat(input.cols()).isEqualTo(FaceDetector.WIDTH);
        assertThat(input.rows()).isEqualTo(FaceDetector.HEIGHT);
        DoublePointer min = new DoublePointer(1);
        DoublePointer max = new DoublePointer(1);
        minMaxLoc(input.reshape(1, 0), min, max, null, null, null);
        assertThat(min.get()).isBetween(120.0, 135.0);
        assertThat(max.get()).isBetween(120.0, 135.0);
    }

    @Test
    void aSmallFrameIsResizedOnce() {
        Mat frame = new Mat(480, 640, CV_8UC3);
        Mat input = FaceDetector.detectorInput(frame, true);
        assertThat(input.cols()).isEqualTo(FaceDetector.WIDTH);
        assertThat(input.rows()).isEqualTo(FaceDetector.HEIGHT);
        assertThat(frame.isNull()).as("the caller's image is not released").isFalse();
        assertThat(frame.cols()).isEqualTo(640);
    }
}
