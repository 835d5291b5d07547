package org.sdzoo.zoo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sdzoo.zoo.models.kernelregression.KernelRegressionArchitecture;

/** The registry of architectures the archive and the command line know by name. */
public final class Architectures {

    private static final Map<String, Architecture> BY_NAME = new LinkedHashMap<>();

    static {
        register(new KernelRegressionArchitecture());
    }

    private Architectures() {
    }

    private static void register(Architecture a) {
        BY_NAME.put(a.name(), a);
    }

    /** @return every registered architecture, in registration order */
    public static List<Architecture> all() {
        return List.copyOf(BY_NAME.values());
    }

    /**
     * @return the architecture registered as {@code name}
     * @throws IllegalArgumentException naming the known architectures when there is none
     */
    public static Architecture get(String name) {
        Architecture a = BY_NAME.get(name);
        if (a == null) {
            throw new IllegalArgumentException("unknown architecture '" + name + "': sdzoo " + Sdzoo.version()
                    + " knows " + BY_NAME.keySet());
        }
        return a;
    }
}
