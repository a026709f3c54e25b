package io.rollcall.faces;

/**
 * The version of the embedding model every stored vector must match. A bean of its own so the index can be
 * loaded, changed and erased (a user's deletion in identityApi) without opening the ONNX sessions.
 */
public record FaceModelVersion(String value) {
}
