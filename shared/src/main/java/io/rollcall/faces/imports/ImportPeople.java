package io.rollcall.faces.imports;

import java.io.InputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.rollcall.audit.Actor;
import io.rollcall.audit.AuditAction;
import io.rollcall.audit.AuditTrail;
import io.rollcall.config.OrganizationSettingsService;
import io.rollcall.domain.DomainException;
import io.rollcall.faces.FaceMedia;
import io.rollcall.faces.FaceRules;
import io.rollcall.faces.enrollment.EnrollmentQuality;
import io.rollcall.faces.enrollment.FaceImages;
import io.rollcall.faces.gallery.Gallery;
import io.rollcall.faces.gallery.GalleryVectors;
import io.rollcall.faces.index.SearchResult;
import io.rollcall.faces.pipeline.DetectedFace;
import io.rollcall.faces.pipeline.FacePipeline;
import io.rollcall.faces.pipeline.PipelineSettings;
import io.rollcall.faces.privacy.ConsentPolicy;
import io.rollcall.identity.NewUser;
import io.rollcall.identity.Page;
import io.rollcall.identity.UserService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Bulk enrollment: an ADMIN creates an import, uploads a people CSV and a photos zip with the links it gives, and
 * starts it; the scheduled runImports function works through it (docs/faces.md, "Bulk enrollment").
 *
 * <p>Each person is one checkpoint: created (or found: a re-run creates nobody twice), their consent checked as for
 * any enrollment (docs/privacy.md), then each of their photos
 * checked as any enrollment photo is (one face, large and sharp enough, live, frontal, eyes open), refused when it is another person's face
 * (in the index or earlier in this import) and skipped when it is one already enrolled for them, then stored. The
 * vectors go into the face index once, at the end, in one change (one snapshot) - not once per photo. A runner that
 * stops (crash, time up) leaves the job to the next, which resumes at the first person without a result and skips the
 * photos already stored. Bad rows and bad photos are results, never a reason to stop.
 */
@Service
public class ImportPeople {

    private static final Logger log = LoggerFactory.getLogger(ImportPeople.class);
    /** Rows read per round trip. */
    private static final int ROWS_PER_READ = 100;
    /** At or above this a photo of the same person is the same photo again (a re-run): skipped, not enrolled twice. */
    static final double SAME_PHOTO = 0.98;

    /** A new import with where to upload its two files. */
    public record Created(ImportJob job, URL peopleUpload, URL photosUpload, Instant uploadsExpireAt) {
    }

    /**
     * How photos are analysed: decoded how, and by how many look-ahead threads (0: by the runner, one at a time).
     * {@link #DEFAULT}: reduced decode, one look-ahead thread per inference thread; the benchmark also runs the
     * earlier steps (full decode, one thread) against the same baseline.
     */
    public record Analysis(PipelineSettings.Decoder decoder, int lookaheadThreads) {
        public static final Analysis DEFAULT = new Analysis(PipelineSettings.Decoder.OPENCV_REDUCED_AUTO,
                FacePipeline.inferenceThreads());
    }

    /** A job and its progress. */
    public record Progress(ImportJob job, ImportRows.Counts counts) {
    }

    private final ImportJobs jobs;
    private final ImportRows rows;
    private final ImportPhotos photos;
    private final ImportFiles files;
    private final UserService users;
    private final FacePipeline pipeline;
    private final FaceRules rules;
    private final FaceImages images;
    private final FaceMedia media;
    private final Gallery gallery;
    private final GalleryVectors vectors;
    private final OrganizationSettingsService settings;
    private final AuditTrail audit;
    private final ConsentPolicy consent;
    private final EnrollmentQuality quality;
    private final JsonMapper json;
    private final TransactionTemplate transactions;
    private volatile Analysis analysis = Analysis.DEFAULT;

    public ImportPeople(ImportJobs jobs, ImportRows rows, ImportPhotos photos, ImportFiles files, UserService users,
                        FacePipeline pipeline, FaceRules rules, FaceImages images, FaceMedia media, Gallery gallery,
                        GalleryVectors vectors, OrganizationSettingsService settings, AuditTrail audit,
                        ConsentPolicy consent, EnrollmentQuality quality, JsonMapper json,
                        TransactionTemplate transactions) {
        this.jobs = jobs;
        this.rows = rows;
        this.photos = photos;
        this.files = files;
        this.users = users;
        this.pipeline = pipeline;
        this.rules = rules;
        this.images = images;
        this.media = media;
        this.gallery = gallery;
        this.vectors = vectors;
        this.settings = settings;
        this.audit = audit;
        this.consent = consent;
        this.quality = quality;
        this.json = json;
        this.transactions = transactions;
    }

    /** For the benchmark: the steps before {@link Analysis#DEFAULT}. */
    public void analysis(Analysis analysis) {
        this.analysis = analysis;
    }

    public Created create(Actor actor) {
        UUID id = UUID.randomUUID();
        UUID org = actor.organizationId();
        ImportJob job = new ImportJob(id, org, actor.userId(), ImportJob.State.WAITING_FOR_FILES,
                ImportFiles.peopleKey(org, id), ImportFiles.photosKey(org, id), null, null, Instant.now(), null, null);
        jobs.insert(job);
        audit.record(actor, AuditAction.IMPORT_CREATED, id);
        return new Created(find(org, id), files.uploadLink(job.peopleKey(), "text/csv"),
                files.uploadLink(job.photosKey(), "application/zip"), Instant.now().plus(ImportFiles.UPLOAD_LINK_LIFETIME));
    }

    /** Queues the import once both files are there; the header of the CSV is checked now, so a wrong file says so at once. */
    public Progress start(Actor actor, UUID id) {
        ImportJob job = find(actor.organizationId(), id);
        if (job.state() != ImportJob.State.WAITING_FOR_FILES) {
            throw ImportException.notWaiting(job.state());
        }
        Map<String, String> missing = new LinkedHashMap<>();
        if (!files.exists(job.peopleKey())) {
            missing.put("people", "people.csv has not been uploaded");
        }
        if (!files.exists(job.photosKey())) {
            missing.put("photos", "photos.zip has not been uploaded");
        }
        if (!missing.isEmpty()) {
            throw ImportException.filesMissing(missing);
        }
        if (!jobs.queue(actor.organizationId(), id)) {
            throw ImportException.notWaiting(find(actor.organizationId(), id).state());
        }
        audit.record(actor, AuditAction.IMPORT_STARTED, id);
        return progress(actor.organizationId(), id);
    }

    public Progress progress(UUID organizationId, UUID id) {
        return new Progress(find(organizationId, id), rows.counts(id));
    }

    public List<ImportJob> list(UUID organizationId) {
        return jobs.list(organizationId, 100);
    }

    public Page<ImportRow> rows(UUID organizationId, UUID id, ImportRow.Status status, int page, int size) {
        find(organizationId, id);
        return rows.page(id, status, page, size);
    }

    /** Works through runnable jobs until {@code deadline}; returns how many it took. */
    public int runDue(Instant deadline) {
        return runDue(deadline, Integer.MAX_VALUE);
    }

    /** As {@link #runDue(Instant)}, stopping after {@code maxPeople} people in all (tests stop a job half-way so). */
    public int runDue(Instant deadline, int maxPeople) {
        int taken = 0;
        int[] people = {0};
        while (Instant.now().isBefore(deadline) && people[0] < maxPeople) {
            // the lease outlives the deadline a little: the runner stops at the deadline, then releases
            Optional<ImportJob> next = jobs.claimNext(Duration.between(Instant.now(), deadline).plusMinutes(2));
            if (next.isEmpty()) {
                break;
            }
            taken++;
            run(next.get(), deadline, maxPeople, people);
        }
        return taken;
    }

    /** One runner's go at one job: parse if not parsed, people until the deadline, publish when none is left. */
    private void run(ImportJob job, Instant deadline, int maxPeople, int[] people) {
        Actor actor = new Actor(job.organizationId(), job.createdBy(), null, "runImports");
        try {
            if (job.totalRows() == null) {
                List<ImportRow> parsed;
                try (InputStream in = files.open(job.peopleKey())) {
                    parsed = PeopleCsv.read(in).stream().map(this::validated).toList();
                }
                rows.insertAll(job.id(), parsed);
                jobs.setTotalRows(job.id(), parsed.size());
            }
            try (PhotoArchive archive = new PhotoArchive(files.spool(job.photosKey(), job.id()));
                 ImportedFaces earlier = new ImportedFaces(rules.maxImagesPerUser(), photos.unpublished(job.id()))) {
                Set<String> stored = photos.stored(job.id());
                List<ImportRow> batch;
                while (people[0] < maxPeople && Instant.now().isBefore(deadline)
                        && !(batch = rows.pending(job.id(), Math.min(ROWS_PER_READ, maxPeople - people[0]))).isEmpty()) {
                    List<String> coming = batch.stream().flatMap(row -> archive.photosOf(row.username()).stream())
                            .filter(entry -> !stored.contains(entry)).toList();
                    Analysis how = analysis;
                    List<ImportRow> batchRows = batch; // effectively final, for the lambda
                    try (PhotoLookahead ahead = new PhotoLookahead(how.lookaheadThreads() > 0 ? coming : List.of(),
                            Math.max(1, how.lookaheadThreads()), entry -> analyse(archive, entry, how.decoder()))) {
                        // two queue calls a person (its creation, its photos) would cost more than storing them
                        audit.relayingTogether(() -> {
                            for (ImportRow row : batchRows) {
                                if (!Instant.now().isBefore(deadline)) {
                                    break;
                                }
                                importPerson(actor, job, row, archive, stored, earlier, ahead);
                                people[0]++;
                            }
                            return null;
                        });
                    }
                }
            }
            if (rows.pending(job.id(), 1).isEmpty()) {
                publish(actor, job);
            } else {
                jobs.release(job.id());
            }
        } catch (PeopleCsv.Unreadable | PhotoArchive.Unreadable e) {
            log.warn("import {} of {} failed: {}", job.id(), job.organizationId(), e.getMessage());
            jobs.finish(job.id(), ImportJob.State.FAILED, e.getMessage());
            audit.record(actor, AuditAction.IMPORT_FINISHED, job.id());
            files.forget(job);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An INVALID row names its fields, as the user API would; the rest stay PENDING. */
    private ImportRow validated(ImportRow row) {
        Map<String, String> problems = new LinkedHashMap<>();
        try {
            users.validateImport(newUser(row));
        } catch (DomainException e) {
            problems.putAll(e.fields().isEmpty() ? Map.of("row", e.getMessage()) : e.fields());
        }
        if (problems.isEmpty()) {
            return row;
        }
        return new ImportRow(row.line(), row.username(), row.fields(), ImportRow.Status.INVALID, null, null, 0, 0,
                json.valueToTree(problems));
    }

    private static NewUser newUser(ImportRow row) {
        Map<String, String> f = row.fields();
        return new NewUser(f.get("username"), null, f.get("role"), blankToNull(f.get("email")), blankToNull(f.get("name")),
                blankToNull(f.get("employee_code")), blankToNull(f.get("department")));
    }

    /**
     * On the look-ahead thread: the photo's bytes and its one enrollable face, checked as any enrollment photo is
     * (one face, large and sharp enough, and the enrollment checks: frontal, eyes open, live), decoded at reduced
     * size (a photo of up to 7,360 px, docs/benchmarks.md).
     */
    private PhotoLookahead.Analysed analyse(PhotoArchive archive, String entry, PipelineSettings.Decoder decoder) {
        Optional<byte[]> bytes = archive.read(entry);
        if (bytes.isEmpty()) {
            return new PhotoLookahead.Analysed(bytes, null, null);
        }
        try {
            DetectedFace face = rules.enrollable(pipeline.analyze(bytes.get(), FacePipeline.Checks.ENROLLMENT,
                    decoder));
            return new PhotoLookahead.Analysed(bytes, face, null);
        } catch (DomainException e) {
            return new PhotoLookahead.Analysed(bytes, null, e);
        }
    }

    /**
     * The person (created in a transaction of its own: a taken username must not abort the rest), then their photos
     * and the row's result in one transaction: one commit a person, and a crash leaves the row pending, to be redone.
     */
    private void importPerson(Actor actor, ImportJob job, ImportRow row, PhotoArchive archive, Set<String> stored,
                              ImportedFaces earlier, PhotoLookahead ahead) {
        UserService.Imported person;
        try {
            person = users.importUser(actor, newUser(row));
        } catch (DomainException e) {
            rows.finish(job.id(), result(row, ImportRow.Status.REFUSED, null, null, 0, 0,
                    json.valueToTree(Map.of("row", e.getMessage()))));
            return;
        }
        transactions.executeWithoutResult(status ->
                rows.finish(job.id(), enrollPhotos(actor, job, row, person, archive, stored, earlier, ahead)));
    }

    private ImportRow enrollPhotos(Actor actor, ImportJob job, ImportRow row, UserService.Imported person,
                                   PhotoArchive archive, Set<String> stored, ImportedFaces earlier, PhotoLookahead ahead) {
        UUID org = job.organizationId();
        UUID userId = person.userId();
        try {
            // as for any enrollment (docs/privacy.md): a re-run after the consent is recorded enrolls the photos
            consent.requireFor(org, userId);
        } catch (DomainException e) {
            return result(row, ImportRow.Status.REFUSED, userId, person.created(), 0, archive.photosOf(row.username()).size(),
                    json.valueToTree(List.of(Map.of("result", "refused", "code", e.code(), "reason", e.getMessage()))));
        }
        double matchThreshold = settings.forOrganization(org).matchThreshold();
        List<String> entries = archive.photosOf(row.username());
        ArrayNode detail = json.createArrayNode();
        int enrolled = 0;
        int known = images.countKnown(org, userId);
        List<String> enrolledIds = new ArrayList<>();
        List<Accepted> accepted = new ArrayList<>();
        for (String entry : entries) {
            ObjectNode result = detail.addObject().put("photo", entry);
            if (stored.contains(entry)) {
                result.put("result", "enrolled");
                enrolled++;
                continue;
            }
            if (known >= rules.maxImagesPerUser()) {
                refuse(result, "too_many_photos", "the person already has " + known + " photos, the most allowed is "
                        + rules.maxImagesPerUser());
                continue;
            }
            PhotoLookahead.Analysed analysed = ahead.take(entry);
            Optional<byte[]> bytes = analysed.bytes();
            if (bytes.isEmpty()) {
                refuse(result, "image_too_large", "larger than " + PhotoArchive.MAX_PHOTO_BYTES / (1024 * 1024) + " MiB, or a broken zip entry");
                continue;
            }
            if (analysed.refused() != null) {
                refuse(result, analysed.refused().code(), analysed.refused().getMessage());
                continue;
            }
            DetectedFace face = analysed.face();
            try {
                quality.check(org, face);   // live, frontal, eyes open: as any enrollment photo
            } catch (DomainException e) {
                refuse(result, e.code(), e.getMessage());
                continue;
            }
            float[] vector = face.embedding().vector();
            Optional<String> other = otherPerson(org, userId, vector, matchThreshold, earlier);
            if (other.isPresent()) {
                refuse(result, "duplicate_face", "the face of another person (" + other.get() + ")");
                continue;
            }
            if (alreadyEnrolled(org, userId, vector) || accepted.stream().anyMatch(a -> dot(a.vector(), vector) >= SAME_PHOTO)) {
                // a re-run, or the same photo twice: it counts as enrolled, once
                result.put("result", "enrolled").put("reason", "already enrolled for this person");
                enrolled++;
                continue;
            }
            UUID imageId = UUID.randomUUID();
            String extension = FaceMedia.extension(bytes.get());
            String key = "faces/%s/%s/%s.%s".formatted(org, userId, imageId, extension);
            accepted.add(new Accepted(entry, result, imageId, new FaceMedia.Upload(key, bytes.get(), FaceMedia.contentType(extension)),
                    vector));
            enrolled++;
            known++;
        }
        // the person's photos are decided: store them at once, then their rows (a failure rolls the rows back)
        media.putAll(accepted.stream().map(Accepted::upload).toList());
        for (Accepted photo : accepted) {
            long indexId = images.insertKnown(org, userId, photo.imageId(), photo.upload().key(), photo.vector(), pipeline.modelVersion());
            photos.insert(job.id(), photo.entry(), row.line(), photo.imageId(), indexId);
            stored.add(photo.entry());
            earlier.add(new ImportPhotos.Unpublished(indexId, userId, photo.vector()));
            enrolledIds.add(photo.imageId().toString());
            photo.result().put("result", "enrolled");
        }
        if (!enrolledIds.isEmpty()) {
            audit.recordAll(actor, AuditAction.FACE_ENROLLED, enrolledIds);
        }
        if (entries.isEmpty()) {
            detail.addObject().put("result", "refused").put("code", "no_photos")
                    .put("reason", "the zip has no photo named for " + row.username());
        }
        return result(row, enrolled > 0 ? ImportRow.Status.ENROLLED : ImportRow.Status.REFUSED, userId, person.created(),
                enrolled, entries.size(), detail);
    }

    /** A photo that passed every check, to be stored with the person's others. */
    private record Accepted(String entry, ObjectNode result, UUID imageId, FaceMedia.Upload upload, float[] vector) {
    }

    /** Whose face this is, if it is someone else's: in the published index, or stored earlier by this import. */
    private Optional<String> otherPerson(UUID org, UUID userId, float[] vector, double threshold,
                                         ImportedFaces earlier) {
        SearchResult result = gallery.search(org, vector, 5);
        Map<Long, GalleryVectors.Owner> owners = vectors.matchable(org,
                java.util.Arrays.stream(result.ids()).filter(id -> id != SearchResult.NONE).toArray());
        for (SearchResult.Hit hit : result.hits(0)) {
            GalleryVectors.Owner owner = owners.get(hit.id());
            if (owner != null && hit.score() >= threshold && !owner.userId().equals(userId)) {
                return Optional.of("user " + owner.userId());
            }
        }
        return earlier.otherPerson(userId, vector, threshold).map(other -> "user " + other);
    }

    private boolean alreadyEnrolled(UUID org, UUID userId, float[] vector) {
        return images.embeddings(org, userId, pipeline.modelVersion()).stream()
                .anyMatch(e -> dot(e.vector(), vector) >= SAME_PHOTO);
    }

    /** The index change of the whole import, in one snapshot; the job is DONE in the same transaction. */
    private void publish(Actor actor, ImportJob job) {
        int published = gallery.change(job.organizationId(), change -> {
            List<ImportPhotos.Unpublished> pending = photos.unpublished(job.id());
            pending.forEach(p -> change.add(p.indexId(), p.vector()));
            photos.markPublished(job.id());
            jobs.finish(job.id(), ImportJob.State.DONE, null);
            return pending.size();
        });
        audit.record(actor, AuditAction.IMPORT_FINISHED, job.id());
        files.forget(job);
        log.info("import {} of {} done: {} faces published", job.id(), job.organizationId(), published);
    }

    private ImportJob find(UUID organizationId, UUID id) {
        return jobs.find(organizationId, id).orElseThrow(ImportException::notFound);
    }

    private static void refuse(ObjectNode result, String code, String reason) {
        result.put("result", "refused").put("code", code).put("reason", reason);
    }

    private static ImportRow result(ImportRow row, ImportRow.Status status, UUID userId, Boolean created, int enrolled,
                                    int found, JsonNode detail) {
        return new ImportRow(row.line(), row.username(), row.fields(), status, userId, created, enrolled, found, detail);
    }

    private static float dot(float[] a, float[] b) {
        float sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
