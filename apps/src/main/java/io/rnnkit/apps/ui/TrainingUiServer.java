package io.rnnkit.apps.ui;

import io.rnnkit.core.UserInputException;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.BindException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.deeplearning4j.core.storage.StatsStorage;
import org.deeplearning4j.ui.VertxUIServer;

/**
 * DL4J's training UI ({@code VertxUIServer} of {@code deeplearning4j-ui}) listening on one address and port.
 *
 * <p>DL4J's own server always listens on every interface; this one hands the server a Vert.x whose HTTP
 * servers listen on the address asked for (127.0.0.1 by default), so the UI is not opened to the network.
 */
public final class TrainingUiServer implements AutoCloseable {

    /** DL4J's default UI port. */
    public static final int DEFAULT_PORT = 9000;
    /** The address the UI listens on unless the user asks for another. */
    public static final String DEFAULT_ADDRESS = "127.0.0.1";

    private static final String PORT_PROPERTY = "org.deeplearning4j.ui.port";
    private static final long START_SECONDS = 60;

    private final VertxUIServer server;
    private final String address;
    private final int port;

    private TrainingUiServer(VertxUIServer server, String address, int port) {
        this.server = server;
        this.address = address;
        this.port = port;
    }

    /**
     * Starts the UI; a port out of range or taken is the user's error, reported against {@code option} (the
     * command-line option that chose the port).
     */
    public static TrainingUiServer start(String address, int port, String option) {
        if (port < 1 || port > 65535) {
            throw new UserInputException(option + ": port must be 1-65535, got " + port);
        }
        Vertx vertx = Vertx.vertx();
        BoundServer verticle = new BoundServer(address);
        CompletableFuture<String> deployed = new CompletableFuture<>();
        String previousPort = System.getProperty(PORT_PROPERTY);
        System.setProperty(PORT_PROPERTY, Integer.toString(port));
        try {
            vertx.deployVerticle(verticle, result -> {
                if (result.succeeded()) {
                    deployed.complete(result.result());
                } else {
                    deployed.completeExceptionally(result.cause());
                }
            });
            deployed.get(START_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            vertx.close();
            throw refusal(e.getCause(), address, port, option);
        } catch (TimeoutException e) {
            vertx.close();
            throw new IllegalStateException("DL4J's UI server did not start within " + START_SECONDS + " s", e);
        } catch (InterruptedException e) {
            vertx.close();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting DL4J's UI server", e);
        } finally {
            if (previousPort == null) {
                System.clearProperty(PORT_PROPERTY);
            } else {
                System.setProperty(PORT_PROPERTY, previousPort);
            }
        }
        return new TrainingUiServer(verticle, address, port);
    }

    private static RuntimeException refusal(Throwable cause, String address, int port, String option) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof BindException bind) {
                return new UserInputException(option + ": cannot listen on " + address + ":" + port + " ("
                        + bind.getMessage() + "); choose another port with " + option + " PORT");
            }
        }
        return new IllegalStateException("DL4J's UI server failed to start: " + cause, cause);
    }

    /** Shows {@code storage}'s sessions in the UI. */
    public void attach(StatsStorage storage) {
        server.attach(storage);
    }

    /** The training overview page's address. */
    public String url() {
        String host = address.contains(":") ? "[" + address + "]" : address;
        return "http://" + host + ":" + port + "/train/overview";
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** DL4J's UI verticle, given a Vert.x whose HTTP servers listen on one address. */
    private static final class BoundServer extends VertxUIServer {
        private final String address;

        BoundServer(String address) {
            this.address = address;
        }

        @Override
        public void init(Vertx vertx, Context context) {
            super.init(boundVertx(vertx, address), context);
        }
    }

    private static Vertx boundVertx(Vertx vertx, String address) {
        return (Vertx) Proxy.newProxyInstance(Vertx.class.getClassLoader(), new Class<?>[] {Vertx.class},
                (proxy, method, args) -> {
                    Object result = invoke(vertx, method, args);
                    return result instanceof HttpServer server ? boundServer(server, address) : result;
                });
    }

    /** An HTTP server whose {@code listen(port, handler)} listens on {@code address} instead of every interface. */
    private static HttpServer boundServer(HttpServer server, String address) {
        return (HttpServer) Proxy.newProxyInstance(HttpServer.class.getClassLoader(), new Class<?>[] {HttpServer.class},
                (proxy, method, args) -> {
                    Object result;
                    if (method.getName().equals("listen") && args != null && args.length == 2
                            && args[0] instanceof Integer listenPort) {
                        Method withHost = HttpServer.class.getMethod("listen", int.class, String.class,
                                io.vertx.core.Handler.class);
                        result = invoke(server, withHost, new Object[] {listenPort, address, args[1]});
                    } else {
                        result = invoke(server, method, args);
                    }
                    return result == server ? proxy : result;
                });
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
