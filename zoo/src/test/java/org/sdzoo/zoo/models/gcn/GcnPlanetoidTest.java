package org.sdzoo.zoo.models.gcn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.sdzoo.datasets.DataDirectory;
import org.sdzoo.datasets.graph.GraphData;
import org.sdzoo.datasets.graph.Planetoid;
import org.sdzoo.zoo.ZooModel;
import org.sdzoo.zoo.config.Precision;
import org.sdzoo.zoo.samediff.LearningPhase;
import org.sdzoo.zoo.samediff.QuietSameDiff;
import org.sdzoo.zoo.task.MaskedClassificationTask;
import org.sdzoo.zoo.task.Task;

/** The propagation and feature forms on the real Cora graph (run when SDZOO_DATA_DIR is set). */
@EnabledIfEnvironmentVariable(named = DataDirectory.ENV_VAR, matches = ".+")
class GcnPlanetoidTest {

    @Test
    void coraDenseEdgeListAndSparseFeaturesGiveTheSameLossAndGradients() throws Exception {
        GraphData cora = Planetoid.load(Planetoid.Name.CORA, Path.of(System.getenv(DataDirectory.ENV_VAR)));
        INDArray mask = cora.split().orElseThrow().trainMask(cora.numNodes(), DataType.DOUBLE);
        Map<String, INDArray> reference = null;
        for (PropagationForm form : PropagationForm.values()) {
            for (boolean sparse : new boolean[] {false, true}) {
                GcnConfig c = GcnConfig.builder().inputFeatures(cora.numFeatures()).numClasses(cora.numClasses())
                        .dropout(0).precision(Precision.FLOAT64).propagation(form).sparseFeatures(sparse).build();
                ZooModel model = Gcn.create(c, 11);
                Task task = new MaskedClassificationTask(c.numClasses());
                task.attachLoss(model);
                MultiDataSet batch = GcnInputs.nodeBatch(cora, c, mask);
                Map<String, INDArray> feed = new HashMap<>(model.placeholders(batch));
                feed.putAll(task.feed(model, batch));
                feed.putAll(LearningPhase.feed(model.sameDiff(), true));
                var result = QuietSameDiff.run(() -> model.sameDiff().calculateGradientsAndOutputs(feed,
                        List.of(Task.LOSS, Gcn.LOGITS), model.parameterNames()));
                Map<String, INDArray> values = new HashMap<>(result.getGradients());
                values.putAll(result.getOutputs());
                if (reference == null) {
                    reference = values;
                } else {
                    for (var e : reference.entrySet()) {
                        assertTrue(e.getValue().equalsWithEps(values.get(e.getKey()), 1e-10),
                                form + (sparse ? " with sparse features" : "") + ": " + e.getKey() + " differs");
                    }
                }
            }
        }
    }
}
