package org.movierec.report;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders a report page from the Mustache templates in this package's resources
 * ({@code page.mustache}, {@code table.mustache}, {@code report.css}). The Java side only builds
 * the view (sections, charts, tables as maps); markup lives in the templates. Values are
 * HTML-escaped by the template engine; only the SVG of charts and the style sheet are inserted raw.
 */
public final class Html {
    private static final String BASE = "/org/movierec/report/";
    private static final Mustache.Compiler COMPILER = Mustache.compiler()
            .escapeHTML(true)
            .defaultValue("")
            .emptyStringIsFalse(true)
            .withLoader(name -> reader(name + ".mustache"));
    private static volatile Template page;

    private Html() {
    }

    /**
     * A whole self-contained page.
     *
     * @param title    the page title (also the first heading)
     * @param subtitle one line under the title (dataset, date)
     * @param sections the sections in order; left-out sections show their note
     * @param footer   a closing line (how the page was made)
     */
    public static String page(String title, String subtitle, List<Section> sections, String footer) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("title", title);
        view.put("subtitle", subtitle);
        view.put("css", resource("report.css"));
        view.put("footer", footer);
        List<Map<String, Object>> ss = new ArrayList<>();
        for (Section s : sections) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", s.id());
            m.put("title", s.title());
            m.put("intro", s.intro());
            m.put("note", s.note() == null ? "" : s.note());
            List<Map<String, Object>> cs = new ArrayList<>();
            for (Chart c : s.charts()) {
                Map<String, Object> cm = new LinkedHashMap<>();
                cm.put("id", c.id());
                cm.put("title", c.title());
                cm.put("svg", c.svg());
                cm.put("data", table(c.data()));
                cs.add(cm);
            }
            m.put("charts", cs);
            List<Map<String, Object>> ts = new ArrayList<>();
            for (Table t : s.tables()) {
                ts.add(table(t));
            }
            m.put("tables", ts);
            ss.add(m);
        }
        view.put("sections", ss);
        return template().execute(view);
    }

    private static Map<String, Object> table(Table t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("caption", t.caption());
        List<Map<String, Object>> header = new ArrayList<>();
        for (int c = 0; c < t.headers().size(); c++) {
            header.add(cell(t.headers().get(c), t.numeric().get(c)));
        }
        m.put("header", header);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (List<String> r : t.rows()) {
            List<Map<String, Object>> cells = new ArrayList<>();
            for (int c = 0; c < r.size(); c++) {
                cells.add(cell(r.get(c), t.numeric().get(c)));
            }
            rows.add(Map.of("cells", cells));
        }
        m.put("rows", rows);
        return m;
    }

    private static Map<String, Object> cell(String text, boolean numeric) {
        return Map.of("text", text, "cls", numeric ? "num" : "txt");
    }

    private static Template template() {
        Template t = page;
        if (t == null) {
            try (Reader r = reader("page.mustache")) {
                t = COMPILER.compile(r);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            page = t;
        }
        return t;
    }

    /** Escapes text for HTML element content and double-quoted attributes. */
    public static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(ch);
            }
        }
        return b.toString();
    }

    static String resource(String name) {
        try (Reader r = reader(name)) {
            StringBuilder b = new StringBuilder();
            char[] buf = new char[8192];
            for (int n; (n = r.read(buf)) > 0; ) {
                b.append(buf, 0, n);
            }
            return b.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Reader reader(String name) {
        InputStream in = Html.class.getResourceAsStream(BASE + name);
        if (in == null) {
            return new StringReader("missing template " + name);
        }
        return new InputStreamReader(in, StandardCharsets.UTF_8);
    }
}
