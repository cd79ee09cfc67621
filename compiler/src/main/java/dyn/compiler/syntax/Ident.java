package dyn.compiler.syntax;

import dyn.compiler.source.Span;

/** A name as written, with its own span (so a diagnostic can underline just the name). */
public record Ident(Span span, String name) implements Node {}
