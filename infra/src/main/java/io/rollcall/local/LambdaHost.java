package io.rollcall.local;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.rollcall.functions.RollCallFunctions;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cloud.function.adapter.aws.AWSCompanionAutoConfiguration;
import org.springframework.cloud.function.adapter.aws.AWSLambdaUtils;
import org.springframework.cloud.function.context.FunctionCatalog;
import org.springframework.cloud.function.context.catalog.SimpleFunctionRegistry.FunctionInvocationWrapper;
import org.springframework.cloud.function.json.JacksonMapper;
import org.springframework.cloud.function.json.JsonMapper;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.messaging.Message;
import tools.jackson.databind.MapperFeature;

/**
 * Every function of the template in one Spring context, invoked the way the AWS adapter's FunctionInvoker
 * does in Lambda: the event's JSON becomes a Message through AWSLambdaUtils, the function runs, and its output
 * is turned back into the JSON Lambda would return. One context instead of one per function keeps a laptop's
 * memory for the work; functions are singletons and must be thread-safe in Lambda's reuse model anyway.
 */
public final class LambdaHost implements Lambda, AutoCloseable {

    private final ConfigurableApplicationContext context;
    private final FunctionCatalog catalog;
    private final JsonMapper jsonMapper;
    private final Map<String, FunctionInvocationWrapper> functions = new ConcurrentHashMap<>();

    public LambdaHost() {
        // the same sources and switches FunctionInvoker.start() uses
        context = new SpringApplicationBuilder(RollCallFunctions.class, AWSCompanionAutoConfiguration.class)
                .web(WebApplicationType.NONE)
                .run("--spring.cloud.function.web.export.enabled=false");
        catalog = context.getBean(FunctionCatalog.class);
        jsonMapper = context.getBean(JsonMapper.class);
        if (jsonMapper instanceof JacksonMapper jackson) {
            // FunctionInvoker does this too: AWS event JSON mixes "Records" and "records"
            jackson.configureObjectMapper(mapper -> mapper.rebuild().enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES).build());
        }
    }

    public ConfigurableApplicationContext context() {
        return context;
    }

    /** Whether the catalog knows {@code definition} (the template test uses this). */
    public boolean has(String definition) {
        return catalog.lookup(definition, "application/json") != null;
    }

    /** Invokes a function with an event's JSON and returns the response's JSON, as Lambda would. */
    @SuppressWarnings("rawtypes")
    @Override
    public byte[] invoke(String definition, byte[] event) {
        FunctionInvocationWrapper function = functions.computeIfAbsent(definition, name -> {
            FunctionInvocationWrapper found = catalog.lookup(name, "application/json");
            if (found == null) {
                throw new IllegalArgumentException("no function bean " + name);
            }
            return found;
        });
        Message request = AWSLambdaUtils.generateMessage(event, function.getInputType(), function.isSupplier(), jsonMapper);
        Object response = function.apply(request);
        return AWSLambdaUtils.generateOutputFromObject(request, response, jsonMapper, function.getOutputType());
    }

    @Override
    public void close() {
        context.close();
    }
}
