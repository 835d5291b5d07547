package org.sdzoo.zoo.samediff;

import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ops.executioner.OpExecutioner;
import org.nd4j.linalg.factory.Environment;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ND4J settings sdzoo runs with, in one place, applied once per JVM when the first
 * {@code ZooModel} is built (beside {@link SameDiffFixes}), so that a library user gets them
 * without the command line's {@code logback.xml}.
 *
 * <ul>
 *   <li>Native debug, verbose, profiling and leak-detection modes off, and the executioner's
 *       profiling mode {@code DISABLED}: each adds work to every op (they are off in a fresh
 *       M2.1, but a system property or an earlier caller may have turned them on).</li>
 *   <li>Element-wise ops on fewer than {@link #ELEMENTWISE_THRESHOLD} elements run on one thread:
 *       ND4J's default (1024) splits a 50×50 add over 2 OpenMP threads, which costs more than
 *       the add (measured in {@code src/site/markdown/speed.md}).</li>
 *   <li>ND4J's and JavaCPP's loggers at INFO when they would log DEBUG only because nothing
 *       configured them: Logback without a configuration file logs everything at DEBUG, and
 *       SameDiff's session logs several lines per op (the array cache's allocation messages
 *       among them), which slows a step several-fold. A level set for {@code org.nd4j} or
 *       {@code org.bytedeco} in the user's configuration is kept.</li>
 * </ul>
 * One setting only the process's environment can make, because OpenMP reads it when ND4J's
 * native library loads: {@code OMP_WAIT_POLICY=PASSIVE}. Without it each of ND4J's OpenMP threads
 * spins after every parallel op, on the core OpenBLAS's own threads need for the matrix product
 * that follows; with two threads that halved the speed of the larger training steps here (a
 * Transformer step 863 ms against 451 ms, a TCN step 657 against 331). The {@code sdzoo} launcher
 * and the build's tests set it; {@link #apply()} logs a warning naming it when it is missing and
 * ND4J runs more than one thread.
 *
 * <p>The thread count is left to ND4J: it uses {@code OMP_NUM_THREADS} when set, else one thread
 * per physical core. {@code -Dsdzoo.environment=off} leaves every ND4J setting as it is.
 */
public final class NdEnvironment {

    /** The system property that, set to {@code off}, skips {@link #apply()}. */
    public static final String PROPERTY = "sdzoo.environment";

    /** The OpenMP variable, and the value, without which ND4J's threads spin between ops. */
    public static final String WAIT_POLICY = "OMP_WAIT_POLICY";

    /** The value of {@link #WAIT_POLICY} that sdzoo runs with. */
    public static final String PASSIVE = "PASSIVE";

    /** Element-wise ops below this many elements run single-threaded. */
    public static final int ELEMENTWISE_THRESHOLD = 32768;

    /** The loggers lowered from an inherited DEBUG/TRACE to INFO. */
    public static final List<String> QUIET_LOGGERS = List.of("org.nd4j", "org.bytedeco");

    private static final Logger LOG = LoggerFactory.getLogger(NdEnvironment.class);

    private static boolean applied;

    private NdEnvironment() {
    }

    /** Applies the settings, unless {@code -Dsdzoo.environment=off}; calling it again does nothing. */
    public static synchronized void apply() {
        if (applied || "off".equalsIgnoreCase(System.getProperty(PROPERTY, ""))) {
            return;
        }
        Environment env = Nd4j.getEnvironment();
        env.setDebug(false);
        env.setVerbose(false);
        env.setProfiling(false);
        env.setLeaksDetector(false);
        env.setElementwiseThreshold(ELEMENTWISE_THRESHOLD);
        OpExecutioner executioner = Nd4j.getExecutioner();
        executioner.enableDebugMode(false);
        executioner.enableVerboseMode(false);
        executioner.setProfilingMode(OpExecutioner.ProfilingMode.DISABLED);
        for (String name : QUIET_LOGGERS) {
            quietInheritedDebug(name);
        }
        applied = true;
        String advice = waitPolicyAdvice(System.getenv(), env.maxThreads());
        if (advice != null) {
            LOG.warn(advice);
        }
        LOG.debug("ND4J environment: {}", settings());
    }

    /**
     * @param environment the process's environment variables
     * @param threads     ND4J's thread count
     * @return a warning naming {@link #WAIT_POLICY} when the environment lets several OpenMP threads
     *         spin between ops, else null (one thread, or the policy or GOMP_SPINCOUNT chosen)
     */
    static String waitPolicyAdvice(Map<String, String> environment, int threads) {
        if (threads < 2 || environment.containsKey(WAIT_POLICY) || environment.containsKey("GOMP_SPINCOUNT")) {
            return null;
        }
        return "ND4J runs " + threads + " OpenMP threads that spin between ops, which can halve the speed of a"
                + " training step: start the JVM with the environment variable " + WAIT_POLICY + "=" + PASSIVE
                + " (the sdzoo launcher sets it)";
    }

    /** @return whether {@link #apply()} has set the environment in this JVM */
    public static synchronized boolean isApplied() {
        return applied;
    }

    /** @return the settings that decide speed, as ND4J reports them now, by name */
    public static Map<String, Object> settings() {
        Environment env = Nd4j.getEnvironment();
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("debug", env.isDebug());
        s.put("verbose", env.isVerbose());
        s.put("profiling", env.isProfiling());
        s.put("profilingMode", Nd4j.getExecutioner().getProfilingMode().name());
        s.put("elementwiseThreshold", env.elementwiseThreshold());
        s.put("maxThreads", env.maxThreads());
        s.put("blas", Nd4j.getExecutioner().getEnvironmentInformation().get("blas.vendor"));
        s.put(WAIT_POLICY, System.getenv().getOrDefault(WAIT_POLICY, "unset"));
        return s;
    }

    /**
     * Sets {@code name}'s level to INFO when the logging backend is Logback, the logger has no
     * level of its own and inherits DEBUG or TRACE. Reflection keeps Logback optional: other SLF4J
     * backends default to INFO or above already.
     *
     * @return whether the level was changed
     */
    static boolean quietInheritedDebug(String name) {
        Logger logger = LoggerFactory.getLogger(name);
        if (!logger.isDebugEnabled() || !"ch.qos.logback.classic.Logger".equals(logger.getClass().getName())) {
            return false;
        }
        try {
            Method getLevel = logger.getClass().getMethod("getLevel");
            if (getLevel.invoke(logger) != null) {
                return false;
            }
            Class<?> level = Class.forName("ch.qos.logback.classic.Level", true, logger.getClass().getClassLoader());
            logger.getClass().getMethod("setLevel", level).invoke(logger, level.getField("INFO").get(null));
            return true;
        } catch (ReflectiveOperationException e) {
            LOG.debug("Could not lower {} to INFO: {}", name, e.toString());
            return false;
        }
    }
}
