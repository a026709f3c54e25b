package io.rollcall.local;

import java.net.URI;
import java.nio.file.Files;

import io.rollcall.platform.EmbeddedEmulators;
import io.rollcall.testing.TestEnvironment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The scenario against ElasticMQ and S3Proxy, embedded as the local runtime starts them: runs everywhere. */
class EmbeddedEmulatorsScenarioTest extends AwsScenario {

    static EmbeddedEmulators emulators;

    @BeforeAll
    static void start() throws Exception {
        emulators = EmbeddedEmulators.start(TestEnvironment.install().root(), 0, 0, Files.createTempDirectory("scenario-s3"));
    }

    @AfterAll
    static void stop() throws Exception {
        emulators.close();
    }

    @Override
    protected URI s3Endpoint() {
        return URI.create(emulators.s3Endpoint());
    }

    @Override
    protected URI sqsEndpoint() {
        return URI.create(emulators.sqsEndpoint());
    }

    @Override
    protected String accessKey() {
        return EmbeddedEmulators.ACCESS_KEY;
    }

    @Override
    protected String secretKey() {
        return EmbeddedEmulators.SECRET_KEY;
    }
}
