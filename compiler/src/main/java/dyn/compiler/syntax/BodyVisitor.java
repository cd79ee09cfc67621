package dyn.compiler.syntax;

/** Exhaustive dispatch over {@link Body}. */
public interface BodyVisitor<R> {
  R visitRequire(Body.Require b);

  R visitTensor(Body.Tensor b);

  R visitNeuron(Body.Neuron b);

  R visitLet(Body.Let b);

  R visitAssign(Body.Assign b);

  R visitFor(Body.For b);

  R visitReturn(Body.Return b);
}
