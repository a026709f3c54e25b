package io.rollcall.functions;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import io.rollcall.testing.TestEnvironment;
import org.springframework.cloud.function.adapter.aws.FunctionInvoker;

/** Calls a function through Spring Cloud Function's AWS adapter exactly as the Lambda runtime does: JSON in, JSON out. */
public final class LambdaInvoker {

    private final FunctionInvoker invoker;

    public LambdaInvoker(String functionDefinition) {
        TestEnvironment.install();
        System.setProperty("MAIN_CLASS", RollCallFunctions.class.getName());
        this.invoker = new FunctionInvoker(functionDefinition);
    }

    public String invoke(String eventJson) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            invoker.handleRequest(new ByteArrayInputStream(eventJson.getBytes(StandardCharsets.UTF_8)), out, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
