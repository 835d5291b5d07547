package org.sdzoo.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DataDirectoryTest {

    private final Path home = Path.of("/home/alice");

    @Test
    void explicitPathWinsOverEnvironment() {
        Path explicit = Path.of("/mnt/data");
        DataDirectory.Location loc = DataDirectory.locate(explicit, Map.of(DataDirectory.ENV_VAR, "/env"), home);
        assertEquals(explicit, loc.path());
        assertEquals(DataDirectory.Source.EXPLICIT, loc.source());
        assertTrue(loc.describe().contains("--data-dir"));
    }

    @Test
    void environmentWinsOverDefault() {
        assertEquals(Path.of("/env/data"),
                DataDirectory.resolve(null, Map.of(DataDirectory.ENV_VAR, " /env/data "), home));
        assertEquals(Path.of("/home/alice/sd"),
                DataDirectory.resolve(null, Map.of(DataDirectory.ENV_VAR, "~/sd"), home));
        assertTrue(DataDirectory.locate(null, Map.of(DataDirectory.ENV_VAR, "/env"), home)
                .describe().contains("SDZOO_DATA_DIR"));
    }

    @Test
    void blankEnvironmentFallsBackToHome() {
        Path expected = Path.of("/home/alice/.sdzoo/data");
        assertEquals(expected, DataDirectory.resolve(null, Map.of(DataDirectory.ENV_VAR, "  "), home));
        DataDirectory.Location loc = DataDirectory.locate(null, Map.of(), home);
        assertEquals(expected, loc.path());
        assertEquals(DataDirectory.Source.DEFAULT, loc.source());
    }

    @Test
    void relativeExplicitPathBecomesAbsolute() {
        assertTrue(DataDirectory.resolve(Path.of("rel/dir"), Map.of(), home).isAbsolute());
    }

    @Test
    void processOverloadsAgree() {
        Path explicit = Path.of("/x/y");
        assertEquals(explicit, DataDirectory.resolve(explicit));
        assertTrue(DataDirectory.describeSource(explicit).startsWith("/x/y"));
    }

    @Test
    void invalidEnvironmentPathIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DataDirectory.resolve(null, Map.of(DataDirectory.ENV_VAR, "bad\0path"), home));
        assertTrue(e.getMessage().contains("SDZOO_DATA_DIR"), e.getMessage());
        assertTrue(e.getMessage().contains("unset it"), e.getMessage());
    }
}
