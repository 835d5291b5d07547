import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv1DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.factory.Nd4j;
import org.sdzoo.zoo.ZooModel;
import org.sdzoo.zoo.blocks.conv.WeightNorm;
import org.sdzoo.zoo.blocks.nn.Dropout;
import org.sdzoo.zoo.models.tcn.Tcn;
import org.sdzoo.zoo.models.tcn.TcnConfig;
import org.sdzoo.zoo.models.tcn.TcnHead;
import org.sdzoo.zoo.plan.PlannedGraph;

/**
 * The TCN's forward and backward pass at the shapes, two ways, timed back to back in one
 * process through the execution plan (the trainer's path): {@code conv1d} is locuslab's model on
 * ND4J's {@code conv1d}/{@code conv1d_bp} in {@code [B, C, T]} layout (what sdzoo ran before), and
 * {@code sdzoo} is {@link Tcn} as built now (channel-major levels, im2col and one matrix product per
 * convolution). Both have weight norm, dropout as the example, a last-step linear head and the
 * loss {@code mean(output²)}.
 *
 * <p>Run: {@code java -cp examples/target/sdzoo.jar tools/TcnConvBench.java seq-mnist|adding [REPEATS]}.
 * Prints the median, min and max ms per pass and the ratio sdzoo / conv1d.
 */
public final class TcnConvBench {

    public static void main(String[] args) {
        boolean mnist = args[0].equals("seq-mnist");
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int batch = mnist ? 64 : 32;
        int cIn = mnist ? 1 : 2;
        int t = mnist ? 784 : 600;
        int width = mnist ? 25 : 30;
        int outputs = mnist ? 10 : 1;
        double dropout = mnist ? 0.05 : 0.0;
        TcnConfig config = TcnConfig.builder().inputChannels(cIn).levels(8, width).kernelSize(7).dropout(dropout)
                .head(TcnHead.LAST_STEP).outputs(outputs).build();
        Nd4j.getRandom().setSeed(3);
        Map<String, INDArray> feed = Map.of("x", Nd4j.randn(DataType.FLOAT, batch, cIn, t));

        Map<String, PlannedGraph> graphs = new LinkedHashMap<>();
        graphs.put("conv1d", conv1dGraph(config));
        ZooModel model = Tcn.create(config);
        SameDiff sd = model.sameDiff();
        sd.math.square(model.primaryOutput()).mean().rename("loss");
        graphs.put("sdzoo", PlannedGraph.forGradients(sd, List.of("loss"), model.parameterNames()));
        for (var e : graphs.entrySet()) {
            e.getValue().run(feed);
            boolean planned = e.getValue().run(feed).planned();
            System.out.println(e.getKey() + ": planned " + planned + e.getValue().fallbackReason().map(r -> " (" + r + ")")
                    .orElse(""));
        }
        Map<String, double[]> ms = new LinkedHashMap<>();
        graphs.keySet().forEach(k -> ms.put(k, new double[repeats]));
        for (int r = 0; r < repeats; r++) {
            for (var e : graphs.entrySet()) {
                long start = System.nanoTime();
                e.getValue().run(feed);
                ms.get(e.getKey())[r] = (System.nanoTime() - start) / 1e6;
            }
        }
        System.out.printf("%s: batch %d, T %d, 8 levels of %d, kernel 7, forward + backward, %d repeats, %s threads%n",
                args[0], batch, t, width, repeats, System.getenv().getOrDefault("OMP_NUM_THREADS", "default"));
        double[] medians = new double[2];
        int i = 0;
        for (var e : ms.entrySet()) {
            double[] a = e.getValue().clone();
            Arrays.sort(a);
            medians[i++] = a[a.length / 2];
            System.out.printf("  %-7s median %9.1f ms  min %9.1f  max %9.1f%n", e.getKey(), a[a.length / 2], a[0],
                    a[a.length - 1]);
        }
        System.out.printf("  ratio sdzoo / conv1d: %.2f%n", medians[1] / medians[0]);
    }

    /** locuslab's network on ND4J's conv1d in [B, C, T] layout, with the same head and loss. */
    private static PlannedGraph conv1dGraph(TcnConfig config) {
        SameDiff sd = SameDiff.create();
        List<String> params = new ArrayList<>();
        SDVariable y = sd.placeHolder("x", DataType.FLOAT, -1, config.inputChannels(), -1);
        long in = config.inputChannels();
        int k = config.kernelSize();
        for (int level = 0; level < config.channels().size(); level++) {
            long out = config.channels().get(level);
            int d = 1 << level;
            SDVariable h = Dropout.apply(sd, sd.nn.relu(conv(sd, params, y, in, out, k, d, true, level + "a"), 0),
                    config.dropout());
            h = Dropout.apply(sd, sd.nn.relu(conv(sd, params, h, out, out, k, d, true, level + "b"), 0),
                    config.dropout());
            SDVariable res = in == out ? y : conv(sd, params, y, in, out, 1, 1, false, level + "r");
            y = sd.nn.relu(h.add(res), 0);
            in = out;
        }
        SDVariable last = y.get(org.nd4j.autodiff.samediff.SDIndex.all(), org.nd4j.autodiff.samediff.SDIndex.all(),
                org.nd4j.autodiff.samediff.SDIndex.point(-1));                               // [B, C]
        SDVariable w = sd.var("head_w", Nd4j.randn(DataType.FLOAT, in, config.outputs()).muli(0.01));
        SDVariable b = sd.var("head_b", Nd4j.zeros(DataType.FLOAT, config.outputs()));
        params.addAll(List.of("head_w", "head_b"));
        sd.math.square(last.mmul(w).add(b)).mean().rename("loss");
        return PlannedGraph.forGradients(sd, List.of("loss"), params);
    }

    private static SDVariable conv(SameDiff sd, List<String> params, SDVariable x, long in, long out, int k, int d,
                                   boolean weightNorm, String name) {
        double bound = 1 / Math.sqrt(in * (double) k);
        SDVariable weight;
        if (weightNorm) {
            INDArray v = Nd4j.rand(DataType.FLOAT, out, in, k).muli(2 * bound).subi(bound);
            SDVariable g = sd.var(name + "_g", v.norm2(1, 2).reshape(out, 1, 1));
            SDVariable vv = sd.var(name + "_v", v);
            params.addAll(List.of(name + "_g", name + "_v"));
            weight = WeightNorm.apply(g, vv);
        } else {
            weight = sd.var(name + "_w", Nd4j.randn(DataType.FLOAT, out, in, k).muli(0.01));
            params.add(name + "_w");
        }
        SDVariable bias = sd.var(name + "_b", Nd4j.zeros(DataType.FLOAT, out));
        params.add(name + "_b");
        Conv1DConfig c = Conv1DConfig.builder().k(k).s(1).p(0).d(d).paddingMode(PaddingMode.CAUSAL)
                .dataFormat(Conv1DConfig.NCW).build();
        return sd.cnn.conv1d(x, weight.permute(2, 1, 0), bias, c);                          // [B, out, T]
    }
}
