package io.rollcall.bench.faiss;

import io.rollcall.faces.index.Vectors;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * The two synthetic sets of face embeddings the index benchmarks use, both 512-d and L2-normalised, with a
 * person per vector so "the right person at rank 1" can be counted.
 *
 * <ul>
 *   <li>{@link Kind#RANDOM}, the worst case kept from before: identity centres drawn at random in all 512
 *       dimensions, 10 photos a person, isotropic noise (same-person cosine ~0.92, different people ~0 ± 0.04).
 *       Nothing in it has a structure an index could exploit.</li>
 *   <li>{@link Kind#MANIFOLD}, the realistic one: an identity is a point z of a 16-dimensional latent space
 *       (the intrinsic dimensionality measured for 512-d face representations, Gong, Boddeti and Jain, CVPR
 *       2019), mapped into 512-d by a smooth random map (random Fourier features: x = cos(W z + b), W ~ N(0,
 *       0.3)), so identities lie on a curved 16-d manifold. A photo moves z within the latent space (pose,
 *       light, expression: a Gaussian step whose size varies per photo) and adds a little isotropic noise.
 *       The constants are tuned so pair cosines match the real model on the identity-labelled photos
 *       (docs/accuracy.md, "Real identities": genuine p5 / median / p95 0.44 / 0.69 / 0.87, impostor
 *       -0.14 / 0.01 / 0.16); {@link #pairCosines} measures the generated ones for the report.</li>
 * </ul>
 */
final class EmbeddingSets {

    static final int D = 512;
    static final int LATENT = 16;

    enum Kind {
        RANDOM(10), MANIFOLD(5);

        /** Photos enrolled per person (the gallery keeps at most 5; the random set kept its old 10). */
        final int photosPerPerson;

        Kind(int photosPerPerson) {
            this.photosPerPerson = photosPerPerson;
        }
    }

    /** n vectors (flat) and the person of each. */
    record Set(float[] vectors, int[] person) {
        int size() {
            return person.length;
        }
    }

    // RANDOM: noise norm around a person's centre
    private static final double RANDOM_NOISE = 0.3;
    // MANIFOLD: latent frequency (variance of W), latent photo step, its per-photo spread, isotropic noise norm
    private static final double FREQUENCY_VARIANCE = 0.3;
    private static final double PHOTO_STEP = 0.26;
    private static final double PHOTO_STEP_SPREAD = 0.25;
    private static final double ISOTROPIC_NOISE = 0.23;

    private final Kind kind;
    private final int people;
    private final float[] centres;   // RANDOM: people x D; MANIFOLD: people x LATENT
    private final float[] frequencies; // MANIFOLD: LATENT x D
    private final float[] phases;      // MANIFOLD: D

    EmbeddingSets(Kind kind, int people, long seed) {
        this.kind = kind;
        this.people = people;
        SplittableRandom random = new SplittableRandom(seed);
        if (kind == Kind.RANDOM) {
            centres = Vectors.normalize(gaussian(random, people * D, 1.0 / Math.sqrt(D)), D);
            frequencies = null;
            phases = null;
        } else {
            centres = gaussian(random, people * LATENT, 1.0);
            frequencies = gaussian(random, LATENT * D, Math.sqrt(FREQUENCY_VARIANCE));
            phases = new float[D];
            for (int t = 0; t < D; t++) {
                phases[t] = (float) (random.nextDouble() * 2 * Math.PI);
            }
        }
    }

    Kind kind() {
        return kind;
    }

    int people() {
        return people;
    }

    /** The enrolled gallery: every person's photos, people in order (vector i is person i / photosPerPerson). */
    Set gallery(long seed) {
        int n = people * kind.photosPerPerson;
        int[] person = new int[n];
        for (int v = 0; v < n; v++) {
            person[v] = v / kind.photosPerPerson;
        }
        return new Set(photos(person, seed), person);
    }

    /** New photos of random enrolled people. */
    Set queries(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int[] person = new int[count];
        for (int q = 0; q < count; q++) {
            person[q] = random.nextInt(people);
        }
        return new Set(photos(person, seed + 1), person);
    }

    /**
     * Cosines of {@code pairs} genuine pairs (two new photos of one person) and as many impostor pairs (photos of
     * two different people): what the generator is tuned on.
     */
    double[][] pairCosines(int pairs, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int[] a = new int[pairs * 2];
        int[] b = new int[pairs * 2];
        for (int i = 0; i < pairs; i++) {
            a[i] = b[i] = random.nextInt(people);
            a[pairs + i] = random.nextInt(people);
            do {
                b[pairs + i] = random.nextInt(people);
            } while (b[pairs + i] == a[pairs + i]);
        }
        float[] x = photos(a, seed + 1);
        float[] y = photos(b, seed + 2);
        double[] genuine = new double[pairs];
        double[] impostor = new double[pairs];
        for (int i = 0; i < 2 * pairs; i++) {
            double dot = 0;
            for (int t = 0; t < D; t++) {
                dot += x[i * D + t] * y[i * D + t];
            }
            if (i < pairs) {
                genuine[i] = dot;
            } else {
                impostor[i - pairs] = dot;
            }
        }
        return new double[][] {genuine, impostor};
    }

    // one photo per entry of person, generated in parallel, each part from its own seeded random
    private float[] photos(int[] person, long seed) {
        int count = person.length;
        float[] out = new float[Math.multiplyExact(count, D)];
        int parts = 64;
        IntStream.range(0, parts).parallel().forEach(part -> {
            SplittableRandom random = new SplittableRandom(seed * 1_000 + part);
            float[] z = new float[LATENT];
            for (int v = part; v < count; v += parts) {
                int c = person[v];
                if (kind == Kind.RANDOM) {
                    double sigma = RANDOM_NOISE / Math.sqrt(D);
                    for (int t = 0; t < D; t++) {
                        out[v * D + t] = centres[c * D + t] + (float) (sigma * random.nextGaussian());
                    }
                    continue;
                }
                double step = PHOTO_STEP * Math.exp(PHOTO_STEP_SPREAD * random.nextGaussian());
                for (int l = 0; l < LATENT; l++) {
                    z[l] = centres[c * LATENT + l] + (float) (step * random.nextGaussian());
                }
                double norm = 0;
                for (int t = 0; t < D; t++) {
                    double arg = phases[t];
                    for (int l = 0; l < LATENT; l++) {
                        arg += z[l] * frequencies[l * D + t];
                    }
                    float value = (float) Math.cos(arg);
                    out[v * D + t] = value;
                    norm += value * value;
                }
                // normalise the manifold point, then add the isotropic part (normalised again below)
                double scale = 1 / Math.sqrt(norm);
                double sigma = ISOTROPIC_NOISE / Math.sqrt(D);
                for (int t = 0; t < D; t++) {
                    out[v * D + t] = (float) (out[v * D + t] * scale + sigma * random.nextGaussian());
                }
            }
        });
        return Vectors.normalize(out, D);
    }

    private static float[] gaussian(SplittableRandom random, int length, double sigma) {
        float[] out = new float[length];
        for (int i = 0; i < length; i++) {
            out[i] = (float) (sigma * random.nextGaussian());
        }
        return out;
    }
}
