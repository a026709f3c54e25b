package io.rollcall.logs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.UnsynchronizedAppenderBase;

/**
 * A Logback appender that sends WARN and ERROR lines to system_logs. The logging thread only offers the line
 * to a bounded queue (a full queue drops it and counts the drop): it never waits on the database and never
 * sees its failures. One daemon thread writes what has queued in batches.
 */
public class SystemLogAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {

    /** The log context (MDC) key naming the organization a log line belongs to; HttpApi sets it per request. */
    public static final String ORGANIZATION_KEY = "organizationId";

    static final int CAPACITY = 10_000;
    static final int BATCH = 200;
    private static final int MAX_STACK_FRAMES = 15;

    private final BlockingQueue<SystemLogEntry> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final AtomicLong queued = new AtomicLong(); // lines ever queued
    private final AtomicLong handled = new AtomicLong(); // lines ever written or failed, in queue order
    private final Object progress = new Object(); // the writer notifies it after each batch
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final String serviceName;
    private final Consumer<List<SystemLogEntry>> sink;
    private volatile Thread writer;

    public SystemLogAppender(String serviceName, Consumer<List<SystemLogEntry>> sink) {
        this.serviceName = serviceName;
        this.sink = sink;
        setName("system_logs");
    }

    @Override
    public void start() {
        writer = new Thread(this::drainForever, "system-logs-writer");
        writer.setDaemon(true); // a Lambda instance must be able to end without us
        writer.start();
        super.start();
    }

    @Override
    protected void append(ILoggingEvent event) {
        if (!event.getLevel().isGreaterOrEqual(Level.WARN) || Thread.currentThread() == writer) {
            return; // the writer's own failures must not feed the queue they come from
        }
        try {
            if (queue.offer(toEntry(event))) {
                queued.incrementAndGet();
            } else {
                dropped.incrementAndGet();
            }
        } catch (RuntimeException e) {
            dropped.incrementAndGet(); // a log line must never fail the function that wrote it
        }
    }

    /**
     * Waits, at most {@code millis}, until every line queued before this call is written (or its write failed).
     * Lambda freezes the instance when a handler returns, so each invocation ends with this; shutdown too.
     */
    public void flush(long millis) {
        long target = queued.get();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        synchronized (progress) {
            long left;
            while (handled.get() < target && writer != null && writer.isAlive()
                    && (left = deadline - System.nanoTime()) > 0) {
                try {
                    TimeUnit.NANOSECONDS.timedWait(progress, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    @Override
    public void stop() {
        flush(2000);
        super.stop();
        if (writer != null) {
            writer.interrupt();
        }
    }

    public long dropped() {
        return dropped.get();
    }

    public long failedWrites() {
        return failed.get();
    }

    private void drainForever() {
        List<SystemLogEntry> batch = new ArrayList<>(BATCH);
        while (!Thread.currentThread().isInterrupted()) {
            try {
                SystemLogEntry first = queue.poll(1, TimeUnit.SECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, BATCH - 1);
                sink.accept(batch);
            } catch (InterruptedException e) {
                return;
            } catch (VirtualMachineError e) {
                throw e;
            } catch (RuntimeException | Error e) {
                // the database is away: these lines are lost, the function is not. An Error too (the driver's
                // assertion during a restart, seen in the fault suite): a writer that died would make every
                // later flush wait its whole timeout, a 3 s stall at the end of every invocation
                failed.addAndGet(batch.size());
            } finally {
                handled.addAndGet(batch.size());
                batch.clear();
                synchronized (progress) {
                    progress.notifyAll();
                }
            }
        }
    }

    private SystemLogEntry toEntry(ILoggingEvent event) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("logger", event.getLoggerName());
        metadata.put("thread", event.getThreadName());
        if (event.getMDCPropertyMap() != null && !event.getMDCPropertyMap().isEmpty()) {
            metadata.put("mdc", Map.copyOf(event.getMDCPropertyMap()));
        }
        if (event.getKeyValuePairs() != null) {
            event.getKeyValuePairs().forEach(kv -> metadata.put(kv.key, String.valueOf(kv.value)));
        }
        IThrowableProxy error = event.getThrowableProxy();
        if (error != null) {
            metadata.put("exception", error.getClassName());
            metadata.put("exceptionMessage", error.getMessage());
            List<String> frames = new ArrayList<>();
            StackTraceElementProxy[] stack = error.getStackTraceElementProxyArray();
            for (int i = 0; stack != null && i < Math.min(stack.length, MAX_STACK_FRAMES); i++) {
                frames.add(stack[i].getSTEAsString());
            }
            metadata.put("stack", frames);
        }
        if (dropped.get() > 0) {
            metadata.put("droppedSoFar", dropped.get());
        }
        String message = event.getFormattedMessage();
        return new SystemLogEntry(event.getLevel().toString(), serviceName,
                message != null && message.length() > 4000 ? message.substring(0, 4000) : message,
                metadata, organization(event), Instant.ofEpochMilli(event.getTimeStamp()));
    }

    private static UUID organization(ILoggingEvent event) {
        String org = event.getMDCPropertyMap() == null ? null : event.getMDCPropertyMap().get(ORGANIZATION_KEY);
        try {
            return org == null ? null : UUID.fromString(org);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
