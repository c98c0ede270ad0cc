package io.lakemr.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The public surface of {@code io.lakemr.api}, every public type with its public and protected
 * members, compared with the committed {@code src/test/resources/api/surface.txt}: a change to
 * the API fails here with the lines added and removed, until the file is updated on purpose
 * ({@code -Dlakemr.api.surface.update=true} rewrites it). Also: no signature of the API names
 * a type of lakemr's internal packages.
 */
class ApiSurfaceTest {

  private static final String PACKAGE = "io.lakemr.api";
  private static final Path GOLDEN = Path.of("src", "test", "resources", "api", "surface.txt");
  private static final List<String> ALLOWED = List.of("java.", "org.apache.hadoop.", PACKAGE + ".");

  @Test
  void theSurfaceIsTheCommittedOne() throws Exception {
    List<String> now = surface();
    if (Boolean.getBoolean("lakemr.api.surface.update")) {
      Files.write(GOLDEN, now, StandardCharsets.UTF_8);
    }
    List<String> golden = Files.readAllLines(GOLDEN, StandardCharsets.UTF_8);
    if (!golden.equals(now)) {
      fail("the public API of " + PACKAGE + " changed; if on purpose, update " + GOLDEN
          + " (mvn test -Dtest=ApiSurfaceTest -Dlakemr.api.surface.update=true) and say so in the release notes:\n"
          + diff(golden, now));
    }
  }

  @Test
  void noSignatureNamesAnInternalType() throws Exception {
    Set<String> leaks = new TreeSet<>();
    for (Class<?> c : publicTypes()) {
      List<Type> named = new ArrayList<>();
      if (c.getGenericSuperclass() != null) {
        named.add(c.getGenericSuperclass());
      }
      named.addAll(List.of(c.getGenericInterfaces()));
      for (Member m : members(c)) {
        if (m instanceof Field f) {
          named.add(f.getGenericType());
        } else {
          Executable e = (Executable) m;
          named.addAll(List.of(e.getGenericParameterTypes()));
          named.addAll(List.of(e.getGenericExceptionTypes()));
          if (e instanceof Method method) {
            named.add(method.getGenericReturnType());
          }
        }
      }
      for (Type t : named) {
        for (Class<?> r : raw(t, new HashSet<>())) {
          if (!r.isPrimitive() && ALLOWED.stream().noneMatch(r.getName()::startsWith)) {
            leaks.add(c.getName() + " names " + r.getName());
          }
        }
      }
    }
    assertEquals(Set.of(), leaks);
  }

  /** One line per public type and one per public or protected member, sorted. */
  static List<String> surface() throws IOException, URISyntaxException, ClassNotFoundException {
    List<String> lines = new ArrayList<>();
    for (Class<?> c : publicTypes()) {
      lines.add(describe(c));
      Set<String> members = new TreeSet<>();
      for (Member m : members(c)) {
        members.add("  " + (m instanceof Field f ? f.toGenericString() : ((Executable) m).toGenericString()));
      }
      lines.addAll(members);
    }
    return lines;
  }

  private static String describe(Class<?> c) {
    String kind = c.isInterface() ? "interface" : c.isEnum() ? "enum" : c.isRecord() ? "record" : "class";
    StringBuilder sb = new StringBuilder(Modifier.toString(c.getModifiers() & ~Modifier.INTERFACE))
        .append(' ').append(kind).append(' ').append(c.getName());
    if (c.getGenericSuperclass() != null && c.getSuperclass() != Object.class && !c.isEnum() && !c.isRecord()) {
      sb.append(" extends ").append(c.getGenericSuperclass().getTypeName());
    }
    for (Type i : c.getGenericInterfaces()) {
      sb.append(" implements ").append(i.getTypeName());
    }
    return sb.toString().trim();
  }

  /** The public types of the package, nested ones included, by name. */
  private static List<Class<?>> publicTypes() throws IOException, URISyntaxException, ClassNotFoundException {
    Path dir = Path.of(ApiSurfaceTest.class.getProtectionDomain().getCodeSource().getLocation().toURI())
        .getParent().resolve("classes").resolve(PACKAGE.replace('.', '/'));
    assertTrue(Files.isDirectory(dir), dir + " holds the compiled API");
    List<Class<?>> types = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (String f : files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".class")).sorted().toList()) {
        Class<?> c = Class.forName(PACKAGE + "." + f.substring(0, f.length() - ".class".length()));
        if (isVisible(c)) {
          types.add(c);
        }
      }
    }
    return types;
  }

  private static boolean isVisible(Class<?> c) {
    for (Class<?> k = c; k != null; k = k.getEnclosingClass()) {
      if (!Modifier.isPublic(k.getModifiers()) || k.isAnonymousClass() || k.isSynthetic()) {
        return false;
      }
    }
    return true;
  }

  private static List<Member> members(Class<?> c) {
    List<Member> out = new ArrayList<>();
    for (Constructor<?> k : c.getDeclaredConstructors()) {
      out.add(k);
    }
    for (Method m : c.getDeclaredMethods()) {
      if (!m.isSynthetic() && !m.isBridge()) {
        out.add(m);
      }
    }
    out.addAll(List.of(c.getDeclaredFields()));
    out.removeIf(m -> m.isSynthetic()
        || !(Modifier.isPublic(m.getModifiers()) || Modifier.isProtected(m.getModifiers())));
    return out;
  }

  private static Set<Class<?>> raw(Type t, Set<Class<?>> out) {
    if (t instanceof Class<?> c) {
      out.add(c.isArray() ? c.getComponentType() : c);
    } else if (t instanceof ParameterizedType p) {
      raw(p.getRawType(), out);
      for (Type a : p.getActualTypeArguments()) {
        raw(a, out);
      }
    } else if (t instanceof GenericArrayType g) {
      raw(g.getGenericComponentType(), out);
    } else if (t instanceof WildcardType w) {
      for (Type b : w.getUpperBounds()) {
        raw(b, out);
      }
      for (Type b : w.getLowerBounds()) {
        raw(b, out);
      }
    }
    return out;
  }

  /** The lines only in {@code before} (-) and only in {@code after} (+). */
  private static String diff(List<String> before, List<String> after) {
    StringBuilder sb = new StringBuilder();
    Set<String> was = new HashSet<>(before);
    Set<String> is = new HashSet<>(after);
    before.stream().filter(l -> !is.contains(l)).forEach(l -> sb.append("- ").append(l.trim()).append('\n'));
    after.stream().filter(l -> !was.contains(l)).forEach(l -> sb.append("+ ").append(l.trim()).append('\n'));
    return sb.length() == 0 ? "(the same lines in another order)" : sb.toString();
  }
}
