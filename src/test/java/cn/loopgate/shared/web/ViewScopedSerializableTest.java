package cn.loopgate.shared.web;

import jakarta.faces.view.ViewScoped;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.Serializable;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A view-scoped bean lives in the HTTP session, which a Payara cluster replicates: when the node that built a page
 * dies, the next request (a roster import's "import valid rows" after its dry run, say) is answered by another node
 * from the serialized bean. So every field a view-scoped bean keeps must serialize: injected services are CDI proxies
 * (serializable, never {@code transient}, else they are null after fail-over), and every value held — records the
 * services return, their fields, the elements of lists and maps — is {@link Serializable}. This test walks those types.
 * {@code ClusterIT} proves it on two real nodes.
 */
class ViewScopedSerializableTest {

    @Test
    void everyViewScopedBeanSerializesWithWhatItHolds() throws Exception {
        List<Class<?>> beans = classes().stream().filter(c -> c.isAnnotationPresent(ViewScoped.class)).toList();
        assertTrue(beans.size() >= 20, "view-scoped beans found: " + beans.size());
        List<String> problems = new ArrayList<>();
        for (Class<?> bean : beans) {
            if (!Serializable.class.isAssignableFrom(bean)) {
                problems.add(bean.getName() + " is not Serializable");
            }
            for (Field f : fields(bean)) {
                if (f.isAnnotationPresent(jakarta.inject.Inject.class) && Modifier.isTransient(f.getModifiers())) {
                    problems.add(bean.getSimpleName() + "." + f.getName() + ": an injected service must not be transient (null after fail-over)");
                }
                if (f.isAnnotationPresent(jakarta.inject.Inject.class) && !normalScoped(f.getType())
                        && !Serializable.class.isAssignableFrom(f.getType()) && !f.getType().isPrimitive()) {
                    // Weld refuses to inject a non-passivation-capable dependent object (e.g. java.time.Clock) into a
                    // view-scoped bean: the page fails when the bean is created. Inject ClockProducer instead.
                    problems.add(bean.getSimpleName() + "." + f.getName() + ": " + f.getType().getName()
                            + " is neither a normal-scoped bean nor Serializable");
                }
            }
            check(bean, bean.getSimpleName(), problems, new HashSet<>());
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    private static boolean normalScoped(Class<?> type) {
        return type.isAnnotationPresent(jakarta.enterprise.context.ApplicationScoped.class)
                || type.isAnnotationPresent(jakarta.enterprise.context.RequestScoped.class)
                || type.isAnnotationPresent(jakarta.enterprise.context.SessionScoped.class);
    }

    private static void check(Class<?> type, String path, List<String> problems, Set<Class<?>> seen) {
        if (!seen.add(type)) {
            return;
        }
        for (Field f : fields(type)) {
            if (Modifier.isStatic(f.getModifiers()) || Modifier.isTransient(f.getModifiers())
                    || f.isAnnotationPresent(jakarta.inject.Inject.class)) {
                continue;
            }
            checkType(f.getGenericType(), path + "." + f.getName(), problems, seen);
        }
    }

    private static void checkType(Type t, String path, List<String> problems, Set<Class<?>> seen) {
        if (t instanceof WildcardType w) {
            for (Type upper : w.getUpperBounds()) {
                checkType(upper, path, problems, seen);
            }
            return;
        }
        if (t instanceof ParameterizedType p) {
            Class<?> raw = (Class<?>) p.getRawType();
            if (Collection.class.isAssignableFrom(raw) || Map.class.isAssignableFrom(raw) || raw == Optional.class) {
                if (raw == Optional.class) {
                    problems.add(path + ": Optional is not Serializable");
                }
                for (Type arg : p.getActualTypeArguments()) {
                    checkType(arg, path + "[]", problems, seen);
                }
                return;
            }
            checkType(raw, path, problems, seen);
            for (Type arg : p.getActualTypeArguments()) {
                checkType(arg, path + "<>", problems, seen);
            }
            return;
        }
        if (!(t instanceof Class<?> c)) {
            return; // a type variable: its bound is checked where it is bound
        }
        if (c.isArray()) {
            checkType(c.getComponentType(), path + "[]", problems, seen);
            return;
        }
        if (c.isPrimitive() || c.isEnum() || c == Object.class) {
            return;
        }
        if (Collection.class.isAssignableFrom(c) || Map.class.isAssignableFrom(c)) {
            return; // a raw collection: its elements cannot be known here
        }
        if (!Serializable.class.isAssignableFrom(c) && !c.isInterface()) {
            problems.add(path + ": " + c.getName() + " is not Serializable");
            return;
        }
        if (c.getName().startsWith("cn.loopgate.")) {
            check(c, path, problems, seen);
        }
    }

    private static List<Field> fields(Class<?> type) {
        List<Field> all = new ArrayList<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            all.addAll(List.of(c.getDeclaredFields()));
        }
        return all;
    }

    private static List<Class<?>> classes() throws URISyntaxException, java.io.IOException {
        Path root = Path.of(ViewScoped.class.getClassLoader() == null ? "" : "")
                .resolve(Path.of(ViewScopedSerializableTest.class.getProtectionDomain().getCodeSource().getLocation().toURI()))
                .getParent().resolve("classes");
        List<Class<?>> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".class") && !f.toString().contains("$")).toList()) {
                String name = root.relativize(p).toString().replace(File.separatorChar, '.').replaceAll("\\.class$", "");
                try {
                    out.add(Class.forName(name, false, ViewScopedSerializableTest.class.getClassLoader()));
                } catch (ClassNotFoundException | NoClassDefFoundError e) {
                    // not loadable outside the server: not a bean we can check here
                }
            }
        }
        return out;
    }
}
