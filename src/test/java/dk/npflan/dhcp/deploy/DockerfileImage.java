package dk.npflan.dhcp.deploy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a Dockerfile's final stage promises, read from its instructions: the base, the Debian
 * packages its {@code apt-get install} lines add, the files its {@code COPY}s put in place, and the
 * command it runs ({@code ENTRYPOINT} followed by {@code CMD}).
 *
 * @param base the last {@code FROM}'s image
 * @param packages the packages installed in the final stage
 * @param copiedTo the destinations of the final stage's {@code COPY}s
 * @param entrypoint the exec-form {@code ENTRYPOINT}
 * @param cmd the exec-form {@code CMD} (the default arguments)
 * @param user the last {@code USER} ({@code 0} without one)
 * @param runs the final stage's {@code RUN} commands
 * @param env the final stage's {@code ENV} variables (the environment its command starts with)
 */
record DockerfileImage(
        String base,
        List<String> packages,
        List<String> copiedTo,
        List<String> entrypoint,
        List<String> cmd,
        String user,
        List<String> runs,
        Map<String, String> env) {

    /** An image of {@code base} that adds nothing (a service that runs a stock image). */
    static DockerfileImage stock(String base) {
        return new DockerfileImage(
                base, List.of(), List.of(), List.of(), List.of(), "0", List.of(), Map.of());
    }

    /** The same image with other packages. */
    DockerfileImage withPackages(List<String> other) {
        return new DockerfileImage(base, other, copiedTo, entrypoint, cmd, user, runs, env);
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /** {@code KEY=VALUE} (one variable per ENV, the only form our Dockerfiles use). */
    private static final Pattern ENV = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(.*)");

    static DockerfileImage read(Path dockerfile) {
        List<String> all = instructions(dockerfile);
        int last = 0;
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).startsWith("FROM ")) {
                last = i;
            }
        }
        List<String> stage = all.subList(last, all.size());
        String base = stage.get(0).split("\\s+")[1];
        List<String> packages = new ArrayList<>();
        List<String> copied = new ArrayList<>();
        List<String> entrypoint = List.of();
        List<String> cmd = List.of();
        String user = "0";
        List<String> runs = new ArrayList<>();
        Map<String, String> env = new LinkedHashMap<>();
        for (String instruction : stage) {
            if (instruction.startsWith("USER ")) {
                user = instruction.substring("USER ".length()).strip();
            } else if (instruction.startsWith("RUN ")) {
                runs.add(instruction.substring("RUN ".length()));
                packages.addAll(aptInstalled(instruction));
            } else if (instruction.startsWith("COPY ")) {
                String[] words = instruction.split("\\s+");
                copied.add(words[words.length - 1]);
            } else if (instruction.startsWith("ENTRYPOINT ")) {
                entrypoint = execForm(instruction.substring("ENTRYPOINT ".length()));
            } else if (instruction.startsWith("CMD ")) {
                cmd = execForm(instruction.substring("CMD ".length()));
            } else if (instruction.startsWith("ENV ")) {
                Matcher variable = ENV.matcher(instruction.substring("ENV ".length()).strip());
                if (!variable.matches()) {
                    throw new IllegalArgumentException("not ENV KEY=VALUE: " + instruction);
                }
                env.put(variable.group(1), variable.group(2).replaceAll("^([\"'])(.*)\\1$", "$2"));
            }
        }
        return new DockerfileImage(base, packages, copied, entrypoint, cmd, user, runs, env);
    }

    /** One instruction per element, continuation lines joined, comments dropped. */
    static List<String> instructions(Path dockerfile) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        List<String> lines;
        try {
            lines = Files.readAllLines(dockerfile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (String line : lines) {
            String trimmed = line.strip();
            if (trimmed.startsWith("#") || trimmed.isEmpty()) {
                continue;
            }
            if (trimmed.endsWith("\\")) {
                current.append(trimmed, 0, trimmed.length() - 1).append(' ');
                continue;
            }
            out.add(current.append(trimmed).toString());
            current.setLength(0);
        }
        return out;
    }

    /** The package names of every {@code apt-get install} in one {@code RUN}. */
    private static List<String> aptInstalled(String run) {
        List<String> packages = new ArrayList<>();
        for (String command : run.substring("RUN ".length()).split("&&|;")) {
            List<String> words = Arrays.asList(command.strip().split("\\s+"));
            int install = words.indexOf("install");
            if (words.size() > 1 && words.get(0).equals("apt-get") && install > 0) {
                words.subList(install + 1, words.size()).stream()
                        .filter(w -> !w.startsWith("-"))
                        .forEach(packages::add);
            }
        }
        return packages;
    }

    private static List<String> execForm(String json) {
        try {
            return JSON.readValue(json, new TypeReference<List<String>>() {});
        } catch (IOException e) {
            throw new IllegalArgumentException("not exec form: " + json, e);
        }
    }
}
