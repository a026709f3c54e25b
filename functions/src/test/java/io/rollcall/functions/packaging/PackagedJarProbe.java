package io.rollcall.functions.packaging;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import io.rollcall.faces.index.FaissIndex;
import io.rollcall.faces.index.IndexSpec;
import io.rollcall.faces.pipeline.FacePipeline;
import org.springframework.cloud.function.adapter.aws.FunctionInvoker;

/**
 * Runs inside a JVM whose class path is the Lambda jar alone (plus this class): loads every native library
 * the way a Lambda function would and prints what it found, for PackagedJarIT to check.
 */
public final class PackagedJarProbe {

    public static void main(String[] args) throws Exception {
        Path photo = Path.of(args[0]);
        try (FacePipeline pipeline = FacePipeline.open(FacePipeline.defaultModelsDir())) {
            System.out.println("faces=" + pipeline.analyze(Files.readAllBytes(photo)).size());
        }
        try (FaissIndex index = FaissIndex.create(IndexSpec.exact(4))) {
            index.add(new long[] {7, 9}, new float[] {1, 0, 0, 0, 0, 1, 0, 0});
            System.out.println("nearest=" + index.search(new float[] {0, 1, 0, 0}, 1).id(0, 0));
        }
        FunctionInvoker invoker = new FunctionInvoker("healthApi");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        invoker.handleRequest(new ByteArrayInputStream("""
                {"version":"2.0","routeKey":"GET /health","rawPath":"/health","rawQueryString":"",
                 "headers":{},"requestContext":{"http":{"method":"GET","path":"/health","sourceIp":"127.0.0.1"}},
                 "isBase64Encoded":false}""".getBytes(StandardCharsets.UTF_8)), out, null);
        System.out.println("health=" + out.toString(StandardCharsets.UTF_8));
        System.exit(0); // the Spring context's non-daemon threads would keep the probe alive
    }
}
