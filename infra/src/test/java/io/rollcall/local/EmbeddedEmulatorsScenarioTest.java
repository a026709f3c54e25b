package io.rollcall.local;

import java.net.URI;

import io.rollcall.platform.EmbeddedEmulators;
import io.rollcall.testing.TestEnvironment;

/** The scenario against ElasticMQ and S3Proxy, embedded as the local runtime starts them: runs everywhere. */
class EmbeddedEmulatorsScenarioTest extends AwsScenario {

    static final EmbeddedEmulators emulators = TestEnvironment.install().emulators();

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
