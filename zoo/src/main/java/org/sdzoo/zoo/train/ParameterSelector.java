package org.sdzoo.zoo.train;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The parameters whose whole name matches a regular expression ({@code weightDecayParameters},
 * {@code freeze}). The expression is compiled once and each name decided once, not on every step.
 */
final class ParameterSelector {

    private final Pattern pattern;
    private final Map<String, Boolean> decided = new HashMap<>();

    /** @param regex a validated expression; empty selects nothing */
    ParameterSelector(String regex) {
        this.pattern = regex.isEmpty() ? null : Pattern.compile(regex);
    }

    /** @return true when {@code parameterName} matches the whole expression */
    boolean selects(String parameterName) {
        return pattern != null && decided.computeIfAbsent(parameterName, n -> pattern.matcher(n).matches());
    }
}
