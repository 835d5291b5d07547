package org.sdzoo.datasets.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Tokens and their ids, word- or character-level (by its {@link Tokenizer}). Ids 0–3 are the
 * specials {@code <pad>}, {@code <bos>}, {@code <eos>}, {@code <unk>}; then the corpus's tokens by
 * descending frequency, ties in lexicographic (UTF-16) order, so the same corpus always gives the
 * same ids. A token the vocabulary does not hold encodes as {@link #UNK}.
 *
 * <p>Immutable. {@link #toJson()} / {@link #fromJson(String)} round-trip exactly; the JSON is what
 * a model archive stores beside the model.
 */
public final class Vocabulary {

    /** Padding: fills batches to a common length, never predicted. */
    public static final int PAD = 0;
    /** Beginning of sequence: the decoder's first input. */
    public static final int BOS = 1;
    /** End of sequence: the decoder's last target; decoding stops there. */
    public static final int EOS = 2;
    /** A token the vocabulary does not hold. */
    public static final int UNK = 3;
    /** The special tokens, at their ids. */
    public static final List<String> SPECIALS = List.of("<pad>", "<bos>", "<eos>", "<unk>");
    /** A {@code maxSize} that keeps every token of at least the minimum frequency. */
    public static final int UNLIMITED = Integer.MAX_VALUE;

    static final String FORMAT = "sdzoo-vocabulary";
    static final int VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Tokenizer tokenizer;
    private final List<String> tokens;
    private final Map<String, Integer> ids;

    private Vocabulary(Tokenizer tokenizer, List<String> tokens) {
        this.tokenizer = tokenizer;
        this.tokens = List.copyOf(tokens);
        Map<String, Integer> map = new HashMap<>();
        for (int i = 0; i < tokens.size(); i++) {
            if (map.put(tokens.get(i), i) != null) {
                throw new IllegalArgumentException("the vocabulary holds '" + tokens.get(i) + "' twice (ids "
                        + map.get(tokens.get(i)) + " and " + i + "): each token needs exactly one id");
            }
        }
        this.ids = Collections.unmodifiableMap(map);
    }

    /**
     * Builds a vocabulary from a corpus.
     *
     * @param sentences    the corpus, one sentence per element
     * @param tokenizer    how to split them
     * @param minFrequency keep tokens seen at least this often (1 keeps all)
     * @param maxSize      at most this many ids, the 4 specials included ({@link #UNLIMITED} for no cap);
     *                     the least frequent tokens are dropped first
     * @throws IllegalArgumentException when minFrequency is below 1 or maxSize below 5
     */
    public static Vocabulary build(Iterable<String> sentences, Tokenizer tokenizer, int minFrequency, int maxSize) {
        if (tokenizer == null) {
            throw new IllegalArgumentException("tokenizer is null: pass WordTokenizer.INSTANCE or CharTokenizer.INSTANCE");
        }
        if (minFrequency < 1) {
            throw new IllegalArgumentException("minFrequency must be at least 1 but was " + minFrequency
                    + ": use 1 to keep every token");
        }
        if (maxSize <= SPECIALS.size()) {
            throw new IllegalArgumentException("maxSize must exceed the " + SPECIALS.size() + " special tokens but was "
                    + maxSize + ": use Vocabulary.UNLIMITED for no cap");
        }
        Map<String, Integer> counts = new HashMap<>();
        for (String sentence : sentences) {
            for (String token : tokenizer.tokenize(sentence)) {
                counts.merge(token, 1, Integer::sum);
            }
        }
        SPECIALS.forEach(counts::remove);
        List<Map.Entry<String, Integer>> kept = new ArrayList<>();
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            if (e.getValue() >= minFrequency) {
                kept.add(e);
            }
        }
        kept.sort(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder())
                .thenComparing(Map.Entry.comparingByKey()));
        List<String> tokens = new ArrayList<>(SPECIALS);
        for (int i = 0; i < kept.size() && tokens.size() < maxSize; i++) {
            tokens.add(kept.get(i).getKey());
        }
        return new Vocabulary(tokenizer, tokens);
    }

    /** @return the tokenizer this vocabulary's tokens come from */
    public Tokenizer tokenizer() {
        return tokenizer;
    }

    /** @return V, the number of ids, specials included */
    public int size() {
        return tokens.size();
    }

    /** @return every token at its id */
    public List<String> tokens() {
        return tokens;
    }

    /** @return the token of {@code id} */
    public String token(int id) {
        if (id < 0 || id >= tokens.size()) {
            throw new IllegalArgumentException("token id " + id + " is outside this vocabulary's [0, " + tokens.size()
                    + "): the ids come from another vocabulary or model");
        }
        return tokens.get(id);
    }

    /** @return the id of {@code token}, {@link #UNK} when the vocabulary does not hold it */
    public int id(String token) {
        return ids.getOrDefault(token, UNK);
    }

    /** @return whether the vocabulary holds {@code token} */
    public boolean contains(String token) {
        return ids.containsKey(token);
    }

    /**
     * @param text a sentence
     * @return the ids of its tokens, without specials ({@link #UNK} for unknown tokens)
     */
    public int[] encode(String text) {
        return encodeTokens(tokenizer.tokenize(text));
    }

    /** @return the ids of {@code tokens}, {@link #UNK} for unknown ones */
    public int[] encodeTokens(List<String> tokens) {
        int[] out = new int[tokens.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = id(tokens.get(i));
        }
        return out;
    }

    /**
     * The tokens of a decoded sequence: stops at the first {@link #EOS}, skips {@link #PAD} and
     * {@link #BOS}, keeps {@code <unk>}.
     *
     * @throws IllegalArgumentException for an id outside [0, V)
     */
    public List<String> decodeTokens(int[] ids) {
        List<String> out = new ArrayList<>();
        for (int id : ids) {
            if (id == EOS) {
                break;
            }
            String token = token(id);
            if (id != PAD && id != BOS) {
                out.add(token);
            }
        }
        return out;
    }

    /** @return {@link #decodeTokens} joined by the tokenizer into text */
    public String decode(int[] ids) {
        return tokenizer.join(decodeTokens(ids));
    }

    /** @return this vocabulary as JSON: format, version, tokenizer and the tokens in id order */
    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        root.put("tokenizer", tokenizer.name());
        ArrayNode list = root.putArray("tokens");
        tokens.forEach(list::add);
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (IOException e) {
            throw new IllegalStateException("a vocabulary could not be written as JSON", e);
        }
    }

    /**
     * @param json what {@link #toJson()} wrote
     * @throws IllegalArgumentException when it is not a vocabulary, names an unknown tokenizer, lacks
     *                                  the specials at ids 0–3 or holds a token twice
     */
    public static Vocabulary fromJson(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("the vocabulary JSON is damaged (" + e.getMessage().lines().findFirst().orElse("")
                    + "): save the vocabulary again", e);
        }
        if (root == null || !FORMAT.equals(root.path("format").asText()) || !root.path("tokens").isArray()) {
            throw new IllegalArgumentException("this JSON is not an sdzoo vocabulary (no format '" + FORMAT
                    + "' with a 'tokens' list): pass what Vocabulary.toJson() wrote");
        }
        int version = root.path("version").asInt(-1);
        if (version != VERSION) {
            throw new IllegalArgumentException("vocabulary version " + version + " is not " + VERSION
                    + ", the one this sdzoo reads: use a matching sdzoo");
        }
        List<String> tokens = new ArrayList<>();
        for (JsonNode t : root.get("tokens")) {
            if (!t.isTextual()) {
                throw new IllegalArgumentException("vocabulary token " + tokens.size() + " is " + t
                        + ", not a string: the JSON is damaged");
            }
            tokens.add(t.asText());
        }
        if (tokens.size() < SPECIALS.size() || !tokens.subList(0, SPECIALS.size()).equals(SPECIALS)) {
            throw new IllegalArgumentException("the vocabulary does not start with the specials " + SPECIALS
                    + " at ids 0-3: it was not written by sdzoo");
        }
        return new Vocabulary(Tokenizer.named(root.path("tokenizer").asText()), tokens);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Vocabulary v && v.tokenizer.equals(tokenizer) && v.tokens.equals(tokens);
    }

    @Override
    public int hashCode() {
        return 31 * tokenizer.hashCode() + tokens.hashCode();
    }

    @Override
    public String toString() {
        return "Vocabulary(" + tokenizer.name() + ", " + tokens.size() + " tokens)";
    }
}
