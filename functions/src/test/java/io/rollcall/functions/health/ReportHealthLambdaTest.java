package io.rollcall.functions.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.rollcall.functions.LambdaInvoker;
import io.rollcall.testing.TestEnvironment;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** reportHealth through the AWS adapter with the EventBridge event Lambda receives on its schedule. */
class ReportHealthLambdaTest {

    @Test
    void aScheduledEventRecordsTheHealthOfEveryDependency() {
        LambdaInvoker reportHealth = new LambdaInvoker("reportHealth");
        JdbcTemplate jdbc = new JdbcTemplate(TestEnvironment.install().dataSource());
        int before = jdbc.queryForObject("SELECT count(*) FROM system_health WHERE service_name = 'postgres'", Integer.class);

        String response = reportHealth.invoke("""
                {"version":"0","id":"53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa","detail-type":"Scheduled Event",
                 "source":"aws.events","account":"123456789012","time":"2026-11-25T08:00:00Z","region":"us-east-1",
                 "resources":["arn:aws:events:us-east-1:123456789012:rule/ReportHealthPeriodic"],"detail":{}}""");

        assertThat(response).contains("\"status\":\"UP\"", "\"postgres\"", "\"redis\"", "\"s3\"", "\"sqs\"");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM system_health WHERE service_name = 'postgres'", Integer.class))
                .isEqualTo(before + 1);
    }
}
