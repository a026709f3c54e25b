package io.rollcall.faces.imports;

import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import io.rollcall.domain.DomainException;
import io.rollcall.faces.pipeline.DetectedFace;

/**
 * Reads and analyses the coming photos of a batch a few photos ahead of the runner, on a few threads (one per
 * inference thread by default, so that two photos are analysed at once on two cores), while the runner stores them
 * one at a time in the CSV's order (the duplicate checks, the rows and the checkpoints stay on one thread, so
 * resuming and re-running work as before). Nothing is written here: a runner that stops throws the look-ahead away.
 */
final class PhotoLookahead implements AutoCloseable {

    /** A photo read and analysed: its bytes (empty when too large) and its one enrollable face, or why not. */
    record Analysed(Optional<byte[]> bytes, DetectedFace face, DomainException refused) {
    }

    /** Photos in flight: a few, so the bytes held stay small (at most this many × 10 MiB). */
    static final int AHEAD = 4;

    private final ExecutorService threads;
    private final Iterator<String> upcoming;
    private final Function<String, Analysed> analyse;
    private final Map<String, Future<Analysed>> inFlight = new LinkedHashMap<>();
    private final Set<String> notTaken;

    PhotoLookahead(List<String> entries, int threadCount, Function<String, Analysed> analyse) {
        this.threads = Executors.newFixedThreadPool(threadCount, r -> {
            Thread t = new Thread(r, "rollcall-import-analysis");
            t.setDaemon(true);
            return t;
        });
        this.notTaken = new HashSet<>(entries);
        this.upcoming = List.copyOf(entries).iterator();
        this.analyse = analyse;
        fill();
    }

    /** The entry's analysis; the entries submitted before it and not taken (a refused row's) are dropped. */
    Analysed take(String entry) {
        Future<Analysed> future = inFlight.remove(entry);
        while (future == null && notTaken.contains(entry)) {
            // not submitted yet: what is ahead of it will never be taken
            Iterator<Future<Analysed>> oldest = inFlight.values().iterator();
            if (oldest.hasNext()) {
                oldest.next().cancel(false);
                oldest.remove();
            }
            fill();
            future = inFlight.remove(entry);
        }
        notTaken.remove(entry);
        try {
            return future == null ? analyse.apply(entry) : future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while analysing " + entry, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            fill();
        }
    }

    private void fill() {
        while (inFlight.size() < AHEAD && upcoming.hasNext()) {
            String entry = upcoming.next();
            inFlight.put(entry, threads.submit(() -> analyse.apply(entry)));
        }
    }

    /** Waits for the photos being analysed (their native memory is the pipeline's until then); drops the rest. */
    @Override
    public void close() {
        inFlight.values().forEach(f -> f.cancel(false));
        threads.shutdown();
        try {
            threads.awaitTermination(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
