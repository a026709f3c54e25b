package io.rollcall.faces;

import io.rollcall.faces.pipeline.FacePipeline;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The face pipeline, once per process: its ONNX sessions are the expensive part of a cold start. */
@Configuration(proxyBeanMethods = false)
public class FacesConfiguration {

    /** Models from $ROLLCALL_MODELS_DIR, the rollcall.models.dir property or models/cache (models/README.md). */
    @Bean(destroyMethod = "")
    FacePipeline facePipeline() {
        return FacePipeline.shared(FacePipeline.defaultModelsDir());
    }
}
