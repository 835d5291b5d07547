package org.sdzoo.datasets.text;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Reads UTF-8 text one line per element, from a plain or a gzipped file: gzip is recognised by
 * its magic bytes, not the file name. Line ends {@code \n} or {@code \r\n}; a byte-order mark is
 * dropped; bytes that are not UTF-8 are refused with the file's name rather than turned into
 * replacement characters that would become vocabulary tokens.
 */
public final class TextLines {

    private static final int GZIP_MAGIC = 0x8b1f;

    private TextLines() {
    }

    /**
     * @return the file's lines, without line ends
     * @throws NoSuchFileException when the file is missing
     * @throws IOException         when it cannot be read, is a damaged gzip or is not UTF-8
     */
    public static List<String> read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "no such text file: check the path");
        }
        try (InputStream in = open(file)) {
            return read(in, file.toString());
        }
    }

    /**
     * @param in   UTF-8 text (not closed here)
     * @param what a name for messages, such as the file or "standard input"
     * @return its lines, without line ends
     */
    public static List<String> read(InputStream in, String what) throws IOException {
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        List<String> lines = new ArrayList<>();
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, decoder));
        try {
            for (String line; (line = reader.readLine()) != null; ) {
                lines.add(lines.isEmpty() && line.startsWith("\uFEFF") ? line.substring(1) : line);
            }
        } catch (CharacterCodingException e) {
            throw new IOException(what + " is not UTF-8 text (after line " + lines.size()
                    + "): convert it to UTF-8, e.g. with iconv", e);
        }
        return lines;
    }

    private static InputStream open(Path file) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file));
        in.mark(2);
        int magic = in.read() | (in.read() << 8);
        in.reset();
        if (magic != GZIP_MAGIC) {
            return in;
        }
        try {
            return new GZIPInputStream(in, 1 << 16);
        } catch (IOException e) {
            in.close();
            throw new IOException(file + " starts like a gzip file but is damaged (" + e.getMessage()
                    + "): download or compress it again", e);
        }
    }
}
