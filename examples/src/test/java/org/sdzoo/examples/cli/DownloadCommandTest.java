package org.sdzoo.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sdzoo.examples.cli.SdzooCliTest.sdzoo;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;
import org.sdzoo.datasets.DataDirectory;

/** {@code sdzoo download} against a local mirror: the pinned files arrive checked, a damaged one is refused. */
class DownloadCommandTest {

    @TempDir
    Path tmp;

    /** Serves {@code bytes(file name)} at {@code /<name>} on a free local port; null is a 404. */
    private static HttpServer mirror(Function<String, byte[]> bytes) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String name = exchange.getRequestURI().getPath().substring(1);
            byte[] body = bytes.apply(name);
            exchange.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : body.length);
            if (body != null) {
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        server.start();
        return server;
    }

    private static String url(HttpServer server) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    @Test
    void anUnknownNameOrADamagedFileIsOneSentenceAndLeavesNothing() throws Exception {
        sdzoo("download", "pubmed", "--data-dir", tmp.toString()).assertOneLineError("sdzoo cannot download 'pubmed'");
        HttpServer server = mirror(name -> "not MUTAG".getBytes(StandardCharsets.UTF_8));
        try {
            sdzoo("download", "mutag", "--data-dir", tmp.toString(), "--mirror", url(server))
                    .assertOneLineError("has sha256");
        } finally {
            server.stop(0);
        }
        assertFalse(Files.exists(tmp.resolve("tu/MUTAG/MUTAG_A.txt")), "a damaged download was kept");
    }

    /** The shared copy of MUTAG served as a mirror: downloaded, checked, then found and kept. */
    @Test
    @EnabledIfEnvironmentVariable(named = DataDirectory.ENV_VAR, matches = ".+")
    void mutagArrivesFromAMirrorAndTrainsFromTheDataDirectory() throws Exception {
        Path shared = DataDirectory.resolve(null).resolve("tu/MUTAG");
        HttpServer server = mirror(name -> {
            try {
                Path f = shared.resolve(name);
                return Files.isRegularFile(f) ? Files.readAllBytes(f) : null;
            } catch (IOException e) {
                return null;
            }
        });
        Path data = tmp.resolve("data");
        try {
            SdzooCliTest.Run first = sdzoo("download", "mutag", "--data-dir", data.toString(), "--mirror", url(server));
            assertEquals(0, first.exit(), first.err());
            assertTrue(first.out().contains("MUTAG MUTAG_A.txt"), first.out());
        } finally {
            server.stop(0);
        }
        assertEquals(Files.size(shared.resolve("MUTAG_A.txt")), Files.size(data.resolve("tu/MUTAG/MUTAG_A.txt")));
        SdzooCliTest.Run again = sdzoo("download", "mutag", "--data-dir", data.toString(), "--mirror", "http://127.0.0.1:9/");
        assertEquals(0, again.exit(), "files already there are checked, not fetched: " + again.err());
        SdzooCliTest.Run trained = sdzoo("train", "gcn-mutag", "--data-dir", data.toString(), "--epochs", "1",
                "--batch-size", "200", "--out", tmp.resolve("run").toString(), "--quiet");
        assertEquals(0, trained.exit(), trained.err());
    }
}
