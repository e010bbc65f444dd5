package dev.ariadne.checker.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A headless Chromium driven over the Chrome DevTools Protocol, with only the JDK's WebSocket client:
 * navigate, wait for the load event, evaluate script, capture a screenshot, and record every request
 * the page makes. Started with the flags that keep a headless browser off the network on its own.
 */
final class DevTools implements AutoCloseable {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<JsonNode> events = new CopyOnWriteArrayList<>();
    private int nextId;

    static boolean available() {
        return Files.isExecutable(CHROMIUM);
    }

    DevTools(int width, int height) throws Exception {
        profile = Files.createTempDirectory("ariadne-chromium");
        process = new ProcessBuilder(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-extensions",
                "--remote-debugging-port=0", "--user-data-dir=" + profile, "--window-size=" + width + "," + height, "about:blank")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String browserUrl = listening(process);
        int port = URI.create(browserUrl).getPort();
        HttpClient http = HttpClient.newHttpClient();
        String pageUrl = null;
        for (int attempt = 0; attempt < 50 && pageUrl == null; attempt++) {
            String list = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list")).build(), HttpResponse.BodyHandlers.ofString()).body();
            for (JsonNode t : JSON.readTree(list)) if (t.path("type").asText().equals("page")) pageUrl = t.path("webSocketDebuggerUrl").asText();
            if (pageUrl == null) Thread.sleep(100);
        }
        if (pageUrl == null) throw new IOException("Chromium opened no page");
        socket = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10)).buildAsync(URI.create(pageUrl), new Listener()).get(10, TimeUnit.SECONDS);
        call("Network.enable", null);
        call("Page.enable", null);
    }

    /** Chromium's "DevTools listening on ws://..." line on standard error. */
    private static String listening(Process p) throws IOException {
        BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8));
        Pattern ws = Pattern.compile("DevTools listening on (ws://\\S+)");
        for (String line; (line = err.readLine()) != null; ) {
            Matcher m = ws.matcher(line);
            if (m.find()) {
                Thread drain = new Thread(() -> {
                    try {
                        while (err.readLine() != null) { /* keep the pipe from filling */ }
                    } catch (IOException ignored) {
                        // the browser went away
                    }
                });
                drain.setDaemon(true);
                drain.start();
                return m.group(1);
            }
        }
        throw new IOException("Chromium exited before it listened for DevTools");
    }

    JsonNode call(String method, ObjectNode params) throws Exception {
        int id;
        synchronized (this) {
            id = ++nextId;
        }
        ObjectNode msg = JSON.createObjectNode();
        msg.put("id", id);
        msg.put("method", method);
        if (params != null) msg.set("params", params);
        CompletableFuture<JsonNode> f = new CompletableFuture<>();
        pending.put(id, f);
        socket.sendText(JSON.writeValueAsString(msg), true).get(10, TimeUnit.SECONDS);
        JsonNode r = f.get(30, TimeUnit.SECONDS);
        if (r.has("error")) throw new IOException(method + ": " + r.get("error"));
        return r.path("result");
    }

    /** Opens {@code url} and waits for its load event. */
    void navigate(String url) throws Exception {
        events.clear();
        call("Page.navigate", JSON.createObjectNode().put("url", url));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            for (JsonNode e : events) if (e.path("method").asText().equals("Page.loadEventFired")) return;
            Thread.sleep(20);
        }
        throw new IOException("no load event for " + url);
    }

    /** The value of a script expression (awaited if a promise). */
    JsonNode eval(String expression) throws Exception {
        JsonNode r = call("Runtime.evaluate", JSON.createObjectNode().put("expression", expression).put("returnByValue", true).put("awaitPromise", true));
        if (r.has("exceptionDetails")) throw new IOException("script failed: " + r.get("exceptionDetails"));
        return r.path("result").path("value");
    }

    /** The URLs of every request the page made since the last navigation. */
    List<String> requests() {
        List<String> out = new ArrayList<>();
        for (JsonNode e : events) if (e.path("method").asText().equals("Network.requestWillBeSent")) out.add(e.path("params").path("request").path("url").asText());
        return out;
    }

    void screenshot(Path to) throws Exception {
        JsonNode r = call("Page.captureScreenshot", JSON.createObjectNode().put("format", "png").put("captureBeyondViewport", true));
        Files.createDirectories(to.getParent());
        Files.write(to, java.util.Base64.getDecoder().decode(r.path("data").asText()));
    }

    @Override
    public void close() throws Exception {
        try {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(5, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // the browser is stopped below either way
        }
        // Chromium's helpers (renderers, the crash handler) may outlive the browser and still write to the profile: stop them all first.
        List<ProcessHandle> helpers = process.descendants().toList();
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly();
        for (ProcessHandle helper : helpers) {
            helper.destroy();
            try {
                helper.onExit().get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                helper.destroyForcibly();
            }
        }
        // A file that vanishes while the profile is walked is no failure of the report under test.
        for (int attempt = 0; attempt < 5 && Files.exists(profile); attempt++) {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (java.io.IOException | java.io.UncheckedIOException e) {
                Thread.sleep(200);
            }
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder buffer = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            buffer.append(data);
            if (last) {
                try {
                    JsonNode msg = JSON.readTree(buffer.toString());
                    if (msg.has("id")) {
                        CompletableFuture<JsonNode> f = pending.remove(msg.get("id").asInt());
                        if (f != null) f.complete(msg);
                    } else {
                        events.add(msg);
                    }
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
                buffer.setLength(0);
            }
            ws.request(1);
            return null;
        }
    }
}
