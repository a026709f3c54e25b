package io.rollcall.faces.pipeline;

import java.nio.FloatBuffer;
import java.util.Map;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.opencv.opencv_core.Mat;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

/** One ONNX Runtime session, created once and shared: {@link OrtSession#run} is safe for concurrent callers. */
final class OnnxModel implements AutoCloseable {

    private final OrtEnvironment env;
    private final OrtSession session;
    private final ModelManifest.Model model;

    OnnxModel(OrtEnvironment env, ModelManifest.Model model, PipelineSettings settings) {
        this.env = env;
        this.model = model;
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            if (settings.intraOpThreads() > 0) {
                options.setIntraOpNumThreads(settings.intraOpThreads());
            }
            options.addConfigEntry("session.set_denormal_as_zero", settings.denormalsAsZero() ? "1" : "0");
            options.addConfigEntry("session.intra_op.allow_spinning", settings.allowSpinning() ? "1" : "0");
            this.session = env.createSession(model.file().toString(), options);
        } catch (OrtException e) {
            throw new IllegalStateException("cannot load " + model.file(), e);
        }
    }

    /**
     * Runs the model on an NCHW float blob (as made by OpenCV's blobFromImage) and returns each named output,
     * flattened, in the order of the manifest's outputs.
     */
    float[][] run(Mat blob, long... shape) {
        long total = 1;
        for (long d : shape) {
            total *= d;
        }
        FloatBuffer input = new FloatPointer(blob.data()).capacity(total).asBuffer();
        try (OnnxTensor tensor = OnnxTensor.createTensor(env, input, shape);
             OrtSession.Result result = session.run(Map.of(model.input(), tensor))) {
            float[][] outputs = new float[model.outputs().length][];
            for (int i = 0; i < outputs.length; i++) {
                FloatBuffer out = ((OnnxTensor) result.get(model.outputs()[i])
                        .orElseThrow(() -> new IllegalStateException("no output " + model.outputs()[0])))
                        .getFloatBuffer();
                outputs[i] = new float[out.remaining()];
                out.get(outputs[i]);
            }
            return outputs;
        } catch (OrtException e) {
            throw new IllegalStateException("inference failed on " + model.file().getFileName(), e);
        }
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException(e);
        }
    }
}
