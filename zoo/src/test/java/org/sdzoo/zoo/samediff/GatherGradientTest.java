package org.sdzoo.zoo.samediff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sdzoo.zoo.check.GradientCheck;

/** M2.1's gather gradient against {@link SummingGather}, by strict float64 finite differences. */
class GatherGradientTest {

    private static INDArray table(long... shape) {
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        // Distinct, non-round values so that a wrong row or a missing sum shows.
        double[] v = new double[(int) n];
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.sin(1.7 * i + 0.3) + 0.1 * i;
        }
        return Nd4j.createFromArray(v).reshape(shape);
    }

    /** loss = Σ out² + Σ out·probe: every gathered element gets its own, non-constant gradient. */
    private static void addLoss(SameDiff sd, SDVariable out, String name) {
        long[] shape = sd.output(Map.of(), out.name()).get(out.name()).shape();
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        double[] p = new double[(int) n];
        for (int i = 0; i < p.length; i++) {
            p[i] = -1 + 2.0 * i / Math.max(1, p.length - 1);
        }
        SDVariable probe = sd.constant(name + "_probe", Nd4j.createFromArray(p).reshape(shape));
        out.mul(out).sum().add(out.mul(probe).sum()).rename(name);
    }

    private static SameDiff oneGather(Function<SameDiff, SDVariable> gather) {
        SameDiff sd = SameDiff.create();
        SDVariable out = gather.apply(sd);
        addLoss(sd, out, "loss");
        return sd;
    }

    private static GradientCheck.Result check(SameDiff sd) {
        return GradientCheck.check(sd, "loss", Map.of());
    }

    @Test
    void repeatedIndicesSumTheirGradients() {
        SameDiffFixes.install();
        SameDiff sd = oneGather(s -> s.gather(s.var("x", table(4, 3)),
                s.constant(Nd4j.createFromArray(0, 2, 0, 0, 3)), 0));
        GradientCheck.Result r = check(sd);
        assertTrue(r.passed(), r.toString());
        assertEquals(12, r.checked());
    }

    @Test
    void matrixOfLongIdsGathersRowsLikeAnEmbedding() {
        SameDiffFixes.install();
        SameDiff sd = oneGather(s -> s.gather(s.var("x", table(5, 2)),
                s.constant(Nd4j.createFromArray(new long[][] {{1, 4, 1}, {4, 4, 0}})), 0));
        GradientCheck.Result r = check(sd);
        assertTrue(r.passed(), r.toString());
    }

    @Test
    void innerAxisWithRepeatsAndIntArrayIndices() {
        SameDiffFixes.install();
        SameDiff sd = oneGather(s -> s.gather(s.var("x", table(2, 4, 3)), new int[] {3, 1, 3, 0}, 1));
        GradientCheck.Result r = check(sd);
        assertTrue(r.passed(), r.toString());
        SameDiff last = oneGather(s -> s.gather(s.var("x", table(2, 4)), new int[] {1, 1, 2}, 1));
        r = check(last);
        assertTrue(r.passed(), r.toString());
    }

    @Test
    void twoGathersInOneGraphOfTheSameAndOfAnotherVariable() {
        SameDiffFixes.install();
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.var("x", table(4, 3));
        SDVariable y = sd.var("y", table(3, 2));
        SDVariable a = sd.gather(x, sd.constant(Nd4j.createFromArray(1, 1, 3)), 0);       // [3, 3]
        SDVariable b = sd.gather(x, sd.constant(Nd4j.createFromArray(0, 1, 1)), 0);       // [3, 3]
        SDVariable c = sd.gather(y, sd.constant(Nd4j.createFromArray(2, 2, 0)), 0);       // [3, 2]
        SDVariable out = a.mul(b).mmul(c);
        addLoss(sd, out, "loss");
        GradientCheck.Result r = check(sd);
        assertTrue(r.passed(), r.toString());
        assertEquals(12 + 6, r.checked());
    }

    @Test
    void aCopyOfTheGraphKeepsTheFix() {
        SameDiffFixes.install();
        SameDiff sd = oneGather(s -> s.gather(s.var("x", table(3, 2)),
                s.constant(Nd4j.createFromArray(2, 2, 1)), 0));
        GradientCheck.Result r = check(sd.dup());
        assertTrue(r.passed(), r.toString());
    }

    @Test
    void aSavedAndLoadedGraphKeepsTheFix(@TempDir Path dir) throws Exception {
        SameDiffFixes.install();
        SameDiff sd = oneGather(s -> s.gather(s.var("x", table(3, 2)),
                s.constant(Nd4j.createFromArray(1, 1, 0, 1)), 0));
        File file = dir.resolve("gather.fb").toFile();
        sd.save(file, false);
        GradientCheck.Result r = check(SameDiff.load(file, false));
        assertTrue(r.passed(), r.toString());
    }

    @Test
    void installIsIdempotent() {
        SameDiffFixes.install();
        SameDiffFixes.install();
        assertTrue(SameDiffFixes.isInstalled());
        GradientCheck.Result r = check(oneGather(s -> s.gather(s.var("x", table(3, 2)),
                s.constant(Nd4j.createFromArray(0, 0)), 0)));
        assertTrue(r.passed(), r.toString());
    }

    /** The defect itself: when this fails, ND4J has fixed gather and SummingGather may go. */
    @Test
    void withoutTheFixRepeatedIndicesGetTheWrongGradient() {
        SameDiffFixes.uninstall();
        try {
            SameDiff sd = oneGather(s -> s.gather(s.var("x", table(4, 3)),
                    s.constant(Nd4j.createFromArray(0, 2, 0, 0, 3)), 0));
            boolean passed;
            try {
                passed = check(sd).passed();
            } catch (RuntimeException thrown) {
                passed = false;
            }
            assertFalse(passed, "M2.1's gather gradient now sums repeated indices: SummingGather may go");
        } finally {
            SameDiffFixes.install();
        }
    }
}
