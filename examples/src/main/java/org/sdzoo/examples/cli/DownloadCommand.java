package org.sdzoo.examples.cli;

import java.nio.file.Path;
import java.util.List;
import org.sdzoo.datasets.DatasetDownloads;
import org.sdzoo.datasets.DatasetFile;
import org.sdzoo.datasets.Downloader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sdzoo download NAME... [--data-dir DIR] [--mirror URL]}: fetch data sets into the data directory. */
@Command(name = "download", mixinStandardHelpOptions = true, versionProvider = SdzooCli.Version.class,
        description = "Download data sets into the data directory, each file checked against its pinned SHA-256"
                + " (a file already there is checked and kept). The examples then find them there.",
        footer = {"%nData sets: cora, citeseer (Planetoid's original files), mutag (the TU files).",
            "PubMed's features have no public copy: place converted files by hand (see the GCN page).",
            "Examples:", "  sdzoo download cora citeseer --data-dir data",
            "  sdzoo download mutag --mirror https://mirror.example.com/tu/MUTAG/"})
final class DownloadCommand extends SdzooCommand {

    @Parameters(arity = "1..*", paramLabel = "NAME", description = "cora, citeseer or mutag.")
    List<String> names;

    @Mixin
    DataDirOption dataDir;

    @Option(names = "--mirror", paramLabel = "URL",
            description = "An address that serves the same file names, instead of the public copies (a company mirror).")
    String mirror;

    @Override
    int execute() throws Exception {
        Path dir = dataDir.resolved();
        // every name is checked before anything is fetched
        List<List<DatasetFile>> all = names.stream().map(n -> DatasetDownloads.files(n, mirror)).toList();
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < names.size(); i++) {
            for (DatasetFile f : all.get(i)) {
                Path path = Downloader.ensure(f, dir);
                s.append(String.format("  %-32s %s%n", f.name(), path));
            }
        }
        print(names + " in " + dir + ", every file's SHA-256 checked:\n" + s);
        return 0;
    }
}
