package io.rollcall.local;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves the intrinsics template.yaml uses for the local stack: pseudo parameters, parameters, and !Ref /
 * !GetAtt of the queues and buckets the runtime created.
 */
public final class Resolver {

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([^}]+)}");

    private final Map<String, String> values;
    private final Map<String, String> overrides;

    /** {@code values}: "AWS::StackName", parameter names, and logical ids (Ref) or "Id.Attr" (GetAtt). */
    Resolver(Map<String, String> values) {
        this(values, Map.of());
    }

    private Resolver(Map<String, String> values, Map<String, String> overrides) {
        this.values = values;
        this.overrides = overrides;
    }

    /**
     * This resolver, with names whose local value differs from AWS's and wins even over a !Sub's own variables
     * (the media bucket's origin, which locally is the S3 emulator's).
     */
    public Resolver overriding(Map<String, String> localValues) {
        Map<String, String> merged = new java.util.HashMap<>(overrides);
        merged.putAll(localValues);
        return new Resolver(values, Map.copyOf(merged));
    }

    public String resolve(Object value) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof Map<?, ?> intrinsic)) {
            return String.valueOf(value);
        }
        if (intrinsic.containsKey("Ref")) {
            return lookup(String.valueOf(intrinsic.get("Ref")));
        }
        if (intrinsic.get("Fn::GetAtt") instanceof List<?> parts) {
            return lookup(parts.get(0) + "." + parts.get(1));
        }
        if (intrinsic.get("Fn::Sub") instanceof String template) {
            return substitute(template, Map.of());
        }
        if (intrinsic.get("Fn::Sub") instanceof List<?> parts && parts.size() == 2 && parts.get(0) instanceof String template
                && parts.get(1) instanceof Map<?, ?> variables) {
            Map<String, String> local = new java.util.HashMap<>();
            variables.forEach((name, v) -> local.put(String.valueOf(name), overrides.containsKey(String.valueOf(name))
                    ? overrides.get(String.valueOf(name)) : resolve(v)));
            return substitute(template, local);
        }
        throw new IllegalArgumentException("the local runtime cannot resolve " + value);
    }

    private String substitute(String template, Map<String, String> local) {
        Matcher m = VARIABLE.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            m.appendReplacement(out, Matcher.quoteReplacement(local.containsKey(name) ? local.get(name) : lookup(name)));
        }
        return m.appendTail(out).toString();
    }

    private String lookup(String name) {
        String value = overrides.containsKey(name) ? overrides.get(name) : values.get(name);
        if (value == null) {
            throw new IllegalArgumentException("the local runtime has no value for " + name);
        }
        return value;
    }
}
