package org.movierec.model;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Binds configuration values onto immutable config records, starting from their defaults.
 *
 * <p>Values come as a tree: {@code String} scalars, {@code List}s and {@code Map}s (what a YAML or
 * JSON file holds, see {@link #readTree}), or as command-line text ({@code --param k=v}): keys may
 * be dotted paths into nested records ({@code tower.dropout=0.1}), and a value that starts with
 * {@code [} or <code>{</code> is read as YAML flow text ({@code layers=[256,128,64]},
 * <code>models=[{algorithm: bias}]</code>).
 *
 * <p>Supported component types: int, long, float, double, boolean, String, enums, nested records,
 * {@code List<T>} of any of these, {@code Map<String, String>} (a nested tree is flattened into
 * dotted keys, lists and maps into flow text) and {@code Map<String, Object>} (the raw tree).
 * A component left out keeps its default; in a record built without defaults ({@link #create},
 * the elements of a list of records) it is 0, false or null, and the record's compact constructor
 * decides whether that is allowed (records validate themselves; this class only converts).
 *
 * <p>Every problem is one {@link ParamException} that names the owner (the algorithm), the full key
 * path ({@code tower.layers[1]}), the value and what is allowed: the valid keys with their types
 * for an unknown key, the type (enum values) for a value that does not convert, and the record's
 * own message for a value its constructor rejects.
 */
public final class Params {
    /**
     * Jackson's mappers, built on first use: binding plain {@code key=value} text needs neither, and
     * building them (YAML's above all) is a visible part of a short command's start.
     */
    private static final class Mappers {
        static final ObjectMapper YAML = YAMLMapper.builder()
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();
        static final ObjectMapper JSON = new ObjectMapper()
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    }

    private Params() {
    }

    /** A configuration error: names the key path (empty for the whole record), the value and what is allowed. */
    public static final class ParamException extends IllegalArgumentException {
        /** The dotted key path of the offending value, "" for the whole config. */
        private final String key;

        ParamException(String key, String message, Throwable cause) {
            super(message, cause);
            this.key = key;
        }

        /**
         * Which value is wrong.
         *
         * @return the full dotted key path of the offending value ({@code tower.layers[1]}), or "" for the
         *         whole config
         */
        public String key() {
            return key;
        }
    }

    // ------------------------------------------------------------------ record -> text

    /**
     * The record's components as key -> value text, in declaration order: scalars as
     * {@link String#valueOf}, nested records flattened into dotted keys ({@code tower.dropout}),
     * lists and maps as JSON flow text ({@code [256,128,64]}). {@link #bind} reads this map back.
     *
     * @param config a config record, or null
     * @return a new ordered map (empty for null)
     */
    public static Map<String, String> toMap(Record config) {
        Map<String, String> out = new LinkedHashMap<>();
        if (config != null) {
            flattenRecord("", config, out);
        }
        return out;
    }

    private static void flattenRecord(String prefix, Record r, Map<String, String> out) {
        for (RecordComponent c : r.getClass().getRecordComponents()) {
            Object v = get(c, r);
            String key = prefix + c.getName();
            if (v instanceof Record nested) {
                flattenRecord(key + ".", nested, out);
            } else if (v instanceof List<?> || v instanceof Map<?, ?>) {
                out.put(key, toFlow(v));
            } else {
                out.put(key, String.valueOf(v));
            }
        }
    }

    /**
     * A value (scalar, enum, record, list, map) as YAML flow text that {@link #bind} reads back:
     * {@code [256,128,64]}, <code>{algorithm: fm, params: {rank: 4}}</code>; strings are quoted only
     * when they are not plain words or numbers.
     *
     * @param v the value
     * @return its flow text
     */
    public static String toFlow(Object v) {
        StringBuilder sb = new StringBuilder();
        flow(plain(v), sb);
        return sb.toString();
    }

    private static final java.util.regex.Pattern PLAIN = java.util.regex.Pattern.compile("[A-Za-z0-9_+.-][A-Za-z0-9_+./-]*");

    private static void flow(Object v, StringBuilder sb) {
        if (v instanceof Map<?, ?> m) {
            sb.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                sb.append(first ? "" : ", ");
                first = false;
                flow(String.valueOf(e.getKey()), sb);
                sb.append(": ");
                flow(e.getValue(), sb);
            }
            sb.append('}');
        } else if (v instanceof List<?> l) {
            sb.append('[');
            for (int k = 0; k < l.size(); k++) {
                sb.append(k == 0 ? "" : l.get(k) instanceof Map<?, ?> ? ", " : ",");
                flow(l.get(k), sb);
            }
            sb.append(']');
        } else if (v instanceof String s) {
            if (PLAIN.matcher(s).matches() && !s.equalsIgnoreCase("null")) {
                sb.append(s);
            } else {
                try {
                    sb.append(Mappers.JSON.writeValueAsString(s));
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException(e);
                }
            }
        } else {
            sb.append(v == null ? "null" : v.toString());
        }
    }

    /** Records as maps, enums as their names, numbers and booleans kept: what Jackson writes plainly. */
    private static Object plain(Object v) {
        if (v instanceof Record r) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (RecordComponent c : r.getClass().getRecordComponents()) {
                m.put(c.getName(), plain(get(c, r)));
            }
            return m;
        } else if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            for (Object o : l) {
                out.add(plain(o));
            }
            return out;
        } else if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put(String.valueOf(k), plain(x)));
            return out;
        } else if (v instanceof Enum<?> e) {
            return e.name();
        }
        return v;
    }

    // ------------------------------------------------------------------ text / files -> tree

    /**
     * Parses {@code k=v} strings into a map (keys and values trimmed; a later key replaces an earlier one).
     *
     * @param pairs the texts, or null
     * @return a new ordered map
     * @throws IllegalArgumentException naming an entry without '=' or with an empty key
     */
    public static Map<String, String> parsePairs(Iterable<String> pairs) {
        Map<String, String> out = new LinkedHashMap<>();
        if (pairs == null) {
            return out;
        }
        for (String p : pairs) {
            int eq = p.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("parameter '" + p + "' is not of the form name=value");
            }
            out.put(p.substring(0, eq).trim(), p.substring(eq + 1).trim());
        }
        return out;
    }

    /**
     * A YAML ({@code .yaml}, {@code .yml}) or JSON ({@code .json}) file as a tree of String scalars,
     * Lists and Maps. Duplicate keys are an error.
     *
     * @param file a {@code .yaml}, {@code .yml} or {@code .json} file
     * @return the document's top-level mapping
     * @throws IOException              when the file cannot be read
     * @throws IllegalArgumentException naming the file for another extension, a syntax error, a duplicate key
     *                                  or a top level that is not a mapping
     */
    public static Map<String, Object> readTree(Path file) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        ObjectMapper mapper;
        if (name.endsWith(".json")) {
            mapper = Mappers.JSON;
        } else if (name.endsWith(".yaml") || name.endsWith(".yml")) {
            mapper = Mappers.YAML;
        } else {
            throw new IllegalArgumentException("config file " + file + ": expected a .yaml, .yml or .json file");
        }
        JsonNode node;
        try {
            node = mapper.readTree(Files.readString(file));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("config file " + file + ": " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")"), e);
        }
        Object tree = node == null ? null : fromNode(node);
        if (!(tree instanceof Map<?, ?>)) {
            throw new IllegalArgumentException("config file " + file + ": expected a mapping of keys to values at the "
                    + "top level");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) tree;
        return m;
    }

    /** YAML flow text ({@code [1, 2]}, <code>{a: 1}</code>) as a tree; anything else stays text. */
    static Object parseFlow(String text, String key, String owner) {
        String t = text.trim();
        if (!(t.startsWith("[") || t.startsWith("{"))) {
            return t;
        }
        try {
            return fromNode(Mappers.YAML.readTree(t));
        } catch (JsonProcessingException e) {
            throw new ParamException(key, prefix(owner) + key + "='" + text + "' is not valid list/map text ("
                    + e.getOriginalMessage() + "); write lists as [a,b,c] and maps as {key: value}", e);
        }
    }

    private static Object fromNode(JsonNode n) {
        if (n.isObject()) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                m.put(e.getKey(), fromNode(e.getValue()));
            }
            return m;
        } else if (n.isArray()) {
            List<Object> l = new ArrayList<>();
            for (JsonNode x : n) {
                l.add(fromNode(x));
            }
            return l;
        } else if (n.isNull() || n.isMissingNode()) {
            return null;
        }
        return n.asText();
    }

    // ------------------------------------------------------------------ binding

    /**
     * A copy of {@code defaults} with the given keys replaced; errors name the record class.
     *
     * @param <R>       the config record type
     * @param defaults  the values of the keys not overridden
     * @param overrides key to value (text, or a tree from {@link #readTree}); dotted keys reach into nested records
     * @return a new validated record (its constructor's checks ran)
     * @throws ParamException naming the key, the value and what is allowed
     */
    public static <R extends Record> R bind(R defaults, Map<String, ?> overrides) {
        return bind(defaults, overrides, defaults.getClass().getSimpleName());
    }

    /**
     * A copy of {@code defaults} with the given keys replaced (dotted keys reach into nested
     * records); errors name {@code owner} (the algorithm) rather than the record class.
     *
     * @param <R>       the config record type
     * @param defaults  the values of the keys not overridden
     * @param overrides key to value (text, or a tree from {@link #readTree}), or null
     * @param owner     the algorithm's name, for messages
     * @return a new validated record (its constructor's checks ran)
     * @throws ParamException naming the algorithm, the key, the value and what is allowed
     */
    @SuppressWarnings("unchecked")
    public static <R extends Record> R bind(R defaults, Map<String, ?> overrides, String owner) {
        Map<String, Object> tree = nest(overrides == null ? Map.of() : overrides, owner);
        return (R) bindRecord(defaults.getClass(), defaults, tree, "", owner);
    }

    /**
     * A new {@code type} from {@code values} alone: left-out components are 0, false or null (the
     * record's constructor decides whether that is allowed).
     *
     * @param <R>    the config record type
     * @param type   the record class
     * @param values key to value (text or tree), or null
     * @param owner  the algorithm's name, for messages
     * @return a new record
     * @throws ParamException naming the key, the value and what is allowed
     */
    public static <R extends Record> R create(Class<R> type, Map<String, ?> values, String owner) {
        Map<String, Object> tree = nest(values == null ? Map.of() : values, owner);
        return type.cast(bindRecord(type, null, tree, "", owner));
    }

    /**
     * Dotted keys ({@code tower.dropout}) become nested maps; a key given both whole ({@code tower=...})
     * and dotted is an error.
     */
    static Map<String, Object> nest(Map<String, ?> flat, String owner) {
        Map<String, Object> root = new Nested();
        for (Map.Entry<String, ?> e : flat.entrySet()) {
            String key = e.getKey().trim();
            String[] parts = key.split("\\.", -1);
            Map<String, Object> at = root;
            String path = "";
            for (int k = 0; k < parts.length; k++) {
                String part = parts[k];
                if (part.isEmpty()) {
                    throw new ParamException(key, prefix(owner) + "key '" + key + "' has an empty part", null);
                }
                path = path.isEmpty() ? part : path + "." + part;
                if (k == parts.length - 1) {
                    if (at.containsKey(part)) {
                        throw new ParamException(key, prefix(owner) + "key '" + path + "' is given twice", null);
                    }
                    at.put(part, e.getValue());
                } else {
                    Object child = at.get(part);
                    if (child == null) {
                        child = new Nested();
                        at.put(part, child);
                    } else if (!(child instanceof Nested)) {
                        throw new ParamException(key, prefix(owner) + "key '" + path + "' is given both whole and as '"
                                + key + "'", null);
                    }
                    @SuppressWarnings("unchecked")
                    Map<String, Object> m = (Map<String, Object>) child;
                    at = m;
                }
            }
        }
        return root;
    }

    /** A map made by {@link #nest} from dotted keys (as opposed to a whole value given as a map). */
    private static final class Nested extends LinkedHashMap<String, Object> {
    }

    private static Record bindRecord(Class<?> type, Record defaults, Map<String, Object> tree, String path,
                                     String owner) {
        RecordComponent[] comps = type.getRecordComponents();
        Object[] args = new Object[comps.length];
        Class<?>[] types = new Class<?>[comps.length];
        Map<String, Object> left = new LinkedHashMap<>(tree);
        StringJoiner given = new StringJoiner(", ");
        for (int k = 0; k < comps.length; k++) {
            RecordComponent c = comps[k];
            types[k] = c.getType();
            Object dflt = defaults == null ? zero(c.getType()) : get(c, defaults);
            String key = join(path, c.getName());
            if (left.containsKey(c.getName())) {
                Object value = left.remove(c.getName());
                args[k] = convert(c.getGenericType(), value, dflt, key, owner);
                given.add(key + "=" + show(value));
            } else {
                args[k] = dflt;
            }
        }
        if (!left.isEmpty()) {
            Map.Entry<String, Object> bad = left.entrySet().iterator().next();
            String key = join(path, bad.getKey());
            throw new ParamException(key, prefix(owner) + "unknown key '" + key + "' (value " + show(bad.getValue())
                    + "); valid keys" + (path.isEmpty() ? "" : " under '" + path + "'") + ": " + describe(type), null);
        }
        try {
            Constructor<?> ctor = type.getDeclaredConstructor(types);
            ctor.setAccessible(true);
            return (Record) ctor.newInstance(args);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            String what = given.length() == 0 ? "" : " (" + given + ")";
            throw new ParamException(path, prefix(owner) + "invalid " + (path.isEmpty() ? "parameters" : "'" + path
                    + "'") + what + ": " + cause.getMessage(), cause);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot construct " + type.getName(), e);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object convert(Type type, Object value, Object dflt, String key, String owner) {
        Class<?> raw = rawClass(type);
        if (value instanceof String s && (raw.isRecord() || List.class.isAssignableFrom(raw)
                || (Map.class.isAssignableFrom(raw) && s.trim().startsWith("{")))) {
            value = parseFlow(s, key, owner);
        }
        if (value == null) {
            if (raw.isPrimitive()) {
                throw wrongType(key, "null", type, owner, null);
            }
            return null;
        }
        if (raw.isRecord()) {
            if (!(value instanceof Map<?, ?> m)) {
                throw wrongType(key, value, type, owner, null);
            }
            Record base = dflt instanceof Record r ? r : defaultsOf(raw);
            return bindRecord(raw, base, (Map<String, Object>) m, key, owner);
        }
        if (List.class.isAssignableFrom(raw)) {
            if (!(value instanceof List<?> l)) {
                throw wrongType(key, value, type, owner, null);
            }
            Type elem = typeArg(type, 0);
            List<Object> out = new ArrayList<>(l.size());
            for (int k = 0; k < l.size(); k++) {
                out.add(convert(elem, l.get(k), null, key + "[" + k + "]", owner));
            }
            return List.copyOf(out);
        }
        if (Map.class.isAssignableFrom(raw)) {
            if (!(value instanceof Map<?, ?> m)) {
                throw wrongType(key, value, type, owner, null);
            }
            Type val = typeArg(type, 1);
            Map<String, Object> out = new LinkedHashMap<>();
            if (rawClass(val) == String.class) {
                flattenTree("", (Map<String, Object>) m, out);
            } else if (rawClass(val) == Object.class) {
                out.putAll((Map<String, Object>) m);
            } else {
                for (Map.Entry<String, Object> e : ((Map<String, Object>) m).entrySet()) {
                    out.put(e.getKey(), convert(val, e.getValue(), null, key + "." + e.getKey(), owner));
                }
            }
            return java.util.Collections.unmodifiableMap(out);
        }
        if (raw == Object.class) {
            return value;
        }
        if (!(value instanceof String text)) {
            throw wrongType(key, value, type, owner, null);
        }
        return scalar(raw, text.trim(), key, type, owner);
    }

    /** A nested tree as dotted keys -> text (lists and maps below a list as JSON flow text). */
    private static void flattenTree(String prefix, Map<String, Object> m, Map<String, Object> out) {
        for (Map.Entry<String, Object> e : m.entrySet()) {
            String key = prefix + e.getKey();
            Object v = e.getValue();
            if (v instanceof Map<?, ?> nested) {
                @SuppressWarnings("unchecked")
                Map<String, Object> n = (Map<String, Object>) nested;
                flattenTree(key + ".", n, out);
            } else if (v instanceof List<?>) {
                out.put(key, toFlow(v));
            } else {
                out.put(key, v == null ? null : v.toString());
            }
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object scalar(Class<?> t, String text, String key, Type type, String owner) {
        try {
            if (t == int.class || t == Integer.class) {
                return Integer.parseInt(text);
            } else if (t == long.class || t == Long.class) {
                return Long.parseLong(text);
            } else if (t == float.class || t == Float.class) {
                return Float.parseFloat(text);
            } else if (t == double.class || t == Double.class) {
                return Double.parseDouble(text);
            } else if (t == boolean.class || t == Boolean.class) {
                if (!text.equalsIgnoreCase("true") && !text.equalsIgnoreCase("false")) {
                    throw new NumberFormatException();
                }
                return Boolean.parseBoolean(text);
            } else if (t == String.class) {
                return text;
            } else if (t.isEnum()) {
                for (Object e : t.getEnumConstants()) {
                    if (((Enum) e).name().equalsIgnoreCase(text) || ((Enum) e).name().replace('_', '-')
                            .equalsIgnoreCase(text)) {
                        return e;
                    }
                }
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            throw wrongType(key, text, type, owner, e);
        }
        throw new ParamException(key, prefix(owner) + "key '" + key + "' has an unsupported type "
                + t.getSimpleName(), null);
    }

    private static ParamException wrongType(String key, Object value, Type type, String owner, Throwable cause) {
        return new ParamException(key, prefix(owner) + key + "=" + show(value) + " is not a valid " + typeName(type),
                cause);
    }

    // ------------------------------------------------------------------ descriptions

    /**
     * The valid keys of a config record with their types, for error messages and help.
     *
     * @param recordType a record class
     * @return for example {@code factors (int), mode (one of [fast, exact])}
     */
    public static String describe(Class<?> recordType) {
        StringJoiner j = new StringJoiner(", ");
        for (RecordComponent c : recordType.getRecordComponents()) {
            j.add(c.getName() + " (" + typeName(c.getGenericType()) + ")");
        }
        return j.toString();
    }

    /**
     * A type as a user reads it.
     *
     * @param type a component's generic type
     * @return for example {@code int}, {@code float}, {@code list of int}, {@code one of [mcmc, sgd]},
     *         <code>Tower {layers, dropout}</code>
     */
    public static String typeName(Type type) {
        Class<?> raw = rawClass(type);
        if (raw.isEnum()) {
            StringJoiner j = new StringJoiner(", ", "one of [", "]");
            for (Object e : raw.getEnumConstants()) {
                j.add(((Enum<?>) e).name().toLowerCase(Locale.ROOT));
            }
            return j.toString();
        } else if (List.class.isAssignableFrom(raw)) {
            return "list of " + typeName(typeArg(type, 0)) + " as [a,b,...]";
        } else if (Map.class.isAssignableFrom(raw)) {
            return "map of key: value";
        } else if (raw.isRecord()) {
            StringJoiner j = new StringJoiner(", ", raw.getSimpleName() + " {", "}");
            for (RecordComponent c : raw.getRecordComponents()) {
                j.add(c.getName());
            }
            return j.toString();
        } else if (raw == Integer.class) {
            return "int";
        } else if (raw == String.class) {
            return "string";
        }
        return raw.getSimpleName().toLowerCase(Locale.ROOT);
    }

    private static String show(Object value) {
        if (value instanceof String s) {
            return "'" + s + "'";
        }
        return value instanceof List<?> || value instanceof Map<?, ?> ? toFlow(value) : String.valueOf(value);
    }

    private static String prefix(String owner) {
        return owner == null || owner.isEmpty() ? "" : owner + ": ";
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    // ------------------------------------------------------------------ reflection helpers

    private static Class<?> rawClass(Type t) {
        if (t instanceof Class<?> c) {
            return c;
        } else if (t instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        } else if (t instanceof WildcardType w) {
            return rawClass(w.getUpperBounds()[0]);
        }
        return Object.class;
    }

    private static Type typeArg(Type t, int k) {
        if (t instanceof ParameterizedType p && p.getActualTypeArguments().length > k) {
            return p.getActualTypeArguments()[k];
        }
        return Object.class;
    }

    /** The record type's {@code public static final DEFAULTS} of its own type, or null. */
    private static Record defaultsOf(Class<?> type) {
        try {
            Field f = type.getField("DEFAULTS");
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == type) {
                return (Record) f.get(null);
            }
        } catch (NoSuchFieldException e) {
            return null;
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
        return null;
    }

    private static Object zero(Class<?> t) {
        if (!t.isPrimitive()) {
            return null;
        } else if (t == boolean.class) {
            return false;
        } else if (t == int.class) {
            return 0;
        } else if (t == long.class) {
            return 0L;
        } else if (t == float.class) {
            return 0f;
        } else if (t == double.class) {
            return 0d;
        } else if (t == short.class) {
            return (short) 0;
        } else if (t == byte.class) {
            return (byte) 0;
        }
        return (char) 0;
    }

    private static Object get(RecordComponent c, Record r) {
        try {
            var m = c.getAccessor();
            m.setAccessible(true);
            return m.invoke(r);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
