package dyn.compiler.syntax;

import dyn.compiler.source.Span;

/** Every syntax node knows where it came from; the span is each record's first component. */
public interface Node {
  Span span();
}
