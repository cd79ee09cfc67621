package dyn.cli.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dyn.compiler.Compiler;
import dyn.compiler.diag.Diagnostic;
import dyn.compiler.source.Source;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.DefinitionParams;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.DocumentSymbolParams;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.MessageActionItem;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.ShowMessageRequestParams;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A whole LSP session in-process: LSP4J's own client talks JSON-RPC over pipes to {@link
 * LspServer#serve}, exactly as an editor would over stdio. Expected ranges are found in the test
 * text with {@code indexOf}, expected messages come from {@link Compiler} (what {@code dyn check}
 * prints), expected stdlib facts from reading {@code stdlib/models.dyn}.
 */
class LspSessionTest {
  static final Path ROOT = Path.of(System.getProperty("dyn.root", "../")).toAbsolutePath().normalize();
  static final Path STDLIB = ROOT.resolve("stdlib");
  static final String URI = "file:///study/demo.dyn";

  static final String SCRIPT = String.join("\n",
      "import models",
      "import datasets",
      "",
      "param alpha = 1e-4 * 2",
      "param width = 8",
      "data teacher = linear_teacher(d = 4, out = 4, n = 50, singular_values = [3, 2], seed = 0)",
      "model net = two_layer(d = 4, width = width, out = 4, act = rleu, scale = alpha)",
      "train gf = flow(net, teacher, until = 10)",
      "observe loss at log(0.01, 10, 20)",
      "check final(gf.loss) < 1",
      "");

  private final BlockingQueue<PublishDiagnosticsParams> published = new LinkedBlockingQueue<>();
  private LanguageServer server;
  private CompletableFuture<Integer> served;
  private PipedOutputStream toServer;

  @BeforeEach
  void start() throws IOException {
    PipedInputStream serverIn = new PipedInputStream(1 << 16);
    toServer = new PipedOutputStream(serverIn);
    PipedInputStream clientIn = new PipedInputStream(1 << 16);
    PipedOutputStream fromServer = new PipedOutputStream(clientIn);
    served = CompletableFuture.supplyAsync(() -> {
      int code = LspServer.serve(serverIn, fromServer, STDLIB, false);
      try {
        fromServer.close();
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
      return code;
    });
    Launcher<LanguageServer> client = LSPLauncher.createClientLauncher(new Client(), clientIn, toServer);
    client.startListening();
    server = client.getRemoteProxy();
  }

  @AfterEach
  void stop() throws IOException {
    toServer.close();
  }

  static <T> T get(CompletableFuture<T> f) throws Exception {
    return f.get(60, TimeUnit.SECONDS); // a hang guard, not a timing assertion
  }

  void open(String text) throws Exception {
    InitializeParams init = new InitializeParams();
    init.setCapabilities(new ClientCapabilities());
    InitializeResult r = get(server.initialize(init));
    assertTrue(r.getCapabilities().getHoverProvider().getLeft());
    server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(URI, "dyn", 1, text)));
  }

  PublishDiagnosticsParams nextDiagnostics() throws InterruptedException {
    PublishDiagnosticsParams p = published.poll(60, TimeUnit.SECONDS);
    assertTrue(p != null, "no publishDiagnostics arrived");
    return p;
  }

  /** The position of the {@code k}-th character of {@code needle}'s first occurrence after {@code after}. */
  static Position pos(String text, String after, String needle, int k) {
    int at = text.indexOf(needle, text.indexOf(after)) + k;
    int line = (int) text.substring(0, at).chars().filter(c -> c == '\n').count();
    return new Position(line, at - (text.lastIndexOf('\n', at - 1) + 1));
  }

  List<String> complete(String text, Position p) throws Exception {
    return get(server.getTextDocumentService().completion(new CompletionParams(new TextDocumentIdentifier(URI), p)))
        .getRight().getItems().stream().map(CompletionItem::getLabel).collect(Collectors.toList());
  }

  String hover(Position p) throws Exception {
    Hover h = get(server.getTextDocumentService().hover(new HoverParams(new TextDocumentIdentifier(URI), p)));
    return h == null ? null : h.getContents().getRight().getValue();
  }

  List<? extends Location> definition(Position p) throws Exception {
    return get(server.getTextDocumentService().definition(new DefinitionParams(new TextDocumentIdentifier(URI), p))).getLeft();
  }

  @Test
  void anErrorIsPublishedAtItsTokenWithCheckSMessage() throws Exception {
    open(SCRIPT);
    PublishDiagnosticsParams p = nextDiagnostics();
    assertEquals(URI, p.getUri());
    List<Diagnostic> check = Compiler.compile(new Source("/study/demo.dyn", SCRIPT),
        new Compiler.Options(Map.of(), STDLIB)).diagnostics();
    assertEquals(1, check.size(), "the script has exactly one problem: " + check);
    assertEquals(1, p.getDiagnostics().size());
    org.eclipse.lsp4j.Diagnostic d = p.getDiagnostics().get(0);
    Position start = pos(SCRIPT, "model net", "rleu", 0);
    assertEquals(start, d.getRange().getStart());
    assertEquals(new Position(start.getLine(), start.getCharacter() + "rleu".length()), d.getRange().getEnd());
    assertEquals(check.get(0).message() + "\nhelp: " + check.get(0).hint().get(), d.getMessage());
    assertTrue(d.getMessage().contains("did you mean `relu`?"), d.getMessage());
    assertEquals("unknown activation `rleu`", check.get(0).message());

    // Fixing the typo clears the diagnostics.
    server.getTextDocumentService().didChange(new DidChangeTextDocumentParams(new VersionedTextDocumentIdentifier(URI, 2),
        List.of(new TextDocumentContentChangeEvent(SCRIPT.replace("rleu", "relu")))));
    assertEquals(List.of(), nextDiagnostics().getDiagnostics());
  }

  @Test
  void completionOffersObservablesKeysAndNames() throws Exception {
    open(SCRIPT);
    nextDiagnostics();
    List<String> afterDot = complete(SCRIPT, pos(SCRIPT, "check", "gf.", 3));
    assertTrue(afterDot.containsAll(List.of("loss", "test_loss", "neuron_norms", "singular_values")), afterDot.toString());
    assertTrue(!afterDot.contains("import"), "only observables after `gf.`: " + afterDot);

    List<String> typed = complete(SCRIPT, pos(SCRIPT, "check", "gf.loss", 5)); // "gf.lo|ss"
    assertEquals(List.of("loss"), typed);

    // Inside two_layer( … ): its header parameters (read from stdlib/models.dyn) and the model keys.
    List<String> keys = complete(SCRIPT, pos(SCRIPT, "model net", "d = 4", 0));
    for (String k : List.of("d", "width", "out", "act", "scale", "seed", "init", "parametrization", "gamma")) {
      assertTrue(keys.contains(k), k + " missing from " + keys);
    }
    List<String> names = complete(SCRIPT, pos(SCRIPT, "train gf", "net,", 2)); // "ne|t"
    // The script's model, the keyword, the observable: everything that starts with "ne".
    assertEquals(java.util.Set.of("net", "neuron", "neuron_norms"), new java.util.HashSet<>(names));
    List<String> atStart = complete(SCRIPT, new Position(9, 0));
    assertTrue(atStart.containsAll(List.of("import", "param", "model", "train", "observe", "sweep", "teacher", "two_layer")), atStart.toString());
  }

  @Test
  void afterAKeyWithAClosedSetOfValuesThoseComeFirst() throws Exception {
    String t = SCRIPT.replace("until = 10)", "until = 10, loss = )").replace("act = rleu", "act = r");
    open(t);
    nextDiagnostics();
    // "loss = |": the losses first (they were ranked among every name in the script).
    List<String> losses = complete(t, pos(t, "train gf", "loss = ", 7));
    assertEquals(new java.util.TreeSet<>(dyn.compiler.resolve.Builtins.LOSSES),
        new java.util.TreeSet<>(losses.subList(0, dyn.compiler.resolve.Builtins.LOSSES.size())), losses.toString());
    // "act = r|": the activations starting with r, before other names.
    List<String> acts = complete(t, pos(t, "model net", "act = r", 7));
    assertEquals("relu", acts.get(0), acts.toString());
    // A key without a closed set (lr, until) ranks nothing specially: the first is a keyword or name.
    List<String> until = complete(t, pos(t, "train gf", "until = ", 8));
    assertTrue(!dyn.compiler.resolve.Builtins.LOSSES.contains(until.get(0)), until.toString());
  }

  /**
   * Once the script compiles, `gf.` offers what gf's model and data allow, as the REPL does: a
   * relu net on data without a test split records neither singular_values (not linear in x) nor
   * test_loss. While the script has an error (SCRIPT's `rleu`) every observable is offered.
   */
  @Test
  void completionAfterATrainOfACompilingScriptOffersOnlyWhatItCanRecord() throws Exception {
    String relu = SCRIPT.replace("rleu", "relu");
    open(relu);
    assertEquals(List.of(), nextDiagnostics().getDiagnostics());
    List<String> afterDot = complete(relu, pos(relu, "check", "gf.", 3));
    assertTrue(afterDot.containsAll(List.of("loss", "neuron_norms", "param_norm")), afterDot.toString());
    for (String no : List.of("singular_values", "test_loss", "test_accuracy", "embedding_eigenvalues")) {
      assertTrue(!afterDot.contains(no), no + " offered for a relu net without a test split: " + afterDot);
    }
  }

  @Test
  void midEditTheLastCompilingTextSaysWhatATrainRecords() throws Exception {
    String relu = SCRIPT.replace("rleu", "relu");
    open(relu);
    nextDiagnostics();
    // Typing a new line that does not compile yet: `gd.` offered all 20 observables.
    String typing = relu + "report table(gf.";
    server.getTextDocumentService().didChange(new org.eclipse.lsp4j.DidChangeTextDocumentParams(
        new org.eclipse.lsp4j.VersionedTextDocumentIdentifier(URI, 2),
        List.of(new org.eclipse.lsp4j.TextDocumentContentChangeEvent(typing))));
    nextDiagnostics();
    List<String> afterDot = complete(typing, pos(typing, "report table(gf.", "gf.", 3));
    assertTrue(afterDot.contains("loss"), afterDot.toString());
    assertTrue(!afterDot.contains("singular_values") && !afterDot.contains("test_loss"), afterDot.toString());
  }

  @Test
  void hoverShowsSignatureDocCommentAndParamValues() throws Exception {
    open(SCRIPT);
    nextDiagnostics();
    String stdlib = Files.readString(STDLIB.resolve("models.dyn"));
    String signature = stdlib.lines().filter(l -> l.startsWith("model two_layer(")).findFirst().get();
    String doc = stdlib.lines().filter(l -> l.startsWith("# Two-layer network")).findFirst().get().substring(2);
    String h = hover(pos(SCRIPT, "model net", "two_layer", 3));
    assertTrue(h.contains(signature.substring(0, signature.indexOf(')') + 1)), h);
    assertTrue(h.contains(doc), h);

    // alpha = 1e-4 * 2 = 0.0002 (shortest round-trip text), evaluated by the compiler's param evaluator.
    String a = hover(pos(SCRIPT, "param alpha", "alpha", 1));
    assertTrue(a.contains("value: 0.0002"), a);
    String use = hover(pos(SCRIPT, "model net", "alpha", 0));
    assertTrue(use.contains("param alpha = 1e-4 * 2") && use.contains("value: 0.0002"), use);

    String key = hover(pos(SCRIPT, "model net", "act", 0));
    assertTrue(key.contains("act = linear") && key.contains("model two_layer("), key);
    String observable = hover(pos(SCRIPT, "check", "loss", 1));
    assertTrue(observable.contains("observable `loss`") && observable.contains("train gf"), observable);
    assertEquals(null, hover(pos(SCRIPT, "import models", "import", 1)), "keywords have no hover");
  }

  @Test
  void definitionGoesIntoTheStdlibAndToScriptNames() throws Exception {
    open(SCRIPT);
    nextDiagnostics();
    List<? extends Location> def = definition(pos(SCRIPT, "model net", "two_layer", 2));
    assertEquals(1, def.size());
    assertEquals(STDLIB.resolve("models.dyn").toUri().toString(), def.get(0).getUri());
    String stdlib = Files.readString(STDLIB.resolve("models.dyn"));
    assertEquals(pos(stdlib, "model two_layer", "two_layer", 0), def.get(0).getRange().getStart());

    List<? extends Location> net = definition(pos(SCRIPT, "train gf", "net", 1));
    assertEquals(URI, net.get(0).getUri());
    assertEquals(pos(SCRIPT, "model net", "net", 0), net.get(0).getRange().getStart());

    List<? extends Location> header = definition(pos(SCRIPT, "model net", "width =", 0));
    assertEquals(pos(stdlib, "model two_layer", "width", 0), header.get(0).getRange().getStart());
    assertEquals(List.of(), definition(pos(SCRIPT, "observe", "log", 1)), "builtins have no source");

    List<? extends Location> module = definition(pos(SCRIPT, "import models", "models", 1));
    assertEquals(STDLIB.resolve("models.dyn").toUri().toString(), module.get(0).getUri());
    assertEquals(new Position(0, 0), module.get(0).getRange().getStart());
  }

  @Test
  void documentSymbolsListTheDeclarations() throws Exception {
    String text = SCRIPT + "model mine(d) {\n  param w: [1, d] ~ normal(0, 1)\n  return w @ x\n}\n";
    open(text);
    nextDiagnostics();
    List<DocumentSymbol> symbols = get(server.getTextDocumentService()
        .documentSymbol(new DocumentSymbolParams(new TextDocumentIdentifier(URI))))
        .stream().map(e -> e.getRight()).collect(Collectors.toList());
    assertEquals(List.of("alpha", "width", "teacher", "net", "gf", "mine"),
        symbols.stream().map(DocumentSymbol::getName).collect(Collectors.toList()));
    DocumentSymbol mine = symbols.get(5);
    assertEquals(List.of("d", "w"), mine.getChildren().stream().map(DocumentSymbol::getName).collect(Collectors.toList()));
  }

  @Test
  void aSyntaxErrorMidFileLeavesCompletionHoverAndDefinitionWorking() throws Exception {
    String broken = SCRIPT.replace("act = rleu", "act = relu")
        .replace("train gf", "model oops = two_layer(d = 4,, width = )\ntrain gf");
    open(broken);
    List<org.eclipse.lsp4j.Diagnostic> diags = nextDiagnostics().getDiagnostics();
    assertEquals("syntax", diags.get(0).getCode().getLeft());
    assertEquals(pos(broken, "model oops", "oops", 0).getLine(), diags.get(0).getRange().getStart().getLine());
    // Below the error:
    assertTrue(complete(broken, pos(broken, "check", "gf.", 3)).contains("loss"));
    assertTrue(hover(pos(broken, "train gf", "net", 1)).contains("model net = two_layer("));
    assertEquals(pos(broken, "param alpha", "alpha", 0),
        definition(pos(broken, "model net", "alpha", 0)).get(0).getRange().getStart());
    // Above it, and inside the broken statement's call (the lexer still sees the call):
    assertTrue(hover(pos(broken, "param alpha", "alpha", 0)).contains("value: 0.0002"));
    assertTrue(complete(broken, pos(broken, "model oops", ",,", 1)).contains("width"));
  }

  static final String DEFINITIONS = String.join("\n",
      "import models",
      "param lr = 0.1",
      "param width = 8",
      "model mine(d, k = 2) {",
      "  param w: [k, d] ~ normal(0, 1 / d)",
      "  return w @ x",
      "}",
      "sweep s = grid(lr = [0.1, 0.2]) {",
      "  final_loss = final(gd.loss)",
      "}",
      "let best = min(s.final_loss, over = lr)",
      "observe loss, test_loss",
      "import ",
      "");

  @Test
  void definitionBodiesSweepsImportsAndObserveHaveTheirOwnNames() throws Exception {
    String t = DEFINITIONS;
    open(t);
    nextDiagnostics();
    String d = hover(pos(t, "normal(", "/ d", 2));
    assertTrue(d.contains("(of model mine)") && d.contains("parameter"), d);
    assertEquals(pos(t, "model mine", "k = 2", 0), definition(pos(t, "param w", "[k", 1)).get(0).getRange().getStart());
    assertEquals(pos(t, "model mine", "(d", 1), definition(pos(t, "normal(", "/ d", 2)).get(0).getRange().getStart());

    List<String> metrics = complete(t, pos(t, "let best", "s.", 2));
    assertEquals(List.of("final_loss", "diverged"), metrics);
    assertEquals(pos(t, "sweep s", "final_loss", 0), definition(pos(t, "let best", "final_loss", 1)).get(0).getRange().getStart());

    List<String> axes = complete(t, pos(t, "sweep s", "lr =", 0));
    assertTrue(axes.containsAll(List.of("lr", "width")), axes.toString());

    List<String> modules = complete(t, pos(t, "observe", "import ", 7));
    assertEquals(List.of("datasets", "models"), modules);
    List<String> observables = complete(t, pos(t, "observe", "test_loss", 0));
    List<String> expected = new java.util.ArrayList<>();
    // What `observe` can record: a prediction's series (kernel, escape) are not observables.
    expected.addAll(dyn.compiler.resolve.Builtins.OBSERVABLES.keySet());
    assertEquals(new java.util.TreeSet<>(expected), new java.util.TreeSet<>(observables.subList(0, expected.size())),
        "observables first: " + observables);
    assertEquals(List.of(), complete(t, pos(t, "import models", "models", 3)).stream()
        .filter(n -> !List.of("models", "datasets").contains(n)).collect(Collectors.toList()));
  }

  @Test
  void shutdownThenExitEndsTheServerWithCodeZero() throws Exception {
    open(SCRIPT);
    nextDiagnostics();
    get(server.shutdown());
    server.exit();
    assertEquals(0, get(served));
  }

  /** Collects what the server publishes; the server sends nothing else in these sessions. */
  private final class Client implements LanguageClient {
    @Override
    public void publishDiagnostics(PublishDiagnosticsParams diagnostics) {
      published.add(diagnostics);
    }

    @Override
    public void telemetryEvent(Object object) {}

    @Override
    public void showMessage(MessageParams messageParams) {}

    @Override
    public CompletableFuture<MessageActionItem> showMessageRequest(ShowMessageRequestParams requestParams) {
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public void logMessage(MessageParams message) {}
  }
}
