package org.sdzoo.examples.cli;

import org.sdzoo.examples.Example;
import org.sdzoo.examples.Examples;
import org.sdzoo.zoo.Architecture;
import org.sdzoo.zoo.Architectures;
import picocli.CommandLine.Command;

/** {@code sdzoo list}: the examples and the architectures. */
@Command(name = "list", mixinStandardHelpOptions = true, versionProvider = SdzooCli.Version.class,
        description = "List the examples, the data each accepts, and the architectures.")
final class ListCommand extends SdzooCommand {

    @Override
    int execute() {
        StringBuilder s = new StringBuilder("Examples (sdzoo train NAME, sdzoo reproduce NAME, sdzoo bench NAME):\n");
        for (Example<?> e : Examples.all()) {
            s.append(String.format("  %-22s %s%n", e.name(), e.description()));
            s.append(String.format("  %-22s --data: %s%n", "", e.dataFormats()));
        }
        s.append("Architectures (sdzoo import-torch --arch NAME):\n");
        for (Architecture a : Architectures.all()) {
            s.append(String.format("  %-22s %s%n", a.name(), a.description()));
        }
        print(s.toString());
        return 0;
    }
}
