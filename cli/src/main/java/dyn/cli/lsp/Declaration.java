package dyn.cli.lsp;

import dyn.compiler.source.Source;
import dyn.compiler.source.Span;

/**
 * A name as declared somewhere a reader can be sent: in the open script, or in a stdlib module.
 *
 * @param kind what was declared
 * @param name the name
 * @param source the file it is in
 * @param nameSpan where the name is written (go-to-definition lands here)
 * @param span the whole declaration (document symbols, doc comments)
 * @param signature one line of dyn that introduces it: {@code model two_layer(d, width, out, act = linear)}
 */
record Declaration(Kind kind, String name, Source source, Span nameSpan, Span span, String signature) {
  /** Kinds of declaration, with the word hover uses for them. */
  enum Kind {
    PARAM("param"),
    DATA("dataset instance"),
    MODEL("model instance"),
    TRAIN("training run"),
    PREDICT("prediction"),
    COMPARE("comparison"),
    SWEEP("sweep"),
    LET("derived value"),
    MODEL_DEFINITION("model definition"),
    DATASET_DEFINITION("dataset definition"),
    HEADER("parameter"),
    TENSOR("trained tensor"),
    LOCAL("local value"),
    METRIC("sweep metric"),
    MODULE("stdlib module");

    final String word;

    Kind(String word) {
      this.word = word;
    }
  }
}
