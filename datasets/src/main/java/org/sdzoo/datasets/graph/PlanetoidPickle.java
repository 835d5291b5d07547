package org.sdzoo.datasets.graph;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A restricted reader of the Python 2 pickles (protocol 2) in which the Planetoid authors stored
 * their data: SciPy {@code csr_matrix}, NumPy arrays and a {@code defaultdict} of adjacency
 * lists. Only those classes can be built; any other global is refused, so a hostile pickle cannot
 * make this reader do anything but fail. Strings are kept as ISO-8859-1 text, which maps each
 * byte to one char, so array bytes survive unchanged.
 */
final class PlanetoidPickle {

    private static final Set<String> ALLOWED = Set.of(
            "scipy.sparse.csr csr_matrix", "numpy.core.multiarray _reconstruct", "numpy ndarray", "numpy dtype",
            "collections defaultdict", "__builtin__ list");
    private static final Object MARK = new Object();

    /** A global name such as {@code numpy ndarray}. */
    record Global(String name) {
    }

    /** A NumPy dtype: its type code ({@code i4}, {@code f4}, ...) and byte order ({@code <}, {@code |}). */
    static final class DType {
        final String code;
        String order = "<";

        DType(String code) {
            this.code = code;
        }
    }

    /** A NumPy array as pickled: shape, dtype, order and raw bytes. */
    static final class NdArray {
        long[] shape;
        DType dtype;
        boolean fortran;
        byte[] data;

        int length() {
            long n = 1;
            for (long d : shape) {
                n *= d;
            }
            return Math.toIntExact(n);
        }

        /** Reads the values as doubles (C order; 2-D Fortran arrays are transposed back). */
        double[] asDouble(String what) {
            if (!"<".equals(dtype.order) && !"|".equals(dtype.order)) {
                throw new IllegalArgumentException(what + " has byte order '" + dtype.order + "'; only little-endian pickles are read.");
            }
            int n = length();
            ByteBuffer buf = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
            double[] out = new double[n];
            for (int i = 0; i < n; i++) {
                out[i] = switch (dtype.code) {
                    case "f4" -> buf.getFloat(4 * i);
                    case "f8" -> buf.getDouble(8 * i);
                    case "i4" -> buf.getInt(4 * i);
                    case "i8" -> buf.getLong(8 * i);
                    case "i1", "u1", "b1" -> data[i];
                    default -> throw new IllegalArgumentException(what + " has dtype '" + dtype.code + "', which this reader does not know.");
                };
            }
            if (fortran && shape.length == 2) {
                int r = (int) shape[0];
                int c = (int) shape[1];
                double[] t = new double[n];
                for (int i = 0; i < r; i++) {
                    for (int j = 0; j < c; j++) {
                        t[i * c + j] = out[j * r + i];
                    }
                }
                return t;
            }
            return out;
        }

        int[] asInt(String what) {
            double[] d = asDouble(what);
            int[] out = new int[d.length];
            for (int i = 0; i < d.length; i++) {
                out[i] = (int) d[i];
            }
            return out;
        }
    }

    /** An object built by {@code NEWOBJ} with its state dictionary (the csr_matrix). */
    record PyObject(Global type, Map<String, Object> state) {
    }

    private PlanetoidPickle() {
    }

    /**
     * Runs the pickle.
     *
     * @param bytes the file's bytes
     * @param what  the file's name for messages
     * @return the unpickled object
     * @throws IllegalArgumentException if the pickle uses an opcode or a class this reader does not allow
     */
    static Object load(byte[] bytes, String what) {
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        Deque<Object> stack = new ArrayDeque<>();
        Map<Integer, Object> memo = new HashMap<>();
        try {
            while (true) {
                int op = in.get() & 0xff;
                switch (op) {
                    case 0x80 -> in.get(); // PROTO
                    case '.' -> {
                        return stack.pop();
                    }
                    case 'c' -> {
                        String name = line(in) + " " + line(in);
                        if (!ALLOWED.contains(name)) {
                            throw new IllegalArgumentException(what + " names the Python global '" + name
                                    + "', which is not part of a Planetoid file; it is refused.");
                        }
                        stack.push(new Global(name));
                    }
                    case 'q' -> memo.put(in.get() & 0xff, stack.peek());
                    case 'r' -> memo.put(in.getInt(), stack.peek());
                    case 'h' -> stack.push(memo.get(in.get() & 0xff));
                    case 'j' -> stack.push(memo.get(in.getInt()));
                    case '(' -> stack.push(MARK);
                    case ')' -> stack.push(new Object[0]);
                    case '}' -> stack.push(new LinkedHashMap<Object, Object>());
                    case ']' -> stack.push(new ArrayList<Object>());
                    case 'N' -> stack.push(None.NONE);
                    case 0x88 -> stack.push(Boolean.TRUE);
                    case 0x89 -> stack.push(Boolean.FALSE);
                    case 'K' -> stack.push(in.get() & 0xff);
                    case 'M' -> stack.push(in.getShort() & 0xffff);
                    case 'J' -> stack.push(in.getInt());
                    case 'U' -> stack.push(string(in, in.get() & 0xff));
                    case 'T' -> stack.push(string(in, in.getInt()));
                    case 'X' -> {
                        byte[] b = new byte[in.getInt()];
                        in.get(b);
                        stack.push(new String(b, StandardCharsets.UTF_8));
                    }
                    case 0x85 -> stack.push(new Object[] {stack.pop()});
                    case 0x86 -> {
                        Object b = stack.pop();
                        stack.push(new Object[] {stack.pop(), b});
                    }
                    case 0x87 -> {
                        Object c = stack.pop();
                        Object b = stack.pop();
                        stack.push(new Object[] {stack.pop(), b, c});
                    }
                    case 't' -> stack.push(popToMark(stack).toArray());
                    case 'a' -> {
                        Object v = stack.pop();
                        list(stack.peek()).add(v);
                    }
                    case 'e' -> {
                        List<Object> items = popToMark(stack);
                        list(stack.peek()).addAll(items);
                    }
                    case 's' -> {
                        Object v = stack.pop();
                        Object k = stack.pop();
                        dict(stack.peek()).put(k, v);
                    }
                    case 'u' -> {
                        List<Object> items = popToMark(stack);
                        Map<Object, Object> d = dict(stack.peek());
                        for (int i = 0; i + 1 < items.size(); i += 2) {
                            d.put(items.get(i), items.get(i + 1));
                        }
                    }
                    case 'R' -> {
                        Object[] args = (Object[]) stack.pop();
                        stack.push(reduce((Global) stack.pop(), args, what));
                    }
                    case 0x81 -> {
                        stack.pop(); // NEWOBJ arguments: csr_matrix is rebuilt from its state
                        Global type = (Global) stack.pop();
                        if (!type.name().equals("scipy.sparse.csr csr_matrix")) {
                            throw new IllegalArgumentException(what + " builds '" + type.name() + "', which is refused.");
                        }
                        stack.push(new PyObject(type, new LinkedHashMap<>()));
                    }
                    case 'b' -> {
                        Object state = stack.pop();
                        build(stack.peek(), state, what);
                    }
                    default -> throw new IllegalArgumentException(what + " uses pickle opcode 0x" + Integer.toHexString(op)
                            + " at byte " + (in.position() - 1) + ", which a Planetoid file does not use; the file is damaged or not a Planetoid file.");
                }
            }
        } catch (java.nio.BufferUnderflowException | ClassCastException | java.util.NoSuchElementException e) {
            throw new IllegalArgumentException(what + " is not a readable Planetoid pickle (" + e.getClass().getSimpleName()
                    + "); the file is damaged, so delete it to download it again.", e);
        }
    }

    /** Python's None. */
    enum None { NONE }

    private static Object reduce(Global callable, Object[] args, String what) {
        return switch (callable.name()) {
            case "numpy.core.multiarray _reconstruct" -> new NdArray();
            case "numpy dtype" -> new DType((String) args[0]);
            case "collections defaultdict" -> new LinkedHashMap<Object, Object>();
            default -> throw new IllegalArgumentException(what + " calls '" + callable.name() + "', which is refused.");
        };
    }

    @SuppressWarnings("unchecked")
    private static void build(Object target, Object state, String what) {
        if (target instanceof DType d) {
            d.order = (String) ((Object[]) state)[1];
        } else if (target instanceof NdArray a) {
            Object[] s = (Object[]) state;
            Object[] shape = (Object[]) s[1];
            a.shape = new long[shape.length];
            for (int i = 0; i < shape.length; i++) {
                a.shape[i] = ((Number) shape[i]).longValue();
            }
            a.dtype = (DType) s[2];
            a.fortran = (Boolean) s[3];
            a.data = ((String) s[4]).getBytes(StandardCharsets.ISO_8859_1);
        } else if (target instanceof PyObject o) {
            for (Map.Entry<Object, Object> e : ((Map<Object, Object>) state).entrySet()) {
                o.state().put((String) e.getKey(), e.getValue());
            }
        } else {
            throw new IllegalArgumentException(what + " sets the state of an unexpected object; it is not a Planetoid file.");
        }
    }

    private static String line(ByteBuffer in) {
        StringBuilder sb = new StringBuilder();
        for (byte b = in.get(); b != '\n'; b = in.get()) {
            sb.append((char) (b & 0xff));
        }
        return sb.toString();
    }

    private static String string(ByteBuffer in, int length) {
        byte[] b = new byte[length];
        in.get(b);
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    private static List<Object> popToMark(Deque<Object> stack) {
        List<Object> items = new ArrayList<>();
        for (Object o = stack.pop(); o != MARK; o = stack.pop()) {
            items.add(0, o);
        }
        return items;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object o) {
        return (List<Object>) o;
    }

    @SuppressWarnings("unchecked")
    private static Map<Object, Object> dict(Object o) {
        return (Map<Object, Object>) o;
    }
}
