package io.rollcall.functions.faces;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.rollcall.faces.pipeline.ImageRejectedException;
import io.rollcall.faces.recognition.Decision;
import io.rollcall.faces.recognition.RecognizePhoto;
import io.rollcall.faces.recognition.RecognizedFace;
import io.rollcall.functions.http.ApiException;
import io.rollcall.functions.http.ApiFunction;
import io.rollcall.functions.http.ApiResponse;
import io.rollcall.functions.http.HttpApi;
import io.rollcall.identity.AccessTokens;
import io.rollcall.identity.Role;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * recognizeApi - POST /recognize: every face of an uploaded image with its box, user (or none), similarity and
 * decision, by the same recognizer recognizeFrame uses; nothing is sent to the queues or stored.
 */
@Component("recognizeApi")
public class RecognizeApiFunction implements ApiFunction {

    private final HttpApi api;

    public RecognizeApiFunction(JsonMapper json, AccessTokens tokens, RecognizePhoto recognizePhoto) {
        this.api = HttpApi.builder(json, tokens)
                .route("POST /recognize", Role.STAFF, (request, caller) -> {
                    RecognizePhoto.Recognition recognition = recognizePhoto.recognize(request.actor(caller), ImageUpload.from(request));
                    List<RecognizedFace> faces = recognition.faces();
                    if (faces.isEmpty()) {
                        throw new ImageRejectedException(ImageRejectedException.Reason.NO_FACE, "no face found in the image");
                    }
                    if (faces.stream().allMatch(f -> f.decision() == Decision.UNUSABLE)) {
                        throw new ApiException(422, "no_usable_face", faces.size() + " face(s) found, none large and sharp enough: "
                                + faces.get(0).note());
                    }
                    return ApiResponse.ok(Map.of("recognitionId", recognition.id(),
                            "faces", faces.stream().map(RecognizeApiFunction::view).toList()));
                })
                .build();
    }

    @Override
    public HttpApi api() {
        return api;
    }

    private static Map<String, Object> view(RecognizedFace face) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("box", face.face().box());
        view.put("detectionScore", face.face().score());
        view.put("decision", face.decision());
        view.put("userId", face.decision() == Decision.MATCH ? face.userId() : null);
        if (face.decision() == Decision.LOW_CONFIDENCE || face.decision() == Decision.LIVENESS_REFUSED) {
            view.put("candidateUserId", face.userId());
        }
        view.put("similarity", face.similarity());
        if (face.liveness() != null) {
            Map<String, Object> liveness = new LinkedHashMap<>();
            liveness.put("score", face.liveness().score());
            liveness.put("threshold", face.liveness().threshold());
            liveness.put("mode", face.liveness().mode());
            liveness.put("verdict", face.liveness().verdict());
            liveness.put("reason", face.liveness().reason());
            liveness.put("explanation", face.liveness().explanation());
            view.put("liveness", liveness);
        }
        if (face.note() != null) {
            view.put("note", face.note());
        }
        return view;
    }
}
