package io.rollcall.functions.faces;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import io.rollcall.faces.recognition.FrameProcessor;
import org.springframework.stereotype.Component;

/**
 * recognizeFrame: each new camera frame (S3 ObjectCreated under frames/) recognised in its organization. Frames
 * that can never succeed are recorded and answered REJECTED; a failing dependency throws, so Lambda retries
 * twice and then sends the event to the frames dead-letter queue (template.yaml, docs/faces.md).
 */
@Component("recognizeFrame")
public class RecognizeFrameFunction implements Function<S3Event, List<FrameProcessor.FrameResult>> {

    private final FrameProcessor frames;

    public RecognizeFrameFunction(FrameProcessor frames) {
        this.frames = frames;
    }

    @Override
    public List<FrameProcessor.FrameResult> apply(S3Event event) {
        if (event == null || event.getRecords() == null) {
            return List.of();
        }
        return event.getRecords().stream()
                // S3 event keys are URL-encoded, spaces as '+'
                .map(r -> frames.process(r.getS3().getBucket().getName(),
                        URLDecoder.decode(r.getS3().getObject().getKey(), StandardCharsets.UTF_8)))
                .toList();
    }
}
