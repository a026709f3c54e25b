package io.rollcall.bench.accuracy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.rollcall.faces.pipeline.FacePipeline;

/**
 * The real photos available on this machine: the face-api samples fetched by models/fetch.sh, plus two Debian
 * example images when their packages are installed ({@code opencv-doc}, {@code python3-skimage}).
 */
public final class RealPhotoSet {

    /** Optional extra photos from Debian packages: file → package. */
    static final Map<Path, String> DEBIAN = Map.of(
            Path.of("/usr/share/doc/opencv-doc/examples/data/messi5.jpg"), "opencv-doc",
            Path.of("/usr/lib/python3/dist-packages/skimage/data/astronaut.png"), "python3-skimage");

    private RealPhotoSet() {
    }

    public static Path root() {
        return Path.of(System.getProperty("rollcall.root", System.getProperty("user.dir")));
    }

    /** {@code rollcall.models.dir}, else {@code $ROLLCALL_MODELS_DIR}, else {@code <rollcall.root>/models/cache}. */
    public static Path modelsDir() {
        String dir = System.getProperty("rollcall.models.dir", System.getenv("ROLLCALL_MODELS_DIR"));
        return dir != null ? Path.of(dir) : root().resolve("models/cache");
    }

    public static FacePipeline openPipeline() {
        return FacePipeline.open(modelsDir());
    }

    /** Photo name → bytes, the face-api samples first; fails when models/fetch.sh has not been run. */
    public static Map<String, byte[]> load(boolean withDebian) throws IOException {
        Path photos = modelsDir().resolve("photos");
        if (!Files.isDirectory(photos)) {
            throw new IllegalStateException("no photos in " + photos + ": run models/fetch.sh");
        }
        Map<String, byte[]> out = new LinkedHashMap<>();
        List<Path> files = new ArrayList<>();
        try (Stream<Path> list = Files.list(photos)) {
            list.filter(p -> p.getFileName().toString().matches("sample\\d+\\.jpg")).sorted().forEach(files::add);
        }
        for (Path f : files) {
            out.put(f.getFileName().toString(), Files.readAllBytes(f));
        }
        if (withDebian) {
            for (Path f : DEBIAN.keySet().stream().sorted().toList()) {
                if (Files.isRegularFile(f)) {
                    out.put(f.getFileName().toString(), Files.readAllBytes(f));
                } else {
                    System.out.println("skipping " + f + " (apt-get install " + DEBIAN.get(f) + " to include it)");
                }
            }
        }
        return out;
    }
}
