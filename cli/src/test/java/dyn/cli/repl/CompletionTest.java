package dyn.cli.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dyn.compiler.plan.Observable;
import dyn.compiler.syntax.Tokens;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The REPL's tab completion: every keyword the lexer knows, commands, a train's observables. */
class CompletionTest {
  private static final Completion COMPLETION = new Completion(Path.of("stdlib"));

  private static List<String> complete(String buffer) {
    return COMPLETION.candidates(buffer, buffer.length(), List.of("net"), Map.of("gd", List.of(Observable.LOSS)));
  }

  /**
   * The keywords come from the lexer, so a statement added to the grammar is offered without a
   * second list to keep: the hand-written one lacked predict, compare and sweep.
   */
  @Test
  void everyKeywordOfTheLanguageIsOffered() {
    for (String k : Tokens.keywords()) {
      assertTrue(complete(k.substring(0, 2)).contains(k), k + " from " + k.substring(0, 2));
    }
    assertTrue(complete("pre").contains("predict"));
    assertTrue(complete("comp").contains("compare"));
    assertTrue(complete("swe").contains("sweep"));
  }

  @Test
  void commandsAtTheStartOfALineAndObservablesAfterATrain() {
    assertEquals(List.of(":quit"), complete(":q"));
    assertEquals(List.of("gd.loss"), complete("check final(gd."));
    assertTrue(complete("ne").contains("net"));
  }
}
