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

    /** {@code values}: "AWS::StackName", parameter names, and logical ids (Ref) or "Id.Attr" (GetAtt). */
    Resolver(Map<String, String> values) {
        this.values = values;
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
            Matcher m = VARIABLE.matcher(template);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                m.appendReplacement(out, Matcher.quoteReplacement(lookup(m.group(1))));
            }
            return m.appendTail(out).toString();
        }
        throw new IllegalArgumentException("the local runtime cannot resolve " + value);
    }

    private String lookup(String name) {
        String value = values.get(name);
        if (value == null) {
            throw new IllegalArgumentException("the local runtime has no value for " + name);
        }
        return value;
    }
}
