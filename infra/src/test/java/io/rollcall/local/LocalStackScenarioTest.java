package io.rollcall.local;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The same scenario against LocalStack in a container, on machines with a Docker engine. Without one it is
 * skipped, saying why: the embedded emulators cover the scenario on every run.
 */
class LocalStackScenarioTest extends AwsScenario {

    static LocalStackContainer localstack;

    @BeforeAll
    static void start() {
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            return; // requireDocker() reports the skip on the test itself
        }
        localstack = new LocalStackContainer(DockerImageName.parse("localstack/localstack:4.4"))
                .withServices(LocalStackContainer.Service.S3, LocalStackContainer.Service.SQS);
        localstack.start();
    }

    @BeforeEach
    void requireDocker() {
        assumeTrue(localstack != null, "skipped: no Docker engine on this machine, so no LocalStack container; "
                + "EmbeddedEmulatorsScenarioTest runs the same scenario against ElasticMQ and S3Proxy");
    }

    @AfterAll
    static void stop() {
        if (localstack != null) {
            localstack.stop();
        }
    }

    @Override
    protected URI s3Endpoint() {
        return localstack.getEndpointOverride(LocalStackContainer.Service.S3);
    }

    @Override
    protected URI sqsEndpoint() {
        return localstack.getEndpointOverride(LocalStackContainer.Service.SQS);
    }

    @Override
    protected String accessKey() {
        return localstack.getAccessKey();
    }

    @Override
    protected String secretKey() {
        return localstack.getSecretKey();
    }
}
