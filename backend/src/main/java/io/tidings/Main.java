package io.tidings;

import io.tidings.config.CommandLine;
import io.tidings.config.TidingsOptions;

import java.util.concurrent.TimeUnit;

/** {@code java -jar tidings.jar [options]}; {@code --help} lists the options. */
public final class Main {

  private Main() {
  }

  public static void main(String[] args) throws Exception {
    CommandLine command = new CommandLine();
    picocli.CommandLine parser = new picocli.CommandLine(command);
    TidingsOptions options;
    try {
      picocli.CommandLine.ParseResult parsed = parser.parseArgs(args);
      if (picocli.CommandLine.printHelpIfRequested(parsed)) {
        return;
      }
      options = command.toOptions();
    } catch (picocli.CommandLine.ParameterException | IllegalArgumentException e) {
      System.err.println("tidings: " + e.getMessage());
      System.err.println("Run with --help for the options.");
      System.exit(2);
      return;
    }
    Tidings tidings;
    try {
      tidings = Tidings.start(options).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      System.err.println("tidings: could not start on " + options.getHost() + ":" + options.getPort() + ": "
        + cause.getMessage());
      System.exit(1);
      return;
    }
    System.out.println("Tidings listening on http://" + displayHost(options.getHost()) + ":" + tidings.port() + "/");
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        tidings.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      } catch (Exception ignored) {
        // exiting anyway
      }
    }, "tidings-shutdown"));
  }

  private static String displayHost(String host) {
    return host.equals("0.0.0.0") ? "localhost" : host;
  }
}
