package io.rollcall.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.lettuce.core.api.StatefulRedisConnection;
import io.rollcall.faces.FacesConfiguration;
import io.rollcall.faces.pipeline.FacePipeline;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Lambda SnapStart's runtime hooks (CRaC). Lambda runs the init phase once per published version, calls
 * {@link #beforeCheckpoint} and snapshots the microVM; every new instance is a restore of that snapshot followed
 * by {@link #afterRestore}. So what is expensive and identical for every instance is done before the snapshot (the
 * face functions load and warm the ONNX models: natives, sessions, first inference), and what must not be shared
 * between restored instances is dropped before it and renewed after it:
 * <ul>
 *   <li>database connections: Hikari's idle connections are evicted before the snapshot and again after the
 *       restore (a socket restored into many instances would be one TCP connection used by all of them); the
 *       pool opens fresh ones on demand;</li>
 *   <li>Redis: nothing opens the connection during init (lazy initialization); if something did, it is named in
 *       the log before the snapshot and left to Lettuce's auto-reconnect, which replaces the restored socket
 *       when its first use after the restore fails;</li>
 *   <li>credentials and AWS clients: the S3/SQS clients are lazy beans, created after the restore with that
 *       instance's credentials; nothing here creates them;</li>
 *   <li>random seeds: the application's randomness is {@code SecureRandom} (NativePRNG mixes /dev/urandom into
 *       every call, and Lambda documents SecureRandom as snapshot-resilient); no {@code java.util.Random} is
 *       seeded during init.</li>
 * </ul>
 * Registered with the global CRaC context by its constructor; on a JVM without CRaC (every JVM but Lambda's
 * SnapStart runtime) {@code org.crac} registers nothing and the hooks are never called except by tests.
 */
@Component
@Lazy(false) // must exist before the snapshot, while the rest of the context stays lazy
public class SnapStartHooks implements Resource {

    private static final Logger log = LoggerFactory.getLogger(SnapStartHooks.class);

    /** The functions that run the face pipeline; the others would only pay for models they never use. */
    static final Set<String> FACE_FUNCTIONS = Set.of("recognizeFrame", "recognizeApi", "enrollFace");

    private final String function;
    private final ObjectProvider<FacePipeline> pipeline;
    private final ConfigurableListableBeanFactory beans;

    public SnapStartHooks(@Value("${spring.cloud.function.definition:}") String function,
                          ObjectProvider<FacePipeline> pipeline, ConfigurableListableBeanFactory beans) {
        this(function, pipeline, beans, false);
    }

    /**
     * With {@code preload} (ROLLCALL_PRELOAD_MODELS, off by default), a face function starts loading its models in
     * the background right away, overlapping the rest of a cold start without SnapStart; with SnapStart,
     * {@link #beforeCheckpoint} waits for the same load. Off because on 2 shared cores its gain was within the
     * noise of the cold-start benchmark (docs/benchmarks.md).
     */
    @org.springframework.beans.factory.annotation.Autowired
    public SnapStartHooks(@Value("${spring.cloud.function.definition:}") String function,
                          ObjectProvider<FacePipeline> pipeline, ConfigurableListableBeanFactory beans,
                          @Value("${ROLLCALL_PRELOAD_MODELS:false}") boolean preload) {
        this.function = function;
        this.pipeline = pipeline;
        this.beans = beans;
        if (preload && loadsModels()) {
            FacePipeline.preload(FacesConfiguration.modelsDir());
        }
        Core.getGlobalContext().register(this);
    }

    /** Whether this function's snapshot should hold the loaded, warmed face models. */
    public boolean loadsModels() {
        return FACE_FUNCTIONS.contains(function);
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        long t0 = System.nanoTime();
        if (loadsModels()) {
            pipeline.getObject().warmUp();
        }
        int evicted = evictDatabaseConnections();
        List<String> redis = openRedisConnections();
        if (!redis.isEmpty()) {
            log.warn("before snapshot: Redis connection(s) {} already open; they reconnect after the restore", redis);
        }
        log.info("before snapshot: function {}, models {}, {} database pool(s) evicted, {} ms", function,
                loadsModels() ? "loaded and warmed" : "not used", evicted, (System.nanoTime() - t0) / 1_000_000);
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        int evicted = evictDatabaseConnections();
        log.info("after restore: function {}, {} database pool(s) evicted", function, evicted);
    }

    /** Soft-evicts the connections of every Hikari pool already created; returns how many pools. */
    int evictDatabaseConnections() {
        int pools = 0;
        for (String name : beans.getBeanNamesForType(DataSource.class, false, false)) {
            if (beans.containsSingleton(name) && beans.getSingleton(name) instanceof HikariDataSource hikari
                    && hikari.getHikariPoolMXBean() != null) {
                hikari.getHikariPoolMXBean().softEvictConnections();
                pools++;
            }
        }
        return pools;
    }

    /** The Redis connections opened so far (only created ones: a lazy bean is not created by asking). */
    List<String> openRedisConnections() {
        List<String> open = new ArrayList<>();
        for (String name : beans.getBeanNamesForType(StatefulRedisConnection.class, false, false)) {
            if (beans.containsSingleton(name) && beans.getSingleton(name) instanceof StatefulRedisConnection<?, ?> c
                    && c.isOpen()) {
                open.add(name);
            }
        }
        return open;
    }
}
