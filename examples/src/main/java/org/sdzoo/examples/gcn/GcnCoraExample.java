package org.sdzoo.examples.gcn;

import org.sdzoo.datasets.graph.Planetoid;

/** Kipf and Welling's GCN on Planetoid Cora: test accuracy beside the paper's 81.5 (table 2). */
public final class GcnCoraExample extends GcnPlanetoidExample {

    /** Kipf and Welling's test accuracy on Cora, in percent. */
    static final double PAPER_ACCURACY = 81.5;

    /** Cora with Kipf's protocol. */
    public GcnCoraExample() {
        super(Planetoid.Name.CORA, PAPER_ACCURACY);
    }
}
