package org.sdzoo.examples;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.sdzoo.zoo.config.ConfigJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a PyTorch reference script shipped in the jar with Debian's {@code /usr/bin/python3}, so
 * that {@code sdzoo bench} measures PyTorch on the same machine at the same time as sdzoo.
 */
public final class TorchReference {

    /** The interpreter Debian's python3-torch installs into. */
    public static final Path PYTHON = Path.of("/usr/bin/python3");

    private static final Logger LOG = LoggerFactory.getLogger(TorchReference.class);

    private TorchReference() {
    }

    /**
     * What running a reference script gave.
     *
     * @param json   the JSON object on the script's last line, or empty
     * @param reason why there is none, as a sentence; empty when there is
     */
    public record Outcome(Optional<JsonNode> json, String reason) {
        static Outcome failed(String reason) {
            LOG.info("No PyTorch reference: {}", reason);
            return new Outcome(Optional.empty(), reason);
        }
    }

    /**
     * Runs {@code resource} with {@code args} and parses the JSON object on its last line.
     *
     * @return the object, or empty when Python or torch is missing or the script fails (logged)
     */
    public static Optional<JsonNode> run(String resource, List<String> args, long timeoutSeconds) throws IOException {
        return measure(resource, args, timeoutSeconds).json();
    }

    /**
     * @return whether /usr/bin/python3 imports torch, or the reason it does not
     */
    public static Optional<String> missing() {
        if (!Files.isExecutable(PYTHON)) {
            return Optional.of(PYTHON + " is missing (apt-get install python3-torch)");
        }
        try {
            Process p = new ProcessBuilder(PYTHON.toString(), "-c", "import torch").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0 ? Optional.empty()
                    : Optional.of(PYTHON + " cannot import torch (apt-get install python3-torch)");
        } catch (IOException e) {
            return Optional.of(PYTHON + " does not run: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted while looking for torch");
        }
    }

    /** Debian's reference BLAS: python3-torch falls back to it when no optimised BLAS is installed. */
    static final String REFERENCE_BLAS = "/blas/libblas.so";

    /**
     * Which BLAS library PyTorch loads here. Debian's python3-torch calls whatever
     * {@code libblas.so.3} the alternatives system points at; with only the reference
     * implementation installed its matrix products are several times slower (measured: a
     * Transformer step 7.3 s against 1.08 s with OpenBLAS), which would flatter every ratio.
     *
     * @return a warning naming the library and the fix when it is the reference BLAS, else empty
     *         (also empty when torch cannot be run: {@link #missing()} says that)
     */
    public static Optional<String> blasWarning() {
        if (!Files.isExecutable(PYTHON)) {
            return Optional.empty();
        }
        String probe = "import torch\n"
                + "torch.mm(torch.ones(4, 4), torch.ones(4, 4))\n"
                + "print(' '.join(sorted({l.split()[-1] for l in open('/proc/self/maps')"
                + " if 'libblas' in l or 'openblas' in l})))\n";
        try {
            Process p = new ProcessBuilder(PYTHON.toString(), "-c", probe).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return Optional.empty();
            }
            return referenceBlasWarning(out);
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** @param loaded the BLAS libraries PyTorch has mapped, separated by spaces */
    static Optional<String> referenceBlasWarning(String loaded) {
        for (String library : loaded.split("\\s+")) {
            if (library.contains(REFERENCE_BLAS)) {
                return Optional.of("PyTorch runs on Debian's reference BLAS (" + library + "), which makes its matrix"
                        + " products several times slower than usual: install an optimised one"
                        + " (apt-get install libopenblas0-pthread) for a fair comparison");
            }
        }
        return Optional.empty();
    }

    /**
     * Like {@link #run} but says why there is no result.
     */
    public static Outcome measure(String resource, List<String> args, long timeoutSeconds) throws IOException {
        if (!Files.isExecutable(PYTHON)) {
            return Outcome.failed(PYTHON + " is missing (apt-get install python3-torch)");
        }
        Path script = Files.createTempFile("sdzoo-torch-", ".py");
        try (InputStream in = TorchReference.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the jar has no " + resource);
            }
            Files.write(script, in.readAllBytes());
            List<String> command = new ArrayList<>(List.of(PYTHON.toString(), script.toString()));
            command.addAll(args);
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                return Outcome.failed("the script " + resource + " failed (" + lastLine(output) + ")");
            }
            return new Outcome(Optional.of(ConfigJson.mapper().readTree(lastLine(output))), "");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.failed("interrupted");
        } finally {
            Files.deleteIfExists(script);
        }
    }

    private static String lastLine(String output) {
        String[] lines = output.strip().split("\\R");
        return lines[lines.length - 1];
    }
}
