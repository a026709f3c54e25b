package io.rollcall.functions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.lettuce.core.api.StatefulRedisConnection;
import io.rollcall.faces.pipeline.FacePipeline;
import io.rollcall.platform.SnapStartHooks;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * SnapStart cannot run here (it needs Lambda's CRaC runtime), so its hooks are called the way the runtime would:
 * beforeCheckpoint on the initialised context, afterRestore after it, then the function must still work.
 */
class SnapStartHooksTest extends FunctionTest {

    @Autowired ObjectProvider<FacePipeline> pipeline;
    @Autowired ConfigurableListableBeanFactory beans;
    @Autowired JdbcTemplate jdbc;
    @Autowired SnapStartHooks contextHooks;
    @Autowired StatefulRedisConnection<String, String> redis;

    @Test
    void theHooksAreAnEagerBeanOfEveryFunctionAndOnlyFaceFunctionsLoadModels() {
        assertThat(contextHooks).isNotNull();
        assertThat(new SnapStartHooks("recognizeFrame", pipeline, beans).loadsModels()).isTrue();
        assertThat(new SnapStartHooks("recognizeApi", pipeline, beans).loadsModels()).isTrue();
        assertThat(new SnapStartHooks("enrollFace", pipeline, beans).loadsModels()).isTrue();
        assertThat(new SnapStartHooks("markAttendance", pipeline, beans).loadsModels()).isFalse();
        assertThat(new SnapStartHooks("", pipeline, beans).loadsModels()).isFalse();
    }

    @Test
    void beforeCheckpointLoadsAndWarmsTheModelsOfAFaceFunction() throws Exception {
        SnapStartHooks hooks = new SnapStartHooks("recognizeFrame", pipeline, beans);
        hooks.beforeCheckpoint(null);
        assertThat(beans.containsSingleton("facePipeline")).isTrue();
        FacePipeline loaded = pipeline.getObject();
        assertThat(loaded.flushesDenormals()).isTrue();
        assertThat(loaded.analyze(java.nio.file.Files.readAllBytes(env.root().resolve("models/cache/photos/sample1.jpg")))).hasSize(3);
    }

    @Test
    void databaseConnectionsAreNotCarriedAcrossTheSnapshot() {
        SnapStartHooks hooks = new SnapStartHooks("recognizeFrame", pipeline, beans);
        int beforeSnapshot = backend();

        hooks.beforeCheckpoint(null);
        int restoredFrom = backend();
        assertThat(restoredFrom).isNotEqualTo(beforeSnapshot);

        hooks.afterRestore(null);
        int afterRestore = backend();
        assertThat(afterRestore).isNotEqualTo(restoredFrom).isNotEqualTo(beforeSnapshot);
        // and the application still reaches Postgres and Redis afterwards
        Map<String, Object> row = jdbc.queryForMap("SELECT count(*) AS n FROM organizations");
        assertThat(row).containsKey("n");
        assertThat(redis.sync().ping()).isEqualTo("PONG");
    }

    /** The Postgres backend serving the next pooled connection: a new physical connection has a new one. */
    private int backend() {
        return jdbc.queryForObject("SELECT pg_backend_pid()", Integer.class);
    }
}
