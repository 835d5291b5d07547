package org.sdzoo.examples;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The examples the command line runs by name, found with {@link ServiceLoader} in
 * {@code META-INF/services/org.sdzoo.examples.Example}: adding one edits no list here.
 */
public final class Examples {

    private static final List<Example<?>> ALL = load();

    private Examples() {
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static List<Example<?>> load() {
        List<Example<?>> found = new java.util.ArrayList<>();
        for (Example e : ServiceLoader.load(Example.class, Examples.class.getClassLoader())) {
            found.add(e);
        }
        found.sort(Comparator.comparing(Example::name));
        return List.copyOf(found);
    }

    /** @return every example, by name */
    public static List<Example<?>> all() {
        return ALL;
    }

    /** @return the names of every example, sorted */
    public static List<String> names() {
        return ALL.stream().map(Example::name).toList();
    }

    /** @return the example called {@code name}, if any */
    public static Optional<Example<?>> find(String name) {
        return ALL.stream().filter(e -> e.name().equals(name)).findFirst();
    }

    /**
     * @return the example called {@code name}
     * @throws IllegalArgumentException naming the examples there are
     */
    public static Example<?> get(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException("unknown example '" + name
                + "': the examples are " + names() + " (see 'sdzoo list')"));
    }

    /**
     * @return the example named as {@code architecture} when it trains it, else the first that trains it on the
     *         user's data, else the first that trains it
     * @throws IllegalArgumentException when no example does
     */
    public static Example<?> forArchitecture(String architecture) {
        return find(architecture).filter(e -> e.architecture().equals(architecture))
                .or(() -> ALL.stream().filter(e -> e.architecture().equals(architecture))
                        .min(Comparator.comparing((Example<?> e) -> !e.takesUserData())))
                .orElseThrow(() -> new IllegalArgumentException("no example trains " + architecture
                        + " yet, so sdzoo does not know its data formats: the examples are " + names()));
    }
}
