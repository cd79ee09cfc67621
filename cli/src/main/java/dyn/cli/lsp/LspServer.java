package dyn.cli.lsp;

import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.InvocationTargetException;
import java.util.concurrent.CompletionException;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.jsonrpc.MessageConsumer;
import org.eclipse.lsp4j.jsonrpc.MessageProducer;
import org.eclipse.lsp4j.jsonrpc.RemoteEndpoint;
import org.eclipse.lsp4j.jsonrpc.json.ConcurrentMessageProcessor;
import org.eclipse.lsp4j.jsonrpc.json.MessageJsonHandler;
import org.eclipse.lsp4j.jsonrpc.json.StreamMessageConsumer;
import org.eclipse.lsp4j.services.LanguageClient;

/**
 * {@code dyn lsp}: the language server on a pair of streams (stdin and stdout for an editor).
 * Returns when the client sends {@code exit} or closes the input.
 */
public final class LspServer {
  /** Documents beyond this many characters get one diagnostic instead of an analysis. */
  public static final int MAX_DOCUMENT_CHARS = 1 << 20;

  // Held so the level set below is not lost when the logger is collected.
  private static final Logger LSP4J_LOG = Logger.getLogger("org.eclipse.lsp4j");

  private LspServer() {}

  /**
   * Serves one client.
   *
   * @param debug keep LSP4J's own log (with stack traces) on stderr; otherwise a malformed
   *     message is answered with a protocol error and nothing else is printed
   * @return the exit code: 0 after {@code shutdown} then {@code exit} (or end of input after
   *     {@code shutdown}), else 1
   */
  public static int serve(InputStream in, OutputStream out, Path stdlib, boolean debug) {
    LSP4J_LOG.setLevel(debug ? Level.ALL : Level.OFF);
    DynLanguageServer server = new DynLanguageServer(stdlib, MAX_DOCUMENT_CHARS);
    ExecutorService threads = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "dyn-lsp");
      t.setDaemon(true); // an unread stdin must not keep the JVM alive after `exit`
      return t;
    });
    Launcher<LanguageClient> launcher = new Builder()
        .setLocalService(server)
        .setRemoteInterface(LanguageClient.class)
        .setInput(in)
        .setOutput(out)
        .setExecutorService(threads)
        // `=` and `<` are common in dyn; escaped as \u003d they make the wire log unreadable.
        .configureGson(gson -> gson.disableHtmlEscaping())
        .setExceptionHandler(e -> internalError(e, debug))
        .create();
    server.connect(launcher.getRemoteProxy());
    Future<Void> listening = launcher.startListening();
    CompletableFuture<Integer> inputEnded = CompletableFuture.supplyAsync(() -> {
      try {
        listening.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (ExecutionException e) {
        // The reader stopped on an I/O error: the same as the client going away.
      }
      return server.wasShutDown() ? 0 : 1;
    }, threads);
    try {
      return (Integer) CompletableFuture.anyOf(server.exited(), inputEnded).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    } catch (ExecutionException e) {
      return 1;
    } finally {
      threads.shutdownNow();
    }
  }

  /**
   * The error response for a request whose handler threw: LSP4J's default puts the Java stack
   * trace in the response, which an editor then shows; dyn shows it only with {@code --debug}.
   */
  static ResponseError internalError(Throwable e, boolean debug) {
    Throwable cause = e;
    while ((cause instanceof CompletionException || cause instanceof InvocationTargetException) && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause instanceof ResponseErrorException) return ((ResponseErrorException) cause).getResponseError();
    String trace = null;
    if (debug) {
      StringWriter w = new StringWriter();
      cause.printStackTrace(new PrintWriter(w));
      trace = w.toString();
    }
    return new ResponseError(ResponseErrorCode.InternalError, "internal error in dyn lsp: " + cause, trace);
  }

  /** LSP4J's launcher with {@link ProtocolErrors} as the reader. */
  private static final class Builder extends Launcher.Builder<LanguageClient> {
    private MessageJsonHandler json;
    private RemoteEndpoint endpoint;
    private MessageConsumer outgoing;

    @Override
    protected MessageJsonHandler createJsonHandler() {
      json = super.createJsonHandler();
      return json;
    }

    @Override
    protected RemoteEndpoint createRemoteEndpoint(MessageJsonHandler handler) {
      endpoint = super.createRemoteEndpoint(handler);
      return endpoint;
    }

    @Override
    protected MessageConsumer wrapMessageConsumer(MessageConsumer consumer) {
      MessageConsumer wrapped = super.wrapMessageConsumer(consumer);
      if (consumer instanceof StreamMessageConsumer) outgoing = wrapped;
      return wrapped;
    }

    @Override
    protected ConcurrentMessageProcessor createMessageProcessor(MessageProducer reader, MessageConsumer consumer,
        LanguageClient proxy) {
      return super.createMessageProcessor(new ProtocolErrors(input, json, endpoint, outgoing), consumer, proxy);
    }
  }
}
