package org.sdzoo.zoo.models.hitmac;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sdzoo.datasets.Downloader;
import org.sdzoo.datasets.NumpyFiles;
import org.sdzoo.zoo.Architectures;
import org.sdzoo.zoo.ZooModel;
import org.sdzoo.zoo.config.ModelConfig;

/**
 * The two models the HiT-MAC authors published, loaded by name ({@code hitmac-executor},
 * {@code hitmac-coordinator}) from their {@code .npz} state_dicts, each checked against its SHA-256
 * and imported name for name.
 *
 * <p><b>Not shipped in the jar.</b> XuJing1022/HiT-MAC carries no licence file, so its files may not
 * be redistributed; the user places the converted state_dicts in a pretrained directory (see
 * {@link #directories}) and this class finds them there.
 */
public final class HitMacPretrained {

    /** Overrides where the state_dicts are looked for: a directory holding {@code hitmac/}. */
    public static final String ENV_VAR = "SDZOO_PRETRAINED_DIR";
    /** The sub-directory of a pretrained directory that holds the HiT-MAC files. */
    public static final String FOLDER = "hitmac";

    /**
     * What is known about a published model.
     *
     * @param name         the name it is loaded by, also its architecture
     * @param file         the {@code .npz} file name in {@code hitmac/}
     * @param sha256       of that file, as {@code SOURCE.md} gives it
     * @param origin       where the weights come from
     * @param licence      what may be done with them
     * @param paperNumbers what the paper reports for it, as far as it was found
     */
    public record ModelCard(String name, String file, String sha256, String origin, String licence,
                            String paperNumbers) {

        /** @return the card as lines for a console or a docs page */
        public String text() {
            return name + "\n  file: " + file + " (sha256 " + sha256 + ")\n  origin: " + origin + "\n  licence: " + licence
                    + "\n  paper: " + paperNumbers + "\n";
        }
    }

    private static final String ORIGIN = "Xu, Zhong, Wang, \"Learning Multi-Agent Coordination for Enhancing Target"
            + " Coverage in Directional Sensor Networks\", NeurIPS 2020; github.com/XuJing1022/HiT-MAC at commit"
            + " 2035778, trainedModel/%s.pth, its 'model' state_dict saved unchanged as .npz (float32)";
    private static final String LICENCE = "none stated: the repository has no licence file, so the weights are not"
            + " redistributed with sdzoo; convert them from the repository yourself";
    private static final String PAPER = "the repository's README gives no number; the paper's coverage figures were"
            + " not found in the sources available here (see the hitmac docs page)";

    private static final List<ModelCard> CARDS = List.of(
            new ModelCard(HitMacExecutorConfig.ARCHITECTURE, "best_executor.npz",
                    "25632fd6122a29b665c58fd9b78a841a3f22893b949d7d69ab2a96d5398c4a27",
                    String.format(ORIGIN, "best_executor"), LICENCE, PAPER),
            new ModelCard(HitMacCoordinatorConfig.ARCHITECTURE, "best_coordinator.npz",
                    "e307f33d3228e98b550ac2ff0f34181616e3ba83b3e39a05e8f6cbf8cc3e3ed2",
                    String.format(ORIGIN, "best_coordinator"), LICENCE, PAPER));

    private HitMacPretrained() {
    }

    /** @return the names that {@link #load} accepts */
    public static List<String> names() {
        return CARDS.stream().map(ModelCard::name).toList();
    }

    /**
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    public static ModelCard card(String name) {
        return CARDS.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("there is no pretrained HiT-MAC model '" + name + "': use one of " + names()));
    }

    /**
     * The directories searched, in order: {@value #ENV_VAR}, then {@code pretrained/} beside the
     * data directory ({@code dataDir/../pretrained}), then {@code ~/.sdzoo/pretrained}.
     *
     * @param dataDir the data directory in use, or null
     */
    public static List<Path> directories(Path dataDir) {
        List<Path> dirs = new ArrayList<>();
        String env = System.getenv(ENV_VAR);
        if (env != null && !env.isBlank()) {
            dirs.add(Path.of(env));
        }
        if (dataDir != null) {
            dirs.add(dataDir.toAbsolutePath().normalize().resolveSibling("pretrained"));
        }
        dirs.add(Path.of(System.getProperty("user.home"), ".sdzoo", "pretrained"));
        return dirs;
    }

    /**
     * Loads a published model from the first of {@link #directories} that holds its file.
     *
     * @throws IllegalArgumentException naming where the file was looked for and how to make it
     */
    public static ZooModel load(String name, Path dataDir) throws IOException {
        ModelCard card = card(name);
        List<Path> dirs = directories(dataDir);
        for (Path dir : dirs) {
            Path file = dir.resolve(FOLDER).resolve(card.file());
            if (Files.isRegularFile(file)) {
                return loadFile(card, file);
            }
        }
        throw new IllegalArgumentException("the pretrained " + name + " was not found in " + dirs.stream()
                .map(d -> d.resolve(FOLDER).toString()).toList() + ": convert trainedModel/" + card.file().replace(".npz", ".pth")
                + " of XuJing1022/HiT-MAC with numpy.savez(f, **{k: v.numpy() for k, v in torch.load(pth)['model'].items()})"
                + " into one of them, or set " + ENV_VAR + " (not shipped: the repository has no licence)");
    }

    /**
     * Loads a published model from a given {@code .npz}, refusing a file whose SHA-256 differs.
     *
     * @throws IllegalArgumentException for another file, or a state_dict whose names or shapes do not match
     */
    public static ZooModel loadFile(ModelCard card, Path file) throws IOException {
        String sha = Downloader.sha256(file);
        if (!sha.equals(card.sha256())) {
            throw new IllegalArgumentException(file + " has SHA-256 " + sha + " but the published " + card.name()
                    + " has " + card.sha256() + ": convert the repository's " + card.file().replace(".npz", ".pth")
                    + " again");
        }
        Map<String, INDArray> stateDict = NumpyFiles.readNpz(file);
        var architecture = Architectures.get(card.name());
        ModelConfig config = architecture.defaultConfig();
        return architecture.importTorch(config, stateDict, Map.of());
    }

    /** @return every card, for listing */
    public static List<ModelCard> cards() {
        return CARDS;
    }

}
