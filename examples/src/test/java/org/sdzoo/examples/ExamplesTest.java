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
        assertEquals(List.of("gae-cora", "gcn", "gcn-citeseer", "gcn-cora", "gcn-karate", "gcn-link-cora", "gcn-mutag", "gcn-pubmed", "hitmac-executor-greedy", "kernel-regression", "tcn-adding", "tcn-copy-memory", "tcn-ett", "tcn-jsb", "tcn-pmnist", "tcn-seq-mnist", "transformer-copy", "transformer-mnist", "transformer-multi30k", "transformer-reverse"),
                Examples.names());
    }

    @Test
    void everyExampleTrainsARegisteredArchitecture() {
        for (Example<?> e : Examples.all()) {
            assertTrue(Architectures.names().contains(e.architecture()), e.name() + " trains " + e.architecture());
            // Several examples may train one architecture; the one that takes its user data trains it too.
            assertEquals(e.architecture(), Examples.forArchitecture(e.architecture()).architecture());
        }
    }

    @Test
    void anUnknownNameListsTheExamples() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Examples.get("resnet"));
        assertTrue(e.getMessage().contains("[gae-cora, gcn, gcn-citeseer, gcn-cora, gcn-karate, gcn-link-cora, gcn-mutag, gcn-pubmed, hitmac-executor-greedy, kernel-regression, tcn-adding, tcn-copy-memory, tcn-ett, tcn-jsb, tcn-pmnist, tcn-seq-mnist, transformer-copy, transformer-mnist, transformer-multi30k, transformer-reverse]"), e.getMessage());
    }
}
