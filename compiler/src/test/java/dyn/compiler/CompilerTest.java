package dyn.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dyn.compiler.plan.PlanPrinter;
import dyn.compiler.source.Source;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CompilerTest {
  static String resource(String name) throws IOException {
    try (InputStream in = CompilerTest.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void languageExampleCompiles() throws IOException {
    Compilation c = Compiler.compile(new Source("saddle.dyn", resource("plan/saddle.dyn")),
        new Compiler.Options(Map.of(), TestScripts.stdlib()));
    assertTrue(c.ok(), TestScripts.show(c.diagnostics()));
    System.out.println(PlanPrinter.print(c.plan().get()));
    System.out.println(dyn.compiler.plan.PlanJson.write(c.plan().get()));
  }
}
