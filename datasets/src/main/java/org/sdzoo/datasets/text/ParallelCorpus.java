package org.sdzoo.datasets.text;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Line-aligned sentence pairs: {@code source.get(i)} translates to {@code target.get(i)}.
 *
 * @param name   a name for log lines and messages, such as {@code "multi30k train de-en"}
 * @param source source sentences, raw text
 * @param target target sentences, raw text
 */
public record ParallelCorpus(String name, List<String> source, List<String> target) {

    /**
     * @throws IllegalArgumentException when the sides differ in length or the corpus is empty
     */
    public ParallelCorpus {
        source = List.copyOf(source);
        target = List.copyOf(target);
        if (source.size() != target.size()) {
            throw new IllegalArgumentException(name + " has " + source.size() + " source but " + target.size()
                    + " target sentences: a parallel corpus needs exactly one target per source sentence");
        }
        if (source.isEmpty()) {
            throw new IllegalArgumentException(name + " holds no sentence pairs: give at least one");
        }
    }

    /**
     * Reads two line-aligned files, each plain or gzipped UTF-8 (see {@link TextLines}).
     *
     * @throws IllegalArgumentException when the line counts differ or a line is empty or blank, naming
     *                                  the file and the line
     */
    public static ParallelCorpus read(String name, Path sourceFile, Path targetFile) throws IOException {
        List<String> source = TextLines.read(sourceFile);
        List<String> target = TextLines.read(targetFile);
        if (source.size() != target.size()) {
            throw new IllegalArgumentException(sourceFile.getFileName() + " has " + source.size() + " lines but "
                    + targetFile.getFileName() + " has " + target.size() + ": parallel files must be line-aligned"
                    + " (line i of one translates line i of the other), so fix or re-export the pair");
        }
        requireNoBlank(source, sourceFile, targetFile);
        requireNoBlank(target, targetFile, sourceFile);
        return new ParallelCorpus(name, source, target);
    }

    private static void requireNoBlank(List<String> lines, Path file, Path other) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                throw new IllegalArgumentException(file.getFileName() + " line " + (i + 1) + " is empty: every line"
                        + " of a parallel corpus needs a sentence, so delete line " + (i + 1) + " from both it and "
                        + other.getFileName());
            }
        }
    }

    /** @return the number of sentence pairs */
    public int size() {
        return source.size();
    }

    /** @return the first {@code n} pairs (all when {@code n >= size()}), for short runs */
    public ParallelCorpus head(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("head(" + n + ") keeps no pairs: keep at least 1");
        }
        return n >= size() ? this : new ParallelCorpus(name, source.subList(0, n), target.subList(0, n));
    }
}
