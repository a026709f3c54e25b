package io.rollcall.faces.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * models/manifest.json: which files are the detector, landmark and embedding models (and the liveness, head pose
 * and eye state models that judge a face's capture), their sha256 and
 * tensor names, and the model version that every embedding carries. The code names roles, the manifest
 * names the files, so a model is swapped by editing the manifest.
 */
record ModelManifest(String modelVersion, Model detect, Model landmark, Model embed, Model liveness, Model pose,
                     Model eye) {

    record Model(Path file, String sha256, String input, String... outputs) {
    }

    static final String FILE = "manifest.json";

    /** Reads {@code modelsDir/manifest.json}, or the one beside modelsDir (models/ when modelsDir is models/cache). */
    static ModelManifest read(Path modelsDir) {
        Path file = modelsDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            file = modelsDir.toAbsolutePath().getParent().resolve(FILE);
        }
        if (!Files.isRegularFile(file)) {
            throw missing(modelsDir, "no " + FILE);
        }
        JsonNode root;
        try {
            root = JsonMapper.builder().build().readTree(Files.readString(file));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
        JsonNode models = root.path("models");
        return new ModelManifest(root.path("modelVersion").asString(),
                model(modelsDir, models.path("detect"), "scores", "boxes"),
                model(modelsDir, models.path("landmark"), "landmarks"),
                model(modelsDir, models.path("embed"), "embedding"),
                model(modelsDir, models.path("liveness"), "scores"),
                model(modelsDir, models.path("pose"), "yaw", "pitch", "roll"),
                model(modelsDir, models.path("eye"), "scores"));
    }

    private static Model model(Path dir, JsonNode node, String... outputRoles) {
        String[] outputs = new String[outputRoles.length];
        for (int i = 0; i < outputRoles.length; i++) {
            outputs[i] = node.path("outputs").path(outputRoles[i]).path("name").asString();
        }
        return new Model(dir.resolve(node.path("file").asString()), node.path("sha256").asString(),
                node.path("input").path("name").asString(), outputs);
    }

    /** Fails unless every model file is present with the manifest's sha256. */
    void verify() {
        for (Model m : new Model[] {detect, landmark, embed, liveness, pose, eye}) {
            if (!Files.isRegularFile(m.file())) {
                throw missing(m.file().getParent(), "no " + m.file().getFileName());
            }
            String actual = sha256(m.file());
            if (!actual.equalsIgnoreCase(m.sha256())) {
                throw new IllegalStateException(m.file() + " has sha256 " + actual + ", manifest says " + m.sha256()
                        + ": run models/fetch.sh");
            }
        }
    }

    static IllegalStateException missing(Path dir, String what) {
        return new IllegalStateException("face models missing in " + dir + " (" + what + "): run models/fetch.sh");
    }

    private static String sha256(Path file) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot hash " + file, e);
        }
    }
}
