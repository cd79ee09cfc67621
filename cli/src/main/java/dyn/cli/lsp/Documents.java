package dyn.cli.lsp;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionList;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.DefinitionParams;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidCloseTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.DidSaveTextDocumentParams;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.DocumentSymbolParams;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.LocationLink;
import org.eclipse.lsp4j.MarkupContent;
import org.eclipse.lsp4j.MarkupKind;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.SymbolInformation;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.TextDocumentService;

/**
 * The open documents: each change is analysed at once (full-text sync; a study is a few
 * kilobytes) and its diagnostics published; requests answer from the latest analysis. LSP4J
 * calls these methods one at a time on its reader thread, in message order, so no request sees
 * a half-updated document.
 */
final class Documents implements TextDocumentService {
  private final Analyzer analyzer;
  private final Completions completions;
  private final Map<String, Analysis> open = new ConcurrentHashMap<>();
  private LanguageClient client;

  Documents(Path stdlib, int maxChars) {
    this.analyzer = new Analyzer(stdlib, maxChars);
    this.completions = new Completions(stdlib);
  }

  void connect(LanguageClient client) {
    this.client = client;
  }

  @Override
  public void didOpen(DidOpenTextDocumentParams params) {
    update(params.getTextDocument().getUri(), params.getTextDocument().getText());
  }

  @Override
  public void didChange(DidChangeTextDocumentParams params) {
    List<TextDocumentContentChangeEvent> changes = params.getContentChanges();
    if (changes == null || changes.isEmpty()) return;
    // Full sync: the last change holds the whole text.
    update(params.getTextDocument().getUri(), changes.get(changes.size() - 1).getText());
  }

  @Override
  public void didClose(DidCloseTextDocumentParams params) {
    String uri = params.getTextDocument().getUri();
    if (open.remove(uri) != null && client != null) client.publishDiagnostics(new PublishDiagnosticsParams(uri, List.of()));
  }

  @Override
  public void didSave(DidSaveTextDocumentParams params) {
    // The text is already current: every change was sent.
  }

  private void update(String uri, String text) {
    if (uri == null || text == null) return;
    Analysis a = analyzer.analyze(uri, text);
    Analysis before = open.get(uri);
    if (a.recordable().isEmpty() && before != null && !before.recordable().isEmpty()) {
      // Mid-edit (`report table(gd.` never compiles) the last text that did says what each train
      // records; without it `gd.` offered all 20 observables.
      a = a.withRecordable(before.recordable());
    }
    open.put(uri, a);
    if (client != null) client.publishDiagnostics(new PublishDiagnosticsParams(uri, LspDiagnostics.of(a)));
  }

  @Override
  public CompletableFuture<Either<List<CompletionItem>, CompletionList>> completion(CompletionParams params) {
    Analysis a = document(given(params, "textDocument/completion").getTextDocument());
    int offset = a.positions().offset(given(params.getPosition(), "a position"));
    return CompletableFuture.completedFuture(Either.forRight(new CompletionList(false, completions.at(a, offset))));
  }

  @Override
  public CompletableFuture<Hover> hover(HoverParams params) {
    Analysis a = document(given(params, "textDocument/hover").getTextDocument());
    int offset = a.positions().offset(given(params.getPosition(), "a position"));
    Hover hover = Lookup.at(a, offset)
        .map(m -> new Hover(new MarkupContent(MarkupKind.MARKDOWN, m.markdown()), a.positions().range(m.word().span())))
        .orElse(null);
    return CompletableFuture.completedFuture(hover);
  }

  @Override
  public CompletableFuture<Either<List<? extends Location>, List<? extends LocationLink>>> definition(DefinitionParams params) {
    Analysis a = document(given(params, "textDocument/definition").getTextDocument());
    int offset = a.positions().offset(given(params.getPosition(), "a position"));
    List<Location> out = new ArrayList<>();
    Lookup.at(a, offset).flatMap(Lookup.Meaning::declaration).ifPresent(d -> {
      boolean here = d.source().path().equals(a.source().path());
      Positions positions = here ? a.positions() : new Positions(d.source().text());
      out.add(new Location(here ? a.uri() : LspDiagnostics.uriOf(d.source().path()), positions.range(d.nameSpan())));
    });
    return CompletableFuture.completedFuture(Either.forLeft(out));
  }

  @Override
  public CompletableFuture<List<Either<SymbolInformation, DocumentSymbol>>> documentSymbol(DocumentSymbolParams params) {
    Analysis a = document(given(params, "textDocument/documentSymbol").getTextDocument());
    List<Either<SymbolInformation, DocumentSymbol>> out = new ArrayList<>();
    for (DocumentSymbol s : Symbols.of(a)) out.add(Either.forRight(s));
    return CompletableFuture.completedFuture(out);
  }

  /**
   * A part of a request that must be there; its absence is invalid params (-32602), not an
   * internal error whose message leaked a NullPointerException.
   */
  private static <T> T given(T part, String what) {
    if (part == null) {
      throw new ResponseErrorException(new ResponseError(ResponseErrorCode.InvalidParams,
          what.startsWith("textDocument/") ? what + " needs params" : "the request lacks " + what, null));
    }
    return part;
  }

  /** The latest analysis of an open document; a request about any other is a protocol error. */
  private Analysis document(TextDocumentIdentifier id) {
    String uri = given(id, "a textDocument").getUri();
    Analysis a = uri == null ? null : open.get(uri);
    if (a == null) {
      throw new ResponseErrorException(new ResponseError(ResponseErrorCode.InvalidParams,
          "document not open: " + uri + " (send textDocument/didOpen first)", null));
    }
    return a;
  }
}
