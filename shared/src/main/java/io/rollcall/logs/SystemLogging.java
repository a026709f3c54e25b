package io.rollcall.logs;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import jakarta.annotation.PreDestroy;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Attaches the system_logs appender to the root logger as the application starts (eagerly, although the
 * functions' context is lazy: every function must log to system_logs), and flushes it on shutdown.
 */
@Component
@Lazy(false)
@ConditionalOnProperty(name = "rollcall.system-logs.enabled", havingValue = "true", matchIfMissing = true)
public class SystemLogging {

    private final SystemLogAppender appender;
    private final SystemLogRepository repository;

    public SystemLogging(SystemLogRepository repository, @Value("${rollcall.service-name}") String serviceName) {
        this.repository = repository;
        this.appender = new SystemLogAppender(serviceName, repository::insertAll);
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            appender.setContext(context);
            appender.start();
            Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
            root.detachAppender(appender.getName()); // a context restarted in one JVM (tests) replaces the old one
            root.addAppender(appender);
        }
    }

    public SystemLogRepository repository() {
        return repository;
    }

    public SystemLogAppender appender() {
        return appender;
    }

    @PreDestroy
    void stop() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).detachAppender(appender);
        }
        appender.stop();
    }
}
