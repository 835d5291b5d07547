package org.sdzoo.examples.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.sdzoo.datasets.text.Bleu;
import org.sdzoo.datasets.text.TextLines;
import org.sdzoo.datasets.text.WordTokenizer;
import org.sdzoo.examples.ExampleRunner;
import org.sdzoo.examples.translation.Translator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sdzoo translate --model m.sdz [--input FILE] [--beam N] [--reference FILE]}: one
 * translation per input line on standard output. A blank input line gives a blank output line (so
 * output line i always translates input line i) and is counted on standard error.
 */
@Command(name = "translate", mixinStandardHelpOptions = true, versionProvider = SdzooCli.Version.class,
        description = "Translate sentences, one per line, with a trained translation model (its vocabularies are"
                + " in the .sdz). Prints one translation per line; a blank input line gives a blank output line, so"
                + " output line i always translates input line i.",
        footer = {"%nExamples:", "  echo 'Ein Hund rennt im Schnee.' | sdzoo translate --model runs/mt/model.sdz",
            "  sdzoo translate --model runs/mt/model.sdz --input test.de --beam 4 --reference test.en > test.hyp"})
final class TranslateCommand extends SdzooCommand {

    @Option(names = "--model", required = true, paramLabel = "FILE.sdz",
            description = "A translation model, e.g. the model.sdz of 'sdzoo train transformer-multi30k'.")
    Path model;

    @Option(names = "--input", paramLabel = "FILE",
            description = "UTF-8 text, one sentence per line, plain or gzipped (default: standard input).")
    Path input;

    @Option(names = "--beam", paramLabel = "N", defaultValue = "1",
            description = "Beam size; 1 (the default) is greedy decoding.")
    int beam;

    @Option(names = "--reference", paramLabel = "FILE",
            description = "Reference translations, line-aligned with the input: prints corpus BLEU (on lower-cased,"
                    + " punctuation-split tokens) to standard error.")
    Path reference;

    @Override
    int execute() throws Exception {
        if (beam < 1) {
            throw usage("--beam must be at least 1 (got " + beam + "): 1 is greedy decoding");
        }
        ExampleRunner.requireFile(model, "--model", "a .sdz translation model");
        if (input != null) {
            ExampleRunner.requireFile(input, "--input", "a text file with one sentence per line");
        }
        if (reference != null) {
            ExampleRunner.requireFile(reference, "--reference", "a text file line-aligned with the input");
        }
        List<String> lines = input != null ? TextLines.read(input) : TextLines.read(System.in, "standard input");
        List<String> references = reference == null ? null : TextLines.read(reference);
        if (references != null && references.size() != lines.size()) {
            throw new IllegalArgumentException("--reference has " + references.size() + " lines but the input has "
                    + lines.size() + ": give one reference per input line");
        }
        Translator translator = Translator.load(model);
        List<String> sentences = new ArrayList<>();
        for (String line : lines) {
            if (!line.isBlank()) {
                sentences.add(line);
            }
        }
        List<int[]> encoded = new ArrayList<>();
        for (String sentence : sentences) {
            encoded.add(translator.source().encode(sentence));
        }
        List<int[]> generated = translator.decode(encoded, beam);
        StringBuilder out = new StringBuilder();
        List<List<String>> hypotheses = new ArrayList<>();
        List<List<String>> refs = new ArrayList<>();
        int next = 0;
        for (int i = 0; i < lines.size(); i++) {
            int[] ids = lines.get(i).isBlank() ? null : generated.get(next++);
            out.append(ids == null ? "" : translator.target().decode(ids)).append('\n');
            if (references != null && ids != null) {
                // the generated tokens as the example scores them: re-tokenising the printed text
                // would split a generated <unk> into '<', 'unk', '>' (BLEU 32.57 instead of 34.48)
                hypotheses.add(translator.target().decodeTokens(ids));
                refs.add(WordTokenizer.INSTANCE.tokenize(references.get(i)));
            }
        }
        print(out.toString());
        var err = spec.commandLine().getErr();
        int blank = lines.size() - sentences.size();
        if (blank > 0) {
            err.println(blank + " blank input line" + (blank == 1 ? "" : "s") + " left blank in the output");
        }
        if (references != null && !hypotheses.isEmpty()) {
            err.println(Bleu.corpus(hypotheses, refs) + (beam == 1 ? ", greedy" : ", beam " + beam));
        }
        err.flush();
        return 0;
    }
}
