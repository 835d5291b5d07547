import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.OpContext;
/** Times ND4J matmul at the HiT-MAC shapes three ways: the plan's path (matmul op, reused OpContext, output given), Nd4j.gemm into a given output, and INDArray.mmul (allocates). Run: OMP_WAIT_POLICY=PASSIVE java -cp examples/target/sdzoo.jar tools/SmallGemmBench.java */
public class SmallGemmBench {
  public static void main(String[] a) {
    int[][] shapes = {{4,4,4},{1,128,128},{1,128,384},{20,128,128},{20,128,384},{64,128,128}};
    for (int[] s : shapes) {
      INDArray x = Nd4j.rand(DataType.FLOAT, s[0], s[1]);
      INDArray w = Nd4j.rand(DataType.FLOAT, s[1], s[2]);
      INDArray out = Nd4j.create(DataType.FLOAT, s[0], s[2]);
      DynamicCustomOp op = DynamicCustomOp.builder("matmul").build();
      OpContext ctx = Nd4j.getExecutioner().buildContext();
      ctx.setInputArrays(x, w); ctx.setOutputArrays(out);
      for (int i = 0; i < 3000; i++) { Nd4j.getExecutioner().exec(op, ctx); Nd4j.gemm(x, w, out, false, false, 1.0, 0.0); x.mmul(w); }
      double[] g = new double[3]; int n = 3000;
      for (int r = 0; r < 3; r++) { long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) Nd4j.getExecutioner().exec(op, ctx);
        g[r] = (System.nanoTime()-t0)/1e3/n; }
      java.util.Arrays.sort(g);
      double macs = (double) s[0]*s[1]*s[2];
      long t1 = System.nanoTime(); for (int i = 0; i < n; i++) Nd4j.gemm(x, w, out, false, false, 1.0, 0.0);
      long t2 = System.nanoTime(); for (int i = 0; i < n; i++) x.mmul(w);
      long t3 = System.nanoTime();
      System.out.printf("%dx%d by %dx%d: matmul op, reused context %.1f us (%.1f GFLOP/s); Nd4j.gemm %.1f us; mmul %.1f us%n",
          s[0],s[1],s[1],s[2], g[1], 2*macs/(g[1]*1e3), (t2-t1)/1e3/n, (t3-t2)/1e3/n);
    }
  }
}
