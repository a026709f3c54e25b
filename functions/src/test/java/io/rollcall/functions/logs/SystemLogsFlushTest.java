package io.rollcall.functions.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import io.rollcall.functions.LambdaInvoker;
import io.rollcall.testing.TestEnvironment;
import org.junit.jupiter.api.Test;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.Appender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Lambda freezes the instance once the handler returns and seldom shuts it down: the WARN lines of an invocation
 * must be in system_logs when it returns, not whenever the background writer gets to them.
 */
class SystemLogsFlushTest {

    private static final int BURST = 6000;

    @Test
    void theWarningsOfAnInvocationAreInSystemLogsWhenItReturnsWithoutAShutdown() {
        LambdaInvoker markAttendance = new LambdaInvoker("markAttendance");
        JdbcTemplate jdbc = new JdbcTemplate(TestEnvironment.install().dataSource());
        String marker = UUID.randomUUID().toString();
        StringBuilder records = new StringBuilder();
        for (int i = 0; i < 10; i++) { // ten rejected messages: ten WARN lines, the last logged just before returning
            records.append(i == 0 ? "" : ",").append("""
                    {"messageId":"%s-%d","receiptHandle":"rh","body":"{not json","attributes":{"ApproximateReceiveCount":"1"},
                     "messageAttributes":{},"eventSource":"aws:sqs","eventSourceARN":"arn:aws:sqs:us-east-1:000000000000:rollcall-attendance",
                     "awsRegion":"us-east-1"}""".formatted(marker, i));
        }

        markAttendance.invoke("{\"Records\":[]}"); // warm: the function's beans exist
        // a burst of lines just before (straight to the appender, not slowed by the console): the background
        // writer is behind when the handler returns
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Appender<ILoggingEvent> systemLogs = context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("system_logs");
        for (int i = 0; i < BURST; i++) {
            systemLogs.doAppend(new LoggingEvent(Logger.class.getName(), context.getLogger("burst"), Level.WARN,
                    "burst " + i + " " + marker, null, null));
        }

        String response = markAttendance.invoke("{\"Records\":[" + records + "]}");

        assertThat(response).as("never-succeeding messages are dead-lettered, each with a WARN naming it")
                .contains("\"batchItemFailures\":[]");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM system_logs WHERE log_level = 'WARN' AND message LIKE ?",
                Integer.class, "%" + marker + "%")).isEqualTo(BURST + 10);
    }
}
