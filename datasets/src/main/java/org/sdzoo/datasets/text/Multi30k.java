package org.sdzoo.datasets.text;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.sdzoo.datasets.DatasetFile;
import org.sdzoo.datasets.Downloader;

/**
 * Multi30k task 1 (Elliott et al. 2016): English image descriptions and their German
 * translations, raw untokenised text, in {@code <data dir>/multi30k/} as gzipped line-aligned
 * files {@code <split>.<lang>.gz}. Missing files are downloaded from the dataset's repository and
 * every file is checked against its SHA-256.
 *
 * <table>
 *   <caption>Statistics (sentence pairs)</caption>
 *   <tr><th>split</th><th>file stem</th><th>pairs</th></tr>
 *   <tr><td>train</td><td>train</td><td>29000</td></tr>
 *   <tr><td>val</td><td>val</td><td>1014</td></tr>
 *   <tr><td>test2016</td><td>test_2016_flickr</td><td>1000</td></tr>
 * </table>
 */
public final class Multi30k {

    /** The folder inside the data directory. */
    public static final String FOLDER = "multi30k";
    /** The languages: German and English. */
    public static final List<String> LANGUAGES = List.of("de", "en");

    static final String BASE = "https://raw.githubusercontent.com/multi30k/dataset/"
            + "a3d2e0d26b56f3846f66a952536ffed4e401d05a/data/task1/raw/";

    private static final Map<String, String> SHA256 = Map.of(
            "test_2016_flickr.de.gz", "9204244e408ccb38d2a55cfcd344df15005fc42a07a6e55ca6c52b6ababb8cc8",
            "test_2016_flickr.en.gz", "611d361c6334bc7246101d48097c13cf5c4413c5befc793cc629934359d532d9",
            "train.de.gz", "726e39b2fa9eb9ffb6dc763fb35a179f80fae06ffc5d28b6ace5faa883de28a6",
            "train.en.gz", "d79cfa999dd4c51d2cb42499b6796d5a882c3a8a961923c25a898c90f8bbd56f",
            "val.de.gz", "f0cba2f995189cf5770f29a8a9a537a3ad3f51657ad873405082ff6863a5e75a",
            "val.en.gz", "14f7d25ddd868909a9213e361768460edcacdd6ab9d1e77b92560dc10c10dc28");

    /** The splits and their file stems. */
    public enum Split {
        TRAIN("train", 29000), VAL("val", 1014), TEST2016("test_2016_flickr", 1000);

        private final String stem;
        private final int pairs;

        Split(String stem, int pairs) {
            this.stem = stem;
            this.pairs = pairs;
        }

        /** @return the file name before {@code .<lang>.gz} */
        public String stem() {
            return stem;
        }

        /** @return the number of sentence pairs */
        public int pairs() {
            return pairs;
        }
    }

    private Multi30k() {
    }

    /** @return the file of one split and language, with its address and SHA-256 */
    public static DatasetFile file(Split split, String language) {
        requireLanguage(language);
        String name = split.stem() + "." + language + ".gz";
        return new DatasetFile("Multi30k " + name, FOLDER + "/" + name, URI.create(BASE + name), SHA256.get(name));
    }

    /**
     * Loads a split, downloading and verifying its files as needed.
     *
     * @param dataDir        the data directory (see {@link org.sdzoo.datasets.DataDirectory})
     * @param sourceLanguage {@code de} or {@code en}
     * @param targetLanguage the other one
     */
    public static ParallelCorpus load(Path dataDir, Split split, String sourceLanguage, String targetLanguage)
            throws IOException {
        requireLanguage(sourceLanguage);
        requireLanguage(targetLanguage);
        if (sourceLanguage.equals(targetLanguage)) {
            throw new IllegalArgumentException("source and target language are both '" + sourceLanguage
                    + "': translate between de and en");
        }
        Path source = Downloader.ensure(file(split, sourceLanguage), dataDir);
        Path target = Downloader.ensure(file(split, targetLanguage), dataDir);
        return ParallelCorpus.read("multi30k " + split.name().toLowerCase(java.util.Locale.ROOT) + " "
                + sourceLanguage + "-" + targetLanguage, source, target);
    }

    private static void requireLanguage(String language) {
        if (!LANGUAGES.contains(language)) {
            throw new IllegalArgumentException("Multi30k task 1 has no language '" + language + "': use one of "
                    + LANGUAGES);
        }
    }
}
