package io.rollcall.functions;

import io.rollcall.testing.TestEnvironment;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Base of the tests that need the application context: real Postgres, Redis and emulators (one context for
 * all such tests, cached by Spring).
 */
@SpringBootTest(classes = RollCallFunctions.class)
public abstract class FunctionTest {

    protected static final TestEnvironment env = TestEnvironment.install();
}
