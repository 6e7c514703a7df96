package io.tidings.config;

/** The one check every numeric option goes through, so that every refusal reads alike. */
final class OptionChecks {

  private OptionChecks() {
  }

  static int inRange(String name, int value, int min, int max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", got " + value);
    }
    return value;
  }
}
