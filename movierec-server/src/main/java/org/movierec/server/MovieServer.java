package org.movierec.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.movierec.data.IdIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The movierec service: a JSON API (documented in {@code /openapi.json}), the web page, health and
 * Prometheus metrics, on Javalin (Jetty). The model is held in one atomic reference to an
 * immutable {@link ModelSnapshot}; users and ratings written through the API go to a {@link Store}
 * and to an in-memory copy that recommendations read.
 */
public final class MovieServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MovieServer.class);

    /**
     * How to run.
     *
     * @param rateLimit     requests per second per token (or per client address without one); 0 = off
     * @param protectReads  when true, reading a user's ratings or recommendations needs their token
     * @param adminToken    null: generate one (printed once at start)
     * @param data          where retraining reads the dataset again; null: the server cannot retrain
     */
    public record Config(Path modelFile, DataSource data, String dbUrl, String host, int port, String adminToken,
                         boolean protectReads, double rateLimit, long maxBodyBytes, int maxThreads) {
        public Config {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("--port must be in 0..65535, got " + port);
            }
            if (maxBodyBytes < 1024) {
                throw new IllegalArgumentException("max body size must be at least 1024 bytes, got " + maxBodyBytes);
            }
            if (maxThreads < 4) {
                throw new IllegalArgumentException("threads must be at least 4, got " + maxThreads);
            }
        }

        /**
         * Defaults: loopback, port 8080, SQLite next to the model, 50 requests/s per token, 64 KiB
         * bodies, {@link #defaultThreads()} request threads.
         */
        public static Config defaults(Path modelFile, Path dataDir) {
            return defaults(modelFile, dataDir == null ? null : DataSource.of(dataDir));
        }

        /**
         * As {@link #defaults(Path, Path)}, retraining from {@code data} (null: the server cannot retrain).
         */
        public static Config defaults(Path modelFile, DataSource data) {
            Path db = modelFile.toAbsolutePath().resolveSibling("movierec-server.db");
            return new Config(modelFile, data, "jdbc:sqlite:" + db, "127.0.0.1", 8080, null, false, 50, 64 * 1024,
                    defaultThreads());
        }

        /**
         * Four request threads per core, at least 8. Scoring is CPU work: more runnable threads
         * than that only take turns evicting each other's item factors from the caches. Measured
         * under wrk on the 2-core machine (ML-100k biased-mf, 8 connections, after warm-up): 32
         * threads served 3,381 requests/s, 8 threads 4,561 (BENCHMARKS.md).
         */
        public static int defaultThreads() {
            return Math.max(8, 4 * Runtime.getRuntime().availableProcessors());
        }

        public Config withThreads(int n) {
            return new Config(modelFile, data, dbUrl, host, port, adminToken, protectReads, rateLimit, maxBodyBytes,
                    n);
        }

        public Config withPort(int p) {
            return new Config(modelFile, data, dbUrl, host, p, adminToken, protectReads, rateLimit, maxBodyBytes,
                    maxThreads);
        }

        public Config withDb(String url) {
            return new Config(modelFile, data, url, host, port, adminToken, protectReads, rateLimit, maxBodyBytes,
                    maxThreads);
        }

        public Config withAdminToken(String t) {
            return new Config(modelFile, data, dbUrl, host, port, t, protectReads, rateLimit, maxBodyBytes,
                    maxThreads);
        }

        public Config withRateLimit(double r) {
            return new Config(modelFile, data, dbUrl, host, port, adminToken, protectReads, r, maxBodyBytes,
                    maxThreads);
        }

        public Config withProtectReads(boolean b) {
            return new Config(modelFile, data, dbUrl, host, port, adminToken, b, rateLimit, maxBodyBytes,
                    maxThreads);
        }

        public Config withHost(String h) {
            return new Config(modelFile, data, dbUrl, h, port, adminToken, protectReads, rateLimit, maxBodyBytes,
                    maxThreads);
        }
    }

    /** A documented route: method and path template (as in the OpenAPI document). */
    public record Route(String method, String path) {
    }

    static final ObjectMapper JSON = new ObjectMapper();
    /**
     * Before listening, the server answers this many recommendation requests in process (at most
     * {@link #WARM_UP_BUDGET}) so that clients meet compiled code ({@link Service#warmUp}).
     */
    static final int WARM_UP_CALLS = 6_000;
    static final java.time.Duration WARM_UP_BUDGET = java.time.Duration.ofSeconds(2);
    static final int MAX_K = 100;

    private final Config config;
    private final Store store;
    private final Service service;
    private final String adminToken;
    private final AtomicReference<ModelSnapshot> state = new AtomicReference<>();
    private final AtomicInteger versions = new AtomicInteger();
    private final AtomicInteger swaps = new AtomicInteger();
    private final AtomicBoolean retraining = new AtomicBoolean();
    private final Metrics metrics = new Metrics();
    private final RateLimiter limiter;
    private final List<Route> routes = new ArrayList<>();
    private final ConcurrentHashMap<String, Long> tokenCache = new ConcurrentHashMap<>();
    private final byte[] openApi;
    private volatile boolean stopping;
    private Javalin app;

    private MovieServer(Config config, Store store, ModelSnapshot first, String adminToken) throws IOException {
        this.config = config;
        this.store = store;
        this.adminToken = adminToken;
        this.state.set(first);
        this.service = new Service(store, state);
        this.limiter = new RateLimiter(config.rateLimit(), Math.max(2 * config.rateLimit(), 10));
        try (var in = MovieServer.class.getResourceAsStream("/openapi.json")) {
            if (in == null) {
                throw new IOException("openapi.json is missing from the server's resources");
            }
            this.openApi = in.readAllBytes();
        }
    }

    /**
     * Loads the model, opens (and migrates) the store and starts listening.
     *
     * @throws IOException when the model cannot be read or the port is taken
     */
    public static MovieServer start(Config config) throws IOException {
        checkPortFree(config.host(), config.port()); // before the model loads: fail fast
        ModelSnapshot first = ModelSnapshot.load(config.modelFile(), "1");
        Store store = JdbcStore.open(config.dbUrl());
        String admin = config.adminToken() != null ? config.adminToken() : newToken();
        MovieServer s = new MovieServer(config, store, first, admin);
        s.versions.set(1);
        if (s.service.warmUp(WARM_UP_BUDGET, WARM_UP_CALLS) < 0) {
            LOG.warn("warm-up stopped early (the server starts anyway): {}", s.service.warmUpFailure.toString());
        }
        try {
            s.listen();
        } catch (Exception e) { // Javalin rethrows checked exceptions undeclared (Kotlin)
            store.close();
            checkPortFree(config.host(), config.port()); // taken since the first check: say so
            throw new IOException("cannot start the server on " + config.host() + ":" + config.port() + ": " + e, e);
        }
        return s;
    }

    /**
     * Fails with a clear message when {@code host:port} cannot be bound (in use, or an address
     * this machine does not have); Javalin would report it as an internal error. Port 0 (any free
     * port) always passes.
     */
    static void checkPortFree(String host, int port) throws IOException {
        if (port == 0) {
            return;
        }
        try (java.net.ServerSocket probe = new java.net.ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new java.net.InetSocketAddress(host, port));
        } catch (java.net.BindException e) {
            throw new IOException("cannot listen on " + host + ":" + port + ": " + e.getMessage()
                    + " (another server there? choose another port with --port)", e);
        }
    }

    public int port() {
        return app.port();
    }

    public String adminToken() {
        return adminToken;
    }

    public boolean adminTokenGenerated() {
        return config.adminToken() == null;
    }

    public ModelSnapshot snapshot() {
        return state.get();
    }

    public Store store() {
        return store;
    }

    /** The routes the server answers (what {@code /openapi.json} must document). */
    public List<Route> routes() {
        return List.copyOf(routes);
    }

    /** Reloads the model file and swaps to it; returns the new version. */
    public String reload() throws IOException {
        ModelSnapshot next = ModelSnapshot.load(config.modelFile(), Integer.toString(versions.incrementAndGet()));
        swap(next);
        return next.version();
    }

    private void swap(ModelSnapshot next) {
        state.set(next);
        swaps.incrementAndGet();
        LOG.info("model swapped to version {} ({})", next.version(), next.model().provenance().algorithm());
    }

    /** Stops accepting requests, lets running ones finish (up to 5 s) and closes the store. */
    @Override
    public void close() {
        stopping = true;
        if (app != null) {
            app.stop();
        }
        store.close();
    }

    static String newToken() {
        byte[] b = new byte[24];
        new SecureRandom().nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    static String hash(String token) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---------------------------------------------------------------- HTTP

    private void listen() {
        QueuedThreadPool pool = new QueuedThreadPool(config.maxThreads(), Math.min(8, config.maxThreads()));
        pool.setName("movierec-http");
        app = Javalin.create(c -> {
            c.showJavalinBanner = false;
            c.startupWatcherEnabled = false;
            c.http.maxRequestSize = config.maxBodyBytes();
            c.http.prefer405over404 = true;
            c.http.disableCompression();
            c.jetty.threadPool = pool;
            c.jetty.modifyServer(server -> server.setStopTimeout(5_000));
            c.staticFiles.add(sf -> {
                sf.hostedPath = "/";
                sf.directory = "/web";
                sf.location = Location.CLASSPATH;
            });
        });
        app.before(this::before);
        app.after(this::after);
        app.exception(ApiException.class, (e, ctx) -> error(ctx, e.status(), e.getMessage()));
        app.exception(HttpResponseException.class, (e, ctx) -> error(ctx, e.getStatus(),
                e.getStatus() == 413 ? "request body too large (limit " + config.maxBodyBytes() + " bytes)"
                        : e.getMessage()));
        app.exception(StoreException.class, (e, ctx) -> {
            LOG.error("store error on {} {}", ctx.method(), ctx.path(), e);
            error(ctx, 503, "the database is unavailable; try again");
        });
        app.exception(Exception.class, (e, ctx) -> {
            LOG.error("internal error on {} {}", ctx.method(), ctx.path(), e);
            error(ctx, 500, "internal error (details are in the server log)");
        });
        for (int status : new int[] {400, 404, 405, 413, 414, 431, 500}) {
            app.error(status, ctx -> {
                if (ctx.attribute("errorWritten") == null) {
                    error(ctx, status, switch (status) {
                        case 404 -> "no such resource: " + ctx.method() + " " + ctx.path();
                        case 405 -> "method " + ctx.method() + " not allowed on " + ctx.path();
                        case 413 -> "request body too large (limit " + config.maxBodyBytes() + " bytes)";
                        case 500 -> "internal error (details are in the server log)";
                        default -> "bad request";
                    });
                }
            });
        }

        route(HandlerType.GET, "/health/live", ctx -> json(ctx, 200, Map.of("status", "live")));
        route(HandlerType.GET, "/health/ready", ctx -> {
            boolean ok = !stopping && state.get() != null && store.ping();
            json(ctx, ok ? 200 : 503, Map.of("status", ok ? "ready" : "not ready", "modelVersion",
                    state.get().version()));
        });
        route(HandlerType.GET, "/metrics", ctx -> {
            ctx.contentType("text/plain; version=0.0.4; charset=utf-8");
            ctx.result(renderMetrics());
        });
        route(HandlerType.GET, "/openapi.json", ctx -> {
            ctx.contentType("application/json");
            ctx.result(openApi);
        });
        route(HandlerType.GET, "/api/model", ctx -> json(ctx, 200, service.modelInfo()));
        route(HandlerType.GET, "/api/genres", ctx -> json(ctx, 200, Map.of("genres",
                state.get().train().movies().genreVocabulary())));
        route(HandlerType.GET, "/api/movies/search", ctx -> json(ctx, 200, service.search(ctx.queryParam("q"),
                intParam(ctx, "limit", 10, 1, 50))));
        route(HandlerType.GET, "/api/movies/{movieId}", ctx -> json(ctx, 200,
                service.movie(movieIdParam(ctx, state.get()))));
        route(HandlerType.GET, "/api/movies/{movieId}/similar", ctx -> json(ctx, 200,
                service.similar(movieIdParam(ctx, state.get()), intParam(ctx, "k", 10, 1, MAX_K))));
        route(HandlerType.POST, "/api/recommendations", ctx -> json(ctx, 200, service.anonymous(body(ctx))));
        route(HandlerType.POST, "/api/users", ctx -> {
            JsonNode b = body(ctx);
            String token = newToken();
            Map<String, Object> u = service.createUser(b, hash(token));
            u.put("token", token);
            json(ctx, 201, u);
        });
        route(HandlerType.GET, "/api/users/{userId}", ctx -> {
            long u = userIdParam(ctx, state.get());
            checkRead(ctx, u);
            json(ctx, 200, service.userInfo(u));
        });
        route(HandlerType.GET, "/api/users/{userId}/ratings", ctx -> {
            long u = userIdParam(ctx, state.get());
            checkRead(ctx, u);
            json(ctx, 200, service.userRatings(u));
        });
        route(HandlerType.PUT, "/api/users/{userId}/ratings/{movieId}", ctx -> {
            long u = userIdParam(ctx, state.get());
            checkWrite(ctx, u);
            int movie = movieIdParam(ctx, state.get());
            json(ctx, 200, service.rate(u, movie, body(ctx)));
        });
        route(HandlerType.DELETE, "/api/users/{userId}/ratings/{movieId}", ctx -> {
            long u = userIdParam(ctx, state.get());
            checkWrite(ctx, u);
            int movie = movieIdParam(ctx, state.get());
            service.unrate(u, movie);
            ctx.status(204);
        });
        route(HandlerType.GET, "/api/users/{userId}/recommendations", ctx -> {
            long u = userIdParam(ctx, state.get());
            checkRead(ctx, u);
            json(ctx, 200, service.forUser(u, new Service.Query(intParam(ctx, "k", 10, 1, MAX_K),
                    boolParam(ctx, "excludeSeen", true), listParam(ctx, "genres"),
                    intParam(ctx, "yearFrom", Integer.MIN_VALUE, 0, 9999),
                    intParam(ctx, "yearTo", Integer.MAX_VALUE, 0, 9999), movieListParam(ctx, "like", state.get()))));
        });
        route(HandlerType.POST, "/api/admin/reload", ctx -> {
            checkAdmin(ctx);
            String before = state.get().version();
            String v = reload();
            json(ctx, 200, Map.of("previousVersion", before, "modelVersion", v));
        });
        route(HandlerType.POST, "/api/admin/retrain", ctx -> {
            checkAdmin(ctx);
            json(ctx, 200, retrain());
        });
        app.start(config.host(), config.port());
    }

    private void route(HandlerType method, String path, Handler h) {
        routes.add(new Route(method.name(), path));
        app.addHttpHandler(method, path, h);
    }

    private Map<String, Object> retrain() throws IOException {
        if (config.data() == null) {
            throw new ApiException(409, "the server was started without --data; retraining needs the dataset");
        }
        if (!retraining.compareAndSet(false, true)) {
            throw new ApiException(409, "a retraining is already running");
        }
        try {
            long t0 = System.nanoTime();
            Retrainer.Result r = Retrainer.retrain(state.get(), config.data().read(), store.allRatings());
            org.movierec.model.ModelIO.save(r.model(), r.train(), config.modelFile());
            ModelSnapshot next = new ModelSnapshot(Integer.toString(versions.incrementAndGet()), r.model(), r.train());
            swap(next);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("modelVersion", next.version());
            out.put("storedRatings", r.storedRatings());
            out.put("skippedRatings", r.skipped());
            out.put("seconds", (System.nanoTime() - t0) / 1e9);
            return out;
        } finally {
            retraining.set(false);
        }
    }

    private void before(Context ctx) {
        ctx.attribute("t0", System.nanoTime());
        String auth = ctx.header("Authorization");
        String key = auth != null ? "t:" + auth : "ip:" + ctx.ip();
        if (!limiter.tryAcquire(key)) {
            ctx.header("Retry-After", "1");
            throw new ApiException(429, "rate limit exceeded (" + (long) config.rateLimit()
                    + " requests per second per token); slow down");
        }
        long len = ctx.req().getContentLengthLong();
        if (len > config.maxBodyBytes()) {
            throw new ApiException(413, "request body too large (" + len + " bytes; limit " + config.maxBodyBytes()
                    + " bytes)");
        }
    }

    private void after(Context ctx) {
        Long t0 = ctx.attribute("t0");
        if (t0 == null) {
            return;
        }
        String route = ctx.endpointHandlerPath();
        if (route == null || route.isEmpty() || "*".equals(route)) {
            route = ctx.path().startsWith("/api/") ? "unmatched" : "static";
        }
        metrics.record(ctx.method().name(), route, ctx.statusCode(), (System.nanoTime() - t0) / 1e9);
    }

    private String renderMetrics() {
        ModelSnapshot s = state.get();
        Map<String, Double> g = new LinkedHashMap<>();
        g.put("movierec_model_info{version=\"" + Metrics.escape(s.version()) + "\",algorithm=\""
                + Metrics.escape(s.model().provenance().algorithm()) + "\"}", 1.0);
        g.put("movierec_model_version", Double.parseDouble(s.version()));
        g.put("movierec_model_swaps_total", (double) swaps.get());
        g.put("movierec_catalogue_movies", (double) s.train().numItems());
        g.put("movierec_store_users", (double) store.userCount());
        g.put("movierec_store_ratings", (double) store.ratingCount());
        Map<String, String> help = Map.of(
                "movierec_model_info", "The model being served (version and algorithm).",
                "movierec_model_version", "Version number of the model being served (1 at start, +1 per swap).",
                "movierec_model_swaps_total", "Model swaps since start.",
                "movierec_catalogue_movies", "Movies in the served catalogue.",
                "movierec_store_users", "Users created through the API (store size).",
                "movierec_store_ratings", "Ratings stored through the API (store size).");
        return metrics.render(g, help);
    }

    // ---------------------------------------------------------------- auth

    private static String bearer(Context ctx) {
        String h = ctx.header("Authorization");
        if (h == null || !h.startsWith("Bearer ")) {
            return null;
        }
        return h.substring(7).trim();
    }

    private boolean isAdmin(String token) {
        return token != null && MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8),
                adminToken.getBytes(StandardCharsets.UTF_8));
    }

    private void checkAdmin(Context ctx) {
        String t = bearer(ctx);
        if (t == null) {
            throw new ApiException(401, "this call needs the admin token (Authorization: Bearer TOKEN)");
        }
        if (!isAdmin(t)) {
            throw new ApiException(403, "this call needs the admin token");
        }
    }

    /** The user a token belongs to, or -1. */
    private long tokenUser(String token) {
        String h = hash(token);
        Long cached = tokenCache.get(h);
        if (cached != null) {
            return cached;
        }
        var u = store.userForToken(h);
        if (u.isPresent()) {
            tokenCache.put(h, u.getAsLong());
            return u.getAsLong();
        }
        return -1;
    }

    private void checkWrite(Context ctx, long user) {
        String t = bearer(ctx);
        if (t == null) {
            throw new ApiException(401, "changing ratings needs the user's token (Authorization: Bearer TOKEN)");
        }
        if (tokenUser(t) != user) {
            throw new ApiException(403, "this token may not change the ratings of user " + user);
        }
    }

    private void checkRead(Context ctx, long user) {
        if (!config.protectReads()) {
            return;
        }
        String t = bearer(ctx);
        if (t == null) {
            throw new ApiException(401, "reading a user's data needs their token (Authorization: Bearer TOKEN)");
        }
        if (!isAdmin(t) && tokenUser(t) != user) {
            throw new ApiException(403, "this token may not read the data of user " + user);
        }
    }

    // ---------------------------------------------------------------- parameters and bodies

    static void json(Context ctx, int status, Object body) throws JsonProcessingException {
        ctx.status(status);
        ctx.contentType("application/json");
        ctx.result(JSON.writeValueAsBytes(body));
    }

    private static void error(Context ctx, int status, String message) {
        ctx.attribute("errorWritten", Boolean.TRUE);
        ctx.status(status);
        ctx.contentType("application/json");
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", status);
        m.put("error", message);
        try {
            ctx.result(JSON.writeValueAsBytes(m));
        } catch (JsonProcessingException e) {
            ctx.result("{\"status\":" + status + ",\"error\":\"error\"}");
        }
    }

    static JsonNode body(Context ctx) {
        byte[] b = ctx.bodyAsBytes();
        if (b.length == 0) {
            throw ApiException.badRequest("a JSON body is required");
        }
        try {
            JsonNode n = JSON.readTree(b);
            if (n == null || !n.isObject()) {
                throw ApiException.badRequest("the JSON body must be an object");
            }
            return n;
        } catch (JsonProcessingException e) {
            String msg = e.getOriginalMessage();
            var loc = e.getLocation();
            throw ApiException.badRequest("malformed JSON" + (loc != null ? " at line " + loc.getLineNr() + ", column "
                    + loc.getColumnNr() : "") + ": " + firstLine(msg));
        } catch (IOException e) {
            throw ApiException.badRequest("cannot read the request body");
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        String l = nl < 0 ? s : s.substring(0, nl);
        return l.length() > 200 ? l.substring(0, 200) + "..." : l;
    }

    static int intParam(Context ctx, String name, int def, int min, int max) {
        String v = ctx.queryParam(name);
        if (v == null || v.isEmpty()) {
            return def;
        }
        try {
            int x = Integer.parseInt(v.trim());
            if (x < min || x > max) {
                throw new NumberFormatException();
            }
            return x;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(name + " must be an integer in " + min + ".." + max + ", got '"
                    + clip(v) + "'");
        }
    }

    static boolean boolParam(Context ctx, String name, boolean def) {
        String v = ctx.queryParam(name);
        if (v == null || v.isEmpty()) {
            return def;
        }
        return switch (v.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw ApiException.badRequest(name + " must be true or false, got '" + clip(v) + "'");
        };
    }

    static List<String> listParam(Context ctx, String name) {
        List<String> out = new ArrayList<>();
        for (String v : ctx.queryParams(name)) {
            for (String p : v.split(",")) {
                if (!p.isBlank()) {
                    out.add(p.trim());
                }
            }
        }
        return out;
    }

    static int[] intListParam(Context ctx, String name) {
        List<String> l = listParam(ctx, name);
        int[] out = new int[l.size()];
        for (int k = 0; k < out.length; k++) {
            try {
                out[k] = Integer.parseInt(l.get(k));
            } catch (NumberFormatException e) {
                throw ApiException.badRequest(name + " must be a comma-separated list of movie ids, got '"
                        + clip(l.get(k)) + "'");
            }
        }
        return out;
    }

    /**
     * A comma-separated list of movies: ids, or for a catalogue with string ids also the items' own ids
     * (looked up first, as in the paths).
     */
    static int[] movieListParam(Context ctx, String name, ModelSnapshot s) {
        IdIndex ids = s.train().movies().ids();
        if (!ids.hasNames()) {
            return intListParam(ctx, name);
        }
        List<String> l = listParam(ctx, name);
        int[] out = new int[l.size()];
        for (int k = 0; k < out.length; k++) {
            try {
                out[k] = movieId(s, l.get(k));
            } catch (NumberFormatException e) {
                throw ApiException.notFound(name + ": unknown movie '" + clip(l.get(k)) + "'");
            }
        }
        return out;
    }

    static String clip(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }

    /**
     * The {@code movieId} path parameter: a movie id, or for a catalogue with string ids (a user's own
     * data) the item's id as its data file writes it (looked up first, so a numeric string id wins).
     */
    static int movieIdParam(Context ctx, ModelSnapshot s) {
        String v = ctx.pathParam("movieId");
        try {
            return movieId(s, v);
        } catch (NumberFormatException e) {
            throw s.train().movies().ids().hasNames() ? ApiException.notFound("unknown movie '" + clip(v) + "'")
                    : ApiException.badRequest("movieId must be an integer, got '" + clip(v) + "'");
        }
    }

    /**
     * A movie as a client names it: the item's key for a catalogue with string ids (looked up first),
     * else the int movie id.
     *
     * @throws NumberFormatException when it is neither a key of the catalogue nor an int
     */
    static int movieId(ModelSnapshot s, String v) {
        IdIndex ids = s.train().movies().ids();
        if (ids.hasNames()) {
            int i = ids.indexOfName(v);
            if (i >= 0) {
                return ids.externalId(i);
            }
        }
        return Integer.parseInt(v);
    }

    /**
     * The {@code userId} path parameter: a user id, or for a dataset with string user ids the user's
     * id as the data file writes it (looked up first).
     */
    static long userIdParam(Context ctx, ModelSnapshot s) {
        String v = ctx.pathParam("userId");
        IdIndex ids = s.train().users().ids();
        if (ids.hasNames()) {
            int u = ids.indexOfName(v);
            if (u >= 0) {
                return ids.externalId(u);
            }
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw ids.hasNames() ? ApiException.notFound("unknown user '" + clip(v) + "'")
                    : ApiException.badRequest("userId must be an integer, got '" + clip(v) + "'");
        }
    }

    /** Writes the OpenAPI document's route list, for tests and docs. */
    static List<Route> documentedRoutes(byte[] openApi) throws IOException {
        JsonNode paths = JSON.readTree(openApi).path("paths");
        List<Route> out = new ArrayList<>();
        paths.fields().forEachRemaining(e -> e.getValue().fieldNames().forEachRemaining(m -> {
            if (List.of("get", "put", "post", "delete", "patch").contains(m)) {
                out.add(new Route(m.toUpperCase(java.util.Locale.ROOT), e.getKey()));
            }
        }));
        return out;
    }

    static byte[] readAll(Path p) throws IOException {
        return Files.readAllBytes(p);
    }
}
