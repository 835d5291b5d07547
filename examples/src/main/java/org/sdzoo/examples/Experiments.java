package org.sdzoo.examples;

import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/** The {@link Experiment}s found with {@link ServiceLoader}. */
public final class Experiments {

    private Experiments() {
    }

    /** @return every registered experiment */
    public static List<Experiment> all() {
        return ServiceLoader.load(Experiment.class).stream().map(ServiceLoader.Provider::get).toList();
    }

    /** @return the experiment called {@code name}, if there is one */
    public static Optional<Experiment> find(String name) {
        return all().stream().filter(e -> e.name().equals(name)).findFirst();
    }
}
