package org.sdzoo.zoo;

import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * The architectures the archive and the command line know by name: every {@link Architecture}
 * implementation listed in a {@code META-INF/services/org.sdzoo.zoo.Architecture} file on the
 * class path. A new model adds its line there and edits no list in the code.
 */
public final class Architectures {

    private Architectures() {
    }

    /** Loaded once, on first use. */
    private static final class Registry {
        static final Map<String, Architecture> BY_NAME = load();

        private static Map<String, Architecture> load() {
            Map<String, Architecture> byName = new TreeMap<>();
            for (Architecture a : ServiceLoader.load(Architecture.class, Architectures.class.getClassLoader())) {
                Architecture clash = byName.putIfAbsent(a.name(), a);
                if (clash != null) {
                    throw new IllegalStateException("two architectures are registered as '" + a.name() + "' ("
                            + clash.getClass().getName() + " and " + a.getClass().getName()
                            + "): rename one or remove a duplicate jar from the class path");
                }
            }
            return byName;
        }
    }

    /** @return every registered architecture, sorted by name */
    public static List<Architecture> all() {
        return List.copyOf(Registry.BY_NAME.values());
    }

    /** @return the registered names, sorted */
    public static List<String> names() {
        return List.copyOf(Registry.BY_NAME.keySet());
    }

    /**
     * @return the architecture registered as {@code name}
     * @throws IllegalArgumentException naming the known architectures when there is none
     */
    public static Architecture get(String name) {
        Architecture a = Registry.BY_NAME.get(name);
        if (a == null) {
            throw new IllegalArgumentException("unknown architecture '" + name + "': sdzoo " + Sdzoo.version()
                    + " knows " + names());
        }
        return a;
    }
}
