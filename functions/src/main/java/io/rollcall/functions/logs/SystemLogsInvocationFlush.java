package io.rollcall.functions.logs;

import io.rollcall.logs.SystemLogging;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.function.context.catalog.FunctionAroundWrapper;
import org.springframework.cloud.function.context.catalog.SimpleFunctionRegistry.FunctionInvocationWrapper;
import org.springframework.stereotype.Component;

/**
 * Ends every function invocation by writing its system_logs lines. Lambda freezes the instance as soon as the
 * handler returns and seldom runs {@code @PreDestroy}, so a line left to the background writer may never be
 * written. Spring Cloud Function runs every function it looks up (the AWS adapter's FunctionInvoker, and the
 * local runtime's LambdaHost) through this wrapper. Spring Cloud Function skips the wrapper for a call that
 * overlaps another call of the same function object; Lambda runs one invocation per instance at a time, and
 * locally the background writer still writes those lines a moment later.
 */
@Component
public class SystemLogsInvocationFlush extends FunctionAroundWrapper {

    private final ObjectProvider<SystemLogging> systemLogging;
    private final long timeoutMillis;

    public SystemLogsInvocationFlush(ObjectProvider<SystemLogging> systemLogging,
                                     @Value("${rollcall.system-logs.flush-timeout-ms:3000}") long timeoutMillis) {
        this.systemLogging = systemLogging;
        this.timeoutMillis = timeoutMillis;
    }

    @Override
    protected Object doApply(Object input, FunctionInvocationWrapper function) {
        try {
            return function.apply(input);
        } finally {
            SystemLogging logging = systemLogging.getIfAvailable(); // absent when rollcall.system-logs.enabled=false
            if (logging != null) {
                logging.appender().flush(timeoutMillis);
            }
        }
    }
}
