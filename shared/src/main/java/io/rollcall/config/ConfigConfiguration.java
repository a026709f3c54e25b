package io.rollcall.config;

import io.lettuce.core.api.StatefulRedisConnection;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/** Wires the configuration store to the application's Redis connection (obtained lazily: Redis may be down). */
@Configuration(proxyBeanMethods = false)
class ConfigConfiguration {

    @Bean
    ConfigCache configCache(ObjectProvider<StatefulRedisConnection<String, String>> redis) {
        return new ConfigCache(() -> redis.getObject().sync());
    }

    @Bean
    ConfigStore configStore(JdbcClient jdbc, TransactionTemplate tx, ConfigCache cache, JsonMapper json) {
        return new ConfigStore(jdbc, tx, cache, json);
    }
}
