package io.rollcall.config;

import java.util.Map;

/** A configuration change refused: each offending key with its problem (the API answers 400 naming them). */
public class InvalidConfigException extends RuntimeException {

    private final Map<String, String> problems;

    public InvalidConfigException(Map<String, String> problems) {
        super("invalid configuration: " + String.join(", ", problems.keySet()));
        this.problems = Map.copyOf(problems);
    }

    public Map<String, String> problems() {
        return problems;
    }
}
