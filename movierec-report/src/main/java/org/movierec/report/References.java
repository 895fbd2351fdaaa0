package org.movierec.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.movierec.report.ExperimentData.Reference;

/**
 * The published numbers of the project reports and peer libraries ({@code reference-numbers.json} in
 * this package's resources), or another file of the same shape ({@code --references}).
 */
public final class References {
    private References() {
    }

    /** The numbers shipped with movierec. */
    public static List<Reference> defaults() {
        try (InputStream in = References.class.getResourceAsStream("/org/movierec/report/reference-numbers.json")) {
            if (in == null) {
                throw new IllegalStateException("reference-numbers.json is missing from the report module");
            }
            return parse(new ObjectMapper().readTree(in), "reference-numbers.json");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Numbers from a file: {@code {"references": [{source, dataset, protocol, algorithm, metric, value}]}}. */
    public static List<Reference> read(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new IllegalArgumentException(file + ": no such file");
        }
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(file + ": not valid JSON (" + e.getOriginalMessage() + ")");
        }
        return parse(root, file.toString());
    }

    static List<Reference> parse(JsonNode root, String where) {
        if (root == null || !root.path("references").isArray()) {
            throw new IllegalArgumentException(where + ": expected {\"references\": [...]}");
        }
        List<Reference> out = new ArrayList<>();
        int i = 0;
        for (JsonNode r : root.path("references")) {
            String at = where + ": references[" + i++ + "]";
            for (String k : List.of("source", "algorithm", "metric")) {
                if (!r.path(k).isTextual()) {
                    throw new IllegalArgumentException(at + ": '" + k + "' must be text");
                }
            }
            if (!r.path("value").isNumber()) {
                throw new IllegalArgumentException(at + ": 'value' must be a number");
            }
            out.add(new Reference(r.path("source").asText(), r.path("dataset").asText(""),
                    r.path("protocol").asText(""), r.path("algorithm").asText(), r.path("metric").asText(),
                    r.path("value").asDouble()));
        }
        return out;
    }
}
