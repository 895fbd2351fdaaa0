package org.movierec.model;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Binds {@code name=value} text (from {@code --param k=v}) onto a hyperparameter record, starting
 * from its defaults. Supported component types: int, long, float, double, boolean, String and enums.
 * Unknown names and unparsable values give an error that names them and lists what is valid.
 */
public final class Params {
    private Params() {
    }

    /** The record's components as name -> value text, in declaration order. */
    public static Map<String, String> toMap(Record config) {
        Map<String, String> out = new LinkedHashMap<>();
        if (config == null) {
            return out;
        }
        for (RecordComponent c : config.getClass().getRecordComponents()) {
            out.put(c.getName(), String.valueOf(get(c, config)));
        }
        return out;
    }

    /** A copy of {@code defaults} with the named components replaced. */
    public static <R extends Record> R bind(R defaults, Map<String, String> overrides) {
        return bind(defaults, overrides, defaults.getClass().getSimpleName());
    }

    /**
     * A copy of {@code defaults} with the named components replaced; errors name {@code owner} (the
     * algorithm) rather than the record class.
     */
    @SuppressWarnings("unchecked")
    public static <R extends Record> R bind(R defaults, Map<String, String> overrides, String owner) {
        RecordComponent[] comps = defaults.getClass().getRecordComponents();
        Object[] args = new Object[comps.length];
        Class<?>[] types = new Class<?>[comps.length];
        Map<String, String> left = new LinkedHashMap<>(overrides);
        for (int k = 0; k < comps.length; k++) {
            RecordComponent c = comps[k];
            types[k] = c.getType();
            String text = left.remove(c.getName());
            args[k] = text == null ? get(c, defaults) : parse(c, text.trim());
        }
        if (!left.isEmpty()) {
            throw new IllegalArgumentException("unknown parameter(s) " + left.keySet() + " for "
                    + owner + "; valid: " + names(comps));
        }
        try {
            Constructor<?> ctor = defaults.getClass().getDeclaredConstructor(types);
            ctor.setAccessible(true);
            return (R) ctor.newInstance(args);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IllegalArgumentException iae) {
                throw iae;
            }
            throw new IllegalArgumentException("invalid parameters: " + cause.getMessage(), cause);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot construct " + defaults.getClass().getName(), e);
        }
    }

    /** Parses {@code k=v} strings into a map, rejecting entries without '='. */
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

    private static String names(RecordComponent[] comps) {
        StringJoiner j = new StringJoiner(", ");
        for (RecordComponent c : comps) {
            j.add(c.getName() + " (" + c.getType().getSimpleName() + ")");
        }
        return j.toString();
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

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object parse(RecordComponent c, String text) {
        Class<?> t = c.getType();
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
                    throw new NumberFormatException("not true/false");
                }
                return Boolean.parseBoolean(text);
            } else if (t == String.class) {
                return text;
            } else if (t.isEnum()) {
                for (Object e : t.getEnumConstants()) {
                    if (((Enum) e).name().equalsIgnoreCase(text)) {
                        return e;
                    }
                }
                throw new NumberFormatException("not one of " + java.util.Arrays.toString(t.getEnumConstants()));
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("parameter " + c.getName() + "='" + text + "' is not a valid "
                    + t.getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
        throw new IllegalArgumentException("parameter " + c.getName() + " has unsupported type " + t.getSimpleName());
    }
}
