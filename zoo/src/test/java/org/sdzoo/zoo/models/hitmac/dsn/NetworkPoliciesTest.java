package org.sdzoo.zoo.models.hitmac.dsn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;
import org.sdzoo.zoo.ZooModel;
import org.sdzoo.zoo.models.hitmac.HitMacCoordinatorConfig;
import org.sdzoo.zoo.models.hitmac.HitMacExecutorConfig;
import org.sdzoo.zoo.models.hitmac.HitMacNetworks;
import org.sdzoo.zoo.models.hitmac.HitMacPolicy;

class NetworkPoliciesTest {

    private static final ZooModel EXECUTOR = HitMacNetworks.executor(HitMacExecutorConfig.builder().seed(2).build());
    private static final ZooModel COORDINATOR = HitMacNetworks.coordinator(HitMacCoordinatorConfig.builder().seed(2).build());

    @Test
    void theCoordinatorKeepsAPairWhereKeepIsMoreProbable() {
        SensorNetwork n = new SensorNetwork(DsnSettings.published(), 4);
        boolean[][] goals = NetworkPolicies.coordinator(COORDINATOR).assign(n);
        double[][][] obs = n.coordinatorObservation();
        var p = HitMacPolicy.act(COORDINATOR,
                Nd4j.create(obs).reshape(1, 20, 4).castTo(COORDINATOR.dataType())).probabilities();
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 5; j++) {
                assertEquals(p.getDouble(0, i * 5 + j, 1) > p.getDouble(0, i * 5 + j, 0), goals[i][j], "pair " + i + "," + j);
            }
        }
    }

    @Test
    void theExecutorTakesItsMostProbableRotationAndACameraWithoutTargetsTurnsAtRandom() {
        SensorNetwork n = new SensorNetwork(DsnSettings.published(), 4);
        boolean[][] goals = new boolean[4][5];
        goals[1][2] = true;
        goals[1][4] = true;
        int[] actions = NetworkPolicies.executor(EXECUTOR).actions(n, goals);
        var p = HitMacPolicy.act(EXECUTOR,
                Nd4j.create(new double[][][] {n.executorObservation(1, goals[1])}).castTo(EXECUTOR.dataType()))
                .probabilities();
        assertEquals(NetworkPolicies.argmax(p, 0), actions[1]);
        for (int a : actions) {
            assertTrue(a >= 0 && a < 3);
        }
    }

    @Test
    void aShortEpisodeRunsWithBothNetworks() {
        Episodes.Result r = Episodes.play(new SensorNetwork(DsnSettings.published().withCoordinatorSteps(1), 9),
                NetworkPolicies.coordinator(COORDINATOR), NetworkPolicies.executor(EXECUTOR), false);
        assertTrue(r.meanCoverage() >= 0 && r.meanCoverage() <= 1);
    }
}
