package dyn.runtime.graph;

import dyn.compiler.plan.Graph;
import dyn.runtime.backend.CpuBackend;

/** Compiles model graphs for one backend; the dynamics take one so a train step can run anywhere. */
@FunctionalInterface
public interface ProgramFactory {
  /** See {@link Program#compile}. */
  GraphProgram compile(Graph graph, int[][] paramShapes, int inputRows, int n);

  /** The CPU: {@link Program} over {@link CpuBackend}. */
  ProgramFactory CPU =
      (graph, shapes, inputRows, n) ->
          GraphProgram.of(Program.compile(graph, shapes, inputRows, n, CpuBackend.INSTANCE));
}
