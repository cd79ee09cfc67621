package dyn.cli.lsp;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.eclipse.lsp4j.CompletionOptions;
import org.eclipse.lsp4j.DidChangeConfigurationParams;
import org.eclipse.lsp4j.DidChangeWatchedFilesParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.ServerCapabilities;
import org.eclipse.lsp4j.ServerInfo;
import org.eclipse.lsp4j.TextDocumentSyncKind;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageClientAware;
import org.eclipse.lsp4j.services.LanguageServer;
import org.eclipse.lsp4j.services.TextDocumentService;
import org.eclipse.lsp4j.services.WorkspaceService;

/**
 * The dyn language server: capabilities, and the lifecycle ({@code initialize}, {@code shutdown},
 * {@code exit}). The work is in {@link Documents}.
 */
public final class DynLanguageServer implements LanguageServer, LanguageClientAware {
  private final Documents documents;
  private final CompletableFuture<Integer> exited = new CompletableFuture<>();
  private volatile boolean shutdown;

  /**
   * @param stdlib the folder of {@code import NAME} modules
   * @param maxChars the largest document analysed (larger ones get one diagnostic saying so)
   */
  public DynLanguageServer(Path stdlib, int maxChars) {
    this.documents = new Documents(stdlib, maxChars);
  }

  @Override
  public void connect(LanguageClient client) {
    documents.connect(client);
  }

  @Override
  public CompletableFuture<InitializeResult> initialize(InitializeParams params) {
    ServerCapabilities caps = new ServerCapabilities();
    caps.setTextDocumentSync(TextDocumentSyncKind.Full);
    caps.setCompletionProvider(new CompletionOptions(false, List.of(".", "(", ",")));
    caps.setHoverProvider(true);
    caps.setDefinitionProvider(true);
    caps.setDocumentSymbolProvider(true);
    return CompletableFuture.completedFuture(new InitializeResult(caps, new ServerInfo("dyn", "0.1.0")));
  }

  @Override
  public CompletableFuture<Object> shutdown() {
    shutdown = true;
    return CompletableFuture.completedFuture(null);
  }

  /** The {@code exit} notification: 0 after a {@code shutdown}, 1 without one (as LSP specifies). */
  @Override
  public void exit() {
    exited.complete(shutdown ? 0 : 1);
  }

  /** Completes with the exit code when the client sends {@code exit}. */
  CompletableFuture<Integer> exited() {
    return exited;
  }

  boolean wasShutDown() {
    return shutdown;
  }

  @Override
  public TextDocumentService getTextDocumentService() {
    return documents;
  }

  @Override
  public WorkspaceService getWorkspaceService() {
    return workspace;
  }

  private final WorkspaceService workspace = new WorkspaceService() {
      @Override
      public void didChangeConfiguration(DidChangeConfigurationParams params) {
        // dyn has no settings yet.
      }

      @Override
      public void didChangeWatchedFiles(DidChangeWatchedFilesParams params) {
        // Open documents are analysed from their text; a changed stdlib is read at the next change.
      }
    };
}
