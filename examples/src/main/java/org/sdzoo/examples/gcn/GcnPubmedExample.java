package org.sdzoo.examples.gcn;

import org.sdzoo.datasets.graph.Planetoid;

/** Kipf and Welling's GCN on Planetoid PubMed: test accuracy beside the paper's 79.0 (table 2). The workspace's copy of PubMed has no node features, so this example refuses it with the loader's message. */
public final class GcnPubmedExample extends GcnPlanetoidExample {

    /** Kipf and Welling's test accuracy on PubMed, in percent. */
    static final double PAPER_ACCURACY = 79.0;

    /** PubMed with Kipf's protocol. */
    public GcnPubmedExample() {
        super(Planetoid.Name.PUBMED, PAPER_ACCURACY);
    }
}
