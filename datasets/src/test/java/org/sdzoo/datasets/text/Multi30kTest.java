package org.sdzoo.datasets.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.sdzoo.datasets.DataDirectory;

class Multi30kTest {

    @Test
    void filesNameTheirFolderAddressAndDigest() {
        var f = Multi30k.file(Multi30k.Split.TEST2016, "de");
        assertEquals("multi30k/test_2016_flickr.de.gz", f.relativePath());
        assertTrue(f.url().toString().endsWith("/data/task1/raw/test_2016_flickr.de.gz"), f.url().toString());
        assertEquals("9204244e408ccb38d2a55cfcd344df15005fc42a07a6e55ca6c52b6ababb8cc8", f.sha256());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Multi30k.load(Path.of("."), Multi30k.Split.VAL, "en", "en"));
        assertTrue(e.getMessage().contains("both 'en'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Multi30k.file(Multi30k.Split.VAL, "fr"));
        assertTrue(e.getMessage().contains("no language 'fr'"), e.getMessage());
    }

    @Test
    @EnabledIfEnvironmentVariable(named = DataDirectory.ENV_VAR, matches = ".+")
    void theRealSplitsHaveTheDocumentedSizes() throws IOException {
        Path dir = DataDirectory.resolve(null);
        for (Multi30k.Split split : Multi30k.Split.values()) {
            ParallelCorpus c = Multi30k.load(dir, split, "de", "en");
            assertEquals(split.pairs(), c.size(), split.name());
        }
        ParallelCorpus train = Multi30k.load(dir, Multi30k.Split.TRAIN, "de", "en");
        assertEquals("Zwei junge weiße Männer sind im Freien in der Nähe vieler Büsche.", train.source().get(0));
        assertEquals("Two young, White males are outside near many bushes.", train.target().get(0));
        Vocabulary de = Vocabulary.build(train.source(), WordTokenizer.INSTANCE, 2, Vocabulary.UNLIMITED);
        Vocabulary en = Vocabulary.build(train.target(), WordTokenizer.INSTANCE, 2, Vocabulary.UNLIMITED);
        CorpusStatistics stats = CorpusStatistics.of(train, de, en);
        System.out.println(stats);
        System.out.println(CorpusStatistics.of(Multi30k.load(dir, Multi30k.Split.TEST2016, "de", "en"), de, en));
        assertTrue(de.size() > 5000 && en.size() > 4000, stats.toString());
    }
}
