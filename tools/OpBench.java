import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Times the native kernels that decide the large models' steps (conv1d forward and backward at
 * the TCN bench shapes, matmul at the GCN and Transformer shapes, softmax) with ops built once and
 * outputs preallocated, so that the backend build, not Java-side bookkeeping, is what is measured.
 *
 * <p>Run with the backend to measure on the class path, e.g.
 * {@code java -cp examples/target/sdzoo.jar tools/OpBench.java}; see tools/backend-bench.sh.
 * Prints one line per kernel: name, median ms, min ms, max ms over 5 repeats.
 */
public final class OpBench {

    private static final int REPEATS = 5;

    public static void main(String[] args) {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 1.0;
        Nd4j.getRandom().setSeed(1);
        System.out.println("# backend " + System.getProperty("sdzoo.backend.label", "?") + ", "
                + Nd4j.getExecutioner().getEnvironmentInformation().get("blas.vendor") + ", threads "
                + Runtime.getRuntime().availableProcessors());
        List<String[]> rows = new ArrayList<>();
        for (int d : new int[] {1, 8, 64, 128}) {
            conv(rows, 64, 25, 784, 7, d, seconds);
        }
        for (int d : new int[] {1, 8}) {
            conv(rows, 32, 30, 600, 7, d, seconds);
        }
        matmul(rows, 2708, 1433, 16, seconds);
        matmul(rows, 2708, 16, 7, seconds);
        matmul(rows, 2048, 128, 128, seconds);
        matmul(rows, 2048, 128, 512, seconds);
        matmul(rows, 2048, 512, 128, seconds);
        batchedMatmul(rows, 512, 32, 16, 32, seconds);
        softmax(rows, 512 * 32, 32, seconds);
        softmax(rows, 2708, 7, seconds);
        for (String[] r : rows) {
            System.out.println(String.join("\t", r));
        }
    }

    private static void conv(List<String[]> rows, int b, int c, int t, int k, int d, double seconds) {
        INDArray x = Nd4j.randn(DataType.FLOAT, b, c, t);
        INDArray w = Nd4j.randn(DataType.FLOAT, k, c, c).muli(0.1);
        INDArray bias = Nd4j.randn(DataType.FLOAT, c);
        INDArray y = Nd4j.create(DataType.FLOAT, b, c, t);
        INDArray gy = Nd4j.randn(DataType.FLOAT, b, c, t);
        INDArray gx = Nd4j.create(DataType.FLOAT, b, c, t);
        INDArray gw = Nd4j.create(DataType.FLOAT, k, c, c);
        INDArray gb = Nd4j.create(DataType.FLOAT, c);
        // iArgs: kW, sW, pW, dW, paddingMode (2 = causal), isNCW (0 = NCW), wFormat (0 = [K, C_in, C_out]).
        int[] iargs = {k, 1, 0, d, 2, 0, 0};
        DynamicCustomOp fwd = DynamicCustomOp.builder("conv1d").addInputs(x, w, bias).addOutputs(y)
                .addIntegerArguments(iargs).build();
        DynamicCustomOp bwd = DynamicCustomOp.builder("conv1d_bp").addInputs(x, w, bias, gy)
                .addOutputs(gx, gw, gb).addIntegerArguments(iargs).build();
        String shape = String.format("B%d C%d T%d K%d d%d", b, c, t, k, d);
        rows.add(row("conv1d fwd " + shape, () -> Nd4j.exec(fwd), seconds));
        rows.add(row("conv1d bp  " + shape, () -> Nd4j.exec(bwd), seconds));
    }

    private static void matmul(List<String[]> rows, int m, int k, int n, double seconds) {
        INDArray a = Nd4j.randn(DataType.FLOAT, m, k);
        INDArray b = Nd4j.randn(DataType.FLOAT, k, n);
        INDArray c = Nd4j.create(DataType.FLOAT, m, n);
        DynamicCustomOp op = DynamicCustomOp.builder("matmul").addInputs(a, b).addOutputs(c).build();
        rows.add(row(String.format("matmul %dx%d . %dx%d", m, k, k, n), () -> Nd4j.exec(op), seconds));
    }

    private static void batchedMatmul(List<String[]> rows, int batch, int m, int k, int n, double seconds) {
        INDArray a = Nd4j.randn(DataType.FLOAT, batch, m, k);
        INDArray b = Nd4j.randn(DataType.FLOAT, batch, k, n);
        INDArray c = Nd4j.create(DataType.FLOAT, batch, m, n);
        DynamicCustomOp op = DynamicCustomOp.builder("matmul").addInputs(a, b).addOutputs(c).build();
        rows.add(row(String.format("matmul %dx[%dx%d . %dx%d]", batch, m, k, k, n), () -> Nd4j.exec(op), seconds));
    }

    private static void softmax(List<String[]> rows, int m, int n, double seconds) {
        INDArray x = Nd4j.randn(DataType.FLOAT, m, n);
        INDArray y = Nd4j.create(DataType.FLOAT, m, n);
        DynamicCustomOp op = DynamicCustomOp.builder("softmax").addInputs(x).addOutputs(y)
                .addIntegerArguments(1).build();
        rows.add(row(String.format("softmax %dx%d", m, n), () -> Nd4j.exec(op), seconds));
    }

    /** Median, min and max ms per call over {@link #REPEATS} repeats of about {@code seconds} each. */
    private static String[] row(String name, Runnable op, double seconds) {
        try {
            op.run();
        } catch (RuntimeException e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            return new String[] {name, "FAILED: " + root.getMessage().replaceAll(".*execution failed with message ", "")};
        }
        long start = System.nanoTime();
        int calls = 0;
        while (System.nanoTime() - start < seconds * 0.5e9 || calls < 3) {
            op.run();
            calls++;
        }
        double perCall = (System.nanoTime() - start) / (double) calls;
        int n = (int) Math.max(1, seconds * 1e9 / REPEATS / perCall);
        double[] ms = new double[REPEATS];
        for (int r = 0; r < REPEATS; r++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                op.run();
            }
            ms[r] = (System.nanoTime() - t0) / 1e6 / n;
        }
        Arrays.sort(ms);
        return new String[] {name, String.format("%.4f", ms[REPEATS / 2]), String.format("%.4f", ms[0]),
                String.format("%.4f", ms[REPEATS - 1])};
    }
}
