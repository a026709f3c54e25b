package io.rollcall.faces.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import org.bytedeco.opencv.opencv_core.Rect;
import org.junit.jupiter.api.Test;

/** The liveness crop as lib/fr_liveness.js makes it, and the softmax, over many seeded cases. */
class CaptureChecksTest {

    @Test
    void theLivenessCropIsAlwaysInsideTheImageAndHoldsTheFace() {
        long seed = 20261201L;
        Random random = new Random(seed);
        for (int n = 0; n < 5000; n++) {
            int width = 16 + random.nextInt(4000);
            int height = 16 + random.nextInt(3000);
            int bw = 2 + random.nextInt(Math.max(1, width - 2));
            int bh = 2 + random.nextInt(Math.max(1, height - 2));
            int x = random.nextInt(width - bw + 1);
            int y = random.nextInt(height - bh + 1);
            Rect crop = CaptureChecks.livenessCrop(width, height, new Rect(x, y, bw, bh));
            String at = "seed " + seed + " case " + n + ": image " + width + "x" + height + ", face " + x + "," + y + " " + bw + "x" + bh;
            assertThat(crop.x()).as(at).isGreaterThanOrEqualTo(0);
            assertThat(crop.y()).as(at).isGreaterThanOrEqualTo(0);
            assertThat(crop.x() + crop.width()).as(at).isLessThanOrEqualTo(width);
            assertThat(crop.y() + crop.height()).as(at).isLessThanOrEqualTo(height);
            assertThat(crop.width()).as(at).isGreaterThanOrEqualTo(Math.min(bw, width - 1) - 1);
            assertThat(crop.height()).as(at).isGreaterThanOrEqualTo(Math.min(bh, height - 1) - 1);
        }
    }

    @Test
    void aFaceInTheMiddleGetsTwoPointSevenTimesItsSizeAroundItsCentre() {
        Rect crop = CaptureChecks.livenessCrop(1920, 1080, new Rect(900, 500, 100, 100));
        assertThat(crop.width()).isEqualTo(270);
        assertThat(crop.height()).isEqualTo(270);
        assertThat(crop.x() + crop.width() / 2).isEqualTo(950);
        assertThat(crop.y() + crop.height() / 2).isEqualTo(550);
    }

    @Test
    void softmaxSumsToOneAndKeepsOrder() {
        Random random = new Random(7);
        for (int n = 0; n < 1000; n++) {
            float[] v = new float[2 + random.nextInt(70)];
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) (random.nextGaussian() * 30);
            }
            float[] p = CaptureChecks.softmax(v);
            double sum = 0;
            for (float x : p) {
                sum += x;
            }
            assertThat(sum).as("seed 7 case " + n).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-4));
            int max = 0;
            for (int i = 1; i < v.length; i++) {
                if (v[i] > v[max]) {
                    max = i;
                }
            }
            for (float x : p) {
                assertThat(x).isLessThanOrEqualTo(p[max]);
            }
        }
    }
}
