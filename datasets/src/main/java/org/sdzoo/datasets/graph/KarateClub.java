package org.sdzoo.datasets.graph;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Zachary's karate club, shipped inside the jar: 34 members, 78 friendships (156 directed edge
 * entries), 2 factions ("Mr. Hi" = 0 and "Officer" = 1, 17 members each), identity features
 * {@code [34, 34]} as Kipf and Welling use. The semi-supervised split labels one member per
 * faction for training, the instructor (node 0) and the president (node 33), and tests on the
 * other 32; it has no validation nodes.
 *
 * <p>Source: networkx 2.8.8 {@code karate_club_graph()} (W. W. Zachary, J. Anthropological
 * Research 33(4), 1977); see {@code org/sdzoo/datasets/graph/karate/SOURCE.md} in the jar.
 */
public final class KarateClub {

    private static final Logger LOG = LoggerFactory.getLogger(KarateClub.class);
    private static final String RESOURCES = "/org/sdzoo/datasets/graph/karate/";

    /** The number of members. */
    public static final int NUM_NODES = 34;
    /** The instructor, "Mr. Hi", the labelled member of faction 0. */
    public static final int INSTRUCTOR = 0;
    /** The club president, the labelled member of faction 1 ("Officer"). */
    public static final int PRESIDENT = 33;

    private KarateClub() {
    }

    /**
     * Loads the unweighted graph.
     *
     * @return the graph with both edge directions, identity features, faction labels and the
     *         one-label-per-faction split
     */
    public static GraphData load() {
        return load(false);
    }

    /**
     * Loads the graph, optionally with Zachary's interaction counts (1 to 7) as edge weights.
     *
     * @param weighted whether to attach the edge weights
     * @return the graph with both edge directions, identity features, faction labels and the
     *         one-label-per-faction split
     */
    public static GraphData load(boolean weighted) {
        List<String[]> edges = lines("edges_weighted.txt");
        int[] s = new int[edges.size()];
        int[] t = new int[edges.size()];
        float[] w = new float[edges.size()];
        for (int i = 0; i < s.length; i++) {
            String[] cells = edges.get(i);
            s[i] = Integer.parseInt(cells[0]);
            t[i] = Integer.parseInt(cells[1]);
            w[i] = Float.parseFloat(cells[2]);
        }
        int[] labels = lines("labels.txt").stream().mapToInt(c -> Integer.parseInt(c[0])).toArray();
        int[] test = IntStream.range(0, NUM_NODES).filter(i -> i != INSTRUCTOR && i != PRESIDENT).toArray();
        GraphData graph = GraphData.builder("KarateClub", NUM_NODES)
                .features(DenseFeatures.identity(NUM_NODES))
                .edges(s, t)
                .edgeWeights(weighted ? w : null)
                .labels(labels, 2)
                .split(NodeSplit.withoutValidation(new int[] {INSTRUCTOR, PRESIDENT}, test))
                .build()
                .toUndirected();
        LOG.debug("Loaded the karate club\n{}", graph.statistics());
        return graph;
    }

    private static List<String[]> lines(String file) {
        List<String[]> rows = new ArrayList<>();
        try (InputStream in = KarateClub.class.getResourceAsStream(RESOURCES + file)) {
            if (in == null) {
                throw new IllegalStateException("The jar lacks " + RESOURCES + file + "; rebuild sdzoo-datasets.");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank()) {
                    rows.add(line.strip().split("\\s+"));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + RESOURCES + file + " from the jar.", e);
        }
        return rows;
    }
}
