/**
 * The {@code dyn} command: {@code run}, {@code check} and {@code plan}. Input: the command line;
 * output: the study's tables and verdicts on stdout, rendered diagnostics on stderr, and an exit
 * code from {@link dyn.cli.ExitCodes}. Compile problems and runtime failures are rendered the same
 * way; a Java stack trace is shown only with {@code --debug}.
 */
package dyn.cli;
