package org.sdzoo.zoo.models.gcn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.sdzoo.datasets.NumpyFiles;
import org.sdzoo.zoo.ZooModel;
import org.sdzoo.zoo.config.Precision;
import org.sdzoo.zoo.samediff.LearningPhase;
import org.sdzoo.zoo.samediff.QuietSameDiff;
import org.sdzoo.zoo.task.MaskedClassificationTask;
import org.sdzoo.zoo.task.Task;

/**
 * A pygcn 2-layer GCN in PyTorch 1.13 (fixtures/gcn/make_fixture.py, float64, dropout off) against
 * the imported model in every propagation and feature form: logits, log-probabilities, the masked
 * NLL loss and every parameter gradient to 1e-10.
 */
class GcnParityTest {

    private static final double TOLERANCE = 1e-10;
    private static Map<String, INDArray> fixture;

    @BeforeAll
    static void load() throws Exception {
        fixture = NumpyFiles.readNpz(Path.of(GcnParityTest.class.getResource("/fixtures/gcn/gcn_parity.npz").toURI()));
    }

    enum Form { DENSE, EDGE_LIST, EDGE_LIST_SPARSE_FEATURES, DENSE_SPARSE_FEATURES }

    static GcnConfig config(Form form) {
        return GcnConfig.builder().inputFeatures(1).numClasses(1).dropout(0).precision(Precision.FLOAT64)
                .propagation(form.name().startsWith("DENSE") ? PropagationForm.DENSE : PropagationForm.EDGE_LIST)
                .sparseFeatures(form.name().endsWith("SPARSE_FEATURES")).build();
    }

    static Map<String, INDArray> stateDict(String prefix) {
        Map<String, INDArray> state = new LinkedHashMap<>();
        fixture.forEach((k, v) -> {
            if (prefix.isEmpty() ? k.startsWith("gc") : k.startsWith(prefix)) {
                state.put(k.substring(prefix.length()), v);
            }
        });
        return state;
    }

    /**
     * The fixture's inputs in float64 (GraphData keeps features in float32, which would cost the
     * 1e-10 comparison), dense or CSR as the config says.
     */
    static Map<String, INDArray> inputs(GcnConfig config) {
        INDArray x = fixture.get("features");
        Map<String, INDArray> in = new LinkedHashMap<>();
        if (config.sparseFeatures()) {
            List<Integer> indptr = new ArrayList<>(List.of(0));
            List<Integer> indices = new ArrayList<>();
            List<Double> values = new ArrayList<>();
            for (int i = 0; i < x.rows(); i++) {
                for (int j = 0; j < x.columns(); j++) {
                    if (x.getDouble(i, j) != 0) {
                        indices.add(j);
                        values.add(x.getDouble(i, j));
                    }
                }
                indptr.add(indices.size());
            }
            in.put(Gcn.FEATURE_INDPTR, Nd4j.createFromArray(indptr.toArray(Integer[]::new)));
            in.put(Gcn.FEATURE_INDICES, Nd4j.createFromArray(indices.toArray(Integer[]::new)));
            in.put(Gcn.FEATURE_VALUES, Nd4j.createFromArray(values.toArray(Double[]::new)));
        } else {
            in.put(Gcn.FEATURES, x);
        }
        in.put(Gcn.EDGES, fixture.get("edges"));
        return in;
    }

    @ParameterizedTest
    @EnumSource(Form.class)
    void outputsLossAndGradientsMatchPygcn(Form form) {
        ZooModel model = new GcnArchitecture().importTorch(config(form), stateDict(""), Map.of());
        GcnConfig c = (GcnConfig) model.config();
        assertEquals(6, c.inputFeatures());
        assertEquals(List.of(4), c.hiddenSizes());
        assertEquals(3, c.numClasses());

        Map<String, INDArray> inputs = inputs(c);
        MultiDataSet batch = new MultiDataSet(inputs.values().toArray(INDArray[]::new),
                new INDArray[] {fixture.get("labels")}, null, new INDArray[] {fixture.get("train_mask")});
        Map<String, INDArray> out = model.predict(inputs);
        assertClose(fixture.get("logits"), out.get(Gcn.LOGITS), "logits");
        assertClose(fixture.get("log_probabilities"), out.get(Gcn.LOG_PROBABILITIES), "log-probabilities");

        Task task = new MaskedClassificationTask(3);
        task.attachLoss(model);
        Map<String, INDArray> feed = new HashMap<>(model.placeholders(batch));
        feed.putAll(task.feed(model, batch));
        feed.putAll(LearningPhase.feed(model.sameDiff(), true));
        var result = QuietSameDiff.run(() -> model.sameDiff().calculateGradientsAndOutputs(feed, List.of(Task.LOSS),
                model.parameterNames()));
        assertEquals(fixture.get("loss").getDouble(0), result.getOutputs().get(Task.LOSS).getDouble(0), TOLERANCE, "loss");
        for (String name : List.of("gc1.weight", "gc1.bias", "gc2.weight", "gc2.bias")) {
            assertClose(fixture.get("grad." + name), result.getGradients().get(name), "gradient of " + name);
        }
    }

    @Test
    void pygAndPygcnLayoutsImportToTheSameModel() {
        var arch = new GcnArchitecture();
        ZooModel pygcn = arch.importTorch(config(Form.EDGE_LIST), stateDict(""), Map.of());
        ZooModel pyg = arch.importTorch(config(Form.EDGE_LIST), stateDict("pyg."), Map.of());
        for (String p : pygcn.parameterNames()) {
            assertEquals(pygcn.sameDiff().getArrForVarName(p), pyg.sameDiff().getArrForVarName(p), p);
        }
    }

    @Test
    void aStateDictThatDoesNotFitIsRefusedWithEveryProblem() {
        var arch = new GcnArchitecture();
        Map<String, INDArray> state = new LinkedHashMap<>(stateDict(""));
        state.put("gc2.bias", Nd4j.zeros(5));
        state.put("gc1.extra", Nd4j.zeros(1));
        var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> arch.importTorch(config(Form.DENSE), state, Map.of()));
        assertTrue(e.getMessage().contains("'gc2.bias' has shape [5]") && e.getMessage().contains("'gc1.extra' is not"),
                e.getMessage());
        e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> arch.importTorch(config(Form.DENSE), Map.of("layer.weight", Nd4j.zeros(2, 2)), Map.of()));
        assertTrue(e.getMessage().contains("neither 'gc1.weight' (pygcn) nor 'conv1.lin.weight'"), e.getMessage());
    }

    static void assertClose(INDArray expected, INDArray actual, String what) {
        assertTrue(expected.equalsWithEps(actual.reshape(expected.shape()), TOLERANCE),
                what + ": expected " + expected + " but was " + actual);
    }
}
