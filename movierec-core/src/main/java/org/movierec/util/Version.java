package org.movierec.util;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The movierec version, read from the build's filtered {@code version.properties}. */
public final class Version {
    private static final String VERSION = load();

    private Version() {
    }

    /**
     * The version this class was built as (recorded in model provenance).
     *
     * @return the Maven project version, such as {@code 0.1.0-SNAPSHOT}, or {@code dev} outside a Maven build
     */
    public static String current() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = Version.class.getResourceAsStream("/org/movierec/version.properties")) {
            if (in == null) {
                return "dev";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "dev");
        } catch (IOException e) {
            return "dev";
        }
    }
}
