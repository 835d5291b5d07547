package org.sdzoo.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The set-up a new user follows: the README's test command is what CI runs, the Maven Wrapper pins
 * a Maven version, and a missing or too-old Java stops the launcher and CI with one line naming
 * what to install before anything else runs.
 */
class SetupScriptsTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final String INSTALL_HINT = "openjdk-17-jdk-headless";

    @TempDir
    Path tmp;

    @Test
    void ciRunsExactlyTheReadmesTestCommand() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        Matcher block = Pattern.compile("Run the tests:\\s*```\\s*\\n(.*?)\\n```", Pattern.DOTALL)
                .matcher(readme);
        assertTrue(block.find(), "README.md has a 'Run the tests:' code block");
        String command = block.group(1).strip();
        assertEquals("./mvnw -B verify", command);

        List<String> ci = Files.readAllLines(ROOT.resolve(".ci/run")).stream()
                .map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
        assertEquals(command, ci.get(ci.size() - 1), ".ci/run ends with the README's test command");
    }

    @Test
    void theWrapperPinsAMavenVersionAndTheLauncherUsesIt() throws IOException {
        assertTrue(Files.isExecutable(ROOT.resolve("mvnw")));
        String properties = Files.readString(ROOT.resolve(".mvn/wrapper/maven-wrapper.properties"));
        assertTrue(Pattern.compile("(?m)^distributionUrl=https://\\S+/apache-maven-\\d+\\.\\d+\\.\\d+-bin\\.zip$")
                .matcher(properties).find(), properties);
        String launcher = Files.readString(ROOT.resolve("sdzoo"));
        assertTrue(launcher.contains("./mvnw -B"));
        assertFalse(Pattern.compile("(?m)^[^#]*\\bmvn\\s").matcher(launcher).find(),
                "the launcher does not call a Maven from the PATH");
    }

    @Test
    void theJdkOfThisTestPasses() throws Exception {
        Result result = requireJdk(Path.of(System.getProperty("java.home")), "javac");
        assertEquals(0, result.exitCode(), result.stderr());
        assertEquals("", result.stderr());
    }

    @Test
    void aMissingJavaGetsOneLineNamingWhatToInstall() throws Exception {
        Result result = requireJdk(tmp.resolve("no-such-jdk"), "java");
        assertOneLineNamingTheInstall(result);
        assertTrue(result.stderr().contains("no Java found"), result.stderr());
    }

    @Test
    void aJava11GetsOneLineNamingWhatToInstall() throws Exception {
        Result result = requireJdk(fakeJdk("11", true), "java");
        assertOneLineNamingTheInstall(result);
        assertTrue(result.stderr().contains("is Java 11 and sdzoo needs 17 or newer"), result.stderr());
    }

    @Test
    void aJava8CallingItself1Point8IsTooOld() throws Exception {
        Result result = requireJdk(fakeJdk("1.8", true), "java");
        assertOneLineNamingTheInstall(result);
        assertTrue(result.stderr().contains("is Java 1.8"), result.stderr());
    }

    @Test
    void aRuntimeWithoutJavacCannotBuild() throws Exception {
        Path jre = fakeJdk("21", false);
        assertEquals(0, requireJdk(jre, "java").exitCode(), "running the jar needs no javac");
        Result build = requireJdk(jre, "javac");
        assertOneLineNamingTheInstall(build);
        assertTrue(build.stderr().contains("without javac"), build.stderr());
    }

    @Test
    void theLauncherStopsBeforeBuildingWhenJavaIsTooOld() throws Exception {
        Result result = run(List.of(ROOT.resolve("sdzoo").toString(), "list"), fakeJdk("11", true));
        assertOneLineNamingTheInstall(result);
        assertFalse(result.stderr().contains("building"), result.stderr());
    }

    @Test
    void theLauncherAddsTheVectorModuleOnlyWhenTheRuntimeHasIt() throws Exception {
        // a copy of the launcher beside a built jar (nothing to build), run on fake runtimes that
        // print the arguments they are started with
        Path root = Files.createDirectories(tmp.resolve("launcher"));
        Files.copy(ROOT.resolve("sdzoo"), root.resolve("sdzoo"));
        Files.createDirectories(root.resolve(".mvn"));
        Files.copy(ROOT.resolve(".mvn/require-jdk"), root.resolve(".mvn/require-jdk"));
        Files.createDirectories(root.resolve("examples/target"));
        Files.writeString(root.resolve("examples/target/sdzoo.jar"), "");
        for (boolean hasModule : new boolean[] {true, false}) {
            Path bin = Files.createDirectories(tmp.resolve("runtime-" + hasModule).resolve("bin"));
            executable(bin.resolve("java"), "#!/bin/sh\n"
                    + "if [ \"$1\" = --list-modules ]; then echo java.base@17;"
                    + (hasModule ? " echo jdk.incubator.vector@17;" : "") + " exit 0; fi\n"
                    + "if [ \"$1\" = -XshowSettings:properties ]; then echo '    java.specification.version = 17' >&2; exit 0; fi\n"
                    + "echo \"started with $*\" >&2\n");
            Result result = run(List.of(root.resolve("sdzoo").toString(), "list"), bin.getParent());
            assertEquals(0, result.exitCode(), result.stderr());
            assertEquals(hasModule, result.stderr().contains("--add-modules jdk.incubator.vector"), result.stderr());
            assertTrue(result.stderr().contains("-jar " + root.resolve("examples/target/sdzoo.jar") + " list"),
                    result.stderr());
            assertTrue(result.stderr().contains("-XX:+UseParallelGC -Xmn32m"), result.stderr());
        }
        // a collector the user chose is kept: the JVM refuses to start with two
        Path bin = tmp.resolve("runtime-true").resolve("bin");
        Result chosen = run(List.of("env", "JAVA_TOOL_OPTIONS=-XX:+UseG1GC", root.resolve("sdzoo").toString(), "list"),
                bin.getParent());
        assertEquals(0, chosen.exitCode(), chosen.stderr());
        assertFalse(chosen.stderr().contains("UseParallelGC"), chosen.stderr());
    }

    private static void assertOneLineNamingTheInstall(Result result) {
        assertEquals(1, result.exitCode(), result.stderr());
        assertEquals(1, result.stderr().strip().lines().count(), result.stderr());
        assertTrue(result.stderr().contains(INSTALL_HINT), result.stderr());
    }

    /** A JAVA_HOME whose {@code bin/java} reports the given specification version. */
    private Path fakeJdk(String specificationVersion, boolean withJavac) throws IOException {
        Path home = Files.createDirectories(tmp.resolve("jdk-" + specificationVersion + "-" + withJavac));
        Path bin = Files.createDirectories(home.resolve("bin"));
        executable(bin.resolve("java"), "#!/bin/sh\necho '    java.specification.version = "
                + specificationVersion + "' >&2\n");
        if (withJavac) {
            executable(bin.resolve("javac"), "#!/bin/sh\n");
        }
        return home;
    }

    private static void executable(Path file, String content) throws IOException {
        Files.writeString(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static Result requireJdk(Path javaHome, String what) throws Exception {
        String script = "source " + ROOT.resolve(".mvn/require-jdk") + " && require_jdk " + what;
        return run(List.of("bash", "-c", script), javaHome);
    }

    private static Result run(List<String> command, Path javaHome) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("JAVA_HOME", javaHome.toString());
        builder.environment().remove("JAVA_TOOL_OPTIONS"); // the launcher reads it (a chosen collector)
        builder.environment().remove("JDK_JAVA_OPTIONS");
        Process process = builder.start();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "finished within 30 s");
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(process.exitValue(), stderr);
    }

    private record Result(int exitCode, String stderr) {
    }
}
