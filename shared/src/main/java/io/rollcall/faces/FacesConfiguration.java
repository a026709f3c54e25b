package io.rollcall.faces;

import java.nio.file.Files;
import java.nio.file.Path;

import io.rollcall.faces.pipeline.FacePipeline;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The face pipeline, once per process: its ONNX sessions are the expensive part of a cold start. */
@Configuration(proxyBeanMethods = false)
public class FacesConfiguration {

    /**
     * Models from $ROLLCALL_MODELS_DIR or the rollcall.models.dir property (models/README.md); otherwise the
     * repository's models/cache, looked for from the rollcall.root property or the working directory upwards, so
     * every module's tests and the local runtime find it wherever Maven starts them.
     */
    @Bean(destroyMethod = "")
    FacePipeline facePipeline() {
        return FacePipeline.shared(modelsDir());
    }

    /** Read from the models' manifest only: cheap, unlike the pipeline. */
    @Bean
    FaceModelVersion faceModelVersion() {
        return new FaceModelVersion(FacePipeline.modelVersionIn(modelsDir()));
    }

    public static Path modelsDir() {
        Path configured = FacePipeline.defaultModelsDir();
        if (configured.isAbsolute() || Files.isDirectory(configured)) {
            return configured;
        }
        Path dir = Path.of(System.getProperty("rollcall.root", "")).toAbsolutePath();
        for (; dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("models/cache")) && Files.exists(dir.resolve("template.yaml"))) {
                return dir.resolve("models/cache");
            }
        }
        return configured; // FacePipeline.open says what is missing
    }
}
