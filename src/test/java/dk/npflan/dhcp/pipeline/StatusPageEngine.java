package dk.npflan.dhcp.pipeline;

import io.quarkus.qute.Engine;
import io.quarkus.qute.HtmlEscaper;
import io.quarkus.qute.NamespaceResolver;
import io.quarkus.qute.Variant;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Renders {@code status-page.html} outside Quarkus as the app does: strict, HTML-escaped, with the
 * {@code fmt:} namespace bound to {@link StatusFormat}'s static methods (in the app Quarkus
 * generates that binding from {@code @TemplateExtension}; here it is looked up by name and arity).
 */
final class StatusPageEngine {

    private static final Path TEMPLATE = Path.of("src/main/resources/templates/status-page.html");

    private StatusPageEngine() {}

    static String render(Map<String, Object> status) throws IOException {
        Engine engine =
                Engine.builder()
                        .addDefaults()
                        .strictRendering(true)
                        .addResultMapper(new HtmlEscaper(List.of(Variant.TEXT_HTML)))
                        .addNamespaceResolver(
                                NamespaceResolver.builder("fmt")
                                        .resolve(
                                                ctx -> {
                                                    List<CompletableFuture<Object>> args =
                                                            ctx.getParams().stream()
                                                                    .map(
                                                                            p ->
                                                                                    ctx.evaluate(p)
                                                                                            .toCompletableFuture())
                                                                    .toList();
                                                    return CompletableFuture.allOf(
                                                                    args.toArray(
                                                                            CompletableFuture[]
                                                                                    ::new))
                                                            .thenApply(
                                                                    v ->
                                                                            call(
                                                                                    ctx.getName(),
                                                                                    args.stream()
                                                                                            .map(
                                                                                                    CompletableFuture
                                                                                                            ::join)
                                                                                            .toArray()));
                                                })
                                        .build())
                        .build();
        return engine.parse(Files.readString(TEMPLATE), Variant.forContentType(Variant.TEXT_HTML))
                .data("status", status)
                .render();
    }

    private static Object call(String name, Object[] args) {
        Method method =
                Arrays.stream(StatusFormat.class.getDeclaredMethods())
                        .filter(m -> Modifier.isStatic(m.getModifiers()))
                        .filter(m -> m.getName().equals(name))
                        .filter(m -> m.getParameterCount() == args.length)
                        .findFirst()
                        .orElseThrow(
                                () -> new IllegalArgumentException("no fmt:" + name + " method"));
        try {
            return method.invoke(null, args);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("fmt:" + name, e);
        }
    }
}
