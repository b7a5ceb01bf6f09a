package dk.npflan.dhcp.rollout.local;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How to start another command of this application in a child JVM, the way this JVM was started:
 * from the packaged app ({@code java -jar …/quarkus-run.jar}, what {@code bin/netbox-dhcpd} runs)
 * the child runs the same jar, because the app's classes are not on the class path there; from a
 * plain class path (tests, an IDE) it runs the main class on that class path.
 *
 * @param java the java executable
 * @param classPath this JVM's {@code java.class.path}
 * @param mainClass the entry point by name, used for a plain class path
 */
public record SelfLaunch(String java, String classPath, String mainClass) {

    /** This JVM's launch. */
    public static SelfLaunch current(String mainClass) {
        return new SelfLaunch(
                ProcessHandle.current().info().command().orElse("java"),
                System.getProperty("java.class.path"),
                mainClass);
    }

    /** {@code java <jvmOptions> -D<k>=<v>… (-jar <jar> | -cp <path> <main>) <arguments>}. */
    public List<String> command(
            List<String> jvmOptions, Map<String, String> properties, List<String> arguments) {
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(jvmOptions);
        properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        if (isPackagedJar()) {
            command.addAll(List.of("-jar", classPath));
        } else {
            command.addAll(List.of("-cp", classPath, mainClass));
        }
        command.addAll(arguments);
        return command;
    }

    private boolean isPackagedJar() {
        return !classPath.contains(File.pathSeparator) && classPath.endsWith(".jar");
    }
}
