package io.rollcall.config;

import java.util.Map;

import io.rollcall.domain.DomainException;

/** A configuration change refused: each offending key with its problem. */
public class InvalidConfigException extends DomainException {

    public InvalidConfigException(Map<String, String> problems) {
        super(Kind.INVALID, "invalid_configuration", "invalid configuration: " + String.join(", ", problems.keySet()), problems);
    }

    public Map<String, String> problems() {
        return fields();
    }
}
