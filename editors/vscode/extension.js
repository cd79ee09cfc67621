// Starts `dyn lsp` (stdio) for .dyn files. Highlighting comes from syntaxes/dyn.tmLanguage.json (a copy of ../dyn.tmLanguage.json; EditorGrammarTest keeps them equal).
const vscode = require('vscode');
const { LanguageClient, TransportKind } = require('vscode-languageclient/node');

let client;

function activate(context) {
  const command = vscode.workspace.getConfiguration('dyn').get('command') || 'dyn';
  const server = { command, args: ['lsp'], transport: TransportKind.stdio };
  client = new LanguageClient('dyn', 'dyn language server', server, {
    documentSelector: [{ scheme: 'file', language: 'dyn' }],
  });
  client.start();
  context.subscriptions.push({ dispose: () => client && client.stop() });
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
