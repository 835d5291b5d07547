package org.sdzoo.examples;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/** The suites {@code sdzoo reproduce} knows, found with {@link ServiceLoader} ({@code META-INF/services/org.sdzoo.examples.Suite}). */
public final class Suites {

    private static final List<Suite> ALL = load();

    private Suites() {
    }

    private static List<Suite> load() {
        List<Suite> found = new ArrayList<>();
        ServiceLoader.load(Suite.class, Suites.class.getClassLoader()).forEach(found::add);
        found.sort(Comparator.comparing(Suite::name));
        return List.copyOf(found);
    }

    /** @return the names of every suite, sorted */
    public static List<String> names() {
        return ALL.stream().map(Suite::name).toList();
    }

    /** @return the suite called {@code name}, if any */
    public static Optional<Suite> find(String name) {
        return ALL.stream().filter(s -> s.name().equals(name)).findFirst();
    }
}
