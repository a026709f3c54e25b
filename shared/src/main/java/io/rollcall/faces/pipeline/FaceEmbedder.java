package io.rollcall.faces.pipeline;

import static org.bytedeco.opencv.global.opencv_core.CV_32F;
import static org.bytedeco.opencv.global.opencv_dnn.blobFromImage;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

/** The embedding network on an aligned 112x112 face: BGR, (v-127)/128, output L2-normalised. */
final class FaceEmbedder {

    private final OnnxModel model;

    FaceEmbedder(OnnxModel model) {
        this.model = model;
    }

    float[] embed(Mat aligned) {
        int s = FaceAligner.ALIGNED_SIZE;
        Mat blob = blobFromImage(aligned, 1 / 128.0, new Size(s, s), new Scalar(127, 127, 127, 0), false, false, CV_32F);
        float[] v = model.run(blob, 1, 3, s, s)[0];
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        norm = Math.sqrt(norm);
        if (norm > 0) {
            for (int i = 0; i < v.length; i++) {
                v[i] /= (float) norm;
            }
        }
        return v;
    }
}
