package io.rnnkit.models.bundle;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Flat maps as {@code .properties} text, with keys sorted and no date comment so equal maps give equal bytes. */
final class PropertiesText {

    private PropertiesText() {
    }

    static String write(Map<String, String> map) {
        Properties properties = new Properties();
        properties.putAll(map);
        StringWriter text = new StringWriter();
        try {
            properties.store(text, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // store() escapes line breaks inside values, so each entry is one line; drop the date comment and sort.
        return text.toString().lines()
                .filter(line -> !line.startsWith("#"))
                .sorted()
                .collect(Collectors.joining("\n", "", "\n"));
    }

    static Map<String, String> read(String text) throws IOException {
        Properties properties = new Properties();
        properties.load(new StringReader(text));
        Map<String, String> map = new TreeMap<>();
        properties.stringPropertyNames().forEach(key -> map.put(key, properties.getProperty(key)));
        return map;
    }
}
