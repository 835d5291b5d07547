package org.sdzoo.datasets;

import java.util.Arrays;
import java.util.function.IntToDoubleFunction;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;

/**
 * Checks on input arrays that fail early, in Java, with a sentence that names the array, the
 * problem and the fix, before a native op fails deep inside SameDiff.
 */
public final class DataChecks {

    /** Arrays up to this many elements are checked by {@link #scannedFinite}, in Java. */
    private static final long JAVA_SCAN_LIMIT = 1 << 16;

    private static final String SHAPE_FIX = "reshape or select the data so that it matches";

    private DataChecks() {
    }

    /**
     * Requires every element to be finite (no NaN, no infinity). Integer and boolean arrays
     * always pass.
     *
     * @param a    the array
     * @param what a name for the message, such as {@code "features"}
     * @throws IllegalArgumentException if an element is NaN or infinite; the message gives the
     *                                  index of the first one in C order and the number of them
     */
    public static void requireFinite(INDArray a, String what) {
        requireNonNull(a, what);
        if (!a.dataType().isFPType() || a.length() == 0) {
            return;
        }
        if (scannedFinite(a)) {
            return;
        }
        // Fast path, one native reduction: a finite sum means every element is finite. Only a NaN,
        // an infinity or an overflowing sum takes the element-wise scan below.
        if (Double.isFinite(a.sumNumber().doubleValue())) {
            return;
        }
        double[] values = a.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        int first = -1;
        long bad = 0;
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                if (first < 0) {
                    first = i;
                }
                bad++;
            }
        }
        if (first < 0) {
            return;
        }
        double v = values[first];
        String kind = Double.isNaN(v) ? "NaN" : v > 0 ? "Infinity" : "-Infinity";
        long[] index = Shape.ind2subC(a.shape(), first);
        throw new IllegalArgumentException(what + " contains " + kind + " at index " + Arrays.toString(index)
                + (bad > 1 ? " (the first of " + bad + " non-finite values)" : "")
                + "; clean the data or drop those rows before training.");
    }

    /**
     * A small float32 or float64 array that owns its whole buffer is scanned in Java: reading a
     * few thousand values costs less than one native reduction's call and result allocation
     * (the kernel-regression step checks three such arrays per call).
     *
     * @return true when the scan ran and found every element finite; false when it did not run
     *         or found a non-finite value (the caller then takes the general path)
     */
    private static boolean scannedFinite(INDArray a) {
        long n = a.length();
        if (n > JAVA_SCAN_LIMIT || a.data().length() != n || a.offset() != 0) {
            return false;
        }
        // float32 widens to float64 exactly, infinities and NaN included
        IntToDoubleFunction value = a.dataType() == DataType.FLOAT ? a.data().asNioFloat()::get
                : a.dataType() == DataType.DOUBLE ? a.data().asNioDouble()::get : null;
        if (value == null) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(value.applyAsDouble(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Requires at least one value: a zero-size array (a shape with a 0, such as NumPy's
     * {@code np.ones((0, 1))}) is a valid file but makes ND4J's native ops read out of bounds and
     * kill the JVM, so it is refused here, in Java.
     *
     * @param a    the array
     * @param what a name for the message, such as {@code "input 'x'"}
     * @throws IllegalArgumentException if the array holds no value
     */
    public static void requireNonEmpty(INDArray a, String what) {
        requireNonNull(a, what);
        if (a.isEmpty() || a.length() == 0) {
            throw new IllegalArgumentException(what + " has shape " + Arrays.toString(a.shape())
                    + " and holds no values: every dimension needs a size of at least 1.");
        }
    }

    /**
     * Requires an exact rank and shape, where {@code -1} accepts any size in that dimension.
     *
     * @param a        the array
     * @param what     a name for the message, such as {@code "labels"}
     * @param expected the expected shape, {@code -1} for any size
     * @throws IllegalArgumentException if the rank or a fixed size differs, with a generic fix
     */
    public static void requireShape(INDArray a, String what, long... expected) {
        requireShape(a, what, SHAPE_FIX, expected);
    }

    /**
     * Requires an exact rank and shape, where {@code -1} accepts any size in that dimension,
     * with a specific fix in the message.
     *
     * @param a        the array
     * @param what     a name for the message, such as {@code "labels"}
     * @param fix      what the caller should do, such as {@code "reshape labels to [N, 1]"}
     * @param expected the expected shape, {@code -1} for any size
     * @throws IllegalArgumentException if the rank or a fixed size differs; the message reads
     *                                  {@code "labels has shape [3, 4] but [?, 1] was expected: fix."}
     */
    public static void requireShape(INDArray a, String what, String fix, long... expected) {
        requireNonNull(a, what);
        long[] shape = a.shape();
        boolean ok = shape.length == expected.length;
        for (int i = 0; ok && i < shape.length; i++) {
            ok = expected[i] < 0 || expected[i] == shape[i];
        }
        if (!ok) {
            throw new IllegalArgumentException(what + " has shape " + Arrays.toString(shape) + " but "
                    + formatExpected(expected) + " was expected: " + stripPeriod(fix) + ".");
        }
    }

    /**
     * Formats an expected shape with {@code ?} for the free dimensions, such as {@code [?, 1]}.
     *
     * @param expected the shape, {@code -1} for any size
     * @return the text
     */
    public static String formatExpected(long... expected) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < expected.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(expected[i] < 0 ? "?" : Long.toString(expected[i]));
        }
        return sb.append(']').toString();
    }

    private static void requireNonNull(INDArray a, String what) {
        if (a == null) {
            throw new IllegalArgumentException(what + " is null; pass an array.");
        }
    }

    private static String stripPeriod(String fix) {
        String text = fix == null || fix.isBlank() ? SHAPE_FIX : fix.strip();
        return text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
    }
}
