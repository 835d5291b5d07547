package org.sdzoo.datasets;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.sdzoo.datasets.graph.Planetoid;
import org.sdzoo.datasets.graph.TuDataset;

/**
 * The data sets sdzoo can download by name, each a list of files pinned by SHA-256 (Planetoid's
 * original files for Cora and CiteSeer, MUTAG's TU files), from their public copies or a mirror
 * that serves the same file names.
 */
public final class DatasetDownloads {

    private DatasetDownloads() {
    }

    private static Map<String, List<DatasetFile>> all() {
        Map<String, List<DatasetFile>> m = new TreeMap<>();
        m.put("cora", Planetoid.rawFiles(Planetoid.Name.CORA));
        m.put("citeseer", Planetoid.rawFiles(Planetoid.Name.CITESEER));
        m.put("mutag", TuDataset.MUTAG_FILES);
        return m;
    }

    /** @return the names {@link #files} accepts */
    public static List<String> names() {
        return List.copyOf(all().keySet());
    }

    /**
     * @param name   a data set, see {@link #names()}
     * @param mirror an address serving the same file names (ending in {@code /} or not), or null
     *               for the public copies
     * @return its files, their addresses on the mirror when one is given
     * @throws IllegalArgumentException for an unknown name, listing the known ones (PubMed's
     *                                  features have no public copy to pin, so it is not one)
     */
    public static List<DatasetFile> files(String name, String mirror) {
        List<DatasetFile> files = all().get(name);
        if (files == null) {
            throw new IllegalArgumentException("sdzoo cannot download '" + name + "': it knows " + names()
                    + " (PubMed's features have no public copy it could pin: place converted files by hand)");
        }
        if (mirror == null) {
            return files;
        }
        String base = mirror.endsWith("/") ? mirror : mirror + "/";
        return files.stream().map(f -> new DatasetFile(f.name(), f.relativePath(),
                URI.create(base + Path.of(f.relativePath()).getFileName()), f.sha256())).toList();
    }
}
