package org.sdzoo.examples.cli;

import java.nio.file.Path;
import java.util.List;
import org.sdzoo.examples.ExampleRunner;
import org.sdzoo.zoo.TensorSpec;
import org.sdzoo.zoo.ZooModel;
import org.sdzoo.zoo.config.ConfigJson;
import org.sdzoo.zoo.io.ArchiveMetadata;
import org.sdzoo.zoo.io.LoadedArchive;
import org.sdzoo.zoo.io.ModelArchive;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code sdzoo info MODEL.sdz}: what a model archive holds and how it was made. */
@Command(name = "info", mixinStandardHelpOptions = true, versionProvider = SdzooCli.Version.class,
        description = "Show a model archive's architecture, config, inputs and outputs with their shapes and types,"
                + " parameter count and provenance (data, seed, trainer settings, data files' SHA-256, sdzoo version).",
        footer = "%nExample: sdzoo info runs/nw/model.sdz")
final class InfoCommand extends SdzooCommand {

    @Parameters(index = "0", paramLabel = "MODEL.sdz|ARCHITECTURE|pretrained:NAME",
            description = "The model archive, an architecture's name for its default config (see 'sdzoo list'),"
                    + " or pretrained:NAME for a published model's card and shapes.")
    Path file;

    @Override
    int execute() throws Exception {
        var pretrained = PretrainedModels.name(file.toString());
        if (pretrained.isPresent()) {
            String card = PretrainedModels.card(pretrained.get());
            ZooModel model = PretrainedModels.load(pretrained.get());
            StringBuilder s = new StringBuilder(card);
            String type = model.dataType().name().toLowerCase(java.util.Locale.ROOT);
            tensors(s, "inputs", model.inputs(), type);
            tensors(s, "optional inputs", model.optionalInputs(), type);
            tensors(s, "outputs", model.outputs(), type);
            s.append("parameters: ").append(model.parameterCount()).append('\n');
            print(s.toString());
            return 0;
        }
        if (!java.nio.file.Files.exists(file) && org.sdzoo.zoo.Architectures.names().contains(file.toString())) {
            print(architecture(org.sdzoo.zoo.Architectures.get(file.toString())));
            return 0;
        }
        ExampleRunner.requireFile(file, "MODEL.sdz", "a .sdz model archive");
        LoadedArchive archive = ModelArchive.read(file);
        ZooModel model = archive.model();
        StringBuilder s = new StringBuilder();
        s.append(file).append(": ").append(model.config().architecture()).append(", written by sdzoo ")
                .append(archive.sdzooVersion()).append(archive.checkpoint().isPresent() ? " (a checkpoint)" : "")
                .append('\n');
        s.append("config: ").append(model.config().toJson().replaceAll("\\s*\\R\\s*", " ")).append('\n');
        String type = model.dataType().name().toLowerCase(java.util.Locale.ROOT);
        tensors(s, "inputs", model.inputs(), type);
        tensors(s, "optional inputs", model.optionalInputs(), type);
        tensors(s, "outputs", model.outputs(), type);
        s.append("parameters: ").append(model.parameterCount()).append(' ').append(model.parameterNames()).append('\n');
        model.config().summaryNotes().forEach(line -> s.append(line).append('\n'));
        ArchiveMetadata m = archive.metadata();
        s.append("provenance:\n");
        line(s, "data", m.dataset());
        line(s, "seed", m.seed());
        line(s, "training seconds", m.trainingSeconds() > 0 ? String.format("%.2f", m.trainingSeconds()) : null);
        line(s, "metrics", m.metrics().isEmpty() ? null : m.metrics());
        line(s, "trainer", m.trainer() == null ? null : ConfigJson.write(m.trainer()).replaceAll("\\s*\\R\\s*", " "));
        m.dataSha256().forEach((f, sha) -> line(s, "sha256 " + f, sha));
        line(s, "written by sdzoo", m.sdzooVersion());
        line(s, "git commit", m.gitCommit());
        line(s, "created", m.createdAt());
        print(s.toString());
        return 0;
    }

    /** An architecture's description, default config and what its config implies (e.g. a TCN's receptive field). */
    private static String architecture(org.sdzoo.zoo.Architecture a) {
        StringBuilder s = new StringBuilder(a.name()).append(": ").append(a.description()).append('\n');
        s.append("default config: ").append(a.defaultConfig().toJson().replaceAll("\\s*\\R\\s*", " ")).append('\n');
        a.defaultConfig().summaryNotes().forEach(line -> s.append(line).append('\n'));
        return s.toString();
    }

    private static void tensors(StringBuilder s, String title, List<TensorSpec> specs, String type) {
        if (specs.isEmpty()) {
            return;
        }
        s.append(title).append(":\n");
        for (TensorSpec t : specs) {
            s.append(String.format("  %-14s %-10s %-12s %s%n", t.name(), t.legend(), t.expected(), type));
        }
    }

    private static void line(StringBuilder s, String name, Object value) {
        if (value != null) {
            s.append(String.format("  %-18s %s%n", name, value));
        }
    }
}
