package org.sdzoo.examples.gcn;

import java.util.List;
import org.sdzoo.examples.Suite;

/**
 * Kipf and Welling's table 2 ({@code sdzoo reproduce gcn-planetoid}): GCN on Cora, CiteSeer and
 * PubMed, each over its protocol's 10 seeds, beside 81.5 / 70.3 / 79.0. PubMed is optional: the
 * workspace's copy has no node features, and the loader's sentence saying so replaces its row.
 */
public final class GcnPlanetoidSuite implements Suite {

    @Override
    public String name() {
        return "gcn-planetoid";
    }

    @Override
    public String description() {
        return "GCN on the Planetoid citation graphs (Kipf & Welling 2017, table 2): test accuracy %, mean ± std over seeds";
    }

    @Override
    public List<Member> members() {
        return List.of(new Member("gcn-cora", "cora", false), new Member("gcn-citeseer", "citeseer", false),
                new Member("gcn-pubmed", "pubmed", true));
    }
}
