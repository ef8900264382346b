package io.rnnkit.core.config;

import io.rnnkit.core.UserInputException;
import java.util.Map;

/** Typed reads from a flat key/value map, with one-line errors that name the key and the bad value. */
public final class FlatValues {

    private final Map<String, String> values;

    public FlatValues(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    /** The raw value of a key that must be present. */
    public String text(String key) {
        String value = values.get(key);
        if (value == null) {
            throw new UserInputException(key + ": missing");
        }
        return value.trim();
    }

    /** The value of a key, or the fallback when it is absent. */
    public String text(String key, String fallback) {
        return values.containsKey(key) ? text(key) : fallback;
    }

    public int integer(String key) {
        String value = text(key);
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new UserInputException(key + ": expected a whole number, got '" + value + "'");
        }
    }

    public long longValue(String key) {
        String value = text(key);
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new UserInputException(key + ": expected a whole number, got '" + value + "'");
        }
    }

    public double decimal(String key) {
        String value = text(key);
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new UserInputException(key + ": expected a number, got '" + value + "'");
        }
    }

    public boolean bool(String key) {
        String value = text(key);
        if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(value);
        }
        throw new UserInputException(key + ": expected true or false, got '" + value + "'");
    }

    public boolean has(String key) {
        return values.containsKey(key);
    }
}
