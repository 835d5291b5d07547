package org.sdzoo.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sdzoo.zoo.Architectures;

/** The examples registered in META-INF/services/org.sdzoo.examples.Example. */
class ExamplesTest {

    @Test
    void listsTheRegisteredNames() {
        assertEquals(List.of("kernel-regression", "gcn-karate", "gcn-cora"), Examples.names());
    }

    @Test
    void everyExampleTrainsARegisteredArchitecture() {
        for (Example<?> e : Examples.all()) {
            assertTrue(Architectures.names().contains(e.architecture()), e.name() + " trains " + e.architecture());
            assertEquals(e, Examples.forArchitecture(e.architecture()));
        }
    }

    @Test
    void anUnknownNameListsTheExamples() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Examples.get("resnet"));
        assertTrue(e.getMessage().contains("[kernel-regression]"), e.getMessage());
    }
}
