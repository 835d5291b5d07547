package org.sdzoo.examples.gcn;

import org.sdzoo.datasets.graph.Planetoid;

/** Kipf and Welling's GCN on Planetoid CiteSeer: test accuracy beside the paper's 70.3 (table 2). */
public final class GcnCiteseerExample extends GcnPlanetoidExample {

    /** Kipf and Welling's test accuracy on CiteSeer, in percent. */
    static final double PAPER_ACCURACY = 70.3;

    /** CiteSeer with Kipf's protocol. */
    public GcnCiteseerExample() {
        super(Planetoid.Name.CITESEER, PAPER_ACCURACY);
    }
}
