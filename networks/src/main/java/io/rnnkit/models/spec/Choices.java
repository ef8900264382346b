package io.rnnkit.models.spec;

import io.rnnkit.core.UserInputException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Parses lower-case, dash-separated option values into enum constants, naming the field on error. */
final class Choices {

    private Choices() {
    }

    static <E extends Enum<E>> E parse(String field, String value, Class<E> type) {
        String wanted = value.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(wanted)) {
                return constant;
            }
        }
        throw new UserInputException(field + ": unknown value '" + value + "'; choose one of " + names(type));
    }

    static String name(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static String names(Class<? extends Enum<?>> type) {
        return Arrays.stream(type.getEnumConstants()).map(Choices::name).collect(Collectors.joining(", "));
    }
}
