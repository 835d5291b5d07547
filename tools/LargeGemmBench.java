import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Times ND4J's matmul op (reused context, output given: the plan's path) at the products that
 * dominate the Transformer's and the TCN's steps, float32, median of 7 × 10 calls; compare with
 * tools/large_gemm_bench.py (PyTorch, same shapes and threads). To try Debian's OpenBLAS instead of
 * the one nd4j bundles:
 * LD_PRELOAD=/usr/lib/x86_64-linux-gnu/openblas-pthread/libopenblas.so.0.
 * Run: OMP_WAIT_POLICY=PASSIVE java -cp examples/target/sdzoo.jar tools/LargeGemmBench.java
 */
public class LargeGemmBench {
    /** {rows, inner, columns}: Transformer d 128 / FFN 512 at batch 64 × 32 tokens; TCN im2col products (25 channels, kernel 7, batch 64 × T 784) */
    static final int[][] SHAPES = {{2048, 128, 512}, {2048, 512, 128}, {2048, 128, 128}, {25, 175, 50176},
            {175, 25, 50176}, {175, 50176, 25}};

    public static void main(String[] args) {
        for (int[] s : SHAPES) {
            INDArray x = Nd4j.rand(DataType.FLOAT, s[0], s[1]);
            INDArray w = Nd4j.rand(DataType.FLOAT, s[1], s[2]);
            INDArray out = Nd4j.create(DataType.FLOAT, s[0], s[2]);
            DynamicCustomOp op = DynamicCustomOp.builder("matmul").build();
            OpContext ctx = Nd4j.getExecutioner().buildContext();
            ctx.setInputArrays(x, w);
            ctx.setOutputArrays(out);
            for (int i = 0; i < 5; i++) {
                Nd4j.getExecutioner().exec(op, ctx);
            }
            double[] t = new double[7];
            for (int r = 0; r < t.length; r++) {
                long t0 = System.nanoTime();
                for (int i = 0; i < 10; i++) {
                    Nd4j.getExecutioner().exec(op, ctx);
                }
                t[r] = (System.nanoTime() - t0) / 10e3;
            }
            Arrays.sort(t);
            System.out.printf("nd4j %dx%d by %dx%d: %.0f us%n", s[0], s[1], s[1], s[2], t[3]);
        }
    }
}
