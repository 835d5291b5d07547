package org.sdzoo.examples;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.sdzoo.examples.kernelregression.KernelRegressionEntry;

/** The registry of examples the command line runs by name. */
public final class Examples {

    private static final Map<String, Example> BY_NAME = new LinkedHashMap<>();

    static {
        register(new KernelRegressionEntry());
    }

    private Examples() {
    }

    private static void register(Example e) {
        BY_NAME.put(e.name(), e);
    }

    /** @return every example, in registration order */
    public static List<Example> all() {
        return List.copyOf(BY_NAME.values());
    }

    /** @return the example called {@code name}, if any */
    public static Optional<Example> find(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    /**
     * @return the first example that trains {@code architecture}
     * @throws IllegalArgumentException when no example does
     */
    public static Example forArchitecture(String architecture) {
        return BY_NAME.values().stream().filter(e -> e.architecture().equals(architecture)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no example trains " + architecture
                        + " yet: the examples are " + BY_NAME.keySet()));
    }
}
