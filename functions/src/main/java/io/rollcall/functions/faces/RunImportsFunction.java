package io.rollcall.functions.faces;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import io.rollcall.faces.imports.ImportPeople;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * runImports, every minute: works through started bulk enrollments for up to ROLLCALL_IMPORT_RUN_SECONDS (under
 * the function's 15-minute timeout), then leaves the rest to the next run. A run that dies mid-job loses nothing:
 * its lease expires and the next run resumes the job (ImportPeople).
 */
@Component("runImports")
public class RunImportsFunction implements Function<ScheduledEvent, Map<String, Integer>> {

    private final ImportPeople imports;
    private final Duration runFor;

    public RunImportsFunction(ImportPeople imports, @Value("${rollcall.imports.run-seconds:720}") long runSeconds) {
        this.imports = imports;
        this.runFor = Duration.ofSeconds(runSeconds);
    }

    @Override
    public Map<String, Integer> apply(ScheduledEvent event) {
        return Map.of("jobs", imports.runDue(Instant.now().plus(runFor)));
    }
}
