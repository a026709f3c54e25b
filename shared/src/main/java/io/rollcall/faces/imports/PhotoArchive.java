package io.rollcall.faces.imports;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

import io.rollcall.domain.DomainException;
import io.rollcall.identity.Fields;

/**
 * The photos zip of a bulk import, read from a local file (random access: the CSV's order need not be the zip's).
 * A photo belongs to the username its name gives: {@code ann.jpg}, {@code ann_2.jpg}, {@code ann-2.png} or anything
 * in a folder {@code ann/}. Folders of other tools ({@code __MACOSX/}) and hidden files are ignored.
 */
public final class PhotoArchive implements AutoCloseable {

    /** As the upload limit of one enrollment photo: a bigger entry is refused, never read into memory. */
    public static final long MAX_PHOTO_BYTES = 10L * 1024 * 1024;
    private static final Pattern FLAT = Pattern.compile("(.+?)(?:[_-]\\d{1,3})?\\.(?:jpe?g|png)", Pattern.CASE_INSENSITIVE);
    private static final Pattern IMAGE = Pattern.compile(".+\\.(?:jpe?g|png)", Pattern.CASE_INSENSITIVE);

    /** A file that is not a zip at all. */
    public static final class Unreadable extends DomainException {
        Unreadable(String message) {
            super(Kind.UNPROCESSABLE, "photos_zip_unreadable", message, Map.of("photos", message));
        }
    }

    private final ZipFile zip;
    private final Map<String, List<ZipEntry>> byUsername = new HashMap<>();

    public PhotoArchive(Path file) {
        try {
            this.zip = new ZipFile(file.toFile());
        } catch (ZipException e) {
            throw new Unreadable("photos.zip is not a zip file: " + e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        zip.stream().filter(e -> !e.isDirectory()).forEach(e -> owner(e.getName())
                .ifPresent(username -> byUsername.computeIfAbsent(username, k -> new ArrayList<>()).add(e)));
        byUsername.values().forEach(list -> list.sort((a, b) -> a.getName().compareTo(b.getName())));
    }

    /** The person a zip entry's name gives, if it is a photo. */
    static Optional<String> owner(String entryName) {
        String[] parts = entryName.replace('\\', '/').split("/");
        String file = parts[parts.length - 1];
        if (entryName.startsWith("__MACOSX/") || file.startsWith(".") || !IMAGE.matcher(file).matches()) {
            return Optional.empty();
        }
        if (parts.length >= 2) {
            return Optional.of(Fields.normalizeUsername(parts[parts.length - 2]));
        }
        Matcher flat = FLAT.matcher(file);
        return flat.matches() ? Optional.of(Fields.normalizeUsername(flat.group(1))) : Optional.empty();
    }

    /** The person's photo entries, by name. */
    public List<String> photosOf(String username) {
        return byUsername.getOrDefault(username.toLowerCase(Locale.ROOT), List.of()).stream().map(ZipEntry::getName).toList();
    }

    public int people() {
        return byUsername.size();
    }

    /** The photo's bytes; empty when it is larger than {@link #MAX_PHOTO_BYTES} (by header or by content). */
    public Optional<byte[]> read(String entryName) {
        ZipEntry entry = zip.getEntry(entryName);
        if (entry == null || entry.getSize() > MAX_PHOTO_BYTES) {
            return Optional.empty();
        }
        try (InputStream in = zip.getInputStream(entry)) {
            // the header's size can lie (a zip bomb): never read more than the limit
            byte[] bytes = in.readNBytes((int) MAX_PHOTO_BYTES + 1);
            return bytes.length > MAX_PHOTO_BYTES ? Optional.empty() : Optional.of(bytes);
        } catch (ZipException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<String> usernames() {
        return Collections.unmodifiableList(new ArrayList<>(byUsername.keySet()));
    }

    @Override
    public void close() {
        try {
            zip.close();
        } catch (IOException e) {
            // read-only: nothing lost
        }
    }
}
